"""Regenerates the built-in two-input lessons in resources/presets/ (run from the repo root).

Every data set comes from reluplay.core.datasets_2d with a fixed seed (recorded in the file's
``data.dataset``), every starting network is written out here by hand (or seeded), so running
this again gives the same files byte for byte.
"""
import numpy as np

from reluplay.core import Network, TrainingSettings
from reluplay.core.datasets_2d import make_dataset_2d, make_three_gauss, make_train_test_2d, split_train_test_2d
from reluplay.presets import SLOW_START, Preset, Teaching, ViewRange, save_preset
from reluplay.presets.model import DatasetRecord

PLANE = ("x1", "x2")
BOX = (-6.0, 6.0)  # TF Playground's [-6, 6]²
#: The plane's box: x1's range and x2's (written as view.x_range and view.y_range).
VIEW = ViewRange(BOX, BOX, BOX)


def layer(rows, biases, activation):
    return np.array(rows, dtype=float), np.array(biases, dtype=float), activation


def classification(kind, n_points, noise, seed, train_percent=50.0):
    if kind == "three-gauss":
        X, y = make_three_gauss(n_points, noise, seed)
        X, y, Xt, yt = split_train_test_2d(X, y, train_percent, seed)
    else:
        X, y, Xt, yt = make_train_test_2d(kind, noise, train_percent, seed, n_points)
    record = DatasetRecord(kind, float(noise), float(train_percent), n_points, seed)
    return dict(x=X, y=y.astype(float), test_x=Xt, test_y=yt.astype(float), dataset=record)


lessons = {}

# --- Folding the plane: three folds, seven flat pieces, then six -------------------------------
# The points are TF Playground's reg-plane points; the heights are a roof of three folds through
# the origin, y = 0.2·relu(x1) + 0.2·relu(x2) + 0.1·relu(-x1 - x2): six flat pieces, one per
# wedge between the fold lines. The start has the same three units with their folds elsewhere.
X, _ = make_dataset_2d("reg-plane", 300, 0.0, seed=2)
roof = 0.2 * np.maximum(X[:, 0], 0) + 0.2 * np.maximum(X[:, 1], 0) + 0.1 * np.maximum(-X[:, 0] - X[:, 1], 0)
lessons["folding-the-plane"] = Preset(
    Network([layer([[1.0, 0.3], [0.2, 1.0], [-1.0, -1.0]], [1.5, -1.0, 2.0], "relu"),
             layer([[0.1, 0.1, 0.1]], [0.0], "identity")], features=PLANE),
    "Folding the plane",
    "With two inputs a ReLU unit is a fold: it is 0 on one side of the line w1·x1 + w2·x2 + b = 0 and a "
    "tilted plane on the other. Three units make three fold lines, and their weighted sum is flat on every "
    "piece the lines cut the plane into: count the pieces. Press Play and watch the folds swing to where the "
    "roof in the data bends.",
    x=X, y=roof, training=TrainingSettings("adam", 0.02, seed=1),
    view=VIEW,
    teaching=Teaching(
        speed=20,
        notes="Show the region outlines and their count in the status bar before training: three lines in "
              "general position cut the box into at most 7 pieces (1 + 3 + the 3 crossings inside). The data "
              "is a roof of three folds through the origin, 6 pieces; after training the three fold lines pass "
              "(almost) through one point and the count drops to 6. Hover a piece to read its formula: it is a "
              "plane, ŷ = a1·x1 + a2·x2 + c.",
        questions=("How many flat pieces can three straight lines cut the plane into?",
                   "Which unit's fold is this line? What happens to the output when you cross it?",
                   "Why is the output exactly flat inside each piece?",
                   "After training, why are there fewer pieces than at the start?")),
)

