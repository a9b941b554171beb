"""Seeded, deterministic datasets for the lessons.

Every generator takes a ``seed`` and returns the same arrays for the same seed; nothing
here touches global random state or downloads anything.

- :func:`noisy_curve`: a few noisy points from a smooth 1-D function (the overfitting set).
- :func:`polynomial_features`: Legendre features, well-conditioned up to high degree.
- :func:`sparse_linear`: many features, few matter (a known support).
- :func:`correlated_features`: groups of near-copies (lasso picks one, ridge splits).
- :func:`two_moons`: a small 2-D classification set for the MLP lessons.
- :func:`digits`: scikit-learn's bundled 8×8 handwritten digits (no download).
- :func:`overfit_set`, :func:`mlp_set`, :func:`busy_quiet`, :func:`two_weights`: the course's recurring
  problems, built in one place so that every notebook that uses them sees the same data.
- :func:`split` and :class:`Standardizer`: train/validation/test splits and scaling.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import (
    check_array,
    check_int,
    check_nonneg,
    check_scalar,
    check_seed,
    check_squarable,
    finite_result,
)

_NOISE = "noise is too large: use a noise on the scale of the targets, e.g. 0.5."


@finite_result("x is too large (π·x overflows); the curve is meant for x in [-1, 1].")
def true_curve(x: np.ndarray) -> np.ndarray:
    """The smooth function behind :func:`noisy_curve`: ``sin(πx) + 0.3·x``.

    Parameters
    ----------
    x : array_like
        Points, any shape (finite).
    """
    x = check_array(x, "x")
    return np.sin(np.pi * x) + 0.3 * x


@finite_result(_NOISE)
def noisy_curve(n: int = 12, noise: float = 0.25, *, seed: int = 0,
                x_range: tuple[float, float] = (-1.0, 1.0)) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points ``(x, true_curve(x) + noise·ε)`` with ``x`` uniform in ``x_range``, sorted.

    Parameters
    ----------
    n : int, default 12
        Number of points.
    noise : float, default 0.25
        Standard deviation of the noise ε·noise.
    seed : int, default 0
        Seeds x and the noise.
    x_range : tuple of float, default (-1.0, 1.0)
        The interval x is drawn from.

    Examples
    --------
    >>> x, y = noisy_curve(12, seed=0)
    >>> x.shape, y.shape
    ((12,), (12,))
    """
    n = check_int(n, "n", low=1)
    noise = check_nonneg(noise, "noise", hint="Use noise=0 for noiseless points.")
    x_range = _check_range(x_range)
    if not np.isfinite(np.pi * max(map(abs, x_range))):
        raise OverflowError(f"x_range={x_range} reaches so far that true_curve's π·x overflows "
                            "float64; the curve is meant for x in [-1, 1].")
    rng = check_seed(seed)
    x = np.sort(rng.uniform(*x_range, size=n))
    return x, true_curve(x) + noise * rng.standard_normal(n)


def _check_range(x_range) -> tuple[float, float]:
    if not isinstance(x_range, (tuple, list)) or len(x_range) != 2:
        raise TypeError(f"x_range must be a pair (low, high) such as (-1.0, 1.0), got {x_range!r}.")
    lo, hi = (check_scalar(v, f"x_range[{i}]") for i, v in enumerate(x_range))
    if not hi > lo:
        raise ValueError(f"x_range must be (low, high) with high > low, got {x_range}.")
    if not np.isfinite(hi - lo):
        raise OverflowError(f"x_range={x_range} is too wide: high − low overflows float64 (largest "
                            "number about 1.8e308). Use an interval such as (-1.0, 1.0).")
    return lo, hi


@finite_result("x lies far outside x_range, and its features grow like x**degree. Use an "
               "x_range that contains x (the same one for train and test data).")
