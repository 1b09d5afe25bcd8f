"""Bad input: every problem found, each with rule, file and line; never a traceback or a hang."""

import pytest
from helpers import APPLICANT, only

APPLICANT_FILE = "cycles/yining-2026/applicants/001.yml"


def test_clean_minimal_content(content):
    code, findings, _ = content.check()
    assert (code, findings) == (0, [])


def test_syntax_error_points_at_its_line(content):
    content.write(
        "cycles/yining-2026/applicants/002.yml", "kind: applicant\nid: [yining\nname: x\n"
    )
    code, findings, _ = content.check()
    assert code == 1
    hit = only(findings, rule="yaml", file="cycles/yining-2026/applicants/002.yml")[0]
    assert hit["line"] == 3


def test_all_problems_reported_not_only_the_first(content):
    content.write("a.yml", "kind: applicant\nkind: cycle\n")
    content.write("b.yml", "kind: nonsense\nid: b\n")
    content.write(APPLICANT_FILE, APPLICANT.replace("name:", "nmae:"))
    _, findings, _ = content.check()
    assert {f["file"] for f in findings if f["severity"] == "error"} == {
        "a.yml",
        "b.yml",
        APPLICANT_FILE,
    }


def test_duplicate_key(content):
    content.write(APPLICANT_FILE, APPLICANT + "name: 又一个名字\n")
    _, findings, _ = content.check()
    hit = only(findings, rule="yaml", file=APPLICANT_FILE)[0]
    assert hit["line"] == 9 and "name" in hit["message"]


def test_unknown_field_is_a_typo_not_ignored(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("legal_person:", "legal_persn:"))
    code, findings, _ = content.check()
    assert code == 1
    hit = only(findings, rule="schema", file=APPLICANT_FILE, line=8)[0]
    assert "legal_persn" in hit["message"] and "legal_person" in hit["message"]
    assert hit["column"] == 1


def test_missing_field(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("name: 伊宁市天山乳业有限责任公司\n", ""))
    _, findings, _ = content.check()
    assert "name" in only(findings, rule="schema", file=APPLICANT_FILE, line=1)[0]["message"]


def test_ill_typed_field(content):
    content.write(APPLICANT_FILE, APPLICANT + "stages: 很多\n")
    _, findings, _ = content.check()
    only(findings, rule="schema", file=APPLICANT_FILE, line=9)


def test_impossible_date(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("2011-05-18", "2026-02-30"))
    _, findings, _ = content.check()
    hit = only(findings, rule="schema", file=APPLICANT_FILE, line=7)[0]
    assert "2026-02-30" in hit["message"] and hit["column"] == 14


@pytest.mark.parametrize("value", ["no", "off", "yes", "on", "0", "tRue"])
def test_yaml_11_booleans_refused(content, value):
    content.write(APPLICANT_FILE, APPLICANT.replace("legal_person: true", f"legal_person: {value}"))
    _, findings, _ = content.check()
    assert "true 或 false" in only(findings, rule="schema", line=8)[0]["message"]


@pytest.mark.parametrize("value", ["True", "FALSE", "'true'"])
def test_yaml_12_booleans_are_read_as_an_editor_reads_them(content, value):
    content.write(APPLICANT_FILE, APPLICANT.replace("legal_person: true", f"legal_person: {value}"))
    code, findings, _ = content.check()
    assert (code, findings) == (0, [])


def test_no_as_a_type_is_not_false(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("type: organization", "type: no"))
    _, findings, _ = content.check()
    assert "'no'" in only(findings, rule="schema", line=4)[0]["message"]


def test_bad_credit_code_checksum(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("91654002G8LTQ5H1DU", "91654002G8LTQ5H1DX"))
    _, findings, _ = content.check()
    assert "GB 32100" in only(findings, rule="schema", file=APPLICANT_FILE, line=6)[0]["message"]


def test_numeric_credit_code_is_read_as_text_and_checked(content):
    # 18 digits: YAML 1.1 would read an int; we keep the text, so the checksum still applies
    content.write(APPLICANT_FILE, APPLICANT.replace("91654002G8LTQ5H1DU", "916540021234567890"))
    _, findings, _ = content.check()
    assert "916540021234567890" in only(findings, rule="schema", line=6)[0]["message"]


