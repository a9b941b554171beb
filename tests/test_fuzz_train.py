"""lessons_lib.train under hostile input, by class (see tests/hostile.py for the contract)."""
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
    quiet,
    unit,
)
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import augment, models, penalties, sweep, train
from lessons_lib._validate import UnwiseValueWarning

rng0 = np.random.default_rng(0)
X6, y6 = rng0.standard_normal((6, 16)), rng0.standard_normal(6)
NAME = name("L2", "Gradient", "SGD")
RNG = {"none": st.none(), "seed": st.sampled_from([0, 1]), "str": st.just("rng"), "bool": st.just(True)}
HOOKS = {"jitter": lambda: augment.jitter(0.1), "noisy_copies": lambda: augment.noisy_copies(2, 0.1),
         "shift_images": lambda: augment.shift_images((4, 4), 1, p=0.5)}


test_jitter = contract_test(
    augment.jitter, dict(sigma=0.1), dict(sigma=number(low="nonneg")), max_examples=60
)


test_noisy_copies = contract_test(
    augment.noisy_copies,
    dict(n_copies=2, sigma=0.1),
    dict(n_copies=integer(low=0), sigma=number(low="nonneg")),
    max_examples=60,
)


test_shift_images = contract_test(
    quiet(augment.shift_images, UnwiseValueWarning),
    dict(shape=(8, 8), max_shift=1, p=0.5, fill=0.0),
    dict(
        shape={
            "seq": st.sampled_from([(8,), (8, 8, 1)]),
            "none": st.none(),
            "float": st.just((8.0, 8)),
            "negative": st.just((0, 8)),
            "bool": st.just((True, 8)),
            "str": st.just("88"),
        },
        max_shift=integer(low=0),
        p=unit(),
        fill=number(),
    ),
    max_examples=80,
    aliases={"shape": "shape"},
)


@fuzz(120)
@given(one_bad_argument(dict(X=X6, y=y6, rng=None),
                        dict(X=array((6, 16)), y=array((6,)), rng=RNG)), st.sampled_from(sorted(HOOKS)))
def test_hooks(case, which):
    arg, kind, kwargs = case
    if arg != "rng":
        kwargs["rng"] = np.random.default_rng(0)
    keeps_contract(HOOKS[which](), kwargs, arg, kind)


@fuzz(150)
@given(one_bad_argument(
    dict(X=X6, y=y6, lr=0.05, steps=3, penalty="l2", lam=0.01, l1_ratio=0.5, penalty_mode="gradient",
         optimizer="sgd", weight_decay=0.0, momentum=0.0, eval_every=1, blowup=1e6, seed=0),
    dict(X=array((6, 16)), y=array((6,)), lr=number(low="pos", exclude=("seq",)), steps=integer(low=0),
         penalty=NAME, lam=number(low="nonneg", exclude=("seq",)), l1_ratio=unit(), penalty_mode=NAME,
         optimizer=NAME, weight_decay=number(low="nonneg"), momentum=number(low="nonneg"),
         eval_every=integer(low=1), blowup={**number(), "below": st.sampled_from([1.0, 0.5, -1.0])},
         seed=integer(low=0))))
def test_train(case):
    arg, kind, kwargs = case
    model = models.LinearRegression(16)
    hist = keeps_contract(quiet(lambda **kw: train.train(model, **kw), UnwiseValueWarning), kwargs, arg, kind)
    assert all(np.all(np.isfinite(p)) for p in model.parameters())     # restored if it diverged
    if hist is not None:
        assert np.all(np.isfinite(hist.train_loss))


@fuzz(100)
@given(one_bad_argument(dict(lams=np.array([0.0, 0.1, 1.0]), penalty="l2", lr=0.05),
                        dict(lams=array((3,), nonneg=True), penalty=NAME, lr=number(low="pos"))))
def test_sweep(case):
    arg, kind, kwargs = case
    fits, hist = keeps_contract(quiet(lambda **kw: sweep.sweep(models.LinearRegression(16), X6, y6, steps=3, **kw),
                                      UnwiseValueWarning), kwargs, arg, kind,
                                aliases={"lams": "lams|lam"}) or (None, None)
    if hist is not None:
        assert np.all(np.isfinite(hist.train_loss))


def test_a_penalty_object_and_none_are_legal():
    for penalty, lam in ((penalties.l1(0.1), None), (None, None)):
        hist = train.train(models.LinearRegression(16), X6, y6, lr=0.05, steps=3, penalty=penalty, lam=lam)
        assert np.all(np.isfinite(hist.train_loss))
