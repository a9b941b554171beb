r"""Exact penalized linear regression: ridge, lasso and elastic net.

:func:`fit_linear` returns the exact minimiser of the course objective

.. math::

    \frac{1}{n}\sum_{i=1}^{n}\big(y_i - x_i^\top w - b\big)^2 \;+\; λ\,P(w),
    \qquad
    P(w) = \begin{cases}
        \sum_j w_j^2 & \texttt{"l2"} \\
        \sum_j |w_j| & \texttt{"l1"} \\
        ρ\sum_j |w_j| + (1-ρ)\sum_j w_j^2 & \texttt{"elastic\_net"},\ ρ = \texttt{l1\_ratio}
    \end{cases}

with the intercept ``b`` left unpenalized. These are the reference answers that the
gradient-descent lessons should approach.

How it is solved
----------------
* ``lam = 0``: plain least squares (``np.linalg.lstsq``; minimum-norm ``w`` if ``X`` is
  rank deficient).
* ``"l2"``: closed form. Setting the gradient to zero gives ``(XᵀX + n·λ·I) w = Xᵀy``,
  solved through the SVD of ``X`` so that ``XᵀX`` (whose condition number is the
  square of ``X``'s) is never formed.
* ``"l1"`` and ``"elastic_net"``: an *active-set* method. If we knew which weights are 0
  and the signs ``s`` of the others, ``Σ|w|`` would be the linear function ``sᵀw`` and the
  minimiser would be one linear solve away. The method starts from a guess (all weights 0)
  and improves it with the optimality (KKT) conditions: a weight joins the active set when
  its feature's correlation with the residual ``r``, ``|x_jᵀr|/n``, exceeds ``λρ/2``, and
  leaves it when its sign would flip. Weights outside the set are exactly 0, which is why
  L1 produces exact zeros, and the answer is exact up to rounding error. It takes one to
  three steps per non-zero weight, each one linear solve the size of the active set
  (details in :func:`_active_set`).
* When features are collinear or outnumber the samples, the L1 minimiser (``ρ = 1``) may
  not be unique; all minimisers share the objective value and the predictions ``Xw``.
  The active-set method returns one whose non-zero columns are linearly independent, so
  it uses at most ``n − 1`` features (``n`` with ``fit_intercept=False``). Elastic net
  with ``ρ < 1`` is strictly convex: its minimiser is unique.

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

from ._validate import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_nonneg,
    check_scalar,
    check_values,
    check_Xy,
    finite_result,
)
from .penalties import PENALTIES, Penalty, as_penalty, make_penalty


class ConvergenceWarning(UserWarning):
    """The L1 / elastic-net solver stopped before reaching the exact minimiser."""


#: The range of ``tol`` (room for rounding errors, relative to the largest correlation).
TOL_RANGE = (1e-15, 1e-6)
_SCALE = ("X and y are scaled too differently (tiny X, huge y): the weights that fit y from X "
          "are too large. Rescale X (e.g. with data.Standardizer) or divide y by a constant.")


# --------------------------------------------------------------------------- public API

@finite_result(_SCALE)
def fit_linear(X, y, *, penalty: str | Penalty, lam: float | None = None, l1_ratio: float = 0.5,
               fit_intercept: bool = True, tol: float = 1e-10,
               max_iter: int = 100_000) -> tuple[np.ndarray, float]:
    r"""Minimise ``(1/n)·Σ(y − Xw − b)² + λ·P(w)`` exactly (see the module docstring).

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The features.
    y : array_like of shape (n_samples,)
        The targets.
    penalty : str, {"l2", "l1", "elastic_net"}, or Penalty
        ``"l2"`` (Σw²), ``"l1"`` (Σ|w|) or ``"elastic_net"`` (ρΣ|w| + (1 − ρ)Σw²);
        or a Penalty object such as ``penalties.l1(0.5)`` (then leave ``lam`` out), the
        spelling :func:`lessons_lib.train.train` accepts too.
    lam : float, optional
        The strength λ ≥ 0; ``lam=0`` is ordinary least squares. Required with a name.
    l1_ratio : float, default 0.5
        ρ in [0, 1], used by ``"elastic_net"`` only.
    fit_intercept : bool, default True
        Fit an unpenalized intercept ``b`` (otherwise ``b = 0``).
    tol : float, default 1e-10
        L1 and elastic net only: room for rounding errors in the optimality check, in
        ``[1e-15, 1e-6]`` (:data:`TOL_RANGE`). A weight stays at 0 while its feature's
        correlation with the residual ``r`` is ``|x_jᵀr|/n ≤ λρ/2 + tol·m``, where
        ``m = λ_max·ρ/2`` is its largest value at ``w = 0`` (see :func:`lam_max`); a
        larger tol would leave weights at 0 that belong in the answer.
    max_iter : int, default 100_000
        L1 and elastic net only: maximum number of active-set steps (one small
        linear solve each); a :class:`ConvergenceWarning` is issued if it is reached.

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
    pen = as_penalty(penalty, None if lam is None else check_nonneg(lam, "lam"), l1_ratio)
    if np.ndim(pen.lam):
        raise ValueError("fit_linear fits one λ: pass a Penalty with a single lam, or use "
                         "regularization_path(X, y, lams, ...) for many.")
    tol = _check_tol(tol)
    max_iter = check_int(max_iter, "max_iter", low=1)
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    Xc, yc, x_mean, y_mean = _centre(X, y, fit_intercept)
    coef = _solve(Xc, yc, pen, np.zeros(X.shape[1]), tol, max_iter)
    return coef, float(y_mean - x_mean @ coef)


