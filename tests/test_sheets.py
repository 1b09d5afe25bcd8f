"""The 申报汇总表 in and out: cell-level errors, nothing half-written, updates without duplicates,
a round trip that changes nothing."""


from helpers import run_in as run
from openpyxl import load_workbook
from stdnum.cn import uscc


def tree(root):
    return {p: p.read_bytes() for p in sorted((root / "content").rglob("*.yml"))}


def test_a_round_trip_changes_nothing_and_marks_private_columns(root):
    sheet = root / "yining.xlsx"
    assert (
        run(root, "export", "applicants", "--cycle", "yining-2026", "-o", str(sheet)).exit_code == 0
    )
    ws = load_workbook(sheet).active
    assert ws["F1"].value == "身份证号（不公开）" and ws["F1"].comment is not None
    # what an applicant keeps private, by the column names the clerk reads, not field codes
    private = [c.column for c in ws[1] if c.value == "不公开的项目"][0]
    cells = [ws.cell(r, private).value for r in range(2, ws.max_row + 1)]
    assert "所属行业" in cells and "sector" not in cells
    before = tree(root)
    result = run(root, "import", "applicants", str(sheet), "--cycle", "yining-2026")
    assert result.exit_code == 0 and "新增 0 条，更新 0 条" in result.output
    assert tree(root) == before


def test_every_bad_cell_is_named_and_nothing_is_written(root):
    sheet = root / "yining.xlsx"
    run(root, "export", "applicants", "--cycle", "yining-2026", "-o", str(sheet))
    book = load_workbook(sheet)
    ws = book.active
    ws["D4"] = "91654002G8LTQ5H1DX"  # a checksum that does not add up
    ws["G5"] = "2026-02-30"
    ws["C3"] = "伊宁市天山物流（改名）有限公司"  # valid, but another row is not
    book.save(sheet)
    before = tree(root)
    result = run(root, "import", "applicants", str(sheet), "--cycle", "yining-2026")
    assert result.exit_code == 1
    assert f"{sheet}:申报汇总表!D4: 统一社会信用代码（credit_code）" in result.output
    assert "校验位不对" in result.output
    assert f"{sheet}:申报汇总表!G5: 成立日期（established）: 日期 2026-02-30 不存在" in result.output
    assert tree(root) == before


def test_reimport_updates_by_credit_code_and_adds_new_rows(root):
    sheet = root / "yining.xlsx"
    run(root, "export", "applicants", "--cycle", "yining-2026", "-o", str(sheet))
    book = load_workbook(sheet)
    ws = book.active
    ws["A3"] = None  # no id: found by its credit code
    ws["C3"] = "伊宁市天山物流（改名）有限公司"
    code = "91654002MA78XXXXX"
    ws.append(["", "组织", "伊宁市新申报有限公司", code + uscc.calc_check_digit(code), None, None,
               "2015-06-01", "制造业", "伊宁市工业和信息化局"])  # fmt: skip
    book.save(sheet)
    result = run(root, "import", "applicants", str(sheet), "--cycle", "yining-2026")
    assert result.exit_code == 0 and "新增 1 条，更新 1 条" in result.output, result.output
    content = root / "content/cycles/yining-2026/applicants"
    assert "（改名）" in (content / "002.yml").read_text("utf-8")
    assert "stages:" in (content / "002.yml").read_text("utf-8")  # kept what the sheet lacks
    assert "伊宁市新申报有限公司" in (content / "005.yml").read_text("utf-8")
    again = run(root, "import", "applicants", str(sheet), "--cycle", "yining-2026")
    assert "新增 0 条" in again.output  # no duplicate on the second import
    assert run(root, "check").exit_code == 0


def test_a_csv_in_gbk_with_an_unknown_column(root):
    sheet = root / "panzhihua.csv"
    sheet.write_bytes(
        "姓名,身份证号,工作单位,籍贯\n张三,510402198408220543,某厂,四川\n".encode("gbk")
    )
    result = run(root, "import", "applicants", str(sheet), "--cycle", "panzhihua-2023")
    assert result.exit_code == 1 and "不认识的列：籍贯" in result.output


def test_a_reimport_changes_only_the_lines_of_the_cells_that_changed(root):
    path = root / "content/cycles/yining-2026/applicants/002.yml"
    text = path.read_text("utf-8")
    text = text.replace("sector: 通用设备制造", 'sector: "通用设备制造"  # 按营业执照')
    text = text.replace("recommender:", "# 推荐单位见推荐函\nrecommender:")
    path.write_text(text, "utf-8")
    sheet = root / "yining.xlsx"
    run(root, "export", "applicants", "--cycle", "yining-2026", "-o", str(sheet))
    book = load_workbook(sheet)
    ws = book.active
    column = [c.column for c in ws[1] if c.value == "推荐单位"][0]
    row = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "yining-2026-002"][0]
    ws.cell(row, column).value = "伊宁市科学技术局"
    book.save(sheet)
    result = run(root, "import", "applicants", str(sheet), "--cycle", "yining-2026")
    assert result.exit_code == 0 and "更新 1 条" in result.output, result.output
    after = path.read_text("utf-8").splitlines()
    before = text.splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("recommender: 伊宁市工业和信息化局", "recommender: 伊宁市科学技术局")]
