"""--size WxH: one clear error line for a bad size, and only with --screenshot."""
import pytest

from reluplay.cli.main import main


@pytest.mark.parametrize("size", ["12x", "1280", "0x720", "1280x99999", "wide"])
def test_a_bad_size_is_one_error_line(capsys, tmp_path, size):
    assert main(["--screenshot", str(tmp_path / "s.png"), "--size", size]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("reluplay: error: argument --size:"), lines
    assert not (tmp_path / "s.png").exists()


def test_size_without_screenshot_says_so(capsys):
    assert main(["--size", "1280x720"]) == 2
    assert "--size" in capsys.readouterr().err