@finite_result(_SCALE)
def regularization_path(X, y, lams, *, penalty: str, l1_ratio: float = 0.5,
                        fit_intercept: bool = True, tol: float = 1e-10,
                        max_iter: int = 100_000) -> tuple[np.ndarray, np.ndarray]:
    """:func:`fit_linear` at every λ in ``lams``, sharing work between neighbouring λ.

    The λ are solved from largest to smallest, each starting from the previous solution
    (a *warm start*: nearby λ have nearby solutions), and with ``XᵀX`` computed once.
    Results come back in the caller's order of ``lams``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The features.
    y : array_like of shape (n_samples,)
        The targets.
    lams : array_like of shape (n_lams,)
        The λ ≥ 0, in any order, e.g. ``np.logspace(-3, 1, 50)`` or
        ``lam_max(X, y) * np.logspace(0, -3, 50)``.
    penalty : str, {"l2", "l1", "elastic_net"}
        The penalty's name (not a Penalty object: λ comes from ``lams``).
    l1_ratio : float, default 0.5
        ρ in [0, 1], used by ``"elastic_net"`` only.
    fit_intercept : bool, default True
        Fit an unpenalized intercept for each λ.
    tol : float, default 1e-10
        As in :func:`fit_linear`.
    max_iter : int, default 100_000
        As in :func:`fit_linear`, for each λ.

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
    _check_penalty_name(penalty, "regularization_path", "the λ grid comes from lams")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    lams = check_array(lams, "lams", allow_empty=True, finite=False)   # numbers, not a ragged list
    if lams.ndim != 1 or lams.size == 0:
        raise ValueError("lams must be a non-empty 1-D sequence of λ values, such as "
                         f"np.logspace(-3, 1, 50); got {lams!r}.")
    lams = check_values(check_array(lams, "lams"), "lams", hint="Use lam=0 for no regularization.")
    pen = make_penalty(penalty, lams, l1_ratio)
    tol = _check_tol(tol)
    max_iter = check_int(max_iter, "max_iter", low=1)

    Xc, yc, x_mean, y_mean = _centre(X, y, fit_intercept)
    # work shared by every λ: the SVD of X for ridge, the Gram matrix for the active set
    svd = np.linalg.svd(Xc, full_matrices=False) if penalty == "l2" else None
    gram = None if penalty == "l2" else _gram(Xc, yc)
    coefs = np.zeros((len(lams), X.shape[1]))
    coef = np.zeros(X.shape[1])
    for k in np.argsort(-lams, kind="stable"):       # largest λ first
        pen_k = Penalty(pen.name, float(lams[k]), pen.l1_ratio)
        coef = _solve(Xc, yc, pen_k, coef, tol, max_iter, svd=svd, gram=gram)
        coefs[k] = coef
    return coefs, y_mean - coefs @ x_mean


@finite_result("lam_max = 2·max|x_jᵀy|/(n·ρ) is beyond it: X·y is too large or l1_ratio "
               "too small. Rescale X or y, or raise l1_ratio.")
def lam_max(X, y, penalty: str = "l1", *, l1_ratio: float = 0.5,
            fit_intercept: bool = True) -> float:
    r"""The smallest λ at which L1 or elastic net sets every weight to exactly 0.

    At ``w = 0`` the optimality condition for weight ``j`` reads
    ``|(2/n)·x_jᵀ(y − ȳ)| ≤ λρ`` (ρ = 1 for ``"l1"``), so

    .. math::

        λ_{\max} = \frac{2}{nρ}\,\max_j \big|x_j^\top (y - \bar y)\big|

    (with the columns ``x_j`` centred; no centring when ``fit_intercept=False``).
    Useful for path grids: ``lam_max(X, y) * np.logspace(0, -3, 50)``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The features.
    y : array_like of shape (n_samples,)
        The targets.
    penalty : str, {"l1", "elastic_net"}, default "l1"
        The penalty's name; ``"l2"`` has no ``lam_max`` (it never zeroes a weight).
    l1_ratio : float, default 0.5
        ρ in (0, 1], used by ``"elastic_net"`` only.
    fit_intercept : bool, default True
        Whether the model has an unpenalized intercept (then ``X`` and ``y`` are centred).

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
    _check_penalty_name(penalty, "lam_max", "it computes λ")
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
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


