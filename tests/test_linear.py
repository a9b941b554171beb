"""Tests for lessons_lib.linear: exact ridge / lasso / elastic net against scikit-learn."""
import warnings

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet, Lasso, Ridge

from lessons_lib.data import noisy_curve, polynomial_features
from lessons_lib.linear import (
    ConvergenceWarning,
    course_lam,
    fit_linear,
    lam_max,
    predict_linear,
    regularization_path,
    sklearn_alpha,
)
from lessons_lib.penalties import make_penalty

# Any ConvergenceWarning of ours that a test does not expect is a failure.
pytestmark = pytest.mark.filterwarnings("error::lessons_lib.linear.ConvergenceWarning")

SK = {"l2": Ridge, "l1": Lasso, "elastic_net": ElasticNet}
SK_TIGHT = {"l2": {}, "l1": {"tol": 1e-12, "max_iter": 10**6},
            "elastic_net": {"tol": 1e-12, "max_iter": 10**6}}


def make_data(n=60, d=8, seed=0):
    """Correlated features on different scales: a shared factor, a near-copy, a wide column."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) + 0.8 * rng.standard_normal((n, 1))
    X[:, 1] = X[:, 0] + 0.1 * rng.standard_normal(n)
    X[:, 2] *= 5.0
    w = np.zeros(d)
    w[[0, 2, 4, d - 1]] = [2.0, -0.3, 1.0, 0.5]
    y = X @ w + 3.0 + 0.5 * rng.standard_normal(n)
    return X, y


@pytest.fixture
def data():
    return make_data()


@pytest.fixture
def wide():
    return make_data(n=20, d=30, seed=1)


def objective(X, y, coef, intercept, penalty, lam, l1_ratio=0.5):
    """The course objective (1/n)Σ(y − Xw − b)² + λ·P(w), from the formula."""
    r = y - X @ coef - intercept
    return np.mean(r**2) + make_penalty(penalty, lam, l1_ratio).value(coef)


def fit_sklearn(X, y, penalty, lam, l1_ratio=0.5, fit_intercept=True):
    kw = sklearn_alpha(penalty, lam, len(y), l1_ratio=l1_ratio)
    model = SK[penalty](**kw, fit_intercept=fit_intercept, **SK_TIGHT[penalty]).fit(X, y)
    return model.coef_, float(model.intercept_)


# ------------------------------------------------------------------ agreement with scikit-learn

@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("lam", [1e-3, 0.1, 3.0])
@pytest.mark.parametrize("shape", ["tall", "wide"])
def test_l2_matches_sklearn_ridge(data, wide, shape, lam, fit_intercept):
    X, y = data if shape == "tall" else wide
    coef, b = fit_linear(X, y, penalty="l2", lam=lam, fit_intercept=fit_intercept)
    sk_coef, sk_b = fit_sklearn(X, y, "l2", lam, fit_intercept=fit_intercept)
    np.testing.assert_allclose(coef, sk_coef, rtol=1e-6, atol=1e-8)
    assert b == pytest.approx(sk_b, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("frac", [0.5, 0.1, 0.01])
@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elastic_net", 0.2),
                                               ("elastic_net", 0.5), ("elastic_net", 0.9)])
def test_l1_and_elastic_net_match_sklearn(data, penalty, l1_ratio, frac, fit_intercept):
    X, y = data
    lam = frac * lam_max(X, y, penalty, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    coef, b = fit_linear(X, y, penalty=penalty, lam=lam, l1_ratio=l1_ratio,
                         fit_intercept=fit_intercept)
    sk_coef, sk_b = fit_sklearn(X, y, penalty, lam, l1_ratio, fit_intercept)
    np.testing.assert_allclose(coef, sk_coef, rtol=1e-6, atol=1e-8)
    assert b == pytest.approx(sk_b, rel=1e-6, abs=1e-8)
    np.testing.assert_array_equal(coef == 0, sk_coef == 0)   # the same exact zeros
    if frac == 0.5:
        assert np.any(coef == 0), "this λ should zero out at least one weight"


def test_lasso_on_wide_data_matches_sklearn(wide):
    X, y = wide
    lam = 0.05 * lam_max(X, y)
    coef, b = fit_linear(X, y, penalty="l1", lam=lam)
    sk_coef, sk_b = fit_sklearn(X, y, "l1", lam)
    np.testing.assert_allclose(coef, sk_coef, rtol=1e-6, atol=1e-8)
    np.testing.assert_array_equal(coef == 0, sk_coef == 0)
    assert np.count_nonzero(coef) <= len(y)   # a lasso solution uses at most n features


# ------------------------------------------------------------------ optimality, from the formula

@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elastic_net", 0.5)])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_kkt_conditions_hold(data, penalty, l1_ratio, fit_intercept):
    """Subgradient optimality: g_j = (2/n)x_jᵀr − 2λ(1−ρ)w_j equals λρ·sign(w_j) on the
    support and has |g_j| ≤ λρ where w_j = 0 (for L1: |(2/n)x_jᵀr| ≤ λ)."""
    X, y = data
    n = len(y)
    lam = 0.2 * lam_max(X, y, penalty, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    coef, b = fit_linear(X, y, penalty=penalty, lam=lam, l1_ratio=l1_ratio,
                         fit_intercept=fit_intercept)
    r = y - X @ coef - b
    g = 2 / n * X.T @ r - 2 * lam * (1 - l1_ratio) * coef
    on = coef != 0
    assert on.any() and (~on).any(), "the test needs both zero and nonzero weights"
    np.testing.assert_allclose(g[on], lam * l1_ratio * np.sign(coef[on]), rtol=1e-9, atol=1e-12)
    assert np.all(np.abs(g[~on]) <= lam * l1_ratio * (1 + 1e-9))
    if fit_intercept:
        assert abs(r.mean()) < 1e-12 * np.abs(y).max()   # ∂/∂b = 0: residuals average to 0


def test_l2_gradient_is_zero(data):
    X, y = data
    lam = 0.3
    coef, b = fit_linear(X, y, penalty="l2", lam=lam)
    r = y - X @ coef - b
    grad = -2 / len(y) * X.T @ r + 2 * lam * coef
    np.testing.assert_allclose(grad, 0.0, atol=1e-12)


@pytest.mark.parametrize("penalty", ["l2", "l1", "elastic_net"])
def test_objective_is_minimised(data, penalty):
    X, y = data
    lam = 0.05
    coef, b = fit_linear(X, y, penalty=penalty, lam=lam)
    best = objective(X, y, coef, b, penalty, lam)
    rng = np.random.default_rng(3)
    for scale in (1e-2, 1e-4):
        for _ in range(50):
            dw, db = scale * rng.standard_normal(len(coef)), scale * rng.standard_normal()
            assert objective(X, y, coef + dw, b + db, penalty, lam) >= best
    sk_coef, sk_b = fit_sklearn(X, y, penalty, lam)
    assert best <= objective(X, y, sk_coef, sk_b, penalty, lam) + 1e-12


# ------------------------------------------------------------------ limits: λ = 0, huge λ, λ_max

@pytest.mark.parametrize("penalty", ["l2", "l1", "elastic_net"])
def test_lam_zero_is_least_squares(data, wide, penalty):
    X, y = data
    coef, b = fit_linear(X, y, penalty=penalty, lam=0.0, fit_intercept=False)
    np.testing.assert_allclose(coef, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-10)
    assert b == 0.0
    coef, b = fit_linear(X, y, penalty=penalty, lam=0.0)
    both = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    np.testing.assert_allclose(np.append(coef, b), both, rtol=1e-9)
    X, y = wide   # rank deficient: the minimum-norm solution
    coef, _ = fit_linear(X, y, penalty=penalty, lam=0.0, fit_intercept=False)
    np.testing.assert_allclose(coef, np.linalg.lstsq(X, y, rcond=None)[0], rtol=1e-9)
    np.testing.assert_allclose(X @ coef, y, atol=1e-9)


def test_huge_lam_gives_zeros_for_l1_and_a_tiny_norm_for_l2(data):
    X, y = data
    for penalty in ("l1", "elastic_net"):
        coef, b = fit_linear(X, y, penalty=penalty, lam=1e6)
        assert np.all(coef == 0.0)
        assert b == pytest.approx(y.mean())
    ols = np.linalg.norm(fit_linear(X, y, penalty="l2", lam=0.0)[0])
    coef, b = fit_linear(X, y, penalty="l2", lam=1e8)
    assert 0 < np.linalg.norm(coef) < 1e-6 * ols   # shrunk hard, never exactly 0


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elastic_net", 0.1),
                                               ("elastic_net", 0.3), ("elastic_net", 0.7)])
def test_lam_max_is_the_first_all_zero_lam(data, penalty, l1_ratio, fit_intercept):
    X, y = data
    top = lam_max(X, y, penalty, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    kw = dict(penalty=penalty, l1_ratio=l1_ratio, fit_intercept=fit_intercept)
    assert np.all(fit_linear(X, y, lam=top, **kw)[0] == 0.0)
    assert np.count_nonzero(fit_linear(X, y, lam=0.999 * top, **kw)[0]) >= 1
    # and it is the formula max|x_jᵀ(y − ȳ)|·2/(nρ), up to the last bit
    Xc, yc = (X - X.mean(0), y - y.mean()) if fit_intercept else (X, y)
    assert top == pytest.approx(np.abs(Xc.T @ yc).max() * 2 / (len(y) * l1_ratio), rel=1e-14)


def test_lam_max_refuses_pure_l2(data):
    X, y = data
    with pytest.raises(ValueError, match="no lam_max"):
        lam_max(X, y, "l2")
    with pytest.raises(ValueError, match="no lam_max"):
        lam_max(X, y, "elastic_net", l1_ratio=0.0)


# ------------------------------------------------------------------ edge cases

def test_constant_and_duplicate_columns(data):
    X, y = data
    X = np.column_stack([X, np.full(len(y), 7.0), X[:, 0]])   # a constant and an exact copy
    for penalty in ("l1", "elastic_net"):
        lam = 0.1 * lam_max(X, y, penalty)
        coef, b = fit_linear(X, y, penalty=penalty, lam=lam)
        assert np.all(np.isfinite(coef)) and coef[-2] == 0.0
        sk_coef, sk_b = fit_sklearn(X, y, penalty, lam)
        best = objective(X, y, coef, b, penalty, lam)
        assert best <= objective(X, y, sk_coef, sk_b, penalty, lam) + 1e-10
    coef, _ = fit_linear(X, y, penalty="elastic_net", lam=0.1)   # strictly convex: copies share
    assert coef[0] == pytest.approx(coef[-1], rel=1e-9)


def test_elastic_net_with_l1_ratio_zero_is_ridge(data):
    X, y = data
    ridge = fit_linear(X, y, penalty="l2", lam=0.2)
    enet = fit_linear(X, y, penalty="elastic_net", lam=0.2, l1_ratio=0.0)
    np.testing.assert_allclose(enet[0], ridge[0], rtol=1e-8, atol=1e-10)
    assert enet[1] == pytest.approx(ridge[1], rel=1e-8)


def test_max_iter_reached_warns(data):
    X, y = data
    with pytest.warns(ConvergenceWarning, match="Raise max_iter, or standardise X"):
        fit_linear(X, y, penalty="l1", lam=1e-3, max_iter=1)
    with pytest.warns(ConvergenceWarning, match="max_iter=1 "):
        regularization_path(X, y, [1e-3, 1e-4], penalty="elastic_net", max_iter=1)


def test_predict_linear(data):
    X, y = data
    coef, b = fit_linear(X, y, penalty="l2", lam=0.1)
    np.testing.assert_allclose(predict_linear(X, coef, b), X @ coef + b)
    with pytest.raises(ValueError, match="8 features but coef has 3"):
        predict_linear(X, coef[:3], b)


# ------------------------------------------------------------------ regularization_path

@pytest.mark.parametrize("penalty", ["l2", "l1", "elastic_net"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_path_equals_independent_fits_in_callers_order(data, penalty, fit_intercept):
    X, y = data
    top = lam_max(X, y)
    lams = np.array([0.3, 0.0, 1.2, 0.01, top, 0.3, 0.05]) * top   # unsorted, a 0, a repeat
    coefs, intercepts = regularization_path(X, y, lams, penalty=penalty, l1_ratio=0.4,
                                            fit_intercept=fit_intercept)
    assert coefs.shape == (len(lams), X.shape[1]) and intercepts.shape == (len(lams),)
    for k, lam in enumerate(lams):
        coef, b = fit_linear(X, y, penalty=penalty, lam=lam, l1_ratio=0.4,
                             fit_intercept=fit_intercept)
        np.testing.assert_allclose(coefs[k], coef, rtol=1e-9, atol=1e-12)
        assert intercepts[k] == pytest.approx(b, rel=1e-9, abs=1e-12)
        if penalty != "l2":
            np.testing.assert_array_equal(coefs[k] == 0, coef == 0)
    np.testing.assert_array_equal(coefs[0], coefs[5])   # the repeated λ


def test_path_on_a_long_grid_stays_optimal():
    X, y = make_data(n=200, d=30, seed=2)
    lams = lam_max(X, y) * np.logspace(0, -4, 100)
    coefs, intercepts = regularization_path(X, y, lams, penalty="l1")
    nonzeros = np.count_nonzero(coefs, axis=1)
    assert nonzeros[0] == 0 and nonzeros[-1] == X.shape[1]
    for k in (10, 50, 90):   # spot-check against scikit-learn along the path
        sk_coef, sk_b = fit_sklearn(X, y, "l1", lams[k])
        np.testing.assert_allclose(coefs[k], sk_coef, rtol=1e-6, atol=1e-8)


# ------------------------------------------------------------------ the scikit-learn translation

def test_sklearn_alpha_formulas():
    assert sklearn_alpha("l2", 0.1, n_samples=50) == {"alpha": pytest.approx(5.0)}
    assert sklearn_alpha("l1", 0.5, n_samples=50) == {"alpha": 0.25}
    assert sklearn_alpha("elastic_net", 1.0, 50, l1_ratio=0.5) == {
        "alpha": 0.75, "l1_ratio": pytest.approx(1 / 3)}
    # ρ = 1 is the lasso and ρ = 0 is ridge in scikit-learn's ElasticNet scaling too
    assert sklearn_alpha("elastic_net", 0.5, 50, l1_ratio=1.0) == {"alpha": 0.25, "l1_ratio": 1.0}
    assert sklearn_alpha("elastic_net", 0.5, 50, l1_ratio=0.0) == {"alpha": 0.5, "l1_ratio": 0.0}


@pytest.mark.parametrize("penalty, l1_ratio", [("l2", 0.5), ("l1", 0.5), ("elastic_net", 0.25),
                                               ("elastic_net", 0.8)])
def test_course_lam_inverts_sklearn_alpha(penalty, l1_ratio):
    kw = sklearn_alpha(penalty, 0.37, 40, l1_ratio=l1_ratio)
    back = course_lam(penalty, n_samples=40, **kw)
    assert back["lam"] == pytest.approx(0.37, rel=1e-14)
    if penalty == "elastic_net":
        assert back["l1_ratio"] == pytest.approx(l1_ratio, rel=1e-14)


@pytest.mark.parametrize("penalty, sk_kw", [("l2", {"alpha": 4.0}), ("l1", {"alpha": 0.02}),
                                            ("elastic_net", {"alpha": 0.05, "l1_ratio": 0.3})])
def test_course_lam_reproduces_a_sklearn_model(data, penalty, sk_kw):
    """Start from scikit-learn's numbers, translate, and get scikit-learn's weights."""
    X, y = data
    model = SK[penalty](**sk_kw, **SK_TIGHT[penalty]).fit(X, y)
    coef, b = fit_linear(X, y, penalty=penalty, **course_lam(penalty, n_samples=len(y), **sk_kw))
    np.testing.assert_allclose(coef, model.coef_, rtol=1e-6, atol=1e-8)
    assert b == pytest.approx(model.intercept_, rel=1e-6)


# ------------------------------------------------------------------ validation

@pytest.mark.parametrize("kwargs, error, match", [
    ({"lam": -1.0}, ValueError, r"lam must be in the range \[0, inf.*lam=0"),
    ({"lam": float("nan")}, ValueError, "lam must be a finite number.*lam=0"),
    ({"lam": [0.1, 0.2]}, TypeError, "lam must be a real number"),
    ({"penalty": "l3"}, ValueError, "penalty must be one of 'l2', 'l1', 'elastic_net'"),
    ({"penalty": "elastic_net", "l1_ratio": 1.5}, ValueError, r"l1_ratio must be in the range"),
    ({"tol": 0.0}, ValueError, "tol must be in the range"),
    ({"max_iter": 0}, ValueError, "max_iter must be an integer >= 1"),
])
def test_fit_linear_rejects_bad_arguments(data, kwargs, error, match):
    X, y = data
    args = {"penalty": "l1", "lam": 0.1, **kwargs}
    with pytest.raises(error, match=match):
        fit_linear(X, y, **args)


def test_fit_linear_rejects_bad_data(data):
    X, y = data
    with pytest.raises(ValueError, match="X must be 2-D"):
        fit_linear(X[:, 0], y, penalty="l2", lam=0.1)
    with pytest.raises(ValueError, match="y must be 1-D"):
        fit_linear(X, y[:, None], penalty="l2", lam=0.1)
    with pytest.raises(ValueError, match="same number of rows"):
        fit_linear(X[:-1], y, penalty="l2", lam=0.1)
    X_bad = X.copy()
    X_bad[3, 2] = np.nan
    with pytest.raises(ValueError, match="X contains NaN"):
        fit_linear(X_bad, y, penalty="l1", lam=0.1)
    with pytest.raises(ValueError, match="y contains NaN or infinite"):
        fit_linear(X, np.where(y > 3, np.inf, y), penalty="l1", lam=0.1)


@pytest.mark.parametrize("lams, match", [
    ([], "non-empty 1-D sequence"),
    (0.1, "non-empty 1-D sequence"),
    ([[0.1, 0.2]], "non-empty 1-D sequence"),
    ([0.1, -0.2], "every lams must be a finite number >= 0, got -0.2. Use lam=0"),
    ([0.1, np.nan], "lams contains NaN"),
])
def test_path_rejects_bad_lams(data, lams, match):
    X, y = data
    with pytest.raises(ValueError, match=match):
        regularization_path(X, y, lams, penalty="l1")


def test_translation_helpers_reject_bad_arguments():
    with pytest.raises(ValueError, match="n_samples must be an integer >= 1"):
        sklearn_alpha("l2", 0.1, n_samples=0)
    with pytest.raises(ValueError, match="lam=0"):
        sklearn_alpha("l1", -0.1, n_samples=10)
    with pytest.raises(ValueError, match="penalty must be one of"):
        course_lam("ridge", alpha=1.0, n_samples=10)
    with pytest.raises(ValueError, match="alpha must be in the range"):
        course_lam("l1", alpha=-1.0, n_samples=10)
    with pytest.raises(ValueError, match="l1_ratio must be in the range"):
        course_lam("elastic_net", alpha=1.0, n_samples=10, l1_ratio=2.0)


# ------------------------------------------------------------------ degenerate problems
# n ≈ d, more features than samples, copies, collinear and badly scaled columns, tiny λ.
# There the L1 minimiser may not be unique, so these tests check what every minimiser
# shares: the optimality (KKT) conditions, the objective value and the predictions Xw.

def kkt_violation(X, y, coef, b, lam, l1_ratio=1.0, fit_intercept=True):
    """The largest violation of the optimality conditions, as a fraction of λ_max·ρ.

    With g = (2/n)Xᵀr − 2λ(1 − ρ)w: g_j = λρ·sign(w_j) where w_j ≠ 0, |g_j| ≤ λρ where
    w_j = 0, and (with an intercept) the residuals r average to 0.
    """
    n = len(y)
    r = y - X @ coef - b
    g = 2 / n * X.T @ r - 2 * lam * (1 - l1_ratio) * coef
    on = coef != 0
    worst = max(np.max(np.abs(g[on] - lam * l1_ratio * np.sign(coef[on])), initial=0.0),
                np.max(np.abs(g[~on]) - lam * l1_ratio, initial=0.0),
                abs(2 * r.mean()) if fit_intercept else 0.0)
    return worst / (lam_max(X, y, fit_intercept=fit_intercept) * l1_ratio)


def used_columns_are_independent(X, coef, fit_intercept=True):
    Xc = X - X.mean(axis=0) if fit_intercept else X
    return np.linalg.matrix_rank(Xc[:, coef != 0]) == np.count_nonzero(coef)


@pytest.fixture
def course_polynomial():
    """The notebooks' problem: degree-15 Legendre features of 15 noisy points (n ≈ d)."""
    x, y = noisy_curve(15, seed=0)
    return polynomial_features(x, 15), y


