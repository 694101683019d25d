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
mean 3 = 3   variance 1/2 = 0.5   standard deviation ≈ 0.7071
outcome  probability  percent  at least  at most
      2          1/4   25.00%   100.00%   25.00%  ████████████████████
      3          1/2   50.00%    75.00%   75.00%  ████████████████████████████████████████
      4          1/4   25.00%    25.00%  100.00%  ████████████████████
"""

from __future__ import annotations

import html
import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .distribution import Distribution

__all__ = [
    "MAX_FRACTION_CHARS",
    "csv_table",
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
def _digits(value: int) -> str:
    """``str(value)`` for an int of any size (CPython refuses past 4300 digits)."""
    if value < 0:
        return "-" + _digits(-value)
    if value.bit_length() < _SAFE_DIGITS * 3:  # fewer than ~3600 digits
        return str(value)
    half = int(value.bit_length() * _LOG10_2) // 2
    high, low = divmod(value, 10**half)
    return _digits(high) + _digits(low).zfill(half)


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


def _decimal_exponent(numerator: int, denominator: int) -> int:
    """The ``e`` with ``10**e <= numerator/denominator < 10**(e + 1)`` (both positive)."""
    exponent = int((numerator.bit_length() - denominator.bit_length()) * _LOG10_2)

    def at_least(e: int) -> bool:  # numerator/denominator >= 10**e
        return numerator >= denominator * 10**e if e >= 0 else numerator * 10**-e >= denominator

    while not at_least(exponent):
        exponent -= 1
    while at_least(exponent + 1):
        exponent += 1
    return exponent


def _significant(numerator: int, denominator: int, digits: int) -> tuple[int, int]:
    """``(mantissa, exponent)``: ``numerator/denominator`` rounded to ``digits`` significant
    digits is ``mantissa * 10**(exponent - digits + 1)``, with ``mantissa`` of ``digits`` digits."""
    exponent = _decimal_exponent(numerator, denominator)
    shift = digits - 1 - exponent
    if shift >= 0:
        numerator *= 10**shift
    else:
        denominator *= 10**-shift
    mantissa = (2 * numerator + denominator) // (2 * denominator)  # round half up
    if mantissa == 10**digits:
        mantissa, exponent = mantissa // 10, exponent + 1
    return mantissa, exponent


def _scientific(value: Fraction, digits: int) -> str:
    """``2.315e-778``: a non-negative exact number to ``digits`` significant digits."""
    if value == 0:
        return "0"
    mantissa, exponent = _significant(value.numerator, value.denominator, digits)
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


def _percent(value: Fraction) -> str:
    """``11.57%`` (two decimals, exact rounding); ``2.3e-776%`` when that would read 0.00%."""
    hundredths = (value.numerator * 20000 + value.denominator) // (2 * value.denominator)
    if hundredths == 0 and value > 0:
        return f"{_scientific(value * 100, 2)}%"
    return f"{hundredths // 100}.{hundredths % 100:02d}%"


def _probability(value: Fraction) -> str:
    """The exact ``p/q``, or ``≈2.315e-778`` when the fraction is too long to read."""
    if _too_long(value):
        return f"≈{_scientific(value, 4)}"
    return _fraction(value)


def _too_long(value: Fraction) -> bool:
    bits = value.numerator.bit_length() + value.denominator.bit_length()
    if bits > 8 * MAX_FRACTION_CHARS:  # more than ~45 digits: too long, no need to write them
        return True
    return len(_fraction(value)) > MAX_FRACTION_CHARS


def _statistic(value: Fraction) -> str:
    """``21/2 = 10.5`` (the fraction only when it is short enough to read)."""
    decimal = _general(value)
    exact = _fraction(value) if not _too_long(value) else None
    return f"{exact} = {decimal}" if exact is not None else f"≈ {decimal}"


# -- the rows every table shows -----------------------------------------------------------------
def _rows(dist: Distribution) -> list[tuple[Any, Fraction, Fraction, Fraction]]:
    """``(outcome, P(X = x), P(X >= x), P(X <= x))`` for each outcome, exactly."""
    total = dist.total
    rows, below = [], 0
    for outcome, weight in zip(dist.outcomes, dist.weights, strict=True):
        rows.append((outcome, Fraction(weight, total), Fraction(total - below, total),
                     Fraction(below + weight, total)))
        below += weight
    return rows


def _summary(dist: Distribution) -> str:
    variance = dist.variance()
    deviation = _general(math.sqrt(variance), 4)
    return (f"mean {_statistic(dist.mean())}   variance {_statistic(variance)}   "
            f"standard deviation ≈ {deviation}")


def _truncation_note(dist: Distribution) -> str | None:
    truncated = Fraction(dist.truncated)
    if not truncated:
        return None
    return (f"truncated: {_probability(truncated)} ({_percent(truncated)}) of the probability "
            "was cut off by a depth limit (exploding dice)")


def _bar(weight: int, top: int, width: int) -> str:
    eighths = (2 * weight * width * 8 + top) // (2 * top)  # rounded to the nearest 1/8 cell
    return ("█" * (eighths // 8) + _BLOCKS[eighths % 8]).rstrip()


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
    header = ("outcome", "probability", "percent", "at least", "at most")
    rows = [(_outcome(x), _probability(p), _percent(p), _percent(up), _percent(down))
            for x, p, up, down in _rows(dist)]
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    lines = [_summary(dist), "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    top = max(dist.weights)
    for row, weight in zip(rows, dist.weights, strict=True):
        line = "  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True))
        lines.append(f"{line}  {_bar(weight, top, width)}".rstrip() if bars else line)
    if any(cell.startswith("≈") for _, cell, *_ in rows):
        lines.append("≈: the exact fraction is too long to show; to_csv() and to_json() give it")
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
    lines = ["| outcome | probability | percent | at least | at most |", "|---:" * 5 + "|"]
    lines += [f"| {_outcome(x)} | {_fraction(p)} | {_percent(p)} | {_percent(up)} | "
              f"{_percent(down)} |" for x, p, up, down in _rows(dist)]
    note = _truncation_note(dist)
    return "\n".join(lines + ["", note] if note else lines)


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
    lines = ["outcome,probability,percent"]
    lines += [f"{_outcome(x)},{_fraction(p)},{_general(p * 100)}" for x, p, _, _ in _rows(dist)]
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
    >>> json_document(dc.coin(), "d2-1")
    {'expression': 'd2-1', 'outcomes': [0, 1], 'probabilities': ['1/2', '1/2'], 'mean': '1/2', \
'variance': '1/4', 'truncated': '0'}
    """
    outcomes = [x if isinstance(x, int) else _fraction(x) for x in dist.outcomes]
    return {
        "expression": expression,
        "outcomes": outcomes,
        "probabilities": [_fraction(p, always_ratio=True) for _, p, _, _ in _rows(dist)],
        "mean": _fraction(dist.mean()),
        "variance": _fraction(dist.variance()),
        "truncated": _fraction(dist.truncated),
    }


