"""lessons_lib.runs_curves against NumPy's least squares, scikit-learn and closed forms.

The oracles build their own features (``numpy.polynomial.legendre.legvander``) and solve
with NumPy or scikit-learn (``Ridge(alpha = n·λ)``, ``Lasso(alpha = λ/2)`` for the course's
MSE + λ·penalty with an intercept), then derive each exercise's answer themselves.
"""
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from numpy.polynomial import legendre
from sklearn.linear_model import Lasso, Ridge

from lessons_lib import answers, data, exercises, grading, runs_curves

ROOT = Path(__file__).resolve().parents[1]


def notch(key):
    expected = answers.ANSWERS[key].value()
    assert isinstance(expected, grading.Notch), key
    return expected


def features(x, degree):
    """Legendre P₁ … P_degree at x, from NumPy (not data.polynomial_features)."""
    return legendre.legvander(x, degree)[:, 1:]


def least_squares(X, y):
    """The minimum-norm least-squares weights with a free intercept."""
    w = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    return w, y.mean() - X.mean(axis=0) @ w


def ridge_path(X, y, lams):
    fits = [Ridge(alpha=len(y) * lam, solver="svd").fit(X, y) for lam in lams]
    return np.array([f.coef_ for f in fits]), np.array([f.intercept_ for f in fits])


# -- 01 · exercise 1.1 ---------------------------------------------------------------------

def test_capacity_against_numpy_least_squares():
    run, prob = runs_curves.capacity(16), data.wave_set()
    assert sorted(run.x) == sorted(prob.x)                   # the 16 points, reordered
    val = []
    for d in run.grid:
        w, b = least_squares(features(run.x, d), run.y)
        val.append(np.mean((features(prob.x_val, d) @ w + b - prob.y_val) ** 2))
    np.testing.assert_allclose(run.val, val, rtol=1e-5)
    assert answers.ANSWERS["1.1"].value() == run.grid[np.argmin(val)] == 5


def test_max_slope_against_a_finite_difference():
    w, b = np.array([0.5, -1.0, 2.0]), 0.3
    xs = np.linspace(-0.8, 0.9, 200_001)
    numeric = np.max(np.abs(np.gradient(legendre.legval(xs, np.r_[b, w]), xs)))
    assert runs_curves.max_slope(w, b, -0.8, 0.9) == pytest.approx(numeric, rel=1e-3)



def test_degree_15_on_60_points_is_calm_but_at_the_very_edges():
    """Notebook 1's panel bullet: at 60 points degree 15's validation MSE is near the noise
    floor and its curve calm, but for flicks at the very edges (NumPy's least squares and
    Legendre derivative, not the run's own)."""
    run, prob = runs_curves.capacity(60), data.wave_set()
    w, b = least_squares(features(run.x, 15), run.y)
    val = np.mean((features(prob.x_val, 15) @ w + b - prob.y_val) ** 2)
    assert val == pytest.approx(run.val[14]) and val < 1.25 * prob.noise**2
    xs = np.linspace(run.x.min(), run.x.max(), 20_001)
    slope = np.abs(legendre.legval(xs, legendre.legder(np.r_[b, w])))
    true_slope = np.abs(np.gradient(data.true_curve(xs), xs)).max()
    assert slope[np.abs(xs) <= 0.9].max() < 2 * true_slope              # calm in the middle
    for edge in (xs < -0.95, xs > 0.95):                                 # flicks at both ends
        assert slope[edge].max() > 8 * true_slope
    assert runs_curves.max_slope(w, b, run.x.min(), run.x.max()) == pytest.approx(slope.max(), rel=1e-3)


def test_every_capacity_fit_obeys_notebook_1s_slope_bound():
    """|dŷ/dx| ≤ √(Σw²)·√(Σ_k (k(k+1)/2)²) (Cauchy–Schwarz; max |P_k′| on [−1, 1] is
    P_k′(1) = k(k+1)/2), with the factors notebook 1's fold quotes: 6.8 and 228."""
    xs = np.linspace(-1, 1, 20_001)
    for k in (1, 4, 15):
        derivative = legendre.legval(xs, legendre.legder(np.eye(k + 1)[k]))
        assert np.abs(derivative).max() == pytest.approx(k * (k + 1) / 2)

    def factor(d):
        k = np.arange(1, d + 1)
        return np.sqrt(np.sum((k * (k + 1) / 2) ** 2))

    assert (round(factor(3), 1), round(factor(15))) == (6.8, 228)
    run = runs_curves.capacity(16)
    for d, w, slope in zip(run.grid, run.w, run.slope):
        assert slope <= np.sqrt(np.sum(w**2)) * factor(d), f"degree {d}"


# -- 02 · exercises 2.2 and 2.3 -------------------------------------------------------------

