"""How an exercise's expected answer is filed, and what an answer read off a slider is.

:mod:`lessons_lib.answers` files every exercise with :func:`register`; :func:`lessons_lib.exercises.check`
looks it up in :data:`ANSWERS`. An answer that comes out of an experiment is a :class:`Notch`:
a position of the run's grid, which is the grid the learner's slider shows.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Notch:
    """An answer read off a slider: position ``index`` of the slider's ``grid``.

    Any value the slider would snap to it counts: from half a notch below to half a notch
    above, on a log scale (at the grid's ends, the end itself).

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's values, the run's ``grid``.
    index : int
        The answer's position.
    low : float, optional
        A lower bound to accept instead of half a notch below (an exact value that lies
        between the notches, e.g. where a path reaches a corner).
    """

    grid: np.ndarray
    index: int
    low: float | None = None

    @property
    def value(self) -> float:
        """The slider's value at the answer."""
        return float(self.grid[self.index])

    def window(self) -> tuple[float, float]:
        """The accepted ``(low, high)``."""
        last, i = len(self.grid) - 1, self.index
        before, after = float(self.grid[max(i - 1, 0)]), float(self.grid[min(i + 1, last)])
        low = (before * self.value) ** 0.5 if self.low is None else self.low
        return low, (self.value * after) ** 0.5


@dataclass(frozen=True)
class Answer:
    """What one exercise expects, and the hint shown when an answer misses.

    Parameters
    ----------
    expected : object or callable
        The value (number, array, bool, str, tuple), or a function of no arguments that
        computes it or returns a :class:`Notch`. For a function exercise (``cases``
        given), the reference function.
    hint : str
        One sentence that points the way without giving the answer.
    rtol, atol : float
        Tolerances for numbers, as in ``numpy.allclose``.
    cases : list of tuple, optional
        For a function exercise: the argument tuples both functions are called with.
    """

    expected: object
    hint: str
    rtol: float = 1e-6
    atol: float = 1e-9
    cases: list[tuple] | None = None

    def value(self):
        """The expected value: a function's result when ``expected`` is a value function."""
        if self.cases is None and callable(self.expected):
            return self.expected()
        return self.expected


ANSWERS: dict[str, Answer] = {}


def register(key: str, expected, hint: str, *, rtol: float = 1e-6, atol: float = 1e-9,
             cases: list[tuple] | None = None) -> None:
    """File exercise ``key``'s answer: the one way answers enter :data:`ANSWERS`.

    Parameters
    ----------
    key : str
        The exercise, ``"<notebook>.<exercise>"``.
    expected : object or callable
        As in :class:`Answer`.
    hint : str
        Shown when an answer misses.
    rtol, atol : float
        Tolerances for numbers.
    cases : list of tuple, optional
        For a function exercise, as in :class:`Answer`.
    """
    if key in ANSWERS:
        raise ValueError(f"exercise {key!r} is registered twice.")
    ANSWERS[key] = Answer(expected, hint, rtol=rtol, atol=atol, cases=cases)


def first(mask) -> int:
    """The index of the first True in ``mask``; an error if there is none.

    Parameters
    ----------
    mask : array_like of bool
        One entry per grid position.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        raise AssertionError("no position of the run's grid has the property the exercise asks for")
    return int(np.argmax(mask))


def inside(i: int, grid) -> int:
    """``i``, checked to have a grid position on either side (the answer is not an end).

    Parameters
    ----------
    i : int
        A position of ``grid``.
    grid : sequence
        The slider's values.
    """
    if not 0 < i < len(grid) - 1:
        raise AssertionError(f"the answer sits at an end of the slider (position {i})")
    return i
