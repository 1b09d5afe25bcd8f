"""What each field of a record means, in the clerk's words: the titles and descriptions of the
JSON Schema an editor shows while a record is typed (qaward schema). One entry per field of
records.py — a test fails when a field has none."""

from __future__ import annotations

from qaward_site import vocabulary as v

# field → (title, description); a model's own entry wins over the shared one
SHARED: dict[str, tuple[str, str]] = {
    "kind": ("记录类型", "这条记录是什么：决定了其余字段"),
    "id": ("编号", "整个内容目录中唯一，网站地址用它，发布后不要再改"),
    "cycle": ("评选届次", "所属届次（kind: cycle 记录）的编号"),
    "applicant": ("申报者", "申报者（kind: applicant 记录）的编号"),
    "doc_number": ("文号", "如 伊市政办规〔2025〕3号；没有印发文号的可以不写"),
    "title": ("标题", ""),
    "date": ("日期", ""),
    "note": ("备注", ""),
    "summary": ("摘要", "公开的简要说明"),
    "name": ("名称", ""),
    "address": ("地址", ""),
    "phone": ("电话", ""),
    "serious": ("情节严重", "办法对情节严重的另有处理（如禁止再次申报的年限）"),
    "ban_until": ("不予受理至", "禁止再次申报的最后一天（含当日）；不写则按办法计算"),
    "grounds": ("理由", ""),
    "level": ("奖项等级", "质量奖或提名奖"),
    "start": ("开始日", "公示第一天"),
    "end": ("结束日", "公示最后一天（含当日）"),
    "year": ("年度", ""),
    "corrections": (
        "更正",
        "已发布的内容改变时必须写：每次一项，date 更正日期、note 更正原因（公众会看到）；"
        "原来的版本留在网站上",
    ),
}

