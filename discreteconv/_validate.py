"""The one place that checks options and words the messages.

Every check of a ``mode=``, ``method=``, stride, dilation, padding or axes value lives here, so
that a bad value gets the same message wherever it was passed: the name of the argument, the value
received and the values accepted.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .errors import InvalidOptionError, TooLargeError

MODES = ("full", "same", "valid", "circular")
PADDING_MODES = ("zeros", "constant", "reflect", "wrap", "nearest")

#: Results estimated to need more memory than this are refused before any work is done.
#: Override with the environment variable ``DISCRETECONV_MEMORY_LIMIT`` (bytes).
DEFAULT_MEMORY_LIMIT = 4 * 2**30


def choice(name: str, value: object, accepted: Sequence[str]) -> str:
    """Return ``value`` if it is one of ``accepted``, else raise a message naming both."""
    if isinstance(value, str) and value in accepted:
        return value
    listed = ", ".join(repr(a) for a in accepted)
    raise InvalidOptionError(f"{name} must be one of {listed}; received {value!r}")


def mode(value: object) -> str:
    """Check a ``mode=`` value."""
    return choice("mode", value, MODES)


def padding_mode(value: object) -> str:
    """Check a ``padding_mode=`` value."""
    return choice("padding_mode", value, PADDING_MODES)


def integer(name: str, value: object, minimum: int) -> int:
    """Return ``value`` as an int if it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise InvalidOptionError(f"{name} must be an integer >= {minimum}; received {value!r}")
    number = value.__index__()  # type: ignore[attr-defined]
    if number < minimum:
        raise InvalidOptionError(f"{name} must be an integer >= {minimum}; received {value!r}")
    return number


def index(name: str, value: object) -> int:
    """Return ``value`` as an int if it is an integer (of any sign)."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise InvalidOptionError(f"{name} must be an integer; received {value!r}")
    return value.__index__()  # type: ignore[attr-defined]


def per_axis(name: str, value: object, ndim: int, minimum: int) -> tuple[int, ...]:
    """An int, or a sequence of one int per axis, as a tuple of ``ndim`` ints."""
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = tuple(value)
        if len(items) != ndim:
            raise InvalidOptionError(
                f"{name} must be one integer or {ndim} (one per axis); received {value!r}"
            )
        return tuple(integer(name, item, minimum) for item in items)
    return (integer(name, value, minimum),) * ndim


def padding(value: object, ndim: int) -> tuple[tuple[int, int], ...]:
    """Padding as ``((before, after), ...)`` per axis.

    Accepts an int (both sides of every axis), one int per axis, or one ``(before, after)``
    pair per axis.
    """
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = tuple(value)
        if len(items) != ndim:
            raise InvalidOptionError(
                f"padding must be an integer, or {ndim} entries (one per axis); received {value!r}"
            )
        pairs = []
        for item in items:
            if isinstance(item, Iterable) and not isinstance(item, str | bytes):
                pair = tuple(item)
                if len(pair) != 2:
                    raise InvalidOptionError(
                        f"padding pairs must be (before, after); received {item!r}"
                    )
                pairs.append((integer("padding", pair[0], 0), integer("padding", pair[1], 0)))
            else:
                width = integer("padding", item, 0)
                pairs.append((width, width))
        return tuple(pairs)
    width = integer("padding", value, 0)
    return ((width, width),) * ndim


def axes(value: object, ndim: int) -> tuple[int, ...]:
    """Normalise ``axes=`` (None, an int or a sequence of ints) to sorted non-negative axes."""
    if value is None:
        return tuple(range(ndim))
    items = (
        tuple(value)
        if isinstance(value, Iterable) and not isinstance(value, str | bytes)
        else (value,)
    )
    if not items:
        raise InvalidOptionError("axes must name at least one axis; received ()")
    normalised = []
    for item in items:
        if isinstance(item, bool) or not hasattr(item, "__index__"):
            raise InvalidOptionError(f"axes must be integers; received {value!r}")
        axis = item.__index__()
        if not -ndim <= axis < ndim:
            raise InvalidOptionError(
                f"axis {axis} is out of range for inputs with {ndim} dimension(s)"
            )
        normalised.append(axis % ndim)
    if len(set(normalised)) != len(normalised):
        raise InvalidOptionError(f"axes must not repeat an axis; received {value!r}")
    return tuple(sorted(normalised))


def memory_limit() -> int:
    """The number of bytes a single result may be estimated to need."""
    text = os.environ.get("DISCRETECONV_MEMORY_LIMIT")
    if text:
        try:
            return int(text)
        except ValueError:
            raise InvalidOptionError(
                f"DISCRETECONV_MEMORY_LIMIT must be a number of bytes; received {text!r}"
            ) from None
    return DEFAULT_MEMORY_LIMIT


def human_bytes(count: float) -> str:
    """``1536`` -> ``'1.5 KiB'``."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if abs(count) < 1024 or unit == "PiB":
            return f"{count:.3g} {unit}" if unit != "B" else f"{int(count)} B"
        count /= 1024
    raise AssertionError("unreachable")


def check_memory(estimate: float, what: str) -> None:
    """Refuse a request estimated to need more than :func:`memory_limit` bytes."""
    limit = memory_limit()
    if estimate > limit:
        raise TooLargeError(
            f"{what} would need about {human_bytes(estimate)}, more than the "
            f"{human_bytes(limit)} allowed (set DISCRETECONV_MEMORY_LIMIT to raise it); "
            "refused before computing"
        )
