"""The CLI in bounded memory: eval in chunks, gradcheck on a random sample of the parameters."""
import json

import numpy as np
import pytest

import reluplay.cli.evaluate as evaluate
from reluplay.cli.main import main
from reluplay.core import Network
from reluplay.presets import Preset, load_preset, save_preset
from reluplay.teach.unit_names import unit_name


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def unchunked_json(network, x) -> str:
    """What `eval --json` printed before chunking: one forward pass over every x, json.dumps."""
    run_ = network.forward(x)
    hidden = [[list(map(float, unit)) for unit in layer] for layer in run_.post[:-1]]
    data = {"x": [float(v) for v in x], "y": [float(v) for v in run_.output], "units": hidden[0],
            "unit_names": [unit_name(i) for i in range(len(hidden[0]))]}
    if len(hidden) > 1:
        data["layers"] = hidden
    return json.dumps(data, allow_nan=False) + "\n"


@pytest.fixture
def two_layer_file(tmp_path):
    path = tmp_path / "two.json"
    save_preset(Preset(network=Network.initialized([6, 5], "relu", seed=4), name="Two layers"), path)
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Chunks of a few hundred points and a temporary file for the regrouped values, as at the
    largest sizes, but on a network small enough for a test."""
    monkeypatch.setattr(evaluate, "CHUNK_BYTES", 4 * 8 * 12 * 300)  # 300 points of the 1-6-5-1 network
    monkeypatch.setattr(evaluate, "IN_MEMORY_BYTES", 1024)


def test_eval_of_100000_points_gives_the_numbers_of_one_unchunked_pass(two_layer_file, small_chunks, capsys):
    x = np.linspace(-3.0, 3.0, 100_000)
    code, out, _ = run(capsys, "eval", str(two_layer_file), "--json", "--x", *map(repr, x.tolist()))
    assert code == 0
    network = load_preset(str(two_layer_file)).network
    assert out == unchunked_json(network, x)


def test_eval_runs_the_network_on_chunks_not_on_every_x_at_once(two_layer_file, small_chunks, capsys, monkeypatch):
    sizes = []
    forward = Network.forward
    monkeypatch.setattr(Network, "forward", lambda self, x: sizes.append(np.size(x)) or forward(self, x))
    xs = [str(v) for v in np.linspace(-1, 1, 2_000)]
    assert run(capsys, "eval", str(two_layer_file), "--json", "--x", *xs)[0] == 0
    assert run(capsys, "eval", str(two_layer_file), "--x", *xs)[0] == 0
    assert sum(sizes) == 4_000 and max(sizes) <= 300


def test_eval_table_is_the_same_in_chunks(two_layer_file, capsys, monkeypatch):
    xs = [str(v) for v in np.linspace(-1, 1, 1_000)]
    whole = run(capsys, "eval", str(two_layer_file), "--x", *xs)[1]
    monkeypatch.setattr(evaluate, "CHUNK_BYTES", 1000)  # a few points per chunk
    chunked = run(capsys, "eval", str(two_layer_file), "--x", *xs)[1]
    assert chunked == whole and len(whole.splitlines()) == 1_000 + 3


def test_eval_json_shows_overflow_as_null_in_chunks(small_chunks, capsys):
    code, out, _ = run(capsys, "eval", "relu-in-action", "--json", "--x", "1e308", "0")
    data = json.loads(out)
    assert code == 0 and data["y"][0] is None and data["units"][1][0] is None and data["y"][1] == 0.0


# --- gradcheck --parameters ----------------------------------------------------------------------

def test_gradcheck_on_a_random_sample_says_so(capsys):
    code, out, _ = run(capsys, "gradcheck", "universal-approximation", "--parameters", "10", "--seed", "5")
    assert code == 0
    assert "checked 10 of 49 parameters, chosen at random (seed 5)" in out
    again = run(capsys, "gradcheck", "universal-approximation", "--parameters", "10", "--seed", "5")[1]
    assert again == out


def test_gradcheck_sample_in_json_names_its_size_and_seed(capsys):
    code, out, _ = run(capsys, "gradcheck", "universal-approximation", "--parameters", "7", "--json")
    data = json.loads(out)
    assert code == 0 and data["parameters_checked"] == 7 and data["parameters_total"] == 49 and data["seed"] == 0
    assert data["max_relative_error"] < 1e-5


def test_gradcheck_with_more_parameters_than_the_network_has_checks_them_all(capsys):
    code, out, _ = run(capsys, "gradcheck", "universal-approximation", "--parameters", "1000", "--json")
    assert code == 0 and set(json.loads(out)) == {"max_relative_error"}


def test_gradcheck_of_a_large_network_asks_for_a_sample_and_takes_one(tmp_path, capsys, monkeypatch):
    from reluplay.cli import commands

    # The limits keep whole checks affordable (6 x 64 units on 2,000 points); a smaller work cap
    # shows the refusal and the sample without minutes of finite differences.
    monkeypatch.setattr(commands, "MAX_GRADCHECK_WORK", 1_000 * 200 * 4_000)
    x = np.linspace(-1, 1, 200)
    path = tmp_path / "wide.json"
    save_preset(Preset(network=Network.initialized([64, 64], "relu", seed=1), x=x, y=np.sin(3 * x)), path)
    code, out, err = run(capsys, "gradcheck", str(path))  # 4,353 parameters x 2 passes over 200 points each
    assert code == 2 and out == ""
    line = err.strip()
    assert line.startswith("reluplay: error: ") and "--parameters" in line and "4,353" in line
    assert len(err.strip().splitlines()) == 1
    code, out, _ = run(capsys, "gradcheck", str(path), "--parameters", "3")
    assert code == 0 and "checked 3 of 4353 parameters, chosen at random (seed 0)" in out
