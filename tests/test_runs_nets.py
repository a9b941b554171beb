"""lessons_lib.runs_nets against the training loop's own early stopping and a hand-written loop.

Notebook 8's runs train three networks as one stack; the oracle trains each network alone
(``train.train`` on one ``MLP``, with ``patience=10`` for the early-stopped rows). The
early-stopping panel reads stopping points off one recorded curve; the oracle trains
with ``train.train(patience=P)`` for each patience. The digits panel's runs go through
``train.train``; the oracle steps ``optim.AdamW`` by hand and keeps the best weights itself.
"""
import inspect
import json
from pathlib import Path

import numpy as np
import pytest
from test_runs import solution_text
from test_runs_sparse import text_above

from lessons_lib import answers, data, models, optim, runs_nets, train
from lessons_lib.augment import jitter
from lessons_lib.stopping import EarlyStopping

ROOT = Path(__file__).resolve().parents[1]


def stop_index(val, patience):
    """The stopping rule, as a loop: (best index, stop index or None)."""
    best, best_i, waited = np.inf, 0, 0
    for i, v in enumerate(val):
        if v < best:
            best, best_i, waited = v, i, 0
        else:
            waited += 1
            if waited >= patience:
                return best_i, i
    return best_i, None


def test_replayed_rule_against_a_loop():
    rng = np.random.default_rng(0)
    for _ in range(200):
        val = np.round(rng.random(rng.integers(1, 30)), 1)         # ties on purpose
        for patience in (1, 2, 3, 5):
            assert EarlyStopping.replay(val, patience) == stop_index(val, patience)


# -- 08 · the family's grids and stacked rows ----------------------------------------------

def one_net(seed, **options):
    """One of notebook 8's networks trained alone: (trained net, its history)."""
    prob = data.mlp_set()
    net = models.MLP((1, 64, 64, 1), seed=seed)
    hist = train.train(net, prob.x[:, None], prob.y, lr=0.02, steps=300, optimizer="adamw",
                       X_val=prob.x_val[:, None], y_val=prob.y_val, eval_every=5, seed=0,
                       **options)
    return net, hist


def seed_slice(stack, k):
    return [q[k] for q in stack.get_params()]


@pytest.mark.parametrize("grid, value, options", [
    (runs_nets.decay_grid, 1.0, {"weight_decay": 1.0}),
    (runs_nets.noise_grid, 0.15, {"augment": jitter(0.15)}),     # one noise draw for the stack
])
def test_family_runs_are_three_nets_trained_alone(grid, value, options):
    run = grid()
    stack, hist = run.runs[run.index(value)]
    for k in (0, 1, 2):
        net, alone = one_net(k, **options)
        for a, b in zip(seed_slice(stack, k), net.get_params()):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)
        np.testing.assert_allclose(hist.val_loss[:, k], alone.val_loss, rtol=1e-10)
        assert run.val_mse[run.index(value), k] == pytest.approx(alone.val_loss[-10:].mean(),
                                                                 rel=1e-10)


def test_early_stopped_rows_are_train_with_patience():
    stack, hist = runs_nets.dropout_grid().runs[0]                 # p = 0: nothing
    restored = runs_nets.early_stopped(stack, hist)
    for k in (0, 1, 2):
        net, alone = one_net(k, patience=10)
        assert alone.stopped_step is not None                      # it did stop early
        for a, b in zip(seed_slice(restored, k), net.get_params()):
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-10)


def test_stacked_rows_take_each_grids_best_and_weakest_setting():
    four = runs_nets.stacked()
    for knob, grid in (("dropout", runs_nets.dropout_grid()), ("sigma", runs_nets.noise_grid()),
                       ("weight_decay", runs_nets.decay_grid())):
        means = [np.mean(h.val_loss[-10:]) for _, h in grid.runs]  # averaged over the 3 nets
        assert four.best_settings[knob] == grid.grid[int(np.argmin(means))]
        assert four.down_settings[knob] == min(v for v in grid.grid if v > 0)
    assert four.best_settings == {"weight_decay": 1.0, "dropout": 0.2, "sigma": 0.15}
    # three knobs turned down, not four: both rows keep early stopping's patience 10
    assert four.down_settings == {"weight_decay": 0.3, "dropout": 0.1, "sigma": 0.05}
    default = inspect.signature(runs_nets.early_stopped).parameters["patience"].default
    assert default == runs_nets.FAMILY.patience == 10
    assert runs_nets.noise_grid().runs[0] is runs_nets.dropout_grid().runs[0]   # σ = 0 = p = 0


# -- 08 · exercise 8.1 ---------------------------------------------------------------------

