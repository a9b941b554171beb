"""lessons_lib.penalties under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import numpy as np
import pytest
from hostile import array, contract_test, fuzz, keeps_contract, name, number, one_bad_argument, unit
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lessons_lib import penalties
from lessons_lib.penalties import (
    Penalty,
    as_penalty,
    elastic_net,
    is_penalized,
    l1,
    l2,
    make_penalty,
)

W = np.array([1.5, -0.2, 0.0, 3.0, -2.0])
#: w may have any shape (a scalar too): the wrong-ndim class does not apply
WEIGHTS = array(W.shape, exclude=("ndim",))
NAME = name("L2", "ridge", "l2 ")
#: λ is a number or an array, one per model ("seq" is legal): both kinds of hostile values
LAM = number(low="nonneg", exclude=("seq",))
_LAMS = array((3, 1), nonneg=True)
for _kind in ("nan", "negative", "bool", "complex"):
    LAM[_kind] = LAM[_kind] | _LAMS[_kind]
LAM.update(ragged=_LAMS["ragged"], empty=_LAMS["empty"])

PENALTIES = {"l2": l2, "l1": l1, "elastic_net": lambda lam: elastic_net(lam, 0.3)}


@fuzz(120)
@given(one_bad_argument(dict(lam=0.1), dict(lam=LAM)), st.sampled_from(sorted(PENALTIES)))
def test_constructors(case, which):
    arg, kind, kwargs = case
    keeps_contract(PENALTIES[which], kwargs, arg, kind)


@fuzz(120)
@given(one_bad_argument(dict(name="l2", lam=0.1, l1_ratio=0.5), dict(name=NAME, lam=LAM, l1_ratio=unit())),
       st.sampled_from([make_penalty, Penalty]))
def test_make_penalty_and_penalty(case, make):
    arg, kind, kwargs = case
    keeps_contract(make, kwargs, arg, kind, aliases={"name": "name|penalty"})


test_as_penalty = contract_test(
    as_penalty,
    dict(penalty="l1", lam=0.1, l1_ratio=0.5),
    dict(penalty=NAME, l1_ratio=unit()),
    max_examples=60,
)


@fuzz(40)
@given(st.one_of([v for k, v in NAME.items() if k != "str"]) | st.just("") | st.text(min_size=1))
def test_is_penalized(name):
    if isinstance(name, str) and name:                      # any name is legal; the rule is the suffix
        assert is_penalized(name) is (not name.endswith("bias"))
    else:
        keeps_contract(is_penalized, dict(name=name), "name", "none")


@fuzz(100)
@given(one_bad_argument(dict(w=W), dict(w=WEIGHTS)), st.sampled_from(sorted(PENALTIES)),
       st.sampled_from(["value", "grad"]))
def test_value_and_grad(case, which, method):
    arg, kind, kwargs = case
    pen = PENALTIES[which](0.1)
    keeps_contract(getattr(pen, method), kwargs, arg, kind)


@fuzz(100)
@given(one_bad_argument(dict(w=W, step=0.1), dict(w=WEIGHTS, step=number(low="pos", exclude=("seq",)))),
       st.sampled_from(sorted(PENALTIES)))
def test_prox(case, which):
    arg, kind, kwargs = case
    keeps_contract(PENALTIES[which](0.1).prox, kwargs, arg, kind)


test_soft_threshold = contract_test(
    penalties.soft_threshold,
    dict(w=W, t=0.1),
    dict(w=WEIGHTS, t=number(low="nonneg", exclude=("seq",))),
    max_examples=80,
)


# --- wide but legal input: a correct finite result, or an OverflowError that names w or lam

wide = st.floats(-1e308, 1e308, allow_nan=False)


@fuzz(100)
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=wide), st.floats(0, 1e308),
       st.sampled_from(sorted(PENALTIES)))
def test_wide_weights_and_strengths(w, lam, which):
    pen = PENALTIES[which](lam)
    assert pen.lam == lam                                     # kept as given, not clipped
    a, b = pen.mix
    for method, formula in (("value", lambda: np.sum(lam * (a * np.abs(w) + b * w * w))),
                            ("grad", lambda: lam * (a * np.sign(w) + 2.0 * b * w))):
        try:
            got = getattr(pen, method)(w)
        except OverflowError as err:
            assert "w or lam is too large" in str(err)
            continue
        with np.errstate(over="ignore", invalid="ignore"):
            want = formula()
        np.testing.assert_allclose(got, want, rtol=1e-12)
        assert np.all(np.isfinite(got))
    out = pen.prox(w, 1.0) if lam * 2 < 1e308 else None     # step·λ within range
    if out is not None:
        assert np.all(np.abs(out) <= np.abs(w))               # a prox never grows a weight


@pytest.mark.parametrize("which", sorted(PENALTIES))
def test_a_legal_lam_array_is_kept(which):
    lams = np.array([[0.0], [0.5], [2.0]])
    assert np.array_equal(PENALTIES[which](lams).lam, lams)
