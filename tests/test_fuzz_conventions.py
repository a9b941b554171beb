"""lessons_lib.conventions under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import math

from hostile import contract_test, fuzz, integer, keeps_contract, number, one_bad_argument, quiet
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import conventions
from lessons_lib._validate import UnwiseValueWarning

test_weight_decay_from_lam = contract_test(
    conventions.weight_decay_from_lam,
    dict(lam=0.1),
    dict(lam=number(low="nonneg")),
    max_examples=60,
)


test_lam_from_weight_decay = contract_test(
    conventions.lam_from_weight_decay,
    dict(weight_decay=0.1),
    dict(weight_decay=number(low="nonneg")),
    max_examples=60,
)


@fuzz(120)
@given(one_bad_argument(dict(lr=0.1, weight_decay=0.1),
                        dict(lr=number(low="pos"), weight_decay=number(low="nonneg"))),
       st.sampled_from(["decay_factor", "half_life"]))
def test_decay_factor_and_half_life(case, which):
    arg, kind, kwargs = case
    keeps_contract(quiet(getattr(conventions, which), UnwiseValueWarning), kwargs, arg, kind)


test_warn_decay = contract_test(
    quiet(conventions.warn_decay, UnwiseValueWarning),
    dict(lr=0.1, weight_decay=0.1, rule="sgd", stacklevel=3),
    dict(
        lr=number(low="pos"),
        weight_decay=number(low="nonneg"),
        rule={"str": st.sampled_from(["SGD", "", "adam"]), "none": st.none()},
        stacklevel=integer(low=1),
    ),
    max_examples=100,
)


@fuzz(150)
@given(st.floats(1e-300, 1e300), st.floats(1e-300, 1e300))
def test_half_life_halves(lr, weight_decay):
    """Wide legal input: (1 − lr·wd)^half_life = ½, or a named refusal."""
    u = lr * weight_decay
    try:
        t = quiet(conventions.half_life, UnwiseValueWarning)(lr=lr, weight_decay=weight_decay)
    except (ValueError, OverflowError) as err:
        assert "lr·weight_decay" in str(err)
        assert u >= 1 or u < math.log(2) / 1.7e308          # no decay, or a half-life beyond float64
        return
    assert math.isfinite(t) and t > 0
    assert math.isclose(t * -math.log1p(-u), math.log(2), rel_tol=1e-12)
