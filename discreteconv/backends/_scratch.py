"""Work arrays the float backends reuse from call to call (one set per thread).

A float convolution by FFT writes its spectra into arrays as large as the transform. Allocating
them afresh on every call costs a page fault per 4 KiB page of fresh memory the first time it is
written: at 10**5 * 10**5 that was a third of the whole convolution's time here (17.1 ms with
fresh spectra, 11.5 ms with reused ones, numpy's FFT), and far more on virtual machines that hand
freed memory back to the host. So each backend asks for its spectra by *slot name*; a slot keeps
its buffer (grown as needed, never shrunk) for the next call on the same thread.

Arrays from :func:`work_array` never leave a backend: results handed to callers are always fresh.
Buffers over :data:`MAX_KEPT_BYTES` are allocated for one call and not kept, so the memory held is
at most that times the number of slots in use (a few), per thread; :func:`release` frees it.

Examples
--------
>>> import numpy as np
>>> first = work_array("doc", (4, 3), np.float64)
>>> first.shape, first.dtype.name, first.ctypes.data % ALIGNMENT
((4, 3), 'float64', 0)
>>> work_array("doc", (2, 2), np.float64).ctypes.data == first.ctypes.data  # the same memory
True
>>> release()
"""

from __future__ import annotations

import collections
import math
import threading
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np

#: Byte alignment of every work array (what FFTW's SIMD code wants, and a cache line).
ALIGNMENT = 64
#: Buffers larger than this are not kept between calls.
MAX_KEPT_BYTES = 64 * 2**20
_LOCAL = threading.local()


def work_array(slot: str, shape: tuple[int, ...], dtype: Any) -> np.ndarray:
    """An uninitialised C-contiguous array of ``shape`` and ``dtype`` in the buffer of ``slot``.

    The contents are whatever the slot's last user left: write before reading. Two slots never
    share memory, so a backend that needs two arrays at once uses two slot names.
    """
    dtype = np.dtype(dtype)
    nbytes = math.prod(shape) * dtype.itemsize
    if nbytes > MAX_KEPT_BYTES:
        return _aligned(nbytes)[:nbytes].view(dtype).reshape(shape)
    buffers: dict[str, np.ndarray] | None = getattr(_LOCAL, "buffers", None)
    if buffers is None:
        buffers = _LOCAL.buffers = {}
    base = buffers.get(slot)
    if base is None or base.nbytes < nbytes:
        base = buffers[slot] = _aligned(nbytes)
    return base[:nbytes].view(dtype).reshape(shape)


def _aligned(nbytes: int) -> np.ndarray:
    """``nbytes`` fresh bytes starting at a multiple of :data:`ALIGNMENT`."""
    raw = np.empty(nbytes + ALIGNMENT, dtype=np.uint8)
    offset = -raw.ctypes.data % ALIGNMENT
    return raw[offset: offset + nbytes]


def release() -> None:
    """Drop this thread's kept buffers (the memory returns once nothing else refers to it)."""
    _LOCAL.buffers = {}


def kept_bytes() -> int:
    """Bytes this thread keeps in work buffers."""
    return sum(raw.nbytes for raw in getattr(_LOCAL, "buffers", {}).values())


class ThreadCache:
    """Objects kept between calls, per thread: at most ``size`` of them, least recently used
    dropped first (the FFTW short paths keep their plans and buffers here).

    Examples
    --------
    >>> cache = ThreadCache(2)
    >>> [cache.get(key, lambda key=key: key * 10) for key in (1, 2, 1, 3)]
    [10, 20, 10, 30]
    >>> cache.keys()  # 2 was the least recently used
    [1, 3]
    """

    def __init__(self, size: int) -> None:
        self.size = size
        self._local = threading.local()

    def _entries(self) -> collections.OrderedDict[Hashable, Any]:
        entries = getattr(self._local, "entries", None)
        if entries is None:
            entries = self._local.entries = collections.OrderedDict()
        return entries

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """This thread's object for ``key``, built by ``build()`` and kept if it is not kept."""
        found = self.find(key)
        return self.add(key, build()) if found is None else found

    def find(self, key: Hashable) -> Any:
        """This thread's object for ``key`` (now the most recently used), or None."""
        entries = self._entries()
        found = entries.get(key)
        if found is not None:
            entries.move_to_end(key)
        return found

    def add(self, key: Hashable, value: Any) -> Any:
        """Keep ``value`` for ``key`` on this thread, dropping the least recently used beyond
        ``size``; returns ``value``."""
        entries = self._entries()
        entries[key] = value
        while len(entries) > self.size:
            entries.popitem(last=False)
        return value

    def keys(self) -> list[Hashable]:
        """The keys this thread keeps, least recently used first."""
        return list(self._entries())

    def clear(self) -> None:
        """Drop this thread's objects."""
        self._local.entries = collections.OrderedDict()
