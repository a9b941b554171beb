"""lessons_lib.exercises under hostile input (see tests/hostile.py for the contract).

The learner's answer is judged, never refused: any answer gives True or False and a printed
verdict. The author's arguments (name, hint, tolerances, cases) are checked by name.
"""
from __future__ import annotations

import math

import numpy as np
from hostile import contract_test, fuzz, number
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import exercises

TEXT = {"none": st.none(), "number": st.just(3), "seq": st.just(["a"]), "empty": st.just("")}
RTOL = {**number(low="nonneg"), "above": st.sampled_from([1.0, 10.0, 1e308])}
ANSWERS = st.one_of(st.floats(), st.none(), st.just(...), st.booleans(), st.text(max_size=3),
                    st.complex_numbers(), st.lists(st.floats(), max_size=3), st.just([[1.0], [2.0, 3.0]]),
                    st.just(np.array([np.nan, 2.0])), st.just({"a": 1}))

test_check_value = contract_test(
    exercises.check_value,
    dict(answer=2.0, expected=2.0, name="E1", hint="h", rtol=1e-6, atol=1e-9),
    dict(name=TEXT, hint=TEXT, rtol=RTOL, atol=number(low="nonneg")),
    max_examples=80)

test_check_function = contract_test(
    exercises.check_function,
    dict(fn=abs, reference=abs, cases=[(1.0,)], name="E1", hint="h", rtol=1e-6, atol=1e-9),
    dict(fn={"none": st.none(), "number": st.just(3)}, reference={"str": st.just("abs")},
         cases={"empty": st.just([]), "seq": st.just([1.0]), "str": st.just("ab"), "none": st.none()},
         name=TEXT, rtol=RTOL),
    max_examples=60, aliases={"cases": r"cases(\[\d+\])?"})


@fuzz(200)
@given(ANSWERS, st.sampled_from([2.0, np.array([1.0, 2.0]), True, "l1"]))
def test_any_answer_gets_a_verdict(answer, expected):
    verdict = exercises.check_value(answer, expected, name="E", hint="h")
    assert verdict in (True, False)
    if verdict:                                   # right only when it really equals the expected value
        assert not (isinstance(answer, float) and math.isnan(answer))
        assert type(answer) is type(expected) or np.allclose(np.asarray(answer, float), expected)

