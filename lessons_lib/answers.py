"""The answers the course's exercises are checked against, kept out of the notebooks.

An exercise cell ends with ``exercises.check("3.2", your_answer)``; the expected value is
here, so the notebook does not print it beside the blank. A learner who looks can find
it: that is allowed, just one step further away than the next line.

Every exercise is filed the same way, ``register(key, expected, hint)``, in course order.
An answer that comes out of an experiment (run a panel, read off a λ) is never computed
here: the notebook's panel and this file call the same function of :mod:`lessons_lib.runs`
(its modules ``runs_curves``, ``runs_sparse``, ``runs_decay``, ``runs_nets``), and the
answer only says which position of that run is the answer, as a
:class:`~lessons_lib.grading.Notch` of the run's grid (how answers are filed:
:mod:`lessons_lib.grading`). Runs are computed when a check needs them, not on import.
"""
from __future__ import annotations

import numpy as np

from . import linear, runs_curves, runs_decay, runs_nets, runs_sparse
from .conventions import half_life, weight_decay_from_lam
from .grading import ANSWERS, Notch, first, inside, register  # noqa: F401  (ANSWERS: the key)
from .models import MLP
from .penalties import is_penalized, l2, soft_threshold
from .runs import position

# -- 00 · Start here ----------------------------------------------------------------------

def _first_half_in_ten() -> Notch:
    """0.1: the first weight_decay of the decay panel that halves w within 10 steps."""
    run = runs_decay.pure_decay()
    return Notch(run.grid, first(run.w[:, 10] <= 0.5))


register("0.1", _first_half_in_ten,
         "raise weight_decay one notch at a time and read the half-life in the title; stop at "
         "the first position where it is 10 steps or fewer")

# -- 01 · Big weights ---------------------------------------------------------------------

def _best_degree() -> int:
    """1.1: the degree with the lowest validation MSE at 16 points."""
    run = runs_curves.capacity(16)
    return int(run.grid[np.argmin(run.val)])


register("1.1", _best_degree,
         "keep 16 training points, step the degree from 1 to 20 and read the validation "
         "MSE in the left title; type the degree where it is smallest")
register("1.2", 3.0, "dŷ/dx = Σ w_k·P_k′(x) is a sum of weights times fixed functions, and the "
                     "intercept b drops out of it")
register("1.3", lambda params: float(sum(np.sum(p**2) for name, p in params.items()
                                         if is_penalized(name))),
         "loop over params.items(), skip names ending in 'bias', add np.sum(p**2) for the "
         "rest, and return a float",
         cases=[({"weight": np.array([1.0, -2.0]), "bias": np.array(3.0)},),
                ({"weight": np.array([[0.5, 0.5], [-1.0, 0.0]]), "bias": np.array([10.0, -10.0])},),
                (dict(MLP((1, 64, 64, 1), activation="tanh", seed=1).named_parameters()),)])

# -- 02 · The new objective ---------------------------------------------------------------

register("2.1", 0.30 + 0.1 * (2**2 + 1**2 + 0.5**2),
         "J = data loss + λ·Σw²: square every weight (no ½) and leave the intercept b out, "
         "it is not penalized")
def _best_lam_other_draw() -> float:
    """2.2: the λ of the colleague's table with the lowest validation MSE."""
    table = runs_curves.other_draw()
    return float(table.grid[np.argmin(table.val_loss)])


register("2.2", _best_lam_other_draw,
         "read the validation column only; the training column always prefers the smallest λ, "
         "which leaves the most room to fit the noise")


def _largest_bill() -> Notch:
    """2.3: the slider λ of notebook 2's panel where the bill λ·Σw² is largest."""
    run = runs_curves.objective_path()
    bill = run.bill[[run.row(lam) for lam in run.grid]]
    return Notch(run.grid, inside(int(np.argmax(bill)), run.grid))


register("2.3", _largest_bill,
         "drag λ one notch at a time and read the middle bar (weight bill) of the right panel; "
         "type the λ where that bar is tallest")

# -- 03 · L2 ------------------------------------------------------------------------------

register("3.1", lambda w, lam: l2(lam).grad(w),
         "differentiate λ·w² for one weight; there is no ½ in the course's penalty",
         cases=[(np.array([3.0, -0.5, 0.0]), 0.1), (np.array([[1.0, -2.0], [0.25, 4.0]]), 0.5),
                (np.array([1e-3, -7.0]), 2.0)])


def _first_diverging_lam() -> Notch:
    """3.2: at the η notebook 3's panel opens at, the first λ whose run diverges."""
    run = runs_curves.l2_descent()
    diverged = run.gd[run.eta][1].diverged
    return Notch(run.grid, inside(first(diverged), run.grid))


register("3.2", _first_diverging_lam,
         "keep η at 0.562 and step λ up one notch at a time; type the λ the slider shows at "
         "the first position where the fit panel's title says 'diverged'.")

