"""Argument checks shared by every public function.

Each check raises with a message that names the argument, shows what was
received and says how to fix it, in the spirit of scikit-learn's
parameter validation.
"""
from __future__ import annotations

import math
import numbers
import warnings

import numpy as np


class UnwiseValueWarning(UserWarning):
    """A legal value that is likely to make training misbehave (e.g. η·λ ≥ 2)."""


def check_scalar(value, name: str, *, low: float | None = None, high: float | None = None,
                 low_inclusive: bool = True, high_inclusive: bool = True,
                 hint: str = "") -> float:
    """Return ``value`` as a float after checking it is a finite real number in range."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} of type "
                        f"{type(value).__name__}. {hint}".rstrip())
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {value}. {hint}".rstrip())
    lo_bad = low is not None and (value < low if low_inclusive else value <= low)
    hi_bad = high is not None and (value > high if high_inclusive else value >= high)
    if lo_bad or hi_bad:
        left = "[" if low_inclusive and low is not None else "("
        right = "]" if high_inclusive and high is not None else ")"
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        raise ValueError(f"{name} must be in the range {left}{lo}, {hi}{right}, got {value:g}. "
                         f"{hint}".rstrip())
    return value


def check_nonneg(value, name: str, hint: str = "") -> float:
    """A finite number ≥ 0 (a regularization strength)."""
    return check_scalar(value, name, low=0.0, hint=hint or f"Use {name}=0 for no regularization.")


def check_positive(value, name: str, hint: str = "") -> float:
    """A finite number > 0 (a learning rate, a step size)."""
    return check_scalar(value, name, low=0.0, low_inclusive=False,
                        hint=hint or f"Pass a small positive {name} such as 0.01.")


def check_int(value, name: str, *, low: int = 0, high: int | None = None, hint: str = "") -> int:
    """An integer in ``[low, high]`` (``high=None``: no upper bound). Booleans are refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}. {hint}".rstrip())
    if value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value}. {hint}".rstrip())
    if high is not None and value > high:
        raise ValueError(f"{name} must be an integer <= {high}, got {value}. {hint}".rstrip())
    return int(value)


def check_bool(value, name: str) -> bool:
    """A real boolean: ``True`` or ``False`` (not the string ``"False"``, which is truthy)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r} of type "
                        f"{type(value).__name__}.")
    return bool(value)


def check_seed(seed, name: str = "seed") -> np.random.Generator:
    """A seed (an integer >= 0) or a ``np.random.Generator``; returns a Generator."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"{name} must be an integer >= 0 or a np.random.Generator, got {seed!r} "
                        f"of type {type(seed).__name__}. Pass e.g. {name}=0.")
    if seed < 0:
        raise ValueError(f"{name} must be an integer >= 0, got {seed}. Pass e.g. {name}=0.")
    return np.random.default_rng(int(seed))


def check_array(x, name: str, *, ndim: int | tuple[int, ...] | None = None,
                allow_empty: bool = False, finite: bool = True) -> np.ndarray:
    """Return ``x`` as a float64 array, checking type, dimensionality, size and finiteness.

    Refused: complex numbers (their imaginary part would be dropped silently), strings,
    ragged lists, empty arrays (unless ``allow_empty``) and NaN/inf (unless ``finite=False``).
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be array-like of numbers, got the string {x!r}; "
                        "pass numbers, e.g. np.array([1.0, 2.0]).")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be array-like of numbers: {err}") from None
    if raw.dtype.kind == "c":
        raise TypeError(f"{name} has complex values (dtype {raw.dtype}); this course works with "
                        "real numbers: pass x.real if the imaginary part is meant to be 0.")
    if raw.dtype.kind in "USVMm":
        raise TypeError(f"{name} must be array-like of numbers, got dtype {raw.dtype} "
                        f"({type(x).__name__}); convert it, e.g. np.asarray({name}, dtype=float).")
    try:
        arr = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be array-like of real numbers: {err}") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else ndim
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(f"{name} must be {want}, got an array of shape {arr.shape}. "
                             "Reshape it, e.g. X.reshape(-1, 1) for a single feature.")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} is empty (shape {arr.shape}); pass at least one value "
                         "(one sample and one feature for a matrix).")
    if finite and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values; clean or impute them first.")
    return arr


def check_Xy(X, y, *, y_ndim: int | tuple[int, ...] = 1) -> tuple[np.ndarray, np.ndarray]:
    """Check a design matrix (n, d) and targets with n rows."""
    X = check_array(X, "X", ndim=2)
    y = check_array(y, "y", ndim=y_ndim)
    if X.shape[0] != y.shape[0]:
        raise ValueError(f"X and y must have the same number of rows, got X with {X.shape[0]} "
                         f"rows and y with {y.shape[0]}.")
    if X.shape[0] == 0:
        raise ValueError("X and y are empty; pass at least one sample.")
    return X, y


def check_choice(value, name: str, choices) -> str:
    """One of a fixed set of strings."""
    if not isinstance(value, str) or value not in choices:
        opts = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {opts}, got {value!r}.")
    return value


def warn_unwise(message: str, stacklevel: int = 3) -> None:
    warnings.warn(message, UnwiseValueWarning, stacklevel=stacklevel)
