"""``float_sum``: float log-probabilities of sums, every one within ``rtol`` of the exact value."""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import integer_distributions

import discreteconv as dc
from discreteconv.backends.splitfft import error_factor
from discreteconv.dist import _tilted
from discreteconv.dist.floating import FloatDistribution, float_sum
from discreteconv.errors import (
    EmptyInputError,
    InvalidEntryError,
    InvalidOptionError,
    TooLargeError,
)

RTOL = 1e-12


def reference_errors(result: FloatDistribution, exact: dc.Distribution) -> np.ndarray:
    """``|exp(log_pmf) / p - 1|`` per outcome, from the exact integers at 120 bits.

    Written apart from the library's own ``rel_errors_vs``; requires the same outcome range.
    """
    start, counts = exact.dense()
    assert (result.start, len(result)) == (start, len(counts))
    errors = []
    with mpmath.workprec(120):
        log_total = mpmath.log(exact.total)
        for count, value in zip(counts, result.log_pmf.tolist(), strict=True):
            if count == 0:
                errors.append(0.0 if value == -math.inf else math.inf)
            elif value == -math.inf:
                errors.append(1.0)
            else:
                difference = mpmath.mpf(value) - (mpmath.log(count) - log_total)
                errors.append(float(abs(mpmath.expm1(difference))))
    return np.array(errors)


def assert_accurate(result: FloatDistribution, exact: dc.Distribution) -> np.ndarray:
    """Every probability within rtol, every bound holding, zeros exactly where p is 0."""
    errors = reference_errors(result, exact)
    assert errors.max() <= RTOL, (errors.max(), int(errors.argmax()))
    assert np.all(errors <= result.error_bounds), "an error exceeds its stated bound"
    assert result.error_bound <= RTOL
    counts = np.array([c > 0 for c in exact.dense()[1]])
    assert np.array_equal(np.isfinite(result.log_pmf), counts)
    return errors


@pytest.fixture(scope="module")
def d6_1000() -> tuple[FloatDistribution, dc.Distribution]:
    return float_sum(dc.die(6), repeat=1000, method="tilted"), 1000 @ dc.die(6)


def test_every_probability_of_1000d6_is_within_1e_12(d6_1000) -> None:
    result, exact = d6_1000
    assert result.method == "tilted-fft" and result.exact_entries == 0
    assert len(result) == 5001 and result.start == 1000
    assert np.array_equal(result.outcomes, np.arange(1000, 6001))
    errors = assert_accurate(result, exact)
    # |log_pmf - log p| <= rtol as well, the form the brief states
    assert np.all(np.abs(np.log1p(-np.minimum(errors, 0.5))) <= RTOL)
    assert result.log_pmf[0] == pytest.approx(-1000 * math.log(6), rel=1e-15)
    assert len(result.tilts) > 1 and result.seconds > 0


def test_the_library_measures_the_same_errors(d6_1000) -> None:
    result, exact = d6_1000
    assert np.allclose(result.rel_errors_vs(exact), reference_errors(result, exact),
                       rtol=1e-6, atol=1e-18)
    assert result.max_rel_error_vs(exact) == pytest.approx(
        reference_errors(result, exact).max(), rel=1e-6)


def test_the_float_pmf_and_its_underflow_mask(d6_1000) -> None:
    result, exact = d6_1000
    counts = exact.dense()[1]
    assert result.pmf.dtype == np.float64
    # 1270 probabilities lie below the smallest normal float64 (the count)
    assert sum(c * 2**1022 < exact.total for c in counts) == 1270
    assert int(np.sum(result.pmf < np.finfo(np.float64).smallest_normal)) == 1270
    # the mask: where a subnormal's spacing 2**-1074 is more than rtol of p
    expected = [Fraction(c, exact.total) * RTOL < Fraction(1, 2**1075) for c in counts]
    assert result.underflow.tolist() == expected
    normal = ~result.underflow
    truth = np.array([c / exact.total for c in counts])
    assert np.allclose(result.pmf[normal], truth[normal], rtol=1e-12, atol=0)
    assert result.pmf[0] == 0.0


def test_a_plain_float64_fft_fails_the_same_check(d6_1000) -> None:
    exact = d6_1000[1]
    plain = float_sum(dc.die(6), repeat=1000, accurate=False)
    assert plain.method == "plain-fft" and plain.tilts == (0.0,)
    errors = reference_errors(plain, exact)
    assert errors.max() > RTOL
    assert np.sum(errors > RTOL) > 1000  # the lost tail
    # ... but its stated bounds still hold: they say which entries are trustworthy
    assert np.all(errors <= plain.error_bounds)
    assert math.isinf(plain.error_bound)


def test_two_different_dice_summed_many_times() -> None:
    result = float_sum(dc.die(6), dc.die(6), dc.die(20), repeat=100, method="tilted")
    assert (result.start, len(result)) == (300, 2901)
    assert_accurate(result, 200 @ dc.die(6) + 100 @ dc.die(20))


def test_long_parts_go_through_the_fft_bound() -> None:
    parts = (60 @ dc.die(6), 40 @ dc.die(10))  # 301 and 361 entries: no direct DFT
    result = float_sum(*parts, method="tilted")
    assert_accurate(result, parts[0] + parts[1])


def test_sparse_faces_get_exact_zeros() -> None:
    sparse = dc.Distribution.from_faces([0, 1, 1000])
    result = float_sum(sparse, repeat=12, method="tilted")
    exact = 12 @ sparse
    assert_accurate(result, exact)
    assert np.sum(np.isfinite(result.log_pmf)) == len(exact.outcomes)