def test_individual_id_number_checksum_and_not_echoed(content):
    bad = "510402198408220541"
    content.write(
        "cycles/yining-2026/applicants/002.yml",
        f"""\
        kind: applicant
        id: yining-2026-002
        cycle: yining-2026
        type: individual
        name: 张某
        id_number: {bad}
        """,
    )
    _, findings, result = content.check()
    hit = only(findings, rule="schema", file="cycles/yining-2026/applicants/002.yml", line=6)[0]
    assert "GB 11643" in hit["message"]
    assert bad not in result.output, "an ID number never appears in the output"


def test_duplicate_id(content):
    content.write("cycles/yining-2026/applicants/copy.yml", APPLICANT)
    _, findings, _ = content.check()
    hit = only(findings, rule="schema", line=2)[0]
    assert "重复" in hit["message"] and APPLICANT_FILE in hit["message"]


def test_reference_to_missing_record(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("cycle: yining-2026", "cycle: yining-2062"))
    _, findings, _ = content.check()
    assert (
        "yining-2062" in only(findings, rule="reference", file=APPLICANT_FILE, line=3)[0]["message"]
    )


def test_reference_to_wrong_kind(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("cycle: yining-2026", "cycle: yining-2025"))
    _, findings, _ = content.check()
    assert "ordinance" in only(findings, rule="reference", line=3)[0]["message"]


def test_gbk_file_is_named_as_gbk(content):
    content.write("cycles/yining-2026/applicants/gbk.yml", APPLICANT.encode("gbk"))
    code, findings, result = content.check()
    hit = only(findings, rule="yaml", file="cycles/yining-2026/applicants/gbk.yml")[0]
    assert "GBK" in hit["message"] and hit["line"] == 5
    assert code == 1 and "Traceback" not in result.output


def test_bom_is_read_with_a_warning(content):
    content.write(APPLICANT_FILE, b"\xef\xbb\xbf" + APPLICANT.encode())
    code, findings, _ = content.check()
    assert code == 0
    assert only(findings, rule="yaml", severity="warning", file=APPLICANT_FILE)


def test_empty_file(content):
    content.write("empty.yml", "")
    content.write("comment-only.yaml", "# 还没写\n")
    _, findings, _ = content.check()
    only(findings, rule="yaml", file="empty.yml")
    only(findings, rule="yaml", file="comment-only.yaml")


def test_several_documents_in_one_file(content):
    content.write("two.yml", APPLICANT + "---\n" + APPLICANT)
    _, findings, _ = content.check()
    assert only(findings, rule="yaml", file="two.yml")[0]["line"] == 9


def test_alias_bomb_is_refused_without_expanding(content):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):  # 9**12 items if it were expanded
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        bomb.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    content.write("bomb.yml", "\n".join(bomb) + "\n")
    code, findings, _ = content.check()
    assert code == 1
    assert only(findings, rule="yaml", file="bomb.yml", line=1)


def test_plain_alias_is_refused(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("name: 伊宁", "name: &n 伊宁") + "sector: *n\n")
    _, findings, _ = content.check()
    assert only(findings, rule="yaml", file=APPLICANT_FILE, line=5)


def test_huge_file_is_not_read(content):
    path = content.write("huge.yml", b"")
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    _, findings, _ = content.check()
    assert "MB" in only(findings, rule="yaml", file="huge.yml")[0]["message"]


def test_deep_nesting(content):
    content.write("deep.yml", "a: " + "[" * 5000 + "]" * 5000 + "\n")
    _, findings, result = content.check()
    assert only(findings, rule="yaml", file="deep.yml") and "Traceback" not in result.output


def test_missing_content_folder_exits_2(tmp_path):
    from click.testing import CliRunner

    from qaward_site.cli import main

    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "不存在" in result.output


def test_text_format_line_shape(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("2011-05-18", "2026-02-30"))
    code, _, result = content.check("--format", "text")
    assert code == 1
    assert f"{APPLICANT_FILE}:7:14: error schema " in result.stdout


def test_ordinance_text_file_missing(content):
    (content.root / "ordinances" / "yining-2025.md").unlink()
    _, findings, _ = content.check()
    assert only(findings, rule="schema", file="ordinances/yining-2025.yml", line=14)


@pytest.mark.parametrize("empty", ["null", "~", ""])
def test_null_in_any_spelling_is_absent(content, empty):
    content.write(APPLICANT_FILE, APPLICANT + f"sector: {empty}\nnew_economy: {empty}\n")
    code, findings, _ = content.check()
    assert (code, findings) == (0, [])


def test_quoted_null_is_text(content):
    content.write(APPLICANT_FILE, APPLICANT.replace("legal_person: true", 'legal_person: "null"'))
    _, findings, _ = content.check()
    assert only(findings, rule="schema", line=8)
