"""lessons_lib.runs_decay against closed forms, scikit-learn, train.train and PyTorch.

Each run is recomputed a second way that shares no code with it (a closed form, a plain
NumPy recursion, another library), and each exercise's answer is derived from that oracle.
"""
import math

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression as SkLinear
from sklearn.linear_model import Ridge

from lessons_lib import answers, data, grading, models, optim, runs_decay, train
from lessons_lib.runs import position


def notch(key):
    expected = answers.ANSWERS[key].value()
    assert isinstance(expected, grading.Notch), key
    return expected


# -- 00 · pure decay, exercise 0.2 -------------------------------------------------------------

def test_pure_decay_is_the_closed_form():
    run = runs_decay.pure_decay()
    u = run.lr * run.grid[:, None]
    np.testing.assert_allclose(run.w, (1 - u) ** run.steps, rtol=1e-12)
    np.testing.assert_allclose(run.half_life, np.log(0.5) / np.log(1 - run.lr * run.grid), rtol=1e-12)


def test_0_2_is_the_first_notch_past_the_closed_form_threshold():
    run = runs_decay.pure_decay()
    threshold = (1 - 2 ** (-1 / 10)) / run.lr          # (1 − lr·wd)^10 = ½
    assert 0.66 < threshold < 0.68
    first = run.grid[run.grid >= threshold][0]
    assert notch("0.2").value == first
    assert run.grid[notch("0.2").index - 1] < threshold


# -- 06 · exercises 6.1, 6.2, 6.3 ------------------------------------------------------------

def test_6_1_half_life_by_counting_steps():
    w, steps = 1.0, 0
    while w > 0.5:
        w *= 1 - 0.05 * 0.2
        steps += 1
    exact = math.log(2) / -math.log(1 - 0.05 * 0.2)
    assert steps - 1 < exact <= steps
    assert answers.ANSWERS["6.1"].value() == pytest.approx(exact, rel=1e-12)


def affine_descent(X, y, w0, b0, lr, weight_decay, steps):
    """GD on the MSE with weight decay on w (not b), as a plain linear recursion in NumPy."""
    n = len(y)
    A = np.c_[X, np.ones(n)]
    D = np.diag(np.r_[np.full(X.shape[1], weight_decay), 0.0])
    M = np.eye(A.shape[1]) - lr * (2 / n * A.T @ A + D)
    theta, mse = np.r_[w0, b0], []
    for _ in range(steps + 1):
        mse.append(np.mean((A @ theta - y) ** 2))
        theta = M @ theta + lr * 2 / n * A.T @ y
    return np.array(mse)


def test_decay_runs_match_the_linear_recursion_and_ridge():
    run = runs_decay.decay_runs()
    n = len(run.y)
    for i, wd in enumerate(run.grid):
        mse = affine_descent(run.X, run.y, run.w_ls, run.b_ls, run.lr, wd, run.steps)
        np.testing.assert_allclose(run.mse[i], mse, rtol=1e-9, atol=1e-12)
        ridge = Ridge(alpha=n * wd / 2).fit(run.X, run.y)            # λ = wd/2, α = n·λ
        np.testing.assert_allclose(run.ridge_w[i], ridge.coef_, atol=1e-8)


def test_6_2_from_the_recursion():
    run = runs_decay.decay_runs()
    final = [affine_descent(run.X, run.y, run.w_ls, run.b_ls, run.lr, wd, run.steps)[-1]
             for wd in run.grid]
    assert notch("6.2").value == run.grid[np.argmax(np.array(final) > 0.03)]


def test_6_3_sgdw_with_the_answer_lands_where_sgd_does():
    X, y, _ = data.sparse_linear(n_samples=40, n_features=4, n_informative=2, seed=2)
    setup = runs_decay.MOMENTUM
    ends = {}
    for name, cls, wd in (("sgd", optim.SGD, setup.weight_decay),
                          ("sgdw", optim.SGDW, answers.ANSWERS["6.3"].value())):
        model = models.LinearRegression(4)
        opt = cls(optim.decay_groups(model.named_parameters(), wd), lr=0.05,
                  momentum=setup.momentum)
        for _ in range(4000):
            opt.step(model.loss_and_grads(X, y)[1])
        ends[name] = model.weight.copy()
    ridge = Ridge(alpha=len(y) * setup.weight_decay / 2).fit(X, y).coef_   # SGD's end point
    np.testing.assert_allclose(ends["sgd"], ridge, atol=1e-8)
    np.testing.assert_allclose(ends["sgdw"], ridge, atol=1e-8)


# -- 07 · exercises 7.1, 7.2 -----------------------------------------------------------------

def test_7_1_is_where_the_two_decay_lines_cross():
    from scipy.optimize import brentq

    def gap(scale):
        return (runs_decay.decay_per_step(scale, 0.05, 1.0, coupled=True)
                - runs_decay.decay_per_step(scale, 0.05, 1.0, coupled=False))

    crossing = brentq(gap, 1e-3, 1e3, xtol=1e-14)
    assert crossing == pytest.approx(1 - runs_decay.ADAM_EPS, rel=1e-12)
    assert answers.ANSWERS["7.1"].value() == pytest.approx(crossing, rel=1e-3)


def test_adam_grid_against_train_train_and_least_squares():
    run = runs_decay.adam_grid()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    np.testing.assert_allclose(run.w_ols, SkLinear().fit(X, y).coef_, rtol=1e-9)
    i = position(run.lrs, runs_decay.ADAM.lr)
    for j, wd in enumerate(run.grid):
        for optimizer, row in (("adamw", run.adamw), ("adam", run.adam_l2)):
            model = models.LinearRegression(X.shape[1])
            train.train(model, X, y, lr=run.lrs[i], steps=runs_decay.ADAM.steps,
                        optimizer=optimizer, weight_decay=wd)
            np.testing.assert_allclose(row[i][j]["w"], model.weight, rtol=1e-9, atol=1e-12)


def test_7_2_from_train_train():
    run = runs_decay.adam_grid()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    busy = np.array(runs_decay.ADAM.scale_exp) == 1
    halved = []
    for wd in run.grid:
        model = models.LinearRegression(X.shape[1])
        train.train(model, X, y, lr=runs_decay.ADAM.lr, steps=300, optimizer="adamw",
                    weight_decay=wd)
        halved.append(np.all(model.weight[busy] / SkLinear().fit(X, y).coef_[busy] < 0.5))
    assert notch("7.2").value == run.grid[np.argmax(halved)]


def test_adamw_runs_match_torch():
    torch = pytest.importorskip("torch")
    run = runs_decay.adam_grid()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    for j, wd in enumerate(run.grid):
        w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        opt = torch.optim.AdamW([{"params": [w], "weight_decay": wd},
                                 {"params": [b], "weight_decay": 0.0}], lr=runs_decay.ADAM.lr)
        for _ in range(runs_decay.ADAM.steps):
            opt.zero_grad()
            torch.mean((Xt @ w + b - yt) ** 2).backward()
            opt.step()
        i = position(run.lrs, runs_decay.ADAM.lr)
        np.testing.assert_allclose(run.adamw[i][j]["w"], w.detach().numpy(), rtol=1e-7, atol=1e-9)
