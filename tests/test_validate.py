"""Tests for lessons_lib._validate, and the contract every public function keeps with it.

1. Property-based tests (hypothesis) of the shared checks.
2. Contracts of public functions: finite input of the right shape gives finite output;
   NaN / complex / empty / wrong-shape input raises ValueError or TypeError naming the argument.
3. A small fuzz driver: every public function, one hostile value per argument at a time;
   each call must raise TypeError/ValueError naming the argument, or warn
   (UnwiseValueWarning). Run with ``-s`` to see the tally.
"""
from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from lessons_lib import (
    augment,
    conventions,
    data,
    exercises,
    linear,
    models,
    optim,
    penalties,
    plots,
    sweep,
    train,
)
from lessons_lib._validate import (
    SQUARABLE,
    UnwiseValueWarning,
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_nonneg,
    check_positive,
    check_scalar,
    check_seed,
    check_squarable,
    check_values,
    check_Xy,
    finite_result,
)

# derandomize: the same examples every run, so CI's verdict does not change between runs
FAST = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- 1. the checks

reals = st.floats(allow_nan=False, allow_infinity=False)
not_numbers = st.one_of(st.text(max_size=5), st.none(), st.booleans(), st.lists(reals, max_size=3),
                        st.complex_numbers(allow_nan=False, allow_infinity=False))


@FAST
@given(reals, reals, reals)
def test_check_scalar_accepts_exactly_the_range(value, a, b):
    low, high = min(a, b), max(a, b)
    if low <= value <= high:
        assert check_scalar(value, "alpha", low=low, high=high) == value
    else:
        with pytest.raises(ValueError, match=r"^alpha must be in the range \["):
            check_scalar(value, "alpha", low=low, high=high)


@FAST
@given(not_numbers)
def test_check_scalar_refuses_non_numbers_by_name(value):
    with pytest.raises(TypeError, match=r"^alpha must be a real number"):
        check_scalar(value, "alpha")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_check_scalar_refuses_non_finite(value):
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        check_scalar(value, "alpha")


@FAST
@given(reals)
def test_check_positive_and_nonneg(value):
    if value > 0:
        assert check_positive(value, "lr") == value
    else:
        with pytest.raises(ValueError, match=r"lr must be in the range \(0, inf\).*such as 0.01"):
            check_positive(value, "lr")
    if value >= 0:
        assert check_nonneg(value, "lam") == value
    else:
        with pytest.raises(ValueError, match=r"lam must be in the range \[0, inf\).*lam=0"):
            check_nonneg(value, "lam")


@FAST
@given(st.integers(), st.integers(-5, 5), st.integers(5, 50))
def test_check_int_bounds(value, low, high):
    if low <= value <= high:
        assert check_int(value, "steps", low=low, high=high) == value
    else:
        with pytest.raises(ValueError, match=r"^steps must be an integer [<>]="):
            check_int(value, "steps", low=low, high=high)


@FAST
@given(st.one_of(st.floats(), st.booleans(), st.text(max_size=3), st.none()))
def test_check_int_refuses_non_integers(value):
    with pytest.raises(TypeError, match=r"^steps must be an integer"):
        check_int(value, "steps")


@FAST
@given(st.one_of(st.integers(), st.text(max_size=5), st.none(), st.floats()))
def test_check_bool_wants_a_real_bool(value):
    with pytest.raises(TypeError, match=r"^fit_intercept must be True or False"):
        check_bool(value, "fit_intercept")


@pytest.mark.parametrize("value", [True, False, np.bool_(True)])
def test_check_bool_accepts_bools(value):
    assert check_bool(value, "flag") is bool(value)


@FAST
@given(st.integers(-10**6, 10**6))
def test_check_seed(seed):
    if seed >= 0:
        a, b = check_seed(seed).random(3), np.random.default_rng(seed).random(3)
        np.testing.assert_array_equal(a, b)
    else:
        with pytest.raises(ValueError, match=r"^seed must be an integer >= 0"):
            check_seed(seed)


@pytest.mark.parametrize("seed", [1.5, "0", True, None, [0]])
def test_check_seed_refuses_non_integers_by_name(seed):
    with pytest.raises(TypeError, match=r"^rng must be an integer >= 0 or a np.random.Generator"):
        check_seed(seed, "rng")


def test_check_seed_passes_a_generator_through():
    gen = np.random.default_rng(3)
    assert check_seed(gen) is gen