BY_MODEL: dict[str, dict[str, tuple[str, str]]] = {
    "Ordinance": {
        "kind": ("记录类型", "ordinance：一部评定管理办法"),
        "jurisdiction": ("地区编号", "评选所在地区：每个地区一个评选项目"),
        "jurisdiction_name": ("地区名称", "如 伊宁市"),
        "parent": ("上级地区编号", "可选"),
        "title": ("办法名称", "如 伊宁市人民政府质量奖评定管理办法"),
        "issuer": ("印发机关", ""),
        "issued": ("印发日期", ""),
        "effective": ("施行日期", ""),
        "expires": ("有效期至", "办法写明的有效期最后一天；未写明则不填"),
        "repeals": ("废止的文件", "文号列表"),
        "office": ("日常工作机构", "负责评选日常工作的办公室"),
        "text": ("全文文件", "与本文件同目录的办法全文（.md），保留章、条、款、项"),
        "supervision": ("监督投诉渠道", "办法写明的监督、投诉渠道"),
        "supervision_contact": ("监督投诉渠道的联系方式", "地址、电话；办公室提供时网站照此公布"),
        "award_name": (
            "奖项名称",
            "办法对奖项的称呼，如 乌鲁木齐市人民政府质量奖（市质量奖）；不写则为 <地区名称>政府质量奖",
        ),
        "unverified": (
            "待核对的字段",
            "这些字段的值还是占位，未按办法原文核对：网站显示为“待核对”",
        ),
        "calendar": (
            "工作日历",
            "计算工作日所用的日历层：national 之外，新疆的还应写 xinjiang（肉孜节、古尔邦节）",
        ),
    },
    "Cycle": {
        "kind": ("记录类型", "cycle：一届评选"),
        "ordinance": ("依据办法", "本届评选依据的办法（kind: ordinance 记录）的编号"),
        "year": ("年度", "评选年度"),
        "call_published": ("申报通知日期", "申报条件按这一天判断"),
        "office_contact": ("受理异议的机构", "每条公示和“如何提出异议”都会显示"),
        "title": ("届次名称", "可选，如 2026年度伊宁市人民政府质量奖"),
    },
    "Contact": {
        "name": ("机构名称", ""),
        "address": ("通讯地址", ""),
        "phone": ("联系电话", ""),
        "postcode": ("邮政编码", ""),
        "person": ("联系人", "公布的联系人（姓名或岗位），办公室自定"),
        "email": ("电子邮箱", "可选"),
    },
    "Applicant": {
        "kind": ("记录类型", "applicant：一个申报者"),
        "type": ("申报类型", "organization 组织 / individual 个人"),
        "name": ("单位名称或姓名", ""),
        "credit_code": ("统一社会信用代码", "组织必填（没有自己代码的内设机构除外）"),
        "parent_credit_code": (
            "所属组织统一社会信用代码",
            "内设机构、分支机构、班组没有自己的代码时填写",
        ),
        "established": ("成立日期", ""),
        "legal_person": ("独立法人", ""),
        "new_economy": ("新技术、新产业、新业态、新模式", ""),
        "sector": ("所属行业", ""),
        "recommender": ("推荐单位", ""),
        "employer": ("工作单位", "个人申报者"),
        "id_number": ("身份证号", "个人申报者必填；校验后保存，永不公开"),
        "top_manager": ("组织最高管理者", "个人申报者是否为其组织的最高管理者"),
        "incidents": ("事故、违法和信用事项", "申报或查实的事项，资格审查和撤销奖励据此判断"),
        "stages": ("评审经过", "依次写明各阶段：公示写 start/end，评审写 date/result"),
        "confidential": ("不公开的项目", "属于商业秘密等不在网站上公开的字段"),
    },
    "Incident": {
        "date": ("发生日期", ""),
        "kind": ("事项类型", ""),
        "grade": ("事故等级", "一般、较大、重大、特别重大；办法按等级规定时必填"),
        "until": ("有效至", "信用记录等持续性记录不再有效（已修复、不再公示）的日期"),
    },
    "Stage": {
        "stage": ("评审阶段", ""),
        "date": ("日期", "评审阶段的日期"),
        "result": ("结果", "passed 通过 / failed 未通过 / returned 退回补报"),
        "reason": (
            "退回原因",
            "incomplete 资料不完整（可补报，缺省即此）/ untrue 资料不真实 / ineligible 条件不符合 / "
            "fraud 弄虚作假（后三者当年不得补报）",
        ),
    },
    "Notice": {
        "kind": ("记录类型", "notice：一份公示"),
        "stage": ("公示阶段", ""),
        "title": ("公示标题", ""),
        "index_number": ("索引号", "政务公开目录的索引号，办公室有则填写"),
        "subject": ("主题分类", "政务公开的主题分类，如 质量监督"),
        "published": ("发布日期", ""),
        "entries": ("公示名单", "每项写申报者编号，拟获奖名单公示另写奖项等级"),
        "body": ("公示正文", "可选：另加的说明文字"),
        "former_ids": ("曾用编号", "改过编号的公示：原编号的网址转到本公示，已发布的网址不会失效"),
    },
    "Correction": {
        "date": ("更正日期", "这一天起网站显示更正后的内容"),
        "note": ("更正说明", "为什么更正、改了什么：公开显示在页面顶部和更正记录中"),
    },
    "NoticeEntry": {"level": ("拟授奖项", "拟获奖名单公示：不写即质量奖")},
    "Objection": {
        "kind": ("记录类型", "objection：一件异议"),
        "notice": ("针对的公示", "公示（kind: notice 记录）的编号"),
        "applicant": ("被提出异议的申报者", ""),
        "received": ("收到日期", ""),
        "written": ("书面提出", ""),
        "objector": ("异议人", "身份信息永不公开"),
        "forwarded": ("转交日期", "转交有关部门或推荐单位核实的日期"),
        "reported": ("报告日期", "核实情况报告的日期"),
        "accepted": ("受理日期", ""),
        "receipt": ("书面回执日期", "受理异议的书面回执（大庆 第二十二条）"),
        "outcome": ("处理结果", ""),
        "prohibited": ("涉及禁止性条件", "异议成立且涉及禁止性条件的，取消申报资格"),
        "decided": ("处理完毕日期", ""),
        "summary": ("异议摘要", "公开的简要说明，不得含异议人身份"),
    },
    "Objector": {
        "type": ("异议人类型", "individual 个人 / organization 单位 / anonymous 匿名"),
        "name": ("姓名或单位名称", "永不公开"),
        "id_number": ("身份证号", "永不公开"),
        "phone": ("联系电话", "永不公开"),
        "address": ("通讯地址或住所", "永不公开"),
        "sealed": ("加盖单位公章", ""),
        "signed": ("本人签名", ""),
        "identity_proof": ("附身份证明", ""),
    },
    "Decision": {
        "kind": ("记录类型", "decision：表彰决定"),
        "date": ("决定日期", ""),
        "awards": ("授奖名单", ""),
        "title": ("决定标题", "可选"),
    },
    "Award": {
        "applicant": ("获奖者", "申报者编号"),
        "prize_yuan": ("奖金（元）", "不写则按办法"),
    },
    "Revocation": {
        "kind": ("记录类型", "revocation：撤销奖励"),
        "date": ("撤销日期", ""),
        "event_date": ("事项发生日期", ""),
        "grade": ("事故等级", "理由为事故时"),
        "recovered": ("收回", "证书、奖牌、奖金"),
    },
    "Disqualification": {
        "kind": ("记录类型", "disqualification：取消申报资格"),
        "date": ("取消日期", ""),
    },
    "CalendarYear": {
        "kind": (
            "记录类型",
            "calendar：一年的放假与调休（放在 calendar/<日历层>-<年>.yml 可省略）",
        ),
        "layer": ("日历层", "national 全国，或地区的日历层（如 xinjiang）"),
        "year": ("年份", ""),
        "holidays": ("放假日", "落在周一至周五的放假日"),
        "workdays": ("调休上班日", "调为上班的周六、周日"),
        "source": ("依据", "发布安排的通知"),
        "example": ("示例数据", "不是正式安排（网站会注明）"),
        "title": ("通知标题", "可写在 source 下，也可直接写在这里"),
        "document": ("通知文号", "可写在 source 下，也可直接写在这里"),
        "date": ("通知日期", "可写在 source 下，也可直接写在这里"),
    },
    "Rulebook": {
        "kind": ("记录类型", "rulebook：一部办法的各项规则（数值、条款、未规定或待核对）"),
        "id": ("编号", "可不写：默认为 <办法编号>-rules"),
        "ordinance": ("办法", "这些规则所属的办法（kind: ordinance 记录）的编号"),
        "rules": (
            "规则",
            "规则编号 → {article: 第X条, 各项数值} 或 {silent: 办法未作规定的说明} 或 {unknown: 待核对的原因}",
        ),
    },
    "CalendarSource": {
        "title": ("通知标题", "如 国务院办公厅关于2027年部分节假日安排的通知"),
        "document": ("文号", ""),
        "date": ("发布日期", ""),
    },
}