@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elastic_net", 0.5)])
def test_polynomial_features_down_to_tiny_lam(course_polynomial, penalty, l1_ratio):
    X, y = course_polynomial
    lams = [1.0, 1e-1, 1e-3, 1e-5, 1e-6, 1e-8]                 # decreasing
    losses, penalties = [], []
    for lam in lams:
        coef, b = fit_linear(X, y, penalty=penalty, lam=lam, l1_ratio=l1_ratio)
        assert kkt_violation(X, y, coef, b, lam, l1_ratio) < 1e-9
        if penalty == "l1":
            assert used_columns_are_independent(X, coef)
            assert np.count_nonzero(coef) <= len(y) - 1         # centred X has rank ≤ n − 1
        losses.append(np.mean((y - X @ coef - b) ** 2))
        penalties.append(make_penalty(penalty, 1.0, l1_ratio).value(coef))
    # a smaller λ never fits worse and never has a smaller penalty P(w): both are the same
    # for every minimiser, so this holds whichever one the solver picks
    assert np.all(np.diff(losses) <= 1e-12) and np.all(np.diff(penalties) >= -1e-9)
    assert losses[-1] < 1e-2 * losses[0]                        # tiny λ nearly interpolates


@pytest.mark.parametrize("n, d", [(20, 60), (40, 40), (41, 40)])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_lasso_with_as_many_features_as_samples(n, d, fit_intercept):
    X, y = make_data(n=n, d=d, seed=4)
    top = lam_max(X, y, fit_intercept=fit_intercept)
    for lam in (0.05 * top, 1e-4, 1e-8):
        coef, b = fit_linear(X, y, penalty="l1", lam=lam, fit_intercept=fit_intercept)
        assert kkt_violation(X, y, coef, b, lam, fit_intercept=fit_intercept) < 1e-9
        assert used_columns_are_independent(X, coef, fit_intercept)
    lam = 0.05 * top                      # scikit-learn converges quickly here: compare
    coef, b = fit_linear(X, y, penalty="l1", lam=lam, fit_intercept=fit_intercept)
    sk_coef, sk_b = fit_sklearn(X, y, "l1", lam, fit_intercept=fit_intercept)
    assert objective(X, y, coef, b, "l1", lam) <= objective(X, y, sk_coef, sk_b, "l1", lam) + 1e-12


