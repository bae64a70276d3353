"""A tiny observer: a Qt-free stand-in for a signal, so that the session can announce its changes to the
windows (or to a test, or a notebook) without knowing who listens.

A bound method is held weakly, as Qt holds a connected object's slot: a window that observes its own
session must not be kept alive by it (the reference cycle would leave the window to Python's cyclic
collector, which may run on a worker thread and destroy Qt objects there). Plain functions and lambdas
are held strongly: nothing else would keep them.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType
from typing import Generic, TypeVar

T = TypeVar("T")

Callback = Callable[[T], object]


class Event(Generic[T]):
    """Callbacks called in the order they connected, each with the emitted value."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[], Callback[T] | None]] = []

    def connect(self, callback: Callback[T]) -> None:
        if isinstance(callback, MethodType):
            self._callbacks.append(weakref.WeakMethod(callback))
        else:
            self._callbacks.append(lambda: callback)

    def disconnect(self, callback: Callback[T]) -> None:
        for ref in self._callbacks:
            if ref() == callback:
                self._callbacks.remove(ref)
                return
        raise ValueError(f"{callback!r} is not connected")

    def emit(self, value: T) -> None:
        for ref in list(self._callbacks):
            callback = ref()
            if callback is None:  # its object is gone
                self._callbacks.remove(ref)
            else:
                callback(value)