# the Chinese words of a code list, by the field that holds it
ENUM_NAMES: dict[tuple[str, str], dict[str, str]] = {
    ("Applicant", "type"): v.TYPE_NAMES,
    ("Applicant", "confidential"): {},
    ("Stage", "stage"): v.STAGE_NAMES,
    ("Stage", "result"): {"passed": "通过", "failed": "未通过", "returned": "退回补报"},
    ("Stage", "reason"): v.RETURN_REASON_NAMES,
    ("Notice", "stage"): v.STAGE_NAMES,
    ("NoticeEntry", "level"): v.LEVEL_NAMES,
    ("Award", "level"): v.LEVEL_NAMES,
    ("Incident", "kind"): v.INCIDENT_NAMES,
    ("Incident", "grade"): v.GRADE_NAMES,
    ("Revocation", "grade"): v.GRADE_NAMES,
    ("Revocation", "grounds"): v.GROUNDS_NAMES,
    ("Revocation", "recovered"): v.RECOVER_NAMES,
    ("Disqualification", "grounds"): v.GROUNDS_NAMES,
    ("Objection", "outcome"): v.OUTCOME_NAMES,
    ("Objector", "type"): {"individual": "个人", "organization": "单位", "anonymous": "匿名"},
}


def field_doc(model: str, field: str) -> tuple[str, str] | None:
    return BY_MODEL.get(model, {}).get(field) or SHARED.get(field)


