"""The exceptions raised by discreteconv.

Every error the library raises on purpose is a :class:`DiscreteconvError`, and each one also
subclasses the built-in exception a Python user would expect (``ValueError`` for a bad value,
``TypeError`` for a value of the wrong kind), so ``except ValueError`` keeps working.

Examples
--------
>>> import discreteconv as dc
>>> try:
...     dc.convolve([1, 2], [3], mode="bogus")
... except ValueError as error:
...     print(error)
mode must be one of 'full', 'same', 'valid', 'circular'; received 'bogus'
"""

from __future__ import annotations

__all__ = [
    "AssumptionNeededError",
    "BackendUnavailableError",
    "DiscreteconvError",
    "DivergentIntegralError",
    "EmptyInputError",
    "InvalidEntryError",
    "InvalidOptionError",
    "NoClosedFormError",
    "NonFiniteError",
    "NotationError",
    "ShapeError",
    "TooLargeError",
    "UnsupportedFunctionError",
]


class DiscreteconvError(Exception):
    """Base class of every error raised on purpose by discreteconv."""


class InvalidOptionError(DiscreteconvError, ValueError):
    """An option (mode, method, stride, padding, axes, ...) has a value that is not accepted."""


class EmptyInputError(DiscreteconvError, ValueError):
    """An input sequence has no entries."""


class ShapeError(DiscreteconvError, ValueError):
    """Inputs whose shapes or dimensions do not fit together."""


class InvalidEntryError(DiscreteconvError, TypeError):
    """An entry of an input is not a number (or SymPy expression) the library can use.

    Attributes
    ----------
    position : tuple of int or None
        Index of the offending entry in its input.
    """

    def __init__(self, message: str, position: tuple[int, ...] | None = None) -> None:
        super().__init__(message)
        self.position = position


class NonFiniteError(DiscreteconvError, ValueError):
    """NaN or infinity given to a method that computes exactly."""


class BackendUnavailableError(DiscreteconvError, ValueError, ImportError):
    """An optional backend was asked for but the package it needs is not installed.

    It is a ``ValueError`` (the ``method=`` value cannot be used here) and an ``ImportError``
    (what is missing is a package); the message names the package to install.
    """


class TooLargeError(DiscreteconvError, ValueError):
    """A request whose result would not fit in the memory the library allows itself.

    The message carries the estimate made before any work was done.
    """


class NotationError(DiscreteconvError, ValueError):
    """Text (a number, dice notation, a formula) that does not parse.

    Attributes
    ----------
    text : str
        The text that was being parsed.
    position : int or None
        0-based character offset of the problem in ``text``.
    """

    def __init__(self, message: str, text: str = "", position: int | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.position = position


class AssumptionNeededError(DiscreteconvError, ValueError):
    """A symbolic answer that depends on something the assumptions do not say.

    Raised when the order of two breakpoints (``T1`` and ``T2``), the sign of a rate or
    whether an integral converges cannot be decided; the message names the expression and the
    assumption (``assume="a>0"``) that would settle it.
    """


class NoClosedFormError(DiscreteconvError, ValueError):
    """No method found a closed form that passed numeric verification.

    The library never returns an answer it could not check, nor an unevaluated ``Integral``;
    the message says what was tried.
    """


class UnsupportedFunctionError(NoClosedFormError):
    """A function outside what the symbolic engine handles, e.g. ``exp(-t**2)*sin(t)``.

    ``expression`` is the part that could not be handled.
    """

    def __init__(self, message: str, expression: object = None) -> None:
        super().__init__(message)
        self.expression = expression


class DivergentIntegralError(DiscreteconvError, ValueError):
    """A convolution integral that does not converge, e.g. ``u(t) * 1`` or ``sin(t) * 1``."""
