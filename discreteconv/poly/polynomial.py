"""``Polynomial``: exact polynomials whose product is the convolution of their coefficients."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

from .. import _validate
from ..errors import InvalidEntryError, InvalidOptionError, TooLargeError
from ._coefficients import (
    Terms,
    check_coefficient,
    dense,
    from_sympy_number,
    grid,
    is_zero,
    nested_terms,
    normal,
    variable_names,
)

__all__ = ["Polynomial"]

#: A power whose result would have more coefficients than this is refused before computing.
MAX_COEFFICIENTS = 20_000_000
#: ... or whose coefficients would take more bits than this in all (1 GiB).
MAX_RESULT_BITS = 2**33


class Polynomial:
    """An exact polynomial in one or several variables.

    Coefficients are stored lowest power first (``coefficients[k]`` multiplies ``x**k``), with
    trailing zeros trimmed; for several variables they nest, one level per variable. Products
    are convolutions of the coefficient arrays, computed by :func:`discreteconv.convolve`, so
    integers of any size, Fractions and SymPy expressions stay exact.

    Parameters
    ----------
    coefficients : sequence, str or SymPy expression, default (0,)
        Lowest power first (nested for several variables); or text such as
        ``"(1+2x)^3*(x-1)"``, parsed by the project's grammar (never ``eval``); or a SymPy
        expression.
    variables : str or sequence of str, optional
        The names of the variables, one per nesting level: ``"x"`` for coefficients by default;
        for text and SymPy input, the names that appear (in order of appearance, or sorted).

    Examples
    --------
    >>> import discreteconv as dc
    >>> p = dc.Polynomial([1, 2])         # 1 + 2x
    >>> q = dc.Polynomial([3, 0, -1])     # 3 - x**2
    >>> (p * q).coefficients
    (3, 6, -1, -2)
    >>> print(p * q)
    -2*x**3 - x**2 + 6*x + 3
    >>> (dc.Polynomial([0, 1, 1, 1, 1, 1, 1]) ** 3).coefficients[3:8]  # ways to roll 3d6
    (1, 3, 6, 10, 15)
    >>> dc.Polynomial("(1+2x)^3*(x-1)").coefficients
    (-1, -5, -6, 4, 8)
    """

    __slots__ = ("_coefficients", "_hash", "_terms", "_variables")

    def __init__(self, coefficients: Any = (0,),
                 variables: str | Iterable[str] | None = None) -> None:
        if isinstance(coefficients, Polynomial):
            self._set_terms(coefficients.terms(), coefficients.variables)
            return
        if isinstance(coefficients, str):
            from .parse import parse_polynomial

            parsed = parse_polynomial(coefficients, variables)
            self._set_terms(parsed.terms(), parsed.variables)
            return
        if type(coefficients).__module__.startswith("sympy"):
            converted = Polynomial.from_sympy(coefficients, variables)
            self._set_terms(converted.terms(), converted.variables)
            return
        names = variable_names("x" if variables is None else variables)
        if isinstance(coefficients, Mapping):
            raise InvalidEntryError(
                "Polynomial takes a sequence of coefficients (lowest power first); "
                "for {exponents: coefficient} use Polynomial.from_terms"
            )
        if len(names) == 1 and type(coefficients) in (list, tuple) and coefficients:
            kinds = set(map(type, coefficients))
            if kinds <= {int, Fraction}:  # the common case, without a dict
                self._set_dense(tuple(coefficients), names, fractions=Fraction in kinds)
                return
        self._set_terms(nested_terms(coefficients, len(names)), names)

    # -- construction ---------------------------------------------------------------------------
    def _set_terms(self, terms: Terms, variables: tuple[str, ...]) -> None:
        self._variables = variables
        self._terms: Terms | None = {e: normal(c) for e, c in terms.items() if not is_zero(c)}
        self._coefficients: tuple | None = None
        self._hash: int | None = None

    def _set_dense(self, coefficients: tuple, variables: tuple[str, ...],
                   fractions: bool = True) -> None:
        """One variable, coefficients already checked: only trailing zeros to trim (and
        whole Fractions to turn into ints, unless the caller knows there are none)."""
        if fractions and any(type(c) is Fraction for c in coefficients):
            coefficients = tuple(normal(c) for c in coefficients)
        end = len(coefficients)
        while end > 1 and coefficients[end - 1] == 0:
            end -= 1
        self._variables = variables
        self._coefficients = coefficients[:end] if end < len(coefficients) else coefficients
        if self._coefficients == (0,) or not self._coefficients:
            self._coefficients = (0,)
        self._terms = None
        self._hash = None

    @property
    def _term_map(self) -> Terms:
        if self._terms is None:
            self._terms = {(k,): c for k, c in enumerate(self._coefficients or ())
                           if not is_zero(c)}
        return self._terms

    @classmethod
    def _make(cls, terms: Terms, variables: tuple[str, ...]) -> Polynomial:
        new = cls.__new__(cls)
        new._set_terms(terms, variables)
        return new

    @classmethod
    def from_terms(cls, terms: Mapping[tuple[int, ...], Any],
                   variables: str | Iterable[str] = "x") -> Polynomial:
        """From ``{(exponent of each variable): coefficient}``.

        Examples
        --------
        >>> Polynomial.from_terms({(2, 0): 3, (0, 1): -1}, ("x", "y")).to_sympy()
        3*x**2 - y
        """
        names = variable_names(variables)
        merged: Terms = {}
        for exponents, value in terms.items():
            key = tuple(exponents) if not isinstance(exponents, int) else (exponents,)
            if len(key) != len(names) or any(
                isinstance(e, bool) or not isinstance(e, int) or e < 0 for e in key
            ):
                raise InvalidOptionError(
                    f"exponents {exponents!r} must be {len(names)} non-negative int(s), one "
                    f"per variable {names}"
                )
            merged[key] = merged.get(key, 0) + check_coefficient(value)
        return cls._make(merged, names)

    @classmethod
    def from_sympy(cls, expression: Any, variables: str | Iterable[str] | None = None
                   ) -> Polynomial:
        """From a SymPy expression that is a polynomial in ``variables``.

        Other symbols become symbolic coefficients. ``variables`` defaults to the free
        symbols, sorted by name.

        Examples
        --------
        >>> import sympy
        >>> a, x = sympy.symbols("a x")
        >>> Polynomial.from_sympy((a*x + 1)**2, "x").coefficients
        (1, 2*a, a**2)
        """
        import sympy

        if not isinstance(expression, sympy.Basic):  # text goes through the grammar, not sympify
            raise InvalidEntryError(
                f"from_sympy takes a SymPy expression; received {type(expression).__name__} "
                "(use Polynomial(text) to parse text)"
            )
        if variables is None:
            symbols = sorted(expression.free_symbols, key=lambda s: s.name)
            names = tuple(s.name for s in symbols) or ("x",)
        else:
            names = variable_names(variables)
        symbols_by_name = {s.name: s for s in expression.free_symbols}
        generators = [symbols_by_name.get(name, sympy.Symbol(name)) for name in names]
        try:
            poly = sympy.Poly(expression, *generators)
        except sympy.PolynomialError as error:
            raise InvalidEntryError(
                f"{expression} is not a polynomial in {', '.join(names)}: {error}"
            ) from None
        terms = {tuple(int(e) for e in monomial): from_sympy_number(coefficient)
                 for monomial, coefficient in poly.terms()}
        return cls._make(terms, names)

    @classmethod
    def from_distribution(cls, distribution: Any, variable: str = "x") -> Polynomial:
        """The probability generating function ``sum_k P(X = k) x**k``.

        Examples
        --------
        >>> import discreteconv as dc
        >>> Polynomial.from_distribution(dc.die(4)).coefficients
        (0, Fraction(1, 4), Fraction(1, 4), Fraction(1, 4), Fraction(1, 4))
        """
        outcomes = distribution.outcomes
        if not all(type(o) is int and o >= 0 for o in outcomes):
            raise InvalidOptionError(
                "a generating function needs non-negative integer outcomes; "
                f"this distribution has {outcomes[0]!r} .. {outcomes[-1]!r}"
            )
        pmf = distribution.pmf()
        return cls._make({(o,): p for o, p in pmf.items()}, variable_names(variable))

    def to_distribution(self) -> Any:
        """The distribution whose probabilities are the normalised coefficients.

        Examples
        --------
        >>> import discreteconv as dc
        >>> (Polynomial([0, 1, 1, 1, 1, 1, 1]) ** 2).to_distribution() == dc.dice("2d6")
        True
        """
        from ..dist import Distribution

        if len(self._variables) != 1:
            raise InvalidOptionError("to_distribution needs a polynomial in one variable")
        if any(not isinstance(c, int | Fraction) or c < 0 for c in self._term_map.values()):
            raise InvalidOptionError(
                "to_distribution needs non-negative exact coefficients (ints or Fractions)"
            )
        return Distribution({e[0]: c for e, c in self._term_map.items()})

    # -- contents -------------------------------------------------------------------------------
    @property
    def variables(self) -> tuple[str, ...]:
        """The variable names, one per axis of :attr:`coefficients`."""
        return self._variables

    @property
    def coefficients(self) -> tuple:
        """Coefficients, lowest power first, trailing zeros trimmed (nested for several
        variables); the zero polynomial gives ``(0,)``."""
        if self._coefficients is None:
            self._coefficients = dense(self._term_map, len(self._variables))
        return self._coefficients

    def terms(self) -> Terms:
        """``{exponents: coefficient}`` for the nonzero terms."""
        return dict(self._term_map)

    def degree(self, variable: str | None = None) -> int:
        """The degree (total degree with several variables), or in one ``variable``; -1 for 0.

        Examples
        --------
        >>> Polynomial([1, 0, 3]).degree()
        2
        """
        if not self._term_map:
            return -1
        if variable is None:
            return max(sum(e) for e in self._term_map)
        axis = self._axis(variable)
        return max(e[axis] for e in self._term_map)

    def _axis(self, variable: str) -> int:
        if variable not in self._variables:
            raise InvalidOptionError(
                f"{variable!r} is not a variable of this polynomial (it has {self._variables})"
            )
        return self._variables.index(variable)

    # -- arithmetic -----------------------------------------------------------------------------
    def _align(self, other: Polynomial) -> tuple[Terms, Terms, tuple[str, ...]]:
        if other._variables == self._variables:
            return self._term_map, other._term_map, self._variables
        names = self._variables + tuple(v for v in other._variables if v not in self._variables)

        def widen(p: Polynomial) -> Terms:
            where = [names.index(v) for v in p._variables]
            out: Terms = {}
            for exponents, value in p._term_map.items():
                key = [0] * len(names)
                for axis, e in zip(where, exponents, strict=True):
                    key[axis] = e
                out[tuple(key)] = value
            return out

        return widen(self), widen(other), names

    def _coerce(self, other: Any) -> Polynomial | None:
        if isinstance(other, Polynomial):
            return other
        try:
            value = check_coefficient(other)
        except InvalidEntryError:
            return None
        return Polynomial._make({(0,) * len(self._variables): value}, self._variables)

    def __add__(self, other: Any) -> Polynomial:
        operand = self._coerce(other)
        if operand is None:
            return NotImplemented
        left, right, names = self._align(operand)
        merged = dict(left)
        for exponents, value in right.items():
            merged[exponents] = merged.get(exponents, 0) + value
        return Polynomial._make(merged, names)

    __radd__ = __add__

    def __neg__(self) -> Polynomial:
        return Polynomial._make({e: -c for e, c in self._term_map.items()}, self._variables)

    def __pos__(self) -> Polynomial:
        return self

    def __sub__(self, other: Any) -> Polynomial:
        operand = self._coerce(other)
        return NotImplemented if operand is None else self + (-operand)

    def __rsub__(self, other: Any) -> Polynomial:
        operand = self._coerce(other)
        return NotImplemented if operand is None else operand + (-self)

    def __mul__(self, other: Any) -> Polynomial:
        if not isinstance(other, Polynomial):
            operand = self._coerce(other)
            if operand is None:
                return NotImplemented
            value = operand._term_map.get((0,) * len(self._variables), 0)
            return Polynomial._make({e: c * value for e, c in self._term_map.items()},
                                    self._variables)
        if len(self._variables) == 1 and self._variables == other._variables:
            return _multiply_dense(self.coefficients, other.coefficients, self._variables)
        left, right, names = self._align(other)
        if not left or not right:
            return Polynomial._make({}, names)
        return _multiply(left, right, names)

    def __rmul__(self, other: Any) -> Polynomial:
        return self.__mul__(other)

    def __truediv__(self, other: Any) -> Polynomial:
        if isinstance(other, Polynomial):
            raise InvalidOptionError("division by a polynomial is not a polynomial operation")
        value = check_coefficient(other)
        if is_zero(value):
            raise InvalidOptionError("division of a polynomial by zero")
        inverse = Fraction(1, value) if isinstance(value, int) else 1 / value
        return self * inverse

    def __pow__(self, exponent: Any) -> Polynomial:
        if isinstance(exponent, bool) or not hasattr(exponent, "__index__"):
            raise InvalidOptionError(
                f"a polynomial can be raised only to a non-negative integer power; "
                f"received {exponent!r}"
            )
        n = exponent.__index__()
        if n < 0:
            raise InvalidOptionError(
                f"a polynomial can be raised only to a non-negative integer power; received {n}"
            )
        one = Polynomial._make({(0,) * len(self._variables): 1}, self._variables)
        if n == 0:
            return one
        degrees = [self.degree(v) for v in self._variables]
        size = math.prod(n * d + 1 for d in degrees)
        if size > MAX_COEFFICIENTS:
            raise TooLargeError(
                f"this power would have about {size:,} coefficients, more than the "
                f"{MAX_COEFFICIENTS:,} allowed; refused before computing"
            )
        values = list(self._term_map.values())
        if size > 1 and all(isinstance(c, int | Fraction) for c in values):
            # every coefficient of p**n is at most (sum |c|)**n (times denominators)
            height = sum(abs(Fraction(c)) for c in values)
            bits = n * max(math.log2(max(height.numerator, 2)),
                           math.log2(max(height.denominator, 2)))
            if size * bits > MAX_RESULT_BITS:
                raise TooLargeError(
                    f"this power would have {size:,} coefficients of up to about "
                    f"{bits:,.0f} bits ({_validate.human_bytes(size * bits / 8)} in all), more "
                    f"than the {_validate.human_bytes(MAX_RESULT_BITS / 8)} allowed; refused "
                    "before computing"
                )
        result, base = None, self
        while n:  # binary powering: log2(n) products
            if n & 1:
                result = base if result is None else result * base
            n >>= 1
            if n:
                base = base * base
        assert result is not None
        return result

    # -- calculus and evaluation ----------------------------------------------------------------
    def derivative(self, variable: str | None = None) -> Polynomial:
        """The derivative with respect to ``variable`` (the only one, by default).

        Examples
        --------
        >>> Polynomial([1, 2, 3]).derivative().coefficients
        (2, 6)
        """
        if variable is None:
            if len(self._variables) != 1:
                raise InvalidOptionError(
                    f"name the variable to differentiate by (one of {self._variables})"
                )
            variable = self._variables[0]
        axis = self._axis(variable)
        terms: Terms = {}
        for exponents, value in self._term_map.items():
            if exponents[axis]:
                lowered = list(exponents)
                lowered[axis] -= 1
                terms[tuple(lowered)] = value * exponents[axis]
        return Polynomial._make(terms, self._variables)

    def __call__(self, *values: Any, **by_name: Any) -> Any:
        """Evaluate at numbers, Fractions or SymPy expressions (positional in variable order).

        Examples
        --------
        >>> from fractions import Fraction
        >>> Polynomial([1, 2, 3])(Fraction(1, 2))
        Fraction(11, 4)
        """
        if len(values) > len(self._variables):
            raise InvalidOptionError(
                f"{len(values)} values for {len(self._variables)} variable(s) {self._variables}"
            )
        points = dict(zip(self._variables, values, strict=False))
        for name, value in by_name.items():
            self._axis(name)
            points[name] = value
        missing = [v for v in self._variables if v not in points]
        if missing:
            raise InvalidOptionError(f"no value given for {', '.join(missing)}")
        ordered = [points[v] for v in self._variables]
        total: Any = 0
        for exponents, value in self._term_map.items():
            term = value
            for point, e in zip(ordered, exponents, strict=True):
                if e:
                    term = term * point**e
            total = total + term
        if hasattr(total, "expand") and type(total).__module__.startswith("sympy"):
            return total.expand()
        return total

    # -- conversions and display ----------------------------------------------------------------
    def to_sympy(self) -> Any:
        """The expanded SymPy expression, in symbols named after :attr:`variables`.

        Examples
        --------
        >>> Polynomial([1, 0, -3], "t").to_sympy()
        1 - 3*t**2
        """
        import sympy

        from ..core._kinds import to_sympy_number

        symbols = [sympy.Symbol(v) for v in self._variables]
        return sympy.Add(*(
            to_sympy_number(c) * sympy.Mul(*(s**e for s, e in zip(symbols, exponents,
                                                                   strict=True)))
            for exponents, c in self._term_map.items()
        ))

    def __str__(self) -> str:
        from .render import text

        return text(self)

    def __repr__(self) -> str:
        return f"Polynomial({self.__str__()!r}, variables={self._variables!r})"

    def _repr_latex_(self) -> str:
        from .render import latex

        return f"${latex(self)}$"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Polynomial):
            left, right, _ = self._align(other)
            return left == right
        operand = self._coerce(other)
        return NotImplemented if operand is None else self == operand

    def __hash__(self) -> int:
        if self._hash is None:
            terms = self._term_map
            if set(terms) <= {(0,) * len(self._variables)}:  # a constant hashes as the number
                self._hash = hash(terms.get((0,) * len(self._variables), 0))
            else:  # by variable name, so x and (x, y) without y hash alike
                self._hash = hash(frozenset(
                    (frozenset((v, e) for v, e in zip(self._variables, exponents, strict=True)
                               if e), c)
                    for exponents, c in terms.items()))
        return self._hash

    def __bool__(self) -> bool:
        return bool(self._term_map)


def _multiply_dense(a: tuple, b: tuple, names: tuple[str, ...]) -> Polynomial:
    """One variable: the product's coefficients are the convolution of the two tuples."""
    from ..core import convolve

    product = convolve(a, b)
    if hasattr(product, "tolist"):  # float coefficients come back as a numpy array
        product = product.tolist()
    result = Polynomial.__new__(Polynomial)
    # an int first entry means convolve worked in ints throughout: no Fraction to normalise
    result._set_dense(tuple(product), names, fractions=type(product[0]) is not int)
    return result


