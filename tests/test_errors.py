"""Every deliberate error: its type, its built-in base, and the words of its message.

A message must name the value received and the values accepted (or the position of a bad
entry). No numpy or SymPy exception may leak out for bad input.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from _helpers import not_computed

import discreteconv as dc
from discreteconv import errors

ERROR_CLASSES = {
    "EmptyInputError": (ValueError,),
    "ShapeError": (ValueError,),
    "InvalidOptionError": (ValueError,),
    "InvalidEntryError": (TypeError,),
    "NonFiniteError": (ValueError,),
    "BackendUnavailableError": (ValueError, ImportError),
    "TooLargeError": (ValueError,),
    "NotationError": (ValueError,),
}


@pytest.mark.parametrize("name, bases", list(ERROR_CLASSES.items()))
def test_error_hierarchy(name: str, bases: tuple[type, ...]) -> None:
    cls = getattr(errors, name)
    assert getattr(dc, name) is cls
    assert issubclass(cls, dc.DiscreteconvError)
    assert issubclass(dc.DiscreteconvError, Exception)
    for base in bases:
        assert issubclass(cls, base)
    if TypeError not in bases:
        assert not issubclass(cls, TypeError)


def _raises(error: type[Exception], *words: str) -> Any:
    """``pytest.raises`` that also requires every word in the message."""
    pattern = "".join(f"(?=.*{re.escape(word)})" for word in words)
    return pytest.raises(error, match=re.compile(pattern, re.DOTALL))


# -- options --------------------------------------------------------------------------------------


@pytest.mark.parametrize("function", [dc.convolve, dc.correlate])
def test_bad_mode_names_value_and_choices(function: Callable[..., Any]) -> None:
    with _raises(dc.InvalidOptionError, "mode", "'bogus'", "'full'", "'same'", "'valid'",
                 "'circular'"):
        function([1, 2], [3], mode="bogus")
    with _raises(dc.InvalidOptionError, "mode", "'FULL'"):
        function([1, 2], [3], "FULL")
    with _raises(dc.InvalidOptionError, "mode", "None"):
        function([1, 2], [3], None)


def test_bad_method_names_value_and_choices() -> None:
    words = ["method", "'bogus'", "'auto'", "'direct'", "'kronecker'", "'kronecker-python'",
             "'split-fft'", "'fft'"]
    with _raises(dc.InvalidOptionError, *words):
        dc.convolve([1, 2], [3], method="bogus")
    with _raises(dc.InvalidOptionError, "method", "'bogus'"):
        dc.correlate([1, 2], [3], method="bogus")


def test_bad_padding_mode_names_value_and_choices() -> None:
    with _raises(dc.InvalidOptionError, "padding_mode", "'mirror'", "'zeros'", "'constant'",
                 "'reflect'", "'wrap'", "'nearest'"):
        dc.convolve([1, 2], [3], padding=1, padding_mode="mirror")


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "2", None])
def test_bad_stride(value: object) -> None:
    with _raises(dc.InvalidOptionError, "stride", repr(value), ">= 1"):
        dc.convolve([1, 2, 3], [1], stride=value)


@pytest.mark.parametrize("value", [0, -3])
def test_bad_dilation(value: int) -> None:
    with _raises(dc.InvalidOptionError, "dilation", repr(value), ">= 1"):
        dc.convolve([1, 2, 3], [1], dilation=value)


def test_per_axis_option_of_the_wrong_length() -> None:
    with _raises(dc.InvalidOptionError, "stride", "[1, 2, 3]", "2"):
        dc.convolve([[1]], [[1]], stride=[1, 2, 3])
    with _raises(dc.InvalidOptionError, "padding", "(1, 2, 3)"):
        dc.convolve([1, 2], [1], padding=[(1, 2, 3)])
    with _raises(dc.InvalidOptionError, "period", "[2, 3, 4]"):
        dc.convolve([[1, 2]], [[1]], "circular", period=[2, 3, 4])


@pytest.mark.parametrize("value", [-1, [-1], [(0, -2)], "1"])
def test_bad_padding(value: object) -> None:
    with _raises(dc.InvalidOptionError, "padding"):
        dc.convolve([1, 2, 3], [1], padding=value)
    with _raises(dc.InvalidOptionError, "padding", ">= 0"):
        dc.convolve([1, 2, 3], [1], padding=-1)


def test_bad_period() -> None:
    with _raises(dc.InvalidOptionError, "period", "0"):
        dc.convolve([1, 2], [1], "circular", period=0)


@pytest.mark.parametrize("axes, words", [
    (1, ("axis 1", "out of range", "1 dimension")),
    (-2, ("axis -2", "out of range")),
    ((), ("axes", "()")),
    ((0, -1), ("axes", "repeat", "(0, -1)")),
    (0.0, ("axes", "integers", "0.0")),
])
def test_bad_axes(axes: object, words: tuple[str, ...]) -> None:
    with _raises(dc.InvalidOptionError, *words):
        dc.convolve([1, 2], [3], axes=axes)


def test_axes_out_of_range_in_2d() -> None:
    with _raises(dc.InvalidOptionError, "axis 2", "2 dimension"):
        dc.convolve([[1]], [[1]], axes=2)
    with _raises(dc.InvalidOptionError, "axis -3"):
        dc.convolve([[1]], [[1]], axes=[-3])


def test_reflect_padding_needs_two_entries() -> None:
    with _raises(dc.InvalidOptionError, "reflect", "2 entries", "axis 0"):
        dc.convolve([1], [1, 1], padding=1, padding_mode="reflect")


def test_output_size_validates_its_arguments() -> None:
    with _raises(dc.InvalidOptionError, "mode", "'x'"):
        dc.output_size(3, 2, mode="x")
    with _raises(dc.InvalidOptionError, "n", "0"):
        dc.output_size(0, 2)
    with _raises(dc.InvalidOptionError, "stride", "0"):
        dc.output_size(5, 2, stride=0)


def test_signals_refuse_stride() -> None:
    with _raises(dc.InvalidOptionError, "stride"):
        dc.convolve(dc.Signal([1, 2, 3]), [1], stride=2)


# -- empty, ragged and mismatched inputs ----------------------------------------------------------


@pytest.mark.parametrize("empty", [[], (), np.array([]), [[]], [[], []]])
def test_empty_inputs(empty: object) -> None:
    with _raises(dc.EmptyInputError, "a", "empty"):
        dc.convolve(empty, [1])
    with _raises(dc.EmptyInputError, "b", "empty"):
        dc.correlate([1], empty)


def test_empty_signal() -> None:
    with _raises(dc.EmptyInputError, "Signal"):
        dc.Signal([])


@pytest.mark.parametrize("ragged", [[[1, 2], [3]], [1, [2]], [[1, 2], [3, 4, 5]], [[[1], [2, 3]]]])
def test_ragged_inputs(ragged: list) -> None:
    with _raises(dc.ShapeError, "a", "ragged"):
        dc.convolve(ragged, [[1]])


def test_mismatched_dimensions() -> None:
    with _raises(dc.ShapeError, "2 dimension", "1"):
        dc.convolve([[1, 2]], [3, 4])
    with _raises(dc.ShapeError, "dimension"):
        dc.correlate([1, 2], [[[3]]])


def test_valid_mode_with_incompatible_shapes() -> None:
    with _raises(dc.ShapeError, "valid", "(1, 3)", "(2, 1)"):
        dc.convolve([[1, 2, 3]], [[1], [2]], mode="valid")


def test_batch_axes_that_cannot_broadcast() -> None:
    with _raises(dc.ShapeError, "axis 0", "2", "3"):
        dc.convolve([[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]], axes=1)


# -- bad entries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, where, shown", [
    ([1, None, 3], "a[1]", "None"),
    ([1, 2, "x"], "a[2]", "'x'"),
    (["1", "a"], "a[0]", "'1'"),
    ([Fraction(1, 2), "x"], "a[1]", "'x'"),
    ([[1, 2], [None, 4]], "a[1, 0]", "None"),
    ([[1, 2], [3, "x"]], "a[1, 1]", "'x'"),
    ([1.5, b"q"], "a[1]", "b'q'"),
    ([1, {1: 2}], "a[1]", "{1: 2}"),
])
def test_bad_entries_name_entry_and_position(a: list, where: str, shown: str) -> None:
    with _raises(dc.InvalidEntryError, where, shown, "not a number") as caught:
        dc.convolve(a, [1])
    position = tuple(int(i) for i in re.findall(r"\d+", where))
    assert caught.value.position == position


def test_bad_entry_in_b_is_named_b() -> None:
    with _raises(dc.InvalidEntryError, "b[2]", "None"):
        dc.correlate([1, 2], [1, 2, None])


@pytest.mark.parametrize("value, words", [
    ("123", ("a", "string")),
    ({1: 2}, ("a", "dict")),
    ({1, 2}, ("a", "set")),
])
def test_wrong_container(value: object, words: tuple[str, ...]) -> None:
    with _raises(dc.InvalidEntryError, *words):
        dc.convolve(value, [1])


def test_bad_fill_value() -> None:
    with _raises(dc.InvalidEntryError, "fill_value", "'x'"):
        dc.convolve([1, 2], [1], padding=1, padding_mode="constant", fill_value="x")


@pytest.mark.parametrize("method", ["kronecker", "kronecker-python", "split-fft", "flint"])
def test_exact_methods_refuse_inexact_entries(method: str) -> None:
    if method not in dc.available_methods():
        pytest.skip(f"{method} is not installed")
    with _raises(dc.InvalidEntryError, method, "a[1]", "2.5") as caught:
        dc.convolve([1, 2.5], [2], method=method)
    assert caught.value.position == (1,)
    with _raises(dc.InvalidEntryError, method, "b[0]", "1j"):
        dc.convolve([1], [1j], method=method)


@pytest.mark.parametrize("method", ["kronecker", "kronecker-python", "split-fft", "flint"])
@pytest.mark.parametrize("bad, shown", [(float("nan"), "nan"), (float("inf"), "inf"),
                                        (float("-inf"), "-inf")])
def test_exact_methods_refuse_non_finite(method: str, bad: float, shown: str) -> None:
    if method not in dc.available_methods():
        pytest.skip(f"{method} is not installed")
    with _raises(dc.NonFiniteError, "a[1]", shown, method, "finite"):
        dc.convolve([1.0, bad], [1], method=method)
    with _raises(dc.NonFiniteError, "b[0]", shown):
        dc.correlate([1, 2], [bad, 1.0], method=method)


def test_non_finite_decimal() -> None:
    from decimal import Decimal

    with _raises(dc.NonFiniteError, "a[0]", "NaN"):
        dc.convolve([Decimal("NaN")], [1])


def test_split_fft_refuses_entries_past_62_bits() -> None:
    with _raises(dc.InvalidOptionError, "split-fft", "62 bits", "a"):
        dc.convolve([2**70, 1], [1], method="split-fft")


def test_float_method_refuses_symbolic_entries() -> None:
    import mpmath

    with _raises(dc.InvalidEntryError, "fft", "a[0]", "mpf"):
        dc.convolve([mpmath.mpf(1)], [1, 2], method="fft")


# -- a missing optional backend -------------------------------------------------------------------


def test_missing_backend_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "flint", None)  # as if python-flint were not installed
    assert "flint" not in dc.available_methods()
    with _raises(dc.BackendUnavailableError, "flint", "python-flint", "pip install") as caught:
        dc.convolve([1, 2], [3], method="flint")
    assert isinstance(caught.value, ImportError)
    assert isinstance(caught.value, ValueError)
    assert dc.convolve([1, 2], [3]) == [3, 6]  # auto still works without it


# -- the memory limit -----------------------------------------------------------------------------


def test_too_large_is_refused_before_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", "100")
    with _raises(dc.TooLargeError, "100 B", "DISCRETECONV_MEMORY_LIMIT", "refused"):
        dc.convolve([1] * 100, [1] * 100)
    with pytest.raises(dc.TooLargeError):
        dc.correlate([[1.5] * 10] * 10, [[2.0] * 10] * 10)


def test_too_large_mentions_the_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", str(2**20))
    with _raises(dc.TooLargeError, "MiB", "1 MiB") as caught:
        dc.convolve([2**5000] * 300, [2**5000] * 300)
    assert re.search(r"about [\d.]+ (KiB|MiB|GiB)", str(caught.value))


def test_too_large_is_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    # A kronecker product of 2000 entries of 200,000 bits each would take many seconds.
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", str(10**6))
    big = [2**200_000 - 1] * 2000
    with not_computed(), pytest.raises(dc.TooLargeError):
        dc.convolve(big, big)


def test_memory_limit_below_a_small_request_still_allows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", str(10**6))
    assert dc.convolve([1, 2], [3]) == [3, 6]


def test_bad_memory_limit_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", "lots")
    with _raises(dc.InvalidOptionError, "DISCRETECONV_MEMORY_LIMIT", "'lots'"):
        dc.convolve([1, 2], [3])


# -- nothing foreign leaks ------------------------------------------------------------------------

BAD_CALLS = [
    (lambda: dc.convolve(["1", "a"], [1]), dc.InvalidEntryError),
    (lambda: dc.convolve([None], [1]), dc.InvalidEntryError),
    (lambda: dc.convolve(None, [1]), dc.InvalidEntryError),
    (lambda: dc.convolve([[1, 2], [3]], [[1]]), dc.ShapeError),
    (lambda: dc.convolve({"a": 1}, [1]), dc.InvalidEntryError),
    (lambda: dc.convolve([[1, 2]], [3, 4]), dc.ShapeError),
    (lambda: dc.convolve([1], [1], mode="bogus"), dc.InvalidOptionError),
    (lambda: dc.convolve([1], [1], method="bogus"), dc.InvalidOptionError),
    (lambda: dc.convolve([1], [1], stride=0), dc.InvalidOptionError),
    (lambda: dc.convolve([1], [1], padding=-1), dc.InvalidOptionError),
    (lambda: dc.convolve([1], [1], axes=3), dc.InvalidOptionError),
    (lambda: dc.convolve([[1, 2, 3]], [[1], [2]], mode="valid"), dc.ShapeError),
    (lambda: dc.convolve([object()], [1]), dc.InvalidEntryError),
    (lambda: dc.convolve(["x"], [1.5], method="fft"), dc.InvalidEntryError),
    (lambda: dc.correlate([1, "2"], [1], method="direct"), dc.InvalidEntryError),
    (lambda: dc.convolve([1], [1], padding_mode="constant", padding=1, fill_value=None),
     dc.InvalidEntryError),
    (lambda: dc.explain([1, 2], [1], "0"), dc.InvalidOptionError),
    (lambda: dc.explain([[1, 2]], [[1]], 0), dc.ShapeError),
    (lambda: dc.explain([], [1], 0), dc.EmptyInputError),
    (lambda: dc.explain([1, None], [1], 0), dc.InvalidEntryError),
    (lambda: dc.Signal([1], start=1.5), dc.InvalidOptionError),
    (lambda: dc.output_size(5, 0), dc.InvalidOptionError),
]


@pytest.mark.parametrize("call, expected", BAD_CALLS)
def test_only_library_errors_escape(call: Callable[[], Any], expected: type[Exception]) -> None:
    with pytest.raises(dc.DiscreteconvError) as caught:
        call()
    assert type(caught.value) is expected
    assert type(caught.value).__module__ == "discreteconv.errors"


def test_sympy_non_numbers_are_refused() -> None:
    import sympy

    x = sympy.Symbol("x")
    with _raises(dc.InvalidEntryError, "a[1]"):
        dc.convolve([1, sympy.Eq(x, 1)], [1])
