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


# -- 00 · pure decay, exercise 0.1 -------------------------------------------------------------

def test_pure_decay_is_the_closed_form():
    run = runs_decay.pure_decay()
    u = run.lr * run.grid[:, None]
    np.testing.assert_allclose(run.w, (1 - u) ** run.steps, rtol=1e-12)
    np.testing.assert_allclose(run.half_life, np.log(0.5) / np.log(1 - run.lr * run.grid), rtol=1e-12)


def test_0_1_is_the_first_notch_past_the_closed_form_threshold():
    run = runs_decay.pure_decay()
    threshold = (1 - 2 ** (-1 / 10)) / run.lr          # (1 − lr·wd)^10 = ½
    assert 0.66 < threshold < 0.68
    first = run.grid[run.grid >= threshold][0]
    assert notch("0.1").value == first
    assert run.grid[notch("0.1").index - 1] < threshold


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


# -- 06 · sections 4-7: five weights, one of them dead ------------------------------------------

def five_weight_start():
    """The start every run of sections 4-7 shares: N(0, 1.5²) weights (seed 2), bias 0."""
    return 1.5 * np.random.default_rng(2).standard_normal(5), 0.0


def sgd_by_hand(X, y, lr, steps, weight_decay=0.0, momentum=0.0, decoupled=False,
                batch_size=None, seed=0):
    """SGD on the MSE written out from torch's documented update, weights decayed, bias not.

    Returns the weights at every step, shape (steps + 1, d). With ``batch_size``, each step's
    rows are ``default_rng(seed).choice(n, batch_size, replace=False)``, drawn in order.
    """
    w, b = five_weight_start()
    rng = np.random.default_rng(seed)
    n = len(y)
    theta = np.r_[w, b]
    decayed = np.r_[np.ones(X.shape[1]), 0.0]
    A = np.c_[X, np.ones(n)]
    buf, out = None, [theta[:-1].copy()]
    for _ in range(steps):
        rows = np.arange(n) if batch_size is None else rng.choice(n, size=batch_size, replace=False)
        g = 2 / len(rows) * A[rows].T @ (A[rows] @ theta - y[rows])
        if decoupled:
            theta = theta * (1 - lr * weight_decay * decayed)
        else:
            g = g + weight_decay * decayed * theta
        if momentum:
            buf = g.copy() if buf is None else momentum * buf + g
            g = buf
        theta = theta - lr * g
        out.append(theta[:-1].copy())
    return np.array(out)


def test_dead_feature_data_has_a_column_of_zeros_and_two_true_weights():
    X, y, true_w = runs_decay.dead_feature_data()
    assert X.shape == (40, 5) and y.shape == (40,)
    assert np.all(X[:, 4] == 0) and true_w[4] == 0
    assert np.count_nonzero(true_w) == 2
    np.testing.assert_allclose(true_w[[1, 2]], [-2.628, -1.184], atol=5e-4)   # as the notebook says


