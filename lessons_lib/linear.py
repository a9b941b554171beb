r"""Exact penalised linear regression: ridge, lasso and elastic net.

:func:`fit_linear` returns the exact minimiser of the course objective

.. math::

    \frac{1}{n}\sum_{i=1}^{n}\big(y_i - x_i^\top w - b\big)^2 \;+\; λ\,P(w),
    \qquad
    P(w) = \begin{cases}
        \sum_j w_j^2 & \texttt{"l2"} \\
        \sum_j |w_j| & \texttt{"l1"} \\
        ρ\sum_j |w_j| + (1-ρ)\sum_j w_j^2 & \texttt{"elastic\_net"},\ ρ = \texttt{l1\_ratio}
    \end{cases}

with the intercept ``b`` left unpenalised. These are the reference answers that the
gradient-descent lessons should approach.

How it is solved
----------------
* ``lam = 0``: plain least squares (``np.linalg.lstsq``; minimum-norm ``w`` if ``X`` is
  rank deficient).
* ``"l2"``: closed form. Setting the gradient to zero gives ``(XᵀX + n·λ·I) w = Xᵀy``,
  solved through the SVD of ``X`` so that ``XᵀX`` (whose condition number is the
  square of ``X``'s) is never formed.
* ``"l1"`` and ``"elastic_net"``: cyclic coordinate descent. Each step minimises over one
  weight exactly, and that one-dimensional problem is solved by soft-thresholding, which
  is why L1 produces weights that are exactly 0.
  Once the sweeps stop changing which weights are 0 and the signs of the others, the
  problem is a plain linear solve on the remaining weights; that solve is kept if it
  passes the optimality (KKT) check, so the answer is exact to rounding error, not
  merely to ``tol``.

With ``fit_intercept=True`` the columns of ``X`` and ``y`` are centred first; the
intercept is then ``b = ȳ − x̄ᵀw``.

The same models in scikit-learn
-------------------------------
scikit-learn scales each objective differently. Multiplying an objective by a positive
constant does not move its minimiser, so every course model has an exact scikit-learn
twin (:func:`sklearn_alpha` computes the arguments, :func:`course_lam` goes back):

* ``Ridge`` minimises ‖y − Xw‖² + α‖w‖², a sum: n × the course objective when
  ``alpha = n·λ``.
* ``Lasso`` minimises (1/2n)‖y − Xw‖² + α‖w‖₁: ½ × the course objective when
  ``alpha = λ/2``.
* ``ElasticNet`` minimises (1/2n)‖y − Xw‖² + αr‖w‖₁ + ½α(1 − r)‖w‖² with
  ``r = l1_ratio``. Half the course objective is (1/2n)‖y − Xw‖² + (λρ/2)‖w‖₁ +
  (λ(1 − ρ)/2)‖w‖²; matching terms gives αr = λρ/2 and α(1 − r) = λ(1 − ρ). Adding
  them, ``alpha = λ(1 − ρ/2)``, and then ``l1_ratio = r = ρ/(2 − ρ)``. So
  scikit-learn's ``l1_ratio`` is *not* the course's ρ, except at 0 and 1.

Examples
--------
>>> import numpy as np
>>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
>>> y = np.array([1.0, 0.2, 1.1, 2.1])
>>> coef, intercept = fit_linear(X, y, penalty="l1", lam=0.5)
>>> coef          # the second weight is exactly 0
array([0.45, 0.  ])
>>> sklearn_alpha("l1", lam=0.5, n_samples=4)
{'alpha': 0.25}
"""
from __future__ import annotations

import warnings

import numpy as np

from ._validate import (check_array, check_choice, check_int, check_nonneg, check_positive,
                        check_scalar, check_Xy)
from .penalties import PENALTIES, Penalty, make_penalty, soft_threshold

#: The scikit-learn estimator (in ``sklearn.linear_model``) fitting the same model.
SKLEARN_ESTIMATORS = {"l2": "Ridge", "l1": "Lasso", "elastic_net": "ElasticNet"}


