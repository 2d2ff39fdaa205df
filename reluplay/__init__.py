"""reluplay: a desktop playground that teaches how networks of ReLU units build functions."""
import os
from importlib.metadata import PackageNotFoundError, version

# One BLAS thread per Python thread: the training worker and the GUI each do their own matrix
# products, and a multi-threaded BLAS called from both at once spins and waits for itself (on the
# loaded 2-core reference machine a 6 x 64 step on 2,000 points took 350 ms instead of ~50 ms and
# the window stalled for seconds). Set before NumPy loads; a user's own setting wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

try:
    __version__ = version("reluplay")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