def test_duplicate_and_collinear_columns_at_tiny_lam(data):
    X, y = data
    X = np.column_stack([X, X[:, 4], X[:, 0] - 2 * X[:, 3], np.full(len(y), 7.0)])
    copy, const = X.shape[1] - 3, X.shape[1] - 1
    for lam in (1e-2, 1e-5, 1e-8):
        coef, b = fit_linear(X, y, penalty="l1", lam=lam)
        assert kkt_violation(X, y, coef, b, lam) < 1e-9
        assert used_columns_are_independent(X, coef)     # never both copies of a column
        assert coef[4] == 0.0 or coef[copy] == 0.0
        assert coef[const] == 0.0
        coef, b = fit_linear(X, y, penalty="elastic_net", lam=lam, l1_ratio=0.5)
        assert kkt_violation(X, y, coef, b, lam, l1_ratio=0.5) < 1e-9
        assert coef[4] == pytest.approx(coef[copy], rel=1e-6)   # unique: copies share
        assert coef[const] == 0.0


def test_non_unique_lasso_returns_one_of_equally_good_answers(data):
    """With an exact copy of a feature, moving weight between the two copies changes
    neither the fit nor Σ|w| (same signs): every such split is a minimiser. The solver
    returns the one that uses a single copy (linearly independent columns)."""
    X, y = data
    X = np.column_stack([X, X[:, 4]])
    lam = 0.1 * lam_max(X, y)
    coef, b = fit_linear(X, y, penalty="l1", lam=lam)
    assert np.count_nonzero(coef[[4, -1]]) == 1        # which copy it is: a rounding matter
    total = coef[4] + coef[-1]
    split = coef.copy()
    split[4], split[-1] = 0.25 * total, 0.75 * total
    assert objective(X, y, split, b, "l1", lam) == pytest.approx(
        objective(X, y, coef, b, "l1", lam), rel=1e-13)
    assert kkt_violation(X, y, split, b, lam) < 1e-9            # the split is optimal too


