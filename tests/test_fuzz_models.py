"""lessons_lib.models under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import numpy as np
from hostile import (
    array,
    contract_test,
    fuzz,
    integer,
    keeps_contract,
    name,
    number,
    one_bad_argument,
    unit,
)
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib.models import MLP, LinearRegression

rng = np.random.default_rng(0)
X6, y6, labels6 = rng.standard_normal((6, 3)), rng.standard_normal(6), np.array([0, 1, 2, 0, 1, 2])
SEED = integer(low=0)
RNG = integer(low=0, exclude=("none",))          # rng=None is legal: no dropout
MODELS = {"linear": lambda: LinearRegression(3), "mlp": lambda: MLP((3, 4, 1), dropout=0.3),
          "copies": lambda: LinearRegression(3).copies(2)}


@fuzz(80)
@given(one_bad_argument(dict(n_features=3, init_scale=0.1, seed=0),
                        dict(n_features=integer(low=1), init_scale=number(low="nonneg"), seed=SEED)))
def test_linear_regression(case):
    arg, kind, kwargs = case
    model = keeps_contract(LinearRegression, kwargs, arg, kind)
    if model is not None:
        assert all(np.all(np.isfinite(p)) for p in model.parameters())


SIZES = {"str": st.sampled_from(["31", ""]), "none": st.none(), "number": st.just(3),
         "seq": st.sampled_from([(3,), ()]), "float": st.just((3, 1.5, 1)), "bool": st.just((3, True, 1)),
         "negative": st.sampled_from([(3, 0, 1), (3, -4, 1)]), "nan": st.just((3, np.nan, 1))}
NAMES = name("Tanh", "sigmoid")


test_mlp = contract_test(
    MLP,
    dict(sizes=(3, 4, 1), activation="tanh", loss="mse", dropout=0.1, seed=0),
    dict(
        sizes=SIZES,
        activation=NAMES,
        loss=NAMES,
        dropout={**unit(), "one": st.just(1.0)},
        seed=SEED,
    ),
    max_examples=100,
    aliases={"sizes": "sizes"},
)


@fuzz(120)
@given(one_bad_argument(dict(X=X6, y=y6, rng=1), dict(X=array((6, 3)), y=array((6,)), rng=RNG)),
       st.sampled_from(sorted(MODELS)), st.sampled_from(["loss", "loss_and_grads", "predict"]))
def test_loss_grads_predict(case, which, method):
    arg, kind, kwargs = case
    model = MODELS[which]()
    if method == "predict":
        if arg == "y":
            return
        kwargs.pop("y")
        if which != "mlp":
            kwargs.pop("rng")
    elif method == "loss":
        kwargs.pop("rng")
    if arg not in kwargs:
        return
    before = model.get_params()
    keeps_contract(getattr(model, method), kwargs, arg, kind)
    for p, b in zip(model.parameters(), before):            # evaluating never changes the model
        np.testing.assert_array_equal(p, b)


@fuzz(80)
@given(one_bad_argument(dict(X=X6, y=labels6), dict(X=array((6, 3)), y={
    **array((6,), exclude=("huge",)), "float labels": st.just(y6), "out of range": st.sampled_from(
        [np.full(6, 3), np.full(6, -1)])})))
def test_classifier(case):
    arg, kind, kwargs = case
    kind = "nan" if kind in ("float labels", "out of range") else kind     # both must raise
    keeps_contract(MLP((3, 4, 3), loss="cross_entropy").loss_and_grads, kwargs, arg, kind)


@fuzz(60)
@given(st.sampled_from(sorted(MODELS)), st.data())
def test_set_params(which, draw):
    model = MODELS[which]()
    values = model.get_params()
    i = draw.draw(st.integers(0, len(values) - 1))
    bad_kinds = array(values[i].shape, exclude=("huge", "nan"))    # NaN/inf: train freezes through here
    kind = draw.draw(st.sampled_from(sorted(bad_kinds)))
    values[i] = draw.draw(bad_kinds[kind])
    before = model.get_params()
    keeps_contract(model.set_params, dict(values=values), "values", kind)
    for p, b in zip(model.parameters(), before):                     # refused: nothing written
        np.testing.assert_array_equal(p, b)