finite_arrays = hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4),
                           elements=st.floats(-1e6, 1e6))


@FAST
@given(finite_arrays)
def test_check_array_keeps_finite_real_arrays(x):
    out = check_array(x, "X")
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, x)


@FAST
@given(finite_arrays, st.sampled_from([np.nan, np.inf, -np.inf]), st.data())
def test_check_array_refuses_non_finite(x, bad, draw):
    x = x.copy()
    x.flat[draw.draw(st.integers(0, x.size - 1))] = bad
    with pytest.raises(ValueError, match=r"^X contains NaN or infinite values"):
        check_array(x, "X")
    assert check_array(x, "X", finite=False).shape == x.shape      # plots allow NaN gaps


@FAST
@given(hnp.arrays(np.complex128, hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=4),
                  elements=st.complex_numbers(max_magnitude=1e6)))
def test_check_array_refuses_complex(x):
    with pytest.raises(TypeError, match=r"^X has complex values.*x.real"):
        check_array(x, "X")


@pytest.mark.parametrize("x", [np.empty(0), np.empty((0, 3)), np.empty((4, 0)), []])
def test_check_array_refuses_empty(x):
    with pytest.raises(ValueError, match=r"^X is empty"):
        check_array(x, "X")
    assert check_array(x, "X", allow_empty=True).size == 0


@pytest.mark.parametrize("x", ["1.0", ["a", "b"], [[1.0, 2.0], [3.0]], {"a": 1}, np.array(["1"])])
def test_check_array_refuses_non_numbers(x):
    with pytest.raises(TypeError, match=r"^X must be array-like of (real )?numbers"):
        check_array(x, "X")


@FAST
@given(finite_arrays, st.integers(1, 3))
def test_check_array_ndim(x, ndim):
    if x.ndim == ndim:
        assert check_array(x, "X", ndim=ndim).ndim == ndim
    else:
        with pytest.raises(ValueError, match=rf"^X must be {ndim}-D, got an array of shape"):
            check_array(x, "X", ndim=ndim)


@FAST
@given(st.integers(1, 6), st.integers(1, 6), st.integers(1, 4))
def test_check_Xy_rows_must_match(n, m, d):
    X, y = np.ones((n, d)), np.ones(m)
    if n == m:
        assert check_Xy(X, y)[0].shape == (n, d)
    else:
        with pytest.raises(ValueError, match="X and y must have the same number of rows"):
            check_Xy(X, y)


@FAST
@given(st.one_of(st.text(max_size=4), st.integers(), st.none(), st.lists(st.text(max_size=2))))
def test_check_choice(value):
    if value in ("l2", "l1"):
        assert check_choice(value, "penalty", ("l2", "l1")) == value
    else:
        with pytest.raises(ValueError, match=r"^penalty must be one of 'l2', 'l1'"):
            check_choice(value, "penalty", ("l2", "l1"))


@pytest.mark.parametrize("x", [np.array([True, False]), [True, 0.5], [[1.0], [False]], (np.True_, 2.0)])
def test_check_array_refuses_booleans(x):
    # np.asarray([True, 0.5], dtype=float) is [1.0, 0.5]: the bool would pass as a number
    with pytest.raises(TypeError, match=r"^lam holds True/False where numbers are expected.*dtype=float"):
        check_array(x, "lam")


def test_check_array_refuses_none_by_name():
    # np.asarray(None, dtype=float) is NaN: the message blamed NaN, not the missing array
    with pytest.raises(TypeError, match=r"^w is None; pass array-like numbers"):
        check_array(None, "w")


@FAST
@given(st.one_of(reals, hnp.arrays(np.float64, st.integers(1, 5), elements=reals)),
       st.sampled_from([(0.0, True), (0.0, False)]))
def test_check_values_scalar_or_array_in_range(value, bound):
    low, inclusive = bound
    ok = np.all(np.asarray(value) >= low) if inclusive else np.all(np.asarray(value) > low)
    if ok:
        np.testing.assert_array_equal(check_values(value, "lam", low=low, low_inclusive=inclusive), value)
    else:
        with pytest.raises(ValueError, match=r"^(every )?lam must be"):
            check_values(value, "lam", low=low, low_inclusive=inclusive)


@pytest.mark.parametrize("value, error", [
    (True, TypeError), (np.array([True]), TypeError), ([0.1, np.nan], ValueError),
    ([0.1, -1.0], ValueError), ([], ValueError), ("0.1", TypeError), ([[0.1], [0.2, 0.3]], TypeError),
])
def test_check_values_refuses_by_name(value, error):
    with pytest.raises(error, match=r"\blam\b"):
        check_values(value, "lam")


