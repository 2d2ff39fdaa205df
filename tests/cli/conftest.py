"""Fixtures for the CLI tests."""
import pytest


@pytest.fixture
def one_error_line(capsys):
    """one_error_line(*words): stderr was one `reluplay: error:` line holding every word; returns stdout."""

    def check(*words):
        captured = capsys.readouterr()
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reluplay: error: "), captured.err
        for word in words:
            assert word in lines[0]
        return captured.out

    return check
