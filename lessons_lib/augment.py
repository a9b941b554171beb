"""Augmentation hooks for :func:`lessons_lib.train.train`: fresh noise or shifts at every step.

A hook is a function ``(X, y, rng) -> (X, y)`` that :func:`~lessons_lib.train.train` calls
on the training batch before each step, with its seeded ``rng``; the recorded training
loss stays on the un-augmented data.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validate import check_array, check_int, check_scalar, finite_result, warn_unwise

Augment = Callable[[np.ndarray, np.ndarray, np.random.Generator], tuple[np.ndarray, np.ndarray]]


def jitter(sigma: float) -> Augment:
    """Augmentation hook: add fresh ``N(0, sigma²)`` noise to the inputs at every step.

    Parameters
    ----------
    sigma : float
        Standard deviation of the noise (0: no augmentation).
    """
    sigma = check_scalar(sigma, "sigma", low=0.0, hint="Use sigma=0 for no augmentation.")

    @finite_result(_too_noisy(sigma))
    def jittered(X, y, rng):
        X, y = _hook_data(X, y, rng, "jitter")
        return X + sigma * rng.standard_normal(X.shape), y

    return jittered


def _too_noisy(sigma: float) -> str:
    return (f"sigma={sigma:g} is too large for these inputs: use a sigma on the scale of X's "
            "features, e.g. 0.1 for standardized ones.")


def _hook_data(X, y, rng, hook: str) -> tuple[np.ndarray, np.ndarray]:
    """What an augmentation hook receives, checked: finite rows of X, one y per row, a Generator."""
    X = check_array(X, "X", ndim=2)
    if len(check_array(y, "y", ndim=1)) != len(X):
        raise ValueError(f"{hook}: X has {len(X)} rows but y has {len(y)} values; pass one target "
                         "per row of X.")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{hook}: rng must be a np.random.Generator, such as "
                        f"np.random.default_rng(0), got {type(rng).__name__}.")
    return X, np.asarray(y)


def noisy_copies(n_copies: int, sigma: float) -> Augment:
    """Augmentation hook: the data plus ``n_copies`` jittered copies of it (fresh each step).

    Parameters
    ----------
    n_copies : int
        How many noisy copies join the data.
    sigma : float
        Standard deviation of each copy's noise.
    """
    n_copies = check_int(n_copies, "n_copies", low=0)
    sigma = check_scalar(sigma, "sigma", low=0.0, hint="Use sigma=0 for no augmentation.")

    @finite_result(_too_noisy(sigma))
    def with_noisy_copies(X, y, rng):
        X, y = _hook_data(X, y, rng, "noisy_copies")
        noisy = [X + sigma * rng.standard_normal(X.shape) for _ in range(n_copies)]
        return np.concatenate([X] + noisy), np.concatenate([y] * (n_copies + 1))

    return with_noisy_copies


def shift_images(shape: tuple[int, int] = (8, 8), max_shift: int = 1, *, p: float = 1.0,
                 fill: float = 0.0) -> Augment:
    """Augmentation hook: move each image a few pixels up/down/left/right (fresh each step).

    Each row of ``X`` is an image of ``shape`` (height, width), flattened row by row. With
    probability ``p`` an image is moved by ``(dy, dx)``, each drawn uniformly from
    ``{−max_shift, …, max_shift}`` (so ``(0, 0)`` is one of the draws); pixels that come in
    from outside the frame are ``fill``, the background (0 for digits scaled to [0, 1]).
    Labels are unchanged: a digit moved by a pixel is still that digit. (Not a flip: a
    mirrored 2 is not a 2.)

    Parameters
    ----------
    shape : tuple of int, default (8, 8)
        (height, width) of one image; ``X`` must have ``height·width`` columns.
    max_shift : int, default 1
        Largest move in pixels along each axis; 0 gives the data back unchanged.
    p : float, default 1.0
        Probability that an image is moved at all (per image, per step).
    fill : float, default 0.0
        The value of the pixels shifted in.

    Returns
    -------
    callable
        A hook ``(X, y, rng) -> (X_shifted, y)`` for :func:`train`'s ``augment``.

    Examples
    --------
    >>> X = np.arange(16.0).reshape(1, 16)          # one 4×4 image, pixels 0 … 15
    >>> Xs, _ = shift_images((4, 4), 1)(X, np.zeros(1, int), np.random.default_rng(4))
    >>> Xs.reshape(4, 4)                            # this draw: (dy, dx) = (1, 0), one row down
    array([[ 0.,  0.,  0.,  0.],
           [ 0.,  1.,  2.,  3.],
           [ 4.,  5.,  6.,  7.],
           [ 8.,  9., 10., 11.]])
    """
    if not (isinstance(shape, (tuple, list)) and len(shape) == 2):
        raise ValueError(f"shape must be a pair (height, width) such as (8, 8), got {shape!r}.")
    height, width = (check_int(s, "each entry of shape", low=1) for s in shape)
    max_shift = check_int(max_shift, "max_shift", low=0, hint="Use max_shift=0 for no shifts.")
    if max_shift >= min(height, width):
        raise ValueError(f"max_shift={max_shift} would move a {height}×{width} image entirely out "
                         f"of its frame; use max_shift < {min(height, width)} (1 is typical).")
    if max_shift > min(height, width) // 4:
        warn_unwise(f"max_shift={max_shift} moves a {height}×{width} image by more than a quarter "
                    "of its size; strokes leave the frame and the label may no longer fit the "
                    "picture. Small shifts (1 pixel for 8×8 digits) keep the label true.")
    p = check_scalar(p, "p", low=0.0, high=1.0, hint="p is a probability, e.g. 0.5.")
    fill = check_scalar(fill, "fill", hint="Use the background value, e.g. 0.")
    m = max_shift

    def shifted(X, y, rng):
        X, y = _hook_data(X, y, rng, "shift_images")
        n = X.shape[0]
        if X.shape[1] != height * width:
            raise ValueError(f"shift_images({height}, {width}) needs X of shape (n, {height * width}), "
                             f"got {X.shape}; pass the image shape the rows were flattened from.")
        padded = np.full((n, height + 2 * m, width + 2 * m), fill)   # a frame of background
        padded[:, m:m + height, m:m + width] = X.reshape(n, height, width)
        moved = rng.random(n) < p
        dy = rng.integers(-m, m + 1, n) * moved
        dx = rng.integers(-m, m + 1, n) * moved
        # output pixel (r, c) of image i is padded pixel (r + m − dy, c + m − dx)
        rows = np.arange(height) + (m - dy)[:, None]
        cols = np.arange(width) + (m - dx)[:, None]
        out = padded[np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :]]
        return out.reshape(n, height * width), y

    return shifted
