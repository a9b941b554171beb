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

from . import conventions, data, linear, models, optim, train
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
    state = opt.state[id(model.weight)]
    scale = np.sqrt(state["exp_avg_sq"] / (1 - 0.999 ** state["step"]))         # √v̂
    decay = decay_per_step(scale, lr, weight_decay, coupled=opt_class is optim.Adam)
    return dict(w=model.weight.copy(), b=model.bias.copy(), scale=scale, decay=decay,
                blew_up=None, warnings=caught)


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
