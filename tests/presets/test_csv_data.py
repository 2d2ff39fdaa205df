"""CSV data import/export: exact round-trips, forgiving layout, every bad row named by its line."""
import math
import os
import re
import stat

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reluplay.core import MAX_ABS_DATA_VALUE, MAX_DATA_POINTS
from reluplay.presets import (
    MAX_CSV_BYTES,
    PresetError,
    csv_points_text,
    parse_csv_points,
    read_csv_points,
    write_csv_points,
)

# Data values are limited to ±MAX_ABS_DATA_VALUE (see test_data_value_limit.py for the refusal).
finite = st.floats(min_value=-MAX_ABS_DATA_VALUE, max_value=MAX_ABS_DATA_VALUE)
FUZZ_CASES = {"bytes": 0, "text": 0, "rows": 0, "rows_rejected": 0}


def points(text):
    x, y = parse_csv_points(text, "d.csv")
    return x.tolist(), y.tolist()


def error(raw, source="d.csv") -> PresetError:
    with pytest.raises(PresetError) as info:
        parse_csv_points(raw, source)
    return info.value


# --- round trip ------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(xy=st.lists(st.tuples(finite, finite), min_size=1, max_size=40), header=st.booleans())
def test_write_then_read_gives_the_same_floats(tmp_path, xy, header):
    x = np.array([a for a, _ in xy])
    y = np.array([b for _, b in xy])
    path = tmp_path / "data.csv"
    write_csv_points(path, x, y, header=header)
    rx, ry = read_csv_points(path)
    # bit for bit, including -0.0 and subnormals
    assert rx.tobytes() == x.tobytes() and ry.tobytes() == y.tobytes()


def test_written_file_is_plain_csv(tmp_path):
    path = write_csv_points(tmp_path / "d.csv", [0.1, -0.0, 1e-300], [2, 3.5, 1e300])
    assert path.read_text() == "x,y\n0.1,2.0\n-0.0,3.5\n1e-300,1e+300\n"
    assert csv_points_text([1], [2], header=False) == "1.0,2.0\n"
    assert csv_points_text([], []) == "x,y\n"


# --- layout ----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "1,2\n3,4\n",
        "x,y\n1,2\n3,4",
        "dose ; effect\n1;2\n3;4\n",
        "x\ty\n1\t2\n3\t4\n",
        "\ufeffx,y\r\n1,2\r\n3,4\r\n",
        "# measured on Monday\n\n  x , y  \n\n1 , 2 # first\n   \n3,4\n# end\n",
        "1;2\n3;4",
        "1\t2\r3\t4\r",
        "+1,2e0\n3.0,.4e1\n",
    ],
)
def test_layouts_that_read_the_same(text):
    assert points(text) == ([1.0, 3.0], [2.0, 4.0])


def test_decimal_comma_with_semicolon_or_tab():
    assert points("x;y\n1,5;-2,25\n") == ([1.5], [-2.25])
    assert points("1,5\t2\n") == ([1.5], [2.0])


def test_bytes_with_a_byte_order_mark():
    assert parse_csv_points(b"\xef\xbb\xbfx,y\n1,2\n")[0].tolist() == [1.0]


# --- errors, each with its line number -------------------------------------------------------

@pytest.mark.parametrize(
    "text, line, words",
    [
        ("x,y\n1,2\n3,abc\n", 3, "expected two numbers x,y, got '3,abc' (y is not a number)"),
        ("1,2\n\n# note\n\n\n\nabc\n", 7, "expected two numbers x,y separated by a comma, got 'abc'"),
        ("1,2\n3,4,5\n", 2, "separated by a comma, got '3,4,5'"),
        ("1,2\n3;4\n", 2, "separated by a comma, got '3;4'"),
        ("1;2\n3,4\n", 2, "separated by a semicolon"),
        ("1,2\n3,\n", 2, "(y is not a number)"),
        ("x,y\n1,nan\n", 2, "y must be a finite number, got 'nan'"),
        ("x,y\n-inf,1\n", 2, "x must be a finite number, got '-inf'"),
        ("x,y\n1e400,1\n", 2, "x must be a finite number, got '1e400'"),
        ("x,1\n2,3\n", 1, "(x is not a number)"),
        ("1,2\nx,y\n", 2, "(x is not a number)"),  # a header only as the first row
        ("5\n", 1, "expected two numbers x,y separated by a comma, got '5'"),
        ("1,2\r\n3,4\r\nfoo,bar\r\n", 3, "(x is not a number)"),
    ],
)
def test_bad_rows_are_named_by_line(text, line, words):
    err = error(text)
    assert err.source == "d.csv" and err.field == f"line {line}"
    assert words in err.message
    assert str(err).startswith(f"d.csv: line {line}: ")


