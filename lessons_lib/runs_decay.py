r"""Weight decay's experiments: pure decay, decay with data, Adam + L2 against AdamW.

One function per experiment a notebook shows (see :mod:`lessons_lib.runs`), in course
order. Every decay here is PyTorch's: ``weight_decay`` (wd) multiplies a weight by
``1 − lr·wd`` per step (:func:`lessons_lib.conventions.decay_factor`).
"""
from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import conventions, data, linear, models, optim, penalties, train
from .runs import Run, position
from .widgets import log_grid

# -- 00 · Start here ----------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class PureDecay(Run):
    r"""A weight ``w₀ = 1`` left to decay: :math:`w_t = (1 - \text{lr}\cdot\text{wd})^t`.

    Parameters
    ----------
    grid : numpy.ndarray
        The weight_decay values.
    lr : float
        The learning rate.
    steps : numpy.ndarray
        The steps ``0, 1, …``.
    w : numpy.ndarray
        Shape ``(len(grid), len(steps))``: the weight after each step.
    factor : numpy.ndarray
        The factor ``1 − lr·wd`` at each weight_decay.
    half_life : numpy.ndarray
        Steps to halve the weight, ``ln 2 / −ln(factor)``.
    """

    lr: float
    steps: np.ndarray
    w: np.ndarray
    factor: np.ndarray
    half_life: np.ndarray


@functools.cache
def pure_decay() -> PureDecay:
    """Notebook 0's panel: lr = 0.1, 100 steps, weight_decay from 0.01 to 3.16 (8 a decade).

    Returns
    -------
    PureDecay
        The weight at every step, for every weight_decay on the slider.

    Examples
    --------
    >>> run = pure_decay()
    >>> i = run.index(0.1)                          # a slider value
    >>> print(f"factor {run.factor[i]:.4f}, half-life {run.half_life[i]:.1f} steps")
    factor 0.9900, half-life 69.0 steps
    """
    lr, steps, grid = 0.1, np.arange(101), log_grid(-2, 0.5)
    factor = np.array([conventions.decay_factor(lr, wd) for wd in grid])
    return PureDecay(grid=grid, lr=lr, steps=steps, w=factor[:, None] ** steps, factor=factor,
                     half_life=np.array([conventions.half_life(lr, wd) for wd in grid]))


# -- 06 · Weight decay, step by step ------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DecayRuns(Run):
    r"""Gradient descent with weight decay, started from the least-squares fit.

    Each step is :math:`w \leftarrow w(1 - \eta\cdot\text{wd}) - \eta\,\nabla\text{MSE}`
    (the intercept is not decayed); the weights settle at ridge with λ = wd/2.

    Parameters
    ----------
    grid : numpy.ndarray
        The weight_decay values.
    lr : float
        The learning rate η.
    steps : int
        The number of steps.
    degree : int
        The polynomial's degree (its number of weights).
    x, y : numpy.ndarray
        The training points.
    X : numpy.ndarray
        Their Legendre features, shape ``(len(x), degree)``.
    w_ls : numpy.ndarray
        The least-squares weights every run starts from.
    b_ls : float
        The least-squares intercept.
    W : numpy.ndarray
        Shape ``(len(grid), steps + 1, degree)``: the weights at every step.
    b : numpy.ndarray
        The intercept after the last step.
    mse : numpy.ndarray
        Shape ``(len(grid), steps + 1)``: the training MSE at every step.
    ridge_w : numpy.ndarray
        Shape ``(len(grid), degree)``: the exact ridge weights for λ = wd/2.
    """

    lr: float
    steps: int
    degree: int
    x: np.ndarray
    y: np.ndarray
    X: np.ndarray
    w_ls: np.ndarray
    b_ls: float
    W: np.ndarray
    b: np.ndarray
    mse: np.ndarray
    ridge_w: np.ndarray

    def at(self, weight_decay: float) -> dict:
        """One run's ``W``, ``b``, ``mse`` and ``ridge_w``, by name.

        Parameters
        ----------
        weight_decay : float
            A value of ``grid``.
        """
        i = self.index(weight_decay)
        return {"W": self.W[i], "b": self.b[i], "mse": self.mse[i], "ridge_w": self.ridge_w[i]}


