"""Every code the records use and the Chinese words the site, the check and the browser show for
it: one table each, read by Python, handed to the templates and written for the browser
(assets/vocabulary.js)."""

from __future__ import annotations

import json
from datetime import date

# what the command says when Ctrl-C stops it, whenever that is (__main__, cli)
INTERRUPTED = "已中断：没有完成的操作不会留下半成品"

STAGE_NAMES: dict[str, str] = {
    "internal_publicity": "内部公示",
    "recommendation": "审核推荐",
    "recommendation_publicity": "审核推荐公示",
    "eligibility_review": "资格审查",
    "acceptance_publicity": "受理名单公示",
    "material_review": "材料评审",
    "defense": "陈述答辩",
    "site_review": "现场评审",
    "comprehensive_evaluation": "综合评价",
    "deliberation": "审议",
    "proposal_publicity": "拟获奖名单公示",
    "approval": "审定",
}
PUBLICITY_STAGES = {code for code in STAGE_NAMES if code.endswith("_publicity")}
# the stages that are the review itself (评审): what 不得参加评审 bars
REVIEW_STAGES = (
    "material_review",
    "defense",
    "site_review",
    "comprehensive_evaluation",
    "deliberation",
)
BARRED_ACT_NAMES = {"filing": "申报", "review": "参加评审"}
BAN_WORDS = {"filing": "不予受理其申报", "review": "不得参加评审"}  # as the site states a ban
# the publicity the office itself publishes as a notice record (内部公示 is the units' own)
NOTICE_STAGES = ("recommendation_publicity", "acceptance_publicity", "proposal_publicity")
# why a review stage returned an application (records.md): only incomplete may be resubmitted
RETURN_REASON_NAMES = {
    "incomplete": "资料不完整",
    "untrue": "资料不真实",
    "ineligible": "条件不符合",
    "fraud": "弄虚作假",
}
LEVEL_NAMES = {"award": "质量奖", "nomination": "提名奖"}
TYPE_NAMES = {"organization": "组织", "individual": "个人"}
INCIDENT_NAMES = {
    "accident": "质量、安全、环保等事故",
    "major_accident": "重大质量、安全、环保等事故",
    "serious_violation": "违法违规行为",
    "credit_record": "不良信用记录",
    "failed_inspection": "质量抽检不合格",
    "major_complaint": "重大质量投诉",
    "severe_loss": "严重经营性亏损",
}
GRADE_NAMES = {"general": "一般", "larger": "较大", "major": "重大", "especially_major": "特别重大"}
GRADES = tuple(GRADE_NAMES)  # in order: an accident of a grade is "at least" every grade before
GROUNDS_NAMES = {
    "fraud": "以欺骗、贿赂等不正当手段获奖",
    "accident": "发生重大质量、安全、环保等事故",
    "serious_violation": "严重违法违规行为",
    "credit_record": "不良信用记录",
    "failed_inspection": "质量抽检不合格",
    "major_complaint": "重大质量投诉",
    "severe_loss": "严重经营性亏损",
    "false_materials": "隐瞒有关情况或提供虚假材料",
    "objection_upheld": "异议查证属实",
    "other": "其他",
}
RECOVER_NAMES = {"certificate": "证书", "plaque": "奖牌", "prize_money": "奖金"}
OBJECTION_PARTS = {
    "name": "署名",
    "signed": "本人签名",
    "id_number": "身份证号码",
    "phone": "联系电话",
    "address": "通讯地址（住所）",
    "contact": "联系方式",
    "identity_proof": "身份证明",
    "sealed": "单位公章",
}
OUTCOME_NAMES = {
    "upheld": "异议成立",
    "dismissed": "异议不成立",
    "not_accepted": "不予受理",
    "withdrawn": "已撤回",
    "pending": "处理中",
}
LAYER_NAMES = {"national": "全国（国务院办公厅通知）", "xinjiang": "新疆维吾尔自治区"}
STATE_NAMES = {"valid": "有效", "revoked": "已撤销", "expired": "已满有效期"}
ORDINANCE_STATE_NAMES = {"in_force": "现行有效", "expired": "已失效", "pending": "尚未施行"}
PERIOD_STATE_NAMES = {"upcoming": "未开始", "open": "公示中", "ended": "已结束"}
UNIT_NAMES = {"workdays": "个工作日", "days": "天"}


def accident_name(least_grade: str) -> str:
    """An article's accidents from the grade it names up: 较大以上质量、安全、环保等事故."""
    if least_grade == "general":
        return INCIDENT_NAMES["accident"] + "（不论等级）"
    return f"{GRADE_NAMES[least_grade]}以上{INCIDENT_NAMES['accident']}"


def cn_date(day: date | str | None) -> str:
    if isinstance(day, str):  # an ISO date read back from JSON (the published record)
        day = date.fromisoformat(day) if day else None
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def names(codes, table: dict[str, str]) -> str:
    return "、".join(table.get(c, c) for c in codes)


def for_browser() -> str:
    """The tables the browser's scripts show, as a script that defines them."""
    tables = {
        "state": STATE_NAMES,
        "ordinance_state": ORDINANCE_STATE_NAMES,
        "period_state": PERIOD_STATE_NAMES,
        "unit": UNIT_NAMES,
    }
    return "window.QAWARD_VOCABULARY = " + json.dumps(tables, ensure_ascii=False) + ";\n"