def test_8_1_from_train_trains_early_stopping():
    run, prob = runs_nets.early_stopping(), data.mlp_set()
    restored = []
    for i, patience in enumerate(run.grid):
        net = models.MLP((1, 64, 64, 1), seed=0)
        hist = train.train(net, prob.x[:, None], prob.y, lr=0.02, steps=300, optimizer="adamw",
                           X_val=prob.x_val[:, None], y_val=prob.y_val, eval_every=5,
                           patience=patience, seed=0)
        assert hist.best_step == run.step[run.best[i]]
        assert hist.stopped_step == (None if run.stop[i] is None else run.step[run.stop[i]])
        restored.append(net.loss(prob.x_val[:, None], prob.y_val))
    np.testing.assert_allclose(restored, run.val_loss[list(run.best)], rtol=1e-12)
    lowest = min(restored)                     # what the largest patience brings back
    assert lowest == pytest.approx(run.val_loss.min(), rel=1e-12)
    smallest = next(p for p, v in zip(run.grid, restored) if v <= lowest + 0.01)
    assert answers.ANSWERS["8.1"].value() == smallest == 3


# -- 10 · exercise 10.1 --------------------------------------------------------------------

def adamw_by_hand(weight_decay, patience=None, lr=1e-2):
    """Notebook 10's run with optim.AdamW stepped by hand; the validation loss at the end
    (or of the best weights, with early stopping every 5 steps)."""
    Xtr, ytr, Xva, yva, _, _ = runs_nets.digits_split(0)
    net = models.MLP((64, 64, 10), loss="cross_entropy", seed=0)
    opt = optim.AdamW(optim.decay_groups(net.named_parameters(), weight_decay), lr=lr)
    best, best_params, waited = np.inf, None, 0
    for t in range(301):
        if t % 5 == 0 and patience is not None:
            v = net.loss(Xva, yva)
            if v < best:
                best, best_params, waited = v, [p.copy() for p in net.get_params()], 0
            else:
                waited += 1
                if waited >= patience:
                    break
        if t < 300:
            opt.step(net.loss_and_grads(Xtr, ytr)[1])
    if patience is not None:
        net.set_params(best_params)
    return net.loss(Xva, yva)


def test_10_1_from_a_hand_written_loop():
    run = runs_nets.digits_decay()
    answer = answers.ANSWERS["10.1"].value()
    target = adamw_by_hand(runs_nets.DIGITS.weight_decay, patience=runs_nets.DIGITS.patience)
    assert target == pytest.approx(0.1950, abs=5e-5)            # the table's restored row
    for i in range(answer.index + 1):                          # up to the answer, in order
        end = adamw_by_hand(run.grid[i])
        assert end == pytest.approx(run.runs[i][1].val_loss[-1], rel=1e-9)
        assert (end < target) == (i == answer.index), f"wd = {run.grid[i]:.3g}: {end:.4f}"


def test_10_pytorchs_default_lr_is_still_falling_at_the_end():
    """Section 3's claim: at lr = 10⁻³ the validation loss is still falling at step 300."""
    hist = runs_nets.digits_fit("adamw", 0.01, False, False, 0, lr=1e-3)[1]
    assert hist.val_loss[-1] == pytest.approx(adamw_by_hand(0.01, lr=1e-3), rel=1e-9)
    assert np.all(np.diff(hist.val_loss[-10:]) < 0)


def adam_l2_training_losses(weight_decay=0.01, lr=1e-2, betas=(0.9, 0.999), eps=1e-8):
    """Notebook 10's Adam + L2 run, Adam written out in NumPy: weight_decay·w added to the
    gradient of every weight matrix (not the biases). The training loss every 5 steps."""
    Xtr, ytr, _, _, _, _ = runs_nets.digits_split(0)
    net = models.MLP((64, 64, 10), loss="cross_entropy", seed=0)
    params = [p.copy() for p in net.get_params()]
    m, v = [np.zeros_like(p) for p in params], [np.zeros_like(p) for p in params]
    losses = []
    for t in range(301):
        net.set_params(params)
        loss, grads = net.loss_and_grads(Xtr, ytr)
        if t % 5 == 0:
            losses.append(loss)
        if t == 300:
            break
        for i, (p, g) in enumerate(zip(params, grads)):
            g = g + weight_decay * p if p.ndim >= 2 else g
            m[i] = betas[0] * m[i] + (1 - betas[0]) * g
            v[i] = betas[1] * v[i] + (1 - betas[1]) * g**2
            m_hat, v_hat = m[i] / (1 - betas[0] ** (t + 1)), v[i] / (1 - betas[1] ** (t + 1))
            params[i] = p - lr * m_hat / (np.sqrt(v_hat) + eps)
    return np.array(losses)