@pytest.mark.parametrize("penalty, l1_ratio", [("l1", 1.0), ("elastic_net", 0.5)])
def test_columns_on_very_different_scales(penalty, l1_ratio):
    X, y = make_data(n=80, d=12, seed=5)
    scales = np.logspace(-4, 4, X.shape[1])
    X = X * scales                                      # entries from ~1e-4 to ~1e4
    y = y + X[:, 0] * 1e4                               # a tiny column that matters
    for lam in (1e-1, 1e-4, 1e-8):
        coef, b = fit_linear(X, y, penalty=penalty, lam=lam, l1_ratio=l1_ratio)
        assert kkt_violation(X, y, coef, b, lam, l1_ratio) < 1e-9
    assert coef[0] != 0.0


@pytest.mark.parametrize("penalty", ["l1", "elastic_net"])
def test_path_on_a_degenerate_problem_matches_independent_fits(course_polynomial, penalty):
    X, y = course_polynomial
    lams = np.logspace(-8, 0, 60)
    coefs, intercepts = regularization_path(X, y, lams, penalty=penalty)   # l1_ratio 0.5
    rho = make_penalty(penalty, 1.0, 0.5).mix[0]
    for k in range(0, len(lams), 6):
        assert kkt_violation(X, y, coefs[k], intercepts[k], lams[k], rho) < 1e-9
        coef, b = fit_linear(X, y, penalty=penalty, lam=lams[k])
        # the predictions and the objective are unique even where the weights are not
        np.testing.assert_allclose(X @ coefs[k] + intercepts[k], X @ coef + b,
                                   rtol=1e-7, atol=1e-9)
        assert objective(X, y, coefs[k], intercepts[k], penalty, lams[k]) == pytest.approx(
            objective(X, y, coef, b, penalty, lams[k]), rel=1e-9)