class ConvergenceWarning(UserWarning):
    """Coordinate descent stopped at ``max_iter`` sweeps before converging."""


# --------------------------------------------------------------------------- public API

def fit_linear(X, y, *, penalty: str, lam: float, l1_ratio: float = 0.5,
               fit_intercept: bool = True, tol: float = 1e-10,
               max_iter: int = 100_000) -> tuple[np.ndarray, float]:
    r"""Minimise ``(1/n)·Σ(y − Xw − b)² + λ·P(w)`` exactly (see the module docstring).

    Parameters
    ----------
    X : array of shape (n_samples, n_features)
    y : array of shape (n_samples,)
    penalty : ``"l2"`` (Σw²), ``"l1"`` (Σ|w|) or ``"elastic_net"`` (ρΣ|w| + (1 − ρ)Σw²).
    lam : the strength λ ≥ 0; ``lam=0`` is ordinary least squares.
    l1_ratio : ρ in [0, 1], used by ``"elastic_net"`` only.
    fit_intercept : fit an unpenalised intercept ``b`` (otherwise ``b = 0``).
    tol : coordinate descent stops when a full sweep moves no weight by more than
        ``tol·max|w|`` (or earlier, when the exact solve on the support succeeds).
    max_iter : maximum number of coordinate-descent sweeps; a
        :class:`ConvergenceWarning` is issued if it is reached.

    Returns
    -------
    coef : array of shape (n_features,)
        The weights ``w``; for L1 and elastic net, unused features are exactly 0.
    intercept : float
        ``b`` (0.0 when ``fit_intercept=False``).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> y = np.array([1.0, 3.0, 5.0])          # y = 2x + 1
    >>> coef, b = fit_linear(X, y, penalty="l2", lam=0.0)
    >>> coef.round(6), round(b, 6)
    (array([2.]), 1.0)
    >>> coef, b = fit_linear(X, y, penalty="l2", lam=1.0)   # w = Σxy/(Σx² + nλ), centred
    >>> coef.round(6), round(b, 6)
    (array([0.8]), 2.2)
    """
    X, y = check_Xy(X, y)
    pen = make_penalty(penalty, check_nonneg(lam, "lam"), l1_ratio)
    tol = check_positive(tol, "tol", hint="Use a small value such as 1e-10.")
    max_iter = check_int(max_iter, "max_iter", low=1)
    Xc, yc, x_mean, y_mean = _centre(X, y, fit_intercept)
    coef = _solve(Xc, yc, pen, np.zeros(X.shape[1]), tol, max_iter)
    return coef, float(y_mean - x_mean @ coef)


