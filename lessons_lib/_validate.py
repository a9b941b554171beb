"""Argument checks shared by every public function.

Each check raises with a message that names the argument, shows what was
received and says how to fix it, in the spirit of scikit-learn's
parameter validation.
"""
from __future__ import annotations

import functools
import math
import numbers
import warnings

import numpy as np

#: float64's largest finite number, about 1.8e308: a result beyond it is inf.
FLOAT_MAX = float(np.finfo(np.float64).max)
#: The largest size allowed for numbers that get squared and summed (a squared error,
#: ``XᵀX``, a variance): (1e150)² = 1e300 leaves room for sums over many rows.
SQUARABLE = 1e150


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

    Refused: complex numbers (their imaginary part would be dropped silently), booleans
    (``True`` would silently become 1.0), strings, ragged lists, empty arrays (unless
    ``allow_empty``) and NaN/inf (unless ``finite=False``).
    """
    if isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be array-like of numbers, got the string {x!r}; "
                        "pass numbers, e.g. np.array([1.0, 2.0]).")
    if x is None:                               # np.asarray(None, dtype=float) is NaN
        raise TypeError(f"{name} is None; pass array-like numbers, e.g. np.array([1.0, 2.0]).")
    try:
        raw = np.asarray(x)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be array-like of numbers: {err}") from None
    if raw.dtype.kind == "c":
        raise TypeError(f"{name} has complex values (dtype {raw.dtype}); this course works with "
                        "real numbers: pass x.real if the imaginary part is meant to be 0.")
    if raw.dtype.kind == "b" or (isinstance(x, (list, tuple)) and _holds_a_bool(x)):
        raise TypeError(f"{name} holds True/False where numbers are expected; pass numbers "
                        f"(e.g. np.asarray({name}, dtype=float) if True/False mean 1/0).")
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


def _holds_a_bool(x) -> bool:
    """Whether a (nested) list or tuple holds a bool among numbers: [True, 0.5] → [1.0, 0.5]."""
    return any(isinstance(v, (bool, np.bool_)) or (isinstance(v, (list, tuple)) and _holds_a_bool(v))
               for v in x)


def check_values(value, name: str, *, low: float = 0.0, low_inclusive: bool = True,
                 hint: str = "") -> float | np.ndarray:
    """A number, or an array of numbers (one per model), each finite and ≥ ``low`` (> if not inclusive).

    The shape of a λ, a threshold, a step or a learning rate that may differ per model.
    """
    try:
        scalar = np.ndim(value) == 0
    except ValueError:                      # a ragged list: check_array says so by name
        scalar = False
    if scalar:
        return check_scalar(value, name, low=low, low_inclusive=low_inclusive, hint=hint)
    arr = check_array(value, name, finite=False)
    bad = ~np.isfinite(arr) | ((arr < low) if low_inclusive else (arr <= low))
    if np.any(bad):
        op = ">=" if low_inclusive else ">"
        raise ValueError(f"every {name} must be a finite number {op} {low:g}, got {arr[bad][0]:g}. "
                         f"{hint}".rstrip())
    return arr


def check_squarable(arr: np.ndarray, name: str, hint: str = "") -> np.ndarray:
    """``arr`` (finite) after checking its squares, summed over rows, cannot overflow.

    Raises ``OverflowError`` naming ``name`` when a value exceeds :data:`SQUARABLE` in size.
    """
    biggest = float(np.max(np.abs(arr), initial=0.0))
    if biggest > SQUARABLE:
        raise OverflowError(f"{name} has values up to {biggest:.3g}: their squares (in a squared "
                            f"error, XᵀX or a variance) overflow float64, whose largest number is "
                            f"about 1.8e308. Keep |{name}| below {SQUARABLE:g}: rescale it, e.g. "
                            f"divide by a constant or use data.Standardizer. {hint}".rstrip())
    return arr


def _all_finite(result) -> bool:
    if isinstance(result, (tuple, list)):
        return all(_all_finite(r) for r in result)
    if isinstance(result, dict):
        return all(_all_finite(r) for r in result.values())
    if isinstance(result, (numbers.Number, np.ndarray, np.generic)) and not isinstance(result, bool):
        arr = np.asarray(result)
        return arr.dtype.kind not in "fc" or bool(np.all(np.isfinite(arr)))
    return True                               # a Penalty, a Generator, ...: not a number


def finite_result(hint: str):
    """Decorator: a function whose result overflows to inf (or NaN) raises ``OverflowError``.

    The inputs are checked by the function itself; this guards what it computes from
    them. ``hint`` names the arguments that are too large and says how to fix them.
    """
    def wrap(fn):
        @functools.wraps(fn)
        def checked(*args, **kwargs):
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):   # reported below
                result = fn(*args, **kwargs)
            if not _all_finite(result):
                raise OverflowError(f"{fn.__name__}: the result overflows float64 (largest "
                                    f"number about 1.8e308). {hint}")
            return result
        return checked
    return wrap


def reports_overflow(fn):
    """Decorator for a function that detects non-finite numbers and says so itself (train's
    divergence check): numpy's overflow warnings inside it would only repeat that, unnamed."""
    @functools.wraps(fn)
    def quiet(*args, **kwargs):
        with np.errstate(over="ignore", invalid="ignore"):
            return fn(*args, **kwargs)
    return quiet


def check_Xy(X, y, *, y_ndim: int | tuple[int, ...] = 1) -> tuple[np.ndarray, np.ndarray]:
    """Check a design matrix (n, d) and targets with n rows, small enough to square."""
    X = check_squarable(check_array(X, "X", ndim=2), "X")
    y = check_squarable(check_array(y, "y", ndim=y_ndim), "y")
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
