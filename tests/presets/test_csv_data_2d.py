"""CSV for two inputs: columns x1,x2,y named by a header, exact round trips, class labels checked by line."""
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reluplay.core import MAX_ABS_DATA_VALUE
from reluplay.presets import PresetError, csv_points_text, parse_csv_points, read_csv_points, write_csv_points

finite = st.floats(min_value=-MAX_ABS_DATA_VALUE, max_value=MAX_ABS_DATA_VALUE)


def error(text, n_inputs=2, classes=0) -> PresetError:
    with pytest.raises(PresetError) as info:
        parse_csv_points(text, "p.csv", n_inputs, classes)
    return info.value


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=40))
def test_write_then_read_gives_the_same_floats(tmp_path, rows):
    x = np.array([[a, b] for a, b, _ in rows])
    y = np.array([c for _, _, c in rows])
    path = write_csv_points(tmp_path / "plane.csv", x, y)
    assert path.read_text().startswith("x1,x2,y\n")
    rx, ry = read_csv_points(path, n_inputs=2)
    assert rx.shape == (len(rows), 2)
    assert rx.tobytes() == x.tobytes() and ry.tobytes() == y.tobytes()  # bit for bit, -0.0 included


def test_the_written_file_is_plain_csv():
    assert csv_points_text([[0.5, -1.0], [2.0, 3.0]], [1, 0]) == "x1,x2,y\n0.5,-1.0,1.0\n2.0,3.0,0.0\n"
    assert csv_points_text(np.zeros((0, 2)), []) == "x1,x2,y\n"


@pytest.mark.parametrize("text", [
    "x1,x2,y\n1,2,3\n4,5,6\n",
    "X1 ; X2 ; Y\n1;2;3\n4;5;6\n",
    "y,x2,x1\n3,2,1\n6,5,4\n",  # columns in any order, by name
    "# from a spreadsheet\nx1\tx2\ty\n1\t2\t3\n\n4\t5\t6 # last\n",
])
def test_layouts_that_read_the_same(text):
    x, y = parse_csv_points(text, "p.csv", n_inputs=2)
    assert x.tolist() == [[1.0, 2.0], [4.0, 5.0]] and y.tolist() == [3.0, 6.0]


@pytest.mark.parametrize("text, line, words", [
    ("1,2,3\n", 1, "expected the header x1,x2,y first"),
    ("x,y\n1,2\n", 1, "expected the header x1,x2,y (columns in any order), got 'x,y'"),
    ("x1,x2,z\n1,2,3\n", 1, "got 'x1,x2,z'"),
    ("x1,x2,y\n1,2\n", 2, "expected three numbers x1,x2,y separated by a comma, got '1,2'"),
    ("x1,x2,y\n1,2,3,4\n", 2, "got '1,2,3,4'"),
    ("x1,x2,y\n1,2,3\n1,b,3\n", 3, "(x2 is not a number)"),
    ("x1,x2,y\n1,inf,3\n", 2, "x2 must be a finite number, got 'inf'"),
])
def test_bad_rows_are_named_by_line(text, line, words):
    err = error(text)
    assert err.field == f"line {line}" and words in err.message, err.message
    assert str(err).startswith(f"p.csv: line {line}: ") and "\n" not in str(err)


def test_class_labels_must_be_whole_numbers_the_output_can_produce():
    x, y = parse_csv_points("x1,x2,y\n0,0,0\n1,1,2\n", "p.csv", 2, classes=3)
    assert y.tolist() == [0.0, 2.0]
    for bad, shown in (("3", "'3'"), ("0.5", "'0.5'"), ("-1", "'-1'")):
        err = error(f"x1,x2,y\n0,0,1\n1,1,{bad}\n", classes=3)
        assert err.field == "line 3"
        assert err.message == f"y must be a class label, a whole number from 0 to 2 (3 classes), got {shown}"


def test_a_two_input_file_read_as_one_input_data_says_what_it_is():
    err = error("x1,x2,y\n1,2,3\n", n_inputs=1)
    assert err.field == "line 2"
    assert "(three columns x1,x2,y are data for a lesson with two inputs)" in err.message


def test_one_input_data_is_as_before():
    x, y = parse_csv_points("x,y\n1,2\n", "d.csv")
    assert x.shape == (1,) and x.tolist() == [1.0] and y.tolist() == [2.0]
