"""Many runs at once: one model per value of a λ grid or a learning-rate grid.

A slider over λ needs a trained model at every position. :func:`sweep` trains them all in
one call: ``model.copies(K)`` stacks K copies along a leading axis of every parameter, and
one :func:`~lessons_lib.train.train` call updates all of them, with λ (inside the penalty)
or η different per copy.
"""
from __future__ import annotations

from ._validate import check_array
from .penalties import Penalty, make_penalty
from .train import train


def sweep(model, X, y, *, lams=None, lrs=None, lr: float = 0.1, penalty: str = "l2",
          lam: float = 0.0, l1_ratio: float = 0.5, **train_kwargs):
    """Train one copy of ``model`` per value of a λ grid (``lams``) or an η grid (``lrs``) at once.

    All copies start from ``model``'s weights; ``model`` itself is not changed. Returns
    ``(models, history)``: ``models`` holds the K trained copies (parameters with a leading
    axis of K) and ``history`` has losses of shape ``(T, K)``. Diverged copies are frozen
    and flagged in ``history.diverged``.

    Parameters
    ----------
    model : LinearRegression or MLP
        The model to copy; it is not changed.
    X : array_like of shape (n, d)
        Training inputs.
    y : array_like of shape (n,)
        Training targets.
    lams : array_like of shape (K,), optional
        A λ grid: one copy per λ, all at learning rate ``lr``.
    lrs : array_like of shape (K,), optional
        A learning-rate grid: one copy per η, all at penalty ``lam``.
    lr : float, default 0.1
        The learning rate of a ``lams`` sweep.
    penalty : {"l2", "l1", "elastic_net"}, default "l2"
        The penalty's name (the grid supplies λ).
    lam : float, default 0.0
        λ of an ``lrs`` sweep.
    l1_ratio : float, default 0.5
        The L1 share of ``"elastic_net"``.
    **train_kwargs
        Passed on to :func:`train` (``steps``, ``X_val``, ...).

    Returns
    -------
    models : LinearRegression or MLP
        The K trained copies (parameters with a leading axis of K).
    history : History
        Losses of shape ``(T, K)``.

    Examples
    --------
    >>> import numpy as np
    >>> from lessons_lib import data, models
    >>> x, y = data.noisy_curve(12, seed=0)
    >>> X = data.polynomial_features(x, 9)
    >>> fits, hist = sweep(models.LinearRegression(9), X, y, lams=np.logspace(-4, 0, 5), steps=100)
    >>> fits.weight.shape, hist.train_loss.shape
    ((5, 9), (101, 5))
    """
    if isinstance(penalty, Penalty):
        raise TypeError(f"sweep takes the penalty's name (penalty='{penalty.name}'), not a Penalty "
                        "object: the grid lams supplies λ (or lam= fixes it for an lrs grid).")
    if (lams is None) == (lrs is None):
        raise ValueError("pass exactly one grid: lams=[...] (with a fixed lr) or lrs=[...] "
                         "(with a fixed lam).")
    name = "lams" if lams is not None else "lrs"
    grid = check_array(lams if lams is not None else lrs, name,
                       allow_empty=True, finite=False)    # NaN, < 0: train names lam or lr
    if grid.ndim != 1 or grid.size == 0:
        raise ValueError(f"{name} must be a non-empty 1-D sequence such as np.logspace(-3, 0, 7), "
                         f"got shape {grid.shape}.")
    copies = model.copies(grid.size)
    pen = make_penalty(penalty, grid if lams is not None else lam, l1_ratio)
    hist = train(copies, X, y, lr=grid if lrs is not None else lr, penalty=pen, **train_kwargs)
    return copies, hist

