"""lessons_lib.linear under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import numpy as np
from hostile import (
    array,
    contract_test,
    flag,
    fuzz,
    integer,
    keeps_contract,
    name,
    number,
    one_bad_argument,
    quiet,
    unit,
)
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import linear, penalties

rng = np.random.default_rng(0)
X6, y6 = rng.standard_normal((6, 3)), rng.standard_normal(6)
PENALTY = name("L2", "ridge")
TOL = {**number(low="pos"), "above": st.sampled_from([1e10, 1.0, 0.5, 1e-3]), "tiny": st.sampled_from([1e-300, 1e-20])}
ALIASES = {"penalty": "penalty|name"}



@fuzz(150)
@given(one_bad_argument(dict(X=X6, y=y6, penalty="l1", lam=0.1, l1_ratio=0.5, fit_intercept=True, tol=1e-10,
                             max_iter=1000),
                        dict(X=array((6, 3)), y=array((6,)), penalty=PENALTY, lam=number(low="nonneg"),
                             l1_ratio=unit(), fit_intercept=flag(), tol=TOL, max_iter=integer(low=1))),
       st.sampled_from(["l2", "l1", "elastic_net"]))
def test_fit_linear(case, penalty):
    arg, kind, kwargs = case
    if arg != "penalty":
        kwargs["penalty"] = penalty
    keeps_contract(quiet(linear.fit_linear, linear.ConvergenceWarning), kwargs, arg, kind, aliases=ALIASES)


test_regularization_path = contract_test(
    quiet(linear.regularization_path, linear.ConvergenceWarning),
    dict(
        X=X6,
        y=y6,
        lams=np.array([0.5, 0.01, 0.1]),
        penalty="elastic_net",
        l1_ratio=0.5,
        fit_intercept=True,
        tol=1e-10,
    ),
    dict(
        X=array((6, 3)),
        y=array((6,)),
        lams=array((3,), nonneg=True),
        penalty=PENALTY,
        l1_ratio=unit(),
        fit_intercept=flag(),
        tol=TOL,
    ),
    max_examples=150,
    aliases={**ALIASES, "lams": "lams|lam"},
)


test_lam_max = contract_test(
    linear.lam_max,
    dict(X=X6, y=y6, penalty="elastic_net", l1_ratio=0.5, fit_intercept=True),
    dict(X=array((6, 3)), y=array((6,)), penalty=PENALTY, l1_ratio=unit(), fit_intercept=flag()),
    max_examples=100,
    aliases=ALIASES,
)


test_predict_linear = contract_test(
    linear.predict_linear,
    dict(X=X6, coef=np.ones(3), intercept=0.5),
    dict(X=array((6, 3)), coef=array((3,)), intercept=number()),
    max_examples=100,
)


@fuzz(120)
@given(one_bad_argument(dict(penalty="elastic_net", lam=0.1, n_samples=6, l1_ratio=0.5),
                        dict(penalty=PENALTY, lam=number(low="nonneg"), n_samples=integer(low=1), l1_ratio=unit())),
       st.sampled_from(["sklearn_alpha", "course_lam"]))
def test_sklearn_conversions(case, which):
    arg, kind, kwargs = case
    if which == "course_lam":
        kwargs["alpha"] = kwargs.pop("lam")
        arg = "alpha" if arg == "lam" else arg
    keeps_contract(getattr(linear, which), kwargs, arg, kind, aliases=ALIASES)


test_sklearn_C = contract_test(
    linear.sklearn_C,
    dict(lam=0.1, n_samples=6),
    dict(lam=number(low="nonneg"), n_samples=integer(low=1)),
    max_examples=60,
)


# --- wide but legal scales: the exact answer, or an OverflowError that names X or y

@fuzz(120)
@given(st.integers(-160, 160), st.integers(-160, 160), st.sampled_from(["l2", "l1"]))
def test_rescaled_data_gives_the_rescaled_answer(kx, ky, penalty):
    """Least squares (λ = 0): scaling X by sx and y by sy scales w by sy/sx and b by sy."""
    sx, sy = 10.0**kx, 10.0**ky
    coef, b = linear.fit_linear(X6, y6, penalty=penalty, lam=0.0)
    try:
        coef_s, b_s = linear.fit_linear(X6 * sx, y6 * sy, penalty=penalty, lam=0.0)
    except OverflowError as err:
        assert "X" in str(err) or "y" in str(err)
        return
    np.testing.assert_allclose(coef_s, coef * (sy / sx), rtol=1e-6)
    np.testing.assert_allclose(b_s, b * sy, rtol=1e-6, atol=1e-9 * sy)


def test_a_penalty_object_is_a_legal_penalty():
    coef, _ = linear.fit_linear(X6, y6, penalty=penalties.l1(0.1))
    assert np.array_equal(coef, linear.fit_linear(X6, y6, penalty="l1", lam=0.1)[0])
