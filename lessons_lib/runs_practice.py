r"""The experiments of notebook 13, "Questions practitioners ask": one function per answer.

One function per experiment the notebook shows (see :mod:`lessons_lib.runs`), in its order:

- :data:`ADAMW_DEFAULTS`: what four libraries' AdamW (or trainer) use when you pass nothing;
- :func:`cosine_lr` and :func:`adamw_decay`: a learning-rate schedule, and what AdamW's
  decay does to a weight the data ignores under it, :math:`\prod_t (1 - \text{lr}_t\cdot\text{wd})`;
- :func:`offset_fits`: penalising the intercept, or not, on targets far from 0;
- :func:`lam_by_n`: the λ chosen on validation data at several training-set sizes n.

The course's conventions hold throughout: objective = mean loss + λ·Σw²; ``weight_decay``
(wd) is PyTorch's, so SGD's and Adam's ``weight_decay = 2λ`` and AdamW multiplies a weight by
``1 − lr·wd`` per step (:mod:`lessons_lib.conventions`).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import linear, models, optim
from ._validate import check_array, check_int, check_nonneg, check_positive, check_scalar
from .controls import log_grid

# -- 5 · library defaults ----------------------------------------------------------------


class LibraryDefault(NamedTuple):
    """One library's AdamW defaults, as read in its source.

    Attributes
    ----------
    library : str
        The library and the call.
    weight_decay : float
        The default ``weight_decay``.
    lr : float or None
        The default learning rate (None: the library has none, you must pass one).
    source : str
        Where the defaults were read: file, line and the version or commit.
    """

    library: str
    weight_decay: float
    lr: float | None
    source: str


#: Read in each library's source (2026-12): every one multiplies the decay by the current
#: learning rate, ``w ← w − lr_t·wd·w`` (torch's ``adam.py`` ``param.mul_(1 - lr *
#: weight_decay)``; Keras's ``base_optimizer.py`` ``variable - variable * wd * lr``; optax's
#: ``add_decayed_weights`` before ``scale_by_learning_rate``; the transformers Trainer uses
#: torch's AdamW).
ADAMW_DEFAULTS = (
    LibraryDefault("PyTorch torch.optim.AdamW", 0.01, 1e-3,
                   "torch/optim/adamw.py lines 24 and 27 (torch 2.13.0)"),
    LibraryDefault("Keras keras.optimizers.AdamW", 0.004, 1e-3,
                   "keras/src/optimizers/adamw.py lines 55-56 (keras-team/keras 3422977)"),
    LibraryDefault("optax optax.adamw", 1e-4, None,
                   "optax/_src/alias.py lines 616-623 (google-deepmind/optax 2edbcbe)"),
    LibraryDefault("transformers TrainingArguments", 0.0, 5e-5,
                   "src/transformers/training_args.py, fields learning_rate and weight_decay "
                   "(huggingface/transformers 00349ae)"),
)

# -- 2 · decay under a learning-rate schedule -------------------------------------------


def cosine_lr(peak_lr: float, steps: int) -> np.ndarray:
    r"""A cosine schedule from ``peak_lr`` down towards 0: the lr of each of ``steps`` steps.

    .. math:: \text{lr}_t = \text{peak\_lr}\cdot\tfrac12\big(1 + \cos(\pi t/T)\big),
              \quad t = 0, 1, …, T - 1,

    the values ``torch.optim.lr_scheduler.CosineAnnealingLR(T_max=T)`` gives (with
    ``eta_min=0``) before each of the first ``T`` steps. Their sum is ``peak_lr·(T + 1)/2``:
    over a run, half of what ``peak_lr`` held constant would give.

    Parameters
    ----------
    peak_lr : float
        The first (largest) learning rate, > 0.
    steps : int
        The number of steps T ≥ 1.

    Examples
    --------
    >>> cosine_lr(1.0, 4)
    array([1.        , 0.85355339, 0.5       , 0.14644661])
    """
    peak_lr = check_positive(peak_lr, "peak_lr")
    steps = check_int(steps, "steps", low=1)
    return peak_lr * 0.5 * (1.0 + np.cos(np.pi * np.arange(steps) / steps))


def adamw_decay(lrs, weight_decay: float) -> np.ndarray:
    r"""A weight ``w = 1`` that the data ignores (gradient 0), under ``optim.AdamW`` and a schedule.

    Before step ``t`` the param group's ``lr`` is set to ``lrs[t]``, as PyTorch's
    learning-rate schedulers do. With a zero gradient Adam's own step is 0, so all that
    acts is the decay, and the weight after step ``t`` is

    .. math:: w_t = \prod_{s \le t} (1 - \text{lr}_s\cdot\text{wd})
              \approx e^{-\text{wd}\cdot\sum_{s \le t}\text{lr}_s}.

    Parameters
    ----------
    lrs : array_like of shape (T,)
        The learning rate of each step (> 0).
    weight_decay : float
        AdamW's ``weight_decay`` (≥ 0).

    Returns
    -------
    numpy.ndarray of shape (T,)
        The weight after each step.

    Examples
    --------
    >>> adamw_decay([0.1, 0.1, 0.05], weight_decay=1.0)
    array([0.9   , 0.81  , 0.7695])
    """
    lrs = check_array(lrs, "lrs", ndim=1)
    if np.any(lrs <= 0):
        raise ValueError("lrs must all be > 0 (a learning rate per step, e.g. cosine_lr(1e-3, 1000)).")
    weight_decay = check_nonneg(weight_decay, "weight_decay")
    w = np.ones(1)
    opt = optim.AdamW([w], lr=float(lrs[0]), weight_decay=weight_decay)
    zero = [np.zeros(1)]
    out = np.empty(len(lrs))
    for t, lr in enumerate(lrs):
        opt.param_groups[0]["lr"] = float(lr)          # what a torch lr scheduler does
        opt.step(zero)
        out[t] = w[0]
    return out

# -- 4 · penalising the intercept --------------------------------------------------------


@dataclass(frozen=True)
class OffsetFits:
    """Four fits of ``y = offset + x·w + noise``: the intercept penalised or not, exactly and by SGD.

    Parameters
    ----------
    offset : float
        The targets' offset.
    lam : float
        The course's λ (SGD used ``weight_decay = 2λ``).
    fits : dict
        ``name → (coef, intercept)`` for ``"exact, b not penalised"``,
        ``"exact, b penalised"``, ``"SGD, decay_groups"`` (the bias in a group with
        ``weight_decay=0``) and ``"SGD, decay on all"``.
    val_error : dict
        ``name → (mean of ŷ − y, mean of (ŷ − y)²)`` on 1,000 validation points.
    """

    offset: float
    lam: float
    fits: dict
    val_error: dict


def offset_data(offset: float = 100.0, *, n: int = 50, n_val: int = 1000, seed: int = 0):
    """``y = offset + x·(2, −1, 0.5) + 0.5·noise``, x standard normal: training and validation sets.

    Parameters
    ----------
    offset : float, default 100.0
        Added to every target.
    n : int, default 50
        Training points.
    n_val : int, default 1000
        Validation points.
    seed : int, default 0
        The draw.

    Returns
    -------
    tuple of numpy.ndarray
        ``X, y, X_val, y_val``.
    """
    offset = check_scalar(offset, "offset")
    rng = np.random.default_rng(seed)
    w = np.array([2.0, -1.0, 0.5])
    X, X_val = rng.standard_normal((n, 3)), rng.standard_normal((n_val, 3))
    y = offset + X @ w + 0.5 * rng.standard_normal(n)
    y_val = offset + X_val @ w + 0.5 * rng.standard_normal(n_val)
    return X, y, X_val, y_val


def offset_fits(offset: float = 100.0, lam: float = 0.1, *, steps: int = 500, lr: float = 0.1,
                seed: int = 0) -> OffsetFits:
    r"""Ridge on :func:`offset_data`, with the intercept b left out of the penalty or put in it.

    Exact fits: ``linear.fit_linear`` (b never penalised), and the same solver with a column
    of ones in place of the intercept (so b is one more penalised weight),
    :math:`\tfrac1n\|y - Xw - b\|^2 + λ(\|w\|^2 + b^2)`. SGD fits: ``steps`` full-batch
    steps of ``optim.SGD(weight_decay=2λ)`` from 0, on :func:`optim.decay_groups` (b not
    decayed) or on every parameter (b decayed).

    Parameters
    ----------
    offset : float, default 100.0
        The targets' offset.
    lam : float, default 0.1
        The course's λ.
    steps : int, default 500
        SGD steps.
    lr : float, default 0.1
        SGD's learning rate.
    seed : int, default 0
        The data's draw.

    Returns
    -------
    OffsetFits
        The four fits and their validation errors.
    """
    lam = check_nonneg(lam, "lam")
    steps = check_int(steps, "steps", low=1)
    X, y, X_val, y_val = offset_data(offset, seed=seed)
    fits = {"exact, b not penalised": linear.fit_linear(X, y, penalty="l2", lam=lam)}
    theta, _ = linear.fit_linear(np.c_[X, np.ones(len(y))], y, penalty="l2", lam=lam,
                                 fit_intercept=False)
    fits["exact, b penalised"] = (theta[:-1], float(theta[-1]))
    wd = 2 * lam
    for name, decay_bias in (("SGD, decay_groups", False), ("SGD, decay on all", True)):
        model = models.LinearRegression(X.shape[1])
        groups = ([{"params": model.parameters(), "weight_decay": wd}] if decay_bias
                  else optim.decay_groups(model.named_parameters(), wd))
        opt = optim.SGD(groups, lr=lr)
        for _ in range(steps):
            opt.step(model.loss_and_grads(X, y)[1])
        fits[name] = (model.weight.copy(), float(model.bias))
    val_error = {}
    for name, (coef, b) in fits.items():
        r = linear.predict_linear(X_val, coef, b) - y_val
        val_error[name] = (float(r.mean()), float(np.mean(r * r)))
    return OffsetFits(offset=float(offset), lam=lam, fits=fits, val_error=val_error)

# -- 7 · λ and the dataset size -------------------------------------------------------------


@dataclass(frozen=True)
class LamByN:
    r"""The λ chosen on validation data at each training-set size n.

    Parameters
    ----------
    ns : tuple of int
        The training-set sizes.
    lams : numpy.ndarray
        The λ grid.
    val_mse : numpy.ndarray
        Shape ``(len(ns), len(lams))``: the validation MSE of ridge at each n and λ,
        averaged over the draws.
    sigma, tau : float
        The noise's and the prior's standard deviations.
    """

    ns: tuple
    lams: np.ndarray
    val_mse: np.ndarray
    sigma: float
    tau: float

    @property
    def best_lam(self) -> np.ndarray:
        """The λ of the grid with the lowest validation MSE, at each n."""
        return self.lams[np.argmin(self.val_mse, axis=1)]

    @property
    def alpha(self) -> np.ndarray:
        """scikit-learn's ``Ridge`` α for the best λ: ``n·λ`` (a summed loss)."""
        return np.asarray(self.ns) * self.best_lam

    @property
    def map_lam(self) -> np.ndarray:
        r"""The MAP λ of a Gaussian prior, :math:`σ^2/(n τ^2)`, at each n."""
        return self.sigma**2 / (np.asarray(self.ns) * self.tau**2)


