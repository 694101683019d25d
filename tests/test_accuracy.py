"""``check_against_exact``: float methods measured against the exact convolution."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import pytest
from _helpers import cli_ok
from hypothesis import given
from hypothesis import strategies as st

import discreteconv as dc

floats = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(floats, min_size=1, max_size=40), st.lists(floats, min_size=1, max_size=40),
       st.sampled_from(["fft", "direct"]), st.sampled_from(["full", "same", "valid"]))
def test_every_error_is_within_the_a_priori_bound(a: list[float], b: list[float], method: str,
                                                  mode: str) -> None:
    report = dc.check_against_exact(a, b, method=method, mode=mode)
    assert report.bound_holds, (report.max_abs_error, report.bound)
    expected = dc.convolve([Fraction(x) for x in a], [Fraction(x) for x in b], mode=mode)
    assert list(report.exact) == expected


def test_the_errors_are_measured_exactly() -> None:
    report = dc.check_against_exact([0.1, 0.2, 0.7], [0.5, 0.5], method="fft")
    exact = [Fraction(0.1) / 2, (Fraction(0.1) + Fraction(0.2)) / 2,
             (Fraction(0.2) + Fraction(0.7)) / 2, Fraction(0.7) / 2]
    errors = [abs(Fraction(float(c)) - e) for c, e in zip(report.computed, exact, strict=True)]
    assert report.max_abs_error == float(max(errors))
    assert report.max_rel_error == max(float(e / x) for e, x in zip(errors, exact, strict=True))


def test_names_exactly_the_probabilities_a_float_fft_gets_wrong() -> None:
    pmf = list(dc.dice("200d6").pmf().values())
    report = dc.check_against_exact(pmf, pmf, method="fft", rtol=1e-12)
    truth = dc.convolve(pmf, pmf)  # the exact distribution of 400d6
    wrong = [i for i, (c, e) in enumerate(zip(report.computed, truth, strict=True))
             if abs(Fraction(float(c)) - e) > Fraction(1, 10**12) * e]
    assert [index for (index,) in report.inaccurate] == wrong
    assert 0 < len(wrong) < len(truth)  # the tails are lost, the middle is right
    assert len(truth) // 2 not in wrong
    assert report.bound_holds


def test_exact_zero_and_infinite_relative_errors() -> None:
    report = dc.check_against_exact([1.0, 1e-30], [1.0, 1e-30], method="fft")
    assert report.inaccurate == ((1,), (2,))
    exact_ints = dc.check_against_exact([1, 2, 3], [4, 5], method="direct")
    assert (exact_ints.max_abs_error, exact_ints.max_rel_error, exact_ints.inaccurate) == \
        (0.0, 0.0, ())


def test_two_dimensional_inputs() -> None:
    image = np.arange(12, dtype=float).reshape(3, 4) / 7
    report = dc.check_against_exact(image, [[1.0, -1.0], [0.5, 0.25]], method="fft")
    assert report.computed.shape == (4, 5) and report.bound_holds
    assert "N = 20" in report.bound_formula


def test_the_report_reads_well() -> None:
    text = str(dc.check_against_exact([1.0, 1e-30], [1.0, 1e-30]))
    assert "2 outputs with relative error above 1e-12: 1, 2" in text
    assert "holds" in text and "Brent-Zimmermann" in text


@pytest.mark.parametrize(("kwargs", "error", "words"), [
    ({"method": "kronecker"}, dc.InvalidOptionError, "method must be one of"),
    ({"mode": "circular"}, dc.InvalidOptionError, "mode must be one of"),
    ({"rtol": 0}, dc.InvalidEntryError, "rtol must be a positive number"),
    ({"rtol": math.inf}, dc.InvalidEntryError, "rtol"),
])
def test_bad_options(kwargs: dict, error: type, words: str) -> None:
    with pytest.raises(error, match=words):
        dc.check_against_exact([1.0], [1.0], **kwargs)


def test_bad_entries_name_their_position() -> None:
    with pytest.raises(dc.InvalidEntryError, match=r"a\[1\] = nan is not a finite"):
        dc.check_against_exact([1.0, math.nan], [1.0])
    with pytest.raises(dc.InvalidEntryError, match=r"b\[0\] = 'x'"):
        dc.check_against_exact([1.0], ["x"])


def test_command_line_check(capsys: pytest.CaptureFixture[str]) -> None:
    text = cli_ok(capsys, "convolve", "1,1e-30", "1,1e-30", "--check")
    assert "2 outputs with relative error above 1e-12: 1, 2" in text
    document = json.loads(cli_ok(capsys, "convolve", "1/2,1/3", "1/5,1", "--check",
                                 "--method", "direct", "--format", "json"))
    assert document["bound_holds"] and document["inaccurate"] == []