@finite_result("X·coef + intercept is beyond it: X, coef or intercept is too large. Rescale X, "
               "or fit coef on the same scale of X.")
def predict_linear(X, coef, intercept: float = 0.0) -> np.ndarray:
    """``X @ coef + intercept``.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        The features, with the columns the model was fitted on.
    coef : array_like of shape (n_features,)
        The weights, e.g. from :func:`fit_linear`.
    intercept : float, default 0.0
        The intercept ``b``.
    """
    X = check_array(X, "X", ndim=2)
    coef = check_array(coef, "coef", ndim=1)
    if X.shape[1] != coef.shape[0]:
        raise ValueError(f"X has {X.shape[1]} features but coef has {coef.shape[0]} weights; "
                         "pass the X the model was fitted on (same columns).")
    return X @ coef + check_scalar(intercept, "intercept")


@finite_result("lam (times n_samples for Ridge) is too large: use a smaller lam.")
def sklearn_alpha(penalty: str, lam: float, n_samples: int, l1_ratio: float = 0.5) -> dict:
    """Keyword arguments for the scikit-learn estimator fitting the same model as ``lam``.

    ``"l2"`` → ``Ridge(alpha=n·λ)``; ``"l1"`` → ``Lasso(alpha=λ/2)``; ``"elastic_net"`` →
    ``ElasticNet(alpha=λ(1 − ρ/2), l1_ratio=ρ/(2 − ρ))``. The derivation is in the module
    docstring.

    Parameters
    ----------
    penalty : str, {"l2", "l1", "elastic_net"}
        The course's penalty; it picks ``Ridge``, ``Lasso`` or ``ElasticNet``.
    lam : float
        The course's λ ≥ 0.
    n_samples : int
        The number of training samples ``n`` (``Ridge``'s ``alpha`` grows with it).
    l1_ratio : float, default 0.5
        The course's ρ in [0, 1], used by ``"elastic_net"`` only.

    Returns
    -------
    dict
        ``{"alpha": ...}``, plus scikit-learn's ``"l1_ratio"`` for ``"elastic_net"``.

    Examples
    --------
    >>> sklearn_alpha("l2", lam=0.1, n_samples=50)
    {'alpha': 5.0}
    >>> sklearn_alpha("elastic_net", lam=1.0, n_samples=50, l1_ratio=0.5)
    {'alpha': 0.75, 'l1_ratio': 0.3333333333333333}
    >>> # from sklearn.linear_model import Ridge; Ridge(**sklearn_alpha("l2", 0.1, len(y)))
    """
    _check_penalty_name(penalty, "sklearn_alpha", "pass its lam= as well")
    pen = make_penalty(penalty, check_nonneg(lam, "lam"), l1_ratio)
    n_samples = check_int(n_samples, "n_samples", low=1)
    if penalty == "l2":
        return {"alpha": n_samples * pen.lam}
    if penalty == "l1":
        return {"alpha": pen.lam / 2}
    rho = pen.l1_ratio
    return {"alpha": pen.lam * (1 - rho / 2), "l1_ratio": rho / (2 - rho)}


