r"""The training loop: gradient steps on loss + λ·penalty, with a history of what happened.

:func:`train` minimises

.. math::

    \text{loss}(\text{data}) + λ\cdot\text{penalty}(w)

with an optimizer from :mod:`lessons_lib.optim`. The penalty touches weights only, never
biases (:func:`lessons_lib.penalties.is_penalized`). It enters either as its
(sub)gradient added to the data gradient (``penalty_mode="gradient"``: L1 then jitters
around zero), or as an exact proximal step after the optimizer's step
(``penalty_mode="prox"``: soft-thresholding, so L1 lands exactly on zero).

How a run stops (early stopping, divergence) is :mod:`lessons_lib.stopping`; noise and
shifts added to the data at every step are :mod:`lessons_lib.augment`; training a whole
grid of λ or η at once is :func:`lessons_lib.sweep.sweep`, which calls :func:`train` on
``model.copies(K)`` with one λ or η per copy.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from ._run import OPTIMIZERS, TrainRun
from ._validate import (
    check_choice,
    check_int,
    check_nonneg,
    check_scalar,
    check_seed,
    reports_overflow,
)
from .penalties import Penalty, as_penalty
from .stopping import _per_model

#: Upper bound on ``train(steps=...)``: a typo such as ``steps=10**12`` would run for days.
MAX_STEPS = 10**6


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
    optimizer : lessons_lib.optim.Optimizer, optional
        The optimizer, as it ended: its ``state`` holds torch's per-parameter entries
        (``exp_avg_sq``, ``step``, ``momentum_buffer``), keyed by ``id(parameter)``.
    state : dict, optional
        With ``record_state``: ``state[name][key]`` is the optimizer's ``key`` for the
        parameter ``name`` at every recorded step, an array of shape ``(T, *shape)``
        (zeros before the first update, as torch starts them).
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
    optimizer: object = None
    state: dict = field(default_factory=dict)

    @property
    def objective(self) -> np.ndarray:
        """``train_loss + penalty``: what the optimizer actually minimises."""
        return self.train_loss + self.penalty


@dataclass(frozen=True)
class Options:
    """How :func:`train` runs, besides the model, the data, ``lr`` and the penalty.

    Pass them to :func:`train` as keywords (``train(..., steps=300, optimizer="adamw")``)
    or as one object (``train(..., options=Options(steps=300))``); both are checked here.

    Parameters
    ----------
    steps : int, default 500
        Number of update steps (at most ``MAX_STEPS`` = 10⁶).
    optimizer : {"sgd", "sgdw", "adam", "adamw"}, default "sgd"
        The optimizer from :mod:`lessons_lib.optim`.
    weight_decay : float, default 0.0
        The optimizer's ``weight_decay``, with torch's meaning (weights only; ``= 2λ``).
    momentum : float, default 0.0
        SGD's (and SGDW's) momentum.
    betas : tuple of float, default (0.9, 0.999)
        Adam's and AdamW's ``betas``.
    penalty_mode : {"gradient", "prox"}, default "gradient"
        Add the penalty's (sub)gradient, or take an exact proximal step after the update
        (with ``optimizer="sgd"`` and no momentum: proximal gradient descent).
    batch_size : int, optional
        Minibatches: each step's gradient comes from this many training rows drawn at
        random without replacement (seeded); None for the full batch. The recorded
        training loss is still on the whole training set.
    augment : callable, optional
        A hook ``(X, y, rng) -> (X, y)`` from :mod:`lessons_lib.augment`, applied to the
        training data at every step.
    eval_every : int, default 1
        Record the losses every this many steps (and at the end).
    snapshot_every : int, optional
        Keep a copy of the parameters every this many steps (and at the end).
    patience : int, optional
        Early stopping (:class:`~lessons_lib.stopping.EarlyStopping`): stop after this many
        evaluations without a new best validation loss and restore the best weights
        (single models only).
    record_state : tuple of str, default ()
        Optimizer state to record at every recorded step, e.g. ``("exp_avg_sq",)``.
    blowup : float, default 1e6
        An objective above ``blowup ×`` its starting value counts as diverged.
    seed : int, default 0
        Seeds minibatches, dropout masks and augmentation noise.
    """

    steps: int = 500
    optimizer: str = "sgd"
    weight_decay: float = 0.0
    momentum: float = 0.0
    betas: tuple[float, float] = (0.9, 0.999)
    penalty_mode: str = "gradient"
    batch_size: int | None = None
    augment: object = None
    eval_every: int = 1
    snapshot_every: int | None = None
    patience: int | None = None
    record_state: tuple[str, ...] = ()
    blowup: float = 1e6
    seed: int = 0

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        put("steps", check_int(self.steps, "steps", low=0, high=MAX_STEPS,
                               hint=f"Full-batch training is slow past {MAX_STEPS:,} steps; raise lr "
                               "(or use optimizer='adam'), or call train again from where it stopped."))
        check_choice(self.optimizer, "optimizer", tuple(OPTIMIZERS))
        put("weight_decay", check_nonneg(self.weight_decay, "weight_decay"))
        put("momentum", check_nonneg(self.momentum, "momentum"))
        sgd = self.optimizer in ("sgd", "sgdw")
        if self.momentum and not sgd:
            raise ValueError(f"momentum={self.momentum:g} is an SGD option; {self.optimizer!r} has "
                             "its own (betas). Drop momentum, or use optimizer='sgd'.")
        if sgd and tuple(self.betas) != (0.9, 0.999):
            raise ValueError(f"betas={self.betas!r} are Adam's options; with optimizer='sgd' use "
                             "momentum, or pick optimizer='adam' or 'adamw'.")
        check_choice(self.penalty_mode, "penalty_mode", ("gradient", "prox"))
        if self.augment is not None and not callable(self.augment):
            raise TypeError("augment must be a function (X, y, rng) -> (X, y) such as "
                            f"augment.jitter(0.1), got {self.augment!r}.")
        put("eval_every", check_int(self.eval_every, "eval_every", low=1))
        for name in ("batch_size", "snapshot_every", "patience"):
            if getattr(self, name) is not None:
                put(name, check_int(getattr(self, name), name, low=1))
        if isinstance(self.record_state, str) or not all(isinstance(s, str) for s in self.record_state):
            raise TypeError("record_state must be a tuple of state names such as ('exp_avg_sq',), "
                            f"got {self.record_state!r}.")
        put("record_state", tuple(self.record_state))
        put("blowup", check_scalar(self.blowup, "blowup", low=1.0, low_inclusive=False))
        check_seed(self.seed)


@reports_overflow          # numpy's overflow warnings off: Divergence reports a blow-up by name
def train(model, X, y, *, lr, penalty: Penalty | str | None = None, lam=None, l1_ratio: float = 0.5,
          X_val=None, y_val=None, options: Options | None = None, **option_values) -> History:
    r"""Train ``model`` in place and return its :class:`History`.

    Each step: ``g = ∇loss(data) [+ ∇(λ·penalty)]``, then ``optimizer.step(g)``
    [then ``w ← prox(w, lr)`` in prox mode], with biases excluded from both the penalty
    and ``weight_decay`` (PyTorch's convention: ``weight_decay = 2λ`` of the course's L2).

    Parameters
    ----------
    model : LinearRegression or MLP
        A :mod:`lessons_lib.models` model, or ``model.copies(K)`` to train K at once.
    X : array_like of shape (n, d)
        Training inputs.
    y : array_like of shape (n,)
        Training targets (integer labels for a classifier).
    lr : float or ndarray of shape (K,)
        Learning rate η (one per model with K copies and ``optimizer="sgd"``).
    penalty : str or Penalty, optional
        ``"l2"``, ``"l1"`` or ``"elastic_net"`` with ``lam`` (as in
        :func:`lessons_lib.linear.fit_linear`), or an object such as ``penalties.l2(0.1)``
        (then no ``lam``); None for no penalty.
    lam : float or ndarray of shape (K,), optional
        λ of a penalty given by name (one per model with K copies).
    l1_ratio : float, default 0.5
        The L1 share of ``"elastic_net"``.
    X_val : array_like of shape (m, d), optional
        Validation inputs, evaluated every ``eval_every`` steps.
    y_val : array_like of shape (m,), optional
        Validation targets.
    options : Options, optional
        All the other settings in one object; or give them as keywords.
    **option_values
        The fields of :class:`Options` (``steps``, ``optimizer``, ``weight_decay``,
        ``momentum``, ``betas``, ``penalty_mode``, ``batch_size``, ``augment``,
        ``eval_every``, ``snapshot_every``, ``patience``, ``record_state``, ``blowup``,
        ``seed``).

    Returns
    -------
    History
        Losses per recorded step, snapshots, the optimizer and how the run ended.

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
    o = _options(options, option_values)
    run = TrainRun(model, X, y, X_val, y_val, lr, as_penalty(penalty, lam, l1_ratio, allow_none=True), o)
    params, pens, opt, guard = run.params, run.pens, run.opt, run.guard
    rng = check_seed(o.seed)
    for t in range(o.steps + 1):
        Xb, yb = run.batch(rng)
        loss, grads = model.loss_and_grads(Xb, yb, rng=rng if run.dropout else None)
        if (verdict := guard.check(t, loss + run.penalty_value())) == "ended":
            run.log(t)                               # diverged: weights back to step t − 1
            break
        if verdict == "froze":                       # some copies diverged: redo without them
            loss, grads = model.loss_and_grads(Xb, yb, rng=rng if run.dropout else None)
        if run.checkpoint(t, loss) or t == o.steps:  # records; True when early stopping says stop
            break
        guard.remember()
        if o.penalty_mode == "gradient":
            for i, pen in pens.items():
                grads[i] = grads[i] + pen.grad(params[i])      # ∇(loss + λ·penalty)
        opt.step(run.scaled(grads))                            # the optimizer's update
        if o.penalty_mode == "prox":
            for i, pen in pens.items():
                params[i][...] = pen.prox(params[i], _per_model(run.lr, params[i]))
        guard.hold()
    return History(**run.outcome())


def _options(options, values: dict) -> Options:
    """One checked :class:`Options` from an object or keywords (not both)."""
    known = {f.name for f in fields(Options)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TypeError(f"train() got unknown option(s) {unknown}; the options are {sorted(known)} "
                        "(see train.Options).")
    if options is None:
        return Options(**values)
    if not isinstance(options, Options) or values:
        raise TypeError("pass options=train.Options(...) or the options as keywords, not both.")
    return options