@functools.cache
def decay_runs() -> DecayRuns:
    """Notebook 6's whole runs: the degree-8 polynomial on ``data.overfit_set()``'s 12 points,
    100 steps of gradient descent with η = 0.3 from least squares, weight_decay from 0.01 to
    0.316 (4 a decade).

    Returns
    -------
    DecayRuns
        The weights and the training MSE at every step, for every weight_decay.
    """
    x, y = data.noisy_curve(seed=0)
    degree, lr, steps = 8, 0.3, 100
    X = data.polynomial_features(x, degree)
    w_ls, b_ls = linear.fit_linear(X, y, penalty="l2", lam=0.0)
    grid = log_grid(-2, -0.5, 0.25)
    W, b, mse, ridge_w = [], [], [], []
    for wd in grid:
        model = models.LinearRegression(degree)
        model.set_params([w_ls, b_ls])
        hist = train.train(model, X, y, lr=lr, steps=steps, weight_decay=wd, snapshot_every=1)
        W.append([s[0] for s in hist.snapshots])
        b.append(model.bias)
        mse.append(hist.train_loss)
        lam = conventions.lam_from_weight_decay(wd)
        ridge_w.append(linear.fit_linear(X, y, penalty="l2", lam=lam)[0])
    return DecayRuns(grid=grid, lr=lr, steps=steps, degree=degree, x=x, y=y, X=X, w_ls=w_ls,
                     b_ls=b_ls, W=np.array(W), b=np.array(b), mse=np.array(mse),
                     ridge_w=np.array(ridge_w))


# -- 06 · sections 3-6: five weights, one of them dead ------------------------------------