def sklearn_C(lam: float, n_samples: int) -> dict:
    r"""Keyword arguments for the ``LogisticRegression`` that fits the course's L2 classifier.

    The course minimizes the *mean* cross-entropy plus ``λ·Σw²``. scikit-learn's
    ``LogisticRegression(C=C)`` (L2 is its default, ``l1_ratio=0``) minimizes a *sum*,

    .. math::

        C\sum_{i=1}^{n}\operatorname{logloss}_i + \tfrac{1}{2}\lVert w\rVert^2,

    with the intercept unpenalized. Dividing by ``C·n`` gives the mean log-loss plus
    ``(1/(2Cn))·‖w‖²``: the course objective when ``C = 1/(2nλ)``. ``λ = 0`` gives
    ``C = inf``, scikit-learn's spelling of "no penalty" (its ``penalty=`` argument is
    deprecated since 1.8). With two classes scikit-learn fits one weight vector (a
    sigmoid); with more, one per class (a softmax), all penalized.

    Parameters
    ----------
    lam : float
        The course's L2 strength λ ≥ 0.
    n_samples : int
        The number of training samples ``n`` (``C`` shrinks as it grows).

    Returns
    -------
    dict
        ``{"C": 1/(2nλ)}``.

    Examples
    --------
    >>> sklearn_C(lam=0.05, n_samples=100)
    {'C': 0.1}
    >>> # from sklearn.linear_model import LogisticRegression
    >>> # LogisticRegression(**sklearn_C(0.05, len(y))).fit(X, y)
    """
    lam = check_nonneg(lam, "lam")
    n_samples = check_int(n_samples, "n_samples", low=1)
    if lam == 0:
        return {"C": np.inf}                       # scikit-learn's "no penalty"
    C = 1.0 / (2.0 * n_samples * lam)
    if C == np.inf:
        raise OverflowError(f"lam={lam:g} is so small that C = 1/(2·n_samples·lam) overflows "
                            "float64; pass lam=0 for no penalty (C = inf), or a larger lam.")
    return {"C": C}


@finite_result("alpha is too large: use a smaller alpha.")
def course_lam(penalty: str, alpha: float, n_samples: int, l1_ratio: float = 0.5) -> dict:
    """The inverse of :func:`sklearn_alpha`: keyword arguments for :func:`fit_linear`.

    ``alpha`` and ``l1_ratio`` are scikit-learn's (``l1_ratio`` is used for
    ``"elastic_net"`` only): ``λ = α/n`` (Ridge), ``λ = 2α`` (Lasso), and for ElasticNet
    ``λ = α(1 + r)``, ``ρ = 2r/(1 + r)``.

    Parameters
    ----------
    penalty : str, {"l2", "l1", "elastic_net"}
        For ``Ridge``, ``Lasso`` and ``ElasticNet`` respectively.
    alpha : float
        scikit-learn's ``alpha`` ≥ 0.
    n_samples : int
        The number of training samples ``n``.
    l1_ratio : float, default 0.5
        scikit-learn's ``l1_ratio`` ``r`` in [0, 1], used by ``"elastic_net"`` only.

    Returns
    -------
    dict
        ``{"lam": ...}``, plus the course's ``"l1_ratio"`` ρ for ``"elastic_net"``.

    Examples
    --------
    >>> course_lam("l1", alpha=0.25, n_samples=4)
    {'lam': 0.5}
    >>> course_lam("elastic_net", alpha=0.75, n_samples=50, l1_ratio=1/3)
    {'lam': 1.0, 'l1_ratio': 0.5}
    """
    _check_penalty_name(penalty, "course_lam", "it computes λ")
    check_choice(penalty, "penalty", PENALTIES)
    alpha = check_nonneg(alpha, "alpha")
    n_samples = check_int(n_samples, "n_samples", low=1)
    if penalty == "l2":
        return {"lam": alpha / n_samples}
    if penalty == "l1":
        return {"lam": 2 * alpha}
    r = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0)
    return {"lam": alpha * (1 + r), "l1_ratio": 2 * r / (1 + r)}


