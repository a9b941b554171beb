"""lessons_lib.data under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import numpy as np
from hostile import (
    array,
    contract_test,
    fuzz,
    integer,
    keeps_contract,
    number,
    one_bad_argument,
    unit,
)
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import data

RANGE = {"reversed": st.sampled_from([(1.0, -1.0), (0.5, 0.5)]), "nan": st.just((0.0, np.nan)),
         "str": st.just("ab"), "seq": st.just((0.0, 1.0, 2.0)), "none": st.none(),
         "bool": st.just((False, True)), "huge": st.sampled_from([(-1e308, 1e308), (0.0, 1e308)])}
SEED = integer(low=0)
SCALAR = {"ndim": st.sampled_from([np.float64(1.0), 3.0])}     # one row per sample: not a number


test_true_curve = contract_test(
    data.true_curve,
    dict(x=np.linspace(-1, 1, 5)),
    dict(x=array((5,), exclude=("ndim",))),
    max_examples=80,
)


test_noisy_curve = contract_test(
    data.noisy_curve,
    dict(n=6, noise=0.1, seed=0, x_range=(-1.0, 1.0)),
    dict(n=integer(low=1), noise=number(low="nonneg"), seed=SEED, x_range=RANGE),
    max_examples=120,
)


test_polynomial_features = contract_test(
    data.polynomial_features,
    dict(x=np.linspace(-1, 1, 6), degree=3, x_range=(-1.0, 1.0)),
    dict(x=array((6,)), degree=integer(low=1), x_range=RANGE),
    max_examples=100,
)


test_sparse_linear = contract_test(
    data.sparse_linear,
    dict(n_samples=6, n_features=4, n_informative=2, noise=0.5, seed=0),
    dict(
        n_samples=integer(low=1),
        n_features=integer(low=1),
        n_informative=integer(low=0),
        noise=number(low="nonneg"),
        seed=SEED,
    ),
    max_examples=100,
)


test_correlated_features = contract_test(
    data.correlated_features,
    dict(n_samples=6, n_groups=2, group_size=2, rho=0.9, noise=0.5, seed=0),
    dict(
        n_samples=integer(low=1),
        n_groups=integer(low=1),
        group_size=integer(low=1),
        rho=unit(),
        noise=number(low="nonneg"),
        seed=SEED,
    ),
    max_examples=100,
)


test_two_moons = contract_test(
    data.two_moons,
    dict(n=6, noise=0.2, seed=0),
    dict(n=integer(low=2), noise=number(low="nonneg"), seed=SEED),
    max_examples=60,
)


test_busy_quiet = contract_test(
    data.busy_quiet,
    dict(scale_exp=np.array([-1.0, 0.0, 1.0]), n_samples=6, seed=1),
    dict(scale_exp=array((3,)), n_samples=integer(low=1), seed=SEED),
    max_examples=60,
)


test_two_weights = contract_test(
    data.two_weights, dict(n=6, seed=0), dict(n=integer(low=2), seed=SEED), max_examples=40
)


FRACTIONS = {"nan": st.just((0.5, np.nan)), "negative": st.just((1.5, -0.5)), "seq": st.just((1.0,)),
             "str": st.just(("a", "b")), "bool": st.just((True, False)), "none": st.none(),
             "complex": st.just((0.5 + 1j, 0.5)), "empty": st.just(()), "huge": st.just((1e308, -1e308)),
             "ragged": st.just([[0.5], [0.25, 0.25]])}


@fuzz(150)
@given(one_bad_argument(dict(X=np.arange(12.0).reshape(6, 2), y=np.arange(6.0), fractions=(0.5, 0.5), seed=0),
                        dict(X={**array((6, 2), exclude=("ndim",)), **SCALAR},
                             y={**array((6,), exclude=("ndim",)), **SCALAR},
                             fractions=FRACTIONS, seed=SEED)))
def test_split(case):
    arg, kind, kwargs = case
    parts = keeps_contract(data.split, kwargs, arg, kind)
    if parts is not None:                       # huge but finite values: kept exactly
        X = np.asarray(kwargs["X"])
        assert sum(len(p) for p in parts[::2]) == len(X)
        np.testing.assert_array_equal(np.sort(np.concatenate(parts[::2]), axis=0), np.sort(X, axis=0))


@fuzz(120)
@given(one_bad_argument(dict(X=np.arange(12.0).reshape(4, 3) ** 1.5), dict(X=array((4, 3)))),
       st.sampled_from(["fit", "transform", "fit_transform"]))
def test_standardizer(case, method):
    arg, kind, kwargs = case
    if method == "transform":
        fitted = data.Standardizer().fit(np.arange(12.0).reshape(4, 3) ** 1.5)
        keeps_contract(fitted.transform, kwargs, arg, kind)
    elif method == "fit":
        s = keeps_contract(data.Standardizer().fit, kwargs, arg, kind)
        if s is not None:
            assert np.all(np.isfinite(s.mean_)) and np.all(s.scale_ > 0)
    else:
        keeps_contract(data.Standardizer().fit_transform, kwargs, arg, kind)


@fuzz(30)
@given(st.one_of(list(integer(low=1).values())))
def test_curve_splits_features(degree):
    keeps_contract(data.overfit_set().features, dict(degree=degree), "degree", "negative")