# -- 04 · L1 and sparsity -----------------------------------------------------------------

register("4.1", soft_threshold,
         "sign(w) · max(|w| − t, 0): the max with 0 is what makes exact zeros.",
         cases=[(np.array([2.0, -0.3, 0.5, -1.5, 0.0]), 0.5), (np.array([0.1, -0.1]), 0.0),
                (np.linspace(-3, 3, 13), 1.2), (np.array([-4.0]), 10.0)])


def _first_true_feature_dropped() -> Notch:
    """4.2: the first λ of notebook 4's λ panel where lasso keeps fewer than the 5 true features."""
    run = runs_sparse.lasso_selection()
    true_kept = np.sum(run.path[:, run.true_coef != 0] != 0, axis=1)
    return Notch(run.grid, first(true_kept < 5))


register("4.2", _first_true_feature_dropped,
         "step λ up one notch at a time and watch the left title's 'informative kept' count; "
         "type the λ the slider shows at the first position where it falls below 5/5.")

# -- 05 · Fingerprints --------------------------------------------------------------------


def _first_half_sparse_lam() -> Notch:
    """5.1: at ρ = 0.25, the first λ of the elastic-net slider with 50 or more exact zeros."""
    run = runs_sparse.elastic_net_mix()
    W = run.W[run.rhos.index(0.25)]
    return Notch(run.grid, first([np.sum(W[run.row(lam)] == 0) >= 50 for lam in run.grid]))


register("5.1", _first_half_sparse_lam,
         "set ρ = 0.25 and step λ up one notch at a time; read the count of exact zeros in the "
         "left title and stop at the first λ where it is 50 or more")
register("5.2", "Q", "both print some entries as 0. — count the EXACT zeros of each with "
                     "np.sum(P == 0) and np.sum(Q == 0); L2 at λ > 0 essentially never gives "
                     "an exact 0")

# -- 06 · Weight decay --------------------------------------------------------------------

register("6.1", lambda: half_life(0.05, 0.2),
         "solve (1 − η·wd)^t = 1/2 for t, or use ln 2/(η·wd) for small η·wd", rtol=0.01)


def _decay_cost() -> Notch:
    """6.2: the first weight_decay of the whole-runs panel whose MSE after 100 steps exceeds 0.03."""
    run = runs_decay.decay_runs()
    return Notch(run.grid, first(run.mse[:, -1] > 0.03))


register("6.2", _decay_cost,
         "start at weight_decay 0.01 and move one notch right at a time; read the training MSE "
         "in the left title and stop at the first position where it is above 0.03")
register("6.3", lambda: runs_decay.MOMENTUM.weight_decay / (1 - runs_decay.MOMENTUM.momentum),
         "at an end point nothing moves: SGD needs ∇loss + wd·w = 0; for SGDW the buffer holds "
         "∇loss/(1 − μ) and must cancel the decay wd·w", rtol=0.01)

# -- 07 · AdamW ---------------------------------------------------------------------------

register("7.1", 1.0,                             # lr·wd/√v̂ = lr·wd, eps ignored as asked
         "Set Adam + L2's lr·wd/√v̂ equal to AdamW's lr·wd and solve for √v̂; or find where "
         "the two lines cross in the panel's left plot.", rtol=1e-3)


def _adamw_halves_the_busy_weights() -> Notch:
    """7.2: at the panel's opening lr, the first weight_decay at which AdamW keeps less than
    half of both busy weights' least-squares values."""
    run = runs_decay.adam_grid()
    busy = np.array(runs_decay.ADAM.scale_exp) == 1                 # w5 and w6
    row = run.adamw[position(run.lrs, runs_decay.ADAM.lr)]
    return Notch(run.grid, first([np.all(r["w"][busy] / run.w_ols[busy] < 0.5) for r in row]))


register("7.2", _adamw_halves_the_busy_weights,
         "Keep lr = 0.0562 and raise weight_decay one notch at a time; watch the blue bars of "
         "w5 and w6 against the 0.5 level (half way to the dotted line at 1).")

# -- 08 · The family ----------------------------------------------------------------------


def _smallest_good_patience() -> int:
    """8.1: the smallest patience on the slider whose restored weights are within 0.01 of the
    run's lowest validation MSE."""
    run = runs_nets.early_stopping()
    restored = run.val_loss[list(run.best)]
    return int(run.grid[first(restored <= run.val_loss.min() + 0.01)])


register("8.1", _smallest_good_patience,
         "start at patience 1 and move right; compare the validation in the middle title with "
         "the one at the largest patience (the run's lowest)")


def _stop_index(val, patience):
    """8.2's reference: the evaluation index where early stopping stops (the last if never)."""
    from .stopping import EarlyStopping

    stop = EarlyStopping.replay(val, patience)[1]
    return len(val) - 1 if stop is None else stop


