r"""Training loops: history, early stopping, augmentation hooks, divergence, and sweeps.

:func:`train` minimises

.. math::

    \text{loss}(\text{data}) + λ\cdot\text{penalty}(w)

by full-batch gradient steps of an optimizer from :mod:`lessons_lib.optim`. The penalty
touches weights only, never biases (:func:`lessons_lib.penalties.is_penalized`). It enters
either as its (sub)gradient added to the data gradient (``penalty_mode="gradient"``:
L1 then jitters around zero), or as an exact proximal step after the gradient step
(``penalty_mode="prox"``: soft-thresholding, so L1 lands exactly on zero).

A model made by ``model.copies(K)`` trains ``K`` models at once: ``lam`` (inside the
penalty) or ``lr`` may then be arrays of length ``K``, one value per model. That is
:func:`sweep`, which gives a slider every position of its grid in one call.

Divergence: training stops at the first non-finite or exploding objective (more than
``blowup`` times its starting value) and says at which step and why. With many models,
each diverged model is frozen at its last finite weights and reported; the others go on.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ._validate import (
    check_array,
    check_choice,
    check_int,
    check_nonneg,
    check_positive,
    check_scalar,
    check_seed,
    finite_result,
    reports_overflow,
    warn_unwise,
)
from .optim import SGD, SGDW, Adam, AdamW, Gradients, decay_groups
from .penalties import Penalty, as_penalty, is_penalized, make_penalty

Augment = Callable[[np.ndarray, np.ndarray, np.random.Generator], tuple[np.ndarray, np.ndarray]]


@dataclass
class History:
    """What happened during :func:`train`. Losses have shape ``(T,)``, or ``(T, K)`` for K models.

    All losses are taken at the steps in ``step``, before that step's update (the last
    entry is after the final update). A run that diverges, or stops early, ends its history
    there; with K models that happens only when all of them diverged.

    Parameters
    ----------
    step : ndarray of shape (T,)
        The recorded steps.
    train_loss : ndarray of shape (T,) or (T, K)
        The data loss on the (un-augmented) training set.
    penalty : ndarray of shape (T,) or (T, K)
        The ``λ·penalty(w)`` term.
    val_loss : ndarray of shape (T,) or (T, K), optional
        The data loss on the validation set, if one was given.
    snapshots : list of list of ndarray
        Copies of the parameters, every ``snapshot_every`` steps.
    snapshot_steps : list of int
        The steps of those copies.
    best_step : int, optional
        With early stopping: the step whose weights were restored.
    stopped_step : int, optional
        With early stopping: the step training stopped at.
    diverged : bool or ndarray of shape (K,)
        Whether the run (each model) diverged.
    diverged_at : int or ndarray of shape (K,), optional
        The step it diverged at (-1 for models that did not; None for a single model that did not).
    message : str
        Why training stopped, when it diverged; empty otherwise.
    """

    step: np.ndarray
    train_loss: np.ndarray
    penalty: np.ndarray
    val_loss: np.ndarray | None = None
    snapshots: list[list[np.ndarray]] = field(default_factory=list)
    snapshot_steps: list[int] = field(default_factory=list)
    best_step: int | None = None
    stopped_step: int | None = None
    diverged: bool | np.ndarray = False
    diverged_at: int | None | np.ndarray = None
    message: str = ""

    @property
    def objective(self) -> np.ndarray:
        """``train_loss + penalty``: what the optimizer actually minimises."""
        return self.train_loss + self.penalty


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


def _per_model(value, p: np.ndarray) -> np.ndarray | float:
    """Reshape a length-K array to broadcast against a parameter of shape ``(K, ...)``."""
    if np.ndim(value) == 0:
        return value
    return np.reshape(value, (-1,) + (1,) * (p.ndim - 1))


#: Upper bound on ``train(steps=...)``: a typo such as ``steps=10**12`` would run for days.
MAX_STEPS = 10**6


def _minibatch(X, y, batch_size: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """``batch_size`` rows of ``(X, y)`` drawn at random without replacement."""
    rows = rng.choice(len(X), size=batch_size, replace=False)
    return X[rows], y[rows]


def _check_model(model) -> None:
    if not all(hasattr(model, a) for a in ("named_parameters", "loss_and_grads", "n_models")):
        raise TypeError(f"model must be a lessons_lib.models model (LinearRegression, MLP or their "
                        f".copies(K)), got {type(model).__name__}.")


def _check_lr(lr, k, optimizer):
    """One float lr, or (K copies, plain SGD) one lr per model."""
    if np.ndim(lr) == 0:
        return check_positive(lr, "lr")
    lr = check_array(lr, "lr", ndim=1, finite=False)
    if k is None or lr.shape != (k,) or optimizer != "sgd":
        raise ValueError("an array lr needs a model made by model.copies(K) with K == len(lr) "
                         "and optimizer='sgd'; otherwise pass a single float lr.")
    if not np.all(np.isfinite(lr) & (lr > 0)):
        raise ValueError("every lr must be a finite number > 0.")
    return lr


def _check_penalty(penalty, lam, l1_ratio, k) -> Penalty | None:
    """``penalty="l2", lam=0.1`` (as in ``fit_linear``), ``penalty=l2(0.1)``, or None."""
    penalty = as_penalty(penalty, lam, l1_ratio, allow_none=True)
    if penalty is not None and np.ndim(penalty.lam) > 0:
        if k is None or np.shape(penalty.lam) != (k,):
            raise ValueError("a penalty with an array lam needs a model made by model.copies(K) "
                             "with K == len(lam).")
    return penalty


def _check_data(model, X, y, X_val, y_val):
    """Check the data at the door (one loss evaluation, which names X or y when it fails)."""
    if (X_val is None) != (y_val is None):
        raise ValueError("pass both X_val and y_val, or neither.")
    X = check_array(X, "X", ndim=2)
    model.loss(X, y)                                 # checks y (floats, or integer labels)
    y = np.asarray(y)
    if X_val is not None:
        try:
            model.loss(X_val, y_val)
        except (TypeError, ValueError) as err:       # same checks, but say which data set
            raise type(err)(f"validation data (X_val, y_val): {err}") from None
    return X, y, X_val, y_val


def _warn_l2_pull(penalty, penalty_mode, lr, optimizer) -> None:
    if penalty is not None and penalty.name != "l1" and penalty_mode == "gradient" \
            and np.ndim(lr) == 0 and np.ndim(penalty.lam) == 0 and optimizer == "sgd":
        b = 2.0 * penalty.lam * penalty.mix[1]          # the L2 pull per unit weight
        if lr * b >= 2:
            warn_unwise(f"η·2λ = {lr * b:g} ≥ 2: the L2 pull multiplies each weight by "
                        f"(1 − η·2λ) = {1 - lr * b:g} per step, so training will oscillate and "
                        "blow up. Lower lr or lam.", 5)     # here, train, its decorator, the caller


def _penalty_per_param(penalty, params, pen_idx, k) -> dict:
    """One penalty per penalized parameter, with per-model λ reshaped to broadcast."""
    if penalty is None:
        return {}
    lam = penalty.lam if k is None else np.broadcast_to(penalty.lam, (k,)).astype(float)
    return {i: make_penalty(penalty.name, _per_model(lam, params[i]), penalty.l1_ratio)
            for i in pen_idx}


def _make_optimizer(name, model, lr, weight_decay, momentum, betas):
    groups = decay_groups(model.named_parameters(), weight_decay)
    if name in ("sgd", "sgdw"):
        return (SGD if name == "sgd" else SGDW)(groups, lr=lr, momentum=momentum)
    cls = Adam if name == "adam" else AdamW
    return cls(groups, lr=lr, betas=betas)


def _divergence_reason(penalty: Penalty | None, lr, optimizer: str, weight_decay: float) -> str:
    """A hint for a diverged run, naming the decay factor when it is the culprit."""
    hints = []
    if optimizer == "sgd" and penalty is not None and np.ndim(penalty.lam) == 0 and np.ndim(lr) == 0:
        b = 2.0 * penalty.lam * penalty.mix[1]          # the L2 pull per unit weight
        if lr * b >= 2:
            hints.append(f"the L2 pull alone multiplies each weight by (1 − η·2λ) = {1 - lr * b:.3g} "
                         "per step; at η·2λ ≥ 2 that factor is ≤ −1, so the weights flip sign with growing "
                         "size, and the data's own curvature only adds to it (keep η·2λ well "
                         "below 2: lower η or λ)")
    if optimizer == "sgd" and np.ndim(lr) == 0 and lr * weight_decay >= 2:
        hints.append(f"weight decay multiplies each weight by (1 − lr·weight_decay) = "
                     f"{1 - lr * weight_decay:.3g} per step (keep lr·weight_decay < 2)")
    if not hints:
        hints.append("the learning rate is probably too large for this problem: lower lr")
    return "; ".join(hints)


def _check_options(steps, eval_every, penalty_mode, optimizer, blowup, weight_decay, momentum,
                   betas, snapshot_every, patience, augment, has_val: bool, k) -> tuple:
    """Check train()'s options at the door; returns them as numbers."""
    steps = check_int(steps, "steps", low=0, high=MAX_STEPS,
                      hint=f"Full-batch training is slow past {MAX_STEPS:,} steps; raise lr (or use "
                      "optimizer='adam'), or call train again from where it stopped.")
    eval_every = check_int(eval_every, "eval_every", low=1)
    check_choice(penalty_mode, "penalty_mode", ("gradient", "prox"))
    check_choice(optimizer, "optimizer", ("sgd", "sgdw", "adam", "adamw"))
    blowup = check_scalar(blowup, "blowup", low=1.0, low_inclusive=False)
    weight_decay = check_nonneg(weight_decay, "weight_decay")
    momentum = check_nonneg(momentum, "momentum")
    if momentum and optimizer not in ("sgd", "sgdw"):
        raise ValueError(f"momentum={momentum:g} is an SGD option; {optimizer!r} has its own "
                         "(betas). Drop momentum, or use optimizer='sgd'.")
    if optimizer in ("sgd", "sgdw") and tuple(betas) != (0.9, 0.999):
        raise ValueError(f"betas={betas!r} are Adam's options; with optimizer='sgd' use momentum, or "
                         "pick optimizer='adam' or 'adamw'.")
    if snapshot_every is not None:
        snapshot_every = check_int(snapshot_every, "snapshot_every", low=1)
    if patience is not None:
        patience = check_int(patience, "patience", low=1)
        if not has_val or k is not None:
            raise ValueError("early stopping (patience) needs X_val and y_val and a single model.")
    if augment is not None and not callable(augment):
        raise TypeError(f"augment must be a function (X, y, rng) -> (X, y) such as jitter(0.1), "
                        f"got {augment!r}.")
    return steps, eval_every, blowup, weight_decay, momentum, snapshot_every, patience


