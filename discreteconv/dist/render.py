"""Tables of a :class:`~discreteconv.Distribution`: text, Markdown, CSV, JSON, LaTeX and HTML.

Every function here is a pure function of a distribution and imports nothing heavy. Numbers are
worked out from the integer weights, so percentages stay right for totals such as ``6**10000``
that no float can hold. Only the text and HTML tables abbreviate: a probability whose exact
fraction is longer than :data:`MAX_FRACTION_CHARS` characters is shown in scientific notation,
marked with ``≈``; the other formats always give the exact ``p/q``.

Examples
--------
>>> import discreteconv as dc
>>> print(csv_table(dc.die(4)))
outcome,probability,percent
1,1/4,25
2,1/4,25
3,1/4,25
4,1/4,25
>>> print(text_table(2 @ dc.die(2)))
mean 3   variance 1/2 = 0.5   standard deviation ≈ 0.7071
outcome  probability  percent  at least  at most
      2          1/4   25.00%   100.00%   25.00%  ████████████████████
      3          1/2   50.00%    75.00%   75.00%  ████████████████████████████████████████
      4          1/4   25.00%    25.00%  100.00%  ████████████████████
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .. import _validate
from .._digits import digits
from ._ratios import Ratios

if TYPE_CHECKING:
    from .distribution import Distribution

__all__ = [
    "MAX_FRACTION_CHARS",
    "csv_table",
    "format_percent",
    "format_probability",
    "html_table",
    "json_document",
    "latex_table",
    "markdown_table",
    "text_table",
]

#: The text and HTML tables show a longer exact fraction in scientific notation instead.
MAX_FRACTION_CHARS = 20

_BLOCKS = " ▏▎▍▌▋▊▉"  # 0/8 .. 7/8 of a character cell; a full cell is "█"
_LOG10_2 = math.log10(2)
_SAFE_DIGITS = 4000  # below CPython's int -> str limit (4300 digits), so str() is safe


# -- exact numbers as text ----------------------------------------------------------------------
_digits = digits


def _fraction(value: Any, always_ratio: bool = False) -> str:
    """An exact number as ``"p/q"`` (``"7"`` for an integer unless ``always_ratio``)."""
    value = Fraction(value)
    if value.denominator == 1 and not always_ratio:
        return _digits(value.numerator)
    return f"{_digits(value.numerator)}/{_digits(value.denominator)}"


def _outcome(value: Any) -> str:
    """An outcome as text: ``3``, ``-1``, ``7/2``, ``True``."""
    if isinstance(value, bool):
        return str(value)
    return _fraction(value)


class _Ratios(Ratios):
    """:class:`Ratios` plus the ways a table shows a probability."""

    def exact(self, weight: int, always_ratio: bool = False) -> str:
        """``"p/q"`` in lowest terms (``"1"`` for certainty unless ``always_ratio``)."""
        p, q = self.reduced(weight)
        return _digits(p) if q == 1 and not always_ratio else f"{_digits(p)}/{_digits(q)}"

    def shown(self, weight: int) -> str:
        """The exact ``p/q``, or ``≈2.315e-778`` when the fraction is too long to read."""
        common = self.common(weight, short_only=True)
        # p/q has about (bits of p + bits of q) * 0.3 digits; past ~45 it is too long anyway
        bits = weight.bit_length() + self.total.bit_length() - 2 * (common or 1).bit_length()
        if common is not None and bits <= 8 * MAX_FRACTION_CHARS:
            p, q = weight // common, self.total // common
            text = _digits(p) if q == 1 else f"{_digits(p)}/{_digits(q)}"
            if len(text) <= MAX_FRACTION_CHARS:
                return text
        return f"≈{_scientific(weight, self.total, 4)}"


def _exceeds(numerator: int, denominator: int, exponent: int) -> bool:
    """``numerator / denominator >= 10**exponent``, exactly."""
    if exponent >= 0:
        return numerator >= denominator * 10**exponent
    return numerator * 10**-exponent >= denominator


def _significant_estimate(numerator: int, denominator: int, digits: int
                          ) -> tuple[int, int] | None:
    """:func:`_significant` from logarithms, or None when too close to a rounding boundary."""
    logarithm = math.log10(numerator) - math.log10(denominator)  # error ~1e-12 at 10**-8000
    exponent = math.floor(logarithm)
    if min(logarithm - exponent, exponent + 1 - logarithm) < 1e-9:
        return None
    scaled = 10 ** (logarithm - exponent + digits - 1)
    if abs(scaled - math.floor(scaled) - 0.5) < 1e-3:
        return None
    mantissa = math.floor(scaled + 0.5)
    if mantissa == 10**digits:
        mantissa, exponent = mantissa // 10, exponent + 1
    return mantissa, exponent


def _significant(numerator: int, denominator: int, digits: int) -> tuple[int, int]:
    """``(mantissa, exponent)``: ``numerator/denominator`` (both positive) rounded half up to
    ``digits`` significant digits is ``mantissa * 10**(exponent - digits + 1)``."""
    if max(numerator.bit_length(), denominator.bit_length()) > 1024:  # avoid 10**7800
        estimate = _significant_estimate(numerator, denominator, digits)
        if estimate is not None:
            return estimate
    exponent = int((numerator.bit_length() - denominator.bit_length()) * _LOG10_2)
    while not _exceeds(numerator, denominator, exponent):
        exponent -= 1
    while _exceeds(numerator, denominator, exponent + 1):
        exponent += 1
    shift = digits - 1 - exponent
    if shift >= 0:
        numerator *= 10**shift
    else:
        denominator *= 10**-shift
    mantissa = (2 * numerator + denominator) // (2 * denominator)
    if mantissa == 10**digits:
        mantissa, exponent = mantissa // 10, exponent + 1
    return mantissa, exponent


def _scientific(numerator: int, denominator: int, digits: int) -> str:
    """``2.315e-778``: a non-negative ``numerator/denominator`` to ``digits`` digits."""
    if numerator == 0:
        return "0"
    mantissa, exponent = _significant(numerator, denominator, digits)
    text = str(mantissa)
    return f"{text[0]}.{text[1:]}e{exponent}" if digits > 1 else f"{text}e{exponent}"


def _general(value: Any, digits: int = 6) -> str:
    """Like ``format(value, 'g')`` but exact: ``10.5``, ``0.462963``, ``1.35e-776``."""
    value = Fraction(value)
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    mantissa, exponent = _significant(abs(value.numerator), value.denominator, digits)
    if not -5 <= exponent < digits:
        text = str(mantissa).rstrip("0") or "0"
        point = f"{text[0]}.{text[1:]}" if len(text) > 1 else text
        return f"{sign}{point}e{exponent}"
    places = digits - 1 - exponent  # digits after the decimal point
    text = str(mantissa).zfill(places + 1) if places >= 0 else str(mantissa) + "0" * -places
    whole, fraction = (text[:-places], text[-places:]) if places > 0 else (text, "")
    fraction = fraction.rstrip("0")
    return sign + (whole or "0") + (f".{fraction}" if fraction else "")


def _percent(numerator: int, denominator: int) -> str:
    """``11.57%`` (two decimals, rounded half up); ``2.3e-776%`` when that would read 0.00%."""
    if numerator == denominator:
        return "100.00%"
    if numerator.bit_length() + 16 <= denominator.bit_length():  # below 1/20000: no division
        hundredths = 0
    else:
        hundredths = (numerator * 20000 + denominator) // (2 * denominator)
    if hundredths == 0 and numerator > 0:
        return f"{_scientific(numerator * 100, denominator, 2)}%"
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def _statistic(value: Fraction) -> str:
    """``21/2 = 10.5``; ``3500`` when the decimal says it all; ``≈ 1.5e40`` when the fraction
    is too long to read."""
    decimal = _general(value)
    if value.numerator.bit_length() + value.denominator.bit_length() > 8 * MAX_FRACTION_CHARS:
        return f"≈ {decimal}"
    exact = _fraction(value)
    if exact == decimal:
        return exact
    return f"{exact} = {decimal}" if len(exact) <= MAX_FRACTION_CHARS else f"≈ {decimal}"


# -- the rows every table shows -----------------------------------------------------------------
def _rows(dist: Distribution) -> Iterator[tuple[Any, int, int, int]]:
    """``(outcome, weight, at least, at most)``: ``P(X = x)``, ``P(X >= x)`` and ``P(X <= x)``
    times :attr:`~Distribution.total`, as ints (one row at a time: for 10000d6 each is 3 kB)."""
    total, below = dist.total, 0
    for outcome, weight in zip(dist.outcomes, dist.weights, strict=True):
        yield outcome, weight, total - below, below + weight
        below += weight


def _summary(dist: Distribution) -> str:
    variance = dist.variance()
    deviation = _general(math.sqrt(variance), 4)
    return (f"mean {_statistic(dist.mean())}   variance {_statistic(variance)}   "
            f"standard deviation ≈ {deviation}")


def _truncation_note(dist: Distribution) -> str | None:
    truncated = Fraction(dist.truncated)
    if not truncated:
        return None
    p, q = truncated.numerator, truncated.denominator
    return (f"truncated: {_Ratios(q).shown(p)} ({_percent(p, q)}) of the probability "
            "was cut off by a depth limit (exploding dice)")


def _bar(weight: int, top: int, width: int) -> str:
    eighths = (2 * weight * width * 8 + top) // (2 * top)  # rounded to the nearest 1/8 cell
    return ("█" * (eighths // 8) + _BLOCKS[eighths % 8]).rstrip()


def _cells(dist: Distribution) -> list[tuple[str, str, str, str, str]]:
    """Outcome, probability (abbreviated), percent, at least and at most, as text."""
    total, ratios = dist.total, _Ratios(dist.total)
    return [(_outcome(x), ratios.shown(weight), _percent(weight, total), _percent(up, total),
             _percent(down, total)) for x, weight, up, down in _rows(dist)]


def format_probability(value: Any, exact: bool = False) -> str:
    """A probability as text: ``"3/8"``, or ``"≈2.315e-778"`` when the fraction is longer than
    :data:`MAX_FRACTION_CHARS`; with ``exact=True`` always the full ``"p/q"`` (``"1/1"``).

    Examples
    --------
    >>> format_probability(Fraction(3, 8)), format_probability(Fraction(1, 6**1000))
    ('3/8', '≈7.059e-779')
    >>> format_probability(1, exact=True)
    '1/1'
    """
    value = Fraction(value)
    if exact:
        return _fraction(value, always_ratio=True)
    return _Ratios(value.denominator).shown(value.numerator)


def format_percent(value: Any) -> str:
    """A probability as a percentage with two decimals, exactly rounded (``"37.50%"``), or in
    scientific notation when it would read 0.00% (``"7.1e-777%"``).

    Examples
    --------
    >>> format_percent(Fraction(25, 216)), format_percent(Fraction(1, 6**1000))
    ('11.57%', '7.1e-777%')
    """
    value = Fraction(value)
    return _percent(value.numerator, value.denominator)


# -- the formats ----------------------------------------------------------------------------------
def text_table(dist: Distribution, *, bars: bool = True, width: int = 40) -> str:
    """A plain-text table: outcome, probability, percent, at least, at most and a bar chart.

    Parameters
    ----------
    dist : Distribution
    bars : bool, default True
        Draw a bar for each outcome, scaled so the most likely one is ``width`` cells long.
    width : int, default 40
        The longest bar, in character cells.

    Returns
    -------
    str
        A header line with the mean, variance and standard deviation; one line per outcome;
        a footer when probability mass was truncated or a fraction was too long to show.

    Examples
    --------
    >>> import discreteconv as dc
    >>> print(text_table(dc.die(6) >= 5, bars=False))
    mean 1/3 = 0.333333   variance 2/9 = 0.222222   standard deviation ≈ 0.4714
    outcome  probability  percent  at least  at most
      False          2/3   66.67%   100.00%   66.67%
       True          1/3   33.33%    33.33%  100.00%
    """
    width = _validate.integer("width", width, 1)
    header = ("outcome", "probability", "percent", "at least", "at most")
    rows = _cells(dist)
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    lines = [_summary(dist), "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    top = max(dist.weights)
    for row, weight in zip(rows, dist.weights, strict=True):
        line = "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
        lines.append(f"{line}  {_bar(weight, top, width)}".rstrip() if bars else line)
    if any(row[1].startswith("≈") for row in rows):
        lines.append(f"≈: the exact fraction is longer than {MAX_FRACTION_CHARS} characters; "
                     "to_csv() and to_json() give it")
    note = _truncation_note(dist)
    if note:
        lines.append(note)
    return "\n".join(lines)


def markdown_table(dist: Distribution) -> str:
    """A Markdown table with exact probabilities and the at least / at most percentages.

    Examples
    --------
    >>> import discreteconv as dc
    >>> print(markdown_table(dc.coin()))
    | outcome | probability | percent | at least | at most |
    |---:|---:|---:|---:|---:|
    | 0 | 1/2 | 50.00% | 100.00% | 50.00% |
    | 1 | 1/2 | 50.00% | 50.00% | 100.00% |
    """
    total, ratios = dist.total, _Ratios(dist.total)
    lines = ["| outcome | probability | percent | at least | at most |", "|---:" * 5 + "|"]
    lines += [f"| {_outcome(x)} | {ratios.exact(weight)} | {_percent(weight, total)} | "
              f"{_percent(up, total)} | {_percent(down, total)} |"
              for x, weight, up, down in _rows(dist)]
    note = _truncation_note(dist)
    return "\n".join([*lines, "", note] if note else lines)


def csv_table(dist: Distribution) -> str:
    """CSV with a header ``outcome,probability,percent``: exact ``p/q`` probabilities and the
    percentage to six significant digits (no trailing newline).

    Examples
    --------
    >>> import discreteconv as dc
    >>> print(csv_table(2 @ dc.coin()))
    outcome,probability,percent
    0,1/4,25
    1,1/2,50
    2,1/4,25
    """
    ratios = _Ratios(dist.total)
    lines = ["outcome,probability,percent"]
    for x, weight, _, _ in _rows(dist):
        p, q = ratios.reduced(weight)
        lines.append(f"{_outcome(x)},{ratios.exact(weight)},{_general(Fraction(100 * p, q))}")
    return "\n".join(lines)


def json_document(dist: Distribution, expression: str | None = None) -> dict[str, Any]:
    """The distribution as a JSON-ready dict of exact strings.

    Parameters
    ----------
    dist : Distribution
    expression : str, optional
        The dice notation it came from, stored under ``"expression"``.

    Returns
    -------
    dict
        ``expression`` (str or None); ``outcomes`` (ints and bools as themselves, Fractions as
        ``"p/q"``); ``probabilities`` (always ``"p/q"``, so certainty is ``"1/1"``); ``mean``
        and ``variance`` (``"7/2"``, ``"3"``); ``truncated`` (``"0"`` or ``"p/q"``).

    Examples
    --------
    >>> import discreteconv as dc
    >>> json_document(dc.coin(), "d2-1")  # doctest: +NORMALIZE_WHITESPACE
    {'expression': 'd2-1', 'outcomes': [0, 1], 'probabilities': ['1/2', '1/2'],
     'mean': '1/2', 'variance': '1/4', 'truncated': '0'}
    """
    ratios = _Ratios(dist.total)
    return {
        "expression": expression,
        "outcomes": [x if isinstance(x, int) else _fraction(x) for x in dist.outcomes],
        "probabilities": [ratios.exact(weight, always_ratio=True) for weight in dist.weights],
        "mean": _fraction(dist.mean()),
        "variance": _fraction(dist.variance()),
        "truncated": _fraction(dist.truncated),
    }


def _latex_number(value: Any) -> str:
    if isinstance(value, bool):
        return rf"\texttt{{{value}}}"
    value = Fraction(value)
    if value.denominator == 1:
        return f"${_digits(value.numerator)}$"
    sign = "-" if value < 0 else ""
    return rf"${sign}\frac{{{_digits(abs(value.numerator))}}}{{{_digits(value.denominator)}}}$"


def latex_table(dist: Distribution) -> str:
    r"""A LaTeX ``tabular``: outcome, probability (``\frac``) and percent.

    Examples
    --------
    >>> import discreteconv as dc
    >>> print(latex_table(dc.die(2)))
    \begin{tabular}{rrr}
    \hline
    outcome & probability & percent \\
    \hline
    $1$ & $\frac{1}{2}$ & 50.00\% \\
    $2$ & $\frac{1}{2}$ & 50.00\% \\
    \hline
    \end{tabular}
    """
    total, ratios = dist.total, _Ratios(dist.total)
    lines = [r"\begin{tabular}{rrr}", r"\hline", r"outcome & probability & percent \\", r"\hline"]
    for x, weight, _, _ in _rows(dist):
        probability = _latex_number(Fraction(*ratios.reduced(weight)))
        percent = _percent(weight, total).replace("%", r"\%")
        lines.append(rf"{_latex_number(x)} & {probability} & {percent} \\")
    return "\n".join([*lines, r"\hline", r"\end{tabular}"])


_CELL = "padding:1px 8px;text-align:right;font-variant-numeric:tabular-nums"


def html_table(dist: Distribution, width: int = 160) -> str:
    """A small HTML table with inline CSS bars (Jupyter's ``_repr_html_``).

    Probabilities whose fraction is too long are shown as ``≈2.315e-778``, as in
    :func:`text_table`; every value is escaped.

    Examples
    --------
    >>> import discreteconv as dc
    >>> html_table(dc.coin())[:58]
    '<table style="border-collapse:collapse"><caption style=...'
    """
    width = _validate.integer("width", width, 1)
    top = max(dist.weights)
    head = "".join(f'<th style="{_CELL}">{name}</th>'
                   for name in ("outcome", "probability", "percent", "at least", "at most"))
    body = []
    for row, weight in zip(_cells(dist), dist.weights, strict=True):
        cells = "".join(f'<td style="{_CELL}">{html.escape(text)}</td>' for text in row)
        length = (weight * width * 10 + top // 2) // top / 10  # px, to a tenth
        bar = (f'<td style="padding:1px 8px"><div style="background:#4c72b0;height:0.9em;'
               f'width:{length}px"></div></td>')
        body.append(f"<tr>{cells}{bar}</tr>")
    caption = html.escape(_summary(dist))
    note = _truncation_note(dist)
    if note:
        caption += f"<br>{html.escape(note)}"
    return ('<table style="border-collapse:collapse">'
            f'<caption style="caption-side:top;text-align:left">{caption}</caption>'
            f"<thead><tr>{head}<th></th></tr></thead><tbody>{''.join(body)}</tbody></table>")
