"""lessons_lib.runs_sparse against scikit-learn's lasso and elastic net, and closed forms.

The course's MSE + λ·Σ|w| is scikit-learn's ``Lasso(alpha = λ/2)``; with the L1 share ρ,
the elastic net is ``ElasticNet(alpha = λ(1 − ρ/2), l1_ratio = ρ/(2 − ρ))`` (the
conventions table in notebook 12). Each exercise's answer is derived from those fits.
"""
import json
from pathlib import Path

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso, lasso_path
from test_runs import solution_text

from lessons_lib import answers, data, runs_sparse

ROOT = Path(__file__).resolve().parents[1]


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


# -- 04 · the η panel: subgradient vs prox steps -------------------------------------------

def l1_descent_by_hand(X, y, eta, lam, steps, prox):
    """Full-batch descent on (1/n)·‖Xw + b − y‖² + λ·Σ|w| from w ~ N(0, 1) (seed 1), b = 0,
    written out: the weights at every step."""
    n = len(y)
    w, b = np.random.default_rng(1).standard_normal(X.shape[1]), 0.0
    path = [w]
    for _ in range(steps):
        r = X @ w + b - y
        grad_w, grad_b = 2 / n * X.T @ r, 2 / n * r.sum()
        if prox:                                     # data step, then soft-threshold at η·λ
            v = w - eta * grad_w
            w = np.sign(v) * np.maximum(np.abs(v) - eta * lam, 0.0)
        else:                                        # the subgradient, sign(0) = 0
            w = w - eta * (grad_w + lam * np.sign(w))
        b = b - eta * grad_b
        path.append(w)
    return np.array(path)


def test_l1_descent_steps_as_written_out_by_hand():
    run = runs_sparse.l1_descent()
    X, y, true_coef = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
    np.testing.assert_array_equal(run.X, X)
    np.testing.assert_array_equal(run.true_coef, true_coef)
    for k in (0, run.index(0.1), len(run.grid) - 1):
        for mode in ("gradient", "prox"):
            by_hand = l1_descent_by_hand(X, y, run.grid[k], 1.0, 400, prox=mode == "prox")
            np.testing.assert_allclose(run.weights[mode][k], by_hand, rtol=0, atol=1e-10,
                                       err_msg=f"{mode} at η = {run.grid[k]:.3g}")


def test_l1_descent_prox_finds_scikit_learns_lasso_zeros_and_subgradient_none():
    run = runs_sparse.l1_descent()
    lasso = Lasso(alpha=run.lam / 2, tol=1e-12, max_iter=1_000_000).fit(run.X, run.y).coef_
    np.testing.assert_allclose(run.w_lasso, lasso, atol=1e-9)
    assert np.sum(lasso == 0) == 35
    noise = lasso == 0
    for k, eta in enumerate(run.grid):
        prox, sub = run.weights["prox"][k], run.weights["gradient"][k]
        np.testing.assert_array_equal(prox[-1] == 0, noise, err_msg=f"prox zeros at η = {eta:.3g}")
        if eta >= 0.05:                               # 400 steps are enough to converge there
            np.testing.assert_allclose(prox[-1], lasso, atol=1e-9)
        assert not np.any(sub[1:] == 0), f"a subgradient weight hit exactly 0 at η = {eta:.3g}"
        band = np.abs(sub[-50:, noise]).max() / (eta * run.lam)    # the jitter, in units of η·λ
        assert 1.0 < band < 2.2, f"η = {eta:.3g}: the 35 noise weights reach {band:.2f}·η·λ"


# -- 04 · exercise 4.2 ---------------------------------------------------------------------

def test_4_2_from_scikit_learn_lasso_path():
    run = runs_sparse.lasso_selection()
    Xc, yc = run.X - run.X.mean(axis=0), run.y - run.y.mean()        # lasso_path: no intercept
    path = course_lasso_path(Xc, yc, run.grid)
    np.testing.assert_allclose(run.path, path, atol=1e-6)
    true_kept = np.sum(path[:, run.true_coef != 0] != 0, axis=1)
    assert notch("4.2").value == run.grid[np.argmax(true_kept < 5)]


