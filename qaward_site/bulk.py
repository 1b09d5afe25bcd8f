"""Bulk work on many small objects: the collector paused, the work spread over the cores."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_job: tuple[Callable, Sequence] | None = None  # what forked workers run: they inherit it


@contextmanager
def collector_paused():
    """Loading and checking build many small objects and no reference cycles; the cyclic
    collector would otherwise rescan every live record again and again, making large trees
    superlinear (measured: 50,000 records 19.7 s with it, 9 s without). What was made meanwhile
    is then frozen (gc.freeze: left out of the collector's scans, still freed when no longer
    referred to), else the first collection after would scan it all, twice: 0.7 s of a rebuild
    at 20,000 pages. `collector_thawed` gives it back to the collector."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()


@contextmanager
def collector_thawed():
    """Around a whole command in a process that lives on (`qaward serve`, a test run): what its
    collector_paused froze is scanned again once it is done, and any cycle among it collected."""
    try:
        yield
    finally:
        gc.unfreeze()


def workers() -> int:
    """How many processes in_parallel spreads work over (the cores, at most 8)."""
    return min(os.cpu_count() or 1, 8)


def in_parallel(
    work: Callable[[Sequence], list],
    items: Sequence,
    at_least: int,
    then: Callable[[Any], Any] | None = None,
) -> list:
    """work(items), spread over the cores in forked processes that share the caller's memory
    (nothing but the results is pickled); results in the order of items. Below at_least items
    starting the workers costs more than it saves, and work runs here. then, if given, is
    applied here to each result, while the workers go on with the next ones."""
    global _job
    then = then or _same
    count = workers()
    if len(items) < at_least or count < 2:
        return [then(r) for r in work(items)]
    chunk = -(-len(items) // (count * 4))
    starts = range(0, len(items), chunk)
    _job = (work, items)
    try:
        with pool(count) as forked:
            parts = forked.map(_run, starts, [chunk] * len(starts))
            return [then(r) for part in parts for r in part]
    finally:
        _job = None


class Background:
    """fn(*args) in a forked process, sharing the caller's memory as it was, while the caller
    goes on; result() waits for it (raising what it raised), stop() ends it unwaited."""

    def __init__(self, fn: Callable, *args):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        # not a daemon: what it runs may start processes of its own
        self._process = context.Process(target=_send_result, args=(send, fn, args))
        with signals_held():  # until the child has its own handlers (quiet_on_ctrl_c)
            self._process.start()
        send.close()

    def result(self):
        try:
            done, value = self._receive.recv()
        except EOFError:
            raise RuntimeError("后台进程意外退出") from None
        finally:
            self._process.join()
        if not done:
            raise value
        return value

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


_ctrl_c = False


def noting_ctrl_c() -> None:
    """In the command's own process: Ctrl-C raises KeyboardInterrupt as ever and is remembered,
    so that a failure it caused first in a worker or in pagefind (their end noticed before the
    command's own interrupt) is still said as the interruption it is."""

    def interrupted(signum, frame):
        global _ctrl_c
        _ctrl_c = True
        signal.default_int_handler(signum, frame)

    if threading.current_thread() is threading.main_thread():  # (a test may run it in another)
        signal.signal(signal.SIGINT, interrupted)


def ctrl_c_pressed() -> bool:
    return _ctrl_c


def quiet_on_ctrl_c() -> None:
    """First thing in every forked process, which starts with signals held (signals_held
    around the fork): the command's handlers (kill → exit 143, noting_ctrl_c) raise in Python,
    and one arriving while the child was still being set up was swallowed there ("Exception
    ignored"), the child working on. Kill ends it as the default does; Ctrl-C, which reaches
    the whole process group, ends it without a traceback (SystemExit ends a process quietly):
    the command says so once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, _exit_interrupted)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


class _Pool(ProcessPoolExecutor):
    """Forks its workers (on the first submit) with signals held: see quiet_on_ctrl_c."""

    def submit(self, *args, **kwargs):
        with signals_held():
            return super().submit(*args, **kwargs)


def pool(count: int) -> ProcessPoolExecutor:
    """count forked worker processes sharing the caller's memory as it was."""
    return _Pool(count, mp_context=multiprocessing.get_context("fork"), initializer=quiet_on_ctrl_c)


def _exit_interrupted(signum, frame):
    raise SystemExit(130)


def _send_result(send, fn: Callable, args: tuple) -> None:
    quiet_on_ctrl_c()
    try:
        result = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 (raised again in the caller)
        result = (False, exc)
    try:
        send.send(result)
    except Exception as exc:  # an exception that does not pickle: its words, at least
        send.send((False, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _same(result):
    return result


def _run(start: int, size: int) -> list:
    work, items = _job
    return work(items[start : start + size])


_HELD = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def signals_held():
    """Ctrl-C and kill wait while this runs (they are delivered after it): a swap of the site or
    the moves of an import finish whole."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def create_all(files: dict) -> None:
    """Write new files, every one or none (dict of Path → text): each is written beside its
    place first, then linked into it — a link never replaces a file, so one that appeared
    meanwhile is a FileExistsError — with Ctrl-C and kill held off; on a clash the files already
    linked are removed again."""
    import tempfile
    from pathlib import Path

    umask = os.umask(0)
    os.umask(umask)
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.chmod(temp, 0o666 & ~umask)
            temps.append((Path(temp), path))
        made: list[Path] = []
        with signals_held():
            try:
                for temp, path in temps:
                    os.link(temp, path)
                    made.append(path)
            except OSError:
                for path in made:
                    path.unlink(missing_ok=True)
                raise
    finally:
        for temp, _path in temps:
            temp.unlink(missing_ok=True)
