"""Words for a class: the jargon's tooltips in plain words, and a lesson's first "Try: …" hint.

No Qt here (tested directly); ui/features/plain_words.py puts them on the window.
"""
from __future__ import annotations

import re

#: Plain-words tooltips for the terms a lesson cannot avoid.
JARGON = {
    "ReLU′(0)": ("The slope ReLU uses exactly at its kink (where w·x + b = 0), where it has no slope of its own. "
                 "Training needs some number there: 0 is what most frameworks use. It only matters when a data "
                 "point sits exactly on a kink."),
    "L2 penalty": ("Adds λ × (the sum of the squared weights) to the loss, so training prefers small weights: each "
                   "step shrinks every weight a little (its gradient gets 2 × λ × w). Biases are left alone. "
                   "0 turns it off."),
    "MSE": ("Mean squared error: for each data point take the error (network output ŷ − target y), square it, "
            "and average over all the points. 0 is a perfect fit."),
    "learning rate": ("How big a step training takes: each step moves every parameter downhill by learning rate × "
                      "its gradient. Too small and training crawls; too big and it overshoots, and the loss can "
                      "blow up."),
    "batch size": ("How many data points each step looks at. All points: every step sees all the data. Fewer: "
                   "each step uses a random handful, which is quicker but noisier."),
    "Leaky ReLU slope": ("Leaky ReLU's slope for a negative input: it outputs slope × input instead of 0, so a unit "
                         "that is off still has a small gradient and can learn its way back."),
    "linear pieces": ("A ReLU network's output is made of straight-line pieces joined at kinks; this counts them "
                      "over the lesson's x range."),
    "dead units": ("Units that are off (output 0) at every data point: their gradient is zero, so training can "
                   "never move them."),
}

#: A description's sentence that asks the class to do something starts (or has a clause starting)
#: with one of these.
ACTION_WORDS = ("train", "press", "watch", "try", "drag", "set", "compare", "step", "click", "add", "switch",
                "move", "change", "open", "pick", "turn")

#: Where the control a hint talks about is, when the description does not say.
WHERE = {"no derivative at exactly 0": "the ReLU′(0) setting, under Output and rules"}

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_CLAUSE_START = re.compile(r"(?:^|[:;]\s+)(\w+)")


def try_hint(description: str) -> str | None:
    """ "Try: …" from the first sentence of a lesson's description that asks the class to do something.

    None when no sentence does (the hint is then not shown).
    """
    for sentence in _SENTENCE_END.split(description.strip()):
        words = [m.group(1).lower() for m in _CLAUSE_START.finditer(sentence)]
        if any(word in ACTION_WORDS for word in words):
            where = [place for phrase, place in WHERE.items() if phrase in sentence]
            hint = f"Try: {sentence.strip()}"
            return f"{hint[:-1]} ({where[0]})." if where and hint.endswith(".") else hint
    return None
