"""The plumbing of one :func:`lessons_lib.train.train` run, kept out of the loop.

Checked inputs, one penalty per penalized parameter, the optimizer with its param groups,
minibatches and augmentation, per-model learning rates for ``model.copies(K)``, and the
records that become the run's ``History``.
"""
from __future__ import annotations

import numpy as np

from ._validate import check_array, check_positive
from .optim import SGD, SGDW, Adam, AdamW, Gradients, decay_groups
from .penalties import is_penalized, make_penalty
from .stopping import Divergence, EarlyStopping, _divergence_reason, _per_model, _warn_l2_pull

OPTIMIZERS = {"sgd": SGD, "sgdw": SGDW, "adam": Adam, "adamw": AdamW}


class TrainRun:
    """One run's plumbing: checked inputs, penalties per parameter, the optimizer, records."""

    def __init__(self, model, X, y, X_val, y_val, lr, penalty, o):
        if not all(hasattr(model, a) for a in ("named_parameters", "loss_and_grads", "n_models")):
            raise TypeError(f"model must be a lessons_lib.models model (LinearRegression, MLP or "
                            f"their .copies(K)), got {type(model).__name__}.")
        self.model, self.o, k = model, o, model.n_models
        self.lr = _check_lr(lr, k, o.optimizer)
        if penalty is not None and np.ndim(penalty.lam) > 0 and (k is None or np.shape(penalty.lam) != (k,)):
            raise ValueError("a penalty with an array lam needs a model made by model.copies(K) "
                             "with K == len(lam).")
        if (X_val is None) != (y_val is None):
            raise ValueError("pass both X_val and y_val, or neither.")
        self.X = check_array(X, "X", ndim=2)
        model.loss(self.X, y)                                  # checks y (floats or labels)
        self.y, self.val = np.asarray(y), (X_val, y_val)
        if X_val is not None:
            try:
                model.loss(X_val, y_val)
            except (TypeError, ValueError) as err:             # same checks, naming the set
                raise type(err)(f"validation data (X_val, y_val): {err}") from None
        if o.batch_size is not None and o.batch_size > len(self.X):
            raise ValueError(f"batch_size must be in the range [1, {len(self.X)}], got "
                             f"{o.batch_size}. Pick 1 to {len(self.X)} rows per step, or None "
                             "for the full batch.")
        if o.patience is not None and (X_val is None or k is not None):
            raise ValueError("early stopping (patience) needs X_val and y_val and a single model.")
        _warn_l2_pull(penalty, self.lr, o.optimizer, o.penalty_mode, stacklevel=6)  # train's caller
        named = model.named_parameters()
        self.params = [p for _, p in named]
        self.decayed = [i for i, (name, _) in enumerate(named) if is_penalized(name)]
        lam = None if penalty is None else penalty.lam if k is None else np.broadcast_to(
            penalty.lam, (k,)).astype(float)
        self.pens = {} if penalty is None else {
            i: make_penalty(penalty.name, _per_model(lam, self.params[i]), penalty.l1_ratio)
            for i in self.decayed}
        self.penalty, self.k = penalty, k
        # Per-model η (plain SGD): the optimizer runs at lr=1 on gradients already scaled by
        # η, so the weight decay is added to the gradients first (torch's order), in scaled().
        per_model_lr = np.ndim(self.lr) > 0
        groups = decay_groups(named, 0.0 if per_model_lr else o.weight_decay)
        cls = OPTIMIZERS[o.optimizer]
        kw = dict(momentum=o.momentum) if o.optimizer in ("sgd", "sgdw") else dict(betas=o.betas)
        self.opt = cls(groups, lr=1.0 if per_model_lr else self.lr, **kw)
        self.guard = Divergence(model, o.blowup)
        self.dropout = getattr(model, "dropout", 0.0) > 0
        self.clean = o.augment is None and not self.dropout and o.batch_size is None
        self.rows = {"step": [], "train": [], "penalty": [], "val": []}
        self.snapshots, self.snapshot_steps, self.state = [], [], {}
        self.stopper = EarlyStopping(o.patience) if o.patience else None
        self.best, self.stopped = None, None        # (step, weights) early stopping keeps

    def batch(self, rng):
        """This step's data: a minibatch and the augmentation hook, if any."""
        X, y = self.X, self.y
        if self.o.batch_size is not None:
            rows = rng.choice(len(X), size=self.o.batch_size, replace=False)
            X, y = X[rows], y[rows]
        if self.o.augment is not None:
            X, y = self.o.augment(np.asarray(X, float), np.asarray(y), rng)
        return X, y

    def penalty_value(self):
        return sum((pen._value(self.params[i]) for i, pen in self.pens.items()),   # unchecked: Divergence judges it
                   np.zeros(() if self.k is None else self.k))

    def scaled(self, grads):
        """The gradients the optimizer takes: per-model η applied, frozen copies masked."""
        lr, alive = self.lr, self.guard.alive
        if np.ndim(lr):
            if self.o.weight_decay:
                for i in self.decayed:
                    grads[i] = grads[i] + self.o.weight_decay * self.params[i]
            grads = Gradients(self.params, [g * _per_model(lr, g) for g in grads])
        if self.k is not None and not np.all(alive):
            grads = Gradients(self.params, [g * _per_model(alive, g) for g in grads])
        return grads

    def checkpoint(self, t: int, data_loss) -> bool:
        """Snapshot and losses at step ``t`` when due; True when early stopping says stop."""
        o = self.o
        if o.snapshot_every and (t % o.snapshot_every == 0 or t == o.steps):
            self.snapshots.append(self.model.get_params())
            self.snapshot_steps.append(t)
        if t % o.eval_every and t != o.steps:
            return False
        self.log(t, data_loss if self.clean else None)
        if self.stopper is None:
            return False
        if self.stopper.update(self.rows["val"][-1]):
            self.stopped = t
            return True
        if self.stopper.waited == 0:                # a new best: the weights to keep
            self.best = (t, self.model.get_params())
        return False

    def log(self, t: int, data_loss=None) -> None:
        """Losses (and the recorded optimizer state) at step ``t``."""
        rows = self.rows
        rows["step"].append(t)
        rows["train"].append(data_loss if data_loss is not None else self.model.loss(self.X, self.y))
        rows["penalty"].append(self.penalty_value())
        if self.val[0] is not None:
            rows["val"].append(self.model.loss(*self.val))
        for name, p in self.model.named_parameters():
            st = self.opt.state.get(id(p), {})
            for key in self.o.record_state:
                start = 0.0 if key == "step" else np.zeros_like(p)
                self.state.setdefault(name, {}).setdefault(key, []).append(
                    np.array(st.get(key, start), dtype=float))

    def outcome(self) -> dict:
        """The fields of train's ``History``; restores the best weights after early stopping."""
        guard, k, rows = self.guard, self.k, self.rows
        if self.best is not None:
            self.model.set_params(self.best[1])
        message = ""
        if k is None and guard.at >= 0:
            message = (f"diverged at step {int(guard.at)}: the objective became {guard.how}; "
                       f"{_divergence_reason(self.penalty, self.lr, self.o.optimizer, self.o.weight_decay)}."
                       f" Weights restored to step {max(int(guard.at) - 1, 0)}.")
        elif k is not None and np.any(~guard.alive):
            message = (f"{int(np.sum(~guard.alive))} of {k} models diverged (first at step "
                       f"{int(guard.at[~guard.alive].min())}) and were frozen at their last finite "
                       f"weights; {_divergence_reason(None, 0.0, self.o.optimizer, 0.0)} or λ for those.")
        return dict(
            step=np.array(rows["step"]), train_loss=np.array(rows["train"], dtype=float),
            penalty=np.array(rows["penalty"], dtype=float),
            val_loss=np.array(rows["val"], dtype=float) if self.val[0] is not None else None,
            snapshots=self.snapshots, snapshot_steps=self.snapshot_steps,
            best_step=None if self.best is None else self.best[0], stopped_step=self.stopped,
            diverged=bool(~guard.alive) if k is None else ~guard.alive,
            diverged_at=(int(guard.at) if guard.at >= 0 else None) if k is None
            else np.where(guard.alive, -1, guard.at),
            message=message, optimizer=self.opt,
            state={n: {key: np.stack(v) for key, v in d.items()} for n, d in self.state.items()})


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