def test_negative_outcomes() -> None:
    skewed = dc.Distribution({-3: 1, 0: 2, 2: 5})
    result = float_sum(skewed, dc.fudge(), repeat=50, method="tilted")
    assert result.start == -200
    assert_accurate(result, 50 @ (skewed + dc.fudge()))


def test_repeat_is_the_sum_of_copies() -> None:
    d8 = dc.die(8)
    repeated = float_sum(d8, repeat=3, method="tilted")
    listed = float_sum(d8, d8, d8, method="tilted")
    assert np.allclose(repeated.log_pmf, listed.log_pmf, rtol=0, atol=3 * RTOL)
    assert_accurate(repeated, 3 @ d8)


def test_outcomes_the_tilts_miss_are_computed_exactly(monkeypatch) -> None:
    monkeypatch.setattr(_tilted, "MAX_TILTS", 1)
    result = float_sum(dc.die(6), repeat=200, method="tilted")
    assert result.method == "tilted-fft+exact"
    assert 0 < result.exact_entries < len(result) and result.tilts == (0.0,)
    assert_accurate(result, 200 @ dc.die(6))


def test_exact_then_rounded_is_the_reference() -> None:
    exact = dc.dice("300d6")
    rounded = FloatDistribution.from_exact(exact)
    assert rounded.method == "exact-then-rounded" and rounded.exact_entries == 1501
    assert_accurate(rounded, exact)
    _, counts = exact.dense()
    assert rounded.pmf.tolist() == [float(Fraction(c, exact.total)) for c in counts]


@given(st.lists(integer_distributions(max_outcomes=5, low=-8, high=12), min_size=1,
                max_size=3),
       st.integers(min_value=1, max_value=6))
def test_small_sums_match_exact(parts: list[dc.Distribution], repeat: int) -> None:
    result = float_sum(*parts, repeat=repeat, method="tilted")
    exact = parts[0]
    for part in parts[1:]:
        exact = exact + part
    exact = repeat @ exact if repeat > 1 else exact
    assert_accurate(result, exact)
    finite = np.isfinite(result.log_pmf)
    logs = result.log_pmf[finite].astype(np.longdouble)
    top = logs.max()
    assert abs(float(top + np.log(np.sum(np.exp(logs - top))))) <= 1e-12  # sums to 1
    mean = float(np.sum(np.exp(logs) * result.outcomes[finite]))
    assert mean == pytest.approx(float(exact.mean()), rel=1e-12, abs=1e-12)


def test_the_fft_error_factor_scales_with_the_unit_roundoff() -> None:
    for length in (2, 1000, 5120, 2**20):
        at_64 = error_factor(length)
        assert error_factor(length, 2.0**-53) == at_64
        # about (9n + 1) u: linear in u while n u is small, and never rounded away
        assert error_factor(length, 2.0**-64) == pytest.approx(at_64 / 2**11, rel=1e-6)


@pytest.mark.parametrize(("call", "error", "words"), [
    (lambda: float_sum(), EmptyInputError, "at least one"),
    (lambda: float_sum([1, 2, 3]), InvalidEntryError, "part 0 is a list"),
    (lambda: float_sum(dc.die(6), dc.Distribution({Fraction(1, 2): 1})), InvalidEntryError,
     "part 1 has non-integer"),
    (lambda: float_sum(dc.die(6), repeat=0), InvalidOptionError, "repeat must be"),
    (lambda: float_sum(dc.die(6), repeat=True), InvalidOptionError, "repeat must be"),
    (lambda: float_sum(dc.die(6), repeat=1.5), InvalidOptionError, "repeat must be"),
    (lambda: float_sum(dc.die(6), rtol=0), InvalidOptionError, "rtol must be"),
    (lambda: float_sum(dc.die(6), rtol=2.0), InvalidOptionError, "rtol must be"),
    (lambda: float_sum(dc.die(6), rtol="tight"), InvalidOptionError, "rtol must be"),
    (lambda: float_sum(dc.die(6), accurate="yes"), InvalidOptionError, "accurate must be"),
    (lambda: float_sum(dc.die(6), method="fast"), InvalidOptionError, "'fast'"),
    (lambda: float_sum(dc.die(1000), repeat=10**5), TooLargeError, "refused before"),
    (lambda: float_sum(dc.die(1000), repeat=10**6, accurate=False), TooLargeError,
     "refused before"),
    (lambda: FloatDistribution.from_exact(dc.Distribution({Fraction(1, 3): 1})),
     InvalidEntryError, "non-integer"),
])
def test_clear_errors(call, error, words) -> None:
    with pytest.raises(error, match=words):
        call()


def test_the_memory_limit_is_checked_first(monkeypatch) -> None:
    monkeypatch.setenv("DISCRETECONV_MEMORY_LIMIT", "1000")
    with pytest.raises(TooLargeError, match="float_sum"):
        float_sum(dc.die(6), repeat=100, method="tilted")


def test_results_are_read_only(d6_1000) -> None:
    result = d6_1000[0]
    with pytest.raises(ValueError):
        result.log_pmf[0] = 0.0
    assert "tilted-fft" in repr(result)


def test_auto_sums_small_results_exactly_and_large_ones_by_tilts() -> None:
    small = float_sum(dc.die(6), repeat=300)
    assert small.method == "exact-then-rounded"
    assert small.max_rel_error_vs(300 @ dc.die(6)) <= 1e-12
    forced = float_sum(dc.die(6), repeat=300, method="exact")
    assert np.array_equal(forced.log_pmf, small.log_pmf)
    # 60-bit weights on 100 faces, 100 copies: about 6.6e7 bits in the exact result
    weights = np.random.default_rng(1).integers(2**59, 2**60, size=100).tolist()
    heavy = dc.Distribution(dict(enumerate(weights)))
    assert float_sum(heavy, repeat=100, method="auto").method.startswith("tilted-fft")