def _multiply(left: Terms, right: Terms, names: tuple[str, ...]) -> Polynomial:
    """Several variables: N-D convolution of the coefficient grids.

    Only the axes that either factor uses take part (``(1+x)**2 * (1+y)`` in ``(x, y, z)`` is a
    2-D product, and ``(1+x) * (1+x)`` in ``(x, y)`` a 1-D one); the others stay 0.
    """
    from ..core import convolve

    used = [axis for axis in range(len(names))
            if any(e[axis] for e in left) or any(e[axis] for e in right)]
    if not used:  # constants
        key = (0,) * len(names)
        return Polynomial._make({key: left.get(key, 0) * right.get(key, 0)}, names)

    def project(terms: Terms) -> Terms:
        return {tuple(e[axis] for axis in used): c for e, c in terms.items()}

    def embed(exponents: tuple[int, ...]) -> tuple[int, ...]:
        full = [0] * len(names)
        for axis, e in zip(used, exponents, strict=True):
            full[axis] = e
        return tuple(full)

    a, _ = grid(project(left), len(used))
    b, _ = grid(project(right), len(used))
    product = convolve(a, b)
    if len(used) == 1:
        if hasattr(product, "tolist"):  # float coefficients come back as a numpy array
            product = product.tolist()
        return Polynomial._make({embed((k,)): c for k, c in enumerate(product)
                                 if not is_zero(c)}, names)
    import numpy as np

    array = np.asarray(product, dtype=object)
    flat = array.ravel().tolist()
    terms = {embed(tuple(int(i) for i in np.unravel_index(k, array.shape))): c
             for k, c in enumerate(flat) if not is_zero(c)}
    return Polynomial._make(terms, names)