def test_2_2_from_scikit_learn():
    table, prob = runs_curves.other_draw(), data.objective_set(seed=3)
    coef, b = ridge_path(features(prob.x, 15), prob.y, table.grid)
    val = np.mean((features(prob.x_val, 15) @ coef.T + b - prob.y_val[:, None]) ** 2, axis=0)
    np.testing.assert_allclose(table.val_loss, val, rtol=1e-6)
    assert answers.ANSWERS["2.2"].value() == table.grid[np.argmin(val)]


def test_2_3_from_scikit_learn_and_a_finer_grid():
    run, prob = runs_curves.objective_path(), data.objective_set()
    X = features(prob.x, 15)
    coef, _ = ridge_path(X, prob.y, run.grid)
    bill = run.grid * np.sum(coef**2, axis=1)
    assert notch("2.3").value == run.grid[np.argmax(bill)]
    fine = 10 ** np.arange(-7, 2.0001, 0.01)                # brute force between the notches
    coef, _ = ridge_path(X, prob.y, fine)
    peak = fine[np.argmax(fine * np.sum(coef**2, axis=1))]
    low, high = notch("2.3").window()
    assert low < peak < high, f"the bill peaks at λ = {peak:.3g}, outside the answer's notch"


def test_notebook_2s_gradient_descent_step_is_under_notebook_3s_safe_bound():
    """Section 6 trains at the η its sweep cell passes, at the λ it prints; the summary calls
    that a safe step size: η < 2/(L + 2λ) at every one of them, L the largest eigenvalue of
    (2/n)·AᵀA with A = [P₁ … P₁₅, 1] (NumPy's Legendre features)."""
    cells = nbformat.read(ROOT / "notebooks" / "02_new_objective.ipynb", as_version=4).cells
    cell = next(c for c in cells if c.cell_type == "code" and "sweep(models." in c.source)
    eta = float(re.search(r"\blr=([0-9.]+)", cell.source)[1])
    printed = "".join(o.get("text", "") for o in cell.outputs)
    lams = [float(v) for v in re.search(r"λ:\s*\[([^\]]*)\]", printed)[1].split()]
    prob = data.objective_set()
    A = np.column_stack([features(prob.x, 15), np.ones(len(prob.x))])
    L = np.linalg.eigvalsh(2 / len(prob.x) * A.T @ A).max()
    assert len(lams) == 3 and max(lams) == 1.0
    for lam in lams:
        assert eta < 2 / (L + 2 * lam), (eta, lam, 2 / (L + 2 * lam))


# -- 03 · exercise 3.2 ---------------------------------------------------------------------

def exact_limit(X, lam):
    """2 / (largest eigenvalue of the Hessian of MSE + λ·Σw², intercept unpenalized)."""
    n = len(X)
    A = np.c_[X, np.ones(n)]
    H = 2 / n * A.T @ A + np.diag(np.r_[np.full(X.shape[1], 2 * lam), 0.0])
    return 2 / np.linalg.eigvalsh(H).max()


def test_gradient_descent_diverges_exactly_where_the_eigenvalue_says():
    run, prob = runs_curves.l2_descent(), data.overfit_set()
    X = features(prob.x, 15)
    for eta in run.etas:
        unstable = [eta > exact_limit(X, lam) for lam in run.grid]
        np.testing.assert_array_equal(run.gd[eta][1].diverged, unstable, err_msg=f"η = {eta}")


def test_step_limit_is_the_oracles_eigenvalue_and_the_runs_limit():
    run, prob = runs_curves.l2_descent(), data.overfit_set()
    X = features(prob.x, 15)
    oracle = [exact_limit(X, lam) for lam in run.grid]
    np.testing.assert_allclose(run.limit, oracle, rtol=1e-12)
    np.testing.assert_allclose([runs_curves.step_limit(X, lam) for lam in run.grid], oracle,
                               rtol=1e-12)


def test_a_diverged_run_names_its_true_reason():
    """The pull alone grows a weight only when |1 − 2ηλ| > 1; otherwise η is past the limit."""
    run, prob = runs_curves.l2_descent(), data.overfit_set()
    X = features(prob.x, 15)
    for eta in run.etas:
        for i, lam in enumerate(run.grid):
            why = run.why_diverged(eta, i)
            if not run.gd[eta][1].diverged[i]:
                assert why == ""
            elif abs(1 - 2 * eta * lam) > 1 + 1e-9:
                assert why.startswith("the pull alone"), (eta, lam, why)
            else:
                assert why == f"η > exact limit {exact_limit(X, lam):.2f}", (eta, lam, why)
                assert eta > exact_limit(X, lam)
    i = run.index(1.0)                     # η = 1, λ = 1: η·2λ = 2, a factor of −1 flips only
    assert run.gd[1.0][1].diverged[i] and "pull" not in run.why_diverged(1.0, i)