@functools.cache
def dead_feature_data() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Notebook 6's data from section 3 on: 40 rows of 4 standard-normal features, 2 of them
    informative (``data.sparse_linear(40, 4, 2, seed=2)``), plus a fifth feature that is 0
    in every row, like a broken sensor: its weight's data gradient is 0 forever.

    Returns
    -------
    X : numpy.ndarray
        Shape ``(40, 5)``, the last column all zeros.
    y : numpy.ndarray
        Shape ``(40,)``.
    true_w : numpy.ndarray
        Shape ``(5,)``: the true weights, the fifth 0.
    """
    X, y, true_w = data.sparse_linear(n_samples=40, n_features=4, n_informative=2, seed=2)
    return np.column_stack([X, np.zeros(len(y))]), y, np.r_[true_w, 0.0]


def _five_weights(**options) -> tuple[train.History, np.ndarray]:
    """The five-weight model from its one random start (``init_scale=1.5, seed=2``), trained
    on :func:`dead_feature_data` by :func:`lessons_lib.train.train` with ``options``.

    Returns the history and the weights at every step, shape ``(steps + 1, 5)``.
    """
    X, y, _ = dead_feature_data()
    model = models.LinearRegression(X.shape[1], init_scale=1.5, seed=2)
    hist = train.train(model, X, y, snapshot_every=1, **options)
    return hist, np.array([s[0] for s in hist.snapshots])


@dataclass(frozen=True, kw_only=True)
class DeadWeightRuns:
    r"""Notebook 6's section 4: full-batch SGD without and with weight decay.

    Parameters
    ----------
    lr, weight_decay : float
        η and the decayed run's weight_decay.
    steps : int
        The length of both runs.
    plain, decayed : numpy.ndarray
        Shape ``(steps + 1, 5)``: the weights at every step, without and with decay.
    pure : numpy.ndarray
        Shape ``(steps + 1,)``: pure decay of the dead weight's start,
        :math:`w_0(1 - \eta\cdot\text{wd})^t`.
    """

    lr: float
    weight_decay: float
    steps: int
    plain: np.ndarray
    decayed: np.ndarray
    pure: np.ndarray


@functools.cache
def dead_weight_runs() -> DeadWeightRuns:
    """Notebook 6's section 4: 200 steps of SGD with η = 0.1 on :func:`dead_feature_data`,
    weight_decay 0 and 0.2, from the same random start.

    Returns
    -------
    DeadWeightRuns
        Both runs' weights at every step, and the dead weight's pure decay.

    Examples
    --------
    >>> run = dead_weight_runs()
    >>> bool(np.allclose(run.decayed[:, 4], run.pure, rtol=1e-12))     # the dead weight
    True
    """
    lr, wd, steps = 0.1, 0.2, 200
    plain = _five_weights(lr=lr, steps=steps)[1]
    decayed = _five_weights(lr=lr, steps=steps, weight_decay=wd)[1]
    pure = plain[0, 4] * conventions.decay_factor(lr, wd) ** np.arange(steps + 1)
    return DeadWeightRuns(lr=lr, weight_decay=wd, steps=steps, plain=plain, decayed=decayed,
                          pure=pure)


class BlowUp(NamedTuple):
    """One run of :func:`blow_up_runs`.

    Attributes
    ----------
    call : str
        How it was trained, as ``train.train``'s arguments.
    warnings : tuple of str
        What was warned when it started.
    diverged : bool
        Whether it diverged.
    diverged_at : int or None
        The step it diverged at.
    message : str
        ``train.train``'s explanation.
    """

    call: str
    warnings: tuple
    diverged: bool
    diverged_at: int | None
    message: str


@functools.cache
def blow_up_runs() -> tuple[BlowUp, ...]:
    """Notebook 6's end of section 3: η = 0.1 with weight_decay = 24 (η·wd = 2.4), on
    :func:`dead_feature_data`, 200 steps, once as ``weight_decay=24`` and once as the course's
    penalty ``penalties.l2(12)``; both blow up at the same step.

    Returns
    -------
    tuple of BlowUp
        The two runs, in that order.
    """
    runs = []
    for call, options in [("weight_decay=24", dict(weight_decay=24.0)),
                          ("penalty=penalties.l2(12)", dict(penalty=penalties.l2(12.0)))]:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            hist = _five_weights(lr=0.1, steps=200, **options)[0]
        runs.append(BlowUp(call, tuple(str(w.message) for w in caught), bool(hist.diverged),
                           hist.diverged_at, hist.message))
    return tuple(runs)


class MomentumSetup(NamedTuple):
    """Notebook 6's SGD against SGDW, both with momentum (section 5 and exercise 6.3).

    Attributes
    ----------
    momentum : float
        μ.
    lr : float
        η.
    weight_decay : float
        SGD's weight_decay.
    steps : int
        The length of the runs.
    """

    momentum: float
    lr: float
    weight_decay: float
    steps: int


MOMENTUM = MomentumSetup(momentum=0.9, lr=0.01, weight_decay=0.1, steps=600)


@functools.cache
def momentum_runs() -> dict[str, np.ndarray]:
    """Notebook 6's section 5: SGD (L2 in the buffer) and SGDW (decoupled), both with
    :data:`MOMENTUM` (μ = 0.9, η = 0.01, weight_decay = 0.1, 600 steps), on
    :func:`dead_feature_data` from section 4's start.

    Returns
    -------
    dict
        ``{"sgd": W, "sgdw": W}``, each of shape ``(steps + 1, 5)``: the weights at every step.
    """
    mu, lr, wd, steps = MOMENTUM
    return {opt: _five_weights(lr=lr, steps=steps, optimizer=opt, momentum=mu, weight_decay=wd)[1]
            for opt in ("sgd", "sgdw")}


@dataclass(frozen=True, kw_only=True)
class MinibatchRuns:
    """Notebook 6's section 6: section 4's decayed run, full batch and with minibatches.

    Parameters
    ----------
    batch_size : int
        Rows per step of the minibatch run.
    full_loss, batch_loss : numpy.ndarray
        Shape ``(steps + 1,)``: the training MSE on all 40 rows at every step.
    full, batch : numpy.ndarray
        Shape ``(steps + 1, 5)``: the weights at every step.
    """

    batch_size: int
    full_loss: np.ndarray
    batch_loss: np.ndarray
    full: np.ndarray
    batch: np.ndarray


@functools.cache
def minibatch_runs() -> MinibatchRuns:
    """Notebook 6's section 6: section 4's run (η = 0.1, weight_decay = 0.2, 200 steps) on
    the full batch and on minibatches of 8 of the 40 rows (``seed=0``).

    Returns
    -------
    MinibatchRuns
        Both runs' losses and weights at every step.
    """
    run = dead_weight_runs()
    options = dict(lr=run.lr, steps=run.steps, weight_decay=run.weight_decay, seed=0)
    (full_hist, full), (batch_hist, batch) = (_five_weights(batch_size=size, **options)
                                              for size in (None, 8))
    return MinibatchRuns(batch_size=8, full_loss=full_hist.train_loss,
                         batch_loss=batch_hist.train_loss, full=full, batch=batch)

# -- 07 · Why AdamW has a W ---------------------------------------------------------------


class AdamSetup(NamedTuple):
    """Notebook 7's problem and the setting its sections 3-4 and its panel open at.

    Attributes
    ----------
    scale_exp : tuple of int
        Column ``j`` of :func:`lessons_lib.data.busy_quiet` is multiplied by
        ``10**scale_exp[j]``: two quiet, two medium, two busy weights.
    lr : float
        The learning rate, 10^-1.25 ≈ 0.0562.
    weight_decay : float
        The weight_decay.
    steps : int
        Full-batch steps from w = 0.
    """

    scale_exp: tuple
    lr: float
    weight_decay: float
    steps: int


ADAM = AdamSetup(scale_exp=(-1, -1, 0, 0, 1, 1), lr=10 ** -1.25, weight_decay=1.0, steps=300)
ADAM_EPS = 1e-8          # optim.Adam's and optim.AdamW's default eps


def decay_per_step(scale, lr: float, weight_decay: float, *, coupled: bool) -> np.ndarray:
    r"""The fraction of a weight the decay removes per step, at gradient scale √v̂.

    Adam + L2 (``coupled``) divides its decay by √v̂ like the rest of the gradient:
    :math:`\text{lr}\cdot\text{wd}/(\sqrt{\hat v} + \varepsilon)`; AdamW removes
    :math:`\text{lr}\cdot\text{wd}` from every weight.

    Parameters
    ----------
    scale : array_like
        √v̂ of each weight.
    lr : float
        The learning rate.
    weight_decay : float
        The weight_decay.
    coupled : bool
        True for Adam + L2, False for AdamW.

    Examples
    --------
    >>> decay_per_step([0.1, 1.0, 10.0], 0.01, 1.0, coupled=True).round(6)
    array([0.1  , 0.01 , 0.001])
    >>> decay_per_step([0.01, 1.0, 100.0], 0.01, 1.0, coupled=False)
    array([0.01, 0.01, 0.01])
    """
    scale = np.asarray(scale, dtype=float)
    if coupled:
        return lr * weight_decay / (scale + ADAM_EPS)
    return np.full(scale.shape, lr * weight_decay)


def grad_scale(state: dict) -> np.ndarray:
    r"""A weight's gradient scale √v̂ from its Adam state (torch's keys):
    :math:`\sqrt{v_t / (1 - β_2^t)}`, with β₂ = 0.999 (the optimizers' default).

    Parameters
    ----------
    state : dict
        ``opt.state[id(weight)]`` of :class:`lessons_lib.optim.Adam` or ``AdamW``: its
        ``exp_avg_sq`` (v) and ``step`` (t ≥ 1).

    Examples
    --------
    >>> grad_scale({"exp_avg_sq": np.array([0.004]), "step": 1}).round(6)      # v₁ = 0.001·g²
    array([2.])
    """
    return np.sqrt(state["exp_avg_sq"] / (1 - 0.999 ** state["step"]))


def adam_run(opt_class, lr: float, weight_decay: float, steps: int = ADAM.steps) -> dict:
    """Full-batch Adam or AdamW on notebook 7's busy and quiet weights, from w = 0.

    Parameters
    ----------
    opt_class : type
        :class:`lessons_lib.optim.Adam` (Adam + L2) or :class:`lessons_lib.optim.AdamW`.
    lr : float
        The learning rate.
    weight_decay : float
        The weight_decay (biases are not decayed: :func:`lessons_lib.optim.decay_groups`).
    steps : int
        How many steps.

    Returns
    -------
    dict
        ``w`` and ``b``, the final weights and intercept; ``scale``, each weight's √v̂ (the
        bias-corrected RMS of its gradients); ``decay``, the fraction the decay removes per
        step; ``blew_up``, the step the weights passed 10⁶ (NaN weights then) or None;
        ``warnings``, what the optimizer warned.
    """
    X, y, _ = data.busy_quiet(ADAM.scale_exp)
    model = models.LinearRegression(X.shape[1])
    with warnings.catch_warnings(record=True) as caught:   # AdamW warns when lr·wd ≥ 1
        warnings.simplefilter("always")
        opt = opt_class(optim.decay_groups(model.named_parameters(), weight_decay), lr=lr)
    for t in range(1, steps + 1):
        opt.step(model.loss_and_grads(X, y)[1])
        if not np.all(np.abs(model.weight) < 1e6):          # lr·wd > 2: AdamW blows up
            nan = np.full(X.shape[1], np.nan)
            return dict(w=nan, scale=nan, decay=nan, blew_up=t, warnings=caught)
    scale = grad_scale(opt.state[id(model.weight)])                             # √v̂
    decay = decay_per_step(scale, lr, weight_decay, coupled=opt_class is optim.Adam)
    return dict(w=model.weight.copy(), b=model.bias.copy(), scale=scale, decay=decay,
                blew_up=None, warnings=caught)


@dataclass(frozen=True, kw_only=True)
class AdamHistory:
    r"""Notebook 7's section 2: what Adam + L2 is fed and what it divides by, step by step.

    Parameters
    ----------
    lr, weight_decay : float
        The run's learning rate and weight_decay (:data:`ADAM`).
    steps : int
        The run's length.
    fed : numpy.ndarray
        Shape ``(steps, d)``: :math:`|\nabla\text{loss} + \text{wd}\cdot w|`, the
        gradient Adam + L2 is fed at step ``t + 1`` (row ``t``), at the weights before it.
    scale : numpy.ndarray
        Shape ``(steps, d)``: each weight's √v̂ after step ``t + 1`` (:func:`grad_scale`).
    """

    lr: float
    weight_decay: float
    steps: int
    fed: np.ndarray
    scale: np.ndarray


@functools.cache
def adam_l2_history() -> AdamHistory:
    """Notebook 7's section 2: :func:`adam_run`'s Adam + L2 run at :data:`ADAM` (lr ≈ 0.0562,
    wd = 1, 300 full-batch steps from w = 0), with the gradient fed and √v̂ at every step.

    Returns
    -------
    AdamHistory
        The weights' gradients and gradient scales, step by step.

    Examples
    --------
    >>> run = adam_l2_history()
    >>> end = adam_run(optim.Adam, run.lr, run.weight_decay)          # the same run
    >>> bool(np.allclose(run.scale[-1], end["scale"], rtol=1e-12))
    True
    """
    _, lr, wd, steps = ADAM
    X, y, _ = data.busy_quiet(ADAM.scale_exp)
    model = models.LinearRegression(X.shape[1])
    opt = optim.Adam(optim.decay_groups(model.named_parameters(), wd), lr=lr)
    fed, scale = [], []
    for _ in range(steps):
        grads = model.loss_and_grads(X, y)[1]
        fed.append(np.abs(grads[0] + wd * model.weight))      # Adam adds wd·w to ∇loss
        opt.step(grads)
        scale.append(grad_scale(opt.state[id(model.weight)]))
    return AdamHistory(lr=lr, weight_decay=wd, steps=steps, fed=np.array(fed),
                       scale=np.array(scale))


@dataclass(frozen=True, kw_only=True)
class AdamGrid(Run):
    """Adam + L2 and AdamW at every weight_decay and lr of notebook 7's panel.

    Parameters
    ----------
    grid : numpy.ndarray
        The weight_decay values.
    lrs : numpy.ndarray
        The lr values.
    adam_l2 : list of list of dict
        ``adam_l2[i][j]``: :func:`adam_run` with Adam + L2 at ``lrs[i]``, ``grid[j]``.
    adamw : list of list of dict
        The same with AdamW.
    plain : list of dict
        Plain Adam (wd = 0) at each lr.
    w_ols : numpy.ndarray
        The least-squares weights, the bars' reference.
    """

    lrs: np.ndarray
    adam_l2: list
    adamw: list
    plain: list
    w_ols: np.ndarray

    def at(self, weight_decay: float, lr: float) -> tuple[dict, dict, dict]:
        """``(Adam + L2, AdamW, plain Adam)`` at one position of both sliders.

        Parameters
        ----------
        weight_decay : float
            A value of ``grid``.
        lr : float
            A value of ``lrs``.
        """
        i, j = position(self.lrs, lr), self.index(weight_decay)
        return self.adam_l2[i][j], self.adamw[i][j], self.plain[i]


@functools.cache
def adam_grid() -> AdamGrid:
    """Notebook 7's panel: 300 steps at weight_decay 0.1 … 10 (notches × 3.16) and lr 0.01,
    0.0562, 0.316.

    Returns
    -------
    AdamGrid
        Every run of both optimizers, and plain Adam at each lr.
    """
    grid, lrs = log_grid(-1, 1, 0.5), log_grid(-2, -0.5, 0.75)
    X, y, _ = data.busy_quiet(ADAM.scale_exp)
    return AdamGrid(grid=grid, lrs=lrs, w_ols=linear.fit_linear(X, y, penalty="l2", lam=0.0)[0],
                    adam_l2=[[adam_run(optim.Adam, lr, wd) for wd in grid] for lr in lrs],
                    adamw=[[adam_run(optim.AdamW, lr, wd) for wd in grid] for lr in lrs],
                    plain=[adam_run(optim.Adam, lr, 0.0) for lr in lrs])


def ridge_per_weight(X, y, lams) -> np.ndarray:
    r"""Ridge with its own strength per weight: minimise
    :math:`\frac1n\sum_i(y_i - x_i\cdot w - b)^2 + \sum_j λ_j w_j^2` (free intercept).

    Computed as plain ridge with λ = 1 on the columns ``X[:, j] / √λⱼ``, whose weights are
    ``√λⱼ·wⱼ``.

    Parameters
    ----------
    X : array_like of shape (n, d)
        The features.
    y : array_like of shape (n,)
        The targets.
    lams : array_like of shape (d,)
        The course's λⱼ (> 0), one per column.

    Returns
    -------
    numpy.ndarray
        The weights ``w``, shape ``(d,)``.

    Examples
    --------
    >>> X, y, _ = data.busy_quiet((0, 1))
    >>> one = linear.fit_linear(X, y, penalty="l2", lam=0.3)[0]
    >>> bool(np.allclose(ridge_per_weight(X, y, [0.3, 0.3]), one))
    True
    """
    root = np.sqrt(np.asarray(lams, dtype=float))
    if root.shape != (np.shape(X)[1],) or not np.all(root > 0):
        raise ValueError(f"lams must hold one positive λ per column of X ({np.shape(X)[1]}), "
                         f"got {np.asarray(lams)!r}.")
    return linear.fit_linear(np.asarray(X) / root, y, penalty="l2", lam=1.0)[0] / root


def adam_minibatch(opt_class, lr: float, weight_decay: float, *, batch_size: int, steps: int,
                   average_last: int, seed: int = 0) -> dict:
    """Adam or AdamW on notebook 7's weights from w = 0, with minibatches: where it hovers.

    Each step's gradient comes from ``batch_size`` rows drawn at random without replacement
    (``numpy.random.default_rng(seed).choice``, as :func:`lessons_lib.train.train` draws
    them). The weights never settle, so the result is their average over the last
    ``average_last`` steps (and √v̂'s average over the same steps).

    Parameters
    ----------
    opt_class : type
        :class:`lessons_lib.optim.Adam` (Adam + L2) or :class:`lessons_lib.optim.AdamW`.
    lr : float
        The learning rate.
    weight_decay : float
        The weight_decay (biases are not decayed).
    batch_size : int
        Rows per step.
    steps : int
        How many steps.
    average_last : int
        Average over this many final steps (at most ``steps``).
    seed : int, default 0
        Seeds the minibatches.

    Returns
    -------
    dict
        ``w``, the averaged weights; ``scale``, the averaged √v̂; ``decay``, the fraction the
        decay removes per step at that √v̂ (:func:`decay_per_step`).
    """
    if not 1 <= average_last <= steps:
        raise ValueError(f"average_last must be between 1 and steps={steps}, got {average_last}.")
    X, y, _ = data.busy_quiet(ADAM.scale_exp)
    rng = np.random.default_rng(seed)
    model = models.LinearRegression(X.shape[1])
    opt = opt_class(optim.decay_groups(model.named_parameters(), weight_decay), lr=lr)
    w_sum, scale_sum = 0.0, 0.0
    for t in range(1, steps + 1):
        rows = rng.choice(len(y), size=batch_size, replace=False)
        opt.step(model.loss_and_grads(X[rows], y[rows])[1])
        if t > steps - average_last:
            w_sum = w_sum + model.weight
            scale_sum = scale_sum + grad_scale(opt.state[id(model.weight)])
    scale = scale_sum / average_last
    return dict(w=w_sum / average_last, scale=scale,
                decay=decay_per_step(scale, lr, weight_decay, coupled=opt_class is optim.Adam))


@dataclass(frozen=True, kw_only=True)
class AdamEnds:
    r"""Where Adam + L2 and AdamW leave notebook 7's weights, and why (section 4's figure).

    At a fixed point, Adam + L2's step ``lr·(∇loss + wd·w)/√v̂`` is zero, so
    ``∇loss = −wd·w``: ridge with λ = wd/2, whatever √v̂ is. AdamW's decay ``lr·wd·w``
    balances its data step ``lr·∇loss/√v̂``, so ``∇loss = −wd·√v̂·w``: ridge with its own
    ``λⱼ = wd·√v̂ⱼ/2`` per weight. With minibatches √v̂ stays at the gradients' noisy size;
    on the full batch, run long, ``√v̂ → |∇loss|`` and each weight has ``∇loss = 0`` or
    ``|w| = 1/wd``: least squares in the box ``|wⱼ| ≤ 1/wd`` (Xie & Li, 2024).

    Parameters
    ----------
    lr : float
        The learning rate (notebook 7's).
    weight_decay : float
        The weight_decay.
    w_ols : numpy.ndarray
        Least squares, the reference.
    ridge_w : numpy.ndarray
        The exact ridge weights, λ = wd/2.
    adam_l2 : numpy.ndarray
        Full-batch Adam + L2 after ``steps`` steps: its end point.
    steps : int
        The length of that run.
    adamw_long : numpy.ndarray
        Full-batch AdamW after ``long_steps`` steps.
    long_steps : int
        The length of that run.
    box_w : numpy.ndarray
        Least squares with every ``|wⱼ| ≤ 1/wd`` (``scipy.optimize.lsq_linear``).
    batch_size : int
        The minibatch runs' rows per step.
    batch_steps : int
        Their length.
    average_last : int
        The steps they are averaged over.
    batch_adam_l2 : dict
        :func:`adam_minibatch` with Adam + L2: ``w``, ``scale`` (√v̂), ``decay`` (per step).
    batch_adamw : dict
        The same with AdamW.
    adamw_lams : numpy.ndarray
        AdamW's per-weight course λⱼ = wd·(√v̂ⱼ + eps)/2, √v̂ from ``batch_adamw``.
    adamw_ridge : numpy.ndarray
        Ridge with those λⱼ (:func:`ridge_per_weight`): where the balance puts AdamW.
    """

    lr: float
    weight_decay: float
    w_ols: np.ndarray
    ridge_w: np.ndarray
    adam_l2: np.ndarray
    steps: int
    adamw_long: np.ndarray
    long_steps: int
    box_w: np.ndarray
    batch_size: int
    batch_steps: int
    average_last: int
    batch_adam_l2: dict
    batch_adamw: dict
    adamw_lams: np.ndarray
    adamw_ridge: np.ndarray


@functools.cache
def adam_ends() -> AdamEnds:
    """Notebook 7's section 4: both optimizers at lr ≈ 0.0562, wd = 1; full batch (Adam + L2
    300 steps, AdamW 20,000) and minibatches of 10 of the 100 rows (3,000 steps, averaged
    over the last 1,000).

    Returns
    -------
    AdamEnds
        The runs, the exact ridge and box solutions, and AdamW's per-weight λⱼ.
    """
    from scipy.optimize import lsq_linear

    X, y, _ = data.busy_quiet(ADAM.scale_exp)
    lr, wd, long_steps = ADAM.lr, ADAM.weight_decay, 20_000
    edge = np.r_[np.full(X.shape[1], 1 / wd), np.inf]                     # the intercept is free
    size, steps, last = 10, 3000, 1000
    batch = dict(batch_size=size, steps=steps, average_last=last)
    batch_adamw = adam_minibatch(optim.AdamW, lr, wd, **batch)
    adamw_lams = wd * (batch_adamw["scale"] + ADAM_EPS) / 2
    return AdamEnds(
        lr=lr, weight_decay=wd, w_ols=linear.fit_linear(X, y, penalty="l2", lam=0.0)[0],
        ridge_w=linear.fit_linear(X, y, penalty="l2", lam=conventions.lam_from_weight_decay(wd))[0],
        adam_l2=adam_run(optim.Adam, lr, wd)["w"], steps=ADAM.steps,
        adamw_long=adam_run(optim.AdamW, lr, wd, steps=long_steps)["w"], long_steps=long_steps,
        box_w=lsq_linear(np.c_[X, np.ones(len(y))], y, bounds=(-edge, edge)).x[:-1],
        batch_size=size, batch_steps=steps, average_last=last,
        batch_adam_l2=adam_minibatch(optim.Adam, lr, wd, **batch), batch_adamw=batch_adamw,
        adamw_lams=adamw_lams, adamw_ridge=ridge_per_weight(X, y, adamw_lams))
