"""The answers the course's exercises are checked against, kept out of the notebooks.

An exercise cell ends with ``exercises.check("3.2", your_answer)``; the expected value is
here, so the notebook does not print it beside the blank. A learner who looks can find
it: that is allowed, just one step further away than the next line.

An answer that comes out of an experiment (run a panel, read off a λ) is computed here by a
function, called when the check runs, never typed in by hand.

Each entry is an :class:`Answer`, filed under ``"<notebook>.<exercise>"``; the notebooks'
sections below are in course order.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    """What one exercise expects, and the hint shown when an answer misses.

    Parameters
    ----------
    expected : object or callable
        The value (number, array, bool, str, tuple), or a function of no arguments that
        computes it. For a function exercise (``cases`` given), the reference function.
    hint : str
        One sentence that points the way without giving the answer.
    rtol, atol : float
        Tolerances for numbers, as in ``numpy.allclose``.
    cases : list of tuple, optional
        For a function exercise: the argument tuples both functions are called with.
    within : tuple of float or callable, optional
        For a number read off a run or a panel: any answer in ``[low, high]`` is right
        (``expected`` is then only what the hint and the tests refer to); a function of no
        arguments may compute the pair when the check runs.
    """

    expected: object
    hint: str
    rtol: float = 1e-6
    atol: float = 1e-9
    cases: list[tuple] | None = None
    within: tuple[float, float] | Callable[[], tuple[float, float]] | None = None

    def value(self):
        """The expected value (a function's result when ``expected`` is a value function)."""
        if self.cases is None and callable(self.expected):
            return self.expected()
        return self.expected

    def window(self) -> tuple[float, float] | None:
        """The accepted ``[low, high]`` range, computed if ``within`` is a function."""
        return self.within() if callable(self.within) else self.within


ANSWERS: dict[str, Answer] = {}


def answer(key: str, hint: str, **options) -> Callable:
    """Register the decorated function's result as exercise ``key``'s expected value.

    Parameters
    ----------
    key : str
        The exercise, ``"<notebook>.<exercise>"``.
    hint : str
        Shown when an answer misses.
    **options
        ``rtol``, ``atol``, ``within``, as in :class:`Answer`.
    """
    def register(fn: Callable) -> Callable:
        ANSWERS[key] = Answer(fn, hint, **options)
        return fn
    return register


def _notches(grid, i: int) -> tuple[float, float, float]:
    """Grid position ``i`` with its neighbours (the ends stand in for missing ones)."""
    last = len(grid) - 1
    return float(grid[max(i - 1, 0)]), float(grid[i]), float(grid[min(i + 1, last)])


def on_slider(key: str, notches: Callable[[], tuple[float, float, float]], hint: str) -> None:
    """Register a value read off a log slider as exercise ``key``'s answer.

    Parameters
    ----------
    key : str
        The exercise, ``"<notebook>.<exercise>"``.
    notches : callable
        Returns ``(the position before, the answer, the position after)`` on the slider's
        grid (cache it: it runs the experiment). Any value the slider would snap to the
        answer, half a notch either side on a log scale, counts as right.
    hint : str
        Shown when an answer misses.
    """
    def window() -> tuple[float, float]:
        before, at, after = notches()
        return (before * at) ** 0.5, (at * after) ** 0.5

    ANSWERS[key] = Answer(lambda: notches()[1], hint, within=window)


# -- 00 · Start here ----------------------------------------------------------------------

def _conversion_drill() -> tuple[float, float, float]:
    """0.1: n = 200, λ = 0.01 → (SGD's weight_decay, Ridge's alpha, LogisticRegression's C)."""
    from .conventions import weight_decay_from_lam
    from .linear import sklearn_alpha, sklearn_C

    return (weight_decay_from_lam(0.01), sklearn_alpha("l2", 0.01, 200)["alpha"],
            sklearn_C(0.01, 200)["C"])


ANSWERS["0.1"] = Answer(
    _conversion_drill,
    hint="the gradient of λ·Σw² is 2λw; Ridge sums the squared errors (n times the mean); "
         "LogisticRegression's objective is C·Σ log-loss + ½‖w‖², divide it by C·n")


@functools.cache
def _first_half_in_ten() -> tuple[float, float, float]:
    """0.2: notebook 0's decay panel (lr = 0.1, weight_decay on log_grid(-2, 0.5)): the first
    weight_decay at which w = 1 is at or below 0.5 after 10 steps, with its grid neighbours."""
    from . import conventions, widgets

    grid = widgets.log_grid(-2, 0.5)                         # the panel's slider
    for i, wd in enumerate(grid):
        if conventions.decay_factor(0.1, wd) ** 10 <= 0.5:
            return _notches(grid, i)
    raise AssertionError("no weight_decay on the panel's grid halves w within 10 steps")


on_slider("0.2", _first_half_in_ten,
          "raise weight_decay one notch at a time and read the half-life in the title; stop at "
          "the first position where it is 10 steps or fewer")

# -- 01 · Big weights ---------------------------------------------------------------------

@answer("1.1", hint="keep 16 training points, step the degree from 1 to 20 and read the validation "
                    "MSE in the left title; type the degree where it is smallest")
def _best_degree_16_points() -> int:
    """Notebook 1's panel at 16 points (seed 197, validated on 200 points of seed 100): the
    degree on the slider (1 … 20) whose exact least-squares fit has the lowest validation MSE."""
    import numpy as np

    from . import data, linear

    x, y = data.noisy_curve(16, noise=0.25, seed=197)
    x_val, y_val = data.noisy_curve(200, noise=0.25, seed=100)
    val = []
    for d in range(1, 21):                                   # the panel's degree slider
        w, b = linear.fit_linear(data.polynomial_features(x, d), y, penalty="l2", lam=0.0)
        pred = linear.predict_linear(data.polynomial_features(x_val, d), w, b)
        val.append(np.mean((pred - y_val) ** 2))
    return int(np.argmin(val)) + 1


ANSWERS["1.2"] = Answer(3.0, hint="dŷ/dx = Σ w_k·P_k′(x) is a sum of weights times fixed "
                                  "functions, and the intercept b drops out of it")


def _sum_sq_exercise() -> Answer:
    """1.3: the learner's Σw² over a dict of named parameters, biases skipped."""
    import numpy as np

    from .models import MLP
    from .penalties import is_penalized

    def reference(params):
        return float(sum(np.sum(p**2) for name, p in params.items() if is_penalized(name)))

    cases = [({"weight": np.array([1.0, -2.0]), "bias": np.array(3.0)},),
             ({"weight": np.array([[0.5, 0.5], [-1.0, 0.0]]), "bias": np.array([10.0, -10.0])},),
             (dict(MLP((1, 64, 64, 1), activation="tanh", seed=1).named_parameters()),)]
    return Answer(reference, cases=cases,
                  hint="loop over params.items(), skip names ending in 'bias', add np.sum(p**2) "
                       "for the rest, and return a float")


ANSWERS["1.3"] = _sum_sq_exercise()

# -- 02 · The new objective ---------------------------------------------------------------

ANSWERS["2.1"] = Answer(0.30 + 0.1 * (2**2 + 1**2 + 0.5**2),
                        hint="J = data loss + λ·Σw²: square every weight (no ½) and leave the "
                             "intercept b out, it is not penalized")


def _objective_sets(train_seed: int):
    """Notebook 2's data on degree-15 Legendre features: 15 training points of seed
    ``train_seed`` and the 60 validation points of seed 2. Returns (X, y, X_val, y_val)."""
    from . import data

    x, y = data.noisy_curve(15, seed=train_seed)
    x_val, y_val = data.noisy_curve(60, seed=2)
    return (data.polynomial_features(x, 15), y, data.polynomial_features(x_val, 15), y_val)


@answer("2.2", hint="read the validation column only; the training column always prefers the "
                    "smallest λ, which leaves the most room to fit the noise")
def _best_lam_other_draw() -> float:
    """2.2: the λ of the colleague's table (10⁻⁶ … 10², one per decade; training seed 3) whose
    exact ridge fit has the lowest validation MSE."""
    import numpy as np

    from . import linear

    X, y, X_val, y_val = _objective_sets(3)
    lams = 10.0 ** np.arange(-6, 3)
    coefs, intercepts = linear.regularization_path(X, y, lams, penalty="l2")
    val = [np.mean((linear.predict_linear(X_val, w, b) - y_val) ** 2)
           for w, b in zip(coefs, intercepts)]
    return float(lams[int(np.argmin(val))])


@functools.cache
def _largest_bill() -> tuple[float, float, float]:
    """2.3: notebook 2's λ panel (slider on log_grid(-7, 2, 0.5), exact ridge fits on the 15
    points of seed 1): the λ where the bill λ·Σw² is largest, with its neighbours."""
    import numpy as np

    from . import linear, widgets

    X, y, _, _ = _objective_sets(1)
    lams = widgets.log_grid(-7, 2, 0.5)                      # the panel's slider
    coefs, _ = linear.regularization_path(X, y, lams, penalty="l2")
    i = int(np.argmax(lams * np.sum(coefs**2, axis=1)))
    if not 0 < i < len(lams) - 1:
        raise AssertionError("the bill peaks at an end of the panel's slider")
    return _notches(lams, i)


on_slider("2.3", _largest_bill,
          "drag λ one notch at a time and read the middle bar (weight bill) of the right panel; "
          "type the λ where that bar is tallest")

# -- 03 · L2 ------------------------------------------------------------------------------

def _l2_grad_exercise() -> Answer:
    """3.1: the learner's gradient of λ·Σw² against ``penalties.l2(lam).grad``."""
    import numpy as np

    from .penalties import l2

    cases = [(np.array([3.0, -0.5, 0.0]), 0.1), (np.array([[1.0, -2.0], [0.25, 4.0]]), 0.5),
             (np.array([1e-3, -7.0]), 2.0)]
    return Answer(lambda w, lam: l2(lam).grad(w), cases=cases,
                  hint="differentiate λ·w² for one weight; there is no ½ in the course's penalty")


ANSWERS["3.1"] = _l2_grad_exercise()


@functools.cache
def _first_diverging_lam() -> tuple[float, float, float]:
    """3.2: notebook 3's panel at η = 10**-0.25 (300 full-batch GD steps from 0 on the
    degree-15 polynomial): the first λ on the slider's grid whose run diverges, with its
    neighbours on the grid."""
    import numpy as np

    from . import data, models, train, widgets

    x, y = data.noisy_curve(seed=0)
    X = data.polynomial_features(x, 15)
    lams = widgets.log_grid(-4, 1, 0.5)                     # the panel's λ slider
    _, hist = train.sweep(models.LinearRegression(15), X, y, lams=lams, lr=10 ** -0.25,
                          steps=300)
    i = int(np.argmax(hist.diverged))
    if not hist.diverged[i] or i == 0:
        raise AssertionError("no first diverging λ inside the panel's grid at η ≈ 0.562")
    return _notches(lams, i)


on_slider("3.2", _first_diverging_lam,
          "keep η at 0.562 and step λ up one notch at a time; type the λ the slider shows at "
          "the first position where the fit panel shows a divergence message.")

# -- 04 · L1 and sparsity -----------------------------------------------------------------

def _soft_threshold_exercise() -> Answer:
    """4.1: the learner's soft-thresholding against ``penalties.soft_threshold``."""
    import numpy as np

    from .penalties import soft_threshold

    cases = [(np.array([2.0, -0.3, 0.5, -1.5, 0.0]), 0.5), (np.array([0.1, -0.1]), 0.0),
             (np.linspace(-3, 3, 13), 1.2), (np.array([-4.0]), 10.0)]
    return Answer(soft_threshold, cases=cases,
                  hint="sign(w) · max(|w| − t, 0): the max with 0 is what makes exact zeros.")


ANSWERS["4.1"] = _soft_threshold_exercise()


@functools.cache
def _first_true_feature_dropped() -> tuple[float, float, float]:
    """4.2: notebook 4's λ panel (same data, same slider grid). The first grid λ at which the
    exact lasso keeps fewer than the 5 true features, with its neighbours on the grid."""
    import numpy as np

    from . import data, linear, widgets

    X, y, true_coef = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
    lams = widgets.log_grid(-3, np.ceil(np.log10(linear.lam_max(X, y)) / 0.125) * 0.125)
    path, _ = linear.regularization_path(X, y, lams, penalty="l1")
    true_kept = np.sum(path[:, true_coef != 0] != 0, axis=1)
    i = int(np.argmax(true_kept < 5))
    return _notches(lams, i)


on_slider("4.2", _first_true_feature_dropped,
          "step λ up one notch at a time and watch the left title's 'informative kept' count; "
          "type the λ the slider shows at the first position where it falls below 5/5.")

# -- 05 · Fingerprints --------------------------------------------------------------------

@answer("5.1", rtol=0.02,
        hint="set ρ = 0.25 and step λ up one notch at a time; read the count of exact zeros in "
             "the left title and stop at the first λ where it is 50 or more")
def _first_half_sparse_lam():
    """The first λ on notebook 5's elastic-net slider (0.01 … 10 in half-decades) where the
    exact fit with ρ = 0.25 on section 3's data has at least 50 of 100 weights exactly 0."""
    import numpy as np

    from . import data, linear, widgets

    X, y, _ = data.sparse_linear(n_samples=400, n_features=100, n_informative=10, noise=0.5,
                                 seed=0)
    Xs, ys, _, _ = data.split(X, y, (0.5, 0.5), seed=0)
    for lam in widgets.log_grid(-2, 1, 0.5):
        w, _ = linear.fit_linear(Xs, ys, penalty="elastic_net", lam=lam, l1_ratio=0.25)
        if np.sum(w == 0) >= 50:
            return float(lam)
    raise RuntimeError("no λ on the slider reaches 50 exact zeros")


ANSWERS["5.2"] = Answer("Q", hint="both print some entries as 0. — count the EXACT zeros of each "
                                  "with np.sum(P == 0) and np.sum(Q == 0); L2 at λ > 0 "
                                  "essentially never gives an exact 0")

# -- 06 · Weight decay --------------------------------------------------------------------

@answer("6.1", rtol=0.01,
        hint="solve (1 − η·wd)^t = 1/2 for t, or use ln 2/(η·wd) for small η·wd")
def _half_life_exercise() -> float:
    """6.1: steps for pure decay with η = 0.05, weight_decay = 0.2 to halve a weight."""
    from .conventions import half_life

    return half_life(0.05, 0.2)


@functools.cache
def _decay_cost_grid() -> tuple[float, float, float]:
    """6.2: notebook 6's "whole runs" panel (degree-8 polynomial, GD from least squares,
    η = 0.3, 100 steps, weight_decay 0.01 … 0.316 at 4 per decade). The first grid
    weight_decay whose training MSE after 100 steps exceeds 0.03, with its grid neighbours."""
    from . import data, linear, models, train, widgets

    x, y = data.noisy_curve(seed=0)
    X = data.polynomial_features(x, 8)
    w_ls, b_ls = linear.fit_linear(X, y, penalty="l2", lam=0.0)
    grid = widgets.log_grid(-2, -0.5, 0.25)
    for i, wd in enumerate(grid):
        model = models.LinearRegression(8)
        model.set_params([w_ls, b_ls])
        hist = train.train(model, X, y, lr=0.3, steps=100, weight_decay=wd)
        if hist.train_loss[-1] > 0.03:
            return _notches(grid, i)
    raise AssertionError("no weight_decay on the slider pushes the MSE past 0.03")


on_slider("6.2", _decay_cost_grid,
          "start at weight_decay 0.01 and move one notch right at a time; read the training MSE "
          "in the left title and stop at the first position where it is above 0.03")


@answer("6.3", rtol=0.01,
        hint="at an end point nothing moves: SGD needs ∇loss + wd·w = 0; for SGDW the buffer "
             "holds ∇loss/(1 − μ) and must cancel the decay wd·w")
def _sgdw_matching_decay() -> float:
    """6.3: the SGDW weight_decay with momentum 0.9 whose end point is SGD's with
    weight_decay = 0.1: wd/(1 − μ)."""
    momentum, weight_decay = 0.9, 0.1
    return weight_decay / (1 - momentum)


# -- 07 · AdamW ---------------------------------------------------------------------------
ANSWERS["7.1"] = Answer(1.0, "Set Adam + L2's lr·wd/√v̂ equal to AdamW's lr·wd and solve "
                        "for √v̂; or find where the two lines cross in the panel's left plot.",
                        rtol=1e-3)


@answer("7.2", hint="Keep lr = 0.0562 and raise weight_decay one notch at a time; watch the "
        "blue bars of w5 and w6 against the 0.5 level (half way to the dotted line at 1).",
        rtol=1e-2)
def _adamw_halves_the_busy_weights() -> float:
    """The smallest weight_decay on notebook 7's panel grid at which AdamW (lr = 10**-1.25,
    300 full-batch steps from 0) keeps less than half of both busy weights' least-squares values."""
    import numpy as np

    from . import data, linear, models, train, widgets

    X, y, _ = data.busy_quiet()
    w_ols, _ = linear.fit_linear(X, y, penalty="l2", lam=0.0)
    for wd in widgets.log_grid(-1, 1, 0.5):                 # the panel's weight_decay slider
        model = models.LinearRegression(X.shape[1])
        train.train(model, X, y, lr=10 ** -1.25, steps=300, optimizer="adamw", weight_decay=wd)
        if np.all(model.weight[4:] / w_ols[4:] < 0.5):      # w5 and w6, the busy weights
            return float(wd)
    raise AssertionError("no weight_decay on the grid halves both busy weights")


# -- 08 · The family ----------------------------------------------------------------------

def _family_run(patience=None):
    """Notebook 8's patient: seed 0's MLP (1, 64, 64, 1) on ``data.mlp_set()``, AdamW with
    η = 0.02 for 300 steps, validation every 5 steps; returns (net, history)."""
    from . import data, models, train

    prob = data.mlp_set()
    net = models.MLP((1, 64, 64, 1), seed=0)
    hist = train.train(net, prob.x[:, None], prob.y, lr=0.02, steps=300, optimizer="adamw",
                       X_val=prob.x_val[:, None], y_val=prob.y_val, eval_every=5,
                       patience=patience, seed=0)
    return net, hist


@answer("8.1", hint="start at patience 1 and move right; compare the validation in the middle "
                    "title with the one at the largest patience (the run's lowest)")
def _smallest_good_patience():
    """The smallest patience whose restored weights are within 0.01 of the run's lowest
    validation MSE (every patience from 1 up; the panel's slider holds 1, 2, 3, 4, …)."""
    lowest = _family_run()[1].val_loss.min()
    patience = 1
    while True:
        hist = _family_run(patience)[1]
        if hist.val_loss[hist.step == hist.best_step][0] <= lowest + 0.01:
            return patience
        patience += 1


def _stop_index(val, patience):
    """Early stopping's rule (as in train.train): the evaluation index where training stops."""
    best, waited = float("inf"), 0
    for i, v in enumerate(val):
        if v < best:
            best, waited = v, 0
        else:
            waited += 1
            if waited >= patience:
                return i
    return len(val) - 1


ANSWERS["8.2"] = Answer(
    _stop_index,
    hint="keep the best loss so far and a counter; reset the counter on a strictly lower loss, "
         "stop when the counter reaches patience; an equal loss is not an improvement",
    cases=[([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 2), ([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 3),
           ([0.5, 0.5, 0.5, 0.5], 2), ([3.0, 2.0, 1.0], 1), ([0.3, 0.4], 1),
           ([0.9, 0.5, 0.52, 0.5, 0.49, 0.6, 0.61, 0.62, 0.48, 0.7], 3),
           ([0.9, 0.5, 0.52, 0.5, 0.49, 0.6, 0.61, 0.62, 0.48, 0.7], 4)])

ANSWERS["8.3"] = Answer(True, hint="what does x + 0·ε compute, whatever ε is?")


# -- 09 · The classic-ML view -------------------------------------------------------------

ANSWERS["9.1"] = Answer((1.4, 1.0), hint="the L1 budget is Σ|w| (signs don't matter); the L2 "
                                         "budget is the disc's radius t = √Σw²")


@functools.cache
def _first_corner_lam() -> tuple[float, float]:
    """9.2: (the first λ on notebook 9's panel slider, 0.1 … 5.62 at 8 per decade, where the
    exact lasso solution has w₂ == 0 and w₁ != 0; the next λ on the slider)."""
    from . import data, linear, widgets

    X, y = data.two_weights()
    grid = widgets.log_grid(-1, 0.75, 1 / 8)
    for i, lam in enumerate(grid):
        w, _ = linear.fit_linear(X, y, penalty="l1", lam=lam, fit_intercept=False)
        if w[1] == 0 and w[0] != 0:
            return float(lam), float(grid[min(i + 1, len(grid) - 1)])
    raise AssertionError("the lasso optimum never reaches the corner on the slider")


def _corner_window() -> tuple[float, float]:
    """From the exact λ where the lasso path reaches the corner (w_ols − (λ/2)·G⁻¹·sign(w_ols)
    hits w₂ = 0; rounded down to 2 decimals, as the notebook prints it) up to half a notch
    (log scale) above the first slider λ on the corner."""
    import numpy as np

    from . import data

    X, y = data.two_weights()
    G, c = X.T @ X / len(y), X.T @ y / len(y)
    w_ols = np.linalg.solve(G, c)
    corner = 2 * w_ols[1] / np.linalg.solve(G, np.sign(w_ols))[1]
    first, after = _first_corner_lam()
    return float(np.floor(corner * 100) / 100), float((first * after) ** 0.5)


ANSWERS["9.2"] = Answer(
    lambda: _first_corner_lam()[0], within=_corner_window,
    hint="step λ up one notch at a time and watch the left title; stop at the first λ "
         "where it says w₂ = 0 exactly")


@answer("9.3", hint="for uncorrelated features weight j is 0 once λ ≥ 2·|cov(xⱼ, y)|; compare "
                    "the covariances in raw units and after standardizing")
def _lasso_zeroes_first():
    """(raw, standardized): the feature (1 or 2) whose lasso coefficient reaches 0 at the
    smaller λ on notebook 9's exercise data (seed 3), by an exact path on a fine grid."""
    import numpy as np

    from . import data, linear

    rng = np.random.default_rng(3)
    X = np.c_[10 * rng.standard_normal(500), rng.standard_normal(500)]
    y = X @ np.array([0.04, 0.5]) + 0.3 * rng.standard_normal(500)
    lams = 10 ** np.arange(-2, 2.01, 0.01)

    def first(X):
        path, _ = linear.regularization_path(X, y, lams, penalty="l1")
        last_alive = [lams[path[:, j] != 0].max() for j in range(2)]   # largest λ with w_j ≠ 0
        return int(np.argmin(last_alive)) + 1

    return (first(X), first(data.Standardizer().fit_transform(X)))


# -- 10 · Sensible defaults ---------------------------------------------------------------

def _digits_run(weight_decay: float, patience: int | None = None):
    """Notebook 10's run on split 0: ``MLP((64, 64, 10))`` (seed 0) on the digits divided by
    16, AdamW at lr = 10⁻² for 300 full-batch steps, validation every 5 steps.
    Returns (validation loss of the final or restored weights, history)."""
    from . import data, models, train

    X, y = data.digits()
    Xtr, ytr, Xva, yva, _, _ = data.split(X / 16.0, y, (0.2, 0.3, 0.5), seed=0)
    net = models.MLP((64, 64, 10), loss="cross_entropy", seed=0)
    hist = train.train(net, Xtr, ytr, lr=1e-2, steps=300, optimizer="adamw",
                       weight_decay=weight_decay, X_val=Xva, y_val=yva, eval_every=5,
                       patience=patience, seed=0)
    return net.loss(Xva, yva), hist


@functools.cache
def _decay_beats_early_stopping() -> tuple[float, float, float]:
    """10.1: the smallest weight_decay on notebook 10's slider (10⁻⁴ … 10, half-decades)
    whose full 300-step AdamW run ends below the validation loss that early stopping
    (wd = 0.01, patience 10) restored; with its neighbours on the grid."""
    from . import widgets

    target = _digits_run(0.01, patience=10)[0]
    wds = widgets.log_grid(-4, 1, 0.5)
    for i, wd in enumerate(wds):
        if _digits_run(wd)[1].val_loss[-1] < target:
            return _notches(wds, i)
    raise AssertionError("no weight_decay on the slider beats early stopping")


on_slider("10.1", _decay_beats_early_stopping,
          "step weight_decay up one notch at a time from 10⁻⁴ and read the validation loss at "
          "step 300 in the left title; stop at the first one below early stopping's 0.1950.")


# -- 11 · Wrap-up -------------------------------------------------------------------------

@functools.cache
def _l1_drops_a_true_term() -> tuple[float, float, float]:
    """11.1: the wrap-up panel with L1 (exact fits of ``data.overfit_set()``'s degree-15
    polynomial, slider ``log_grid(-2.375, 0.25, 0.375)``): the first λ at which one of the
    true curve's big terms, degrees 1, 3 and 5, is exactly 0; with its grid neighbours."""
    import numpy as np

    from . import data, linear, widgets

    prob = data.overfit_set()
    X = prob.features(15)[0]
    grid = widgets.log_grid(-2.375, 0.25, 0.375)            # the panel's λ slider
    for i, lam in enumerate(grid):
        w, _ = linear.fit_linear(X, prob.y, penalty="l1", lam=lam)
        if np.any(w[[0, 2, 4]] == 0):                        # degrees 1, 3, 5
            if i == 0:
                raise AssertionError("a true term is 0 already at the slider's first λ")
            return _notches(grid, i)
    raise AssertionError("L1 keeps degrees 1, 3 and 5 at every λ on the slider")


on_slider("11.1", _l1_drops_a_true_term,
          "with L1 selected, step λ up one notch at a time and watch the bars at degrees 1, 3 "
          "and 5; type the λ the slider shows at the first position where one is a hollow circle")

ANSWERS["11.2"] = Answer(
    "l2", hint="which penalty's pull fades as the weight shrinks? Type its name as a string")