def lam_by_n_draw(rng: np.random.Generator, n: int, n_features: int, sigma: float, tau: float,
                  n_val: int) -> tuple[np.ndarray, ...]:
    """One draw: true weights ``w ~ N(0, τ²)``, then ``n`` training and ``n_val`` validation points.

    x is standard normal, ``y = x·w + σ·noise``; drawn in this order: w, X, y, X_val, y_val.

    Parameters
    ----------
    rng : numpy.random.Generator
        The source of randomness.
    n : int
        Training points.
    n_features : int
        Features (and weights).
    sigma : float
        Noise standard deviation σ.
    tau : float
        The prior's standard deviation τ.
    n_val : int
        Validation points.

    Returns
    -------
    tuple of numpy.ndarray
        ``X, y, X_val, y_val``.
    """
    w = tau * rng.standard_normal(n_features)
    X = rng.standard_normal((n, n_features))
    y = X @ w + sigma * rng.standard_normal(n)
    X_val = rng.standard_normal((n_val, n_features))
    y_val = X_val @ w + sigma * rng.standard_normal(n_val)
    return X, y, X_val, y_val


@functools.cache
def lam_by_n(ns: tuple = (25, 100, 400), *, n_features: int = 50, sigma: float = 1.0,
             tau: float = 0.5, draws: int = 50, n_val: int = 1000, seed: int = 0) -> LamByN:
    r"""Choose ridge's λ on validation data at several training-set sizes n.

    At each n, ``draws`` datasets from :func:`lam_by_n_draw` (random generator seeded with
    ``(seed, n)``); on each, ridge without intercept (:func:`lessons_lib.linear.regularization_path`,
    the course's mean loss + λ·Σw²) at every λ of ``log_grid(-4, 1)``, scored by its MSE on
    the draw's validation set. The scores are averaged over the draws and the best λ is
    the grid's argmin.

    Since the true weights are drawn from the prior N(0, τ²), the ridge fit with
    :math:`λ = σ^2/(nτ^2)` is the posterior mean, which minimises the expected validation
    MSE: the best λ falls like 1/n, while scikit-learn's α = nλ stays near σ²/τ².

    Parameters
    ----------
    ns : tuple of int, default (25, 100, 400)
        Training-set sizes.
    n_features : int, default 50
        Features.
    sigma : float, default 1.0
        Noise standard deviation.
    tau : float, default 0.5
        The prior's standard deviation.
    draws : int, default 50
        Datasets per n.
    n_val : int, default 1000
        Validation points per dataset.
    seed : int, default 0
        Seeds the draws.

    Returns
    -------
    LamByN
        The validation MSE on the grid; ``best_lam``, ``alpha`` and ``map_lam`` per n.
    """
    sigma, tau = check_positive(sigma, "sigma"), check_positive(tau, "tau")
    lams = log_grid(-4, 1)
    val_mse = np.zeros((len(ns), len(lams)))
    for i, n in enumerate(ns):
        rng = np.random.default_rng((seed, n))
        for _ in range(draws):
            X, y, X_val, y_val = lam_by_n_draw(rng, n, n_features, sigma, tau, n_val)
            coefs, _ = linear.regularization_path(X, y, lams, penalty="l2", fit_intercept=False)
            val_mse[i] += np.mean((coefs @ X_val.T - y_val) ** 2, axis=1) / draws
    return LamByN(ns=tuple(ns), lams=lams, val_mse=val_mse, sigma=sigma, tau=tau)