# the figures of a rulebook (content/ordinances/<id>.rules.yml), by field of rules/params.py
FIGURE_DOCS: dict[str, tuple[str, str]] = {
    "article": (
        "条款",
        "规定这条规则的条款，如 第三条第二款、第十一条（八）：须是办法全文中有的条款",
    ),
    "articles": ("分项条款", "某一环节、某类情形另有条款的：环节或情形的代码 → 条款"),
    "years": ("年数", "以年计的数值（每N年评选一次、近N年、N年内）"),
    "levels": ("各奖项", "奖项代码 → 数值（award 质量奖，nomination 提名奖；null 表示办法未限）"),
    "types": ("申报者类型", "organization 组织，individual 个人"),
    "in_principle": ("原则上", "办法写“原则上”：超出是提醒，不是错误"),
    "sub_units": ("内设机构可申报", "没有独立统一社会信用代码的分支、内设、派出机构或班组可以申报"),
    "new_economy_years": ("新业态年数", "新技术、新产业、新业态、新模式组织的运营年限"),
    "legal_person": ("须为独立法人", ""),
    "conditions": (
        "申报条件",
        "每项禁止性条件：条款、情形、年限（近N年，不写则不限）、事故等级、适用对象",
    ),
    "kinds": (
        "情形",
        "accident 事故、serious_violation 违法违规、credit_record 不良信用记录、failed_inspection 抽检不合格、major_complaint 重大投诉、severe_loss 严重亏损",
    ),
    "accident_grade": (
        "事故等级",
        "条款所指的最低等级：general 一般、larger 较大、major 重大、especially_major 特别重大",
    ),
    "who": ("适用对象", "organization 组织、individual 个人、top_manager 组织主要负责人"),
    "unit": ("计算单位", "workdays 工作日，days 日历日"),
    "stages": ("各环节", "环节代码 → 公示天数"),
    "exact": ("公示期恰为", "办法写“公示期为N天”：多于N天也不符合"),
    "sequence": ("评审环节顺序", "办法规定的环节代码，按顺序"),
    "organisations_only": ("仅组织参加的环节", "个人申报者不参加的环节"),
    "when": ("何时提出", "办法原文对提出异议时间的表述"),
    "within_publicity": ("限公示期内", "只能在公示期内提出异议"),
    "written": ("书面形式", "异议须以书面形式提出"),
    "individual": (
        "个人应写明",
        "个人异议书的要素：name 署名、signed 本人签名、id_number 身份证号码、phone 电话、address 地址、contact 联系方式、identity_proof 身份证明",
    ),
    "organization": (
        "单位应写明",
        "单位异议书的要素：address 住所、phone 电话、contact 联系方式、sealed 公章",
    ),
    "anonymous_refused": ("不受理匿名", ""),
    "forward_workdays": ("转送时限", "收到异议后几个工作日内转送审核推荐单位"),
    "report_workdays": ("报告时限", "转送后几个工作日内书面报告调查情况"),
    "accept_workdays": ("受理审查时限", "收到异议后几个工作日内作出是否受理的决定"),
    "receipt": ("出具书面凭证", "受理的异议出具书面凭证"),
    "stays_in_review": ("继续参评", "异议审查期间被异议者继续参加评审"),
    "evidence_deadline": ("逾期视为放弃", "未按时提供证明材料视为放弃异议"),
    "optional": (
        "可选环节",
        "条文在另一环节中提到、记录时按顺序接受但不要求的环节（如新疆第十一条（八）形成评审报告）",
    ),
    "no_sale": ("不得出售出租", "不得出售、出租证书、奖牌，或者将其用于营利性活动"),
    "violations": (
        "撤销的违法违规情形",
        "serious 严重违法违规（多数办法）/ any 任何违法、违纪、违规行为（如大庆市第三十二条）",
    ),
    "liability": ("责任事故", "条款只禁申报者负有责任的事故（如伊宁市第八条（五）“责任事故”）"),
    "bars": (
        "禁止的行为",
        "filing 申报（不予受理其申报、不得申报）/ review 参加评审（不得参加评审）",
    ),
    "evidence_note": (
        "证明材料期限（原文）",
        "办法对未按时提供证明材料后果的原文表述（网站照此显示）",
    ),
    "upheld_removes": ("查实即取消", "异议查实属禁止性规定的取消资格；false：由某一机构决定"),
    "upheld_note": ("查实后的处理", "办法对异议查实后如何处理的原文表述（网站照此显示）"),
    "validity_years": ("有效期年数", "获奖的有效期"),
    "amounts": ("奖金（元）", "奖项代码 → 金额"),
    "repeat_award": ("再次获奖的奖金", "再次获得质量奖的奖金（元）"),
    "ban_years": ("禁止年数", "N年内不予受理其申报"),
    "serious_ban_years": ("情节严重的禁止年数", ""),
    "recover": ("收回", "certificate 证书、plaque 奖牌、prize_money 奖金"),
    "covers_disqualification": ("也适用于未获奖者", "弄虚作假尚未获奖的，同样取消资格并禁止申报"),
    "credit_system": ("记入信用系统", ""),
    "grounds": ("撤销情形", "获奖后发生即撤销的情形代码"),
    "with_year": ("须注明年度", "使用称号须注明获奖年度"),
    "not_on_products": ("不得用于产品", "不得将称号用于产品及其包装"),
    "applicants": ("可申报者（原文）", "办法对可申报者的表述，网站照此显示"),
    "form": ("决定的形式", "表彰 或 表扬（办法的用词）"),
    "note": ("说明", ""),
}
