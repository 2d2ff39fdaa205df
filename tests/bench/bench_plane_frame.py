"""The plane views' own cost per frame, without training: redraw (sample the network on the grids, colour the
images, feed the items) and paint, on the GUI thread's CPU clock. Steadier on a loaded machine than
bench_ui.py --inputs 2, where the worker thread competes for the GIL and the cores.

Run as a plain script (pytest does not collect it):

    python tests/bench/bench_plane_frame.py [--frames 40] [--repeats 5]

The window is bench_ui.py's (the spiral lesson's 2-8-8-1 network, all 500 points, 1600 x 1000); each frame
nudges the weights, redraws the plane views and paints them (``grab``: the paint of the widget, offscreen).
Prints each repeat's CPU ms per frame and their median.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_ui import spiral_preset  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    from reluplay.ui.application import make_application
    from reluplay.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(spiral_preset())
    window.ask_to_save_on_close = False
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    plane, net = window.plane, window.session.network
    params = net.params.copy()
    rng = np.random.default_rng(0)

    def frame(i: int) -> None:
        net.params[:] = params + 0.01 * np.sin(i) * rng.standard_normal(params.shape)
        plane.redraw_now()
        plane.grab()

    for i in range(10):  # warm-up: buffers, symbol atlases
        frame(i)
    per_frame = []
    for _ in range(args.repeats):
        start = time.thread_time()
        for i in range(args.frames):
            frame(i)
        per_frame.append((time.thread_time() - start) / args.frames * 1000.0)
    print("plane frame CPU ms:", " ".join(f"{ms:.2f}" for ms in per_frame), f"median {np.median(per_frame):.2f}")
    window.close()


if __name__ == "__main__":
    main()