def test_near_copies_beyond_rounding_error_warn_or_stay_optimal():
    """Columns equal up to 1e-9 at λ ≈ 1e-9: the exact weights exploit the tiny
    differences and are huge, beyond what XᵀX resolves in floating point. The solver
    must neither crash nor loop: it returns finite weights that are optimal up to
    rounding, or says why not."""
    rng = np.random.default_rng(2)
    X = np.repeat(rng.standard_normal((2, 1)), 3, axis=1) + 1e-9 * rng.standard_normal((2, 3))
    y = np.array([3.0, 2.0])
    lam = 1.25e-9
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coef, b = fit_linear(X, y, penalty="l1", lam=lam, fit_intercept=False)
    assert np.all(np.isfinite(coef)) and b == 0.0
    assert objective(X, y, coef, b, "l1", lam) < objective(X, y, 0 * coef, b, "l1", lam)
    if caught:
        assert caught[0].category is ConvergenceWarning
        assert "Remove near-duplicate features or raise lam" in str(caught[0].message)
    else:
        assert kkt_violation(X, y, coef, b, lam, fit_intercept=False) < 1e-6


# --- Bad input and one penalty spelling -------------------------------------------------------

@pytest.mark.parametrize("name, obj", [("l2", "l2"), ("l1", "l1"), ("elastic_net", "elastic_net")])
def test_fit_linear_takes_a_penalty_object_too(name, obj):
    X, y = make_data()
    a = fit_linear(X, y, penalty=name, lam=0.1, l1_ratio=0.3)
    b = fit_linear(X, y, penalty=make_penalty(obj, 0.1, 0.3))
    np.testing.assert_array_equal(a[0], b[0])
    assert a[1] == b[1]