def polynomial_features(x, degree: int, *, x_range: tuple[float, float] = (-1.0, 1.0)) -> np.ndarray:
    r"""Legendre polynomial features ``[P_1(t), …, P_degree(t)]`` of ``t`` = ``x`` mapped to [-1, 1].

    Plain powers ``x, x², …, x^15`` are nearly collinear and span wildly different scales;
    Legendre polynomials span the same functions but stay in [-1, 1] on the interval, so
    degree 15+ remains numerically sane and one λ means the same thing for every
    feature. The constant ``P_0`` is left out: the model's intercept plays its part.

    Parameters
    ----------
    x : array_like of shape (n,)
        The points.
    degree : int
        Highest polynomial degree (≥ 1); the result has ``degree`` columns.
    x_range : tuple of float, default (-1.0, 1.0)
        The interval mapped onto [-1, 1]; use the same one for train and test data.
    """
    x = check_array(x, "x", ndim=1)
    degree = check_int(degree, "degree", low=1)
    lo, hi = _check_range(x_range)
    t = (2.0 * x - (lo + hi)) / (hi - lo)
    return np.polynomial.legendre.legvander(t, degree)[:, 1:]


@finite_result(_NOISE)
def sparse_linear(n_samples: int = 100, n_features: int = 30, n_informative: int = 5, *,
                  noise: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A linear problem where only ``n_informative`` of ``n_features`` coefficients are non-zero.

    Returns ``(X, y, coef)`` with standard-normal ``X``, ``y = X·coef + noise·ε`` and the
    true ``coef`` (its non-zeros, of size 1 to 3 with random signs, are the support).

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows.
    n_features : int, default 30
        Number of features.
    n_informative : int, default 5
        How many true coefficients are non-zero.
    noise : float, default 0.5
        Standard deviation of the noise on y.
    seed : int, default 0
        Seeds X, the support, the coefficients and the noise.
    """
    n_samples = check_int(n_samples, "n_samples", low=1)
    n_features = check_int(n_features, "n_features", low=1)
    n_informative = check_int(n_informative, "n_informative", low=0)
    if n_informative > n_features:
        raise ValueError(f"n_informative ({n_informative}) cannot exceed n_features ({n_features}).")
    noise = check_nonneg(noise, "noise", hint="Use noise=0 for noiseless targets.")
    rng = check_seed(seed)
    coef = np.zeros(n_features)
    support = rng.choice(n_features, size=n_informative, replace=False)
    coef[support] = rng.uniform(1.0, 3.0, n_informative) * rng.choice([-1.0, 1.0], n_informative)
    X = rng.standard_normal((n_samples, n_features))
    return X, X @ coef + noise * rng.standard_normal(n_samples), coef


@finite_result(_NOISE)
def correlated_features(n_samples: int = 100, n_groups: int = 3, group_size: int = 3, *,
                        rho: float = 0.95, noise: float = 0.5,
                        seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Groups of strongly correlated features; only the first group drives ``y``.

    Within a group every feature is ``√ρ·z + √(1−ρ)·ε`` for a shared latent ``z``, so
    pairwise correlation is ``rho``. ``y = 3·z₀ + noise·ε``. Ridge spreads the weight evenly
    across group 0 and elastic net keeps the group together; lasso, with near-copies (rho
    close to 1), few samples and a large enough λ, tends to keep just one member (which one
    changes from sample to sample).
    Returns ``(X, y, groups)`` where ``groups[j]`` is feature ``j``'s group index.

    Parameters
    ----------
    n_samples : int, default 100
        Number of rows.
    n_groups : int, default 3
        Number of groups of near-copies.
    group_size : int, default 3
        Features per group.
    rho : float, default 0.95
        Correlation between two features of one group, in [0, 1].
    noise : float, default 0.5
        Standard deviation of the noise on y.
    seed : int, default 0
        Seeds the latents, the features' own noise and y's noise.
    """
    n_samples = check_int(n_samples, "n_samples", low=1)
    n_groups = check_int(n_groups, "n_groups", low=1)
    group_size = check_int(group_size, "group_size", low=1)
    rho = check_scalar(rho, "rho", low=0.0, high=1.0, hint="rho is a correlation in [0, 1].")
    noise = check_nonneg(noise, "noise", hint="Use noise=0 for noiseless targets.")
    rng = check_seed(seed)
    z = rng.standard_normal((n_samples, n_groups))
    eps = rng.standard_normal((n_samples, n_groups, group_size))
    X = (np.sqrt(rho) * z[:, :, None] + np.sqrt(1.0 - rho) * eps).reshape(n_samples, -1)
    y = 3.0 * z[:, 0] + noise * rng.standard_normal(n_samples)
    return X, y, np.repeat(np.arange(n_groups), group_size)


@finite_result("noise is too large: the moons have radius 1, so use e.g. noise=0.2.")
def two_moons(n: int = 200, noise: float = 0.2, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half-circles in 2-D with integer labels 0/1 (``n`` points in all).

    Parameters
    ----------
    n : int, default 200
        Number of points (half per moon).
    noise : float, default 0.2
        Standard deviation of the Gaussian noise added to each coordinate.
    seed : int, default 0
        Seeds the positions, the noise and the shuffle.
    """
    n = check_int(n, "n", low=2)
    noise = check_nonneg(noise, "noise", hint="Use noise=0 for clean moons.")
    rng = check_seed(seed)
    n0 = n // 2
    t = rng.uniform(0.0, np.pi, n)
    upper = np.column_stack([np.cos(t[:n0]), np.sin(t[:n0])])
    lower = np.column_stack([1.0 - np.cos(t[n0:]), 0.5 - np.sin(t[n0:])])
    X = np.vstack([upper, lower]) + noise * rng.standard_normal((n, 2))
    y = np.r_[np.zeros(n0, dtype=int), np.ones(n - n0, dtype=int)]
    order = rng.permutation(n)
    return X[order], y[order]


def digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's bundled handwritten digits: ``X`` (1797, 64) in [0, 16], labels 0–9.

    The data ships inside scikit-learn, so nothing is downloaded.
    """
    from sklearn.datasets import load_digits  # imported here: only the capstone needs it

    bunch = load_digits()
    return bunch.data.astype(np.float64), bunch.target.astype(int)


@dataclass(frozen=True)
class CurveSplits:
    """Points from :func:`true_curve` split into training, validation and test sets.

    ``x_grid`` is a dense grid over [-1, 1] for drawing a fitted curve, ``truth`` the true
    curve on it; the test set is empty when the problem has none.

    Parameters
    ----------
    x, y : ndarray
        Training points.
    x_val, y_val : ndarray
        Validation points.
    x_test, y_test : ndarray
        Test points (empty when there are none).
    x_grid : ndarray
        A dense grid over [-1, 1].
    truth : ndarray
        :func:`true_curve` on ``x_grid``.
    noise : float
        The noise level of every set.
    """

    x: np.ndarray
    y: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    x_grid: np.ndarray
    truth: np.ndarray
    noise: float

    def features(self, degree: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Legendre features of the training, validation and grid points.

        Parameters
        ----------
        degree : int
            The highest polynomial degree (see :func:`polynomial_features`).

        Returns
        -------
        X, X_val, X_grid : ndarray of shape (n, degree)
        """
        return tuple(polynomial_features(t, degree) for t in (self.x, self.x_val, self.x_grid))


def _curve_splits(n, n_val, n_test, noise, seeds, n_grid) -> CurveSplits:
    (x, y), (x_val, y_val) = (noisy_curve(m, noise, seed=s) for m, s in zip((n, n_val), seeds))
    x_test, y_test = noisy_curve(n_test, noise, seed=seeds[2]) if n_test else (np.empty(0),) * 2
    x_grid = np.linspace(-1.0, 1.0, n_grid)
    return CurveSplits(x, y, x_val, y_val, x_test, y_test, x_grid, true_curve(x_grid), noise)


def overfit_set() -> CurveSplits:
    """The course's overfitting problem: 12 noisy training points (noise 0.25, seed 0).

    Validation: 200 points of the same curve with the same noise (seed 100); no test set;
    a 400-point grid. A degree-15 polynomial through 12 points has more weights than
    points, so without a penalty it overfits wildly.

    >>> s = overfit_set()
    >>> s.x.shape, s.x_val.shape, s.x_grid.shape
    ((12,), (200,), (400,))
    """
    return _curve_splits(12, 200, 0, 0.25, (0, 100, None), 400)


def mlp_set() -> CurveSplits:
    """The small-network problem: 20 training points with noise 0.4 (seed 1).

    Validation: 100 points (seed 2); test: 1,000 points (seed 3); a 150-point grid. The
    noise floor, the best mean squared error any model can reach, is 0.4² = 0.16.

    >>> s = mlp_set()
    >>> s.x.shape, s.x_val.shape, s.x_test.shape
    ((20,), (100,), (1000,))
    """
    return _curve_splits(20, 100, 1000, 0.4, (1, 2, 3), 150)


def busy_quiet(scale_exp=(-1, -1, 0, 0, 1, 1), n_samples: int = 100, *,
               seed: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weights with quiet, medium and busy gradients: feature ``j`` scaled by ``10**scale_exp[j]``.

    The features are standard normal (:func:`sparse_linear`, every feature informative,
    true weights of size 1 to 3), then column ``j`` is multiplied by ``10**scale_exp[j]``,
    and ``y = X·w_true + 0.1·ε``. Every least-squares weight is of size 1 to 3; only the
    size of its gradient, proportional to its column's scale, differs.

    Parameters
    ----------
    scale_exp : sequence of float
        One exponent per feature, in [-150, 150]: -1 makes a quiet weight, 1 a busy one.
    n_samples : int
        Number of rows.
    seed : int
        Seeds the features, the true weights and the noise.

    Returns
    -------
    X : ndarray of shape (n_samples, len(scale_exp))
    y : ndarray of shape (n_samples,)
    w_true : ndarray of shape (len(scale_exp),)
    """
    scale_exp = check_array(scale_exp, "scale_exp", ndim=1)
    if np.any(np.abs(scale_exp) > 150):
        raise ValueError(f"scale_exp must lie in [-150, 150], got {scale_exp.min():g} to "
                         f"{scale_exp.max():g}: 10**scale_exp would overflow float64 (or round to 0), "
                         "or its square would. Exponents of -1 to 1 make the point.")
    n_samples = check_int(n_samples, "n_samples", low=1)
    d = len(scale_exp)
    Z, _, w_true = sparse_linear(n_samples, d, d, noise=0.0, seed=seed)
    X = Z * 10.0 ** scale_exp
    y = X @ w_true + 0.1 * check_seed(seed).standard_normal(n_samples)
    return X, y, w_true


def two_weights(n: int = 100, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A two-weight regression you can draw: notebook 9's pictures of the diamond and circle.

    Two features with population correlation 0.6 (``x₂ = 0.6·z₁ + 0.8·z₂``), ``y = 2·x₁ +
    0.5·x₂ + 0.5·ε``; the features are then standardized and ``y`` centred, so no
    intercept is needed and the loss is a bowl around the least-squares point.

    Parameters
    ----------
    n : int, default 100
        Number of samples.
    seed : int, default 0
        Seeds the features and the noise.

    Returns
    -------
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
    """
    n = check_int(n, "n", low=2)
    rng = check_seed(seed)
    z = rng.standard_normal((n, 2))
    X_raw = np.c_[z[:, 0], 0.6 * z[:, 0] + 0.8 * z[:, 1]]
    y_raw = X_raw @ np.array([2.0, 0.5]) + 0.5 * rng.standard_normal(n)
    return Standardizer().fit_transform(X_raw), y_raw - y_raw.mean()


def split(X, y, fractions: tuple[float, ...] = (0.6, 0.2, 0.2), *, seed: int = 0) -> list:
    """Shuffle once and cut into consecutive parts: ``[X_train, y_train, X_val, y_val, ...]``.

    ``fractions`` must be positive and sum to 1; each part gets at least one sample.

    Parameters
    ----------
    X : array_like
        The inputs, one row per sample.
    y : array_like
        The targets, one per sample.
    fractions : tuple of float, default (0.6, 0.2, 0.2)
        The parts' shares, positive and summing to 1.
    seed : int, default 0
        Seeds the shuffle.
    """
    for name, a in (("X", X), ("y", y)):
        if check_array(a, name).ndim == 0:       # numbers, finite, not empty; returned unchanged
            raise ValueError(f"{name} must be an array with one row per sample, got a scalar.")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X and y must have the same length, got {len(X)} and {len(y)}.")
    f = check_array(fractions, "fractions", allow_empty=True, finite=False)
    if f.ndim != 1 or len(f) < 2 or np.any(f <= 0) or not np.isclose(f.sum(), 1.0):
        raise ValueError(f"fractions must be two or more positive numbers summing to 1, got {fractions}.")
    if len(X) < len(f):
        raise ValueError(f"need at least {len(f)} samples to make {len(f)} parts, got {len(X)}.")
    order = check_seed(seed).permutation(len(X))
    cuts = np.round(np.cumsum(f)[:-1] * len(X)).astype(int)
    # keep every part non-empty: cut i minus i must be non-decreasing and within [1, n - parts + 1]
    i = np.arange(len(f) - 1)
    cuts = np.maximum.accumulate(np.clip(cuts - i, 1, len(X) - len(f) + 1)) + i
    out = []
    for idx in np.split(order, cuts):
        out += [X[idx], y[idx]]
    return out


@dataclass
class Standardizer:
    """Scale features to zero mean and unit variance using training statistics only.

    Parameters
    ----------
    mean_ : ndarray, optional
        The training features' means (set by :meth:`fit`).
    scale_ : ndarray, optional
        Their standard deviations, 1 for constant columns (set by :meth:`fit`).

    Examples
    --------
    >>> s = Standardizer().fit(np.array([[1.0], [3.0]]))
    >>> s.transform(np.array([[2.0]]))
    array([[0.]])
    """

    mean_: np.ndarray | None = None
    scale_: np.ndarray | None = None

    def fit(self, X) -> Standardizer:
        """Learn the means and scales of ``X``.

        Parameters
        ----------
        X : array_like of shape (n, d)
            Training features.
        """
        X = check_squarable(check_array(X, "X", ndim=2), "X")    # the variance squares X
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        constant = np.ptp(X, axis=0) == 0   # not std > 0: round-off makes std ~1e-17, not 0
        if np.any((std == 0) & ~constant):
            j = int(np.argmax((std == 0) & ~constant))
            raise ValueError(f"X's column {j} varies by only {np.ptp(X[:, j]):.3g}: its standard "
                             "deviation rounds to 0 in float64. Multiply X by a constant first.")
        self.scale_ = np.where(constant, 1.0, std)  # constant columns are only centred
        return self

    @finite_result("X is far outside the training data's scale: (X − mean_)/scale_ overflows. "
                   "Fit the Standardizer on data like X.")
    def transform(self, X) -> np.ndarray:
        """Scale ``X`` with the training statistics.

        Parameters
        ----------
        X : array_like of shape (m, d)
            Features with the training set's columns.
        """
        if self.mean_ is None:
            raise RuntimeError("Standardizer is not fitted yet; call .fit(X_train) first.")
        X = check_array(X, "X", ndim=2)
        if X.shape[1] != self.mean_.shape[0]:
            raise ValueError(f"X has {X.shape[1]} features but the Standardizer was fitted on "
                             f"{self.mean_.shape[0]}.")
        return (X - self.mean_) / self.scale_

    def fit_transform(self, X) -> np.ndarray:
        """:meth:`fit` on ``X``, then :meth:`transform` it.

        Parameters
        ----------
        X : array_like of shape (n, d)
            Training features.
        """
        return self.fit(X).transform(X)
