"""Work in a forked process beside the caller's (bulk.Background): its result, its failure."""

import os
import signal
import sys
import time

import pytest

from qaward_site.bulk import Background


def test_the_result_comes_from_another_process_that_shared_the_callers_memory():
    shared = {"records": [1, 2, 3]}  # not pickled on the way in: the fork has it
    job = Background(lambda data: (os.getpid(), sum(data["records"])), shared)
    pid, total = job.result()
    assert pid != os.getpid() and total == 6


def test_what_it_raised_is_raised_in_the_caller():
    def fails():
        raise KeyError("cycle")

    with pytest.raises(KeyError, match="cycle"):
        Background(fails).result()


def test_stopped_unwaited_it_is_gone():
    job = Background(time.sleep, 60)
    started = time.monotonic()
    job.stop()
    assert time.monotonic() - started < 10 and not job._process.is_alive()


def test_stopped_at_once_even_under_the_build_command_s_own_kill_handler():
    """`qaward build` turns kill (SIGTERM) into exit 143 in its own process; its Background
    processes inherited that handler, and a stop() right after the start was swallowed while
    the child was being set up ("Exception ignored"): the stop waited for the work (found when
    this file's tests ran after a build command's)."""
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        for _ in range(5):
            job = Background(time.sleep, 60)
            started = time.monotonic()
            job.stop()
            assert time.monotonic() - started < 10 and not job._process.is_alive()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _own_signals():
    return signal.getsignal(signal.SIGTERM), signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_pool_workers_take_signals_only_with_their_own_handlers():
    """The same for in_parallel's and the verification's workers (bulk.pool): forked with
    signals held, each restores kill's default and takes signals again once set up."""
    from qaward_site.bulk import pool

    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with pool(1) as forked:
            assert forked.submit(_own_signals).result() == (signal.SIG_DFL, set())
        assert signal.pthread_sigmask(signal.SIG_BLOCK, []) == set()  # none held here after
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_what_a_paused_collector_saw_made_is_frozen_until_the_command_thaws_it():
    """The first collection after a paused stretch scanned all it made, twice (0.7 s of a
    rebuild at 20,000 pages): it is frozen instead; a command that lives on thaws it at its
    end, and a cycle made meanwhile is collected then."""
    import gc
    import weakref

    from qaward_site.bulk import collector_paused, collector_thawed

    class Node:
        pass

    gc.collect()
    with collector_thawed():
        with collector_paused():
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: only the collector frees it
            gone = weakref.ref(a)
        del a, b
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert gone() is not None  # frozen: not scanned
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None