# --- Bumps: a regression with TF Playground's six bumps ------------------------------------------
X, y = make_dataset_2d("reg-gauss", 600, 0.0, seed=1)
lessons["bumps"] = Preset(
    Network.initialized([16], "relu", "identity", seed=0, features=PLANE),
    "Bumps",
    "Six bumps on a flat plain, three up and three down (TensorFlow Playground's multi gaussian): the height is "
    "shown in colour. Sixteen ReLU units in one layer make sixteen fold lines, and the output is flat on every "
    "piece they cut the plane into. Press Play and watch the folds gather around the bumps until each bump is "
    "a little pyramid of flat pieces.",
    x=X, y=y, training=TrainingSettings("adam", 0.01, seed=1),
    view=VIEW,
    teaching=Teaching(
        speed=SLOW_START,
        notes="The colour bar is the data's heights, from −1 (a dip) to 1 (a peak); the points are coloured on "
              "the same scale, so a point that matches the surface disappears into it. Each bump in the data is "
              "a cone of radius 2; the network can only build it from flat pieces, so it makes a pyramid. After "
              "3,000 steps the MSE is about 0.015 and there are about 100 regions (`reluplay train bumps --steps "
              "3000 --out b.json`, then `reluplay regions b.json`). Hover a piece to read its plane.",
        questions=("Why can sixteen straight folds not make a round bump?",
                   "Which folds belong to which bump? Click a heatmap to see one unit's fold.",
                   "Where are the smallest pieces, and why there?")),
)

# --- Two gaussians: one fold suffices ------------------------------------------------------------
data = classification("gauss", 400, 0.0, seed=1)
lessons["two-gaussians"] = Preset(
    Network([layer([[1.0, 0.2]], [2.0], "relu"), layer([[0.5]], [0.0], "sigmoid")], features=PLANE),
    "Two gaussians",
    "Two clouds of points, one of each class, with a gap between them. One ReLU unit is enough: its fold is one "
    "straight line, the output is flat on one side and a tilted plane on the other, and the decision boundary "
    "is a straight line beside the fold. Press Play and watch the line turn until it runs between the clouds.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=10,
        notes="One unit, one fold, two regions. On the unit's off side the logit is just the output bias: the "
              "same probability everywhere there. The boundary (p = 0.5) lies on the on side, parallel to the "
              "fold. In 100 steps every training and test point is right (`reluplay train two-gaussians --steps "
              "100 --json`). Data a straight line separates needs no more; XOR comes next and needs more.",
        questions=("How many regions does one fold make?",
                   "Why is the decision boundary parallel to the fold?",
                   "Could a network with no hidden unit at all do this? Why?")),
)

# --- XOR with two units: not enough folds ------------------------------------------------------
data = classification("xor", 400, 0.0, seed=1)
lessons["xor-with-two-units"] = Preset(
    Network.initialized([2], "relu", "sigmoid", seed=2, features=PLANE),
    "XOR with two units",
    "The XOR points (class 1 where x1 and x2 have the same sign) with only two ReLU units. Two fold lines cut "
    "the plane into at most four pieces, and the logit must be one flat plane on each. Press Play: training "
    "gets stuck at about 80 % right; then open XOR, where four units get every point.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=20,
        notes="Show this lesson before XOR. After 1,000 steps: 4 regions, 80.5 % of the training points and "
              "72.5 % of the test points right (`reluplay train xor-with-two-units --steps 1000 --json`); more "
              "steps change nothing. Two folds can only cut off one or two corners or a band: each quarter of "
              "the plane needs its own answer, so two of the four quarters end up half wrong. Then open XOR "
              "(four units, 100 %) and compare the fold lines: there, two folds run along each axis.",
        questions=("How many pieces can two straight folds cut the plane into?",
                   "Which points are wrong, and why can no position of two folds fix them?",
                   "How many units do you expect XOR to need?")),
)