def test_fit_linear_penalty_object_with_lam_is_refused():
    X, y = make_data()
    with pytest.raises(ValueError, match="already holds its lam"):
        fit_linear(X, y, penalty=make_penalty("l2", 0.1), lam=0.1)
    with pytest.raises(TypeError, match="penalty='l2' needs a strength"):
        fit_linear(X, y, penalty="l2")
    with pytest.raises(TypeError, match="regularization_path takes the penalty's name"):
        regularization_path(X, y, [0.1], penalty=make_penalty("l2", 0.1))


@pytest.mark.parametrize("flag", ["False", 0, 1, None, "True"])
def test_fit_intercept_must_be_a_bool(flag):
    X, y = make_data()
    with pytest.raises(TypeError, match="fit_intercept must be True or False"):
        fit_linear(X, y, penalty="l2", lam=0.1, fit_intercept=flag)
    with pytest.raises(TypeError, match="fit_intercept must be True or False"):
        lam_max(X, y, fit_intercept=flag)


@pytest.mark.parametrize("penalty", ["l2", "l1", "elastic_net"])
def test_zero_features_or_samples_are_refused(penalty):
    with pytest.raises(ValueError, match=r"X is empty \(shape \(5, 0\)\)"):
        fit_linear(np.ones((5, 0)), np.ones(5), penalty=penalty, lam=0.1)
    with pytest.raises(ValueError, match=r"X is empty"):
        fit_linear(np.ones((0, 2)), np.ones(0), penalty=penalty, lam=0.1)


