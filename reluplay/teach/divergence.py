"""What the banner says when training diverges, in words a class understands.

The core trainer detects the NaN/infinite loss (or a weight beyond what a preset can hold),
keeps its last good state and reports a technical message with its own step count (which starts
again at 0 whenever the trainer is reloaded). The window knows the real step; this turns both into an explanation with a concrete
next move: a smaller learning rate.
"""
from __future__ import annotations

import re

_REASON = re.compile(r"diverged at step \d+: (?P<reason>.+?)\. The last finite state")


def suggested_learning_rate(learning_rate: float) -> float:
    """A tenth of the rate that blew up, rounded to a number people can type."""
    smaller = learning_rate / 10.0
    return float(f"{smaller:.1g}")


_LOWEST_LOSS = "press “Lowest loss” under the plots to go back to where training did best. "
_SMALLER_RATE = "Then try a smaller learning rate than"


def explain_divergence(step: int, core_message: str, learning_rate: float) -> str:
    """The banner text: what happened, what was kept, and what to try."""
    match = _REASON.search(core_message or "")
    reason = match.group("reason") if match else "the loss stopped being a finite number"
    return (
        f"Training diverged at step {step + 1:,}: {reason}. "
        f"The steps were too big: the weights overshot further and further until the numbers blew up. "
        f"Training paused at step {step:,}, the last step before they blew up; "
        f"{_LOWEST_LOSS}"
        f"{_SMALLER_RATE} {learning_rate:g}, for example {suggested_learning_rate(learning_rate):g}."
    )


def for_presentation(message: str) -> str:
    """The banner in presentation mode, which hides the history bar and the learning rate: it says
    to leave presentation mode (F5) to reach them, rather than point at controls no one can see."""
    if _LOWEST_LOSS not in message and _SMALLER_RATE not in message:
        return message
    message = message.replace(_LOWEST_LOSS, "press F5 to leave presentation mode, then “Lowest loss” under "
                                            "the plots goes back to where training did best. ")
    return message.replace(_SMALLER_RATE, "Then, in the Training panel, try a smaller learning rate than")