class _Recorder:
    """What :func:`train` writes down as it goes: losses, penalty, snapshots."""

    def __init__(self, model, X, y, X_val, y_val, penalty_value: Callable[[], np.ndarray]):
        self.model, self.data, self.val = model, (X, y), (X_val, y_val)
        self.penalty_value = penalty_value
        self.rows: dict[str, list] = {"step": [], "train": [], "penalty": [], "val": []}
        self.snapshots, self.snapshot_steps = [], []

    def record(self, t: int, data_loss=None) -> None:
        """Losses at step ``t`` (``data_loss`` when the step's forward pass already has it)."""
        rows = self.rows
        rows["step"].append(t)
        rows["train"].append(data_loss if data_loss is not None else self.model.loss(*self.data))
        rows["penalty"].append(self.penalty_value())
        if self.val[0] is not None:
            rows["val"].append(self.model.loss(*self.val))

    def snapshot(self, t: int) -> None:
        self.snapshots.append(self.model.get_params())
        self.snapshot_steps.append(t)

    def history(self, **outcome) -> History:
        rows = self.rows
        return History(step=np.array(rows["step"]),
                       train_loss=np.array(rows["train"], dtype=float),
                       penalty=np.array(rows["penalty"], dtype=float),
                       val_loss=np.array(rows["val"], dtype=float) if self.val[0] is not None else None,
                       snapshots=self.snapshots, snapshot_steps=self.snapshot_steps, **outcome)