def test_10_adam_l2_training_loss_settles_from_step_30():
    """Section 4's fold: Adam + L2's training loss stays at 0.166–0.188 from step 30 on
    (at step 25 it is still above); early stopping stops at 145, the recipe at 295."""
    hist = runs_nets.digits_fit("adam", 0.01, False, False, 0)[1]
    by_hand = adam_l2_training_losses()
    np.testing.assert_allclose(hist.train_loss, by_hand, rtol=1e-9)
    late = by_hand[hist.step >= 30]
    assert (round(late.min(), 3), round(late.max(), 3)) == (0.166, 0.188)
    assert by_hand[hist.step == 25][0] > 0.19
    assert runs_nets.digits_fit("adamw", 0.01, True, False, 0)[1].step[-1] == 145
    assert runs_nets.digits_fit("adamw", 0.01, True, True, 0)[1].step[-1] == 295
    nb = json.loads((ROOT / "notebooks" / "10_sensible_defaults.ipynb").read_text())
    prose = " ".join(" ".join("".join(c["source"]) for c in nb["cells"]
                              if c["cell_type"] == "markdown").split())
    for said in ("the training loss stays at 0.166–0.188 from step 30 on", "evaluate every 5 steps",
                 "for 145 of the 300 steps", "stopped at 295"):
        assert said in prose, said


def test_10_1_is_not_answered_above_it():
    """Neither the answer nor the end-of-run losses that single it out are printed above the
    exercise: the learner reads them off the panel. The solution states them."""
    run = runs_nets.digits_decay()
    answer = answers.ANSWERS["10.1"].value()
    i = answer.index
    ends = {k: f"{run.runs[k][1].val_loss[-1]:.4f}" for k in (i - 1, i)}   # the notch before, the answer
    above = text_above("10.1")
    for giveaway in (f"{answer.value:.3g}", *ends.values()):
        assert giveaway not in above, f"exercise 10.1 is answered above itself: {giveaway!r}"
    solution = solution_text("10.1")
    assert all(text in solution for text in ends.values()), (ends, solution)


# -- 05 · the two-moons panel ----------------------------------------------------------------

def moons_in_torch(torch, start, X, y, lam, prox):
    """``start``'s MLP trained in torch: 1000 full-batch SGD steps, η = 1, cross-entropy, plus
    λ·Σw² on the weights (prox=False) or a soft-threshold of the weights at η·λ after each
    step (prox=True). Returns the trained parameters, in the MLP's order."""
    params = [torch.tensor(p.copy(), requires_grad=True) for p in start.parameters()]
    Xt, yt = torch.tensor(X), torch.tensor(y)
    weights = params[0::2]
    opt = torch.optim.SGD(params, lr=1.0)

    def logits(A):
        for i in range(0, len(params), 2):
            A = A @ params[i] + params[i + 1]
            if i + 2 < len(params):
                A = torch.tanh(A)
        return A

    for _ in range(1000):
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(logits(Xt), yt)
        if not prox:
            loss = loss + lam * sum((w ** 2).sum() for w in weights)
        loss.backward()
        opt.step()
        if prox:
            with torch.no_grad():
                for w in weights:
                    w.copy_(torch.sign(w) * torch.clamp(w.abs() - lam, min=0.0))
    return params


def test_two_moons_nets_match_torch():
    torch = pytest.importorskip("torch")
    run = runs_nets.two_moons_nets()
    X, y = data.two_moons(n=300, noise=0.3, seed=0)
    both = np.r_[run.X_train, run.X_val]
    np.testing.assert_array_equal(both[np.lexsort(both.T)], X[np.lexsort(X.T)])   # a split of X
    assert len(run.y_train) == 100 and len(run.y_val) == 200
    start = models.MLP((2, 50, 50, 2), loss="cross_entropy", seed=0)
    # one run per penalty (each ~4 s), at both ends of the grid: copy k must have trained at grid[k]
    cases = [("none", 0, 0.0), ("l2", 0, run.grid[0]), ("l1", 2, run.grid[2])]
    threads = torch.get_num_threads()
    torch.set_num_threads(1)                  # tiny tensors: more threads only add waiting
    try:
        theirs_all = [moons_in_torch(torch, start, run.X_train, run.y_train, lam, prox=name == "l1")
                      for name, k, lam in cases]
    finally:
        torch.set_num_threads(threads)
    for (name, k, lam), theirs in zip(cases, theirs_all):
        ours = [p[k] for p in run.nets[name].parameters()]
        for a, b in zip(ours, theirs):
            np.testing.assert_allclose(a, b.detach().numpy(), atol=1e-8, err_msg=f"{name}, λ = {lam}")
        if name == "l1":                              # the same exact zeros
            np.testing.assert_array_equal(ours[0] == 0, theirs[0].detach().numpy() == 0)
    zeros = [int(np.sum(run.nets["l1"].fc1_weight[k] == 0)) for k in range(len(run.grid))]
    assert zeros == sorted(zeros) and zeros[0] > 0              # more λ, more exact zeros
    assert not np.any(run.nets["l2"].fc1_weight == 0)           # L2: none
