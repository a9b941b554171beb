r"""Experiments with sparse solutions: lasso and elastic net (notebooks 4, 5 and 9).

One function per experiment a notebook shows (see :mod:`lessons_lib.runs`), in course
order. The objectives are the course's MSE + λ·P(w) with P = Σ|w| (lasso) or
ρΣ|w| + (1 − ρ)Σw² (elastic net), solved exactly by :mod:`lessons_lib.linear`; the
intercept, when there is one, is not penalized.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from . import data, linear, models
from .runs import PathRun, Run
from .sweep import sweep
from .widgets import log_grid

# -- 04 · L1 and sparsity -----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class L1Descent(Run):
    r"""Gradient descent on MSE + λ·Σ|w| at every η of a slider, by subgradient and by prox steps.

    Parameters
    ----------
    grid : numpy.ndarray
        The learning rates η.
    X, y : numpy.ndarray
        The data: 100 samples, 40 features.
    true_coef : numpy.ndarray
        The true weights (5 non-zero).
    lam : float
        The λ of every run.
    w_lasso : numpy.ndarray
        The exact lasso weights at ``lam`` (:func:`lessons_lib.linear.fit_linear`).
    weights : dict
        ``"gradient"`` and ``"prox"`` → shape ``(len(grid), steps + 1, 40)``: the weights
        at every step (row 0: the start), one run per η.
    """

    X: np.ndarray
    y: np.ndarray
    true_coef: np.ndarray
    lam: float
    w_lasso: np.ndarray
    weights: dict


@functools.cache
def l1_descent() -> L1Descent:
    r"""Notebook 4's η panel: ``data.sparse_linear(100, 40, 5, seed=0)``, λ = 1, 400 full-batch
    steps from ``LinearRegression(40, init_scale=1.0, seed=1)``, η from 0.01 to 0.178 (8 a decade).

    Each η is trained twice (:func:`lessons_lib.sweep.sweep`): ``penalty_mode="gradient"``
    steps :math:`w \leftarrow w - η(\nabla\text{MSE} + λ\,\text{sign}(w))`;
    ``penalty_mode="prox"`` takes the data step, then soft-thresholds the weights at η·λ
    (ISTA). The intercept is not penalized.

    Returns
    -------
    L1Descent
        Both runs' weights at every step, and the exact lasso they aim at.
    """
    X, y, true_coef = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
    lam, steps, grid = 1.0, 400, log_grid(-2, -0.75)
    start = models.LinearRegression(40, init_scale=1.0, seed=1)
    weights = {}
    for mode in ("gradient", "prox"):
        _, hist = sweep(start, X, y, lrs=grid, penalty="l1", lam=lam, steps=steps,
                        penalty_mode=mode, snapshot_every=1)
        weights[mode] = np.array([snap[0] for snap in hist.snapshots]).swapaxes(0, 1)
    return L1Descent(grid=grid, X=X, y=y, true_coef=true_coef, lam=lam,
                     w_lasso=linear.fit_linear(X, y, penalty="l1", lam=lam)[0], weights=weights)


@dataclass(frozen=True, kw_only=True)
class LassoSelection(Run):
    """The exact lasso path on a sparse truth, and proximal gradient descent at each λ.

    Parameters
    ----------
    grid : numpy.ndarray
        The λ values, 10⁻³ to the first eighth of a decade at or above ``lam_max``.
    X, y : numpy.ndarray
        The data: 100 samples, 40 features.
    true_coef : numpy.ndarray
        The true weights (5 non-zero).
    lam_max : float
        The smallest λ at which every weight is 0.
    path : numpy.ndarray
        Shape ``(len(grid), 40)``: the exact lasso weights.
    prox_zeros : numpy.ndarray
        Exact zeros after 500 proximal steps (η = 0.1) from w = 0.
    prox_weights : numpy.ndarray
        Those weights, shape ``(len(grid), 40)``.
    """

    X: np.ndarray
    y: np.ndarray
    true_coef: np.ndarray
    lam_max: float
    path: np.ndarray
    prox_zeros: np.ndarray
    prox_weights: np.ndarray


@functools.cache
def lasso_selection() -> LassoSelection:
    """Notebook 4's λ panel: ``data.sparse_linear(100, 40, 5, seed=0)``, the exact lasso and
    500 proximal gradient steps at every λ of the slider (8 a decade).

    Returns
    -------
    LassoSelection
        The path, the prox runs' weights and their exact zeros.
    """
    X, y, true_coef = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
    lam_max = linear.lam_max(X, y)
    grid = log_grid(-3, np.ceil(np.log10(lam_max) / 0.125) * 0.125)
    path, _ = linear.regularization_path(X, y, grid, penalty="l1")
    prox, _ = sweep(models.LinearRegression(40), X, y, lams=grid, penalty="l1", lr=0.1, steps=500,
                    penalty_mode="prox")
    return LassoSelection(grid=grid, X=X, y=y, true_coef=true_coef, lam_max=lam_max, path=path,
                          prox_zeros=np.sum(prox.weight == 0, axis=1), prox_weights=prox.weight)


# -- 05 · Fingerprints --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class MixPaths(PathRun):
    """Exact elastic-net paths for several L1 shares ρ (ρ = 0: ridge, ρ = 1: lasso).

    Parameters
    ----------
    grid : numpy.ndarray
        The slider's λ: every fourth of ``lams`` (half-decades).
    lams : numpy.ndarray
        The λ solved, 10⁻² to 10 at 8 a decade.
    rhos : tuple of float
        The L1 shares ρ, the other slider.
    W : numpy.ndarray
        Shape ``(len(rhos), len(lams), 100)``: the weights.
    val : numpy.ndarray
        Shape ``(len(rhos), len(lams))``: validation MSE.
    """

    rhos: tuple
    W: np.ndarray
    val: np.ndarray


@functools.cache
def elastic_net_mix() -> MixPaths:
    """Notebook 5's elastic-net panel: ``data.sparse_linear(400, 100, 10, noise=0.5, seed=0)``
    split in halves (seed 0), the exact fits of every ρ in 0, 0.25, …, 1 at every λ.

    Returns
    -------
    MixPaths
        The weights and validation MSE of every (ρ, λ).
    """
    X, y, _ = data.sparse_linear(n_samples=400, n_features=100, n_informative=10, noise=0.5,
                                 seed=0)
    Xs, ys, Xs_val, ys_val = data.split(X, y, (0.5, 0.5), seed=0)
    lams, rhos = log_grid(-2, 1), (0.0, 0.25, 0.5, 0.75, 1.0)
    W, val = [], []
    for rho in rhos:
        name = "l2" if rho == 0.0 else "l1" if rho == 1.0 else "elastic_net"  # same models
        coefs, intercepts = linear.regularization_path(Xs, ys, lams, penalty=name, l1_ratio=rho)
        W.append(coefs)
        val.append(np.mean((Xs_val @ coefs.T + intercepts - ys_val[:, None]) ** 2, axis=0))
    return MixPaths(grid=lams[::4], lams=lams, rhos=rhos, W=np.array(W), val=np.array(val))


# -- 09 · The classic-ML view -------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class TwoWeightPaths(Run):
    """Lasso and ridge on two weights, no intercept: the diamond and the circle.

    Parameters
    ----------
    grid : numpy.ndarray
        The λ values.
    path : dict
        ``"l1"`` and ``"l2"`` → shape ``(len(grid), 2)``: the exact weights.
    corner : float
        The λ where the lasso path reaches w₂ = 0: while the signs stay,
        ``w = w_ols − (λ/2)·G⁻¹·sign(w_ols)`` (G = XᵀX/n), a straight line.
    """

    path: dict
    corner: float


@functools.cache
def two_weight_paths() -> TwoWeightPaths:
    """Notebook 9's panel: ``data.two_weights()``, λ from 0.1 to 5.62 at 8 a decade.

    Returns
    -------
    TwoWeightPaths
        Both paths.
    """
    X, y = data.two_weights()
    grid = log_grid(-1, 0.75, 1 / 8)
    G, c = X.T @ X / len(y), X.T @ y / len(y)
    w_ols = np.linalg.solve(G, c)
    return TwoWeightPaths(grid=grid, path={
        kind: linear.regularization_path(X, y, grid, penalty=kind, fit_intercept=False)[0]
        for kind in ("l1", "l2")}, corner=float(2 * w_ols[1] / np.linalg.solve(G, np.sign(w_ols))[1]))


@dataclass(frozen=True, kw_only=True)
class Units(Run):
    """Two uncorrelated features in different units, and exercise 9.3's fine λ grid.

    Parameters
    ----------
    grid : numpy.ndarray
        λ from 10⁻² to 10² in steps of 0.01 decade.
    X : numpy.ndarray
        Shape ``(500, 2)``: x₁ with standard deviation 10, x₂ with 1.
    y : numpy.ndarray
        ``0.04·x₁ + 0.5·x₂ + 0.3·ε``.
    paths : dict
        ``"raw"`` and ``"standardized"`` → shape ``(len(grid), 2)``: the exact lasso weights
        on ``X`` and on ``X`` standardized.
    """

    X: np.ndarray
    y: np.ndarray
    paths: dict


@functools.cache
def units() -> Units:
    """Exercise 9.3's data (seed 3), and the lasso paths the learner runs on it.

    Returns
    -------
    Units
        The data, the λ grid and both paths.
    """
    rng = np.random.default_rng(3)
    X = np.c_[10 * rng.standard_normal(500), rng.standard_normal(500)]
    y = X @ np.array([0.04, 0.5]) + 0.3 * rng.standard_normal(500)
    grid = 10 ** np.arange(-2, 2.01, 0.01)
    paths = {name: linear.regularization_path(Z, y, grid, penalty="l1")[0]
             for name, Z in (("raw", X), ("standardized", data.Standardizer().fit_transform(X)))}
    return Units(grid=grid, X=X, y=y, paths=paths)
