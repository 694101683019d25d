"""Float convolution: ``discreteconv.convolve(method="auto")`` against numpy and scipy.

Every contender convolves the same random float64 inputs in the same run, in interleaved rounds
(``_timing.race``, best of ``--repeats`` rounds, or fewer once a contender's rounds add up to
``MIN_TIME`` seconds; one untimed warm-up call each so FFT plans and first touches of fresh
memory fall on nobody). The order of the contenders rotates from round
to round, and a contender faster than ``SAMPLE_SECONDS`` is called repeatedly within a round (the
mean is its time), as :mod:`timeit` does. Shapes (the issue's list):

* 1-D, ``mode="full"``: (n, m) = (10^3, 10^3), (10^5, 10^5), (10^6, 10^6), (10^6, 101),
  (10^7, 1001);
* 2-D, a 2048 x 2048 image, ``mode="same"`` with zero boundary, kernels 5x5, 31x31, 255x255.

Contenders: ``dc:auto`` (the FFT engine forced to numpy: what a base install runs),
``dc:auto+pyfftw`` (pyFFTW installed, the default then), ``numpy.convolve`` (1-D),
``scipy.signal`` ``fftconvolve``, ``oaconvolve``, ``convolve2d`` (2-D) and
``scipy.ndimage.convolve`` (2-D, ``mode="constant"``). A contender whose estimated time is past
``--budget`` seconds is not run (a footnote gives the estimate). Every result is checked against
``scipy.signal.fftconvolve`` (max abs difference within 1e-8 of the scale).

The ratio columns divide the dc time by the fastest **scipy.signal** function of the row
(``ndimage`` is shown but not part of the target, as the issue states it).

``--calibrate`` measures the constants of the cost model behind ``method="auto"``
(``discreteconv/core/choose.py``) on this machine and prints them.

Usage::

    python benchmarks/numeric.py                 # the whole table (about 2 minutes)
    python benchmarks/numeric.py --quick         # small shapes only (seconds): a smoke test
    python benchmarks/numeric.py --markdown      # tables for docs/benchmarks-numeric.md
    python benchmarks/numeric.py --calibrate     # the cost-model constants
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import _timing
import numpy as np

import discreteconv as dc
from discreteconv.backends import _transforms
from discreteconv.backends._fastlen import next_fast_len
from discreteconv.core import choose

HAVE_SCIPY = importlib.util.find_spec("scipy") is not None
HAVE_PYFFTW = _transforms.is_available("pyfftw")


@dataclass(frozen=True)
class Shape:
    """One row: input and kernel shapes and the mode every contender computes."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    mode: str

    @property
    def label(self) -> str:
        def one(shape: tuple[int, ...]) -> str:
            return "×".join(_short(n) for n in shape)

        return f"{one(self.a)} * {one(self.b)}"


def _short(n: int) -> str:
    exponent = round(math.log10(n)) if n > 0 else 0
    return f"10^{exponent}" if n >= 1000 and 10**exponent == n else str(n)


FULL_SHAPES = [
    Shape((10**3,), (10**3,), "full"),
    Shape((10**5,), (10**5,), "full"),
    Shape((10**6,), (10**6,), "full"),
    Shape((10**6,), (101,), "full"),
    Shape((10**7,), (1001,), "full"),
    Shape((2048, 2048), (5, 5), "same"),
    Shape((2048, 2048), (31, 31), "same"),
    Shape((2048, 2048), (255, 255), "same"),
]
QUICK_SHAPES = [
    Shape((10**3,), (10**3,), "full"),
    Shape((10**4,), (101,), "full"),
    Shape((256, 256), (5, 5), "same"),
    Shape((256, 256), (31, 31), "same"),
]


@contextmanager
def fft_engine(name: str) -> Iterator[None]:
    """Run ``method="auto"`` on the FFT engine ``name`` (through ``DISCRETECONV_FFT``; the empty
    name unsets it, leaving the choice to ``auto``)."""
    before = os.environ.get("DISCRETECONV_FFT")
    if name:
        os.environ["DISCRETECONV_FFT"] = name
    else:
        os.environ.pop("DISCRETECONV_FFT", None)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DISCRETECONV_FFT", None)
        else:
            os.environ["DISCRETECONV_FFT"] = before