def test_dead_weight_runs_match_sgd_by_hand_and_pure_decay():
    run = runs_decay.dead_weight_runs()
    X, y, _ = runs_decay.dead_feature_data()
    np.testing.assert_allclose(run.plain, sgd_by_hand(X, y, run.lr, run.steps), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(run.decayed, sgd_by_hand(X, y, run.lr, run.steps, run.weight_decay),
                               rtol=1e-9, atol=1e-12)
    w0 = five_weight_start()[0][4]
    pure = w0 * (1 - run.lr * run.weight_decay) ** np.arange(run.steps + 1)   # the closed form
    np.testing.assert_allclose(run.decayed[:, 4], pure, rtol=1e-12)
    np.testing.assert_allclose(run.pure, pure, rtol=1e-12)
    assert np.all(run.plain[:, 4] == w0)                   # no decay: the dead weight never moves


def test_decay_makes_w4_larger_through_its_correlation_with_w2():
    """Notebook 6's fold: with decay w4 ends larger (0.065 against 0.034), as scikit-learn's
    ridge and least squares say; it takes up part of w2's signal through their columns'
    correlation −0.11 (with every correlation removed, ridge shrinks w4 as well)."""
    run = runs_decay.dead_weight_runs()
    X, y, _ = runs_decay.dead_feature_data()
    X4 = X[:, :4]
    ols = SkLinear().fit(X4, y).coef_
    ridge = Ridge(alpha=len(y) * run.weight_decay / 2).fit(X4, y).coef_   # course λ = wd/2
    np.testing.assert_allclose(run.plain[-1, :4], ols, atol=2e-3)
    np.testing.assert_allclose(run.decayed[-1, :4], ridge, atol=2e-3)
    assert (round(run.plain[-1, 3], 3), round(run.decayed[-1, 3], 3)) == (0.034, 0.065)
    assert (round(run.plain[-1, 1], 2), round(run.decayed[-1, 1], 2)) == (-2.82, -2.40)
    assert round(np.corrcoef(X4[:, 1], X4[:, 3])[0, 1], 2) == -0.11
    Xc = X4 - X4.mean(axis=0)

    def w4_without_correlation(cols):
        """w4 by least squares and by ridge once column 4 is made orthogonal to ``cols``."""
        A, Xd = Xc[:, cols], Xc.copy()
        Xd[:, 3] -= A @ np.linalg.lstsq(A, Xc[:, 3], rcond=None)[0]
        return (SkLinear().fit(Xd, y).coef_[3],
                Ridge(alpha=len(y) * run.weight_decay / 2).fit(Xd, y).coef_[3])

    ols4, ridge4 = w4_without_correlation([1])          # nearly all the growth goes through w2
    assert abs(ridge4 - ols4) < 0.1 * (ridge[3] - ols[3])
    ols4, ridge4 = w4_without_correlation([0, 1, 2])    # uncorrelated: decay shrinks w4 too
    assert abs(ridge4) < abs(ols4)


def test_blow_up_runs_both_stop_at_the_step_weights_explode():
    a, b = runs_decay.blow_up_runs()
    assert a.call == "weight_decay=24" and b.call == "penalty=penalties.l2(12)"
    assert a.diverged and b.diverged and a.diverged_at == b.diverged_at
    assert a.warnings and b.warnings                        # η·wd = 2.4 ≥ 2 is warned about
    X, y, _ = runs_decay.dead_feature_data()
    W = sgd_by_hand(X, y, 0.1, a.diverged_at, weight_decay=24.0)          # the same steps by hand
    assert np.abs(W[-1]).max() > 1e2 * np.abs(W[0]).max()                # grown past 100×


def test_momentum_runs_match_sgd_by_hand_and_the_heavy_ball_root():
    runs = runs_decay.momentum_runs()
    mu, lr, wd, steps = runs_decay.MOMENTUM
    X, y, _ = runs_decay.dead_feature_data()
    for name, decoupled in (("sgd", False), ("sgdw", True)):
        np.testing.assert_allclose(runs[name], sgd_by_hand(X, y, lr, steps, wd, mu, decoupled),
                                   rtol=1e-9, atol=1e-12)
    # the dead weight: SGDW loses lr·wd per step; SGD + momentum the heavy ball's slow root
    slow = max(np.roots([1, -(1 + mu - lr * wd), mu]).real)
    assert runs["sgd"][-1, 4] / runs["sgd"][-2, 4] == pytest.approx(slow, rel=1e-6)
    assert runs["sgdw"][-1, 4] / runs["sgdw"][-2, 4] == pytest.approx(1 - lr * wd, rel=1e-12)


def test_momentum_sgd_run_matches_torch():
    torch = pytest.importorskip("torch")
    mu, lr, wd, steps = runs_decay.MOMENTUM
    X, y, _ = runs_decay.dead_feature_data()
    w0, _ = five_weight_start()
    w = torch.tensor(w0, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([{"params": [w], "weight_decay": wd}, {"params": [b], "weight_decay": 0.0}],
                          lr=lr, momentum=mu)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    for _ in range(steps):
        opt.zero_grad()
        torch.mean((Xt @ w + b - yt) ** 2).backward()
        opt.step()
    np.testing.assert_allclose(runs_decay.momentum_runs()["sgd"][-1], w.detach().numpy(),
                               rtol=1e-9, atol=1e-12)


def test_minibatch_runs_match_sgd_by_hand_and_the_full_batch_ends_at_ridge():
    run = runs_decay.minibatch_runs()
    dead = runs_decay.dead_weight_runs()
    X, y, _ = runs_decay.dead_feature_data()
    np.testing.assert_allclose(run.full, dead.decayed, rtol=1e-12)
    by_hand = sgd_by_hand(X, y, dead.lr, dead.steps, dead.weight_decay, batch_size=8, seed=0)
    np.testing.assert_allclose(run.batch, by_hand, rtol=1e-9, atol=1e-12)
    assert run.batch_loss.shape == run.full_loss.shape == (dead.steps + 1,)
    assert run.batch_loss[-1] > run.full_loss[-1]   # the noisy data step costs some fit
    ridge = Ridge(alpha=len(y) * dead.weight_decay / 2).fit(X[:, :4], y).coef_
    np.testing.assert_allclose(run.full[-1, :4], ridge, atol=1e-3)        # the fixed point


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


def test_lr_0_0562_to_0_316_moves_adamw_less_than_0_09_and_adam_l2_not_at_all():
    """Notebook 7's fold: Adam + L2's bars stay on scikit-learn's ridge at both lr, AdamW's
    move by less than 0.09 (and by more than 0.05 somewhere: "barely" would be wrong); at
    wd = 10, lr = 0.316 AdamW blows up."""
    run = runs_decay.adam_grid()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    mid, high = run.lrs[1], run.lrs[2]
    assert (round(mid, 4), round(high, 3)) == (0.0562, 0.316)
    moves = []
    for wd in run.grid:
        (l2_mid, w_mid, _), (l2_high, w_high, _) = run.at(wd, mid), run.at(wd, high)
        ridge = Ridge(alpha=len(y) * wd / 2).fit(X, y).coef_
        for l2 in (l2_mid, l2_high):
            np.testing.assert_allclose(l2["w"], ridge, atol=1e-3 * np.abs(ridge).max())
        if wd == run.grid[-1]:
            assert w_high["blew_up"] and not w_mid["blew_up"]
            continue
        moves.append(np.abs((w_high["w"] - w_mid["w"]) / run.w_ols).max())   # in bar units
    assert 0.05 < max(moves) < 0.09


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


def torch_zero_start(torch, opt_class, lr, weight_decay):
    """w = 0 (notebook 7's six weights) and b = 0 as float64 tensors, and torch's
    ``opt_class`` decaying w, not b."""
    w = torch.zeros(len(runs_decay.ADAM.scale_exp), dtype=torch.float64, requires_grad=True)
    b = torch.zeros((), dtype=torch.float64, requires_grad=True)
    opt = opt_class([{"params": [w], "weight_decay": weight_decay},
                     {"params": [b], "weight_decay": 0.0}], lr=lr, foreach=False)
    return w, b, opt


def test_adamw_runs_match_torch():
    torch = pytest.importorskip("torch")
    run = runs_decay.adam_grid()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    for j, wd in enumerate(run.grid):
        w, b, opt = torch_zero_start(torch, torch.optim.AdamW, runs_decay.ADAM.lr, wd)
        for _ in range(runs_decay.ADAM.steps):
            opt.zero_grad()
            torch.mean((Xt @ w + b - yt) ** 2).backward()
            opt.step()
        i = position(run.lrs, runs_decay.ADAM.lr)
        np.testing.assert_allclose(run.adamw[i][j]["w"], w.detach().numpy(), rtol=1e-7, atol=1e-9)


# -- 07 · section 2: what Adam + L2 is fed, and √v̂, step by step ---------------------------

def test_adam_l2_history_matches_torch_adam_stepped_by_hand():
    torch = pytest.importorskip("torch")
    run = runs_decay.adam_l2_history()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w, b, opt = torch_zero_start(torch, torch.optim.Adam, run.lr, run.weight_decay)
    fed, scale = [], []
    for _ in range(run.steps):
        opt.zero_grad()
        torch.mean((Xt @ w + b - yt) ** 2).backward()
        fed.append(np.abs((w.grad + run.weight_decay * w).detach().numpy()))
        opt.step()
        state = opt.state[w]
        scale.append(np.sqrt(state["exp_avg_sq"].numpy() / (1 - 0.999 ** float(state["step"]))))
    assert run.fed.shape == run.scale.shape == (runs_decay.ADAM.steps, X.shape[1])
    np.testing.assert_allclose(run.fed, fed, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(run.scale, scale, rtol=1e-7)


def test_adam_l2_history_matches_the_adam_formula():
    """Adam + L2 written out in NumPy from its documented update, full batch."""
    run = runs_decay.adam_l2_history()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    A = np.c_[X, np.ones(len(y))]                               # the last column: the bias
    decayed = np.r_[np.ones(X.shape[1]), 0.0]                   # the bias is not decayed
    theta, m, v = (np.zeros(A.shape[1]) for _ in range(3))
    fed, scale = [], []
    for t in range(1, run.steps + 1):
        g = 2 / len(y) * A.T @ (A @ theta - y) + run.weight_decay * decayed * theta
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        v_hat = v / (1 - 0.999 ** t)
        theta = theta - run.lr * m / (1 - 0.9 ** t) / (np.sqrt(v_hat) + 1e-8)
        fed.append(np.abs(g[:-1]))
        scale.append(np.sqrt(v_hat[:-1]))
    np.testing.assert_allclose(run.fed, fed, rtol=1e-7, atol=1e-12)
    np.testing.assert_allclose(run.scale, scale, rtol=1e-7)
    # what section 2 says: √v̂ falls 5 to 9 times while the gradient fed collapses
    fall = run.scale[0] / run.scale[-1]
    assert 5 <= fall.min() and fall.max() <= 9.5
    assert np.all(run.fed[-1] < 1e-5 * run.fed[0])


# -- 07 · where Adam + L2 and AdamW end (section 4) ------------------------------------------

def centred_ridge(X, y, lams):
    """(1/n)·‖y − Xw − b‖² + Σλⱼwⱼ², solved from its normal equations (free intercept)."""
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    return np.linalg.solve(Xc.T @ Xc / len(y) + np.diag(lams), Xc.T @ yc / len(y))


def box_by_brute_force(X, y, edge):
    """min (1/n)·‖y − Xw − b‖² subject to |wⱼ| ≤ edge, by trying every active set.

    Each weight is pinned at −edge, pinned at +edge or free (3^d patterns); the free ones
    solve their least squares. The answer is the one pattern meeting all KKT conditions:
    free weights inside the box with zero gradient, pinned ones with the gradient pointing
    out of the box (g·w ≤ 0).
    """
    n, d = X.shape
    A = np.c_[X, np.ones(n)]
    found = []
    for pattern in np.ndindex(*(3,) * d):
        pin = np.array(pattern) - 1                      # −1, 0 (free), +1
        free = np.r_[pin == 0, True]                     # the intercept is always free
        theta = np.r_[pin * edge, 0.0]
        theta[free] = np.linalg.lstsq(A[:, free], y - A[:, ~free] @ theta[~free], rcond=None)[0]
        g = 2 / n * A.T @ (A @ theta - y)
        w, gw = theta[:d], g[:d]
        inside = np.all(np.abs(w[pin == 0]) <= edge)
        if inside and np.allclose(g[free], 0, atol=1e-9) and np.all(gw[pin != 0] * w[pin != 0] <= 0):
            found.append(w)
    assert len(found) == 1, f"{len(found)} KKT points: the problem is strictly convex, expect one"
    return found[0]


def test_adam_l2_ends_at_the_exact_ridge_solution():
    ends = runs_decay.adam_ends()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    exact = centred_ridge(X, y, np.full(X.shape[1], ends.weight_decay / 2))   # course λ = wd/2
    np.testing.assert_allclose(exact, Ridge(alpha=len(y) * ends.weight_decay / 2).fit(X, y).coef_,
                               atol=1e-10)
    np.testing.assert_allclose(ends.ridge_w, exact, atol=1e-10)
    np.testing.assert_allclose(ends.adam_l2, exact, atol=1e-6)
    np.testing.assert_allclose(ends.w_ols, SkLinear().fit(X, y).coef_, rtol=1e-9)


def test_torch_adam_with_weight_decay_ends_at_ridge_too():
    torch = pytest.importorskip("torch")
    ends = runs_decay.adam_ends()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    Xt, yt = torch.tensor(X), torch.tensor(y)
    w, b, opt = torch_zero_start(torch, torch.optim.Adam, ends.lr, ends.weight_decay)
    for _ in range(ends.steps):
        opt.zero_grad()
        torch.mean((Xt @ w + b - yt) ** 2).backward()
        opt.step()
    exact = centred_ridge(X, y, np.full(X.shape[1], ends.weight_decay / 2))
    np.testing.assert_allclose(w.detach().numpy(), exact, atol=1e-6)


def test_adamw_run_long_is_the_kkt_point_of_the_box():
    ends = runs_decay.adam_ends()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    edge = 1 / ends.weight_decay
    best = box_by_brute_force(X, y, edge)
    np.testing.assert_allclose(ends.box_w, best, atol=1e-8)
    # in the long run, not at once: 0.3 % outside the box (w1) and 1.5 % short of it (w5)
    np.testing.assert_allclose(ends.adamw_long, best, atol=0.02)
    assert np.abs(ends.adamw_long).max() < 1.005 * edge
    # every least-squares weight lies outside the box here, so every weight ends on its edge
    assert np.all(np.abs(ends.w_ols) > edge) and np.allclose(np.abs(best), edge)


def torch_minibatch(torch, opt_class, lr, weight_decay, batch_size, steps, average_last, seed=0):
    """torch's Adam or AdamW on the same minibatches (rows drawn as numpy draws them)."""
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    rng = np.random.default_rng(seed)
    w, b, opt = torch_zero_start(torch, opt_class, lr, weight_decay)
    ws, scales = [], []
    for t in range(1, steps + 1):
        rows = rng.choice(len(y), size=batch_size, replace=False)
        opt.zero_grad()
        torch.mean((torch.tensor(X[rows]) @ w + b - torch.tensor(y[rows])) ** 2).backward()
        opt.step()
        if t > steps - average_last:
            state = opt.state[w]
            ws.append(w.detach().numpy().copy())
            v_hat = state["exp_avg_sq"].numpy() / (1 - 0.999 ** float(state["step"]))
            scales.append(np.sqrt(v_hat))
    return np.mean(ws, axis=0), np.mean(scales, axis=0)


def test_minibatch_runs_match_torch():
    torch = pytest.importorskip("torch")
    ends = runs_decay.adam_ends()
    for opt_class, ours in ((torch.optim.Adam, ends.batch_adam_l2),
                            (torch.optim.AdamW, ends.batch_adamw)):
        w, scale = torch_minibatch(torch, opt_class, ends.lr, ends.weight_decay, ends.batch_size,
                                   ends.batch_steps, ends.average_last)
        np.testing.assert_allclose(ours["w"], w, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(ours["scale"], scale, rtol=1e-6)
        per_step = ends.lr * ends.weight_decay              # AdamW: the same for every weight
        if opt_class is torch.optim.Adam:                   # Adam + L2: divided by √v̂ + eps
            per_step = per_step / (scale + 1e-8)
        np.testing.assert_allclose(ours["decay"], np.broadcast_to(per_step, scale.shape), rtol=1e-6)


def formula_minibatch(coupled, lr, weight_decay, batch_size, steps, average_last, seed=0,
                      betas=(0.9, 0.999), eps=1e-8):
    """Adam (coupled L2) or AdamW written out from torch's documented update, on numpy draws."""
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    A = np.c_[X, np.ones(len(y))]                               # the last column: the bias
    decayed = np.r_[np.ones(X.shape[1]), 0.0]                   # the bias is not decayed
    theta, m, v = (np.zeros(A.shape[1]) for _ in range(3))
    rng = np.random.default_rng(seed)
    ws, scales = [], []
    for t in range(1, steps + 1):
        rows = rng.choice(len(y), size=batch_size, replace=False)
        g = 2 / batch_size * A[rows].T @ (A[rows] @ theta - y[rows])
        if coupled:
            g = g + weight_decay * decayed * theta
        else:
            theta = theta * (1 - lr * weight_decay * decayed)
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g * g
        v_hat = v / (1 - betas[1] ** t)
        theta = theta - lr * m / (1 - betas[0] ** t) / (np.sqrt(v_hat) + eps)
        if t > steps - average_last:
            ws.append(theta[:-1])
            scales.append(np.sqrt(v_hat[:-1]))
    return np.mean(ws, axis=0), np.mean(scales, axis=0)


def test_minibatch_runs_match_the_adam_formula():
    ends = runs_decay.adam_ends()
    for coupled, ours in ((True, ends.batch_adam_l2), (False, ends.batch_adamw)):
        w, scale = formula_minibatch(coupled, ends.lr, ends.weight_decay, ends.batch_size,
                                     ends.batch_steps, ends.average_last)
        np.testing.assert_allclose(ours["w"], w, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(ours["scale"], scale, rtol=1e-6)


def test_with_minibatches_adam_l2_hovers_at_ridge_and_adamw_at_its_own_ridge():
    ends = runs_decay.adam_ends()
    X, y, _ = data.busy_quiet(runs_decay.ADAM.scale_exp)
    d = X.shape[1]
    lams = ends.weight_decay * (ends.batch_adamw["scale"] + 1e-8) / 2       # λⱼ = wd·√v̂ⱼ/2
    np.testing.assert_allclose(ends.adamw_lams, lams)
    np.testing.assert_allclose(ends.adamw_ridge, centred_ridge(X, y, ends.adamw_lams), atol=1e-10)
    uniform = centred_ridge(X, y, np.full(d, ends.weight_decay / 2))
    np.testing.assert_allclose(ends.batch_adam_l2["w"], uniform, atol=0.01)       # noise: ≤ 0.01
    np.testing.assert_allclose(ends.batch_adamw["w"], ends.adamw_ridge, atol=0.03)
    # the quote, where it holds: per step and in the weights, AdamW decays the busy weights
    # far more than Adam + L2 does
    busy = np.array(runs_decay.ADAM.scale_exp) == 1
    assert np.all(ends.batch_adam_l2["decay"][busy] < ends.batch_adamw["decay"][busy] / 10)
    kept = {name: run["w"][busy] / ends.w_ols[busy]
            for name, run in (("l2", ends.batch_adam_l2), ("w", ends.batch_adamw))}
    assert np.all(kept["l2"] > 0.99) and np.all(kept["w"] < 0.7)


@pytest.mark.parametrize("seed", range(3))
def test_ridge_per_weight_is_the_normal_equations(seed):
    rng = np.random.default_rng(seed)
    X, y = rng.standard_normal((30, 4)) * [0.1, 1, 10, 3], rng.standard_normal(30)
    lams = 10.0 ** rng.uniform(-2, 2, 4)
    np.testing.assert_allclose(runs_decay.ridge_per_weight(X, y, lams), centred_ridge(X, y, lams),
                               rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="one positive λ per column"):
        runs_decay.ridge_per_weight(X, y, lams[:3])