def regularization_path(X, y, lams, *, penalty: str, l1_ratio: float = 0.5,
                        fit_intercept: bool = True, tol: float = 1e-10,
                        max_iter: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fit_linear` at every λ in ``lams``, sharing work between neighbouring λ.

    The λ are solved from largest to smallest, each starting from the previous solution
    (a *warm start*: nearby λ have nearby solutions), and with ``XᵀX`` computed once.
    Results come back in the caller's order of ``lams``.

    Parameters
    ----------
    X, y, penalty, l1_ratio, fit_intercept, tol, max_iter : as in :func:`fit_linear`.
    lams : 1-D sequence of λ ≥ 0, in any order, e.g. ``np.logspace(-3, 1, 50)`` or
        ``lam_max(X, y) * np.logspace(0, -3, 50)``.

    Returns
    -------
    coefs : array of shape (len(lams), n_features)
        Row ``k`` holds the weights fitted with ``lams[k]``.
    intercepts : array of shape (len(lams),)

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
    >>> y = np.array([1.0, 0.2, 1.1, 2.1])
    >>> coefs, intercepts = regularization_path(X, y, [0.0, 10.0, 0.5], penalty="l1")
    >>> coefs.round(4)
    array([[0.95  , 0.1333],
           [0.    , 0.    ],
           [0.45  , 0.    ]])
    """
    X, y = check_Xy(X, y)
    if np.ndim(lams) != 1 or len(lams) == 0:
        raise ValueError("lams must be a non-empty 1-D sequence of λ values, such as "
                         f"np.logspace(-3, 1, 50); got {lams!r}.")
    lams = check_array(lams, "lams", ndim=1)
    pen = make_penalty(penalty, lams, l1_ratio)      # checks every λ is >= 0
    tol = check_positive(tol, "tol", hint="Use a small value such as 1e-10.")
    max_iter = check_int(max_iter, "max_iter", low=1)

    Xc, yc, x_mean, y_mean = _centre(X, y, fit_intercept)
    # work shared by every λ: the SVD of X for ridge, the Gram matrix for coordinate descent
    svd = np.linalg.svd(Xc, full_matrices=False) if penalty == "l2" else None
    gram = None if penalty == "l2" else _gram(Xc, yc)
    coefs = np.zeros((len(lams), X.shape[1]))
    coef = np.zeros(X.shape[1])
    for k in np.argsort(-lams, kind="stable"):       # largest λ first
        pen_k = Penalty(pen.name, float(lams[k]), pen.l1_ratio)
        coef = _solve(Xc, yc, pen_k, coef, tol, max_iter, svd=svd, gram=gram)
        coefs[k] = coef
    return coefs, y_mean - coefs @ x_mean


def lam_max(X, y, penalty: str = "l1", *, l1_ratio: float = 0.5,
            fit_intercept: bool = True) -> float:
    r"""The smallest λ at which L1 or elastic net sets every weight to exactly 0.

    At ``w = 0`` the optimality condition for weight ``j`` reads
    ``|(2/n)·x_jᵀ(y − ȳ)| ≤ λρ`` (ρ = 1 for ``"l1"``), so

    .. math::

        λ_{\max} = \frac{2}{nρ}\,\max_j \big|x_j^\top (y - \bar y)\big|

    (with the columns ``x_j`` centred; no centring when ``fit_intercept=False``).
    Useful for path grids: ``lam_max(X, y) * np.logspace(0, -3, 50)``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, 1.0]])
    >>> y = np.array([1.0, 0.2, 1.1, 2.1])
    >>> round(lam_max(X, y), 6)
    0.95
    >>> fit_linear(X, y, penalty="l1", lam=lam_max(X, y))[0]
    array([0., 0.])
    """
    X, y = check_Xy(X, y)
    pen = make_penalty(penalty, 0.0, l1_ratio)
    rho = pen.mix[0]                                # weight of Σ|w| in P
    if rho == 0.0:
        raise ValueError("A pure L2 penalty never sets weights exactly to 0, so there is no "
                         "lam_max; use penalty='l1' or 'elastic_net' with l1_ratio > 0.")
    Xc, yc, _, _ = _centre(X, y, fit_intercept)
    _, c = _gram(Xc, yc)
    half_threshold = float(np.max(np.abs(c)))        # need λ·ρ/2 >= max|c_j|
    lam = 2.0 * half_threshold / rho
    while lam * rho / 2 < half_threshold:            # undo a rounding error of one ulp
        lam = float(np.nextafter(lam, np.inf))
    return lam


def predict_linear(X, coef, intercept: float = 0.0) -> np.ndarray:
    """``X @ coef + intercept``."""
    X = check_array(X, "X", ndim=2)
    coef = check_array(coef, "coef", ndim=1)
    if X.shape[1] != coef.shape[0]:
        raise ValueError(f"X has {X.shape[1]} features but coef has {coef.shape[0]} weights; "
                         "pass the X the model was fitted on (same columns).")
    return X @ coef + float(intercept)


def sklearn_alpha(penalty: str, lam: float, n_samples: int, l1_ratio: float = 0.5) -> dict:
    """Keyword arguments for the scikit-learn estimator fitting the same model as ``lam``.

    ``"l2"`` → ``Ridge(alpha=n·λ)``; ``"l1"`` → ``Lasso(alpha=λ/2)``; ``"elastic_net"`` →
    ``ElasticNet(alpha=λ(1 − ρ/2), l1_ratio=ρ/(2 − ρ))``. The derivation is in the module
    docstring; :data:`SKLEARN_ESTIMATORS` names the estimator.

    Examples
    --------
    >>> sklearn_alpha("l2", lam=0.1, n_samples=50)
    {'alpha': 5.0}
    >>> sklearn_alpha("elastic_net", lam=1.0, n_samples=50, l1_ratio=0.5)
    {'alpha': 0.75, 'l1_ratio': 0.3333333333333333}
    >>> # from sklearn.linear_model import Ridge; Ridge(**sklearn_alpha("l2", 0.1, len(y)))
    """
    pen = make_penalty(penalty, check_nonneg(lam, "lam"), l1_ratio)
    n_samples = check_int(n_samples, "n_samples", low=1)
    if penalty == "l2":
        return {"alpha": n_samples * pen.lam}
    if penalty == "l1":
        return {"alpha": pen.lam / 2}
    rho = pen.l1_ratio
    return {"alpha": pen.lam * (1 - rho / 2), "l1_ratio": rho / (2 - rho)}


def course_lam(penalty: str, alpha: float, n_samples: int, l1_ratio: float = 0.5) -> dict:
    """The inverse of :func:`sklearn_alpha`: keyword arguments for :func:`fit_linear`.

    ``alpha`` and ``l1_ratio`` are scikit-learn's (``l1_ratio`` is used for
    ``"elastic_net"`` only): ``λ = α/n`` (Ridge), ``λ = 2α`` (Lasso), and for ElasticNet
    ``λ = α(1 + r)``, ``ρ = 2r/(1 + r)``.

    Examples
    --------
    >>> course_lam("l1", alpha=0.25, n_samples=4)
    {'lam': 0.5}
    >>> course_lam("elastic_net", alpha=0.75, n_samples=50, l1_ratio=1/3)
    {'lam': 1.0, 'l1_ratio': 0.5}
    """
    check_choice(penalty, "penalty", PENALTIES)
    alpha = check_nonneg(alpha, "alpha")
    n_samples = check_int(n_samples, "n_samples", low=1)
    if penalty == "l2":
        return {"lam": alpha / n_samples}
    if penalty == "l1":
        return {"lam": 2 * alpha}
    r = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    return {"lam": alpha * (1 + r), "l1_ratio": 2 * r / (1 + r)}


# --------------------------------------------------------------------------- the solvers

def _centre(X, y, fit_intercept: bool):
    """(X − x̄, y − ȳ, x̄, ȳ), or X and y untouched with zero means."""
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean, y_mean = X.mean(axis=0), float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


def _gram(Xc, yc) -> tuple[np.ndarray, np.ndarray]:
    """G = XᵀX/n and c = Xᵀy/n, so that (1/n)‖y − Xw‖² = wᵀGw − 2cᵀw + const."""
    n = Xc.shape[0]
    return Xc.T @ Xc / n, Xc.T @ yc / n


def _solve(Xc, yc, pen: Penalty, coef0, tol, max_iter, svd=None, gram=None) -> np.ndarray:
    """The minimiser on centred data, dispatching on the penalty.

    ``svd`` and ``gram`` may be passed in precomputed (from ``Xc``) when solving many λ.
    """
    if pen.lam == 0.0:
        return np.linalg.lstsq(Xc, yc, rcond=None)[0]
    if pen.name == "l2":
        # (XᵀX + nλI) w = Xᵀy with X = U·diag(s)·Vᵀ  ⇒  w = V·diag(s / (s² + nλ))·Uᵀy
        U, s, Vt = svd if svd is not None else np.linalg.svd(Xc, full_matrices=False)
        return Vt.T @ (s / (s**2 + len(yc) * pen.lam) * (U.T @ yc))
    G, c = gram if gram is not None else _gram(Xc, yc)
    rho, one_minus_rho = pen.mix                    # weights of Σ|w| and Σw² in P
    coef, converged = _coordinate_descent(G, c, pen.lam * rho, pen.lam * one_minus_rho,
                                          coef0, tol, max_iter)
    if not converged:
        warnings.warn(f"Coordinate descent did not converge in max_iter={max_iter} sweeps "
                      f"(lam={pen.lam:g}). Raise max_iter, or standardise X (e.g. with "
                      "lessons_lib.data.Standardizer) so the features share one scale.",
                      ConvergenceWarning, stacklevel=3)
    return coef


def _coordinate_descent(G, c, l1, l2, w, tol, max_iter) -> tuple[np.ndarray, bool]:
    r"""Minimise ``wᵀGw − 2cᵀw + l1·Σ|w| + l2·Σw²`` one weight at a time, cyclically.

    This is the course objective on centred data, with ``l1 = λρ`` and ``l2 = λ(1 − ρ)``.
    Holding every weight but ``w_j`` fixed leaves a one-dimensional problem
    ``(G_jj + l2)·w_j² − 2·z_j·w_j + l1·|w_j|`` with
    ``z_j = c_j − (Gw)_j + G_jj·w_j`` (feature j's correlation with the residual of the
    other features), whose minimiser is

    .. math::

        w_j = \frac{\operatorname{soft\_threshold}(z_j,\ l_1/2)}{G_{jj} + l_2}.

    Keeping ``Gw`` up to date costs one column of ``G`` per changed weight, so a sweep
    is O(d²) whatever the number of samples.
    Stops when a sweep moves no weight by more than ``tol·max|w|``, or earlier when
    the signs have settled and :func:`_solve_on_support` finds the exact answer.
    """
    w = w.copy()
    Gw = G @ w
    diag = np.diag(G)
    signs = None
    for _ in range(max_iter):
        max_change = 0.0
        for j in range(len(w)):
            if diag[j] + l2 == 0.0:                  # a constant column: w_j = 0 is optimal
                continue
            z = c[j] - Gw[j] + diag[j] * w[j]
            new = float(soft_threshold(z, l1 / 2)) / (diag[j] + l2)
            change = new - w[j]
            if change != 0.0:
                Gw += change * G[j]                  # G is symmetric: row j = column j
                w[j] = new
                max_change = max(max_change, abs(change))
        converged = max_change <= tol * np.max(np.abs(w))
        if converged or np.array_equal(np.sign(w), signs):
            exact = _solve_on_support(G, c, l1, l2, np.sign(w))
            if exact is not None:
                return exact, True
        if converged:
            return w, True
        signs = np.sign(w)
    return w, False


def _solve_on_support(G, c, l1, l2, signs) -> np.ndarray | None:
    r"""The exact minimiser if ``signs`` are its signs, else None.

    Once we know which weights are 0 and the signs ``s`` of the others, ``Σ|w|`` is just
    ``sᵀw`` and the problem is a ridge-like linear solve on the support ``S``:
    ``(G_SS + l2·I) w_S = c_S − (l1/2)·s_S``. The result is the minimiser iff it satisfies
    the optimality (KKT) conditions, with ``g = c − Gw − l2·w``:
    ``g_j = (l1/2)·sign(w_j)`` on the support and ``|g_j| ≤ l1/2`` off it.
    """
    S = signs != 0
    w = np.zeros_like(c)
    try:
        w[S] = np.linalg.solve(G[np.ix_(S, S)] + l2 * np.eye(S.sum()), c[S] - l1 / 2 * signs[S])
    except np.linalg.LinAlgError:
        return None
    g = c - G @ w - l2 * w
    slack = 1e-10 * np.max(np.abs(c))               # room for rounding errors
    optimal = (np.array_equal(np.sign(w[S]), signs[S])
               and np.all(np.abs(g[S] - l1 / 2 * signs[S]) <= slack)
               and np.all(np.abs(g[~S]) <= l1 / 2 + slack))
    return w if optimal else None
