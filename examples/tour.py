"""A short tour of discreteconv: what ``make demo`` runs.

Each section is one small function listed in ``SECTIONS``; a new feature adds its own function
and appends it there. Run it with ``python examples/tour.py`` (no plots, a second or two).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import numpy as np
import sympy

import discreteconv as dc

# The social-media story used throughout the docs: posts per hour (hours 0..5), and the likes
# one post collects 0, 1, 2, 3, 4 hours after it was posted.
POSTS_PER_HOUR = [3, 0, 5, 0, 2, 1]
LIKES_PER_POST = [5, 4, 3, 2, 1]


def heading(title: str) -> None:
    """Print a section heading, underlined."""
    print()
    print(title)
    print("=" * len(title))


def exact_convolution() -> None:
    a, b = [1, 2, 3], [4, 5]
    print(f"convolve({a}, {b}) = {dc.convolve(a, b)}")
    print("(f*g)[n] = sum_k f[k] g[n-k]: the same numbers as multiplying")
    print("(1 + 2x + 3x^2)(4 + 5x) = 4 + 13x + 22x^2 + 15x^3")


def big_integers() -> None:
    a, b = [10**30 + 7, -3], [10**30 - 7, 2]
    exact = dc.convolve(a, b)
    print(f"convolve([10**30 + 7, -3], [10**30 - 7, 2]) = {exact}")
    print(f"first entry == 10**60 - 49: {exact[0] == 10**60 - 49}")
    as_floats = np.convolve(np.array(a, dtype=float), np.array(b, dtype=float))
    print(f"the same in float64:      {as_floats.tolist()}  (the -49 is lost)")


def fractions() -> None:
    die = [Fraction(1, 6)] * 6
    total = dc.convolve(die, die)
    print("P(sum of two dice = 2, 3, ..., 12) =")
    print("  " + ", ".join(str(p) for p in total))
    print(f"P(7) = {total[5]}, and the probabilities add up to {sum(total)}")


def symbols() -> None:
    p, q = sympy.symbols("p q")
    coin = [q, p]  # one biased coin: no heads with probability q, one head with p
    print(f"two biased coins, P(0, 1, 2 heads) = {dc.convolve(coin, coin)}")
    print(f"three coins:                     {dc.convolve(dc.convolve(coin, coin), coin)}")


def dice_sums() -> None:
    d6 = dc.Signal([1, 1, 1, 1, 1, 1], start=1)  # one way to roll each of 1..6
    two = dc.convolve(d6, d6)
    print(f"d6 = {d6}")
    print(f"d6 * d6 = {two}")
    print(f"the sum starts at {two.start}; ways to roll 7: {two.at(7)} of {sum(two)}")


def modes() -> None:
    f, g = POSTS_PER_HOUR, LIKES_PER_POST
    print(f"f = {f}, g = {g}")
    for mode in ("full", "same", "valid", "circular"):
        print(f"  mode={mode!r:11} {dc.convolve(f, g, mode=mode)}")


def correlation() -> None:
    f, g = POSTS_PER_HOUR, LIKES_PER_POST
    print(f"convolve(f, g)       = {dc.convolve(f, g)}")
    print(f"correlate(f, g)      = {dc.correlate(f, g)}")
    print(f"convolve(f, g[::-1]) = {dc.convolve(f, g[::-1])}  (correlation = no flip)")


def social_media() -> None:
    f, g = POSTS_PER_HOUR, LIKES_PER_POST
    likes = dc.convolve(f, g)
    print(f"posts per hour f = {f}   (hours 0..5)")
    print(f"likes per post g = {g}   (0..4 hours after posting)")
    print(f"likes per hour f*g = {likes}   (hours 0..9)")
    for hour in (1, 4, 6, 8, 9):
        print(f"  (f*g)({hour}) = {likes[hour]}")
    print()
    print(dc.explain(f, g, 4))


def dice_odds() -> None:
    three = dc.dice("3d6")
    print(f"P(3d6 = 10) = {three.probability(10)}")
    print(f"P(2d6 = 7) = {dc.dice('2d6').probability(7)}")
    print(f"mean of 4d6, drop the lowest = {dc.dice('4d6dl1').mean()}")
    print(f"P(3d6 > 3d6) = {dc.dice('3d6 > 3d6').probability(True)}")
    advantage = dc.dice("2d20kh1")
    print(f"d20 with advantage: P(at least 15) = {advantage.at_least(15)}")
    thousand = 1000 @ dc.die(6)
    print(f"1000d6: {len(thousand)} totals, each with its exact count of ways out of "
          f"6**1000 ({len(str(thousand.total))} digits)")
    print()
    print(dc.dice("2d6").to_text())


def continuous_convolution() -> None:
    pulse = dc.convolve_integral("exp(-t)*u(t)", "u(t) - u(t-1)")
    print(f"exp(-t)u(t) * (u(t) - u(t-1)) = {pulse}")
    print(f"as steps: {pulse.rewrite(sympy.Heaviside)}")
    rates = dc.convolve_integral("exp(-a t) u(t)", "exp(-b t) u(t)", assume="a>0, b>0")
    print(f"exp(-a t)u(t) * exp(-b t)u(t) = {rates}")
    print(f"Cauchy * Cauchy = {dc.convolve_integral('1/(pi (1+t^2))', '1/(pi (1+t^2))')}")
    print()
    print(dc.derive("u(t)", "u(t) - u(t-1)"))
    print()
    print(f"is 1 - exp(-t) the answer to exp(-t)u(t) * u(t)? "
          f"{dc.check_answer('exp(-t)*u(t)', 'u(t)', '1 - exp(-t)')}")
    total = dc.Uniform(0, 1) + dc.Uniform(0, 1)
    print(f"density of U(0,1) + U(0,1): {total.pdf()}; mean {total.mean()}, "
          f"variance {total.variance()}")


SECTIONS: list[tuple[str, Callable[[], None]]] = [
    ("Exact convolution", exact_convolution),
    ("Big integers stay exact", big_integers),
    ("Fractions", fractions),
    ("SymPy symbols", symbols),
    ("Dice sums with Signals", dice_sums),
    ("Modes: full, same, valid, circular", modes),
    ("Correlation versus convolution", correlation),
    ("Likes per hour, worked by hand with explain", social_media),
    ("Dice odds, exactly", dice_odds),
    ("Continuous convolution, in closed form", continuous_convolution),
]


def main() -> None:
    print(f"discreteconv {dc.__version__}: a short tour")
    for title, show in SECTIONS:
        heading(title)
        show()


if __name__ == "__main__":
    main()