register("8.2", _stop_index,
         "keep the best loss so far and a counter; reset the counter on a strictly lower loss, "
         "stop when the counter reaches patience; an equal loss is not an improvement",
         cases=[([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 2), ([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 3),
                ([0.5, 0.5, 0.5, 0.5], 2), ([3.0, 2.0, 1.0], 1), ([0.3, 0.4], 1),
                ([0.9, 0.5, 0.52, 0.5, 0.49, 0.6, 0.61, 0.62, 0.48, 0.7], 3),
                ([0.9, 0.5, 0.52, 0.5, 0.49, 0.6, 0.61, 0.62, 0.48, 0.7], 4)])
register("8.3", True, "what does x + 0·ε compute, whatever ε is?")

# -- 09 · The classic-ML view -------------------------------------------------------------

register("9.1", (1.4, 1.0), "the L1 budget is Σ|w| (signs don't matter); the L2 budget is the "
                            "disc's radius t = √Σw²")


def _first_corner_lam() -> Notch:
    """9.2: the first λ of notebook 9's panel where the lasso optimum has w₂ = 0 and w₁ ≠ 0;
    from the exact corner λ (rounded down to 2 decimals: a learner may compute it from the
    notebook's straight line) on."""
    run = runs_sparse.two_weight_paths()
    w = run.path["l1"]
    return Notch(run.grid, first((w[:, 1] == 0) & (w[:, 0] != 0)),
                 low=float(np.floor(run.corner * 100) / 100))


register("9.2", _first_corner_lam,
         "step λ up one notch at a time and watch the left title; stop at the first λ where it "
         "says w₂ = 0 exactly")


def _lasso_zeroes_first() -> tuple[int, int]:
    """9.3: (raw, standardized): the feature (1 or 2) whose lasso weight reaches 0 at the
    smaller λ of exercise 9.3's grid."""
    run = runs_sparse.units()
    last_alive = {name: [run.grid[path[:, j] != 0].max() for j in range(2)]   # largest λ, w_j ≠ 0
                  for name, path in run.paths.items()}
    return int(np.argmin(last_alive["raw"])) + 1, int(np.argmin(last_alive["standardized"])) + 1


register("9.3", _lasso_zeroes_first,
         "for uncorrelated features weight j is 0 once λ ≥ 2·|cov(xⱼ, y)|; compare the "
         "covariances in raw units and after standardizing")

# -- 10 · Sensible defaults ---------------------------------------------------------------


def _decay_beats_early_stopping() -> Notch:
    """10.1: the smallest weight_decay of notebook 10's panel whose full run ends below the
    validation loss early stopping's restored weights reach (the table's row)."""
    net, _ = runs_nets.digits_fit("adamw", runs_nets.DIGITS.weight_decay, True, False, 0)
    _, _, X_val, y_val, _, _ = runs_nets.digits_split(0)
    run = runs_nets.digits_decay()
    return Notch(run.grid, first([hist.val_loss[-1] < net.loss(X_val, y_val)
                                  for _, hist in run.runs]))


register("10.1", _decay_beats_early_stopping,
         "step weight_decay up one notch at a time from 10⁻⁴ and read the validation loss at "
         "step 300 in the left title; stop at the first one below early stopping's 0.1950.")

# -- 11 · Wrap-up -------------------------------------------------------------------------


def _l1_drops_a_true_term() -> Notch:
    """11.1: with L1, the first slider λ at which one of degrees 1, 3, 5 is exactly 0."""
    run = runs_curves.wrap_up_paths()
    w = run.paths["l1"]["w"][[run.row(lam) for lam in run.grid]]
    return Notch(run.grid, inside(first(np.any(w[:, [0, 2, 4]] == 0, axis=1)), run.grid))


register("11.1", _l1_drops_a_true_term,
         "with L1 selected, step λ up one notch at a time and watch the bars at degrees 1, 3 "
         "and 5; type the λ the slider shows at the first position where one is a hollow circle")
register("11.2", lambda: tuple(float(soft_threshold(np.array([0.0 - 0.5 * g]), 0.5 * 0.5)[0])
                              for g in (-0.3, -0.6)),
         "data step first: v = w − η·gradient; then the prox step sets v to 0 if |v| ≤ ηλ, "
         "else moves it ηλ towards 0")

# -- 12 · Reference: the conventions table ------------------------------------------------

register("12.1", lambda: (weight_decay_from_lam(0.01), linear.sklearn_alpha("l2", 0.01, 200)["alpha"],
                          linear.sklearn_C(0.01, 200)["C"]),
         "the gradient of λ·Σw² is 2λw; Ridge sums the squared errors (n times the mean); "
         "LogisticRegression's objective is C·Σ log-loss + ½‖w‖², divide it by C·n")