# --- XOR: four folds near the axes ------------------------------------------------------------
data = classification("xor", 400, 0.0, seed=1)
lessons["xor"] = Preset(
    Network([layer([[1.0, 0.2], [-1.0, 0.3], [0.2, 1.0], [0.3, -1.0]], [0.5, 0.5, -0.5, -0.5], "relu"),
             layer([[0.5, -0.5, 0.5, -0.5]], [0.0], "sigmoid")], features=PLANE),
    "XOR",
    "Points are class 1 (x1 and x2 of the same sign) or class 0 (opposite signs): no single straight line "
    "separates them, so a network without hidden units cannot. Four ReLU units start with their folds near the "
    "axes, and a sigmoid output turns their sum into the probability of class 1. Press Play and watch the "
    "folds settle on the axes until the four quarters are classified right.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=20,
        notes="The decision boundary is where p = 0.5 (the logit is 0). With the region outlines on, every "
              "piece has its own plane of logits; the boundary is straight inside a piece and bends only where "
              "it crosses a fold. Open XOR with two units first: two folds get stuck at about 80 %. Here four "
              "units reach 100 % of the training and the test points in 300 steps (`reluplay train xor --steps "
              "300 --json`); remove two units (− Unit) to go back to two.",
        questions=("Why can one straight line not separate the two classes?",
                   "Which fold lines does the network need, and where do they end up?",
                   "Where is the decision boundary straight, and where does it bend?",
                   "What is the accuracy on the hollow test points, which it never trained on?")),
)

# --- Circle: a polygon of folds around the disc -----------------------------------------------
data = classification("circle", 400, 0.0, seed=1)
angles = np.radians([0.0, 60.0, 120.0, 180.0, 240.0, 300.0]) + 0.3
lessons["circle"] = Preset(
    Network([layer(np.round(np.column_stack([np.cos(angles), np.sin(angles)]), 3), [-1.0] * 6, "relu"),
             layer([[-1.0] * 6], [1.0], "sigmoid")], features=PLANE),
    "Circle",
    "Class 1 is a disc in the middle, class 0 a ring around it. Each of the six ReLU units is off on the side of "
    "its fold line that faces the centre, so inside the six lines all units are off and the output says class "
    "1: the disc is caught in a hexagon of folds. Press Play and watch the hexagon grow until it sits between "
    "the disc and the ring.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=20,
        notes="A round boundary made of straight folds: the decision boundary is a polygon. Remove units to "
              "see a pentagon or a square; with three units it is a triangle, and some corners of the ring "
              "fall inside. With the features x1² and x2² one unit is enough (open Circle with squared inputs): "
              "it can draw a circle directly, but then the output is no longer made of flat pieces.",
        questions=("Why does the boundary have corners?",
                   "How few units can still surround the disc?",
                   "Where does training move the fold lines, and why do they stop there?")),
)

# --- Circle with squared inputs: one unit is enough ---------------------------------------------
data = classification("circle", 400, 0.0, seed=1)
lessons["circle-with-squared-inputs"] = Preset(
    Network([layer([[0.3, 0.05]], [-0.5], "relu"), layer([[-1.0]], [1.0], "sigmoid")], features=("x1^2", "x2^2")),
    "Circle with squared inputs",
    "The circle data again, but the network's inputs are x1² and x2² instead of x1 and x2 (TensorFlow "
    "Playground's feature buttons). In those inputs the disc is everything on one side of a straight line, "
    "x1² + x2² < r², so one unit is enough. Press Play and watch its fold, an ellipse on the plane, round off "
    "into a circle between the disc and the ring.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=10,
        notes="Show this after Circle. The unit computes relu(w1·x1² + w2·x2² + b): linear in the features, so its "
              "fold is a straight line in the (x1², x2²) plane, and an ellipse in the (x1, x2) plane (a circle "
              "when w1 = w2). In 100 steps every training and test point is right (`reluplay train "
              "circle-with-squared-inputs --steps 100 --json`). The output is no longer made of flat pieces: "
              "the status bar and `reluplay regions` say \"not piecewise linear\" and give no count.",
        questions=("Why is one unit enough here, when Circle needed six?",
                   "Why is the fold curved now?",
                   "Why are there no flat pieces to count any more?",
                   "What feature would you add for a disc that is not at the centre?")),
)

