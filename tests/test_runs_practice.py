"""lessons_lib.runs_practice (notebook 13) against closed forms, scikit-learn and PyTorch.

Each run is recomputed a second way that shares no code with it: a product of decay
factors, the normal equations, scikit-learn's Ridge, the Bayes-optimal λ of the prior the
data was drawn from, or PyTorch (when installed).
"""
import inspect
import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.linear_model import Ridge

from lessons_lib import data, optim, runs_decay, runs_practice

ROOT = Path(__file__).resolve().parents[1]

# -- 5 · library defaults ---------------------------------------------------------------------


def test_the_defaults_table_is_what_the_question_says():
    table = {d.library.split()[0]: (d.weight_decay, d.lr) for d in runs_practice.ADAMW_DEFAULTS}
    assert table == {"PyTorch": (0.01, 1e-3), "Keras": (0.004, 1e-3), "optax": (1e-4, None),
                     "transformers": (0.0, 5e-5)}
    assert all(d.source for d in runs_practice.ADAMW_DEFAULTS)


def test_the_course_adamw_has_pytorchs_defaults():
    torch_row = runs_practice.ADAMW_DEFAULTS[0]
    signature = inspect.signature(optim.AdamW).parameters
    assert (signature["weight_decay"].default, signature["lr"].default) == (torch_row.weight_decay,
                                                                             torch_row.lr)


def test_the_pytorch_row_is_installed_torchs_signature():
    torch = pytest.importorskip("torch")
    signature = inspect.signature(torch.optim.AdamW).parameters
    row = runs_practice.ADAMW_DEFAULTS[0]
    assert signature["weight_decay"].default == row.weight_decay
    assert signature["lr"].default == row.lr


# -- 2 · decay under a schedule ------------------------------------------------------------------

def test_cosine_lr_is_the_closed_form_and_sums_to_about_half_the_peak_times_steps():
    lrs = runs_practice.cosine_lr(2e-3, 1000)
    t = np.arange(1000)
    np.testing.assert_allclose(lrs, 1e-3 * (1 + np.cos(np.pi * t / 1000)), rtol=1e-13)
    assert lrs[0] == 2e-3 and lrs.min() > 0
    assert lrs.sum() == pytest.approx(2e-3 * (1000 + 1) / 2, rel=1e-12)   # Σ cos(πt/T) = 1


def test_adamw_decay_is_the_product_of_the_per_step_factors():
    lrs = np.r_[runs_practice.cosine_lr(1e-2, 300), np.full(200, 3e-3)]
    w = runs_practice.adamw_decay(lrs, weight_decay=0.5)
    np.testing.assert_allclose(w, np.cumprod(1 - 0.5 * lrs), rtol=1e-12)


def test_under_adamw_only_lr_times_weight_decay_times_steps_matters():
    """Half the lr and twice the wd decay alike; a cosine schedule decays like its mean lr."""
    T = 2000
    a = runs_practice.adamw_decay(np.full(T, 1e-3), 0.2)[-1]
    b = runs_practice.adamw_decay(np.full(T, 5e-4), 0.4)[-1]
    assert a == pytest.approx(b, rel=1e-12)
    lrs = runs_practice.cosine_lr(1e-3, T)
    cosine = runs_practice.adamw_decay(lrs, 0.2)[-1]
    mean = runs_practice.adamw_decay(np.full(T, lrs.mean()), 0.2)[-1]
    # equal up to the second-order terms of log(1 − x) ≈ −x − x²/2: ½·Σ(lr·wd)² differ by 5e-6
    assert cosine == pytest.approx(mean, rel=1e-5)
    assert cosine == pytest.approx(np.exp(-0.2 * lrs.sum()), rel=1e-4)
    assert cosine > a                              # the schedule removes less than constant lr


def test_adamw_decay_refuses_bad_schedules():
    with pytest.raises(ValueError, match="lrs must all be > 0"):
        runs_practice.adamw_decay([1e-3, 0.0], 0.1)
    with pytest.raises(ValueError, match="weight_decay"):
        runs_practice.adamw_decay([1e-3], -0.1)


