"""Synthetic but valid content of any size, for the benchmark: the five programmes' cycles in the
years their ordinances are in force, every applicant passing every stage, so the check runs every
rule and finds nothing."""

from __future__ import annotations

import hashlib
import shutil
import zlib
from datetime import date, timedelta
from pathlib import Path

from stdnum.cn import uscc

from qaward_site.calendar.workdays import WorkCalendar, years_after
from qaward_site.records.calendars import Calendars
from qaward_site.records.config import SiteConfig
from qaward_site.records.content import load
from qaward_site.records.yamlsource import dump_record
from qaward_site.rules.books import rulebooks
from qaward_site.vocabulary import NOTICE_STAGES

# (cycle year, call date) per ordinance: inside the ordinance's force, two years apart, and in
# years the calendar package covers
CYCLES = {
    "yining-2025": [2026],
    "xinjiang-2023": [2024, 2026],
    "wuwei-2022": [2022, 2024, 2026],
    "panzhihua-2022": [2023, 2025],
    "daqing-2018": [2020, 2022, 2024, 2026],
}
REGION = {
    "yining": "654002",
    "xinjiang": "650100",
    "wuwei": "620602",
    "panzhihua": "510402",
    "daqing": "230600",
}
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CAL = WorkCalendar()  # write() sets each programme's own calendar while it writes that programme


PLACES = [
    "天山",
    "昆仑",
    "祁连",
    "金沙",
    "松花",
    "嘉陵",
    "伊犁",
    "塔里木",
    "阿尔泰",
    "贺兰",
    "太行",
    "洞庭",
    "鄱阳",
    "黄河",
    "长江",
    "珠江",
    "大兴安岭",
    "横断",
    "秦岭",
    "武夷",
]
BRANDS = [
    "宏达",
    "恒信",
    "瑞丰",
    "华泰",
    "永兴",
    "鑫源",
    "博远",
    "安康",
    "德润",
    "金盛",
    "新锐",
    "立诚",
    "嘉禾",
    "中科",
    "汇通",
    "盛世",
    "弘毅",
    "万方",
    "锦程",
    "卓越",
    "龙腾",
    "凯旋",
    "华夏",
    "天成",
    "正和",
    "明德",
    "信达",
    "同创",
    "兴业",
    "丰源",
]
TRADES = [
    "精密机械",
    "乳业",
    "新材料",
    "生物科技",
    "物流",
    "纺织",
    "电子",
    "食品",
    "建材",
    "化工",
    "医药",
    "能源",
    "农机",
    "酿造",
    "环保",
    "信息技术",
    "仪器仪表",
    "汽车零部件",
    "包装",
    "工程建设",
    "检测认证",
    "冶金",
    "光伏",
    "家具",
    "服装",
    "印刷",
    "陶瓷",
    "制冷",
    "水务",
    "养老服务",
]
FORMS = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]