def test_check_squarable():
    np.testing.assert_array_equal(check_squarable(np.array([SQUARABLE, -1.0]), "X"), [SQUARABLE, -1.0])
    with pytest.raises(OverflowError, match=r"^y has values up to 1e\+200: their squares .*Keep \|y\| below 1e\+150"):
        check_squarable(np.array([1.0, -1e200]), "y")


def test_finite_result_raises_instead_of_returning_inf():
    @finite_result("x is too large: use a smaller x.")
    def double(x):
        """Twice x."""
        return 2.0 * np.asarray(x), {"n": 2}

    assert double(1.5)[0] == 3.0 and double.__doc__ == "Twice x."
    with pytest.raises(OverflowError, match=r"^double: the result overflows float64 .*x is too large"):
        double(1e308)


# --------------------------------------------------------------------------- 2. contracts

def _Xy(draw, n_max=8, d_max=5, bound=1e3):
    n = draw.draw(st.integers(2, n_max))
    d = draw.draw(st.integers(1, d_max))
    el = st.floats(-bound, bound, allow_subnormal=False)
    X = draw.draw(hnp.arrays(np.float64, (n, d), elements=el))
    y = draw.draw(hnp.arrays(np.float64, (n,), elements=el))
    return X, y


@FAST
@given(st.data(), st.sampled_from(["l2", "l1", "elastic_net"]), st.sampled_from([0.0, 1e-20, 1e-3, 1.0]),
       st.booleans())
def test_fit_linear_finite_in_finite_out(draw, penalty, lam, fit_intercept):
    X, y = _Xy(draw)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", linear.ConvergenceWarning)   # allowed; still finite
        coef, b = linear.fit_linear(X, y, penalty=penalty, lam=lam, fit_intercept=fit_intercept)
    assert coef.shape == (X.shape[1],) and np.all(np.isfinite(coef)) and np.isfinite(b)


@FAST
@given(st.data(), st.sampled_from(["nan", "inf", "complex", "empty_rows", "empty_cols", "1-D", "3-D"]))
def test_fit_linear_bad_X_is_named(draw, kind):
    X, y = _Xy(draw)
    X = {"nan": np.where(np.eye(*X.shape, dtype=bool), np.nan, X),
         "inf": np.where(np.eye(*X.shape, dtype=bool), np.inf, X),
         "complex": X + 1j, "empty_rows": X[:0], "empty_cols": X[:, :0],
         "1-D": X[:, 0], "3-D": X[None]}[kind]
    for penalty in ("l2", "l1"):
        with pytest.raises((ValueError, TypeError), match=r"\bX\b"):
            linear.fit_linear(X, y, penalty=penalty, lam=0.1)


@FAST
@given(st.data(), st.sampled_from(["sgd", "adam", "adamw"]), st.sampled_from([None, "l2", "l1"]))
def test_train_finite_in_finite_out_or_flagged(draw, optimizer, penalty):
    X, y = _Xy(draw, bound=10.0)
    model = models.LinearRegression(X.shape[1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnwiseValueWarning)
        hist = train.train(model, X, y, lr=0.05, steps=20, optimizer=optimizer, penalty=penalty,
                           lam=None if penalty is None else 0.01)
    assert np.all(np.isfinite(hist.train_loss))          # a diverged run is restored to finite weights
    assert all(np.all(np.isfinite(p)) for p in model.parameters())


@FAST
@given(st.data(), st.sampled_from(["tanh", "relu"]), st.floats(0.0, 0.9))
def test_mlp_loss_and_grads_finite(draw, activation, dropout):
    X, y = _Xy(draw, bound=10.0)
    net = models.MLP((X.shape[1], 4, 1), activation=activation, dropout=dropout)
    loss, grads = net.loss_and_grads(X, y, rng=draw.draw(st.integers(0, 2**32)))
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads)


@FAST
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e3, 1e3)),
       st.sampled_from([optim.SGD, optim.Adam, optim.AdamW]), st.sampled_from([np.nan, np.inf, -np.inf]),
       st.data())
def test_optimizers_refuse_non_finite_gradients_and_change_nothing(w, cls, bad, draw):
    p = w.copy()
    opt = cls([p], lr=0.01)
    g = np.ones_like(p)
    g[draw.draw(st.integers(0, p.size - 1))] = bad
    with pytest.raises(ValueError, match=r"grads: the gradient for parameter 0.*NaN or inf"):
        opt.step([g])
    np.testing.assert_array_equal(p, w)


