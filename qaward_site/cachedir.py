"""The build cache: in the user's cache folder, never beside the site (which may be web-served).

It holds parsed records, objectors' identities among them: the folders are 0700, the files 0600,
and a pickle is loaded only when it carries a keyed digest (HMAC) this user's builds wrote — a
planted or altered file is ignored, never unpickled.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import secrets
from pathlib import Path

ENV = "QAWARD_CACHE_DIR"
_MAGIC = b"qaward-sealed-1\n"


def home() -> Path:
    """$QAWARD_CACHE_DIR, else $XDG_CACHE_HOME/qaward-site, else ~/.cache/qaward-site."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).absolute()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).absolute() / "qaward-site"


def for_output(out: Path) -> Path:
    """The cache folder of one output folder: named after its absolute path."""
    digest = hashlib.sha256(str(out).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", out.name)[:40]
    return home() / f"{name}-{digest}"


def private_folder(path: Path) -> Path:
    """Make path (and the cache home above it) a folder only this user can enter."""
    for folder in (home(), path):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    return path


def _key() -> bytes:
    path = private_folder(home()) / "key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    with os.fdopen(fd, "wb") as f:
        key = secrets.token_bytes(32)
        f.write(key)
    return key


def write_sealed(path: Path, payload: bytes) -> None:
    """Write payload with a keyed digest, mode 0600, atomically."""
    private_folder(path.parent)
    tag = hmac.new(_key(), payload, hashlib.sha256).digest()
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(_MAGIC + tag + payload)
    os.replace(partial, path)


def read_sealed(path: Path) -> bytes | None:
    """The payload, if this user's builds wrote the file and nobody changed it since."""
    try:
        st = path.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        blob = path.read_bytes()
    except OSError:
        return None
    if not blob.startswith(_MAGIC):
        return None
    tag, payload = blob[len(_MAGIC) : len(_MAGIC) + 32], blob[len(_MAGIC) + 32 :]
    expected = hmac.new(_key(), payload, hashlib.sha256).digest()
    return payload if hmac.compare_digest(tag, expected) else None


def dump(path: Path, version, value, keep: bool = False) -> None:
    """value pickled with the version of its form, sealed (write_sealed). keep: and kept in
    this process's memory, for its next load (below)."""
    write_sealed(path, pickle.dumps((version, value), protocol=pickle.HIGHEST_PROTOCOL))
    if keep:
        _keep(path, version, value)


def load(path: Path, version, keep: bool = False):
    """The value dump wrote there with this version, if this user's builds sealed it; else None
    (a planted or altered file is never unpickled). keep: a value this process wrote or read
    there is given again while the file is the same (`qaward serve` building again read the
    links of 20,000 pages back each time); never mutate it."""
    kept = _KEPT.get(str(path)) if keep else None
    if kept is not None and kept[0] == _identity(path) and kept[1] == version:
        return kept[2]
    payload = read_sealed(path)
    if payload is None:
        return None
    try:
        saved, value = pickle.loads(payload)
    except (EOFError, ValueError, TypeError, pickle.UnpicklingError, AttributeError):
        return None
    if saved != version:
        return None
    if keep:
        _keep(path, version, value)
    return value


# what this process last wrote or read at a path, where asked: a sealed file is replaced, never
# written over (write_sealed), so one of the same inode, size and times is that one
_KEPT: dict[str, tuple[tuple | None, object, object]] = {}
_KEEP = 8  # paths: a process that builds many sites holds a few


def _identity(path: Path) -> tuple | None:
    try:
        return same_file_key(os.stat(path))
    except OSError:
        return None


def same_file_key(st: os.stat_result) -> tuple:
    """What git's index compares to tell a file unchanged without reading it: equal keys, the
    same file (but one changed within its filesystem's clock tick: content.RACY_NS)."""
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _keep(path: Path, version, value) -> None:
    identity = _identity(path)
    _KEPT.pop(str(path), None)
    if identity is not None:
        _KEPT[str(path)] = (identity, version, value)
    while len(_KEPT) > _KEEP:
        del _KEPT[next(iter(_KEPT))]
