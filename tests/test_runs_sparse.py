"""lessons_lib.runs_sparse against scikit-learn's lasso and elastic net, and closed forms.

The course's MSE + λ·Σ|w| is scikit-learn's ``Lasso(alpha = λ/2)``; with the L1 share ρ,
the elastic net is ``ElasticNet(alpha = λ(1 − ρ/2), l1_ratio = ρ/(2 − ρ))`` (the
conventions table in notebook 12). Each exercise's answer is derived from those fits.
"""
import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, lasso_path

from lessons_lib import answers, data, runs_sparse


def notch(key):
    expected = answers.ANSWERS[key].value()
    assert isinstance(expected, answers.Notch), key
    return expected


def course_lasso_path(Xc, yc, lams):
    """scikit-learn's lasso path on centred data, one row per λ of ``lams`` (in that order)."""
    alphas, coefs, _ = lasso_path(Xc, yc, alphas=np.asarray(lams) / 2, tol=1e-12,
                                  max_iter=1_000_000)
    order = np.argsort(alphas)                      # lasso_path returns the alphas descending
    return coefs.T[order][np.argsort(np.argsort(lams))]


# -- 04 · exercise 4.2 ---------------------------------------------------------------------

def test_4_2_from_scikit_learn_lasso_path():
    run = runs_sparse.lasso_selection()
    Xc, yc = run.X - run.X.mean(axis=0), run.y - run.y.mean()        # lasso_path: no intercept
    path = course_lasso_path(Xc, yc, run.grid)
    np.testing.assert_allclose(run.path, path, atol=1e-6)
    true_kept = np.sum(path[:, run.true_coef != 0] != 0, axis=1)
    assert notch("4.2").value == run.grid[np.argmax(true_kept < 5)]


def test_lam_max_zeroes_everything_and_prox_finds_the_same_zeros():
    run = runs_sparse.lasso_selection()
    tight = {"tol": 1e-12, "max_iter": 1_000_000}
    # just above λ_max (exactly at it, scikit-learn 1.4 leaves a weight at rounding level)
    assert np.all(Lasso(alpha=1.0001 * run.lam_max / 2, **tight).fit(run.X, run.y).coef_ == 0)
    assert np.any(Lasso(alpha=0.99 * run.lam_max / 2, **tight).fit(run.X, run.y).coef_ != 0)
    np.testing.assert_array_equal(run.prox_zeros, np.sum(run.path == 0, axis=1))


# -- 05 · exercise 5.1 ---------------------------------------------------------------------

def test_5_1_from_scikit_learn_elastic_net():
    run, rho = runs_sparse.elastic_net_mix(), 0.25
    X, y, _ = data.sparse_linear(n_samples=400, n_features=100, n_informative=10, noise=0.5,
                                 seed=0)
    Xs, ys, _, _ = data.split(X, y, (0.5, 0.5), seed=0)
    zeros = []
    for lam in run.grid:
        fit = ElasticNet(alpha=lam * (1 - rho / 2), l1_ratio=rho / (2 - rho), tol=1e-12,
                         max_iter=1_000_000).fit(Xs, ys)
        np.testing.assert_allclose(run.W[run.rhos.index(rho), run.row(lam)], fit.coef_, atol=1e-6)
        zeros.append(np.sum(fit.coef_ == 0))
    assert notch("5.1").value == run.grid[np.argmax(np.array(zeros) >= 50)]


# -- 09 · exercises 9.2 and 9.3 ------------------------------------------------------------

def test_9_2_from_the_closed_form_corner_and_scikit_learn():
    run = runs_sparse.two_weight_paths()
    X, y = data.two_weights()
    G, c = X.T @ X / len(y), X.T @ y / len(y)
    w_ols = np.linalg.solve(G, c)
    corner = 2 * w_ols[1] / np.linalg.solve(G, np.sign(w_ols))[1]   # w_ols − (λ/2)G⁻¹s, w₂ = 0
    assert notch("9.2").value == run.grid[run.grid >= corner][0]
    assert notch("9.2").window()[0] <= corner
    on_corner = []
    for lam in run.grid:
        w = Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-12, max_iter=1_000_000).fit(X, y).coef_
        on_corner.append(w[1] == 0 and w[0] != 0)
    assert notch("9.2").value == run.grid[np.argmax(on_corner)]


def test_9_3_from_the_covariances_and_scikit_learn():
    run = runs_sparse.units()
    first = []
    for X in (run.X, data.Standardizer().fit_transform(run.X)):
        dies_at = 2 * np.abs((X - X.mean(axis=0)).T @ (run.y - run.y.mean())) / len(run.y)
        Xc, yc = X - X.mean(axis=0), run.y - run.y.mean()
        path = course_lasso_path(Xc, yc, run.grid)
        alive = [run.grid[path[:, j] != 0].max() for j in range(2)]      # largest λ with w ≠ 0
        assert np.argmin(alive) == np.argmin(dies_at)
        first.append(int(np.argmin(dies_at)) + 1)
    assert answers.ANSWERS["9.3"].value() == tuple(first) == (2, 1)