@FAST
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-1e3, 1e3)), st.floats(0, 1e3))
def test_soft_threshold_never_grows_weights(w, t):
    out = penalties.soft_threshold(w, t)
    assert np.all(np.abs(out) <= np.abs(w))


# --------------------------------------------------------------------------- 3. fuzz driver

NAN, INF = math.nan, math.inf
FLOAT_BAD = [NAN, INF, -INF, 1 + 2j, "0.1", None, True, [0.1], np.array([0.1, 0.2])]
BAD = {
    "float": FLOAT_BAD,
    "pos": FLOAT_BAD + [0.0, -1.0],
    "nonneg": FLOAT_BAD + [-1.0, -1e-300],
    "unit": FLOAT_BAD + [-0.1, 1.5],
    "int0": [-1, 1.5, "3", True, None, NAN, 2 + 0j],
    "int1": [0, -1, 1.5, "3", True, None, NAN, 2 + 0j],
    "bool": ["False", "True", 0, 1, None, np.array([True])],
    "seed": [-1, 1.5, "0", True, None, [0]],
    "penalty": ["L2", "", "l2 ", 2, None, ["l2"]],
    "arr1": [[], np.array([NAN, 1.0, 2.0, 3.0, 4.0, 5.0]), np.full(6, INF), np.ones(6) + 1j,
             ["a"] * 6, np.ones((6, 1, 1)), None, "abc", [[1.0, 2.0], [3.0]]],
    "arr2": [np.empty((0, 3)), np.empty((6, 0)), np.where(np.eye(6, 3, dtype=bool), NAN, 1.0),
             np.full((6, 3), INF), np.ones((6, 3)) + 1j, np.ones(6), np.ones((1, 6, 3)), None,
             "abc", np.full((6, 3), "a")],
    "text": [None, 3, ["a"], b"bytes"],
}
LAM_BAD = [NAN, INF, 1 + 2j, "0.1", None, True, -1.0, [], [0.1, -1.0], [0.1, NAN], [0.1 + 1j], ["a"]]
rng0 = np.random.default_rng(0)
X6, y6, x6 = rng0.standard_normal((6, 3)), rng0.standard_normal(6), np.linspace(-1, 1, 6)
# the plot helpers get 1-D data of length 6 whose bad versions keep NaN (a gap) legal
PLOT_BAD_1D = [[], np.ones(6) + 1j, ["a"] * 6, np.ones((6, 2)), None, "abc", np.ones(5)]

_fig, _ax = plots.new_figure()


def _with_answer(check, key, answer):
    """exercises.check with one known exercise, "t.value", in the answer table."""
    from lessons_lib import answers, grading  # noqa: F401  (answers files the course's exercises)

    saved = dict(grading.ANSWERS)
    grading.ANSWERS["t.value"] = grading.Answer(2.0, "halve it")
    try:
        return check(key, answer)
    finally:
        grading.ANSWERS.clear()
        grading.ANSWERS.update(saved)


def _mlp(**kw):
    return models.MLP((3, 4, 1), **kw)


