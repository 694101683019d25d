"""The command line: ``discreteconv convolve`` and ``discreteconv explain``."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest

import discreteconv
from discreteconv.cli import main, parse_numbers

SOCIAL = ["3,0,5,0,2,1", "5,4,3,2,1"]  # posts per hour, likes per post by hours since posting


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the CLI in-process; assert success and return stdout without its final newline."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, ""), err
    return out.removesuffix("\n")


def fail(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run the CLI in-process; assert exit status 2 and one error line, and return that line."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.startswith("discreteconv: error: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.removeprefix("discreteconv: error: ").rstrip("\n")


# -- convolve ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["1,2,3", "0,1,1"], "0, 1, 3, 5, 3"),
        (["1, 2, 3", " 0 1 1 "], "0, 1, 3, 5, 3"),  # spaces are separators too
        (["1/2,1", "1/3,2"], "1/6, 4/3, 2"),
        (["0.25,0.5", "2"], "1/2, 1"),  # decimals are exact
        (["1e3", "1/2"], "500"),
        (["1,2,3,4", "1,1", "--mode", "valid"], "3, 5, 7"),
        (["1,2,3", "1,1", "--mode", "same"], "1, 3, 5"),
        (["1,2,3,4", "0,1", "--mode", "circular"], "4, 1, 2, 3"),
        (["1,2,3", "0,1,2", "--correlate"], "2, 5, 8, 3, 0"),
        (["1,2,3,4", "1,1", "--correlate", "--mode", "valid"], "3, 5, 7"),
        (["1,2,3", "0,1,1", "--method", "direct"], "0, 1, 3, 5, 3"),
        (["1,2,3", "0,1,1", "--method", "kronecker-python"], "0, 1, 3, 5, 3"),
        (["1,2", "1", "--method", "fft"], "1.0, 2.0"),
        (["-1,2", "3,4"], "-3, 2, 8"),
        (["--", "-1,2", "3,4"], "-3, 2, 8"),
        (["-1/2,-.5", "-2"], "1, 1"),
        (["1,1,1,1,1,1", "1,1,1,1,1,1", "--start", "1"],
         "start 2: 1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1"),
        (["1,2,3", "1,1", "--start", "2,-5"], "start -3: 1, 3, 5, 3"),
        (["1,2", "3", "--start=-2"], "start -4: 3, 6"),
        (["1,2,3", "0,1,2", "--correlate", "--start", "-1,2"], "start -5: 2, 5, 8, 3, 0"),
    ],
)
def test_convolve_text(capsys: pytest.CaptureFixture[str], argv: list[str], expected: str) -> None:
    assert run(capsys, "convolve", *argv) == expected


def test_convolve_big_integers_stay_exact(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "convolve", f"{2**70},1", f"{2**70},-1") == f"{2**140}, 0, -1"


def test_json_carries_exact_values_as_strings(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "convolve", "1/2,3", "7,1", "--format", "json"))
    assert found == {"result": ["7/2", "43/2", "3"], "start": 0, "mode": "full",
                     "method": "auto", "correlate": False}


def test_json_with_options(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "convolve", "1,2,3", "0,1,2", "--correlate", "--start", "4",
                           "--mode", "valid", "--method", "direct", "--format", "json"))
    assert found == {"result": ["8"], "start": 0, "mode": "valid", "method": "direct",
                     "correlate": True}


def test_json_floats_are_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "convolve", "1,2", "1", "--method", "fft", "--format", "json"))
    assert found["result"] == [1.0, 2.0]


def test_csv_markdown_latex(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("convolve", "1/2,1", "7,-1")
    assert run(capsys, *args, "--format", "csv") == "7/2,13/2,-1"
    assert run(capsys, *args, "--format", "markdown", "--start", "1,0").splitlines() == [
        "| index | value |", "|---:|---:|", "| 1 | 7/2 |", "| 2 | 13/2 |", "| 3 | -1 |"]
    assert run(capsys, *args, "--format", "latex").splitlines() == [
        r"\begin{array}{r|rrr}",
        r"n & 0 & 1 & 2 \\ \hline",
        r"(a * b)[n] & \frac{7}{2} & \frac{13}{2} & -1",
        r"\end{array}",
    ]
    latex = run(capsys, "convolve", "1,2", "-1/3", "--format", "latex", "--correlate")
    assert r"(a \star b)[n] & -\frac{1}{3} & -\frac{2}{3}" in latex


def test_two_dimensional_csv(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    (tmp_path / "m.csv").write_text("1,2\n3,4\n\n")
    np.save(tmp_path / "k.npy", np.array([[1, 1]]))
    m, k = str(tmp_path / "m.csv"), str(tmp_path / "k.npy")
    assert run(capsys, "convolve", m, k) == "1, 3, 2\n3, 7, 4"
    assert run(capsys, "convolve", m, k, "--format", "csv") == "1,3,2\n3,7,4"
    assert json.loads(run(capsys, "convolve", m, k, "--format", "json"))["result"] == [
        ["1", "3", "2"], ["3", "7", "4"]]
    assert run(capsys, "convolve", m, k, "--format", "markdown").splitlines() == [
        "| | 0 | 1 | 2 |", "|---:|---:|---:|---:|", "| 0 | 1 | 3 | 2 |", "| 1 | 3 | 7 | 4 |"]
    assert run(capsys, "convolve", m, k, "--format", "latex").splitlines() == [
        r"\left[\begin{array}{rrr}", r"1 & 3 & 2 \\", "3 & 7 & 4", r"\end{array}\right]"]


# -- files ---------------------------------------------------------------------------------------
def test_txt_csv_npy_files(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    (tmp_path / "a.txt").write_text("1 2\n3,\t1/2\n")
    (tmp_path / "row.csv").write_text("1,1\n")
    (tmp_path / "column.csv").write_text('"1"\n0.5\n')
    (tmp_path / "plain").write_text("2")
    np.save(tmp_path / "ints.npy", np.array([1, 2, 3]))
    np.save(tmp_path / "floats.npy", np.array([0.5, 1.5]))
    path = {name: str(tmp_path / name) for name in
            ("a.txt", "row.csv", "column.csv", "plain", "ints.npy", "floats.npy")}
    assert run(capsys, "convolve", path["a.txt"], path["row.csv"]) == "1, 3, 5, 7/2, 1/2"
    assert run(capsys, "convolve", path["column.csv"], path["plain"]) == "2, 1"
    assert run(capsys, "convolve", path["ints.npy"], "1,1") == "1, 3, 5, 3"
    assert run(capsys, "convolve", path["floats.npy"], "1,1") == "0.5, 2.0, 1.5"
    assert run(capsys, "convolve", path["floats.npy"], "2", "--start", "3,0") == "start 3: 1.0, 3.0"


def test_file_errors(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    (tmp_path / "bad.txt").write_text("1 2\n3 foo\n")
    (tmp_path / "ragged.csv").write_text("1,2\n3\n")
    (tmp_path / "gap.csv").write_text("1,2\n,3\n")
    (tmp_path / "empty.txt").write_text(" \n")
    (tmp_path / "junk.npy").write_bytes(b"not an array")
    np.save(tmp_path / "objects.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
    np.save(tmp_path / "nothing.npy", np.array([]))
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00")

    def error(name: str) -> str:
        return fail(capsys, "convolve", str(tmp_path / name), "1")

    assert error("bad.txt") == (f"could not read 'foo' at line 2, column 3 of {tmp_path}/bad.txt: "
                                "expected a number like 3, -2, 1/3 or 0.25")
    assert error("ragged.csv") == (f"row 2 of {tmp_path}/ragged.csv has 1 value(s) and row 1 "
                                   "has 2; every row needs the same number")
    assert error("gap.csv") == (f"empty entry at line 2, column 1 of {tmp_path}/gap.csv: "
                                "remove the extra comma")
    assert error("empty.txt") == f"A is empty ({tmp_path}/empty.txt); give numbers such as 1,2,3"
    assert error("missing.txt") == (
        f"could not read {tmp_path}/missing.txt: No such file or directory")
    assert error("junk.npy").startswith(f"could not read {tmp_path}/junk.npy as a .npy array")
    assert "Object arrays cannot be loaded" in error("objects.npy")
    assert error("nothing.npy") == f"A is empty ({tmp_path}/nothing.npy)"
    assert error("binary.txt") == f"{tmp_path}/binary.txt is not a text file"


# -- errors --------------------------------------------------------------------------------------
def test_bad_token_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert fail(capsys, "convolve", "1,2,abc", "1") == (
        "could not read 'abc' at position 4 of '1,2,abc': "
        "expected a number like 3, -2, 1/3 or 0.25")
    assert "could not read '2**70' at position 0" in fail(capsys, "convolve", "2**70,1", "1")
    assert "could not read '1/0'" in fail(capsys, "convolve", "1", "1/0")
    assert "could not read 'nan'" in fail(capsys, "convolve", "1", "nan")
    assert fail(capsys, "convolve", "1,,2", "1") == (
        "empty entry at position 2 of '1,,2': remove the extra comma")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["convolve", "", "1"], "A is empty; give numbers such as 1,2,3"),
        (["convolve", "1", " , "], "empty entry at position 1 of ' , ': remove the extra comma"),
        (["convolve", "1", "  "], "B is empty; give numbers such as 1,2,3"),
        (["convolve", "1,2", "1", "--mode", "bogus"],
         "mode must be one of 'full', 'same', 'valid', 'circular'; received 'bogus'"),
        (["convolve", "1,2", "1", "--method", "bogus"],
         "method must be one of 'auto', 'direct', 'kronecker', 'kronecker-python', "
         "'split-fft', 'flint', 'fft', 'overlap-add', 'scipy-fft', 'pyfftw', 'cupy', 'mpmath'; "
         "received 'bogus'"),
        (["convolve", "1,2", "1", "--start", "1/2"],
         "could not read '1/2' at position 0 of --start '1/2': expected an integer like 4 or -1"),
        (["convolve", "1,2", "1", "--start", "1,2,3"],
         "--start takes one integer (both inputs) or two (A,B); received '1,2,3'"),
        (["explain", "1,2", "1", "--at", "1,x"],
         "could not read 'x' at position 2 of --at '1,x': expected an integer like 4 or -1"),
    ],
)
def test_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    assert fail(capsys, *argv) == message


def test_long_inputs(capsys: pytest.CaptureFixture[str]) -> None:
    numbers = ",".join(["1"] * 5000)
    assert run(capsys, "convolve", numbers, "1", "--format", "csv") == numbers
    assert fail(capsys, "convolve", numbers + ",x," + numbers, "1") == (
        "could not read 'x' at position 10000 of '...1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,x,1,1,1,1,1,1,"
        "1,1,1,1,1,1,1,1,...': expected a number like 3, -2, 1/3 or 0.25")


def test_library_errors_pass_through(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    np.save(tmp_path / "floats.npy", np.array([0.5]))
    message = fail(capsys, "convolve", str(tmp_path / "floats.npy"), "1", "--method", "kronecker")
    assert message.startswith("method 'kronecker' is exact")
    (tmp_path / "m.csv").write_text("1,2\n3,4\n")
    assert "dimension" in fail(capsys, "convolve", str(tmp_path / "m.csv"), "1,2")
    assert "1-D" in fail(capsys, "explain", str(tmp_path / "m.csv"), "1", "--at", "0")


def test_method_flint(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["convolve", "1/2,2", "3,4", "--method", "flint"]
    if "flint" in discreteconv.available_methods():
        assert run(capsys, *argv) == "3/2, 8, 8"
    else:
        assert "pip install python-flint" in fail(capsys, *argv)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["convolve", "1"], ["explain", "1", "2"], ["convolve", "1", "2", "--format",
                                                                 "xml"], ["frobnicate"]):
        assert main(argv) == 2
        out, err = capsys.readouterr()
        assert out == "" and "usage: discreteconv" in err and "Traceback" not in err


# -- explain -------------------------------------------------------------------------------------
def test_explain_social_media(capsys: pytest.CaptureFixture[str]) -> None:
    text = run(capsys, "explain", *SOCIAL, "--at", "1,4", "--at", "6", "--at", "8,9")
    finals = [line for line in text.splitlines() if line.startswith("(f*g)[") and "Σ" not in line]
    assert finals == [
        "(f*g)[1] = 3·4 + 0·5 = 12",
        "(f*g)[4] = 3·1 + 0·2 + 5·3 + 0·4 + 2·5 = 28",
        "(f*g)[6] = 5·1 + 0·2 + 2·3 + 1·4 = 15",
        "(f*g)[8] = 2·1 + 1·2 = 4",
        "(f*g)[9] = 1·1 = 1",
    ]
    assert text.split("\n\n(f*g)[4]")[0] == str(discreteconv.explain(*[[3, 0, 5, 0, 2, 1],
                                                                         [5, 4, 3, 2, 1]], 1))


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "explain", *SOCIAL, "--at", "9", "--format", "json"))
    assert found == {"n": 9, "value": "1", "correlate": False, "start": [0, 0], "terms": [
        {"k": 5, "f_index": 5, "f_value": "1", "g_index": 4, "g_value": "1", "product": "1"}]}
    several = json.loads(run(capsys, "explain", *SOCIAL, "--at", "1,4,6,8,9", "--format", "json"))
    assert [(item["n"], item["value"]) for item in several] == [
        (1, "12"), (4, "28"), (6, "15"), (8, "4"), (9, "1")]


def test_explain_exact_start_and_correlate(capsys: pytest.CaptureFixture[str]) -> None:
    found = json.loads(run(capsys, "explain", "1/2,1", "1/3,2", "--at", "2", "--start", "2,-1",
                           "--format", "json"))
    assert found == {"n": 2, "value": "4/3", "correlate": False, "start": [2, -1], "terms": [
        {"k": 2, "f_index": 2, "f_value": "1/2", "g_index": 0, "g_value": "2", "product": "1"},
        {"k": 3, "f_index": 3, "f_value": "1", "g_index": -1, "g_value": "1/3",
         "product": "1/3"}]}
    text = run(capsys, "explain", "1,2,3", "0,1,2", "--at", "0", "--correlate")
    assert text.splitlines()[-1] == "(f⋆g)[0] = 1·0 + 2·1 + 3·2 = 8"
    assert "do not overlap" in run(capsys, "explain", "-1,2", "3", "--at", "-1")


def test_explain_markdown_and_latex(capsys: pytest.CaptureFixture[str]) -> None:
    work = discreteconv.explain([3, 0, 5, 0, 2, 1], [5, 4, 3, 2, 1], 4)
    assert run(capsys, "explain", *SOCIAL, "--at", "4", "--format", "markdown") == (
        work.to_markdown())
    assert run(capsys, "explain", *SOCIAL, "--at", "4", "--format", "latex") == work.to_latex()


# -- parsing numbers -----------------------------------------------------------------------------
def test_parse_numbers_is_exact() -> None:
    values = parse_numbers("3, -2, 1/3, 0.25, 4/2, -0.5e1, +7")
    assert values == [3, -2, Fraction(1, 3), Fraction(1, 4), 2, -5, 7]
    assert [type(v) for v in values] == [int, int, Fraction, Fraction, int, int, int]
    with pytest.raises(discreteconv.NotationError) as caught:
        parse_numbers("1,2,abc")
    assert (caught.value.text, caught.value.position) == ("1,2,abc", 4)
    with pytest.raises(discreteconv.EmptyInputError):
        parse_numbers("")


# -- help and the entry point --------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--help"], ["convolve", "--help"], ["explain", "-h"]])
def test_help(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Examples:" in out and "usage: discreteconv" in out
    if argv[0] == "--help":
        assert "convolve" in out and "explain" in out
    if argv[0] == "convolve":
        assert "auto, direct, kronecker" in out
    if argv[0] == "explain":
        assert "discreteconv explain 3,0,5,0,2,1 5,4,3,2,1 --at 4" in out


def test_help_examples_run(capsys: pytest.CaptureFixture[str]) -> None:
    """Every example in the help that needs no file runs, and gives the output it shows."""
    for command in ("convolve", "explain"):
        main([command, "--help"])
        lines = capsys.readouterr().out.split("Examples:")[1].splitlines()
        for line in (line.strip() for line in lines):
            if not line.startswith("discreteconv ") or ".csv" in line:
                continue
            argv, _, shown = line.partition(" # ")
            output = run(capsys, *argv.split()[1:])
            shown = shown.strip()
            if shown.startswith("... "):
                assert output.endswith(shown[4:]), line
            elif shown:
                assert output == shown, line


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"discreteconv {discreteconv.__version__}\n"


def _subprocess(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "discreteconv", *argv], capture_output=True,
                          text=True, timeout=120, check=False)


def test_entry_point_convolve() -> None:
    done = _subprocess("convolve", "1/2,1", "1/3,2")
    assert (done.returncode, done.stdout, done.stderr) == (0, "1/6, 4/3, 2\n", "")


def test_entry_point_explain() -> None:
    done = _subprocess("explain", *SOCIAL, "--at", "4", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["value"] == "28"


def test_entry_point_error() -> None:
    done = _subprocess("convolve", "1,2,abc", "1")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == ("discreteconv: error: could not read 'abc' at position 4 of "
                           "'1,2,abc': expected a number like 3, -2, 1/3 or 0.25\n")


def test_cli_imports_neither_sympy_nor_matplotlib() -> None:
    code = ("import sys; import discreteconv; before = set(sys.modules); import discreteconv.cli; "
            "print(sorted(m for m in set(sys.modules) - before "
            "if m.split('.')[0] in ('sympy', 'matplotlib')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout == "[]\n"