def test_adamw_decay_and_cosine_lr_match_torch_adamw_with_its_cosine_scheduler():
    torch = pytest.importorskip("torch")
    T, wd = 400, 0.3
    w = torch.ones(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.AdamW([w], lr=1e-2, weight_decay=wd)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=T)
    lrs, ws = [], []
    for _ in range(T):
        lrs.append(opt.param_groups[0]["lr"])
        w.grad = torch.zeros(1, dtype=torch.float64)
        opt.step()
        sched.step()
        ws.append(w.item())
    np.testing.assert_allclose(runs_practice.cosine_lr(1e-2, T), lrs, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(runs_practice.adamw_decay(lrs, wd), ws, rtol=1e-12)


# -- 4 · penalising the intercept -------------------------------------------------------------------

@pytest.fixture(scope="module")
def offset():
    return runs_practice.offset_fits()


def test_the_unpenalised_intercept_is_scikit_learns_ridge(offset):
    X, y, _, _ = runs_practice.offset_data(offset.offset)
    sk = Ridge(alpha=len(y) * offset.lam).fit(X, y)
    for name in ("exact, b not penalised", "SGD, decay_groups"):
        coef, b = offset.fits[name]
        np.testing.assert_allclose(coef, sk.coef_, atol=1e-9, err_msg=name)
        assert b == pytest.approx(sk.intercept_, abs=1e-9), name


def test_the_penalised_intercept_solves_the_normal_equations(offset):
    """(1/n)·‖y − Aθ‖² + λ‖θ‖² with A = [X, 1]: (AᵀA/n + λI)·θ = Aᵀy/n."""
    X, y, _, _ = runs_practice.offset_data(offset.offset)
    A = np.c_[X, np.ones(len(y))]
    theta = np.linalg.solve(A.T @ A / len(y) + offset.lam * np.eye(4), A.T @ y / len(y))
    for name in ("exact, b penalised", "SGD, decay on all"):
        coef, b = offset.fits[name]
        np.testing.assert_allclose(np.r_[coef, b], theta, atol=1e-9, err_msg=name)


def test_penalising_the_intercept_biases_every_prediction_towards_zero(offset):
    mean_free, mse_free = offset.val_error["exact, b not penalised"]
    mean_pen, mse_pen = offset.val_error["exact, b penalised"]
    assert abs(mean_free) < 0.1 and mse_free < 0.5
    assert mean_pen < -5 and mse_pen > 100 * mse_free
    b_pen = offset.fits["exact, b penalised"][1]
    assert b_pen < offset.offset - 5


def test_only_the_unpenalised_fit_moves_with_the_targets():
    """Shifting every target by c shifts an unpenalised intercept by exactly c, weights unchanged."""
    at_0, at_100 = runs_practice.offset_fits(offset=0.0), runs_practice.offset_fits(offset=100.0)
    (w0, b0), (w1, b1) = (r.fits["exact, b not penalised"] for r in (at_0, at_100))
    np.testing.assert_allclose(w1, w0, atol=1e-9)
    assert b1 - b0 == pytest.approx(100.0, abs=1e-9)
    (w0, b0), (w1, b1) = (r.fits["exact, b penalised"] for r in (at_0, at_100))
    assert np.abs(w1 - w0).max() > 1 and b1 - b0 < 95


# -- 7 · λ and n --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def by_n():
    return runs_practice.lam_by_n()


def test_the_best_lam_is_the_bayes_optimal_one_and_falls_like_one_over_n(by_n):
    """The weights come from N(0, τ²): ridge at σ²/(nτ²) is the posterior mean, the best predictor."""
    ratio = by_n.best_lam / by_n.map_lam
    assert np.all((ratio > 10 ** -0.25) & (ratio < 10 ** 0.25)), ratio
    assert np.all(np.diff(by_n.best_lam) < 0)
    assert by_n.alpha.max() / by_n.alpha.min() < 10 ** 0.5            # α = nλ about constant
    assert by_n.best_lam[0] / by_n.best_lam[-1] > 10                   # n grew 16×


def test_the_validation_curve_is_scikit_learns_ridge_on_the_same_draws(by_n):
    """The summed loss's α = n·λ gives the same fits: recompute a few λ with Ridge."""
    draws, n_val, pick = 50, 1000, slice(0, None, 8)
    for i, n in enumerate(by_n.ns):
        rng = np.random.default_rng((0, n))
        mse = np.zeros(len(by_n.lams[pick]))
        for _ in range(draws):
            X, y, X_val, y_val = runs_practice.lam_by_n_draw(rng, n, 50, 1.0, 0.5, n_val)
            for k, lam in enumerate(by_n.lams[pick]):
                sk = Ridge(alpha=n * lam, fit_intercept=False).fit(X, y)
                mse[k] += np.mean((sk.predict(X_val) - y_val) ** 2) / draws
        np.testing.assert_allclose(by_n.val_mse[i, pick], mse, rtol=1e-8, err_msg=f"n = {n}")


def test_question_7_states_the_grid_and_the_validation_size_the_run_uses(by_n):
    lams = by_n.lams
    assert (lams[0], lams[-1]) == (1e-4, 10.0)
    np.testing.assert_allclose(np.diff(np.log10(lams)), 1 / 8, atol=1e-12)      # 8 per decade
    assert inspect.signature(runs_practice.lam_by_n).parameters["n_val"].default == 1000
    text = question_text("## 7 ·")
    assert "λ from 10⁻⁴ to 10 (8 per decade) chosen on 1,000 validation points" in text


def test_question_4_states_the_data_the_run_uses():
    X, y, X_val, y_val = runs_practice.offset_data(100.0)
    assert (len(y), len(y_val), X.shape[1]) == (50, 1000, 3)
    z = np.r_[X.ravel(), X_val.ravel()]                            # standard normal: 3150 draws
    assert abs(z.mean()) < 4 / np.sqrt(z.size) and abs(z.std() - 1) < 4 / np.sqrt(2 * z.size)
    assert np.all(np.abs(X.mean(axis=0)) > 1e-3)                  # sample means not exactly 0
    text = question_text("## 4 ·")
    assert ("x standard normal (50 training points, whose sample means are not exactly 0, and "
            "1,000 validation points), λ = 0.1") in text


def test_question_1_states_notebook_7s_columns():
    X, _, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    ratio = X.std(axis=0) / X.std(axis=0)[2]                      # against a medium column
    np.testing.assert_allclose(ratio, [0.1, 0.1, 1, 1, 10, 10], rtol=0.3)
    assert 10.0 ** np.array(runs_decay.ADAM.scale_exp) == pytest.approx([0.1, 0.1, 1, 1, 10, 10])
    assert "6 standard-normal columns scaled by 0.1, 0.1, 1, 1, 10, 10" in question_text("## 1 ·")


def question_text(heading):
    """Notebook 13's markdown cell holding ``heading``, whitespace collapsed."""
    cells = json.loads((ROOT / "notebooks" / "13_questions.ipynb").read_text())["cells"]
    return next(" ".join("".join(c["source"]).split()) for c in cells
                if c["cell_type"] == "markdown" and heading in "".join(c["source"]))
