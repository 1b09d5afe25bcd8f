"""Where a build publishes: what it may replace, one build at a time, and the swap.

A build replaces only a folder that is absent, empty, or a site this program built (it carries
the stamp `.qaward-build`, written at the swap). Everything is decided before anything is
created, so a refused build leaves no trace: like git refusing to clobber, it looks at what a
path is before it deletes or replaces it.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from qaward_site.bulk import signals_held
from qaward_site.errors import LedgerUnreadable, UnsafeOutput
from qaward_site.rules.published import Ledger
from qaward_site.site import urls

MARKER = ".qaward-build"  # in every site this program built: which build it is
_BUILD_ID = re.compile(r"[0-9a-f]{64}\n?")


def building_prefix(out: Path) -> str:
    return f".{out.name}-building-"


def old_prefix(out: Path) -> str:
    return f".{out.name}-old-"


def is_our_folder(path: Path) -> bool:
    """A real folder (not a link) of this user: one a build may take, move or delete."""
    try:
        return path.is_dir() and not path.is_symlink() and path.stat().st_uid == os.getuid()
    except OSError:
        return False


def is_our_site(folder: Path) -> bool:
    marker = folder / MARKER
    try:
        if not marker.is_file() or marker.is_symlink() or marker.stat().st_size > 200:
            return False
        return bool(_BUILD_ID.fullmatch(marker.read_text("ascii")))
    except (OSError, UnicodeDecodeError):
        return False


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(out: Path, content_dir: Path, project: Path) -> Path:
    """The output folder, resolved, if a build may replace it; otherwise UnsafeOutput (exit 2),
    before anything is written."""
    raw = out
    out = Path(os.path.abspath(out))
    if out.parent == out:
        raise UnsafeOutput(f"不能把网站输出到根目录 {raw}：请指定一个专用的输出目录")
    out = out.parent.resolve() / out.name  # the folder itself may be a link to the served one
    if out.is_symlink():
        out = out.resolve()
    existing = out.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise UnsafeOutput(f"输出目录 {raw} 无法创建：{existing} 是文件，不是目录")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UnsafeOutput(f"没有权限在 {existing} 中写入：网站无法输出到 {raw}")
    protected = {  # the project folder holds site_config.yml
        "内容目录": content_dir,
        "当前项目目录（site_config.yml 所在）": project,
        "用户主目录": Path.home(),
    }
    for what, path in protected.items():
        path = Path(os.path.abspath(path))
        resolved = path.resolve() if path.exists() else path
        if _inside(resolved, out) or _inside(path, out):
            raise UnsafeOutput(
                f"输出目录 {raw} 包含{what} {path}：生成网站会替换整个输出目录，拒绝执行"
            )
    content = Path(os.path.abspath(content_dir))
    if content.exists() and _inside(out, content.resolve()):
        raise UnsafeOutput(f"输出目录 {raw} 在内容目录 {content_dir} 之中：请输出到内容目录以外")
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise UnsafeOutput(f"{raw} 已存在且不是目录：拒绝覆盖")
        if os.path.ismount(out):
            raise UnsafeOutput(f"{raw} 是挂载点：网站只能替换普通目录，请输出到它下面的一个目录")
        try:
            empty = not any(out.iterdir())
        except OSError as exc:
            raise UnsafeOutput(f"无法读取输出目录 {raw}：{exc.strerror or exc}") from None
        if not empty and not is_our_site(out):
            raise UnsafeOutput(
                f"{raw} 不是空目录，也不是本程序生成的网站（没有 {MARKER} 标记）："
                "生成网站会替换整个目录，拒绝覆盖。请指定新的或空的输出目录"
            )
        if not os.access(out.parent, os.W_OK | os.X_OK):
            raise UnsafeOutput(f"没有权限替换 {raw}（上级目录 {out.parent} 不可写）")
    return out


@contextmanager
def locked(lock_file: Path, out: Path):
    """One build into one output folder at a time; a second one is refused, never queued."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise UnsafeOutput(
                f"另一个 qaward 进程（{holder or '未知'}）正在生成 {out}：请等它完成后再运行"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)


def remove_stale(out: Path) -> None:
    """Staging and old-site folders of this output that an earlier build left behind (killed
    midway, or its background delete cut short). Called under the lock: none is in use. An old
    site the last swap's delete is still removing is left to it: removing it here too only
    races it (1.7 s of a rebuild started at once after a build of 20,000 pages)."""
    if not out.parent.is_dir():
        return
    prefixes = (building_prefix(out), old_prefix(out))
    for entry in unclaimed(e for e in out.parent.iterdir() if e.name.startswith(prefixes)):
        shutil.rmtree(entry, ignore_errors=True)


def unclaimed(folders: Iterable[Path]) -> list[Path]:
    """Those of folders that are this user's and that no delete started by a build (its command
    line in /proc) is removing: the leftovers a build may remove."""
    ours = [folder for folder in folders if is_our_folder(folder)]
    deleting = being_deleted() if ours else []
    return [folder for folder in ours if delete_command(folder) not in deleting]


def delete_command(folder: Path) -> list[str]:
    return ["rm", "-rf", "--", str(folder)]


def being_deleted() -> list[list[str]]:
    """The command line of every process (Linux's /proc; elsewhere none is known)."""
    found = []
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return found
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                found.append(os.fsdecode(f.read()).split("\0")[:-1])
        except OSError:
            continue
    return found


def swap(new: Path, out: Path, keep: Callable[[Path], bool] | None = None) -> None:
    """Put the new site in place: two renames on one file system, never a half-written folder.
    The old tree is kept where keep (given it) takes it (incremental.Reuse.spare); else it is
    deleted by a process of its own: it is no longer served, and unlinking thousands of files
    need not hold up the build."""
    old = None
    with signals_held():  # Ctrl-C or kill between the two renames would leave no site at all
        if out.exists():
            old = out.with_name(f"{old_prefix(out)}{os.getpid()}-{time.time_ns()}")
            os.replace(out, old)
        os.replace(new, out)
    if old is None:
        return
    if keep is None or not keep(old):
        delete_in_background(old)


def delete_in_background(folder: Path) -> None:
    subprocess.Popen(
        delete_command(folder),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def published_pages(out: Path, sections: tuple[str, ...]) -> set[str]:
    """The pages of these sections that the published site shows (site-relative paths)."""
    found = set()
    for section in sections:
        folder = out / section
        if not folder.is_dir() or folder.is_symlink():
            continue
        for entry in folder.iterdir():
            if (entry / "index.html").is_file():
                found.add(f"{section}/{entry.name}/index.html")
    return found


def published_ledger(site: Path) -> Ledger | None:
    """What the published site in `site` says it published; None where no site (or a site built
    before the ledger existed) is there: its first build with one is free."""
    path = site / urls.PUBLISHED
    if not os.path.lexists(path):
        return None
    if path.is_symlink() or not path.is_file():
        raise LedgerUnreadable(f"{path} 不是普通文件：上次发布的内容记录无法读取，没有发布")
    return Ledger.from_json(path.read_text("utf-8", errors="replace"), str(path))
