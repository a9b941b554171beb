"""Self-checking exercises: the learner fills in a value or a function, a checker says
right or wrong with a hint.

Lesson exercises call :func:`check` with the exercise's key; the expected answers live in
:mod:`lessons_lib.answers`, not in the notebook.

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

from collections.abc import Callable, Iterable

import numpy as np

from ._validate import check_nonneg, check_scalar


def _unanswered(answer) -> bool:
    return answer is ... or answer is None


def _check_texts(name, hint) -> None:
    for label, text in (("name", name), ("hint", hint)):
        if not isinstance(text, str) or not text:
            raise TypeError(f"{label} must be a non-empty str (shown to the learner), got {text!r}.")


def _check_tolerances(rtol, atol) -> tuple[float, float]:
    """rtol in [0, 1): at rtol = 1 an answer of 0 matches every expected value."""
    rtol = check_scalar(rtol, "rtol", low=0.0, high=1.0, high_inclusive=False,
                        hint="It is a relative error, e.g. 0.01 for 1 %; 1 or more accepts 0 for anything.")
    return rtol, check_nonneg(atol, "atol")


def _is_real_number(x) -> bool:
    """A real number or an array of them; ``"2"``, ``True`` and ``2+0j`` are not."""
    if isinstance(x, (str, bytes, bool, np.bool_)):
        return False
    try:
        return np.asarray(x).dtype.kind in "fiu"
    except (TypeError, ValueError):                 # ragged lists and the like
        return False


def _matches(answer, expected, rtol: float, atol: float) -> bool:
    """True/False/strings must match exactly and by type; numbers (and arrays) up to rtol/atol."""
    if isinstance(expected, (bool, np.bool_)):        # True must be True, not 1
        return isinstance(answer, (bool, np.bool_)) and bool(answer) == bool(expected)
    if isinstance(expected, str):
        return isinstance(answer, str) and answer == expected
    if not _is_real_number(answer):                   # "2" is not 2.0
        return False
    try:
        return bool(np.shape(answer) == np.shape(expected)
                    and np.allclose(np.asarray(answer, dtype=float), expected, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def check_value(answer, expected, *, name: str, hint: str, rtol: float = 1e-6,
                atol: float = 1e-9) -> bool:
    """Compare a number, array or boolean with the expected one; print ✅ / ❌ + hint / ⏳.

    Numbers must be numbers: the string ``"2"`` or ``True`` does not count as ``2``.

    Parameters
    ----------
    answer : object
        The learner's answer; ``...`` or ``None`` means not answered yet.
    expected : float, array_like, bool or str
        The right answer; booleans and strings must match exactly.
    name : str
        The exercise's name in the message, e.g. ``"Exercise 1"``.
    hint : str
        Shown when the answer is wrong.
    rtol : float, default 1e-6
        Relative tolerance for numbers, as in :func:`numpy.allclose`, in [0, 1).
    atol : float, default 1e-9
        Absolute tolerance for numbers, as in :func:`numpy.allclose`.

    Returns
    -------
    bool
        Whether the answer is right (the verdict is printed as well).
    """
    _check_texts(name, hint)
    rtol, atol = _check_tolerances(rtol, atol)
    if _unanswered(answer):
        print(f"⏳ {name}: not answered yet. Replace the ... and run the cell again.")
        return False
    ok = _matches(answer, expected, rtol, atol)
    print(f"✅ {name}: correct." if ok else f"❌ {name}: not quite. Hint: {hint}")
    return ok


def check_function(fn: Callable, reference: Callable, cases: Iterable[tuple], *, name: str,
                   hint: str, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Call ``fn(*case)`` and ``reference(*case)`` on every case; all must agree.

    ``cases`` is a non-empty list of argument tuples, e.g. ``[(np.array([1.0]), 0.1)]``;
    with no cases nothing would be checked, so that is refused (it is the author's bug).

    Parameters
    ----------
    fn : callable
        The learner's function; raising ``NotImplementedError`` means not answered yet.
    reference : callable
        The correct function.
    cases : iterable of tuple
        The argument tuples to call both with.
    name : str
        The exercise's name in the message, e.g. ``"Exercise 1"``.
    hint : str
        Shown when the answer is wrong.
    rtol : float, default 1e-6
        Relative tolerance for numbers, as in :func:`numpy.allclose`, in [0, 1).
    atol : float, default 1e-9
        Absolute tolerance for numbers, as in :func:`numpy.allclose`.

    Returns
    -------
    bool
        Whether ``fn`` agrees with ``reference`` on every case (the verdict is printed).
    """
    _check_texts(name, hint)
    rtol, atol = _check_tolerances(rtol, atol)
    for label, f in (("fn", fn), ("reference", reference)):
        if not callable(f):
            raise TypeError(f"{label} must be a function, got {f!r}.")
    if isinstance(cases, (str, bytes)) or not hasattr(cases, "__iter__"):
        raise TypeError("cases must be a list of argument tuples, e.g. [(np.array([1.0]), 0.1)], "
                        f"got {cases!r}.")
    cases = list(cases)
    if not cases:
        raise ValueError("cases is empty: a check on 0 inputs proves nothing. Pass at least one "
                         "argument tuple, e.g. cases=[(np.array([1.0, -2.0]), 0.1)].")
    for i, case in enumerate(cases):
        if not isinstance(case, tuple):
            raise TypeError(f"cases[{i}] must be a tuple of arguments, got {type(case).__name__}; "
                            "for one argument write (x,), with the comma.")
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
        if _unanswered(got) or not _matches(got, want, rtol, atol):
            print(f"❌ {name}: wrong result for input {_short(case)}. Hint: {hint}")
            return False
    print(f"✅ {name}: correct on all {len(cases)} test inputs.")
    return True


