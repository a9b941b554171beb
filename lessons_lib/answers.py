"""The answers the course's exercises are checked against, kept out of the notebooks.

An exercise cell ends with ``exercises.check("3.2", your_answer)``; the expected value is
here, so the notebook does not print it beside the blank. A learner who looks can find
it: that is allowed, just one step further away than the next line.

An answer that comes out of an experiment (run a panel, read off a λ) is computed here by a
function, called when the check runs, never typed in by hand.

Each entry is an :class:`Answer`, filed under ``"<notebook>.<exercise>"``; the notebooks'
sections below are in course order.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """What one exercise expects, and the hint shown when an answer misses.

    Parameters
    ----------
    expected : object or callable
        The value (number, array, bool, str, tuple), or a function of no arguments that
        computes it. For a function exercise (``cases`` given), the reference function.
    hint : str
        One sentence that points the way without giving the answer.
    rtol, atol : float
        Tolerances for numbers, as in ``numpy.allclose``.
    cases : list of tuple, optional
        For a function exercise: the argument tuples both functions are called with.
    within : tuple of float, optional
        For a number read off a run or a panel: any answer in ``[low, high]`` is right
        (``expected`` is then only what the hint and the tests refer to).
    """

    expected: object
    hint: str
    rtol: float = 1e-6
    atol: float = 1e-9
    cases: list[tuple] | None = None
    within: tuple[float, float] | None = None

    def value(self):
        """The expected value (a function's result when ``expected`` is a value function)."""
        if self.cases is None and callable(self.expected):
            return self.expected()
        return self.expected


ANSWERS: dict[str, Answer] = {}


def answer(key: str, hint: str, **options) -> Callable:
    """Register the decorated function's result as exercise ``key``'s expected value.

    Parameters
    ----------
    key : str
        The exercise, ``"<notebook>.<exercise>"``.
    hint : str
        Shown when an answer misses.
    **options
        ``rtol``, ``atol``, ``within``, as in :class:`Answer`.
    """
    def register(fn: Callable) -> Callable:
        ANSWERS[key] = Answer(fn, hint, **options)
        return fn
    return register


# -- 00 · Start here ----------------------------------------------------------------------

# -- 01 · Big weights ---------------------------------------------------------------------

# -- 02 · The new objective ---------------------------------------------------------------

# -- 03 · L2 ------------------------------------------------------------------------------

# -- 04 · L1 and sparsity -----------------------------------------------------------------

# -- 05 · Fingerprints --------------------------------------------------------------------

# -- 06 · Weight decay --------------------------------------------------------------------

# -- 07 · AdamW ---------------------------------------------------------------------------

# -- 08 · The family ----------------------------------------------------------------------

# -- 09 · The classic-ML view -------------------------------------------------------------

# -- 10 · Sensible defaults ---------------------------------------------------------------

# -- 11 · Wrap-up -------------------------------------------------------------------------