def test_4_2_is_not_answered_above_it_and_its_solution_states_the_range():
    """Neither the answer nor the range of exact support recovery (whose last notch is the
    one before the answer) is printed above exercise 4.2: the learner drags the panel. The
    solution states them, read off the same run."""
    run = runs_sparse.lasso_selection()
    exact = np.array([np.array_equal(c != 0, run.true_coef != 0) for c in run.path])
    recovered = run.grid[exact]
    answer = notch("4.2")
    assert run.grid[answer.index - 1] == recovered.max()          # the notch before the answer
    facts = [f"{answer.value:.3g}", f"{recovered.min():.3g}", f"{recovered.max():.3g}",
             f"{exact.sum()} of the {len(run.grid)}"]
    above = text_above("4.2")
    for giveaway in facts + ["support recovery at"]:
        assert giveaway not in above, f"exercise 4.2 is answered above itself: {giveaway!r}"
    solution = solution_text("4.2")
    assert all(fact in solution for fact in facts), (facts, solution)


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


def test_5_1_solution_forty_times_l1s_lam_not_four():
    """The solution's numbers, from scikit-learn's fits at the first λ of the fine grid with
    50 zeros: ρ = 0.25 needs about 40× L1's λ, because its L2 part leaves the informative
    weights at ~30 % and the residual then pushes ~10× harder on the noise features."""
    run = runs_sparse.elastic_net_mix()
    X, y, w_true = data.sparse_linear(n_samples=400, n_features=100, n_informative=10,
                                      noise=0.5, seed=0)
    Xs, ys, _, _ = data.split(X, y, (0.5, 0.5), seed=0)
    informative = w_true != 0
    first, share, push = {}, {}, {}
    for rho in (0.25, 1.0):
        zeros = np.sum(run.W[run.rhos.index(rho)] == 0, axis=1)
        first[rho] = lam = run.lams[np.argmax(zeros >= 50)]
        fit = ElasticNet(alpha=lam * (1 - rho / 2), l1_ratio=rho / (2 - rho), tol=1e-12,
                         max_iter=1_000_000).fit(Xs, ys)
        assert np.sum(fit.coef_ == 0) >= 50
        grad = 2 / len(ys) * Xs.T @ (Xs @ fit.coef_ + fit.intercept_ - ys)    # ∂MSE/∂w
        assert np.all(np.abs(grad[fit.coef_ == 0]) <= lam * rho * (1 + 1e-6))  # zero: push ≤ λρ
        share[rho] = np.median(fit.coef_[informative] / w_true[informative])
        push[rho] = np.median(np.abs(grad[~informative]))
    assert (round(first[0.25], 2), round(first[1.0], 4)) == (2.37, 0.0562)
    assert 38 < first[0.25] / first[1.0] < 45                      # "about 40 times", not 4
    assert 0.25 < share[0.25] < 0.35 and share[1.0] > 0.95         # "about 30 %" of true size
    assert (round(push[0.25], 2), round(push[1.0], 3)) == (0.43, 0.044)
    assert 8 < push[0.25] / push[1.0] < 12                          # "about 10 times harder"


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


def text_above(key: str) -> str:
    """What a learner can read above exercise ``key``'s check cell: every markdown cell (folds
    included) and every printed output, including those of collapsed cells."""
    stem = next(p.stem for p in (ROOT / "notebooks").glob(f"{int(key.split('.')[0]):02d}_*.ipynb"))
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]
    end = next(i for i, c in enumerate(cells) if c["cell_type"] == "code"
               and f'exercises.check("{key}"' in "".join(c["source"]))
    parts = []
    for cell in cells[:end]:
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def test_9_2_is_not_answered_above_it_and_its_solution_states_the_corner():
    """The corner λ (closed form) and the first notch on the corner are printed only in the
    solution; the learner finds them by dragging the panel or by computing the line."""
    X, y = data.two_weights()
    G, c = X.T @ X / len(y), X.T @ y / len(y)
    w_ols = np.linalg.solve(G, c)
    corner = 2 * w_ols[1] / np.linalg.solve(G, np.sign(w_ols))[1]
    first_notch = f"{notch('9.2').value:.3g}"
    above = text_above("9.2")
    for giveaway in (f"{corner:.4f}", f"{corner:.3f}", f"{corner:.2f}", f"λ ≈ {first_notch}",
                     f"λ = {first_notch}", "on the corner at"):
        assert giveaway not in above, f"exercise 9.2 is answered above itself: {giveaway!r}"
    assert f"{corner:.4f}" in solution_text("9.2")


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