def test_long_bad_rows_are_cut_short_in_the_message():
    err = error("1,2\n" + "z" * 500 + ",1\n")
    assert err.field == "line 2" and len(str(err)) < 150 and "..." in err.message


def test_non_utf8_names_the_line():
    err = error(b"x,y\n1,2\n3,4\n\xff\xfe,5\n")
    assert err.field == "line 4" and "not UTF-8" in err.message and "0xff" in err.message


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "x,y\n", "x,y\n# nothing\n"])
def test_no_points_is_an_error(text):
    err = error(text)
    assert "no data points" in err.message and err.field == ""


def test_point_limit():
    ok = "".join(f"{i},{i}\n" for i in range(MAX_DATA_POINTS))
    assert parse_csv_points(ok)[0].size == MAX_DATA_POINTS
    err = error("x,y\n" + ok + "1,1\n")
    assert err.field == f"line {MAX_DATA_POINTS + 2}" and str(MAX_DATA_POINTS) in err.message


def test_size_limit(tmp_path):
    big = b"1,1\n" * (MAX_CSV_BYTES // 4 + 1)
    assert "MB limit" in error(big).message
    path = tmp_path / "big.csv"
    path.write_bytes(big)
    with pytest.raises(PresetError, match="MB limit"):
        read_csv_points(path)


def test_file_errors_name_the_file(tmp_path):
    with pytest.raises(PresetError, match="no such file") as info:
        read_csv_points(tmp_path / "missing.csv")
    assert info.value.source == str(tmp_path / "missing.csv")
    with pytest.raises(PresetError, match="is a folder"):
        read_csv_points(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n\n4,four\n")
    with pytest.raises(PresetError) as info:
        read_csv_points(bad)
    assert str(info.value) == f"{bad}: line 4: expected two numbers x,y, got '4,four' (y is not a number)"
    with pytest.raises(TypeError):
        parse_csv_points(12)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(PresetError, match="not a regular file"):
        read_csv_points(fifo)


# --- writing ---------------------------------------------------------------------------------

def test_write_refuses_bad_points_and_keeps_the_old_file(tmp_path):
    path = tmp_path / "d.csv"
    write_csv_points(path, [1, 2], [3, 4])
    before = path.read_bytes()
    for x, y, words in [
        ([1, math.nan], [3, 4], "point 2 is not finite"),
        ([1, 2], [3], "same number"),
        (np.zeros(MAX_DATA_POINTS + 1), np.zeros(MAX_DATA_POINTS + 1), "limit"),
    ]:
        with pytest.raises(PresetError, match=words) as info:
            write_csv_points(path, x, y)
        assert info.value.source == str(path)
    with pytest.raises(PresetError, match="is a folder"):
        write_csv_points(tmp_path, [1], [2])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]  # no temporary files left


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_write_into_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "d.csv"
    write_csv_points(path, [1], [2])
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PresetError, match="could not save") as info:
            write_csv_points(path, [5], [6])
        assert info.value.source == str(path)
    finally:
        folder.chmod(stat.S_IRWXU)
    assert read_csv_points(path)[0].tolist() == [1.0]


