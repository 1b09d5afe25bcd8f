"""Debian's nginx serving a built site with deploy/nginx.conf, as an office serves it (under a
department's subfolder), on 127.0.0.1: what the browser tests walk and the benchmark weighs
(what nginx sends, compressed as the shipped configuration compresses)."""

from __future__ import annotations

import contextlib
import getpass
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY = Path(__file__).resolve().parent.parent.parent / "deploy"
PREFIX = "/zlj/qaward/"
PUBLISHED_AT = "/var/www/zlj/qaward/"  # where deploy/nginx.conf expects the site


@dataclass
class Served:
    base: str  # the site's address, ending in PREFIX
    log: Path  # one line a request: its path, status and the bytes sent (headers and body)

    def sent(self) -> list[tuple[str, int]]:
        out = []
        for line in self.log.read_text("utf-8").splitlines():
            path, _status, size = line.rsplit(" ", 2)
            out.append((path, int(size)))
        return out

    def clear(self) -> None:
        self.log.write_text("", "utf-8")  # nginx appends (O_APPEND): the next line lands at 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(site: Path, work: Path, root: Path | None = None) -> Iterator[Served]:
    """nginx serving site under PREFIX until the block ends (work: its own folder); root: the
    department's own site around it, served at /."""
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"{NGINX} is missing: apt-get install -y nginx (see the README)")
    work.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), work / "sent.log"
    log.write_text("", "utf-8")
    shutil.copy(DEPLOY / "qaward-headers.conf", work / "qaward-headers.conf")
    conf = (DEPLOY / "nginx.conf").read_text("utf-8").replace(PUBLISHED_AT, f"{site}/")
    (work / "site.conf").write_text(conf, "utf-8")
    temp = "".join(
        f"{k}_temp_path {work}/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (work / "nginx.conf").write_text(
        # workers run as this user: temporary folders are its own (0700)
        f"user {getpass.getuser()};\nworker_processes 1;\ndaemon off;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log;\n"
        "events {}\nhttp {\n"
        "log_format sent '$request_uri $status $bytes_sent';\n"
        f"access_log {log} sent;\n"
        + temp
        + f"server {{\nlisten 127.0.0.1:{port};\n"
        + (f"root {root};\n" if root else "")
        + "include site.conf;\n}\n}\n",
        "utf-8",
    )
    server = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")])
    base = f"http://127.0.0.1:{port}{PREFIX}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    raise RuntimeError((work / "error.log").read_text("utf-8")) from None
                time.sleep(0.05)
        yield Served(base, log)
    finally:
        server.send_signal(signal.SIGQUIT)
        server.wait(timeout=10)