def test_complex_input_is_refused():
    X, y = make_data()
    with pytest.raises(TypeError, match="X has complex values"):
        fit_linear(X + 1j, y, penalty="l2", lam=0.1)
    with pytest.raises(TypeError, match="y has complex values"):
        fit_linear(X, y + 0j, penalty="l2", lam=0.1)


@pytest.mark.parametrize("lam", [1e-30, 1e-20, 1e-16])
def test_ridge_with_a_duplicated_column_stays_finite_at_tiny_lam(lam):
    X, y = make_data()
    X = np.c_[X, X[:, 0]]                                 # an exact copy: one singular value ≈ 1e-16
    coef, b = fit_linear(X, y, penalty="l2", lam=lam)
    ols, b_ols = fit_linear(X, y, penalty="l2", lam=0.0)   # lstsq's minimum-norm solution
    np.testing.assert_allclose(coef, ols, atol=1e-6)
    assert coef[0] == pytest.approx(coef[-1], abs=1e-9)   # the weight is shared by the copies
    path, _ = regularization_path(X, y, [lam, 1.0], penalty="l2")
    np.testing.assert_allclose(path[0], coef, atol=1e-12)


@pytest.mark.parametrize("lam", [1e-6, 1e-3, 0.1, 10.0])
def test_ridge_with_a_duplicated_column_agrees_with_sklearn(lam):
    X, y = make_data()
    X = np.c_[X, X[:, 0]]
    coef, b = fit_linear(X, y, penalty="l2", lam=lam)
    sk = Ridge(**sklearn_alpha("l2", lam, len(y))).fit(X, y)
    np.testing.assert_allclose(coef, sk.coef_, rtol=1e-6, atol=1e-8)
    assert b == pytest.approx(sk.intercept_, rel=1e-6, abs=1e-8)


def test_predict_linear_intercept_must_be_a_number():
    with pytest.raises(TypeError, match="intercept must be a real number"):
        predict_linear(np.ones((2, 1)), np.ones(1), "1")