def _latex_number(value: Any) -> str:
    if isinstance(value, bool):
        return rf"\texttt{{{value}}}"
    value = Fraction(value)
    sign = "-" if value < 0 else ""
    if value.denominator == 1:
        return f"${_digits(value.numerator)}$"
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
    lines = [r"\begin{tabular}{rrr}", r"\hline", r"outcome & probability & percent \\", r"\hline"]
    lines += [rf"{_latex_number(x)} & {_latex_number(p)} & {_percent(p).replace('%', '')}\% \\"
              for x, p, _, _ in _rows(dist)]
    return "\n".join([*lines, r"\hline", r"\end{tabular}"])


_CELL = "padding:1px 8px;text-align:right;font-variant-numeric:tabular-nums"


def html_table(dist: Distribution, width: int = 160) -> str:
    """A small HTML table with inline CSS bars (Jupyter's ``_repr_html_``).

    Probabilities whose fraction is too long are shown as ``≈2.315e-778``, as in
    :func:`text_table`; every value is escaped.
    """
    top = max(dist.weights)
    head = "".join(f'<th style="{_CELL}">{name}</th>'
                   for name in ("outcome", "probability", "percent", "at least", "at most"))
    body = []
    for (x, p, up, down), weight in zip(_rows(dist), dist.weights, strict=True):
        cells = "".join(f'<td style="{_CELL}">{html.escape(text)}</td>' for text in
                        (_outcome(x), _probability(p), _percent(p), _percent(up), _percent(down)))
        length = round(weight * width / top, 1)
        bar = (f'<td style="padding:1px 8px"><div style="background:#4c72b0;height:0.9em;'
               f'width:{length}px"></div></td>')
        body.append(f"<tr>{cells}{bar}</tr>")
    caption = html.escape(_summary(dist))
    note = _truncation_note(dist)
    if note:
        caption += f"<br>{html.escape(note)}"
    return (f'<table style="border-collapse:collapse">'
            f'<caption style="caption-side:top;text-align:left">{caption}</caption>'
            f"<thead><tr>{head}<th></th></tr></thead><tbody>{''.join(body)}</tbody></table>")