def check(key: str, answer) -> bool:
    """Check ``answer`` for exercise ``key`` against the course's answer in :mod:`.answers`.

    The notebook shows only the blank and this call; the expected value, its tolerance
    and the hint are filed by :mod:`lessons_lib.answers` in
    :data:`lessons_lib.grading.ANSWERS`. A name (a str answer) is
    compared ignoring case and surrounding spaces.

    Parameters
    ----------
    key : str
        The exercise, as ``"<notebook>.<exercise>"``, e.g. ``"3.2"``.
    answer : object
        The learner's value, or function for a function exercise; ``...`` means not
        answered yet.

    Returns
    -------
    bool
        Whether the answer is right.
    """
    from . import answers  # noqa: F401  (importing it files every exercise)
    from .grading import ANSWERS, Notch

    if not isinstance(key, str):
        raise TypeError(f"key must be the exercise's name as a str, such as '3.2', got {key!r}.")
    if key not in ANSWERS:
        raise ValueError(f"key {key!r} names no exercise in lessons_lib.answers; known: "
                         f"{', '.join(sorted(ANSWERS)) or 'none'}.")
    a = ANSWERS[key]
    name = f"Exercise {key}"
    if _unanswered(answer):         # before computing the expected value: that may take a run
        what = "Fill in the function" if a.cases is not None else "Replace the ..."
        print(f"⏳ {name}: not answered yet. {what} and run the cell again.")
        return False
    if a.cases is not None:
        if not callable(answer):
            print(f"❌ {name}: expected a function, got {type(answer).__name__}. Hint: {a.hint}")
            return False
        return check_function(answer, a.expected, a.cases, name=name, hint=a.hint,
                              rtol=a.rtol, atol=a.atol)
    expected = a.value()
    if isinstance(expected, Notch):                 # read off a slider: any value it snaps to
        low, high = expected.window()
        ok = _is_real_number(answer) and np.ndim(answer) == 0 and low <= float(answer) <= high
        print(f"✅ {name}: correct." if ok else f"❌ {name}: not quite. Hint: {a.hint}")
        return bool(ok)
    if isinstance(expected, str) and isinstance(answer, str):   # a name: "L2 " counts as "l2"
        answer = expected if answer.strip().casefold() == expected.casefold() else answer
    return check_value(answer, expected, name=name, hint=a.hint, rtol=a.rtol, atol=a.atol)


def _short(case) -> str:
    def one(c):
        try:
            return np.array2string(np.asarray(c), precision=3, threshold=6)
        except ValueError:                      # ragged input: fall back to a short repr
            return repr(c)[:60]
    return f"({', '.join(one(c) for c in case)})"