# (label, function taking keyword arguments, valid keyword arguments, {argument: kind or list})
CASES = [
    ("data.noisy_curve", data.noisy_curve, dict(n=6, noise=0.1, seed=0, x_range=(-1, 1)),
     dict(n="int1", noise="nonneg", seed="seed", x_range=[(1, -1), (0, NAN), "ab", (0, 1, 2), None])),
    ("data.polynomial_features", data.polynomial_features, dict(x=x6, degree=3),
     dict(x="arr1", degree="int1", x_range=[(1, 1), (NAN, 1), "ab", None])),
    ("data.sparse_linear", data.sparse_linear, dict(n_samples=6, n_features=4, n_informative=2),
     dict(n_samples="int1", n_features="int1", n_informative=BAD["int0"] + [5], noise="nonneg",
          seed="seed")),
    ("data.correlated_features", data.correlated_features, dict(n_samples=6),
     dict(n_samples="int1", n_groups="int1", group_size="int1", rho="unit", noise="nonneg", seed="seed")),
    ("data.two_moons", data.two_moons, dict(n=6), dict(n=BAD["int1"] + [1], noise="nonneg", seed="seed")),
    ("data.split", data.split, dict(X=X6, y=y6),
     dict(y=[np.ones(5), 3.0], fractions=[(0.5, NAN), (1.0,), (0.5 + 1j, 0.5), ("a", "b"), (2.0, -1.0)],
          seed="seed")),
    ("data.two_weights", data.two_weights, dict(n=6), dict(n=BAD["int1"] + [1], seed="seed")),
    ("data.busy_quiet", data.busy_quiet, dict(scale_exp=(-1, 0, 1), n_samples=6),
     dict(scale_exp="arr1", n_samples="int1", seed="seed")),
    ("data.Standardizer.fit", lambda X: data.Standardizer().fit(X), dict(X=X6), dict(X="arr2")),
    ("data.Standardizer.transform", lambda X: data.Standardizer().fit(X6).transform(X), dict(X=X6),
     dict(X=BAD["arr2"] + [np.ones((6, 2))])),
    # (an array lam is legal here: one λ per model for sweep.sweep)
    ("penalties.l2", penalties.l2, dict(lam=0.1), dict(lam=LAM_BAD)),
    ("penalties.l1", penalties.l1, dict(lam=0.1), dict(lam=LAM_BAD)),
    ("penalties.elastic_net", penalties.elastic_net, dict(lam=0.1), dict(lam=LAM_BAD, l1_ratio="unit")),
    ("penalties.make_penalty", penalties.make_penalty, dict(name="l2", lam=0.1),
     dict(name=(BAD["penalty"], "penalty"), lam=LAM_BAD, l1_ratio="unit")),
    ("penalties.Penalty", penalties.Penalty, dict(name="l2", lam=0.1),
     dict(name=(BAD["penalty"], "penalty"), lam=LAM_BAD, l1_ratio="unit")),
    ("penalties.soft_threshold", penalties.soft_threshold, dict(w=y6, t=0.1),
     dict(w=[np.ones(3) + 1j], t=BAD["nonneg"][:5] + [-1.0, np.array([0.1, -0.1])])),
    ("Penalty.prox", lambda w, step: penalties.l1(0.1).prox(w, step), dict(w=y6, step=0.1),
     dict(step=BAD["pos"][:6] + [0.0, -1.0])),
    ("conventions.weight_decay_from_lam", conventions.weight_decay_from_lam, dict(lam=0.1),
     dict(lam="nonneg")),
    ("conventions.lam_from_weight_decay", conventions.lam_from_weight_decay, dict(weight_decay=0.1),
     dict(weight_decay="nonneg")),
    ("conventions.decay_factor", conventions.decay_factor, dict(lr=0.1, weight_decay=0.1),
     dict(lr="pos", weight_decay=BAD["nonneg"] + [20.0])),
    ("conventions.half_life", conventions.half_life, dict(lr=0.1, weight_decay=0.1),
     dict(lr="pos", weight_decay=BAD["nonneg"] + [0.0])),
    ("linear.fit_linear", linear.fit_linear, dict(X=X6, y=y6, penalty="l1", lam=0.1),
     dict(X="arr2", y="arr1", penalty=BAD["penalty"] + [penalties.l1(0.1)], lam="nonneg",
          l1_ratio="unit", fit_intercept="bool", tol="pos", max_iter="int1")),
    ("linear.regularization_path", linear.regularization_path,
     dict(X=X6, y=y6, lams=[0.1, 1.0], penalty="l2"),
     dict(X="arr2", y="arr1", lams=[[], [0.1, NAN], [0.1, -1.0], [0.1 + 1j], "ab", [[0.1]]],
          penalty=BAD["penalty"] + [penalties.l2(0.1)], fit_intercept="bool", tol="pos", max_iter="int1")),
    ("linear.lam_max", linear.lam_max, dict(X=X6, y=y6),
     dict(X="arr2", y="arr1", penalty=BAD["penalty"] + ["l2", penalties.l1(0.1)], l1_ratio="unit",
          fit_intercept="bool")),
    ("linear.predict_linear", linear.predict_linear, dict(X=X6, coef=np.ones(3)),
     dict(X=BAD["arr2"] + [np.ones((6, 2))], coef=[[], np.ones(3) + 1j, [NAN, 1, 1], np.ones((3, 1)), "ab"],
          intercept=BAD["float"][:7])),
    ("linear.sklearn_alpha", linear.sklearn_alpha, dict(penalty="l2", lam=0.1, n_samples=6),
     dict(penalty=BAD["penalty"] + [penalties.l2(0.1)], lam="nonneg", n_samples="int1", l1_ratio="unit")),
    ("linear.sklearn_C", linear.sklearn_C, dict(lam=0.1, n_samples=6),
     dict(lam="nonneg", n_samples="int1")),
    ("linear.course_lam", linear.course_lam, dict(penalty="elastic_net", alpha=0.1, n_samples=6),
     dict(penalty=BAD["penalty"], alpha="nonneg", n_samples="int1", l1_ratio="unit")),
    ("models.LinearRegression", models.LinearRegression, dict(n_features=3),
     dict(n_features="int1", init_scale="nonneg", seed="seed")),
    ("LinearRegression.loss_and_grads",
     lambda X, y, rng=None: models.LinearRegression(3).loss_and_grads(X, y, rng=rng), dict(X=X6, y=y6),
     dict(X=BAD["arr2"] + [np.ones((6, 2))], y=BAD["arr1"] + [np.ones(5)], rng=BAD["seed"][:-2])),
    ("LinearRegression.predict", lambda X: models.LinearRegression(3).predict(X), dict(X=X6),
     dict(X="arr2")),
    ("LinearRegression.copies", lambda k: models.LinearRegression(3).copies(k), dict(k=2), dict(k="int1")),
    ("models.MLP", models.MLP, dict(sizes=(3, 4, 1)),
     dict(sizes=[(3,), (3, 0, 1), (3, 4, 2), (3, 1.5, 1), "31", 3, None], activation=["sigmoid", None, 1],
          loss=["l2", None], dropout=BAD["unit"] + [1.0], seed="seed")),
    ("MLP.loss", lambda X, y: _mlp().loss(X, y), dict(X=X6, y=y6),
     dict(X=BAD["arr2"] + [np.ones((6, 2))], y=BAD["arr1"] + [np.ones(5)])),
    ("MLP.loss_and_grads (dropout)", lambda X, y, rng: _mlp(dropout=0.5).loss_and_grads(X, y, rng=rng),
     dict(X=X6, y=y6, rng=1), dict(X="arr2", y="arr1", rng=BAD["seed"][:-2] + ["x"])),
    ("MLP.predict_class", lambda X, model: model.predict_class(X),
     dict(X=X6, model=models.MLP((3, 4, 2), loss="cross_entropy")),
     dict(model=([_mlp(), _mlp().copies(2)], "predict"), X="arr2")),
    ("MLP.loss (classifier)", lambda X, y: models.MLP((3, 4, 2), loss="cross_entropy").loss(X, y),
     dict(X=X6, y=np.zeros(6, int)), dict(y=[np.zeros(0, int), np.full(6, 2), np.full(6, -1), y6, np.zeros(5, int)])),
    ("optim.SGD", optim.SGD, dict(params=[np.ones(2)], lr=0.1),
     dict(params=([np.ones(2, int)], [np.array([NAN, 1.0])], [], np.ones(2), "ab", None), lr="pos",
          momentum=BAD["nonneg"] + [1.0], dampening="unit", weight_decay=BAD["nonneg"] + [30.0],
          nesterov="bool")),
    ("optim.SGD lr", optim.SGD, dict(params=[np.ones(2)], lr=0.1), dict(lr=[1e300, 1e3])),
    ("optim.Adam", optim.Adam, dict(params=[np.ones(2)]),
     dict(params=([np.ones(2, int)], [], None), lr=BAD["pos"] + [1e300], betas=[(0.9,), (0.9, 1.0),
          (NAN, 0.9), 0.9, None, (0.9, "a")], eps="pos", weight_decay="nonneg", amsgrad="bool")),
    ("optim.AdamW", optim.AdamW, dict(params=[np.ones(2)]),
     dict(lr=BAD["pos"] + [1e300], weight_decay=BAD["nonneg"] + [2000.0], amsgrad="bool")),
    ("SGD.step", lambda grads: optim.SGD([np.ones(2)], lr=0.1).step(grads), dict(grads=[np.ones(2)]),
     dict(grads=[[np.array([NAN, 1.0])], [np.array([INF, 1.0])], [np.ones(3)], [], [np.ones(2) + 1j],
                 [np.array(["a", "b"])], [np.ones(2)] * 2])),
    ("Adam.step", lambda grads: optim.Adam([np.ones(2)]).step(grads), dict(grads=[np.ones(2)]),
     dict(grads=[[np.array([NAN, 1.0])], [np.array([-INF, 1.0])], [np.ones(3)], [np.ones(2) + 1j]])),
    ("AdamW.step", lambda grads: optim.AdamW([np.ones(2)]).step(grads), dict(grads=[np.ones(2)]),
     dict(grads=[[np.array([NAN, 1.0])], [np.array([INF, 1.0])], [np.ones(3)], [np.ones(2) + 1j]])),
    ("optim.decay_groups", optim.decay_groups,
     dict(named_params=[("weight", np.ones(2))], weight_decay=0.1),
     dict(named_params=([np.ones(2)], [("w", np.ones(2), 1)], [(1, np.ones(2))]), weight_decay="nonneg")),
    ("train.train", lambda **kw: train.train(models.LinearRegression(3), **kw),
     dict(X=X6, y=y6, lr=0.1, steps=5),
     dict(X="arr2", y="arr1", lr=BAD["pos"] + [[0.1, 0.2]], steps=BAD["int0"] + [10**12],
          penalty=BAD["penalty"][:-2] + [3, penalties.Penalty], lam=[NAN, 1j, "0.1", True, -1.0, 0.1],
          penalty_mode=["Gradient", None], optimizer=["SGD", "lbfgs", None], weight_decay="nonneg",
          eval_every="int1", snapshot_every=BAD["int1"][:4] + [NAN], blowup=BAD["float"] + [1.0], seed="seed",
          augment=["jitter", 3], X_val=[np.ones((2, 2)), np.ones(3)], momentum=BAD["nonneg"][:7],
          batch_size=[v for v in BAD["int1"] if v is not None] + [7],   # None: full batch
          betas=[(0.8, 0.99), (0.9,)])),
    ("train.train (adam)", lambda **kw: train.train(models.LinearRegression(3), X6, y6, lr=0.1, steps=5,
                                                    optimizer="adam", **kw),
     dict(), dict(momentum=[0.9], betas=[(0.9, 1.0), (NAN, 0.9), "ab"])),
    ("train.train (penalty name)", lambda **kw: train.train(models.LinearRegression(3), X6, y6, lr=0.1,
                                                            steps=5, penalty="l2", **kw),
     dict(lam=0.1), dict(lam=BAD["nonneg"][:5] + [True, -1.0, None], l1_ratio="unit")),
    ("train.train (Penalty object)", lambda **kw: train.train(models.LinearRegression(3), X6, y6, lr=0.1,
                                                              steps=5, penalty=penalties.l2(0.1), **kw),
     dict(), dict(lam=[0.1, 0.0])),
    ("train.train (model)", lambda model: train.train(model, X6, y6, lr=0.1, steps=5),
     dict(model=models.LinearRegression(3)), dict(model=[None, "model", optim, models.LinearRegression(2)])),
    ("sweep.sweep", lambda **kw: sweep.sweep(models.LinearRegression(3), X6, y6, steps=5, **kw),
     dict(lams=[0.1, 1.0]),
     dict(lams=[[], [0.1, -1.0], [[0.1]], "ab", [0.1 + 1j]], penalty=BAD["penalty"] + [penalties.l2(0.1)])),
    ("augment.jitter", augment.jitter, dict(sigma=0.1), dict(sigma="nonneg")),
    ("augment.noisy_copies", augment.noisy_copies, dict(n_copies=2, sigma=0.1),
     dict(n_copies="int0", sigma="nonneg")),
    ("augment.shift_images", augment.shift_images, dict(),
     dict(max_shift=BAD["int0"] + [8], p="unit", fill=BAD["float"][:7])),
    ("plots.new_figure", plots.new_figure, dict(), dict(ncols="int1", nrows="int1", width="pos", height="pos")),
    ("plots.fit_plot", plots.fit_plot, dict(ax=_ax, x=x6, y=y6, x_grid=x6, y_grid=y6),
     dict(ax=[None, "ax", _fig, [_ax]], x=PLOT_BAD_1D, y=PLOT_BAD_1D, x_grid=PLOT_BAD_1D, y_grid=PLOT_BAD_1D,
          truth=PLOT_BAD_1D[:-3] + ["abc", np.ones(5)])),
    ("plots.weight_bars", plots.weight_bars, dict(ax=_ax, w=y6),
     dict(ax=[None, _fig], w=PLOT_BAD_1D[:-1])),
    ("plots.loss_curves", plots.loss_curves, dict(ax=_ax, steps=x6, train=y6),
     dict(ax=[None, _fig], steps=PLOT_BAD_1D, train=PLOT_BAD_1D, val=PLOT_BAD_1D[:-3] + ["abc", np.ones(5)],
          log="bool")),
    ("plots.lam_curves", plots.lam_curves, dict(ax=_ax, lams=np.logspace(-3, 0, 6), train=y6, val=y6),
     dict(ax=[None, _fig], lams=PLOT_BAD_1D + [np.linspace(0, 1, 6)], train=PLOT_BAD_1D, val=PLOT_BAD_1D)),
    ("plots.coef_paths", plots.coef_paths, dict(ax=_ax, lams=np.logspace(-3, 0, 6), coefs=X6),
     dict(ax=[None, _fig], lams=PLOT_BAD_1D, coefs=[[], np.ones(6), np.ones((5, 3)), X6 + 1j, "ab"],
          highlight=[[True], np.ones(3), np.ones(4, bool)])),
    ("plots.paired_bars", plots.paired_bars, dict(ax=_ax, series={"a": y6, "b": y6}),
     dict(ax=[None, _fig], series=[{}, None, [y6], {"a": y6, "b": y6[:5]}, {"a": np.ones(6) + 1j},
                                    {"a": "abc"}], legend=BAD["bool"])),
    ("plots.message", plots.message, dict(ax=_ax), dict(ax=[None, _fig], text=BAD["text"])),
    ("exercises.check_value", exercises.check_value, dict(answer=2.0, expected=2.0, name="E1", hint="h"),
     dict(name=BAD["text"] + [""], hint=BAD["text"] + [""], rtol="nonneg", atol="nonneg")),
    ("exercises.check", lambda key, answer: _with_answer(exercises.check, key, answer),
     dict(key="t.value", answer=2.0),
     dict(key=[None, 3, "", "0.0", ["t.value"]])),
    ("exercises.check_function", exercises.check_function,
     dict(fn=abs, reference=abs, cases=[(1.0,)], name="E1", hint="h"),
     dict(fn=[None, 3], reference=[None, "abs"], cases=[[], [1.0], "ab", [(1.0,), 2.0]],
          name=BAD["text"], hint=BAD["text"], rtol="nonneg", atol="nonneg")),
]
#: Names an error may use for an argument instead of its own.
ALIASES = {"named_params": "named_parameters|pairs", "params": "params|parameter", "grads": "grads|gradients",
           "bars": "bars|BarContainer", "X_val": "X_val|validation", "lams": "lams|grid|lam",
           "model": "model|features", "name": "name|penalty"}