def _check_tol(tol) -> float:
    lo, hi = TOL_RANGE
    return check_scalar(tol, "tol", low=lo, high=hi,
                        hint="tol is room for rounding errors in the optimality check: below 1e-15 "
                        "it is smaller than float64's rounding, above 1e-6 it leaves weights at 0 "
                        "that belong in the answer. Keep the default 1e-10.")


def _check_penalty_name(penalty, where: str, why: str) -> None:
    """Functions that take λ separately need the penalty's name, not a Penalty object."""
    if isinstance(penalty, Penalty):
        raise TypeError(f"{where} takes the penalty's name (penalty='{penalty.name}'), not a "
                        f"Penalty object: {why}.")


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
        # Singular values below rcond·s_max are rounding noise (an exactly duplicated column
        # gives s ≈ 1e-16·s_max, not 0); like lstsq's rcond, treat them as 0, or at tiny λ
        # s / (s² + nλ) ≈ 1/s would blow up along a direction the data does not determine.
        U, s, Vt = svd if svd is not None else np.linalg.svd(Xc, full_matrices=False)
        rcond = np.finfo(float).eps * max(Xc.shape)
        keep = s > rcond * s.max(initial=0.0)
        d = np.divide(s, s**2 + len(yc) * pen.lam, out=np.zeros_like(s), where=keep)
        return Vt.T @ (d * (U.T @ yc))
    G, c = gram if gram is not None else _gram(Xc, yc)
    rho, one_minus_rho = pen.mix                    # weights of Σ|w| and Σw² in P
    coef, trouble = _active_set(G, c, pen.lam * rho, pen.lam * one_minus_rho,
                                coef0, tol, max_iter)
    if trouble:
        warnings.warn(f"The active-set solver {trouble} (lam={pen.lam:g}).",
                      ConvergenceWarning, stacklevel=3)
    return coef


