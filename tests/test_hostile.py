"""The hostile-input corpus: what a careless or hostile user can hand a command, and what must
happen. A build never destroys, leaks, reads outside its content, hangs or injects."""

import contextlib
import hashlib
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import DEMO, ROOT
from test_site_build import CONFIG, TODAY

from qaward_site import cachedir
from qaward_site.cli import main
from qaward_site.errors import BuildError
from qaward_site.formats import spreadsheet_safe
from qaward_site.records import content as content_module
from qaward_site.records.content import Memo, load
from qaward_site.site import output, verify
from qaward_site.site.build import build
from qaward_site.site.incremental import Cache
from qaward_site.site.serve import StaticServer, serve, snapshot

OBJECTION = "cycles/yining-2026/objections/yining-2026-obj-01.yml"
NOTICE = "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"


def digest(root: Path) -> dict[str, str]:
    """Every entry under root (files by content, links by target, folders by name)."""
    out = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            if path.is_symlink():
                out[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder as an office has it: content/, site_config.yml, run from inside it."""
    root = tmp_path / "project"
    shutil.copytree(DEMO, root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    monkeypatch.chdir(root)
    return root


def qaward(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def build_cli(*args: str):
    return qaward("build", "--today", "2026-11-22", *args)


# --- never delete what is not our own site -------------------------------------------------


@pytest.mark.parametrize(
    "out, why",
    [
        ("content", "内容目录"),
        (".", "内容目录"),
        ("..", "内容目录"),
        ("content/site", "内容目录"),
        ("{home}", "用户主目录"),
        ("{foreign}", "不是本程序生成的网站"),
        ("{foreign}/", "不是本程序生成的网站"),
        ("{project} --content {records}", "site_config.yml"),
        ("site_config.yml", "不是目录"),
        ("site_config.yml/site", "是文件"),
        ("/", "根目录"),
        ("/proc", "挂载点"),
    ],
)
def test_build_refuses_to_replace_what_is_not_its_site(project, tmp_path, monkeypatch, out, why):
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "todo.txt").write_text("keep me", "utf-8")
    monkeypatch.setenv("HOME", str(home))
    foreign = tmp_path / "www"
    foreign.mkdir()
    (foreign / "index.html").write_text("<p>the office's own page</p>", "utf-8")
    shutil.copytree(DEMO, tmp_path / "records")
    out = out.format(home=home, foreign=foreign, project=project, records=tmp_path / "records")
    before = digest(tmp_path)
    result = build_cli("--out", *out.split())
    assert result.exit_code == 2, result.output
    assert why in result.output
    assert digest(tmp_path) == before  # nothing deleted, nothing created (no staging, no cache)
    assert not [p for p in Path("/").iterdir() if "qaward" in p.name]


def test_build_replaces_an_empty_folder_and_then_its_own_site(project):
    Path("site").mkdir()
    assert build_cli("--out", "site").exit_code == 0
    assert output.is_our_site(Path("site"))
    assert build_cli("--out", "site").exit_code == 0


def test_a_forged_or_damaged_stamp_is_not_ours(tmp_path):
    folder = tmp_path / "www"
    folder.mkdir()
    (folder / output.MARKER).write_text("anything\n", "utf-8")
    assert not output.is_our_site(folder)
    (folder / output.MARKER).unlink()
    (folder / output.MARKER).symlink_to("/etc/hostname")
    assert not output.is_our_site(folder)


def test_build_refuses_a_read_only_folder(project, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    if subprocess.run(["chattr", "+i", str(locked)], capture_output=True).returncode:
        pytest.skip("chattr cannot make a folder read-only here")
    try:
        result = build_cli("--out", str(locked / "site"))
        assert result.exit_code == 2 and "没有权限" in result.output, result.output
        assert list(locked.iterdir()) == []
    finally:
        subprocess.run(["chattr", "-i", str(locked)])


def test_build_refuses_a_mount_point(project, tmp_path):
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "none", str(mount)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = build_cli("--out", str(mount))
        assert result.exit_code == 2 and "挂载点" in result.output, result.output
    finally:
        subprocess.run(["umount", str(mount)])


def test_build_refuses_to_publish_an_empty_content_folder(project):
    assert build_cli("--out", "site").exit_code == 0
    before = digest(Path("site"))
    Path("empty").mkdir()
    result = build_cli("--out", "site", "--content", "empty")
    assert (
        result.exit_code == 2
        and "没有任何记录" in result.output
        and "--allow-shrink" in result.output
    )
    assert digest(Path("site")) == before
    result = qaward("check", "--content", "empty", "--out", "nowhere")
    assert result.exit_code == 0 and "没有任何记录" in result.output  # a warning
    # beside the published site, the check also names what the site published and would lose
    result = qaward("check", "--content", "empty")
    assert result.exit_code == 1 and "在记录中不存在了" in result.output


def test_build_refuses_to_drop_published_records_even_when_told(project):
    """A page not on the record of what was published (a cycle's page) goes when told with
    --allow-shrink; a published notice, decision or sanction goes by no flag: the build names
    each and how to withdraw it (a correction on its record)."""
    assert build_cli("--out", "site").exit_code == 0
    before = digest(Path("site"))
    shutil.copytree("content/cycles/daqing-2024", "kept")
    shutil.rmtree("content/cycles/daqing-2024")  # a cycle with a notice and a sanction
    result = build_cli("--out", "site", "--allow-shrink")
    assert result.exit_code == 1, result.output
    for record in ("daqing-2024-proposal", "daqing-2024-dq-01", "daqing-2024-decision"):
        assert f"{record}（" in result.output and "--allow-shrink 也不能" in result.output
    assert "corrections" in result.output
    assert digest(Path("site")) == before
    result = build_cli("--out", "site")  # without the flag, the pages are named too
    assert result.exit_code in (1, 2) and "daqing-2024-proposal" in result.output
    shutil.copytree("kept", "content/cycles/daqing-2024")
    result = build_cli("--out", "site")
    assert result.exit_code == 0, result.output
    assert digest(Path("site")) == before


def test_a_second_build_into_the_same_folder_is_refused(project):
    out = Path("site").resolve()
    with output.locked(Cache.of_output(out).lock, out):
        result = build_cli("--out", "site")
    assert result.exit_code == 2 and "正在生成" in result.output, result.output
    assert not out.exists()
    assert build_cli("--out", "site").exit_code == 0  # the lock went with its holder


def test_staging_left_by_a_killed_build_is_cleaned_by_the_next(project):
    stale = Path(".site-building-x1y2z3")
    (stale / "site").mkdir(parents=True)
    (stale / "site" / "index.html").write_text("half", "utf-8")
    old = Path(".site-old-1-2")
    old.mkdir()
    other = Path(".site-buildings")  # not ours: a name that only starts alike
    other.mkdir()
    assert build_cli("--out", "site").exit_code == 0
    assert not stale.exists() and not old.exists() and other.exists()


def test_a_terminated_build_leaves_no_staging(project):
    command = [sys.executable, "-c", "from qaward_site.cli import main; main()"]
    process = subprocess.Popen([*command, "build", "--today", "2026-11-22"], cwd=project)
    deadline = time.monotonic() + 60
    while not list(project.glob(".site-building-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(project.glob(".site-building-*")), "the build never started staging"
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) != 0
    assert not list(project.glob(".site-building-*"))


@pytest.mark.parametrize("stage", ["» 整理数据", "» mkdocs 构建", "» 核查"])
def test_ctrl_c_at_any_stage_says_so_once_and_leaves_the_site(tmp_path, stage):
    """Ctrl-C reaches every process of the build (the rules' process, mkdocs' shares, pagefind,
    the verifier's): the build says it was interrupted, once; no worker prints a traceback, none
    is left running, the published site is as it was."""
    from qaward_site.dev import synth

    synth.write(tmp_path / "content", 400, DEMO)  # mkdocs split, the rules beside the pages
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    command = [sys.executable, "-m", "qaward_site", "build", "--out", "site"]
    subprocess.run(
        [*command, "--today", "2026-11-22"], cwd=tmp_path, check=True, capture_output=True
    )
    before = digest(tmp_path / "site")
    process = subprocess.Popen(
        [*command, "--today", "2026-11-23"],  # another day: a full build
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    said = []
    for line in process.stdout:
        said.append(line)
        if line.startswith(stage):
            time.sleep(0.3)
            os.killpg(process.pid, signal.SIGINT)
            break
    said.append(process.stdout.read())
    assert process.wait(60) == 130, "".join(said)[-3000:]
    output_ = "".join(said)
    assert "已中断" in output_ and "Traceback" not in output_, output_
    left = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True)
    assert not left.stdout.strip(), "processes of the build still running"
    assert digest(tmp_path / "site") == before
    assert not list(tmp_path.glob(".site-*"))


def test_a_failure_after_ctrl_c_is_said_as_the_interruption(tmp_path, monkeypatch):
    """A worker or pagefind ended by the same Ctrl-C may be noticed before the command's own
    interrupt: the command still says 已中断 and exits 130, not with the worker's failure."""
    from click.testing import CliRunner

    from qaward_site import bulk
    from qaward_site.cli import main

    monkeypatch.chdir(tmp_path)
    missing = ["build", "--content", str(tmp_path / "none"), "--out", "site"]
    assert CliRunner().invoke(main, missing).exit_code == 2  # unreadable content, said as such
    monkeypatch.setattr(bulk, "_ctrl_c", True)
    result = CliRunner().invoke(main, missing)
    assert result.exit_code == 130 and "已中断" in result.output


# --- never publish a private value in any spelling ---------------------------------------


@pytest.mark.parametrize(
    "spelling, field",
    [
        ("138 9901 2745", "objector.phone"),
        ("138-9901-2745", "objector.phone"),
        ("１３８９９０１２７４５", "objector.phone"),
        ("654000 19850314 0277", "objector.id_number"),
        ("６５４０００１９８５０３１４０２７７", "objector.id_number"),
        ("柯\u00ad秋澜", "objector.name"),
        ("柯\u200d秋\u2060澜", "objector.name"),
        ("柯·秋澜", "objector.name"),
        ("伊宁市胜利街道 红旗巷 47 号", "objector.address"),
    ],
)
def test_a_private_value_in_another_spelling_fails_the_build(tmp_path, spelling, field):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    notice = content / NOTICE
    data = yaml.safe_load(notice.read_text("utf-8"))
    data["body"] = f"联系人：{spelling}"
    notice.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(BuildError) as failed:
        build(content, tmp_path / "site", CONFIG, TODAY)
    message = str(failed.value)
    assert f"{OBJECTION}（yining-2026-obj-01）: {field}" in message
    assert "notices/xinjiang-2026-acceptance/index.html" in message
    assert spelling not in message and verify.normalise(spelling) not in verify.normalise(message)
    assert not (tmp_path / "site").exists()


def test_normalised_spellings_meet():
    assert verify.normalise("51040219840822054X") == verify.normalise("5104 0219 8408 2205 4x")
    assert verify.normalise("（0459）487-1206") == verify.normalise("04594871206")


def test_two_character_names_and_names_split_by_markup_are_found(tmp_path):
    (tmp_path / "a.html").write_text("<p>异议人：王<b>伟</b></p>", "utf-8")
    (tmp_path / "b.json").write_text('{"t": "\\u738b\\u00ad\\u4f1f"}', "utf-8")
    (tmp_path / "c.html").write_text("<p>王&shy;伟</p>", "utf-8")
    found = verify.scan_private(tmp_path, [verify.Private("王伟", "obj.yml（o1）: objector.name")])
    names = ["a.html", "b.json", "c.html"]
    assert found == [f"{n} 含有不应公开的 obj.yml（o1）: objector.name" for n in names]


def test_the_cache_is_private_and_out_of_the_served_folder(project):
    assert build_cli("--out", "www/site").exit_code == 0
    assert [p.name for p in Path("www").iterdir()] == ["site"]  # nothing beside the site
    cache = Cache.of_output(Path("www/site").resolve())
    assert cachedir.home() in cache.root.parents
    assert cache.root.stat().st_mode & 0o777 == 0o700
    assert cache.records.stat().st_mode & 0o777 == 0o700  # the parsed records, a file a folder
    kept = list(cache.records.iterdir())
    assert kept and all(p.stat().st_mode & 0o777 == 0o600 for p in kept)
    assert b"13899012745" not in b"".join(
        p.read_bytes() for p in Path("www").rglob("*") if p.is_file()
    )


class _Planted:
    def __reduce__(self):
        return (Path.write_text, (Path(os.environ["PLANTED"]), "ran"))


def test_a_planted_pickle_is_never_loaded(tmp_path, monkeypatch):
    flag = tmp_path / "ran"
    monkeypatch.setenv("PLANTED", str(flag))
    memo = Memo(tmp_path / "cache" / "records", "v1")
    load(DEMO, memo)
    kept = sorted(memo.path.iterdir())
    assert kept
    for path in kept:
        path.write_bytes(pickle.dumps(("v1", {"x": _Planted()})))
    load(DEMO, memo)
    for path in kept:
        forged = path.read_bytes()[:16] + b"\0" * 32 + pickle.dumps(("v1", _Planted()))
        path.write_bytes(forged)
    load(DEMO, memo)
    assert not flag.exists()


def test_a_value_kept_in_memory_answers_only_for_the_file_it_was_read_from(tmp_path, monkeypatch):
    """A process that builds again keeps what it wrote and read of the build cache (the links of
    20,000 pages): the same file gives the same value, unread; a file replaced since, by another
    process or a hand, is read again, and one planted there is never unpickled for it."""
    monkeypatch.setenv("QAWARD_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PLANTED", str(tmp_path / "ran"))
    path = cachedir.private_folder(tmp_path / "cache" / "site") / "links.pickle"
    links = {"a/index.html": {"ids": ["x"]}}
    cachedir.dump(path, "v1", links, keep=True)
    read = []
    monkeypatch.setattr(
        cachedir, "read_sealed", lambda p, f=cachedir.read_sealed: read.append(p) or f(p)
    )
    assert cachedir.load(path, "v1", keep=True) is links and read == []
    assert cachedir.load(path, "v2", keep=True) is None  # another form of it
    assert cachedir.load(path, "v1") == links and read  # not asked to keep: read
    cachedir.dump(path.with_name("other"), "v1", {"b": 1})
    os.replace(path.with_name("other"), path)  # another process's build
    assert cachedir.load(path, "v1", keep=True) == {"b": 1}
    path.unlink()
    path.write_bytes(pickle.dumps(("v1", {"x": _Planted()})))
    path.chmod(0o600)
    assert cachedir.load(path, "v1", keep=True) is None
    assert not (tmp_path / "ran").exists()


# --- never read outside the content folder ------------------------------------------------


@pytest.mark.parametrize(
    "target", ["../../outside.md", "{outside}", "{link}", "/dev/zero", "{fifo}"]
)
def test_an_ordinance_text_outside_the_content_is_never_read(content, tmp_path, target):
    outside = tmp_path / "outside.md"
    outside.write_text("SECRET-OUTSIDE 第一条 不应被读取", "utf-8")
    link = content.root / "ordinances" / "link.md"
    link.symlink_to(outside)
    fifo = content.root / "ordinances" / "pipe.md"
    os.mkfifo(fifo)
    path = target.format(outside=outside, link="link.md", fifo="pipe.md")
    record = content.root / "ordinances" / "yining-2025.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace("text: yining-2025.md", f"text: {path}"), "utf-8")
    line = next(i for i, t in enumerate(record.read_text("utf-8").splitlines(), 1) if "text:" in t)
    code, findings, result = content.check()
    assert code == 1
    hit = [f for f in findings if f["file"] == "ordinances/yining-2025.yml" and f["line"] == line]
    assert hit and hit[0]["rule"] == "schema", findings
    assert "SECRET" not in result.output


# --- never hang, never crash, never stay silent about a record ----------------------------


def run_cli(*args, cwd, timeout=60):
    command = [sys.executable, "-c", "from qaward_site.cli import main; main()", *args]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.mark.parametrize("kind", ["fifo", "socket"])
def test_a_pipe_or_socket_named_like_a_record_is_reported_not_read(content, kind):
    path = content.root / "cycles/yining-2026/applicants/002.yml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        import socket

        sock = socket.socket(socket.AF_UNIX)
        here = os.getcwd()
        os.chdir(path.parent)  # a socket's path has 108 bytes at most: bind it by its name
        try:
            sock.bind(path.name)
        finally:
            os.chdir(here)
    done = run_cli("check", "--content", str(content.root), cwd=content.root.parent)
    assert done.returncode == 1
    assert "cycles/yining-2026/applicants/002.yml:1:1: error content" in done.stdout


def test_links_and_unreadable_folders_are_errors_with_their_path(content, monkeypatch):
    cycle = content.root / "cycles/yining-2026"
    (content.root / "cycles/linked").symlink_to(cycle)
    (content.root / "cycles/dangling.yml").symlink_to(content.root / "nowhere.yml")
    (content.root / "cycles/loop").symlink_to(content.root / "cycles/loop")
    (cycle / "revocations").mkdir()
    real = os.scandir

    def scandir(path):
        if str(path).endswith("revocations"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(content_module.os, "scandir", scandir)
    code, findings, _ = content.check()
    assert code == 1
    errors = {f["file"]: f["message"] for f in findings if f["rule"] == "content"}
    assert set(errors) == {
        "cycles/linked",
        "cycles/dangling.yml",
        "cycles/loop",
        "cycles/yining-2026/revocations",
    }
    assert (
        "符号链接" in errors["cycles/loop"]
        and "无法读取" in errors["cycles/yining-2026/revocations"]
    )


@contextlib.contextmanager
def serving(project: Path):
    """qaward serve on project in a thread, once it has said where it serves; its messages."""
    messages, stop = [], threading.Event()
    thread = threading.Thread(
        target=serve, args=(project / "content", project, 0, messages.append, stop, 0.2)
    )
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not any("预览" in m for m in messages) and time.monotonic() < deadline:
            time.sleep(0.1)
        yield messages, thread
    finally:
        stop.set()
        thread.join(30)


def test_build_and_serve_report_links_as_check_does(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DEMO, project / "content")
    (project / "content/cycles/loop").symlink_to(project / "content/cycles/loop")
    (project / "content/cycles/x.yml").symlink_to(project / "nowhere.yml")
    done = run_cli("build", "--today", "2026-11-22", cwd=project)
    assert done.returncode == 1 and "cycles/loop:1:1: error content" in done.stderr
    assert isinstance(snapshot(project / "content"), dict)  # serve's watcher lives through them
    with serving(project) as (messages, thread):
        assert any("cycles/loop:1:1: error content" in m for m in messages), messages
        assert thread.is_alive()


def test_an_ordinance_without_cycles_builds(content, tmp_path):
    shutil.rmtree(content.root / "cycles")
    build(content.root, tmp_path / "site", CONFIG, TODAY)
    page = (tmp_path / "site/objections/yining/index.html").read_text("utf-8")
    assert "评选尚未开始" in page


@pytest.mark.parametrize("source", ["/dev/zero", "{big}"])
def test_import_ordinance_reads_no_endless_or_huge_file(tmp_path, source):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (5 * 1024 * 1024))
    done = run_cli("import-ordinance", source.format(big=big), cwd=tmp_path, timeout=30)
    assert done.returncode == 1 and "错误：" in done.stderr


def test_a_very_long_id_is_refused_by_the_schema(content):
    path = content.root / "cycles/yining-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("yining-2026-001", "a" * 300), "utf-8")
    code, findings, _ = content.check()
    assert code == 1 and any("编号过长" in f["message"] and f["line"] == 2 for f in findings)


@pytest.mark.parametrize("day", ["1800-01-01", "2999-12-31"])
def test_a_build_day_far_from_now_is_refused(project, day):
    result = qaward("build", "--today", day)
    assert result.exit_code == 2 and "--today" in result.output and day in result.output
    assert not Path("site").exists()


# --- never inject into what users download or open ----------------------------------------


def test_spreadsheet_cells_cannot_be_formulas(tmp_path):
    assert [spreadsheet_safe(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "安")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "安",
    ]
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    winner = content / "cycles/yining-2026/applicants/001.yml"
    data = yaml.safe_load(winner.read_text("utf-8"))
    data["name"] = '=HYPERLINK("http://evil.example","点我")'
    winner.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    build(content, tmp_path / "site", CONFIG, TODAY)
    csv_text = (tmp_path / "site/data/awards.csv").read_text("utf-8")
    assert "'=HYPERLINK" in csv_text and ",=HYPERLINK" not in csv_text


@pytest.mark.parametrize("escape", ["\\r", "\\e", "\\x1b", "\\0", "\\x85", "\\x07"])
def test_control_characters_are_refused_with_their_line(content, escape):
    path = content.root / "cycles/yining-2026/applicants/001.yml"
    text = path.read_text("utf-8").replace(
        "name: 伊宁市天山乳业有限责任公司", f'name: "伊宁市天山{escape}乳业有限责任公司"'
    )
    path.write_text(text, "utf-8")
    code, findings, _ = content.check()
    assert code == 1
    hit = [f for f in findings if f["rule"] == "yaml" and f["line"] == 5]
    assert hit and "控制字符" in hit[0]["message"]


@pytest.mark.parametrize(
    "setting",
    [
        'site_name: "站\\" onmouseover=\\"alert(1)"',
        "sponsor: <script>x</script>",
        "site_url: javascript:alert(1)",
    ],
)
def test_site_config_values_cannot_carry_markup(project, setting):
    Path("site_config.yml").write_text(setting + "\n", "utf-8")
    result = build_cli()
    assert result.exit_code == 2 and "site_config.yml:1:" in result.output
    assert not Path("site").exists()


def test_verification_rejects_event_handler_attributes(tmp_path):
    (tmp_path / "index.html").write_text('<h1 title="x" onmouseover="alert(1)">站</h1>', "utf-8")
    assert any("事件属性" in p for p in verify.scan_links(tmp_path, None))


def test_escape_sequences_never_reach_the_terminal(content):
    content.write("cycles/yining-2026/applicants/\x1b[2Jevil.yml", "kind: [\n")
    content.write(
        "cycles/yining-2026/applicants/003.yml",
        "kind: applicant\nid: x\nname: 'a\x1b]0;pwned\x07'\n",
    )
    done = run_cli("check", "--content", str(content.root), cwd=content.root.parent)
    assert "\x1b" not in done.stdout + done.stderr
    assert "\\x1b[2Jevil.yml" in done.stdout


# --- also -----------------------------------------------------------------------------------


def test_serve_answers_a_nul_in_the_address_with_400(tmp_path):
    (tmp_path / "index.html").write_text("ok", "utf-8")
    server = StaticServer(tmp_path)
    try:
        with pytest.raises(urllib.error.HTTPError) as failed:
            urllib.request.urlopen(server.url + "a%00b", timeout=5)
        assert failed.value.code == 400
        assert urllib.request.urlopen(server.url, timeout=5).read() == b"ok"
    finally:
        server.close()


def test_serve_removes_its_folders_on_exit(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    project = tmp_path / "project"
    shutil.copytree(DEMO, project / "content")
    with serving(project):
        assert list((tmp_path / "tmp").iterdir())
    assert list((tmp_path / "tmp").iterdir()) == []


def test_serve_lives_through_a_broken_site_config(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(DEMO, project / "content")
    (project / "site_config.yml").write_text("site_nmae: x\n", "utf-8")
    with serving(project) as (messages, thread):
        assert any("site_nmae" in m for m in messages) and thread.is_alive()


@pytest.mark.parametrize("char", ["\u202e", "\u200b", "\u00ad", "\ufeff"])
def test_invisible_and_bidi_characters_in_names_are_warnings(content, char):
    path = content.root / "cycles/yining-2026/applicants/001.yml"
    path.write_text(path.read_text("utf-8").replace("天山乳业", f"天山{char}乳业"), "utf-8")
    code, findings, _ = content.check()
    assert code == 0
    hit = [f for f in findings if f["rule"] == "lookalike"]
    assert hit and hit[0]["severity"] == "warning" and hit[0]["line"] == 5


def test_ctrl_c_while_the_command_loads_is_no_traceback(monkeypatch, capsys):
    """Half a second of imports before the command can catch anything: Ctrl-C then is said as
    any Ctrl-C is (exit 130), never a traceback (it was one, tried at 0.5 s)."""
    import types

    from qaward_site import __main__ as launcher

    loading = types.ModuleType("qaward_site.cli")

    def interrupted(name):
        raise KeyboardInterrupt

    loading.__getattr__ = interrupted
    monkeypatch.setitem(sys.modules, "qaward_site.cli", loading)
    with pytest.raises(SystemExit) as stopped:
        launcher.run()
    assert stopped.value.code == 130 and "已中断" in capsys.readouterr().err


def test_an_old_site_still_being_deleted_is_left_to_its_delete(tmp_path, monkeypatch):
    """The swap deletes the old site in a process of its own; a build started meanwhile leaves
    that folder to it (deleting it too only races it), and removes one no process deletes."""
    out = tmp_path / "site"
    busy, left = tmp_path / ".site-old-1-2", tmp_path / ".site-old-3-4"
    for folder in (busy, left):
        (folder / "a").mkdir(parents=True)
    monkeypatch.setattr(output, "being_deleted", lambda: [output.delete_command(busy)])
    output.remove_stale(out)
    assert busy.exists() and not left.exists()

    command = [sys.executable, "-c", "import time; time.sleep(30)", str(busy)]
    sleeper = subprocess.Popen(command)
    try:
        monkeypatch.undo()
        assert command in output.being_deleted()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_ctrl_c_between_the_swaps_two_renames_waits_for_the_second(tmp_path, monkeypatch):
    """The published site is moved aside, then the new one into its place: Ctrl-C in between
    is delivered after both, never leaving no site at all (nor the new one deleted with the
    staging folder)."""
    from qaward_site.site import output

    new, out = tmp_path / "new", tmp_path / "site"
    for folder, text in ((new, "新"), (out, "旧")):
        folder.mkdir()
        (folder / "index.html").write_text(text, "utf-8")
    replace, moved = os.replace, []

    def interrupted_after_the_first(source, target):
        replace(source, target)
        moved.append(target)
        if len(moved) == 1:
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(output.os, "replace", interrupted_after_the_first)
    # Python's own handler: a command's (bulk.noting_ctrl_c, left by a CLI test in this
    # process) would note the Ctrl-C for every later command of the run
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            output.swap(new, out)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert (out / "index.html").read_text("utf-8") == "新" and len(moved) == 2
