"""Regenerates resources/presets/*.json, the built-in lessons, from the seed numbers (run from the repo root)."""
import numpy as np

from reluplay.core import Network, TrainingSettings, make_dataset
from reluplay.presets import SLOW_START, Preset, Teaching, ViewRange, save_preset


def r(a, nd=12):
    return np.array([round(float(v), nd) + 0.0 for v in a])

def net(units, act, out_w, out_b, out_act="identity", slope=0.01):
    w = np.array([[u[0]] for u in units])
    b = np.array([u[1] for u in units])
    return Network([(w, b, act), (np.array([out_w]), np.array([out_b]), out_act)], leaky_slope=slope)

lessons = {}
dx, dy = make_dataset("dosage", 3)
lessons["relu-in-action"] = Preset(
    net([(1.70, -0.85), (12.6, 0.0)], "relu", [-40.8, 2.70], -16.0, "relu"), "ReLU in action",
    "ReLU is max(0, x): it outputs 0 for a negative input and passes a positive input through unchanged. "
    "Here two ReLU units read the dosage: unit A switches on at dosage 0.5 and is scaled by -40.8, unit B is on "
    "everywhere and scaled by 2.70; their sum plus the bias -16 goes through one more ReLU at the output. "
    "Slicing, flipping and stretching two bent lines gives a pointy bump: 0 for a low dose, 1.01 for a medium "
    "dose, 0 for a high dose. The bend has no derivative at exactly 0, so training simply picks one (0, 0.5 or 1): "
    "try them, it rarely matters.",
    dx, dy, TrainingSettings("gd", 0.01), ViewRange((0.0, 1.0), (-0.5, 1.5)))
lessons["softplus-squiggle"] = Preset(
    net([(-34.4, 2.14), (-2.52, 1.29)], "softplus", [-1.30, 2.28], -0.58), "Softplus squiggle",
    "The same dosage data, fitted with softplus, log(1 + e^x): the smooth cousin of ReLU, with a slope "
    "everywhere instead of a sharp bend. The weights flip and stretch two softplus curves, the output adds them "
    "with the bias -0.58 and applies no activation. The result is a smooth squiggle through the three points "
    "(about -0.01, 1.03 and 0.00); compare it with the pointy ReLU bump.",
    dx, dy, TrainingSettings("gd", 0.1), ViewRange((0.0, 1.0), (-0.5, 1.5)))
ax, ay = make_dataset("abs", 17, x_range=(-4.0, 4.0))
lessons["linear-in-disguise"] = Preset(
    net([(1.0, -10.0), (1.0, 10.0), (1.0, 10.0)], "relu", [1.0, 0.5, -0.25], -2.5), "Linear in disguise",
    "Three ReLU units, every weight 1, biases -10, 10 and 10, for inputs from -4 to 4. Unit A is always off: it "
    "is dead, its gradient is always zero and training never moves it. Units B and C are always on, so they pass "
    "x straight through, and with no unit switching inside the range the whole network is exactly a straight "
    "line. Train it on this V-shaped data: it only finds the best straight line, because a ReLU network bends "
    "only where a unit switches on or off.",
    r(ax), r(ay), TrainingSettings("gd", 0.002), ViewRange((-4.5, 4.5), (-1.5, 5.0)))
vx, vy = make_dataset("abs", 21)
dead_start = [(1.0, 0.0), (0.6, 0.3), (-1.0, -1.5)]
lessons["dead-unit"] = Preset(
    net(dead_start, "relu", [1.0, 0.5, 1.0], 0.0), "Dead unit",
    "A unit is dead when w·x + b is negative for every data point: it outputs 0 everywhere, its gradient is 0, "
    "and training can never bring it back. Here unit C (w = -1, b = -1.5) would switch on only left of x = -1.5, "
    "where there is no data, so nothing builds the left arm of the V. Train it: units A and B move, unit C stays "
    "exactly where it is, and the loss gets stuck.",
    r(vx), r(vy), TrainingSettings("adam", 0.02), ViewRange((-2.0, 2.0), (-0.5, 2.5)))
lessons["leaky-vs-relu"] = Preset(
    net(dead_start, "leaky_relu", [1.0, 0.5, 1.0], 0.0), "Leaky vs ReLU",
    "The same start as the dead-unit lesson, with Leaky ReLU instead: for a negative input it outputs 0.01 times "
    "the input instead of 0, so a unit that is off still has a small slope and a small gradient. Train it and "
    "unit C wakes up, moves its kink into the data and builds the left arm of the V. Leaky ReLU is almost as "
    "cheap as ReLU and is the usual next thing to try when units die.",
    r(vx), r(vy), TrainingSettings("adam", 0.02), ViewRange((-2.0, 2.0), (-0.5, 2.5)))
sx, sy = make_dataset("sine", 40)
lessons["universal-approximation"] = Preset(
    Network.initialized([16], "relu", "identity", seed=1), "Universal approximation",
    "Sixteen ReLU units start from a seeded random guess. Each unit is a bent line with its own kink, and a sum "
    "of enough shifted, scaled bent lines can follow any continuous curve as closely as you like: every kink is "
    "a place where the sum may change direction. Press Play and watch Adam slide the kinks along until the "
    "linear pieces trace the sine.",
    r(sx), r(sy), TrainingSettings("adam", 0.01, seed=1), ViewRange((-1.2, 1.2), (-1.5, 1.5)))
tx, ty = make_dataset("abs", 5)
lessons["step-by-step"] = Preset(
    net([(0.8, 0.1), (-0.4, 0.2)], "relu", [0.6, 0.5], 0.0), "Step by step",
    "A tiny network, two ReLU units and five points on a V, for stepping through training. Each press of Step "
    "takes one gradient-descent step: the chain rule gives the slope of the loss for every weight, and each "
    "weight moves a little downhill. Watch the kinks slide and the loss drop step by step; it is plain calculus, "
    "repeated.",
    r(tx), r(ty), TrainingSettings("gd", 0.2), ViewRange((-1.5, 1.5), (-0.5, 1.5)))
# A pace the class can watch (training.speed): what each lesson shows happens within its first
# ~15-80 steps, so as fast as possible would be over in a blink. The slow start shows the first big
# moves slowly, then speeds up for the long tail of the fit.
speeds = {
    "relu-in-action": 10,  # already fitted: a few steps show it stays put
    "softplus-squiggle": 20,
    "linear-in-disguise": 20,
    "dead-unit": 10,  # A and B move within ~15 steps, C never does
    "leaky-vs-relu": SLOW_START,  # unit C waking up takes a while
    "universal-approximation": SLOW_START,  # 90% of the fit in ~80 steps, the rest in thousands
    "step-by-step": 2,  # for Step; Play goes one step at a time too
}
for slug, p in lessons.items():
    p.teaching = Teaching(speed=speeds[slug])
    save_preset(p, f"resources/presets/{slug}.json")
    print(slug)