# --- Spiral: depth ----------------------------------------------------------------------------
data = classification("spiral", 500, 0.0, seed=1)
lessons["spiral"] = Preset(
    Network.initialized([8, 8], "relu", "sigmoid", seed=1, features=PLANE),
    "Spiral",
    "Two spiral arms wind around each other: the hardest of TensorFlow Playground's data sets. Two hidden "
    "layers of eight ReLU units each: the second layer folds the pieces the first layer made, so the number of "
    "flat regions grows much faster than the number of units. Press Play and watch the region count climb as "
    "the boundary learns to wind.",
    training=TrainingSettings("adam", 0.01, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=SLOW_START,
        notes="Watch the region count in the status bar: 103 at the start, 171 after 3,000 steps, with 100 % of "
              "the training and 99.2 % of the test points right. Depth multiplies pieces has the same 16 units "
              "in one layer: 104 regions and 94.8 % after the same training; 16 lines in one layer could make "
              "at most 137 (1 + 16 + 16·15/2). The boundary is still made of straight segments, one per region "
              "it crosses.",
        questions=("Why does one layer of a few units not manage the spiral?",
                   "What does the second layer do to the first layer's regions?",
                   "The training accuracy reaches 100%: is the test accuracy as good? Why not?")),
)

# --- Depth multiplies pieces: Spiral's sixteen units in one layer ---------------------------------
data = classification("spiral", 500, 0.0, seed=1)
lessons["depth-multiplies-pieces"] = Preset(
    Network.initialized([16], "relu", "sigmoid", seed=1, features=PLANE),
    "Depth multiplies pieces",
    "The spiral with sixteen ReLU units in one layer: the same sixteen units as the Spiral lesson, which stacks "
    "them in two layers of eight. Sixteen straight folds cut the plane into at most 137 pieces (1 + 16 + 120 "
    "crossings). Press Play, note the region count and the accuracy, then open Spiral and compare.",
    training=TrainingSettings("adam", 0.01, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=2, **data,
    teaching=Teaching(
        speed=SLOW_START,
        notes="Open this lesson and Spiral in turn (same points, same 16 units, same training settings). After "
              "3,000 steps this one has 104 regions and gets 94.8 % of the training points (93.6 % of the test "
              "points) right; Spiral, with two layers of 8, has 171 regions and 100 % (99.2 %). A first-layer "
              "fold is a straight line across the whole box; a second-layer unit folds the first layer's pieces "
              "again, so its fold bends at every line it crosses. Side by side in a terminal: `reluplay train "
              "depth-multiplies-pieces --steps 3000 --out one.json`, `reluplay train spiral --steps 3000 --out "
              "two.json`, then `reluplay regions one.json` and `reluplay regions two.json`.",
        questions=("At most how many pieces can 16 straight lines make? Why is the count lower?",
                   "Why does a second-layer unit's fold bend?",
                   "With the same number of units, which network fits the spiral better, and why?")),
)

# --- Three gaussians: softmax -----------------------------------------------------------------
data = classification("three-gauss", 300, 5.0, seed=2)
lessons["three-gaussians"] = Preset(
    Network.initialized([4], "relu", "softmax", seed=0, features=PLANE, n_outputs=3),
    "Three gaussians",
    "Three clouds of points, three classes. The output layer has one unit per class and softmax turns their "
    "three logits into probabilities that add up to 1; each point's class is the most probable one. Press Play "
    "and watch the plane split into three territories.",
    training=TrainingSettings("adam", 0.03, seed=1, loss="cross_entropy"),
    view=VIEW, task="classification", classes=3, **data,
    teaching=Teaching(
        speed=20,
        notes="Each class has its own logit, a flat plane on each region; the boundary between two classes is "
              "where their logits are equal. Cross-entropy is −log of the probability given to the right "
              "class: it keeps pushing even when every point is already right, until the probabilities are "
              "near 1.",
        questions=("Where do the three territories meet?",
                   "Why do the probabilities of the three classes always add up to 1?",
                   "Which points does the network find hardest, and why?")),
)

for slug, preset in lessons.items():
    save_preset(preset, f"resources/presets/{slug}.json")
    print(slug)
