"""Every backend against the plain one: exact backends must agree with ``direct`` exactly.

Also: the kinds of exact results, the float backends against numpy/scipy, and large inputs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.signal
import sympy
from strategies import reference_convolve, reference_correlate

import discreteconv as dc
from discreteconv.backends import get

ALL_BACKENDS = {"direct", "kronecker", "kronecker-python", "split-fft", "flint", "fft",
                "overlap-add", "scipy-fft", "pyfftw", "cupy", "mpmath"}
AVAILABLE = dc.available_methods()
EXACT = [m for m in AVAILABLE if get(m).exact]
#: Exact methods that take rationals (they scale to integers and back).
RATIONAL = [m for m in EXACT if m != "split-fft"]
MODES = ["full", "same", "valid", "circular"]

SHAPES_1D = [(1, 1), (1, 4), (5, 3), (3, 5), (8, 8), (17, 16), (64, 9), (9, 64)]
SHAPES_2D = [((3, 4), (2, 2)), ((2, 5), (4, 3)), ((1, 6), (1, 2)), ((5, 5), (5, 5))]


def _rng(*seed: object) -> random.Random:
    return random.Random("-".join(map(str, seed)))


def _random_ints(rng: random.Random, bits: int, shape: tuple[int, ...]) -> list:
    """A nested list of ints of magnitude below ``2**bits``, at least one of full size."""
    limit = 2**bits - 1
    count = int(np.prod(shape))
    flat = [rng.randint(-limit, limit) for _ in range(count)]
    flat[rng.randrange(count)] = rng.choice([limit, -limit])
    return np.array(flat, dtype=object).reshape(shape).tolist()


def _random_fractions(rng: random.Random, shape: tuple[int, ...]) -> list:
    count = int(np.prod(shape))
    flat = [Fraction(rng.randint(-(2**40), 2**40), rng.randint(1, 10**6)) for _ in range(count)]
    return np.array(flat, dtype=object).reshape(shape).tolist()


def _valid_possible(a_shape: tuple[int, ...], b_shape: tuple[int, ...]) -> bool:
    pairs = list(zip(a_shape, b_shape, strict=True))
    return all(n >= m for n, m in pairs) or all(m >= n for n, m in pairs)


def _cases(make: Callable[[tuple[int, ...]], list]) -> Iterator[tuple[list, list]]:
    """Pairs of inputs of every shape in SHAPES_1D and SHAPES_2D."""
    for n, m in SHAPES_1D:
        yield make((n,)), make((m,))
    for a_shape, b_shape in SHAPES_2D:
        yield make(a_shape), make(b_shape)


def _run_all(method: str, a: list, b: list) -> None:
    """Every mode of convolve and correlate, ``method`` against ``direct``."""
    shape_a, shape_b = np.shape(a), np.shape(b)
    for mode in MODES:
        if mode == "valid" and not _valid_possible(shape_a, shape_b):
            continue
        for function in (dc.convolve, dc.correlate):
            expected = function(a, b, mode, method="direct")
            got = function(a, b, mode, method=method)
            assert got == expected, (function.__name__, mode, shape_a, shape_b)


# -- the registry ---------------------------------------------------------------------------------


def test_available_methods_names_known_backends() -> None:
    names = dc.available_methods()
    assert isinstance(names, tuple)
    assert set(names) <= ALL_BACKENDS
    assert {"direct", "kronecker", "kronecker-python", "split-fft", "fft"} <= set(names)
    assert "auto" not in names
    assert len(set(names)) == len(names)


def test_flint_is_listed_when_installed() -> None:
    pytest.importorskip("flint")
    assert "flint" in dc.available_methods()


# -- exact backends against direct ----------------------------------------------------------------


@pytest.mark.parametrize("bits", [3, 20, 62, 200])
@pytest.mark.parametrize("method", EXACT)
def test_exact_backend_matches_direct_on_ints(method: str, bits: int) -> None:
    rng = _rng(method, bits)
    for a, b in _cases(lambda shape: _random_ints(rng, bits, shape)):
        if method == "split-fft" and bits > 62:
            with pytest.raises(dc.InvalidOptionError, match="62 bits"):
                dc.convolve(a, b, method=method)
            continue
        _run_all(method, a, b)


@pytest.mark.parametrize("method", EXACT)
def test_exact_backend_full_result_is_the_definition(method: str) -> None:
    rng = _rng("definition", method)
    bits = 62 if method == "split-fft" else 90
    for n, m in SHAPES_1D:
        a, b = _random_ints(rng, bits, (n,)), _random_ints(rng, bits, (m,))
        assert dc.convolve(a, b, method=method) == reference_convolve(a, b)
        assert dc.correlate(a, b, method=method) == reference_correlate(a, b)


@pytest.mark.parametrize("method", EXACT)
def test_exact_backend_on_negative_numbers(method: str) -> None:
    a = [-3, -(2**40), -1, -7]
    b = [-(2**20), -5]
    expected = reference_convolve(a, b)
    assert expected[0] == 3 * 2**20 and all(v > 0 for v in expected)
    assert dc.convolve(a, b, method=method) == expected
    assert dc.convolve([-1] * 5, [1] * 3, method=method) == [-1, -2, -3, -3, -3, -2, -1]


@pytest.mark.parametrize("method", EXACT)
def test_exact_backend_on_zeros_and_units(method: str) -> None:
    assert dc.convolve([0, 0], [0, 0, 0], method=method) == [0, 0, 0, 0]
    assert dc.convolve([[1, 0], [0, 0]], [[1, 0], [0, 0]], method=method) == [
        [1, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
    ]
    assert dc.convolve([7], [-3], method=method) == [-21]


@pytest.mark.parametrize("method", RATIONAL)
def test_rational_backend_matches_direct_on_fractions(method: str) -> None:
    rng = _rng("fractions", method)
    for a, b in _cases(lambda shape: _random_fractions(rng, shape)):
        _run_all(method, a, b)


@pytest.mark.parametrize("method", RATIONAL)
def test_rational_backend_on_mixed_ints_and_fractions(method: str) -> None:
    a = [Fraction(1, 2), 3, Fraction(-2, 7)]
    b = [Fraction(1, 3), -2]
    expected = [Fraction(1, 6), Fraction(0), Fraction(-2, 21) - 6, Fraction(4, 7)]
    result = dc.convolve(a, b, method=method)
    assert result == expected
    assert all(type(v) is Fraction for v in result)


@pytest.mark.parametrize("method", RATIONAL)
def test_rational_backend_keeps_sympy_rationals(method: str) -> None:
    a = [sympy.Rational(1, 3), sympy.Integer(2)]
    b = [sympy.Rational(3, 7), sympy.Integer(4)]
    result = dc.convolve(a, b, method=method)
    assert result == [sympy.Rational(1, 7), sympy.Rational(46, 21), sympy.Integer(8)]
    assert all(isinstance(v, sympy.Rational) for v in result)
    assert isinstance(result[2], sympy.Integer)


def test_kronecker_twins_agree() -> None:
    rng = _rng("twins")
    for bits in (1, 7, 8, 9, 63, 64, 65, 500, 3000):
        for n, m in [(1, 1), (2, 3), (40, 7), (300, 300)]:
            a, b = _random_ints(rng, bits, (n,)), _random_ints(rng, bits, (m,))
            fast = dc.convolve(a, b, method="kronecker")
            plain = dc.convolve(a, b, method="kronecker-python")
            assert fast == plain, (bits, n, m)
            if n * m <= 1000:
                assert plain == reference_convolve(a, b)


def test_kronecker_twins_agree_in_2d() -> None:
    rng = _rng("twins-2d")
    a, b = _random_ints(rng, 100, (4, 6)), _random_ints(rng, 100, (3, 2))
    assert dc.convolve(a, b, method="kronecker") == dc.convolve(a, b, method="kronecker-python")
    assert dc.convolve(a, b, method="kronecker") == dc.convolve(a, b, method="direct")


# -- split-fft: its 62-bit limit and long inputs --------------------------------------------------


def _flint_product(a: list[int], b: list[int]) -> list[int]:
    flint = pytest.importorskip("flint")
    coefficients = [int(c) for c in (flint.fmpz_poly(a) * flint.fmpz_poly(b)).coeffs()]
    return coefficients + [0] * (len(a) + len(b) - 1 - len(coefficients))


@pytest.mark.parametrize("n", [2, 1000, 20000])
@pytest.mark.parametrize("pattern", ["max", "alternating", "random"])
def test_split_fft_exact_at_its_limit(pattern: str, n: int) -> None:
    top = 2**62 - 1
    rng = _rng("split", pattern, n)
    if pattern == "max":
        a, b = [top] * n, [-top] * n
    elif pattern == "alternating":
        a = [top if i % 2 else -top for i in range(n)]
        b = [top if i % 3 else -top for i in range(n)]
    else:
        a = [rng.randint(-top, top) for _ in range(n)]
        b = [rng.randint(-top, top) for _ in range(n)]
    expected = _flint_product(a, b)
    assert dc.convolve(a, b, method="split-fft") == expected
    assert dc.convolve(a, b, method="auto") == expected


@pytest.mark.parametrize("bits", [1, 20, 33, 52, 53, 61])
def test_split_fft_exact_on_long_inputs(bits: int) -> None:
    rng = _rng("split-long", bits)
    n = 20000
    a = [rng.randint(-(2**bits - 1), 2**bits - 1) for _ in range(n)]
    b = [rng.randint(-(2**bits - 1), 2**bits - 1) for _ in range(n // 3)]
    assert dc.convolve(a, b, method="split-fft") == _flint_product(a, b)


@pytest.mark.parametrize(
    "a",
    [[2**63 - 1], [-(2**63)], [2**63 - 1, -(2**63), 2**62], [2**63 - 2**30, 5, 2**63 - 1]],
)
def test_split_fft_past_62_bits_is_exact_or_refused(a: list[int]) -> None:
    b = [3, -(2**62) + 1, 2**61]
    expected = reference_convolve(a, b)
    try:
        result = dc.convolve(a, b, method="split-fft")
    except dc.InvalidOptionError as error:
        assert "62" in str(error)
    else:
        assert result == expected
    assert dc.convolve(a, b) == expected  # auto must stay exact whatever it picks


def test_int64_extremes_through_auto() -> None:
    assert dc.convolve([2**63 - 1], [3]) == [3 * (2**63 - 1)]
    assert dc.convolve([-(2**63)], [-(2**63)]) == [2**126]
    top = 2**63 - 1
    assert dc.convolve([top, top], [top, top]) == [top**2, 2 * top**2, top**2]
    expected = [top**2, 2 * top - top**2, -2 * top]
    assert dc.convolve(np.array([top, -top]), np.array([top, 2])) == expected


# -- auto -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("bits", [2, 20, 40, 62, 63, 64, 130])
def test_auto_equals_direct_on_ints(bits: int) -> None:
    rng = _rng("auto", bits)
    for a, b in _cases(lambda shape: _random_ints(rng, bits, shape)):
        _run_all("auto", a, b)


def test_auto_equals_direct_on_fractions_and_sympy() -> None:
    rng = _rng("auto-fractions")
    for a, b in _cases(lambda shape: _random_fractions(rng, shape)):
        _run_all("auto", a, b)
    a = [sympy.Rational(2, 3), sympy.Integer(-5), sympy.Rational(7, 11)]
    b = [sympy.Integer(3), sympy.Rational(1, 2)]
    assert dc.convolve(a, b) == dc.convolve(a, b, method="direct")


def test_auto_on_long_int_inputs_is_exact() -> None:
    rng = _rng("auto-long")
    for bits, n in [(8, 3000), (40, 3000), (62, 3000), (100, 1500)]:
        a = [rng.randint(-(2**bits), 2**bits) for _ in range(n)]
        b = [rng.randint(-(2**bits), 2**bits) for _ in range(n)]
        assert dc.convolve(a, b) == _flint_product(a, b), (bits, n)


def test_large_20_bit_case_matches_flint() -> None:
    flint = pytest.importorskip("flint")
    rng = _rng("large-20-bit")
    n = 20000
    a = [rng.randint(-(2**20), 2**20) for _ in range(n)]
    b = [rng.randint(-(2**20), 2**20) for _ in range(n)]
    product = flint.fmpz_poly(a) * flint.fmpz_poly(b)
    expected = [int(c) for c in product.coeffs()]
    result = dc.convolve(a, b)
    assert len(result) == 2 * n - 1
    assert result == expected + [0] * (2 * n - 1 - len(expected))
    assert all(type(v) is int for v in result[:100])


# -- exact result kinds ---------------------------------------------------------------------------


def test_int_results_are_python_ints_of_any_size() -> None:
    small = dc.convolve([1, 2, 3], [4, 5])
    assert small == [4, 13, 22, 15]
    assert all(type(v) is int for v in small)
    big = dc.convolve([2**100, -1], [2**100, 1])
    assert big == [2**200, 2**100 - 2**100, -1]
    assert all(type(v) is int for v in big)
    nested = dc.convolve([[1, 2], [3, 4]], [[1, 1]])
    assert nested == [[1, 3, 2], [3, 7, 4]]
    assert all(type(v) is int for row in nested for v in row)


def test_numpy_int_inputs_give_python_ints_without_overflow() -> None:
    a = np.array([100, 100], dtype=np.int8)
    assert dc.convolve(a, a) == [10000, 20000, 10000]
    b = np.array([2**32, 2**32], dtype=np.int64)
    result = dc.convolve(b, b)
    assert result == [2**64, 2**65, 2**64]
    assert all(type(v) is int for v in result)
    c = np.array([2**64 - 1], dtype=np.uint64)
    assert dc.convolve(c, [2]) == [2**65 - 2]


def test_bools_count_as_ints() -> None:
    result = dc.convolve([True, False, True], [True, True])
    assert result == [1, 1, 1, 1]
    assert all(type(v) is int for v in result)


def test_fraction_results_are_fractions() -> None:
    result = dc.convolve([Fraction(1, 2), 1], [Fraction(1, 3), 2])
    assert result == [Fraction(1, 6), Fraction(4, 3), Fraction(2)]
    assert all(type(v) is Fraction for v in result)


def test_decimals_are_exact_fractions() -> None:
    from decimal import Decimal

    result = dc.convolve([Decimal("0.1"), Decimal("0.2")], [Decimal("0.3")])
    assert result == [Fraction(3, 100), Fraction(6, 100)]
    assert all(type(v) is Fraction for v in result)


def test_sympy_integers_give_sympy_integers() -> None:
    result = dc.convolve([sympy.Integer(1), sympy.Integer(2)], [3, 4])
    assert result == [3, 10, 8]
    assert all(isinstance(v, sympy.Integer) for v in result)


def test_sympy_symbols_give_expanded_expressions() -> None:
    x, y = sympy.symbols("x y")
    result = dc.convolve([1 + x, 2], [x, y])
    assert result == [x**2 + x, x * y + y + 2 * x, 2 * y]
    for value in result:
        assert isinstance(value, sympy.Expr)
        assert value == sympy.expand(value)
        assert value.func is not sympy.Mul or not any(a.is_Add for a in value.args)
    assert dc.convolve([1, x], [x, 1]) == [x, x**2 + 1, x]


def test_sympy_symbols_in_2d_and_correlation() -> None:
    x = sympy.Symbol("x")
    assert dc.convolve([[x, 1]], [[1], [x]]) == [[x, 1], [x**2, x]]
    assert dc.correlate([1, x], [x, 1]) == [1, 2 * x, x**2]


def test_sympy_complex_correlation_conjugates() -> None:
    i = sympy.I
    result = dc.correlate([1, 2], [2 + 3 * i, 1])
    assert result == [1, 4 - 3 * i, 4 - 6 * i]
    assert result == dc.convolve([1, 2], [1, 2 - 3 * i])
    x = sympy.Symbol("x")  # realness unknown: treated as real, not conjugated
    assert dc.correlate([1, x], [x, 2]) == [2, 3 * x, x**2]


def test_mpmath_inputs_give_mpf() -> None:
    result = dc.convolve([mpmath.mpf("0.5"), mpmath.mpf(2)], [mpmath.mpf(3), mpmath.mpf(4)])
    assert result == [mpmath.mpf("1.5"), mpmath.mpf(8), mpmath.mpf(8)]
    assert all(isinstance(v, mpmath.mpf) for v in result)


def test_mpmath_mixed_with_ints_gives_mpf_everywhere() -> None:
    result = dc.convolve([mpmath.mpf(1), 2], [3, 4])
    assert result == [3, 10, 8]
    assert all(isinstance(v, mpmath.mpf) for v in result), [type(v) for v in result]


@pytest.mark.parametrize("method", ["direct", "auto"])
def test_floats_give_float64_arrays(method: str) -> None:
    result = dc.convolve([1.0, 2.0], [0.5, 0.5], method=method)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    assert result.tolist() == [0.5, 1.5, 1.0]
    mixed = dc.convolve([1, 2], [0.5], method=method)
    assert mixed.dtype == np.float64 and mixed.tolist() == [0.5, 1.0]


@pytest.mark.parametrize("method", ["direct", "auto", "fft"])
def test_complex_gives_complex128_arrays(method: str) -> None:
    result = dc.convolve([1j, 2], [3, 4], method=method)
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.complex128
    np.testing.assert_allclose(result, [3j, 6 + 4j, 8], atol=1e-12)


def test_fft_returns_floats_even_for_ints() -> None:
    result = dc.convolve([1, 2], [3, 4], method="fft")
    assert isinstance(result, np.ndarray)
    assert result.dtype == np.float64
    np.testing.assert_allclose(result, [3.0, 10.0, 8.0], atol=1e-12)
    fractions = dc.convolve([Fraction(1, 2)], [1, 2], method="fft")
    assert fractions.dtype == np.float64
    np.testing.assert_allclose(fractions, [0.5, 1.0], atol=1e-12)


# -- float backends against numpy and scipy -------------------------------------------------------


def _float_data(seed: int, shape: tuple[int, ...], complex_: bool = False) -> np.ndarray:
    generator = np.random.default_rng(seed)
    data = generator.standard_normal(shape)
    if complex_:
        data = data + 1j * generator.standard_normal(shape)
    return data


@pytest.mark.parametrize("n, m", [(1, 1), (7, 3), (3, 7), (100, 100), (1000, 37), (4096, 513)])
def test_fft_matches_numpy_convolve_1d(n: int, m: int) -> None:
    a, b = _float_data(n, (n,)), _float_data(m + 1, (m,))
    result = dc.convolve(a, b, method="fft")
    np.testing.assert_allclose(result, np.convolve(a, b), rtol=1e-9, atol=1e-9)
    for mode in ("full", "same", "valid"):
        expected = scipy.signal.fftconvolve(a, b, mode=mode)
        np.testing.assert_allclose(dc.convolve(a, b, mode, method="fft"), expected, atol=1e-9)
        expected = scipy.signal.correlate(a, b, mode=mode, method="direct")
        np.testing.assert_allclose(dc.correlate(a, b, mode, method="fft"), expected, atol=1e-9)


@pytest.mark.parametrize(
    "a_shape, b_shape", [((5, 6), (3, 2)), ((30, 40), (7, 9)), ((2, 3), (4, 5))]
)
def test_fft_matches_scipy_2d(a_shape: tuple, b_shape: tuple) -> None:
    a, b = _float_data(1, a_shape), _float_data(2, b_shape)
    for mode in ("full", "same", "valid"):
        expected = scipy.signal.fftconvolve(a, b, mode=mode)
        np.testing.assert_allclose(dc.convolve(a, b, mode, method="fft"), expected, atol=1e-9)


@pytest.mark.parametrize("shape", [(9,), (4, 5)])
def test_fft_matches_scipy_on_complex(shape: tuple) -> None:
    a = _float_data(3, shape, complex_=True)
    b = _float_data(4, tuple(max(1, s - 2) for s in shape), complex_=True)
    for mode in ("full", "same", "valid"):
        convolved = dc.convolve(a, b, mode, method="fft")
        assert convolved.dtype == np.complex128
        np.testing.assert_allclose(convolved, scipy.signal.fftconvolve(a, b, mode=mode),
                                   atol=1e-9)
        correlated = dc.correlate(a, b, mode, method="fft")
        np.testing.assert_allclose(
            correlated, scipy.signal.correlate(a, b, mode=mode, method="direct"), atol=1e-9
        )


def test_fft_on_ints_is_close_to_exact() -> None:
    rng = _rng("fft-ints")
    a = [rng.randint(-1000, 1000) for _ in range(500)]
    b = [rng.randint(-1000, 1000) for _ in range(300)]
    exact = dc.convolve(a, b)
    approximate = dc.convolve(a, b, method="fft")
    np.testing.assert_allclose(approximate, np.array(exact, dtype=float), atol=1e-5)


@pytest.mark.parametrize("shape_a, shape_b", [((6,), (4,)), ((4,), (9,)), ((5, 4), (2, 3))])
def test_direct_floats_match_scipy(shape_a: tuple, shape_b: tuple) -> None:
    a, b = _float_data(5, shape_a), _float_data(6, shape_b)
    for mode in ("full", "same", "valid"):
        for ours, theirs in ((dc.convolve, scipy.signal.convolve),
                             (dc.correlate, scipy.signal.correlate)):
            result = ours(a, b, mode, method="direct")
            assert result.dtype == np.float64
            expected = theirs(a, b, mode=mode, method="direct")
            np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-12)
    if len(shape_a) == 1:
        np.testing.assert_allclose(dc.convolve(a, b, method="direct"), np.convolve(a, b),
                                   rtol=1e-12, atol=1e-12)


def test_direct_complex_correlation_matches_scipy() -> None:
    a = _float_data(7, (6,), complex_=True)
    b = _float_data(8, (3,), complex_=True)
    for mode in ("full", "same", "valid"):
        np.testing.assert_allclose(
            dc.correlate(a, b, mode, method="direct"),
            scipy.signal.correlate(a, b, mode=mode, method="direct"),
            rtol=1e-12,
            atol=1e-12,
        )


def test_auto_on_long_floats_is_close_to_numpy() -> None:
    a, b = _float_data(9, (3000,)), _float_data(10, (2000,))
    np.testing.assert_allclose(dc.convolve(a, b), np.convolve(a, b), atol=1e-8)
