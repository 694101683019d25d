"""``Signal``: an immutable finite sequence with a start index, and how convolution moves it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from strategies import reference_convolve, reference_correlate, signals

import discreteconv as dc


def test_construction_and_accessors() -> None:
    s = dc.Signal([4, 5, 6], start=-2)
    assert s.values == (4, 5, 6)
    assert s.start == -2
    assert s.stop == 1
    assert len(s) == 3
    assert list(s) == [4, 5, 6]
    assert s.indices == range(-2, 1)
    assert list(s.items()) == [(-2, 4), (-1, 5), (0, 6)]
    assert s.to_dict() == {-2: 4, -1: 5, 0: 6}


def test_default_start_is_zero() -> None:
    assert dc.Signal([1, 2]).start == 0
    assert dc.Signal(range(3)).values == (0, 1, 2)


def test_start_accepts_numpy_integers() -> None:
    s = dc.Signal([1], start=np.int64(7))
    assert s.start == 7
    assert type(s.start) is int


def test_at_is_zero_outside_the_support() -> None:
    s = dc.Signal([4, 5, 6], start=10)
    assert [s.at(i) for i in range(8, 15)] == [0, 0, 4, 5, 6, 0, 0]


def test_immutable() -> None:
    s = dc.Signal([1, 2, 3], start=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 5  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.values = (9,)  # type: ignore[misc]
    with pytest.raises(TypeError):
        s.values[0] = 9  # type: ignore[index]
    assert s == dc.Signal([1, 2, 3], start=1)


def test_later_changes_to_the_source_list_do_not_leak_in() -> None:
    source = [1, 2, 3]
    s = dc.Signal(source)
    source[0] = 100
    source.append(4)
    assert s.values == (1, 2, 3)


def test_equality_and_hash() -> None:
    assert dc.Signal([1, 2], 3) == dc.Signal((1, 2), 3)
    assert dc.Signal([1, 2], 3) != dc.Signal([1, 2], 4)
    assert dc.Signal([1, 2], 3) != dc.Signal([1, 2, 0], 3)
    assert dc.Signal([1, 2]) != [1, 2]
    assert hash(dc.Signal([1, 2], 3)) == hash(dc.Signal([1, 2], 3))
    assert len({dc.Signal([1], 0), dc.Signal([1], 0), dc.Signal([1], 1)}) == 2


def test_repr() -> None:
    assert repr(dc.Signal([1, 2, 3], start=2)) == "Signal([1, 2, 3], start=2)"
    assert repr(dc.Signal([5], start=-4)) == "Signal([5], start=-4)"


def test_trim() -> None:
    assert dc.Signal([0, 0, 1, 0, 2, 0, 0], 3).trim() == dc.Signal([1, 0, 2], 5)
    assert dc.Signal([1, 2], -1).trim() == dc.Signal([1, 2], -1)
    assert dc.Signal([0, 7], 0).trim() == dc.Signal([7], 1)
    all_zero = dc.Signal([0, 0, 0], 3).trim()
    assert len(all_zero) == 1 and all_zero.values == (0,)
    assert 3 <= all_zero.start <= 5


def test_bad_start() -> None:
    with pytest.raises(dc.InvalidOptionError, match=r"start.*1\.5"):
        dc.Signal([1], 1.5)
    with pytest.raises(dc.InvalidOptionError, match="start"):
        dc.Signal([1], True)


# -- convolution and correlation of Signals -------------------------------------------------------


def test_convolution_adds_starts() -> None:
    die = dc.Signal([1] * 6, start=1)
    two = dc.convolve(die, die)
    assert two == dc.Signal([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1], start=2)
    assert two.at(7) == 6 and two.at(13) == 0 and two.at(1) == 0


def test_plain_list_counts_as_starting_at_zero() -> None:
    result = dc.convolve(dc.Signal([1, 2, 3, 4], 3), [1, 1])
    assert result == dc.Signal([1, 3, 5, 7, 4], 3)
    result = dc.convolve([1, 1], dc.Signal([1, 2], -5))
    assert result == dc.Signal([1, 3, 2], -5)


def test_correlation_start() -> None:
    a = dc.Signal([1, 2, 3], 5)
    b = dc.Signal([1, 1, 1], 2)
    result = dc.correlate(a, b)
    assert result.start == 5 - (2 + 3 - 1) == 1
    assert result == dc.Signal([1, 3, 6, 5, 3], 1)
    assert dc.correlate(dc.Signal([1, 2, 3]), dc.Signal([1, 1])) == dc.Signal([1, 3, 5, 3], -1)


@given(signals(), signals())
def test_full_convolution_of_signals(a: dc.Signal, b: dc.Signal) -> None:
    result = dc.convolve(a, b)
    assert result.start == a.start + b.start
    assert list(result.values) == reference_convolve(list(a.values), list(b.values))


@given(signals(), signals())
def test_full_correlation_of_signals(a: dc.Signal, b: dc.Signal) -> None:
    result = dc.correlate(a, b)
    assert result.start == a.start - (b.start + len(b) - 1)
    assert list(result.values) == reference_correlate(list(a.values), list(b.values))


def _convolution_at(a: dc.Signal, b: dc.Signal, n: int) -> int:
    return sum(a.at(k) * b.at(n - k) for k in a.indices)


def _correlation_at(a: dc.Signal, b: dc.Signal, lag: int) -> int:
    return sum(a.at(k + lag) * b.at(k) for k in b.indices)


@given(signals(), signals())
def test_same_and_valid_modes_keep_absolute_indices(a: dc.Signal, b: dc.Signal) -> None:
    for mode in ("full", "same", "valid"):
        convolved = dc.convolve(a, b, mode)
        correlated = dc.correlate(a, b, mode)
        assert len(convolved) == dc.output_size(len(a), len(b), mode=mode)
        for index, value in convolved.items():
            assert value == _convolution_at(a, b, index), (mode, index)
        for lag, value in correlated.items():
            assert value == _correlation_at(a, b, lag), (mode, lag)


@given(signals(), signals())
def test_zero_padding_keeps_absolute_indices(a: dc.Signal, b: dc.Signal) -> None:
    result = dc.convolve(a, b, padding=2)
    assert result.start == a.start + b.start - 2
    for index, value in result.items():
        assert value == _convolution_at(a, b, index)


@pytest.mark.parametrize("dilation", [2, 3])
def test_dilation_with_signals_matches_an_explicitly_dilated_kernel(dilation: int) -> None:
    a = dc.Signal([1, 2, 3, 4, 5, 6], start=1)
    b = dc.Signal([1, 10, 100], start=-2)
    spread = [0] * (dilation * 2 + 1)
    spread[::dilation] = [1, 10, 100]
    dilated = dc.Signal(spread, start=-2)
    assert dc.convolve(a, b, dilation=dilation) == dc.convolve(a, dilated)
    assert dc.correlate(a, b, dilation=dilation) == dc.correlate(a, dilated)


def test_float_signals() -> None:
    result = dc.convolve(dc.Signal([0.5, 0.5], 1), dc.Signal([2.0], 2))
    assert result.start == 3
    assert [float(v) for v in result.values] == [1.0, 1.0]
