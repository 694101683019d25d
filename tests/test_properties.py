"""Algebraic properties of convolution, checked on generated inputs.

Exact inputs must satisfy every identity exactly (``==``), including integers far past 2**64;
floats are compared with a tolerance scaled to the size of the terms.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    big_ints,
    complex_lists,
    float_lists,
    fraction_lists,
    int64_lists,
    int_arrays_2d,
    int_lists,
    reference_circular,
    reference_convolve,
    reference_convolve_2d,
    signals,
    small_int_lists,
    small_ints,
)

import discreteconv as dc


def _add(x: list, y: list) -> list:
    return [p + q for p, q in zip(x, y, strict=True)]


def _same_length_pair(elements: st.SearchStrategy) -> st.SearchStrategy:
    return st.integers(min_value=1, max_value=10).flatmap(
        lambda n: st.tuples(
            st.lists(elements, min_size=n, max_size=n), st.lists(elements, min_size=n, max_size=n)
        )
    )


# -- agreement with the definition ----------------------------------------------------------------


@given(int_lists, int_lists)
def test_ints_of_any_size_match_the_definition(a: list[int], b: list[int]) -> None:
    result = dc.convolve(a, b)
    assert result == reference_convolve(a, b)
    assert all(type(v) is int for v in result)


@given(int64_lists, int64_lists)
def test_int64_entries_match_the_definition(a: list[int], b: list[int]) -> None:
    # Lists that numpy stores as int64, whose products overflow int64: exactness must survive.
    result = dc.convolve(a, b)
    assert result == reference_convolve(a, b)
    assert all(type(v) is int for v in result)


@given(fraction_lists, fraction_lists)
def test_fractions_match_the_definition(a: list[Fraction], b: list[Fraction]) -> None:
    result = dc.convolve(a, b)
    assert result == reference_convolve(a, b)
    assert all(type(v) is Fraction for v in result)


# -- commutativity, associativity, distributivity -------------------------------------------------


@given(int_lists, int_lists)
def test_commutative_ints(a: list[int], b: list[int]) -> None:
    assert dc.convolve(a, b) == dc.convolve(b, a)


@given(fraction_lists, fraction_lists)
def test_commutative_fractions(a: list[Fraction], b: list[Fraction]) -> None:
    assert dc.convolve(a, b) == dc.convolve(b, a)


@given(float_lists, float_lists)
def test_commutative_floats(a: list[float], b: list[float]) -> None:
    ab, ba = dc.convolve(a, b), dc.convolve(b, a)
    assert isinstance(ab, np.ndarray) and ab.dtype == np.float64
    np.testing.assert_allclose(ab, ba, rtol=1e-12, atol=1e-9 * (1 + max(map(abs, a + b))) ** 2)


@settings(max_examples=50)
@given(int_lists, small_int_lists, int_lists)
def test_associative(a: list[int], b: list[int], c: list[int]) -> None:
    assert dc.convolve(dc.convolve(a, b), c) == dc.convolve(a, dc.convolve(b, c))


@settings(max_examples=50)
@given(fraction_lists, fraction_lists, fraction_lists)
def test_associative_fractions(a: list, b: list, c: list) -> None:
    assert dc.convolve(dc.convolve(a, b), c) == dc.convolve(a, dc.convolve(b, c))


@given(int_lists, _same_length_pair(big_ints))
def test_distributes_over_elementwise_addition(a: list[int], bc: tuple[list, list]) -> None:
    b, c = bc
    assert dc.convolve(a, _add(b, c)) == _add(dc.convolve(a, b), dc.convolve(a, c))


@given(fraction_lists, _same_length_pair(st.fractions(max_denominator=30)))
def test_distributes_fractions(a: list, bc: tuple[list, list]) -> None:
    b, c = bc
    assert dc.convolve(a, _add(b, c)) == _add(dc.convolve(a, b), dc.convolve(a, c))


# -- identity, shifts, scaling --------------------------------------------------------------------


@given(int_lists)
def test_delta_is_the_identity(a: list[int]) -> None:
    assert dc.convolve(a, [1]) == a
    assert dc.convolve([1], a) == a


@given(fraction_lists)
def test_delta_is_the_identity_for_fractions(a: list[Fraction]) -> None:
    assert dc.convolve(a, [1]) == a


@given(signals(), st.integers(min_value=-30, max_value=30))
def test_shifted_delta_shifts_a_signal(x: dc.Signal, shift: int) -> None:
    result = dc.convolve(x, dc.Signal([1], shift))
    assert result == dc.Signal(x.values, x.start + shift)


@given(int_lists, small_int_lists, st.integers(min_value=0, max_value=5))
def test_prepending_zeros_shifts_the_output(a: list[int], b: list[int], k: int) -> None:
    assert dc.convolve([0] * k + a, b) == [0] * k + dc.convolve(a, b)
    assert dc.convolve(a, [0] * k + b) == [0] * k + dc.convolve(a, b)


@given(signals(), signals(), st.integers(min_value=-10, max_value=10))
def test_moving_a_start_moves_the_result(x: dc.Signal, y: dc.Signal, shift: int) -> None:
    moved = dc.convolve(dc.Signal(x.values, x.start + shift), y)
    plain = dc.convolve(x, y)
    assert moved.values == plain.values
    assert moved.start == plain.start + shift == x.start + y.start + shift


@given(int_lists, int_lists, big_ints)
def test_scalar_linearity(a: list[int], b: list[int], c: int) -> None:
    scaled = dc.convolve([c * v for v in a], b)
    assert scaled == [c * v for v in dc.convolve(a, b)]


@given(fraction_lists, fraction_lists, st.fractions(max_denominator=20))
def test_scalar_linearity_fractions(a: list, b: list, c: Fraction) -> None:
    assert dc.convolve(a, [c * v for v in b]) == [c * v for v in dc.convolve(a, b)]


# -- correlation ----------------------------------------------------------------------------------


@given(int_lists, int_lists)
def test_correlation_is_convolution_with_reversed_input(a: list[int], b: list[int]) -> None:
    assert dc.correlate(a, b) == dc.convolve(a, b[::-1])


@given(fraction_lists, fraction_lists)
def test_correlation_reversed_fractions(a: list, b: list) -> None:
    assert dc.correlate(a, b) == dc.convolve(a, b[::-1])


@given(complex_lists, complex_lists)
def test_complex_correlation_conjugates(a: list[complex], b: list[complex]) -> None:
    expected = dc.convolve(a, [v.conjugate() for v in b[::-1]])
    result = dc.correlate(a, b)
    assert result.dtype == np.complex128
    scale = (1 + max(abs(v) for v in a + b)) ** 2
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-9 * scale)


@given(int_lists, int_lists)
def test_correlating_swapped_inputs_reverses_the_result(a: list[int], b: list[int]) -> None:
    assert dc.correlate(b, a) == dc.correlate(a, b)[::-1]


# -- 2-D ------------------------------------------------------------------------------------------


@settings(max_examples=50)
@given(int_arrays_2d(), small_int_lists, small_int_lists)
def test_separable_kernel_is_two_1d_passes(image: list, u: list[int], v: list[int]) -> None:
    kernel = [[p * q for q in v] for p in u]  # outer product u v^T
    column = [[p] for p in u]
    row = [v]
    two_passes = dc.convolve(dc.convolve(image, column, axes=0), row, axes=1)
    assert dc.convolve(image, kernel) == two_passes
    assert two_passes == reference_convolve_2d(image, kernel)


@settings(max_examples=50)
@given(int_arrays_2d(elements=big_ints), int_arrays_2d())
def test_2d_matches_the_definition(a: list, b: list) -> None:
    assert dc.convolve(a, b) == reference_convolve_2d(a, b)


@settings(max_examples=50)
@given(int_arrays_2d(), int_arrays_2d())
def test_2d_commutative(a: list, b: list) -> None:
    assert dc.convolve(a, b) == dc.convolve(b, a)


# -- sums and circular convolution ----------------------------------------------------------------


@given(int_lists, int_lists)
def test_sum_of_output_is_product_of_sums(a: list[int], b: list[int]) -> None:
    assert sum(dc.convolve(a, b)) == sum(a) * sum(b)


@given(fraction_lists, fraction_lists)
def test_sum_of_output_fractions(a: list, b: list) -> None:
    assert sum(dc.convolve(a, b)) == sum(a) * sum(b)


@given(int_arrays_2d(), int_arrays_2d())
def test_sum_of_2d_output(a: list, b: list) -> None:
    total = sum(map(sum, dc.convolve(a, b)))
    assert total == sum(map(sum, a)) * sum(map(sum, b))


@given(int_lists, small_int_lists, st.integers(min_value=1, max_value=15))
def test_circular_matches_the_definition(a: list[int], b: list[int], period: int) -> None:
    result = dc.convolve(a, b, mode="circular", period=period)
    assert result == reference_circular(a, b, period)
    assert sum(result) == sum(a) * sum(b)


@given(int_lists, small_int_lists)
def test_circular_default_period(a: list[int], b: list[int]) -> None:
    period = max(len(a), len(b))
    assert dc.convolve(a, b, mode="circular") == reference_circular(a, b, period)


@given(small_int_lists, st.integers(min_value=0, max_value=20))
def test_circular_delta_rotates(a: list[int], k: int) -> None:
    n = len(a)
    delta = [0] * n
    delta[k % n] = 1
    rotated = [a[(i - k) % n] for i in range(n)]
    assert dc.convolve(a, delta, mode="circular") == rotated


@given(st.lists(small_ints, min_size=1, max_size=6), small_int_lists)
def test_full_mode_with_signals_adds_starts(a: list[int], b: list[int]) -> None:
    result = dc.convolve(dc.Signal(a, 3), dc.Signal(b, -7))
    assert result.start == -4
    assert list(result.values) == reference_convolve(a, b)
