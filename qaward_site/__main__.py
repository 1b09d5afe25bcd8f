"""`python -m qaward_site` and the `qaward` command. Ctrl-C while the command is still loading
(half a second of imports) is said as any Ctrl-C is, never as a traceback."""

import atexit
import contextlib
import os
import sys
import threading


def run() -> None:
    try:
        from qaward_site.cli import main
    except KeyboardInterrupt:
        from qaward_site.vocabulary import INTERRUPTED

        print(INTERRUPTED, file=sys.stderr)
        sys.exit(130)
    try:
        main()
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code) -> None:
    """End the command's process once its work is done, without Python's teardown: freeing
    one by one the objects a build of 20,000 pages holds took 1.1 s after its last line was
    printed (a third of a rebuild), and nobody waits for that to be done well. What a normal
    exit runs still runs: the exit handlers (forked workers joined, temporary files removed),
    then the output flushed. While a thread of ours still works (none should by now) the exit
    is a normal one, which waits for it. Files are written and closed, or renamed into place,
    before a command returns (never left for the teardown to flush), so nothing is lost."""
    if any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    ):
        sys.exit(code)
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("words"): said, and 1, as Python does
        print(code, file=sys.stderr)
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone (`| head`), or closed
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
