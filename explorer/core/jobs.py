"""One vocabulary for long work: how it reports progress, how it learns it should stop, and the pause of
Python's cyclic garbage collector while it builds many objects.

A work function is ``work(progress, should_cancel) -> result``: the GUI's job runner runs it on a
worker thread, the shell runs it in place. ``progress(fraction, what)`` takes a share done in 0..1 and
a few words; ``should_cancel()`` is polled between steps, and the work raises
:class:`~explorer.core.errors.Cancelled` when it answers True. Stores that count items instead report
``(done, total)`` through a :data:`CountProgress`.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")

#: ``progress(fraction, what)``: a share done in 0..1, and what is being done.
Progress = Callable[[float, str], None]
#: ``progress(done, total)``: items done of a total (0 when unknown), for stores reading a file.
CountProgress = Callable[[int, int], None]
#: Polled between steps: True once the user (or a newer job) asked the work to stop.
ShouldCancel = Callable[[], bool]
#: A unit of long work, run by the GUI's job runner off the GUI thread or by the shell in place.
Work = Callable[[Progress, ShouldCancel], T]


_gc_pauses = 0
_gc_lock = threading.Lock()


def pause_gc() -> None:
    """Hold off Python's cyclic garbage collector until as many :func:`resume_gc` calls.

    Building a large graph makes hundreds of thousands of objects, which set off full collections
    over the whole heap: 50-100 ms each, and they stop every thread, the GUI's too. Loading (on a
    worker) and drawing (in steps on the GUI thread) pause the collector; the counter lets them overlap.
    """
    global _gc_pauses
    with _gc_lock:
        _gc_pauses += 1
        gc.disable()


def resume_gc() -> None:
    """Undo one :func:`pause_gc`; the collector runs again when none is left."""
    global _gc_pauses
    with _gc_lock:
        _gc_pauses = max(_gc_pauses - 1, 0)
        if _gc_pauses == 0:
            gc.enable()


#: The youngest generation's threshold once a large graph is drawn (Python's default is 700 allocations).
LARGE_HEAP_GEN0 = 50_000


def settle_large_heap() -> None:
    """After a large graph is drawn: its objects are moved out of the collector's sight (``gc.freeze``), and
    the collector runs every 50,000 allocations rather than 700. A play step at 200k claims makes some
    100,000 objects; at the default it set off ~200 collections a step, whose passes over the (older,
    unfrozen) sets and tuples of the steps before cost 7 ms of the 33 ms two frames allow."""
    gc.freeze()
    if gc.get_threshold()[0] < LARGE_HEAP_GEN0:
        gc.set_threshold(LARGE_HEAP_GEN0, *gc.get_threshold()[1:])


@contextmanager
def gc_paused() -> Iterator[None]:
    """``with gc_paused():`` the collector waits while the block builds its objects."""
    pause_gc()
    try:
        yield
    finally:
        resume_gc()