def test_3_2_is_the_first_lambda_past_the_step_size_limit():
    run, prob = runs_curves.l2_descent(), data.overfit_set()
    X = features(prob.x, 15)
    first = next(lam for lam in run.grid if run.eta > exact_limit(X, lam))
    assert notch("3.2").value == first
    coef, b = ridge_path(X, prob.y, run.grid)
    np.testing.assert_allclose(run.ridge_w, coef, atol=1e-7)


def test_notebook_3s_section_2_fits_the_panels_12_points():
    """Section 4's panel trains on section 2's 12 points: the ‖w‖ section 2 prints at
    λ = 10⁻³ is the norm of the panel's exact ridge row there, and scikit-learn's Ridge on
    ``data.noisy_curve(seed=0)`` gives it too."""
    cells = nbformat.read(ROOT / "notebooks" / "03_l2.ipynb", as_version=4).cells
    printed = next("".join(o.get("text", "") for o in c.outputs) for c in cells
                   if c.cell_type == "code" and "LAM_AFTER = 1e-3" in c.source)
    shown = float(re.search(r"with L2 \(λ = 0\.001\): ([0-9.]+)", printed)[1])
    run = runs_curves.l2_descent()
    x, y = data.noisy_curve(seed=0)
    coef, _ = ridge_path(features(x, 15), y, [1e-3])
    assert np.linalg.norm(run.ridge_w[run.index(1e-3)]) == pytest.approx(shown, abs=5e-4)
    assert np.linalg.norm(coef[0]) == pytest.approx(shown, abs=5e-4)


# -- 11 · exercise 11.1 --------------------------------------------------------------------

def test_11_1_from_scikit_learn_lasso():
    run, prob = runs_curves.wrap_up_paths(), data.overfit_set()
    X = features(prob.x, 15)
    dropped = []
    for lam in run.grid:
        w = Lasso(alpha=lam / 2, tol=1e-12, max_iter=1_000_000).fit(X, prob.y).coef_
        dropped.append(np.any(w[[0, 2, 4]] == 0))                       # degrees 1, 3, 5
        np.testing.assert_allclose(run.paths["l1"]["w"][run.row(lam)], w, atol=1e-6)
    assert notch("11.1").value == run.grid[np.argmax(dropped)]


def test_11_1_the_true_curves_main_terms_are_degrees_1_3_5():
    """The exercise's clause: sin πx + 0.3x ≈ 1.25·P₁ − 1.16·P₃ + 0.22·P₅, the rest below 0.02.
    Each weight by Gauss–Legendre quadrature, c_k = (2k + 1)/2 · ∫₋₁¹ f·P_k."""
    nodes, weights = legendre.leggauss(60)
    f = np.sin(np.pi * nodes) + 0.3 * nodes
    np.testing.assert_allclose(data.true_curve(nodes), f, rtol=1e-15)
    c = np.array([(2 * k + 1) / 2 * np.sum(weights * f * legendre.legval(nodes, np.eye(16)[k]))
                  for k in range(16)])
    assert np.round(c[[1, 3, 5]], 2).tolist() == [1.25, -1.16, 0.22]
    assert np.abs(np.delete(c, [1, 3, 5])).max() < 0.02
    text = " ".join(exercise_text("11.1").split())
    assert "(sin πx + 0.3x ≈ 1.25·P₁ − 1.16·P₃ + 0.22·P₅, the rest below 0.02)" in text


def exercise_text(key):
    """The markdown cell just above exercise ``key``'s check cell."""
    stem = next(p.stem for p in (ROOT / "notebooks").glob(f"{int(key.split('.')[0]):02d}_*.ipynb"))
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]
    i = next(i for i, c in enumerate(cells) if c["cell_type"] == "code"
             and f'exercises.check("{key}"' in "".join(c["source"]))
    return next("".join(c["source"]) for c in cells[i - 1::-1] if c["cell_type"] == "markdown")


# -- 11 · exercise 11.2 --------------------------------------------------------------------

def test_11_2_one_prox_step_by_hand():
    """A weight at 0, L1 with λ = η = 0.5: the data step v = 0 − η·g, then the prox step
    (0 inside |v| ≤ ηλ = 0.25, else 0.25 closer to 0), worked by hand."""
    expected = (0.0, 0.3 - 0.25)                       # g = −0.3: v = 0.15; g = −0.6: v = 0.3
    assert answers.ANSWERS["11.2"].value() == pytest.approx(expected, abs=1e-12)
    assert exercises.check("11.2", (0.0, 0.05))
    assert not exercises.check("11.2", (0.15, 0.3))    # the data step alone
