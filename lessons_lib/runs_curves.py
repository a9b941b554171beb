r"""Experiments on a noisy curve and its polynomial fits (notebooks 1, 2, 3 and 11).

One function per experiment a notebook shows (see :mod:`lessons_lib.runs`), in course
order. Every objective is the course's

.. math::

    \frac{1}{n}\sum_i (y_i - x_i^\top w - b)^2 + λ\,P(w),

with P = Σw² (L2), Σ|w| (L1) or ρΣ|w| + (1 − ρ)Σw² (elastic net), solved exactly by
:mod:`lessons_lib.linear` unless a run says it trains. The intercept b is never penalized.
A path run (:class:`lessons_lib.runs.PathRun`) solves a finer grid ``lams`` than its
slider shows; ``row(lam)`` finds a slider value's row in it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import legendre

from . import data, linear, models
from .runs import PathRun, Run
from .sweep import sweep
from .widgets import log_grid


def _mse(coefs, intercepts, X, y) -> np.ndarray:
    """Mean squared error of every fit (rows of ``coefs``, entries of ``intercepts``)."""
    return np.mean((np.atleast_2d(coefs) @ X.T + np.reshape(intercepts, (-1, 1)) - y) ** 2,
                   axis=1)


# -- 01 · Big weights ---------------------------------------------------------------------


def max_slope(w, b: float, lo: float, hi: float) -> float:
    r"""The steepest :math:`|dŷ/dx|` on [lo, hi] of :math:`ŷ = b + Σ_k w_k P_k(x)`.

    From the exact derivative of the Legendre series, on 2001 points.

    Parameters
    ----------
    w : array_like
        The weights of P₁ … P_d.
    b : float
        The intercept (it does not change the slope).
    lo, hi : float
        The interval.

    Examples
    --------
    >>> max_slope([0.0, 1.0], 0.0, -1.0, 1.0)      # P₂ = (3x² − 1)/2: slope 3x, 3 at the ends
    3.0
    """
    xs = np.linspace(lo, hi, 2001)
    return float(np.max(np.abs(legendre.legval(xs, legendre.legder(np.r_[b, w])))))


@dataclass(frozen=True, kw_only=True)
class Capacity(Run):
    """Exact least-squares polynomials of every degree on the same training points.

    Parameters
    ----------
    grid : numpy.ndarray
        The degrees 1 … 20.
    x, y : numpy.ndarray
        The training points.
    w : numpy.ndarray
        Shape ``(20, 20)``: each degree's weights, padded with zeros.
    b : numpy.ndarray
        The intercepts.
    curve : numpy.ndarray
        Each fit on ``data.wave_set().x_grid``.
    train, val : numpy.ndarray
        Training and validation MSE.
    sumsq : numpy.ndarray
        Σw² of each fit.
    slope : numpy.ndarray
        Its steepest slope between the outermost training points (:func:`max_slope`).
    """

    x: np.ndarray
    y: np.ndarray
    w: np.ndarray
    b: np.ndarray
    curve: np.ndarray
    train: np.ndarray
    val: np.ndarray
    sumsq: np.ndarray
    slope: np.ndarray


@functools.cache
def capacity(n_points: int) -> Capacity:
    """Notebook 1's panel: degrees 1 to 20 fitted to the first ``n_points`` of a pool.

    The pool is ``data.wave_set()``'s 16 training points (in a shuffled order, seed 0),
    then 44 more of the same curve and noise (seed 7); validation on its 200 points. Each
    fit is exact least squares on Legendre features (λ = 0; with more weights than points,
    the exact fit with the smallest Σw²).

    Parameters
    ----------
    n_points : int
        How many points of the pool to fit (the panel shows 16 and 60).

    Returns
    -------
    Capacity
        Every degree's fit and its scores.
    """
    prob = data.wave_set()
    extra_x, extra_y = data.noisy_curve(60 - len(prob.x), noise=prob.noise, seed=7)
    order = np.random.default_rng(0).permutation(len(prob.x))
    x, y = np.r_[prob.x[order], extra_x][:n_points], np.r_[prob.y[order], extra_y][:n_points]
    grid = np.arange(1, 21)
    out = {key: np.zeros(len(grid)) for key in ("b", "train", "val", "sumsq", "slope")}
    out["w"], out["curve"] = np.zeros((len(grid), grid.max())), np.zeros((len(grid), len(prob.x_grid)))
    for i, d in enumerate(grid):
        w, b = linear.fit_linear(data.polynomial_features(x, d), y, penalty="l2", lam=0.0)

        def predict(t, w=w, b=b, d=d):
            return linear.predict_linear(data.polynomial_features(t, d), w, b)

        out["w"][i, :d], out["b"][i] = w, b
        out["curve"][i] = predict(prob.x_grid)
        out["train"][i] = np.mean((predict(x) - y) ** 2)
        out["val"][i] = np.mean((predict(prob.x_val) - prob.y_val) ** 2)
        out["sumsq"][i] = np.sum(w**2)
        out["slope"][i] = max_slope(w, b, x.min(), x.max())
    return Capacity(grid=grid, x=x, y=y, **out)


# -- 02 · The new objective ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class ObjectivePath(PathRun):
    """Exact ridge fits along λ, with what the objective's two terms are at each.

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's λ: every fourth of ``lams``.
    lams : numpy.ndarray
        The λ solved, shape ``(n,)``.
    coefs : numpy.ndarray
        Shape ``(n, 15)``: the weights.
    intercepts : numpy.ndarray
        The intercepts.
    train_loss, val_loss : numpy.ndarray
        Training and validation MSE.
    sum_w2 : numpy.ndarray
        Σw².
    bill : numpy.ndarray
        The weight bill λ·Σw².
    curves : numpy.ndarray
        Every fit on ``data.objective_set().x_grid``.
    best : int
        The row with the lowest validation MSE.
    """

    coefs: np.ndarray
    intercepts: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    sum_w2: np.ndarray
    bill: np.ndarray
    curves: np.ndarray
    best: int


@functools.cache
def objective_path() -> ObjectivePath:
    """Notebook 2's panel: ridge on ``data.objective_set()`` with degree-15 features, at 73 λ
    from 10⁻⁷ to 10² (eight a decade); the slider shows every fourth (two a decade).

    Returns
    -------
    ObjectivePath
        The fits and the terms of MSE + λ·Σw² at every λ.
    """
    prob = data.objective_set()
    X, X_val, X_grid = prob.features(15)
    lams = log_grid(-7, 2, 0.125)
    coefs, intercepts = linear.regularization_path(X, prob.y, lams, penalty="l2")
    val_loss = _mse(coefs, intercepts, X_val, prob.y_val)
    sum_w2 = np.sum(coefs**2, axis=1)
    return ObjectivePath(grid=lams[::4], lams=lams, coefs=coefs, intercepts=intercepts,
                         train_loss=_mse(coefs, intercepts, X, prob.y), val_loss=val_loss,
                         sum_w2=sum_w2, bill=lams * sum_w2,
                         curves=coefs @ X_grid.T + intercepts[:, None],
                         best=int(np.argmin(val_loss)))


@dataclass(frozen=True, kw_only=True)
class LossTable(Run):
    """Training and validation MSE of exact fits, one row per λ.

    Parameters
    ----------
    grid : numpy.ndarray
        The λ of the table.
    train_loss, val_loss : numpy.ndarray
        Training and validation MSE at each.
    """

    train_loss: np.ndarray
    val_loss: np.ndarray


@functools.cache
def other_draw() -> LossTable:
    """Exercise 2.2's table: exact ridge on another draw (``data.objective_set(seed=3)``),
    degree 15, one λ per decade from 10⁻⁶ to 10², the same validation points.

    Returns
    -------
    LossTable
        The losses at each λ.
    """
    prob = data.objective_set(seed=3)
    X, X_val, _ = prob.features(15)
    lams = 10.0 ** np.arange(-6, 3)
    coefs, intercepts = linear.regularization_path(X, prob.y, lams, penalty="l2")
    return LossTable(grid=lams, train_loss=_mse(coefs, intercepts, X, prob.y),
                     val_loss=_mse(coefs, intercepts, X_val, prob.y_val))


# -- 03 · L2 ------------------------------------------------------------------------------


def step_limit(X, lam: float) -> float:
    r"""The exact step-size limit of gradient descent on MSE + λ·Σw², intercept unpenalized.

    Gradient descent on a quadratic converges exactly when η < 2/h, h the largest
    eigenvalue of its Hessian

    .. math::

        \frac{2}{n}A^\top A + \operatorname{diag}(2λ, …, 2λ, 0),\qquad A = [X, \mathbf{1}].

    Parameters
    ----------
    X : array_like of shape (n, d)
        The features (the intercept's column of ones is added here).
    lam : float
        The course's λ.

    Returns
    -------
    float
        2/h.

    Examples
    --------
    >>> step_limit([[1.0], [-1.0]], 0.5)     # Hessian diag(2 + 1, 2): 2/3
    0.6666666666666666
    """
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    H = 2 / n * A.T @ A + np.diag(np.r_[np.full(d, 2.0 * lam), 0.0])
    return float(2 / np.linalg.eigvalsh(H).max())


@dataclass(frozen=True, kw_only=True)
class L2Descent(Run):
    r"""Gradient descent on MSE + λ·Σw² from w = 0, against the exact ridge fit.

    A step is :math:`w \leftarrow w - η(\nabla\text{MSE} + 2λw)`; it converges exactly when
    η is below :func:`step_limit`. :math:`η\,(L + 2λ) < 2`, L the largest eigenvalue of the
    MSE's Hessian, is a safe bound below that limit.

    Parameters
    ----------
    grid : numpy.ndarray
        The λ values.
    etas : tuple of float
        The η values.
    eta : float
        The η the panel opens at (exercise 3.2 keeps it).
    steps : int
        Full-batch steps.
    ridge_w : numpy.ndarray
        Shape ``(len(grid), 15)``: the exact ridge weights.
    ridge_b : numpy.ndarray
        The exact intercepts.
    ridge_objective : numpy.ndarray
        MSE + λ·Σw² at the exact fit: the minimum.
    limit : numpy.ndarray
        The exact step-size limit at each λ (:func:`step_limit`).
    gd : dict
        η → ``(models, history)`` of :func:`lessons_lib.sweep.sweep` over ``grid``.
    """

    etas: tuple
    eta: float
    steps: int
    ridge_w: np.ndarray
    ridge_b: np.ndarray
    ridge_objective: np.ndarray
    limit: np.ndarray
    gd: dict

    def why_diverged(self, eta: float, i: int) -> str:
        """Why the run at ``eta`` and grid position ``i`` blew up; ``""`` if it did not.

        The pull alone multiplies every weight by 1 − 2ηλ a step, which grows it only for
        η·2λ > 2 (at η·2λ = 2 the factor is −1: the sign flips, the size stays). Below
        that, η is past the exact limit: the data's curvature and the pull together.

        Parameters
        ----------
        eta : float
            One of ``etas``.
        i : int
            A position on ``grid``.
        """
        if not self.gd[eta][1].diverged[i]:
            return ""
        pull = 2 * eta * self.grid[i]
        if pull > 2 * (1 + 1e-12):                   # not a factor of −1 up to rounding
            return f"the pull alone multiplies w by {1 - pull:.3g} a step"
        return f"η > exact limit {self.limit[i]:.2f}"


@functools.cache
def l2_descent() -> L2Descent:
    """Notebook 3's panel: degree-15 features of ``data.overfit_set()``'s 12 points, 300 steps
    from w = 0 at λ = 10⁻⁴ … 10 (half-decades) and η = 0.01, 10^-0.25 ≈ 0.562, 1.

    Returns
    -------
    L2Descent
        Every run and the exact ridge fits.
    """
    prob = data.overfit_set()
    X, y = prob.features(15)[0], prob.y
    steps, grid, etas = 300, log_grid(-4, 1, 0.5), (0.01, 10 ** -0.25, 1.0)
    ridge_w, ridge_b = linear.regularization_path(X, y, grid, penalty="l2")
    gd = {eta: sweep(models.LinearRegression(15), X, y, lams=grid, lr=eta, steps=steps)
          for eta in etas}
    objective = _mse(ridge_w, ridge_b, X, y) + grid * np.sum(ridge_w**2, axis=1)
    return L2Descent(grid=grid, etas=etas, eta=etas[1], steps=steps, ridge_w=ridge_w,
                     ridge_b=ridge_b, ridge_objective=objective,
                     limit=np.array([step_limit(X, lam) for lam in grid]), gd=gd)


# -- 11 · Wrap-up -------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class WrapUpPaths(PathRun):
    """The three penalties' exact paths on the overfit polynomial.

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's λ: 0.0042 to 1.78, every third of ``lams``.
    lams : numpy.ndarray
        The λ solved, 10⁻³ to 10 at 8 a decade.
    paths : dict
        ``"l2"``, ``"l1"``, ``"elastic_net"`` (ρ = 0.5) → dict of ``w`` (weights),
        ``curve`` (the fit on the grid of x) and ``val`` (validation MSE), one row per λ.
    best : dict
        Penalty → the row with the lowest validation MSE.
    """

    paths: dict
    best: dict


@functools.cache
def wrap_up_paths() -> WrapUpPaths:
    """Notebook 11's panel: degree-15 features of ``data.overfit_set()``, exact fits.

    Returns
    -------
    WrapUpPaths
        Weights, curves and validation MSE of each penalty at every λ.
    """
    prob = data.overfit_set()
    X, X_val, X_grid = prob.features(15)
    lams = log_grid(-3, 1)
    paths = {}
    for name in ("l2", "l1", "elastic_net"):
        W, B = linear.regularization_path(X, prob.y, lams, penalty=name, l1_ratio=0.5)
        paths[name] = dict(w=W, curve=W @ X_grid.T + B[:, None], val=_mse(W, B, X_val, prob.y_val))
    return WrapUpPaths(grid=lams[5:27:3], lams=lams, paths=paths,
                       best={name: int(np.argmin(p["val"])) for name, p in paths.items()})