def test_lasso_with_a_denormal_column_stays_finite():
    # found by hypothesis: the active-set walk divided by a denormal step and overflowed
    X = np.array([[5.96046448e-08, 7.30308955e-289, 2.0, 0, 0],
                  [1.0, 0, 0, 0, 0], [0, 1.0, 0, 0, 0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        coef, intercept = fit_linear(X, np.ones(3), penalty="l1", lam=1e-20,
                                     fit_intercept=False)
    assert np.all(np.isfinite(coef)) and intercept == 0.0


# ------------------------------------------------------------------ LogisticRegression(C)

from sklearn.linear_model import LogisticRegression  # noqa: E402

from lessons_lib.linear import sklearn_C  # noqa: E402


def classes(n_classes, n=120, d=3, seed=0):
    """Overlapping Gaussian blobs (labels 0 … n_classes − 1), so every fit stays finite."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % n_classes
    X = rng.standard_normal((n, d)) + rng.standard_normal((n_classes, d))[y]
    return X, y


def course_xent_gradient(X, y, W, b, lam):
    """Gradient of the course objective: mean cross-entropy + λ·Σw² (biases unpenalized).

    ``W`` of shape (d,) is a binary sigmoid model, of shape (K, d) a K-class softmax."""
    n = len(y)
    if W.ndim == 1:
        err = 1 / (1 + np.exp(-(X @ W + b))) - y                    # p − y
    else:
        z = X @ W.T + b
        p = np.exp(z - z.max(axis=1, keepdims=True))
        err = p / p.sum(axis=1, keepdims=True) - np.eye(W.shape[0])[y]
    return (err.T @ X / n + 2 * lam * W).ravel(), err.mean(axis=0)


def test_sklearn_C_formula():
    assert sklearn_C(0.05, 100) == {"C": pytest.approx(0.1)}
    assert sklearn_C(0.01, 200) == {"C": pytest.approx(0.25)}
    assert sklearn_C(0.0, 10) == {"C": np.inf}
    with pytest.raises(ValueError, match="lam must be"):
        sklearn_C(-0.1, 10)
    with pytest.raises(ValueError, match="n_samples must be"):
        sklearn_C(0.1, 0)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("lam", [1e-3, 0.05, 1.0])
def test_logistic_regression_with_sklearn_C_minimises_the_course_objective(n_classes, lam):
    """At scikit-learn's solution the course objective's gradient is 0, so it is the minimiser."""
    X, y = classes(n_classes)
    with warnings.catch_warnings():
        warnings.simplefilter("error")                   # no deprecation of the spelling used
        sk = LogisticRegression(**sklearn_C(lam, len(y)), tol=1e-10, max_iter=10_000).fit(X, y)
    W = sk.coef_[0] if n_classes == 2 else sk.coef_
    b = sk.intercept_[0] if n_classes == 2 else sk.intercept_
    grad_w, grad_b = course_xent_gradient(X, y, W, b, lam)
    np.testing.assert_allclose(grad_w, 0.0, atol=1e-7)
    np.testing.assert_allclose(grad_b, 0.0, atol=1e-7)
    wrong_w, _ = course_xent_gradient(X, y, W, b, 2 * lam)   # C = 1/(nλ): the ½ forgotten
    assert np.abs(wrong_w).max() > 1e-4


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("tol, error, match", [
    (1e10, ValueError, r"tol must be in the range \[1e-15, 1e-06\], got 1e\+10.*Keep the default 1e-10"),
    (0.5, ValueError, r"tol must be in the range \[1e-15, 1e-06\], got 0.5"),
    (0.0, ValueError, r"tol must be in the range .*got 0\."),
    (-1.0, ValueError, r"tol must be in the range"),
    (1e-300, ValueError, r"tol must be in the range .*smaller than float64's rounding"),
    (np.nan, ValueError, r"tol must be a finite number"),
    (True, TypeError, r"tol must be a real number"),
])
def test_an_absurd_tol_is_refused(data, tol, error, match):
    # was: tol=1e10 (any tol >= 1) returned all-zero weights for L1 and elastic net
    X, y = data
    for call in (lambda: fit_linear(X, y, penalty="l1", lam=0.05, tol=tol),
                 lambda: regularization_path(X, y, [0.05, 0.5], penalty="elastic_net", tol=tol)):
        with pytest.raises(error, match=match):
            call()


def test_the_tol_range_keeps_the_exact_answer(data):
    X, y = data
    exact = fit_linear(X, y, penalty="l1", lam=0.05)[0]
    for tol in (1e-15, 1e-6):
        np.testing.assert_allclose(fit_linear(X, y, penalty="l1", lam=0.05, tol=tol)[0], exact, atol=1e-5)


@pytest.mark.parametrize("penalty", ["l2", "l1"])
def test_inputs_whose_squares_overflow_are_refused(data, penalty):
    # was: X scaled by 1e300 gave coef = 0 (s² overflowed to inf), y by 1e307 huge weights
    X, y = data
    with pytest.raises(OverflowError, match=r"^X has values up to .*Keep \|X\| below 1e\+150"):
        fit_linear(X * 1e300, y, penalty=penalty, lam=0.01)
    with pytest.raises(OverflowError, match=r"^y has values up to"):
        regularization_path(X, y * 1e200, [0.1], penalty=penalty)
    with pytest.raises(OverflowError, match=r"^X has values up to"):
        lam_max(X * 1e200, y)


def test_weights_that_overflow_raise(data):
    X, y = data
    with pytest.raises(OverflowError, match=r"^fit_linear: the result overflows.*tiny X, huge y"):
        fit_linear(X * 1e-200, y * 1e140, penalty="l2", lam=0.0)


def test_conversions_and_predictions_raise_instead_of_overflowing():
    from lessons_lib.linear import sklearn_C

    # was: {'alpha': inf}, {'lam': inf}, {'C': inf} for a positive λ, and [inf, inf]
    with pytest.raises(OverflowError, match=r"^sklearn_alpha: the result overflows.*use a smaller lam"):
        sklearn_alpha("l2", lam=1e308, n_samples=10)
    with pytest.raises(OverflowError, match=r"^course_lam: the result overflows.*smaller alpha"):
        course_lam("l1", alpha=1e308, n_samples=10)
    with pytest.raises(OverflowError, match=r"^lam=1e-310 is so small that C = 1/\(2·n_samples·lam\) overflows"):
        sklearn_C(1e-310, 1)
    assert sklearn_C(0.0, 10) == {"C": np.inf}                    # λ = 0: scikit-learn's "no penalty"
    with pytest.raises(OverflowError, match=r"^predict_linear: the result overflows.*Rescale X"):
        predict_linear(np.full((2, 2), 1e200), np.full(2, 1e200))


def test_a_ragged_lams_is_named(data):
    # was: numpy's "setting an array element with a sequence", naming nothing (found by the fuzz)
    with pytest.raises(TypeError, match=r"^lams must be array-like of numbers"):
        regularization_path(*data, [[0.1], [0.2, 0.3]], penalty="l2")
