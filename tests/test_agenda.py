"""`qaward agenda`: what is due at the office, soonest first, in text, JSON and iCalendar."""

import json
import shutil

import yaml
from click.testing import CliRunner
from helpers import DEMO

from qaward_site.cli import main


def agenda(*args, content=DEMO):
    result = CliRunner().invoke(main, ["agenda", "--content", str(content), *args])
    assert "Traceback" not in result.output, result.output
    return result


def test_the_demo_s_agenda_on_a_day_soonest_first():
    result = agenda("--today", "2026-11-22", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    dues = [i["due"] for i in items]
    assert dues == sorted(dues)
    what = "\n".join(i["what"] for i in items)
    assert "初选公示" in what and "受理名单公示" in what  # the two open notices
    daqing = next(i for i in items if i["record"] == "daqing-2026-proposal")
    assert daqing["due"] == "2026-11-25" and daqing["article"] == "第十八条"
    assert "qaward new decision --cycle daqing-2026" in daqing["next_step"]
    calendar = [i for i in items if "2027年" in i["what"]]
    assert {"national", "xinjiang"} <= {i["next_step"].split()[-1] for i in calendar}


def test_objections_awaiting_a_step_decisions_due_and_bans_ending(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    objection = root / "cycles/yining-2026/objections/yining-2026-obj-01.yml"
    data = yaml.safe_load(objection.read_text("utf-8"))
    for key in ("forwarded", "reported", "decided"):
        data.pop(key)
    data.update(outcome="pending", received="2026-07-08")
    objection.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (root / "cycles/yining-2026/yining-2026-decision.yml").unlink()  # not yet decided
    items = json.loads(agenda("--today", "2026-07-09", "--format", "json", content=root).stdout)
    step = next(i for i in items if i["record"] == "yining-2026-obj-01")
    assert step["due"] == "2026-07-13" and "转送" in step["what"]  # 3 working days after 07-08
    assert step["article"] == "第十六条"
    assert not any("可以作出表彰决定" in i["what"] for i in items)  # the notice is still open
    after = json.loads(agenda("--today", "2026-07-21", "--format", "json", content=root).stdout)
    assert any(i["next_step"] == "qaward new decision --cycle yining-2026" for i in after)
    later = json.loads(agenda("--today", "2028-03-01", "--format", "json").stdout)
    assert any("禁止申报期最后一天" in i["what"] and i["due"] == "2028-05-20" for i in later)


def test_the_agenda_as_ics_for_the_office_s_calendar():
    text = agenda("--today", "2026-11-22", "--format", "ics").stdout_bytes.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") >= 4
    assert "DTSTART;VALUE=DATE:20261125" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_no_agenda_from_records_with_errors(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    (root / "cycles/yining-2026/applicants/001.yml").write_text("kind: [\n", "utf-8")
    result = agenda("--today", "2026-11-22", content=root)
    assert result.exit_code == 1 and "qaward check" in result.output
    assert "待改正" in result.output and "daqing-2026-proposal" in result.output  # never blank


def test_a_winner_s_incident_that_revokes_the_award_is_on_the_agenda(tmp_path):
    """yining 第二十五条: a 重大 accident within five years of the award revokes it; recorded and
    not yet acted on, the office is told — by the same rule the check warns with."""
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    winner = root / "cycles/yining-2026/applicants/001.yml"
    data = yaml.safe_load(winner.read_text("utf-8"))
    data["incidents"] = [{"date": "2027-01-05", "kind": "accident", "grade": "major"}]
    winner.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    items = json.loads(agenda("--today", "2027-02-01", "--format", "json", content=root).stdout)
    due = [i for i in items if i["record"] == "yining-2026-001" and "撤销情形" in i["what"]]
    assert due and due[0]["article"] == "第二十五条"
    assert due[0]["next_step"].startswith("qaward new revocation --applicant yining-2026-001")
    # a 较大 accident is below what 第二十五条 names: nothing to do
    data["incidents"][0]["grade"] = "larger"
    winner.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    items = json.loads(agenda("--today", "2027-02-01", "--format", "json", content=root).stdout)
    assert not [i for i in items if "撤销情形" in i["what"]]


def test_the_agenda_runs_with_a_broken_draft_present(tmp_path):
    """An objection draft is incomplete by design: its errors come first, as items to fix with
    their file and line, and the rest of the agenda follows."""
    root = tmp_path / "content"
    shutil.copytree(DEMO, root)
    objection = root / "cycles/yining-2026/objections/yining-2026-obj-01.yml"
    data = yaml.safe_load(objection.read_text("utf-8"))
    data["objector"]["signed"] = False  # handled as valid without the signature: an error
    objection.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = agenda("--today", "2026-11-22", "--format", "json", content=root)
    assert result.exit_code == 1, result.output  # the exit code says: fix the records
    items = json.loads(result.stdout)
    assert items[0]["what"].startswith("待改正：") and items[0]["file"].startswith(
        "cycles/yining-2026/objections/yining-2026-obj-01.yml:"
    )
    assert any(i["record"] == "daqing-2026-proposal" for i in items)  # and the rest follows
