"""The package installs like one: `pip install .` (not editable) into a clean venv, then
`qaward build` from another folder; and a site's own templates override the package's."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import DEMO, ROOT
from test_site_build import TODAY

from qaward_site.records.config import SiteConfig
from qaward_site.site.build import build


def test_pip_install_then_build_in_any_folder(tmp_path):
    venv = tmp_path / "venv"
    # the dependencies come from the running interpreter's site-packages — a venv's or the
    # system's alike — named as plain paths after the venv's own (a path line in a .pth file
    # runs none of that folder's .pth files, so this checkout's editable install stays out);
    # the package itself is built into a wheel and installed into the venv, so its templates
    # must be package data
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    inner = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    outer = [p for p in sys.path if p.endswith("-packages") and os.path.isdir(p)]
    (Path(inner) / "zz-outer-site.pth").write_text("\n".join(outer) + "\n", "utf-8")
    subprocess.run(
        [python, "-m", "pip", "install", "-q", "--no-deps", str(ROOT)],
        check=True,
        capture_output=True,
    )
    where = subprocess.run(
        [python, "-c", "import qaward_site; print(qaward_site.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout
    assert str(venv) in where  # the installed copy, not this checkout
    project = tmp_path / "office"
    shutil.copytree(DEMO, project / "content")
    shutil.copy(ROOT / "site_config.yml", project / "site_config.yml")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [venv / "bin" / "qaward", "build", "--today", TODAY.isoformat()],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    page = (project / "site/notices/xinjiang-2026-acceptance/index.html").read_text("utf-8")
    assert "受理名单" in page and (project / "site/assets/statuses.js").is_file()


def test_a_site_overrides_templates_assets_and_theme_from_its_folder(tmp_path):
    custom = tmp_path / "my-templates"
    (custom / "assets").mkdir(parents=True)
    (custom / "assets" / "qaward.css").write_text("body { color: #123456; }\n", "utf-8")
    (custom / "pages").mkdir()
    home = (ROOT / "templates/pages/home.md.j2").read_text("utf-8")
    (custom / "pages" / "home.md.j2").write_text(home + "\n本站由某市质量奖办公室维护。\n", "utf-8")
    (custom / "overrides").mkdir()
    main = (ROOT / "templates/overrides/main.html").read_text("utf-8")
    (custom / "overrides" / "main.html").write_text(
        main.replace("主办单位：", "主办：本市"), "utf-8"
    )
    config = SiteConfig(custom_dir="my-templates", sponsor="某市市场监督管理局")
    build(DEMO, tmp_path / "site", config, TODAY, project=tmp_path)
    site = tmp_path / "site"
    assert (site / "assets/qaward.css").read_text("utf-8") == "body { color: #123456; }\n"
    assert (site / "assets/statuses.js").is_file()  # what the site does not override stays
    assert "本站由某市质量奖办公室维护" in (site / "index.html").read_text("utf-8")
    assert "主办：本市" in (site / "notices/index.html").read_text("utf-8")


def test_pypinyin_is_loaded_only_when_a_name_is_spelt():
    """Its dictionaries are 0.3 s of every command; a rebuild spells only names it has not
    spelt before."""
    script = (
        "import sys, qaward_site.cli, qaward_site.site.build\n"
        "print('pypinyin' in sys.modules)\n"
        "from qaward_site.site.search import pinyin_of\n"
        "print(pinyin_of('长寿区质量'), 'pypinyin' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    first, *spelt = done.stdout.split()
    assert first == "False" and spelt[0] == "changshouquzhiliang" and spelt[-1] == "True"


_LAUNCHED = """
import atexit, sys, threading, time
from qaward_site import __main__ as launcher
import qaward_site.cli

class Held:
    def __del__(self):
        print("torn down")

held = Held()
atexit.register(print, "exit handlers ran")

def command():
    print("done")
    if sys.argv[1] == "thread":
        threading.Thread(target=lambda: (time.sleep(0.3), print("thread finished"))).start()
    sys.exit({"words": "错误的话", "none": None}.get(sys.argv[1], 3))

qaward_site.cli.main = command
launcher.run()
"""


def _launch(how: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _LAUNCHED, how], capture_output=True, text=True, timeout=60
    )


def test_the_command_ends_without_tearing_down_its_objects():
    """A build of 20,000 pages freed its objects one by one for 1.1 s after its last line: the
    command's process ends without that teardown, its exit handlers run and its output (a pipe,
    so buffered) all there, the exit code its own."""
    ended = _launch("code")
    assert ended.returncode == 3
    assert ended.stdout.splitlines() == ["done", "exit handlers ran"]  # no "torn down"
    said = _launch("words")
    assert said.returncode == 1 and said.stderr.strip() == "错误的话"
    assert _launch("none").returncode == 0


def test_a_thread_still_working_is_waited_for():
    ended = _launch("thread")
    assert ended.returncode == 3
    assert "thread finished" in ended.stdout.splitlines()
