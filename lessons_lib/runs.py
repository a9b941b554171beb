"""One home per experiment: what a panel shows is what its exercise is checked against.

A *run* is what one experiment computed: the grid its slider shows, and the results at
every value of that grid. A lesson builds its slider from ``run.grid``, its ``draw`` reads
the run's results at ``run.index(value)``, and the exercise's answer
(:mod:`lessons_lib.answers`) takes the same run from the same function and only says which
position of its grid is the answer. Change a grid in one place and the panel, the frames
and the answer key move together.

The experiments live in five short modules, by topic (one module for all of them would
be some 1,600 lines, too long to read beside a lesson), each in course order:

- :mod:`lessons_lib.runs_curves`: polynomials on a noisy curve, exact fits and gradient
  descent (notebooks 1, 2, 3 and 11);
- :mod:`lessons_lib.runs_sparse`: lasso and elastic net on many, or two, features
  (notebooks 4, 5 and 9);
- :mod:`lessons_lib.runs_decay`: weight decay and the optimizers (notebooks 0, 6 and 7);
- :mod:`lessons_lib.runs_nets`: networks (notebooks 5, 8 and 10);
- :mod:`lessons_lib.runs_practice`: the practitioners' questions (appendix notebook 13).

Expensive runs are cached (:func:`functools.cache`): a second call returns the same run.
Treat runs as read-only; their arrays are shared.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, kw_only=True)
class Run:
    """What one experiment computed: results along ``grid``, the values a slider shows.

    Subclasses add the results, each an array whose first axis runs along ``grid``.

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's values, in slider order.
    """

    grid: np.ndarray

    def index(self, value) -> int:
        """The position of ``value``, a value the slider gives ``draw``, on ``grid``.

        Parameters
        ----------
        value : float
            One of ``grid``'s values.
        """
        return position(self.grid, value)


@dataclass(frozen=True, kw_only=True)
class PathRun(Run):
    """A run solved on a finer grid ``lams`` than the slider's ``grid`` (a subset of it).

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's values, each one of ``lams``.
    lams : numpy.ndarray
        The λ the run solved, in order.
    """

    lams: np.ndarray

    def row(self, lam: float) -> int:
        """The row of ``lams`` that holds slider value ``lam``.

        Parameters
        ----------
        lam : float
            A value of ``grid`` (every slider value is one of ``lams``).
        """
        return position(self.lams, lam)


def position(grid, value) -> int:
    """The index of ``value`` in ``grid``; an error, not a guess, if it is not there.

    A slider built from a run's grid hands ``draw`` that grid's values, so the lookup is
    exact (up to 1e-12, relative). A value from anywhere else is a slider built from some
    other grid, and that is a mistake worth hearing about.

    Parameters
    ----------
    grid : array_like of shape (n,)
        The grid.
    value : float
        The value to find.

    Examples
    --------
    >>> position([0.1, 1.0, 10.0], 1.0)
    1
    """
    grid = np.asarray(grid)
    hit = np.flatnonzero(np.isclose(grid, value, rtol=1e-12, atol=0.0))
    if hit.size == 0:
        raise ValueError(f"{value!r} is not on this run's grid ({grid[0]:g} … {grid[-1]:g}, "
                         f"{grid.size} values): build the slider from the run's grid.")
    return int(hit[0])
