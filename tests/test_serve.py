"""`qaward serve`: a preview that rebuilds on change and keeps the last good site on errors."""

import re
import shutil
import threading
import time
import urllib.request

from helpers import DEMO, ROOT

from qaward_site.site.serve import serve


def fetch(base: str, path: str) -> str:
    with urllib.request.urlopen(base + path, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_change_and_survives_errors(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DEMO, content)
    shutil.copy(ROOT / "site_config.yml", tmp_path / "site_config.yml")
    messages, stop = [], threading.Event()
    thread = threading.Thread(
        target=serve, args=(content, tmp_path, 0, messages.append, stop, 0.2), daemon=True
    )
    thread.start()
    try:
        assert wait_for(lambda: any("http://127.0.0.1:" in m for m in messages))
        base = re.search(r"(http://127\.0\.0\.1:\d+/)", " ".join(messages)).group(1)
        assert wait_for(lambda: "受理名单公示" in fetch(base, "notices/xinjiang-2026-acceptance/"))
        notice = content / "cycles/xinjiang-2026/notices/xinjiang-2026-acceptance.yml"
        notice.write_text(
            notice.read_text("utf-8").replace("受理名单公示", "受理名单再次公示"), "utf-8"
        )
        assert wait_for(
            lambda: "受理名单再次公示" in fetch(base, "notices/xinjiang-2026-acceptance/")
        )
        good = notice.read_text("utf-8")
        notice.write_text("kind: notice\nid: [\n", "utf-8")
        assert wait_for(lambda: any("yaml" in m for m in messages))
        # the last good pages stay up, each with a banner saying the change did not build, and why
        page = fetch(base, "notices/xinjiang-2026-acceptance/")
        assert "受理名单再次公示" in page
        assert 'role="alert"' in page and "最近一次修改没有生成成功" in page
        assert "xinjiang-2026-acceptance.yml" in fetch(base, "")  # the finding, on every page
        notice.write_text(good, "utf-8")
        assert wait_for(lambda: "最近一次修改没有生成成功" not in fetch(base, ""))
    finally:
        stop.set()
        thread.join(10)
