"""reluplay: a desktop playground that teaches how networks of ReLU units build functions."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reluplay")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