def test_write_on_a_full_disk_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "d.csv"
    write_csv_points(path, [1], [2])

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PresetError, match="No space left"):
        write_csv_points(path, [5], [6])
    monkeypatch.undo()
    assert read_csv_points(path)[0].tolist() == [1.0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv"]


def test_write_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    write_csv_points(real, [1], [2])
    link.symlink_to(real)
    write_csv_points(link, [7], [8])
    assert link.is_symlink() and read_csv_points(real)[0].tolist() == [7.0]


# --- fuzz: a valid result or PresetError, nothing else ---------------------------------------

def _valid(result):
    x, y = result
    assert x.dtype == y.dtype == np.float64 and x.shape == y.shape
    assert 1 <= x.size <= MAX_DATA_POINTS
    assert np.isfinite(x).all() and np.isfinite(y).all()


@settings(max_examples=400, deadline=None)
@given(raw=st.binary(max_size=300))
def test_fuzz_random_bytes(raw):
    FUZZ_CASES["bytes"] += 1
    try:
        _valid(parse_csv_points(raw, "fuzz.csv"))
    except PresetError as exc:
        assert exc.source == "fuzz.csv" and str(exc).startswith("fuzz.csv: ")


@settings(max_examples=600, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789.,;\t\n\r#-+eE xyinfa_\ufeff\u00e9")), max_size=120))
def test_fuzz_csv_like_text(text):
    FUZZ_CASES["text"] += 1
    try:
        result = parse_csv_points(text, "fuzz.csv")
    except PresetError as exc:
        assert exc.field == "" or exc.field.startswith("line ")
        return
    _valid(result)
    # whatever was read writes and reads back the same
    again = parse_csv_points(csv_points_text(*result))
    assert again[0].tobytes() == result[0].tobytes() and again[1].tobytes() == result[1].tobytes()


def _float(text):
    try:
        return float(text)
    except ValueError:
        return None


JUNK = st.sampled_from(["", "abc", "nan", "inf", "1e999", "1,2", "--1", "0x10", "1 2"])
ROW = st.one_of(
    st.tuples(finite, finite).map(lambda p: ("ok", p)),
    st.tuples(st.one_of(finite.map(repr), JUNK), st.one_of(finite.map(repr), JUNK)).map(lambda p: ("raw", p)),
    st.sampled_from(["", "   ", "# comment, 1;2"]).map(lambda c: ("skip", c)),
)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(ROW, max_size=12), sep=st.sampled_from([",", ";", "\t"]), header=st.booleans(),
       newline=st.sampled_from(["\n", "\r\n"]))
def test_fuzz_rows_against_a_model(rows, sep, header, newline):
    """Rows of numbers and junk: either exactly the numbers, or an error at the first bad line."""
    FUZZ_CASES["rows"] += 1
    lines, want, first_bad = (["x" + sep + "y"] if header else []), [], None
    header_possible = not header
    for kind, value in rows:
        if kind == "skip":
            lines.append(value)
            continue
        a, b = (repr(value[0]), repr(value[1])) if kind == "ok" else value
        lines.append(f"{a}{sep}{b}")
        if not lines[-1].strip():  # the documented rule: a line of only white space is blank
            continue
        if header_possible:  # the documented rule: a first row without any number is a header
            header_possible = False
            if all(_float(f) is None for f in re.split(r"[\t;,]", lines[-1])):
                continue
        try:
            pair = (float(a), float(b))
            good = (all(math.isfinite(v) and abs(v) <= MAX_ABS_DATA_VALUE for v in pair)
                    and a and b and sep not in a + b)
        except ValueError:
            good = False
        if sep != "," and ("," in a or "," in b):
            good = None  # decimal commas: accepted or not, only the outcome's shape is checked
        if good:
            want.append(pair)
        elif first_bad is None:
            first_bad = len(lines) if good is False else -1
    try:
        x, y = parse_csv_points(newline.join(lines), "m.csv")
    except PresetError as exc:
        FUZZ_CASES["rows_rejected"] += 1
        if first_bad not in (None, -1) and exc.field:
            assert int(exc.field.split()[1]) <= first_bad
        assert first_bad is not None or not want
        return
    assert first_bad in (None, -1)
    if first_bad is None:
        assert list(zip(x.tolist(), y.tolist())) == want


def test_fuzz_case_count_report():
    # runs after the fuzz tests in file order: a visible record (pytest -s) of how many cases ran
    print(f"\nCSV fuzz cases run: {FUZZ_CASES}")
