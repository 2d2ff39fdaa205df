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
    view=ViewRange(BOX, (0.0, 2.5), BOX),
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
    view=ViewRange(BOX, (0.0, 1.0), BOX), task="classification", classes=2, **data,
    teaching=Teaching(
        speed=20,
        notes="The decision boundary is where p = 0.5 (the logit is 0). With the region outlines on, every "
              "piece has its own plane of logits; the boundary is straight inside a piece and bends only where "
              "it crosses a fold. Try removing two units: with 2 units the network can still do it, but only "
              "from a lucky start.",
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
    view=ViewRange(BOX, (0.0, 1.0), BOX), task="classification", classes=2, **data,
    teaching=Teaching(
        speed=20,
        notes="A round boundary made of straight folds: the decision boundary is a polygon. Remove units to "
              "see a pentagon or a square; with three units it is a triangle, and some corners of the ring "
              "fall inside. A network with the features x1² and x2² needs just one unit (it can draw a circle "
              "directly), but then the output is no longer made of flat pieces.",
        questions=("Why does the boundary have corners?",
                   "How few units can still surround the disc?",
                   "Where does training move the fold lines, and why do they stop there?")),
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
    view=ViewRange(BOX, (0.0, 1.0), BOX), task="classification", classes=2, **data,
    teaching=Teaching(
        speed=SLOW_START,
        notes="Watch the region count in the status bar: a few dozen at the start, hundreds after training. One "
              "layer of 16 units could make at most 137 regions (1 + 16 + 16·15/2); two layers of 8 make more "
              "with the same 16 units. The boundary is still made of straight segments, one per region it "
              "crosses. Compare the accuracy on the hollow test points with the training points.",
        questions=("Why does one layer of a few units not manage the spiral?",
                   "What does the second layer do to the first layer's regions?",
                   "The training accuracy reaches 100%: is the test accuracy as good? Why not?")),
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
    view=ViewRange(BOX, (0.0, 1.0), BOX), task="classification", classes=3, **data,
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
