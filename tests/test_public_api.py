"""The public surface: ``__all__``, docstrings, and a light ``import discreteconv``."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import discreteconv as dc

EXPECTED_NAMES = {
    "BackendUnavailableError",
    "DiscreteconvError",
    "EmptyInputError",
    "Explanation",
    "InvalidEntryError",
    "InvalidOptionError",
    "NonFiniteError",
    "NotationError",
    "ShapeError",
    "Signal",
    "TooLargeError",
    "__version__",
    "available_methods",
    "convolve",
    "correlate",
    "errors",
    "explain",
    "output_size",
}


def test_star_import_exposes_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from discreteconv import *", namespace)
    namespace.pop("__builtins__", None)
    assert set(namespace) == set(dc.__all__)
    for name, value in namespace.items():
        assert value is getattr(dc, name)


def test_all_has_no_duplicates_and_is_sorted() -> None:
    assert len(dc.__all__) == len(set(dc.__all__))
    assert list(dc.__all__) == sorted(dc.__all__)


def test_all_contains_the_documented_api() -> None:
    assert EXPECTED_NAMES <= set(dc.__all__)


def test_every_public_name_exists_and_is_documented() -> None:
    for name in dc.__all__:
        assert hasattr(dc, name), name
        if name == "__version__":
            assert re.fullmatch(r"\d+\.\d+\.\d+.*", dc.__version__)
            continue
        doc = inspect.getdoc(getattr(dc, name))
        assert doc and len(doc.strip()) > 10, name


def test_public_callables_have_examples_in_their_docstrings() -> None:
    for function in (dc.convolve, dc.correlate, dc.explain, dc.output_size, dc.Signal):
        assert ">>>" in (function.__doc__ or ""), function.__name__


def test_convolve_and_correlate_share_one_signature() -> None:
    conv = inspect.signature(dc.convolve)
    corr = inspect.signature(dc.correlate)
    assert conv == corr
    params = conv.parameters
    assert list(params)[:4] == ["a", "b", "mode", "method"]
    assert params["mode"].default == "full"
    assert params["method"].default == "auto"
    for name, default in [("axes", None), ("stride", 1), ("dilation", 1), ("padding", 0),
                          ("padding_mode", "zeros"), ("fill_value", 0), ("period", None)]:
        assert params[name].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert params[name].default == default, name


def test_package_ships_py_typed() -> None:
    assert (Path(dc.__file__).parent / "py.typed").is_file()


def test_import_is_light() -> None:
    code = (
        "import json, sys\n"
        "import discreteconv\n"
        "heavy = ['sympy', 'matplotlib', 'scipy', 'lark']\n"
        "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(completed.stdout.strip().splitlines()[-1])
    assert "sympy" not in loaded
    assert "matplotlib" not in loaded
    assert loaded == []


def test_integer_convolution_does_not_import_sympy() -> None:
    code = (
        "import sys\n"
        "import discreteconv as dc\n"
        "assert dc.convolve([1, 2], [3, 4]) == [3, 10, 8]\n"
        "assert dc.convolve([1.5], [2.0]).tolist() == [3.0]\n"
        "print('sympy' in sys.modules, 'matplotlib' in sys.modules)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert completed.stdout.split() == ["False", "False"]