@reports_overflow
def train(model, X, y, *, lr, steps: int = 500, penalty: Penalty | str | None = None,
          lam: float | None = None, l1_ratio: float = 0.5, penalty_mode: str = "gradient",
          optimizer: str = "sgd", weight_decay: float = 0.0,
          momentum: float = 0.0, betas: tuple[float, float] = (0.9, 0.999),
          X_val=None, y_val=None, patience: int | None = None, eval_every: int = 1,
          augment: Augment | None = None, snapshot_every: int | None = None,
          batch_size: int | None = None, blowup: float = 1e6, seed: int = 0) -> History:
    r"""Train ``model`` in place and return its :class:`History`.

    Each step: ``g = ∇loss(data) [+ ∇(λ·penalty)]``, then ``optimizer.step(g)``
    [then ``w ← prox(w, lr)`` in prox mode], with biases excluded from both the penalty
    and ``weight_decay`` (PyTorch's convention: ``weight_decay = 2λ`` of the course's L2).

    Parameters
    ----------
    model : LinearRegression or MLP
        A :mod:`lessons_lib.models` model, or ``model.copies(K)`` to train K at once.
    X : array_like of shape (n, d)
        Training inputs; full batch.
    y : array_like of shape (n,)
        Training targets (integer labels for a classifier).
    lr : float or ndarray of shape (K,)
        Learning rate η (one per model with K copies and ``optimizer="sgd"``).
    steps : int, default 500
        Number of update steps (at most ``MAX_STEPS`` = 10⁶).
    penalty : str or Penalty, optional
        ``"l2"``, ``"l1"`` or ``"elastic_net"`` with ``lam`` (as in
        :func:`lessons_lib.linear.fit_linear`), or an object such as ``penalties.l2(0.1)``
        (then no ``lam``); None for no penalty.
    lam : float or ndarray of shape (K,), optional
        λ of a penalty given by name (one per model with K copies).
    l1_ratio : float, default 0.5
        The L1 share of ``"elastic_net"``.
    penalty_mode : {"gradient", "prox"}, default "gradient"
        Add the penalty's (sub)gradient, or take an exact proximal step after the update
        (with ``optimizer="sgd"`` and no momentum: proximal gradient descent).
    optimizer : {"sgd", "sgdw", "adam", "adamw"}, default "sgd"
        The optimizer from :mod:`lessons_lib.optim`.
    weight_decay : float, default 0.0
        The optimizer's ``weight_decay``, with torch's meaning (weights only).
    momentum : float, default 0.0
        SGD's (and SGDW's) momentum.
    betas : tuple of float, default (0.9, 0.999)
        Adam's and AdamW's ``betas``.
    X_val : array_like of shape (m, d), optional
        Validation inputs, evaluated every ``eval_every`` steps.
    y_val : array_like of shape (m,), optional
        Validation targets.
    patience : int, optional
        Early stopping: stop after this many evaluations without a new best validation
        loss and restore the best weights (single models only).
    eval_every : int, default 1
        Record the losses every this many steps (and at the end).
    augment : callable, optional
        A hook ``(X, y, rng) -> (X, y)`` applied to the training data at every step, e.g.
        :func:`jitter` or :func:`noisy_copies`.
    snapshot_every : int, optional
        Keep a copy of the parameters every this many steps (and at the end).
    batch_size : int, optional
        Minibatches: each step's gradient comes from this many training rows drawn at
        random without replacement (seeded); None for the full batch. The recorded
        training loss is still on the whole training set.
    blowup : float, default 1e6
        An objective above ``blowup ×`` its starting value counts as diverged.
    seed : int, default 0
        Seeds dropout masks and augmentation noise.

    Returns
    -------
    History
        Losses per recorded step, snapshots, and how the run ended.

    Examples
    --------
    >>> from lessons_lib import data, models, penalties
    >>> x, y = data.noisy_curve(12, seed=0)
    >>> X = data.polynomial_features(x, 9)
    >>> model = models.LinearRegression(9)
    >>> hist = train(model, X, y, lr=0.1, steps=200, penalty=penalties.l2(1e-3))
    >>> bool(hist.train_loss[-1] < hist.train_loss[0])
    True
    """
    _check_model(model)
    k = model.n_models
    steps, eval_every, blowup, weight_decay, momentum, snapshot_every, patience = _check_options(
        steps, eval_every, penalty_mode, optimizer, blowup, weight_decay, momentum, betas,
        snapshot_every, patience, augment, X_val is not None, k)
    lr = _check_lr(lr, k, optimizer)
    penalty = _check_penalty(penalty, lam, l1_ratio, k)
    X, y, X_val, y_val = _check_data(model, X, y, X_val, y_val)
    if batch_size is not None:
        batch_size = check_int(batch_size, "batch_size", low=1, high=len(X),
                               hint=f"Pick 1 to {len(X)} rows per step, or None for the full batch.")
    _warn_l2_pull(penalty, penalty_mode, lr, optimizer)

    rng = check_seed(seed)
    named = model.named_parameters()
    params = [p for _, p in named]
    pen_idx = [i for i, (name, _) in enumerate(named) if is_penalized(name)]
    pens = _penalty_per_param(penalty, params, pen_idx, k)
    # With per-model η the optimizer runs at lr=1 on gradients already scaled by η, so the
    # weight decay is added to the gradients below, before that scaling (torch's order).
    opt = _make_optimizer(optimizer, model, 1.0 if np.ndim(lr) else lr,
                          0.0 if np.ndim(lr) else weight_decay, momentum, betas)
    use_dropout = getattr(model, "dropout", 0.0) > 0
    clean = augment is None and not use_dropout and batch_size is None  # step loss = data loss

    def penalty_value():
        return sum((pens[i]._value(params[i]) for i in pens), np.zeros(() if k is None else k))

    log = _Recorder(model, X, y, X_val, y_val, penalty_value)
    alive = np.ones(() if k is None else k, dtype=bool)
    diverged_at = np.full(() if k is None else k, -1)
    last_good = model.get_params()
    start = None
    best = (np.inf, None, None)          # (val loss, step, params)
    since_best, stopped, message = 0, None, ""

    for t in range(steps + 1):
        Xb, yb = (X, y) if batch_size is None else _minibatch(X, y, batch_size, rng)
        if augment is not None:
            Xb, yb = augment(np.asarray(Xb, float), np.asarray(yb), rng)
        loss, grads = model.loss_and_grads(Xb, yb, rng=rng if use_dropout else None)
        objective = loss + penalty_value()
        if start is None:
            start = np.maximum(np.abs(objective), 1e-12)
        bad = alive & ~(np.isfinite(objective) & (np.abs(objective) <= blowup * start))
        if np.any(bad):
            diverged_at[bad] = t
            alive = alive & ~bad
            if k is None or not np.any(alive):
                model.set_params(last_good)
                message = (f"diverged at step {t}: the objective became "
                           f"{'non-finite' if not np.all(np.isfinite(objective)) else 'huge'}; "
                           f"{_divergence_reason(penalty, lr, optimizer, weight_decay)}. "
                           f"Weights restored to step {max(t - 1, 0)}.")
                log.record(t)
                break
            # Freeze the models that just blew up at their last finite weights, then redo the pass.
            model.set_params([np.where(_per_model(bad, p), g, p) for p, g in zip(params, last_good)])
            loss, grads = model.loss_and_grads(Xb, yb, rng=rng if use_dropout else None)
        if snapshot_every and (t % snapshot_every == 0 or t == steps):
            log.snapshot(t)
        if t % eval_every == 0 or t == steps:
            log.record(t, loss if clean else None)
            if patience is not None:
                if log.rows["val"][-1] < best[0]:
                    best, since_best = (log.rows["val"][-1], t, model.get_params()), 0
                else:
                    since_best += 1
                    if since_best >= patience:
                        stopped = t
                        break
        if t == steps:
            break
        last_good = model.get_params()
        if penalty_mode == "gradient":
            for i, pen in pens.items():
                grads[i] = grads[i] + pen._grad(params[i])
        if np.ndim(lr):                              # per-model η for plain SGD: scale the gradients
            if weight_decay:
                for i in pen_idx:
                    grads[i] = grads[i] + weight_decay * params[i]
            grads = Gradients(params, [g * _per_model(lr, g) for g in grads])
        if k is not None and not np.all(alive):
            grads = Gradients(params, [g * _per_model(alive, g) for g in grads])
        opt.step(grads)
        if penalty_mode == "prox":
            for i, pen in pens.items():
                params[i][...] = pen._prox(params[i], _per_model(lr, params[i]))
        if k is not None and not np.all(alive):      # keep frozen models exactly where they were
            model.set_params([np.where(_per_model(alive, p), p, g) for p, g in zip(params, last_good)])

    if patience is not None and best[2] is not None:
        model.set_params(best[2])
    if k is not None and np.any(~alive):
        message = (f"{int(np.sum(~alive))} of {k} models diverged (first at step "
                   f"{int(diverged_at[~alive].min())}) and were frozen at their last finite weights; "
                   f"{_divergence_reason(None, 0.0, optimizer, 0.0)} or λ for those.")
    return log.history(
        best_step=best[1], stopped_step=stopped,
        diverged=bool(~alive) if k is None else ~alive,
        diverged_at=(int(diverged_at) if diverged_at >= 0 else None) if k is None
        else np.where(alive, -1, diverged_at),
        message=message)


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