def _fuzz_one(fn, kwargs, arg):
    """'raised' / 'warned' / a description of the failure."""
    pattern = ALIASES.get(arg, arg)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn(**kwargs)
        except (TypeError, ValueError) as err:
            if re.search(rf"(?<![\w.])({pattern})(?!\w)", str(err)):
                return "raised"
            return f"{type(err).__name__} without the name: {err}"
        except Exception as err:  # noqa: BLE001 (the point: any other type is a failure)
            return f"{type(err).__name__}: {err}"
    unwise = [w for w in caught if issubclass(w.category, UnwiseValueWarning)]
    if unwise:
        return "warned"
    other = [f"{w.category.__name__}: {w.message}" for w in caught]
    return "accepted silently" + (f" ({other})" if other else "")


def run_fuzz():
    tally, failures = {"calls": 0, "raised": 0, "warned": 0}, []
    for label, fn, base, args in CASES:
        fn(**base)                                   # the valid call works, or the case is wrong
        for arg, spec in args.items():
            if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], str):
                # (bad values, name in the message)
                values, shown = spec
            else:
                values, shown = (BAD[spec] if isinstance(spec, str) else spec), arg
            for bad in values:
                kwargs = {**base, arg: bad}
                outcome = _fuzz_one(fn, kwargs, shown)
                tally["calls"] += 1
                if outcome in ("raised", "warned"):
                    tally[outcome] += 1
                else:
                    failures.append(f"{label}({arg}={bad!r:.40}): {outcome}")
    return tally, failures


def test_fuzz_every_public_function_rejects_hostile_input_by_name(capsys):
    tally, failures = run_fuzz()
    with capsys.disabled():
        print(f"\nfuzz: {tally['calls']} calls, {tally['raised']} clean rejections naming the argument, "
              f"{tally['warned']} warnings, {len(failures)} failures")
    assert tally["calls"] > 500
    assert not failures, "\n".join(failures)
