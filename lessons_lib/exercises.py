"""Self-checking exercises: the learner fills in a value or a function, a checker says
right or wrong with a hint.

An exercise cell holds a placeholder (``...`` for a value, ``raise NotImplementedError``
in a function); the checker treats that as "not answered yet", so an unanswered
notebook still runs top to bottom. The solution sits folded in the next markdown cell.

Examples
--------
>>> check_value(0.5 * 4, 2.0, name="Exercise 1", hint="halve it")
✅ Exercise 1: correct.
True
>>> check_value(..., 2.0, name="Exercise 1", hint="halve it")
⏳ Exercise 1: not answered yet. Replace the ... and run the cell again.
False
"""
from __future__ import annotations

from typing import Callable, Iterable

import numpy as np


def _unanswered(answer) -> bool:
    return answer is ... or answer is None


def check_value(answer, expected, *, name: str, hint: str, rtol: float = 1e-6,
                atol: float = 1e-9) -> bool:
    """Compare a number, array or boolean with the expected one; print ✅ / ❌ + hint / ⏳."""
    if _unanswered(answer):
        print(f"⏳ {name}: not answered yet. Replace the ... and run the cell again.")
        return False
    try:
        if isinstance(expected, (bool, np.bool_, str)):   # True must be True, not 1
            ok = type(answer) in (bool, np.bool_, str) and answer == expected
        else:
            ok = bool(
                np.shape(answer) == np.shape(expected)
                and np.allclose(np.asarray(answer, dtype=float), expected, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        ok = False
    print(f"✅ {name}: correct." if ok else f"❌ {name}: not quite. Hint: {hint}")
    return bool(ok)


def check_function(fn: Callable, reference: Callable, cases: Iterable[tuple], *, name: str,
                   hint: str, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Call ``fn(*case)`` and ``reference(*case)`` on every case; all must agree."""
    cases = list(cases)
    for case in cases:
        try:
            got = fn(*case)
        except NotImplementedError:
            print(f"⏳ {name}: not answered yet. Fill in the function and run the cell again.")
            return False
        except Exception as err:  # a learner's bug: say what happened, don't crash the notebook
            print(f"❌ {name}: your function raised {type(err).__name__}: {err}. Hint: {hint}")
            return False
        want = reference(*case)
        if _unanswered(got) or np.shape(got) != np.shape(want) or not np.allclose(
                np.asarray(got, dtype=float), want, rtol=rtol, atol=atol):
            print(f"❌ {name}: wrong result for input {_short(case)}. Hint: {hint}")
            return False
    print(f"✅ {name}: correct on all {len(cases)} test inputs.")
    return True


def _short(case) -> str:
    def one(c):
        try:
            return np.array2string(np.asarray(c), precision=3, threshold=6)
        except ValueError:                      # ragged input: fall back to a short repr
            return repr(c)[:60]
    return f"({', '.join(one(c) for c in case)})"