def _active_set(G, c, l1, l2, w, tol, max_iter) -> tuple[np.ndarray, str]:
    r"""Minimise ``wᵀGw − 2cᵀw + l1·Σ|w| + l2·Σw²`` exactly, starting from ``w``.

    This is the course objective on centred data, with ``l1 = λρ`` and ``l2 = λ(1 − ρ)``.
    With ``A = G + l2·I`` and ``g = c − A·w`` (minus half the gradient of the smooth part),
    ``w`` is the minimiser iff it satisfies the optimality (KKT) conditions

    .. math::

        g_j = \tfrac{l_1}{2}\operatorname{sign}(w_j) \ \text{ if } w_j \ne 0,
        \qquad
        |g_j| \le \tfrac{l_1}{2} \ \text{ if } w_j = 0.

    The *active set* ``S`` is the set of non-zero weights, ``s`` their signs. Each step:

    1. **Solve on S.** With the signs fixed, ``Σ|w| = sᵀw`` is linear and the first
       condition is the linear system ``A_SS·w_S = c_S − (l1/2)·s_S``. If its solution
       keeps the signs ``s``, take it. If not, walk from ``w`` towards it only until the
       first weight reaches 0 (that weight leaves S), and solve again.
    2. **Check the zeros.** If ``|g_j| ≤ l1/2`` for every ``j`` outside S (up to
       ``tol``), ``w`` is optimal: stop.
    3. **Add the worst violator** ``j``, with sign ``s_j = sign(g_j)``. Moving
       ``w_j = s_j·t`` and ``w_S ← w_S − s_j·t·a`` with ``a = A_SS⁻¹·A_Sj`` keeps the
       equations of step 1 true and shrinks ``|g_j|`` by ``t·σ``, where
       ``σ = A_jj − A_jSᵀ·a`` (the part of feature j that the features in S cannot
       explain). Stop at ``t = (|g_j| − l1/2)/σ``, where feature j is optimal too, or
       earlier where a weight of S reaches 0 (it leaves S). If ``σ = 0`` (only possible
       with ``l2 = 0``: feature j is a duplicate or a combination of features in S, as
       every feature is once S spans the data), the fit does not change along this
       direction, only ``Σ|w|`` falls, so the walk always ends at a zero. That
       keeps the columns in S linearly independent, so step 1 always has a solution.

    Every step lowers the objective and no active set with its signs comes back, so
    the method stops after finitely many steps: typically one to three per non-zero
    weight. A warm start ``w`` (the solution at a nearby λ) usually needs only
    one or two. Returns the weights and ``""``, or what went wrong (in rounding-error
    territory, or when ``max_iter`` steps were not enough).
    """
    w = w.copy()
    A = G + l2 * np.eye(len(c))
    slack = tol * np.max(np.abs(c), initial=0.0)    # room for rounding errors
    solved = False          # True after a full step 3: w already solves step 1's system
    for _ in range(max_iter):
        S = np.flatnonzero(w)
        s = np.sign(w[S])
        A_SS = A[S][:, S]
        if not solved:
            # 1. the minimiser on S, if the signs s are right
            target = np.linalg.solve(A_SS, c[S] - l1 / 2 * s)
            if np.any(np.sign(target) != s):
                w[S], _ = _walk_to_first_zero(w[S], target - w[S], t_max=1.0)
                continue
            w[S] = target
        # 2. the zero weights: is any optimality condition violated?
        g = c - A @ w
        excess = np.abs(g) - l1 / 2
        excess[S] = -np.inf
        j = int(np.argmax(excess))
        if excess[j] <= slack:
            if not solved:
                return w, ""
            solved = False                          # solve step 1 afresh before stopping:
            continue                                # step 3's updates carry rounding errors
        # 3. bring j in, keeping the equations on S true
        s_j = np.sign(g[j])
        a = np.linalg.solve(A_SS, A[S, j])
        sigma = A[j, j] - A[S, j] @ a
        t_opt = excess[j] / sigma if sigma > 0 else np.inf
        w[S], t = _walk_to_first_zero(w[S], -s_j * a, t_max=t_opt)
        if not np.isfinite(t):   # σ ≤ 0 but no zero ahead: impossible without rounding errors
            return w, (f"stopped early: feature {j} is a combination of others up to "
                       "rounding error, yet improves the fit, so the exact weights are "
                       "too large to compute. Remove near-duplicate features or raise lam")
        w[j] = s_j * t
        solved = t == t_opt
    return w, (f"did not converge in max_iter={max_iter} steps. Raise max_iter, or "
               "standardise X (e.g. with lessons_lib.data.Standardizer) so the features "
               "share one scale")


def _walk_to_first_zero(w, direction, t_max: float) -> tuple[np.ndarray, float]:
    """``w + t·direction`` for the largest ``t ≤ t_max`` before any weight changes sign.

    The weights that reach 0 at that ``t`` are set to exactly 0. Returns the new weights
    and ``t`` (``inf`` if nothing stops the walk and ``t_max`` is infinite).
    """
    shrinking = w * direction < 0
    with np.errstate(over="ignore"):    # a denormal step overflows to inf: never hits 0
        hits_zero = np.divide(-w, direction, out=np.full(len(w), np.inf), where=shrinking)
    t = min(t_max, hits_zero.min(initial=np.inf))
    if not np.isfinite(t):
        return w, t
    new = w + t * direction
    new[(hits_zero <= t) | (np.sign(new) != np.sign(w))] = 0.0
    return new, t