def _with_engine(name: str, function: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with fft_engine(name):
            return function()

    return run


def contenders(shape: Shape, a: np.ndarray, b: np.ndarray) -> dict[str, Callable[[], Any]]:
    """The functions raced on one row, by column name."""
    mode = shape.mode
    found: dict[str, Callable[[], Any]] = {
        "dc:auto": _with_engine("numpy", lambda: dc.convolve(a, b, mode)),
    }
    if HAVE_PYFFTW:  # pyFFTW installed and nothing forced: what auto does by default then
        found["dc:auto+pyfftw"] = _with_engine("", lambda: dc.convolve(a, b, mode))
    if a.ndim == 1:
        found["numpy.convolve"] = lambda: np.convolve(a, b, mode)
    if HAVE_SCIPY:
        from scipy import ndimage, signal

        found["fftconvolve"] = lambda: signal.fftconvolve(a, b, mode)
        found["oaconvolve"] = lambda: signal.oaconvolve(a, b, mode)
        if a.ndim == 2:
            found["convolve2d"] = lambda: signal.convolve2d(a, b, mode)
            found["ndimage"] = lambda: ndimage.convolve(a, b, mode="constant")
    return found


#: A contender's calls are repeated within a round until they last about this long.
SAMPLE_SECONDS = 0.02
#: A contender stops once its timed rounds add up to this many seconds (or ``--repeats`` rounds
#: have run): a multi-second direct sum gets one or two rounds, the fast methods all of them.
MIN_TIME = 3.0
#: Rows with at most this many products ``n * m`` get ``SMALL_ROW_ROUNDS`` times the rounds.
SMALL_ROW_PRODUCTS = 10**7
SMALL_ROW_ROUNDS = 4
#: Columns that are scipy.signal functions (the target compares against the fastest of these).
SCIPY_SIGNAL = ("fftconvolve", "oaconvolve", "convolve2d")
#: Seconds per multiply-add of the direct contenders, for the estimates that skip them.
DIRECT_ESTIMATES = {"numpy.convolve": 3e-10, "convolve2d": 1.5e-9, "ndimage": 8e-10}


def estimate(name: str, shape: Shape) -> float | None:
    """A rough time for the direct contenders (None: not estimated, always run)."""
    if name not in DIRECT_ESTIMATES:
        return None
    return DIRECT_ESTIMATES[name] * math.prod(shape.a) * math.prod(shape.b)


def run_row(shape: Shape, repeats: int, budget: float, notes: _timing.Footnotes,
            rng: np.random.Generator,
            min_time: float = MIN_TIME) -> tuple[list[str], dict[str, float]]:
    """Race the contenders of one row; returns the time cells and the seconds by name."""
    a = rng.standard_normal(shape.a)
    b = rng.standard_normal(shape.b)
    functions = contenders(shape, a, b)
    skipped = {}
    for name in list(functions):
        guess = estimate(name, shape)
        if guess is not None and guess > budget:
            skipped[name] = guess
            del functions[name]
    reference = None
    if HAVE_SCIPY:
        from scipy import signal

        reference = signal.fftconvolve(a, b, shape.mode)
    scale = float(np.abs(a).sum() * np.abs(b).max())

    def check(name: str, result: Any) -> None:
        if reference is None or name == "ndimage":
            return
        error = float(np.max(np.abs(np.asarray(result) - reference)))
        if error > 1e-8 * scale:
            raise AssertionError(f"{name} on {shape.label}: max abs difference {error:.3g}")

    # A row of sub-millisecond calls costs nothing to repeat, and needs it most: its best of a
    # few rounds still carries the machine's second-to-second drift (up to 40 % here).
    small = math.prod(shape.a) * math.prod(shape.b) <= SMALL_ROW_PRODUCTS
    timings, errors = _timing.race(functions, min_time=min_time,
                                   max_repeats=repeats * (SMALL_ROW_ROUNDS if small else 1),
                                   warm_up=tuple(functions), check=check,
                                   sample_time=SAMPLE_SECONDS)
    for name, error in errors.items():
        raise RuntimeError(f"{name} failed on {shape.label}: {error}") from error
    seconds = {name: timing.seconds for name, timing in timings.items()}
    cells = {name: _timing.format_seconds(s) for name, s in seconds.items()}
    for name, guess in skipped.items():
        cells[name] = _timing.SKIPPED + notes.mark(
            f"not run: estimated {_timing.format_seconds(guess)} > {budget:g} s budget")
    return [cells.get(name, "") for name in COLUMNS], seconds


COLUMNS = ["dc:auto", "dc:auto+pyfftw", "numpy.convolve", "fftconvolve", "oaconvolve",
           "convolve2d", "ndimage"]


def chosen_backend(shape: Shape, engine: str) -> str:
    """What ``method="auto"`` picks for float inputs of this shape with ``DISCRETECONV_FFT``
    set to ``engine`` (unset if empty: the default choice of engines)."""
    with fft_engine(engine):
        return choose.choose_float(shape.a, shape.b)


def report(shapes: Sequence[Shape], repeats: int, budget: float, markdown: bool) -> int:
    """Print the table; returns 1 if ``dc:auto`` missed the target (ratio > 1) anywhere."""
    notes = _timing.Footnotes()
    headers = ["shape", "auto picks", *COLUMNS, "auto / best scipy.signal"]
    if HAVE_PYFFTW:
        headers.append("auto+pyfftw / best scipy.signal")
    table = _timing.Table(headers, align="ll" + "r" * (len(headers) - 2))
    rng = np.random.default_rng(2026)
    worst = 0.0
    for shape in shapes:
        print(f"  {shape.label} ...", file=sys.stderr, flush=True)
        cells, seconds = run_row(shape, repeats, budget, notes, rng)
        best = min((seconds[name] for name in SCIPY_SIGNAL if name in seconds), default=None)
        picks = chosen_backend(shape, "numpy")
        if HAVE_PYFFTW:
            picks += f" / {chosen_backend(shape, '')}"
        row = [shape.label, picks, *cells]
        if best is None:
            row.append("—")
        else:
            ratio = seconds["dc:auto"] / best
            worst = max(worst, ratio)
            row.append(_timing.format_ratio(ratio))
        if HAVE_PYFFTW:
            row.append("—" if best is None
                       else _timing.format_ratio(seconds["dc:auto+pyfftw"] / best))
        table.add(row)
    print(_timing.machine_summary(("numpy", "scipy", "pyfftw")))
    print()
    print(table.to_markdown() if markdown else table.to_text())
    for line in notes.lines():
        print(line)
    print(f"\nworst auto / best scipy.signal: {_timing.format_ratio(worst)}")
    return 0


def calibrate(repeats: int) -> None:
    """Measure the cost-model constants of :mod:`discreteconv.core.choose` and print them."""
    from discreteconv.backends import direct, fft, overlapadd

    rng = np.random.default_rng(7)

    def best(function: Callable[[], Any]) -> float:
        return _timing.best_of(function, min_time=0.2, max_repeats=repeats, warm_up=True,
                               sample_time=SAMPLE_SECONDS).seconds

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    per_product = []
    for n, m in [(10**5, 100), (10**5, 1000), (10**4, 10**4)]:
        a, b = rng.standard_normal(n), rng.standard_normal(m)
        per_product.append(best(lambda a=a, b=b: np.convolve(a, b)) / (n * m))
    per_tap = []
    for side, k in [(512, 5), (2048, 5), (256, 15)]:
        a, b = rng.standard_normal((side, side)), rng.standard_normal((k, k))
        per_tap.append(best(lambda a=a, b=b: direct.full(a, b)) / ((side + k - 1) ** 2 * k * k))
    print(f"DIRECT_1D_SECONDS = {median(per_product):.2g}")
    print(f"DIRECT_ND_SECONDS = {median(per_tap):.2g}")
    engines = ["numpy", *(["pyfftw"] if HAVE_PYFFTW else [])]
    for engine in engines:
        tiny_1d, tiny_nd = rng.standard_normal(8), rng.standard_normal((4, 4))
        call_1d = best(lambda e=engine, t=tiny_1d: fft.full_on(e, t, t))
        call_nd = best(lambda e=engine, t=tiny_nd: fft.full_on(e, t, t))

        def per_point(shapes: list[tuple[int, ...]], call: float,
                      e: str = engine) -> list[float]:
            found = []
            for shape in shapes:
                a, b = rng.standard_normal(shape), rng.standard_normal(shape)
                points = math.prod(next_fast_len(2 * n - 1) for n in shape)
                seconds = best(lambda a=a, b=b: fft.full_on(e, a, b)) - call
                found.append(seconds / (3 * points * math.log2(points)))
            return found

        one_d = per_point([(10**3,), (10**4,), (10**5,), (10**6,)], call_1d)
        n_d = per_point([(256, 256), (1024, 1024)], call_nd)
        per_block_point = []
        for a_shape, b_shape in [((10**6,), (101,)), ((10**6,), (1001,)), ((2048, 2048), (5, 5)),
                                 ((2048, 2048), (31, 31))]:
            a, b = rng.standard_normal(a_shape), rng.standard_normal(b_shape)
            plan = overlapadd.block_plan(a_shape, b_shape)
            work = overlapadd.plan_work(plan)
            seconds = best(lambda a=a, b=b, e=engine: overlapadd.full_on(e, a, b)) - call_nd
            per_block_point.append(seconds / work)
        print(f"FFT_1D_CALL_SECONDS[{engine!r}] = {call_1d:.2g}")
        print(f"FFT_CALL_SECONDS[{engine!r}] = {call_nd:.2g}")
        print(f"FFT_SECONDS[{engine!r}] = {median(one_d):.2g}  "
              f"(per shape: {', '.join(f'{v:.2g}' for v in one_d)})")
        print(f"FFT_ND_SECONDS[{engine!r}] = {median(n_d):.2g}  "
              f"(per shape: {', '.join(f'{v:.2g}' for v in n_d)})")
        print(f"OVERLAP_ADD_SECONDS[{engine!r}] = {median(per_block_point):.2g}  "
              f"(per shape: {', '.join(f'{v:.2g}' for v in per_block_point)})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small shapes only (a smoke test)")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    parser.add_argument("--repeats", type=int, default=5, help="best of this many calls")
    parser.add_argument("--budget", type=float, default=30.0,
                        help="skip a direct contender estimated to take longer (seconds)")
    parser.add_argument("--calibrate", action="store_true",
                        help="measure the constants of the cost model of method='auto'")
    options = parser.parse_args(argv)
    if options.calibrate:
        calibrate(options.repeats)
        return 0
    shapes = QUICK_SHAPES if options.quick else FULL_SHAPES
    return report(shapes, options.repeats, options.budget, options.markdown)


if __name__ == "__main__":
    sys.exit(main())
