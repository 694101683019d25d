"""Float probabilities of sums of dice: time and accuracy of three ways to get them.

For each case (``100d6``, ``1000d6``, ``500d6 + 300d10``, ``2000d6``) three methods run:

* ``exact-then-rounded``: the exact Distribution (``n @ dc.die(6)``, big integers), then every
  log-probability rounded to float64 (:meth:`FloatDistribution.from_exact`); the time includes
  both steps.
* ``plain-fft``: ``float_sum(..., accurate=False)``, one float64 FFT (the spectrum raised to
  the n-th power), as a numpy user would compute it.
* ``tilted-fft``: ``float_sum(...)``, the accurate path (exponentially tilted FFTs in extended
  precision).

For each: the best time of a few calls, the largest relative error of any probability against
the exact distribution (``max_rel_error_vs``, from the exact integers at 100 bits) and how many
probabilities have a relative error above 1e-12. For ``500d6 + 300d10`` the parts are the two
exact Distributions, so all three methods start from them (the exact column adds them).

Usage::

    .venv/bin/python benchmarks/float_accuracy.py
    .venv/bin/python benchmarks/float_accuracy.py --markdown
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import _timing

import discreteconv as dc
from discreteconv.dist.floating import FloatDistribution, float_sum

RTOL = 1e-12


def _cases(quick: bool = False) -> list[tuple[str, Callable[[], dc.Distribution],
                                               dict[str, Callable[[], object]]]]:
    d6 = dc.die(6)
    if quick:
        return [_dice_case("100d6", d6, 100)]
    cases = []
    for n in (100, 1000):
        cases.append(_dice_case(f"{n}d6", d6, n))
    a, b = 500 @ d6, 300 @ dc.die(10)
    cases.append(("500d6 + 300d10", lambda: a + b, {
        "exact-then-rounded": lambda: FloatDistribution.from_exact(a + b),
        "plain-fft": lambda: float_sum(a, b, accurate=False),
        "tilted-fft": lambda: float_sum(a, b, method="tilted"),
    }))
    cases.append(_dice_case("2000d6", d6, 2000))
    return cases


def _dice_case(name: str, die: dc.Distribution, n: int):
    return (name, lambda: n @ die, {
        "exact-then-rounded": lambda: FloatDistribution.from_exact(n @ die),
        "plain-fft": lambda: float_sum(die, repeat=n, accurate=False),
        "tilted-fft": lambda: float_sum(die, repeat=n, method="tilted"),
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--min-time", type=float, default=0.5,
                        help="time each method for at least this long (best call kept)")
    parser.add_argument("--quick", action="store_true", help="100d6 only (a smoke test)")
    options = parser.parse_args(argv)
    table = _timing.Table(["case", "method", "time", "vs plain", "max rel error",
                           f"# rel error > {RTOL:g}", "outcomes", "tilts"], align="llrrrrrr")
    for name, exact_of, methods in _cases(options.quick):
        exact = exact_of()
        timings, errors = _timing.race(methods, min_time=options.min_time, max_repeats=5,
                                       warm_up=tuple(methods))
        if errors:
            raise next(iter(errors.values()))
        plain = timings["plain-fft"].seconds
        for method, function in methods.items():
            result = function()
            assert isinstance(result, FloatDistribution)
            rel = result.rel_errors_vs(exact)
            table.add([name, result.method, _timing.format_seconds(timings[method].seconds),
                       _timing.format_ratio(timings[method].seconds / plain),
                       f"{rel.max():.2g}", int((rel > RTOL).sum()), len(rel),
                       len(result.tilts)])
    print(_timing.machine_summary(("numpy",)))
    print(table.to_markdown() if options.markdown else table.to_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
