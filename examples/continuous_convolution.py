"""A one-second pulse through an RC low-pass filter: a convolution integral, in closed form.

A switch applies one volt for one second, ``x(t) = u(t) - u(t - 1)``, to an RC circuit whose
impulse response is ``h(t) = e^(-t/RC) u(t) / RC``. The capacitor voltage is the convolution

    y(t) = (x*h)(t) = integral x(tau) h(t - tau) dtau,

which charges towards 1 while the switch is on and decays after. The script computes it with
``RC = 1`` and with a symbolic ``RC``, works it out step by step, checks two hand-worked
answers, and draws the flip-and-shift picture into a temporary directory (deleted at the end).

Run it with ``python examples/continuous_convolution.py`` (a second or two).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import sympy

import discreteconv as dc

PULSE = "u(t) - u(t-1)"  # x: one volt for one second
RESPONSE = "exp(-t) u(t)"  # h: the impulse response with RC = 1
T = sympy.Symbol("t", real=True)  # the variable text is read with


def heading(title: str) -> None:
    """Print a section heading, underlined."""
    print()
    print(title)
    print("=" * len(title))


def closed_form() -> sympy.Expr:
    """The output voltage as a Piecewise and as Heaviside steps, and a few of its values."""
    y = dc.convolve_integral(PULSE, RESPONSE, verify=True)
    print(f"y(t) = {y}")
    print(f"as steps: y(t) = {y.rewrite(sympy.Heaviside)}")
    for time in (sympy.Rational(1, 2), 1, 2):
        value = y.subs(T, time)
        print(f"y({time}) = {value} = {float(value):.4f} V")
    return y


def symbolic_time_constant() -> None:
    """The same circuit with any time constant RC > 0."""
    y = dc.convolve_integral(PULSE, "exp(-t/RC) u(t) / RC", assume="RC>0")
    print(f"with a time constant RC > 0: y(t) = {y}")


def worked_by_hand() -> None:
    """Flip, shift and integrate, range by range, as a course writes it."""
    print(dc.derive(PULSE, RESPONSE))


def check_answers() -> None:
    """Two answers a student might hand in: the limits kept from 0 to t, and a right one."""
    for answer in ("(1 - exp(-t)) u(t)",
                   "(1 - exp(-t)) u(t) - (1 - exp(1 - t)) u(t - 1)"):
        report = dc.check_answer(PULSE, RESPONSE, answer)
        print(f"y(t) = {answer}?")
        print(f"  {report}")


def picture(y: sympy.Expr) -> None:
    """Save the flip-and-shift picture at t = 1.5 into a temporary directory."""
    x, h = dc.parse_function(PULSE), dc.parse_function(RESPONSE)
    with tempfile.TemporaryDirectory() as folder:
        path = dc.save_convolution_figure(x, h, "t", y, 1.5, Path(folder) / "pulse_rc.png",
                                          labels=("x", "h"))
        print(f"drew {path.name}: {path.stat().st_size // 1024} KB (in a temporary directory)")


def main() -> None:
    heading("The capacitor voltage y = x * h")
    y = closed_form()
    symbolic_time_constant()
    heading("Worked by hand")
    worked_by_hand()
    heading("Checking hand-worked answers")
    check_answers()
    heading("The flip-and-shift picture")
    picture(y)


if __name__ == "__main__":
    main()