def a_name(n: int) -> str:
    """A varied, realistic organisation name for applicant n (distinct for every n)."""
    return (
        PLACES[n % 20]
        + BRANDS[(n // 20) % 30]
        + TRADES[(n // 600) % 30]
        + FORMS[(n // 18000) % 4]
        + ("" if n < 72000 else f"第{n // 72000}分公司")
    )


def credit_code(region: str, seed: str) -> str:
    digest = hashlib.sha1(seed.encode()).digest()
    body = "91" + region + "".join(ALPHABET[b % 31] for b in digest[:9])
    return body + uscc.calc_check_digit(body)


def next_workday(day: date) -> date:
    while not CAL.is_workday(day):
        day += timedelta(days=1)
    return day


def schedule(sequence, period, start: date) -> dict[str, tuple[date, date]]:
    """Dates for every stage in order, each after the last, publicity periods long enough."""
    out, day = {}, next_workday(start)
    for code in sequence:
        if code == "approval":
            break
        if code.endswith("_publicity"):
            # a stage the ordinance sets no period for (a unit's own 内部公示): five working days
            end = period.earliest_end(code, day, CAL) or CAL.period_end(day, 5)
            out[code] = (day, end)
        else:
            out[code] = (day, day)
            end = day
        day = next_workday(end + timedelta(days=7))
    return out


def write(root: Path, applicants: int, demo: Path) -> dict[str, int]:
    """Write a content folder with about `applicants` applicant records. Returns counts."""
    global CAL
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(demo / "ordinances", root / "ordinances")
    shutil.copytree(demo / "calendar", root / "calendar")
    demo_content = load(root)
    calendars = Calendars.load(demo_content, SiteConfig())
    books = rulebooks(demo_content)
    cycles = [(o, y) for o, years in CYCLES.items() for y in years]
    per_cycle = max(1, applicants // len(cycles))
    counter = [0]  # numbers every applicant of the programme, for its name
    counts = dict.fromkeys(
        ("applicant", "notice", "decision", "objection", "revocation", "cycle"), 0
    )
    for ordinance, year in cycles:
        CAL = calendars.of(demo_content.records[ordinance])
        book = books[ordinance]
        pub = book.figure("publicity-period")
        dates = schedule(book.figure("stage-order").sequence, pub, date(year, 3, 2))
        folder, cid = _cycle(root, ordinance, year)
        counts["cycle"] += 1
        own = {c: v for c, v in dates.items() if not _published_by_office(c, pub.stages)}
        ids = _applicants(folder, cid, ordinance, year, own, per_cycle, counter)
        counts["applicant"] += per_cycle
        winners = ids[: min(2, len(ids))]
        counts["notice"] += _notices(folder, cid, year, pub, own, dates, ids, winners)
        _decision(folder, cid, year, book, dates, winners)
        counts["decision"] += 1
        latest = year == CYCLES[ordinance][-1]
        for k, v in _cases(folder, cid, ordinance, book, ids, winners, dates, latest).items():
            counts[k] = counts.get(k, 0) + v
    return counts


def _cycle(root: Path, ordinance: str, year: int) -> tuple[Path, str]:
    jurisdiction = ordinance.split("-")[0]
    cid = f"{jurisdiction}-y{year}"  # not {jurisdiction}-{year}: wuwei-2022 is an ordinance
    folder = root / "cycles" / cid
    for sub in ("applicants", "notices", "objections", "revocations"):
        (folder / sub).mkdir(parents=True)
    _put(
        folder / "cycle.yml",
        {
            "kind": "cycle",
            "id": cid,
            "ordinance": ordinance,
            "year": year,
            "call_published": date(year, 3, 2),
            "office_contact": {
                "name": f"{jurisdiction}质量奖办公室",
                "address": "某市某路1号",
                "phone": "0000-1234567",
            },
        },
    )
    return folder, cid


def _applicants(folder, cid, ordinance, year, own, per_cycle, counter) -> list[str]:
    """Applicants that passed every stage the office does not publish as a notice."""
    jurisdiction = ordinance.split("-")[0]
    ids = []
    for n in range(1, per_cycle + 1):
        counter[0] += 1
        aid = f"{cid}-{n:05d}"
        ids.append(aid)
        stages = [
            {"stage": c, "start": s, "end": e}
            if c.endswith("_publicity")
            else {"stage": c, "date": s, "result": "passed"}
            for c, (s, e) in own.items()
        ]
        _put(
            folder / "applicants" / f"{n:05d}.yml",
            {
                "kind": "applicant",
                "id": aid,
                "cycle": cid,
                "type": "organization",
                "name": a_name(counter[0]),
                "credit_code": credit_code(REGION[jurisdiction], aid),
                "established": date(year - 12, 1, 1),
                "legal_person": True,
                "sector": "通用设备制造",
                "recommender": "某市工业和信息化局",
                "stages": stages,
            },
        )
    return ids


def _notices(folder, cid, year, pub, own, dates, ids, winners) -> int:
    """The office's notices: everyone listed, the winners on the proposal. Returns how many."""
    written = 0
    for code in pub.stages:
        if code in own or code not in dates:
            continue
        listed = winners if code == "proposal_publicity" else ids
        start, end = dates[code]
        _put(
            folder / "notices" / f"{cid}-{code}.yml",
            {
                "kind": "notice",
                "id": f"{cid}-{code.replace('_', '-')}",
                "cycle": cid,
                "stage": code,
                "title": f"{year}年度公示",
                "published": start,
                "start": start,
                "end": end,
                "entries": [
                    {"applicant": a, "level": "award"}
                    if code == "proposal_publicity"
                    else {"applicant": a}
                    for a in listed
                ],
            },
        )
        written += 1
    return written


def _decision(folder, cid, year, book, dates, winners) -> None:
    prize = book.stated("prize")
    # every credit code is new in each cycle, so each award is a first award
    amount = prize.amounts.get("award") if prize is not None else None
    _put(
        folder / "decision.yml",
        {
            "kind": "decision",
            "id": f"{cid}-decision",
            "cycle": cid,
            "doc_number": f"某政发〔{year}〕1号",
            "title": f"关于表彰{year}年度政府质量奖获奖组织的决定",
            "date": dates["proposal_publicity"][1] + timedelta(days=10),
            "awards": [
                {"applicant": a, "level": "award"} | ({"prize_yuan": amount} if amount else {})
                for a in winners
            ],
        },
    )


def _cases(folder, cid, ordinance, book, ids, winners, dates, latest) -> dict[str, int]:
    """Objections (about one per 200 applicants), a disqualification per cycle, and a revocation
    per decided cycle but the latest: the proportions of a real programme."""
    counts = {"objection": 0, "revocation": 0, "disqualification": 0}
    notice_stage = next(
        c
        for c in ("acceptance_publicity", "proposal_publicity")
        if c in book.figure("publicity-period").stages
    )
    received = dates[notice_stage][0]
    deadlines = book.stated("objection-deadlines")
    for k, target in enumerate(ids[::200][:50]):
        record = {
            "kind": "objection",
            "id": f"{cid}-obj-{k:03d}",
            "applicant": target,
            "notice": f"{cid}-{notice_stage.replace('_', '-')}",
            "received": received,
            "objector": {
                "type": "organization",
                "name": f"{cid}异议单位{k}号",
                "phone": f"139{zlib.crc32(cid.encode()) % 10000:04d}{k:04d}",  # same on every run
                "address": f"某市某区某路{k}号{cid}",
                "sealed": True,
            },
            "outcome": "dismissed",
        }
        if deadlines is not None and deadlines.accept_workdays:
            record |= {
                "accepted": CAL.add_workdays(received, 1),
                "receipt": CAL.add_workdays(received, 1),
            }
        elif deadlines is not None:
            forwarded = CAL.add_workdays(received, 1)
            record |= {"forwarded": forwarded, "reported": CAL.add_workdays(forwarded, 2)}
        record["decided"] = CAL.add_workdays(received, 6)
        _put(folder / "objections" / f"{record['id']}.yml", record)
        counts["objection"] += 1
    loser = ids[-1] if len(ids) > len(winners) else None
    if loser:
        figure = book.stated("false-materials")
        fraud = book.figure("fraud-revocation")
        ban = (figure.ban_years or 0) if figure is not None else fraud.ban_years
        day = dates["eligibility_review"][0] + timedelta(days=3)
        record = {
            "kind": "disqualification",
            "id": f"{cid}-dq-01",
            "applicant": loser,
            "date": day,
            "grounds": "false_materials",
        }
        if ban:
            record["ban_until"] = years_after(day, ban)
        _put(folder / "disqualifications.yml", record)
        counts["disqualification"] += 1
    if not latest and winners:
        post = book.figure("post-award-revocation")
        award_day = dates["proposal_publicity"][1] + timedelta(days=10)
        day = award_day + timedelta(days=200)
        record = {
            "kind": "revocation",
            "id": f"{cid}-rev-01",
            "applicant": winners[0],
            "date": day,
            "grounds": "accident",
            "event_date": award_day + timedelta(days=100),
            "recovered": list(post.recover),
        }
        if post.ban_years:
            record["ban_until"] = years_after(day, post.ban_years)
        _put(folder / "revocations" / f"{record['id']}.yml", record)
        counts["revocation"] += 1
    return counts


def _published_by_office(code: str, periods: dict) -> bool:
    return code in NOTICE_STAGES and code in periods


def _put(path: Path, record: dict) -> None:
    path.write_text(dump_record(record), "utf-8")
