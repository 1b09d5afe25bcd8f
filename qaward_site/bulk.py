"""Bulk work on many small objects."""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Loading and checking build many small objects and no reference cycles; the cyclic
    collector would otherwise rescan every live record again and again, making large trees
    superlinear (measured: 50,000 records 19.7 s with it, 9 s without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
