"""`qaward serve`: build, serve on 127.0.0.1, rebuild when the records or templates change.

A change that fails the check or the verification is reported and the last good site stays up.
"""

from __future__ import annotations

import contextlib
import functools
import html
import http.server
import io
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from qaward_site.errors import QawardError
from qaward_site.records.config import load_config
from qaward_site.site.build import CheckFailed, build
from qaward_site.site.incremental import Cache
from qaward_site.site.render import TEMPLATES


def snapshot(*roots: Path) -> dict[str, int]:
    """Every path under roots with its modification time, links not followed: a file removed
    while it is read, a dangling or looping link, is just a change."""
    state = {}
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    state[path] = os.lstat(path).st_mtime_ns
        with contextlib.suppress(OSError):
            if root.is_file():
                state[str(root)] = root.stat().st_mtime_ns
    return state


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A browser that closes a connection early is no fault: one line, never a traceback."""
        kind = sys.exc_info()[0]
        name = kind.__name__ if kind else "连接错误"
        print(f"连接中断（{client_address[0]}，{name}）", file=sys.stderr)


class StaticServer:
    """A folder served on 127.0.0.1 (port 0: any free one) in a background thread, under the
    URL path prefix (as a government portal serves a section: /zlj/). `sent` counts the bytes
    of every file it has served (the benchmark reads it)."""

    def __init__(
        self,
        directory: Path,
        port: int = 0,
        prefix: str = "/",
        banner: Callable[[], list[str]] = list,
    ):
        self.sent: list[tuple[str, int]] = []
        handler = functools.partial(
            _Quiet, directory=str(directory), sent=self.sent, prefix=prefix, banner=banner
        )
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(
    content_dir: Path,
    project: Path,
    port: int,
    say: Callable[[str], None],
    stop: threading.Event | None = None,
    interval: float = 1.0,
) -> None:
    stop = stop or threading.Event()
    preview = Path(tempfile.mkdtemp(prefix="qaward-serve-"))
    out = preview / "site"

    def watched() -> list[Path]:
        roots = [content_dir, TEMPLATES, project / "site_config.yml"]
        with contextlib.suppress(QawardError):
            custom = load_config(project).custom_dir
            roots += [project / custom] if custom else []
        return roots

    failed: list[str] = []  # why the last rebuild failed: every page shows it until one succeeds

    def rebuild() -> None:
        # whatever fails, the last good site stays up and the next change is built again
        lines = []
        try:
            config = load_config(project)
            # a preview follows the records as they are edited: a removed notice just goes; what
            # the office has published (its site folder) is still what a change must correct
            result = build(
                content_dir,
                out,
                config,
                date.today(),
                allow_shrink=True,
                project=project,
                published_from=project / "site",
            )
            say(f"已生成 {result.pages} 页（{result.seconds:.1f} 秒）")
        except CheckFailed as failure:
            lines = [f.as_text() for f in failure.findings if f.is_error] + [str(failure)]
        except QawardError as exc:
            lines = [exc.format_message()]
        for line in lines:
            say(line)
        failed[:] = lines

    rebuild()
    server = StaticServer(out, port, banner=lambda: list(failed))
    say(f"预览：{server.url} （Ctrl-C 结束）")
    seen = snapshot(*watched())
    try:
        while not stop.wait(interval):
            now = snapshot(*watched())
            if now != seen:
                seen = now
                say("检测到修改，重新生成……")
                rebuild()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        shutil.rmtree(preview, ignore_errors=True)
        shutil.rmtree(Cache.of_output(out).root, ignore_errors=True)


def with_banner(page: bytes, lines: list[str]) -> bytes:
    """The page with a banner at the top of its body: the preview is of the last good build, and
    the office must see that its latest change did not build, and why."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines[:30])
    banner = (
        '<div role="alert" class="qa-serve-failed" style="position:sticky;top:0;z-index:100;'
        "background:#fef2f2;color:#7f1d1d;border-bottom:3px solid #b91c1c;padding:0.8rem 1rem;"
        'font-size:0.8rem;max-height:40vh;overflow:auto">'
        "<strong>最近一次修改没有生成成功：下面显示的是上一次成功生成的网站。</strong>"
        f"<ul style='margin:0.4rem 0 0;white-space:pre-wrap'>{items}</ul></div>"
    ).encode()
    head, tag, rest = page.partition(b"<body")
    if not tag:
        return banner + page
    end = rest.find(b">") + 1
    return head + tag + rest[:end] + banner + rest[end:]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def __init__(
        self,
        *args,
        sent: list | None = None,
        prefix: str = "/",
        banner: Callable[[], list[str]] = list,
        **kwargs,
    ):
        self.sent = sent if sent is not None else []
        self.prefix = prefix
        self.banner = banner
        super().__init__(*args, **kwargs)

    def send_head(self):
        # a NUL or a malformed escape in the address: a 400, not a traceback in the server
        if "\x00" in unquote(self.path) or "\x00" in self.path:
            self.send_error(400, "Bad request")
            return None
        lines = self.banner()
        page = Path(self.translate_path(self.path.split("?", 1)[0]))
        page = page / "index.html" if page.is_dir() else page
        if not lines or page.suffix != ".html" or not page.is_file():
            return super().send_head()
        body = with_banner(page.read_bytes(), lines)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent/outside-the-prefix"  # a 404, never a file outside the folder
        return super().translate_path("/" + path[len(self.prefix) :])

    def log_message(self, format, *args):  # noqa: A002 - the signature is http.server's
        pass

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.sent.append((self.path, len(data)))
