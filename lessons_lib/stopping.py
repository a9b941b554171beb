"""When training stops: early stopping on the validation loss, and divergence.

:class:`EarlyStopping` is the rule :func:`lessons_lib.train.train` applies with
``patience=P``, and :meth:`EarlyStopping.replay` applies the same rule to a recorded
validation curve (notebook 8 reads its stopping points off one long run that way).
:class:`Divergence` watches the objective and stops a run that blows up (η·2λ ≥ 2, say)
before it fills the weights with inf and NaN.
"""
from __future__ import annotations

import numpy as np

from ._validate import check_int, check_scalar, warn_unwise


class EarlyStopping:
    """Stop once ``patience`` evaluations in a row bring no new best validation loss.

    A loss counts as a new best only when it is *strictly* lower than every loss before
    it; the weights to keep are those of the best evaluation (``best``).

    Parameters
    ----------
    patience : int
        How many evaluations without a new best to wait before stopping (≥ 1).

    Examples
    --------
    >>> stop = EarlyStopping(patience=2)
    >>> [stop.update(v) for v in (1.0, 0.8, 0.9, 0.95)]
    [False, False, False, True]
    >>> stop.best, stop.best_loss
    (1, 0.8)
    >>> EarlyStopping.replay([1.0, 0.8, 0.9, 0.7, 0.75], patience=2)
    (3, None)
    """

    def __init__(self, patience: int):
        self.patience = check_int(patience, "patience", low=1,
                                  hint="patience counts evaluations, e.g. 10.")
        self.best, self.best_loss = None, float("inf")
        self.seen, self.waited = 0, 0

    def update(self, loss: float) -> bool:
        """Take the next evaluation's loss; True when training should stop now.

        Parameters
        ----------
        loss : float
            The validation loss of this evaluation.
        """
        i, self.seen = self.seen, self.seen + 1
        if loss < self.best_loss:                  # NaN is never a new best
            self.best, self.best_loss, self.waited = i, float(loss), 0
            return False
        self.waited += 1
        return self.waited >= self.patience

    @classmethod
    def replay(cls, losses, patience: int) -> tuple[int | None, int | None]:
        """The rule applied to a recorded curve: (index of the best, index where it stops).

        The stop index is None when the curve ends first.

        Parameters
        ----------
        losses : array_like of shape (T,)
            Validation losses, one per evaluation, in order.
        patience : int
            As for :class:`EarlyStopping`.

        Returns
        -------
        best : int or None
            The evaluation whose weights early stopping keeps (None for an empty curve).
        stop : int or None
            The evaluation at which training stops, or None if it never does.
        """
        rule = cls(patience)
        for i, loss in enumerate(np.asarray(losses, dtype=float).ravel()):
            if rule.update(loss):
                return rule.best, i
        return rule.best, None


class Divergence:
    """Stops a run whose objective is non-finite or above ``blowup`` × its first value.

    A single model ends training at the first such step, its weights restored to the step
    before. With K copies (``model.copies(K)``) each diverged copy is frozen at its last
    finite weights and the others go on; ``alive`` says which are still training and
    ``at`` the step each diverged at (−1: never).

    Parameters
    ----------
    model : LinearRegression or MLP
        The model being trained (its parameters are watched and restored in place).
    blowup : float
        An objective above ``blowup ×`` its starting value counts as diverged (> 1).
    """

    def __init__(self, model, blowup: float):
        self.model, self.k = model, model.n_models
        self.blowup = check_scalar(blowup, "blowup", low=1.0, low_inclusive=False)
        shape = () if self.k is None else (self.k,)
        self.alive, self.at = np.ones(shape, dtype=bool), np.full(shape, -1)
        self.start, self.last_good = None, model.get_params()
        self.how = ""                                # "non-finite" or "huge", once diverged

    def check(self, t: int, objective) -> str:
        """``""`` if all is well at step ``t``; ``"froze"`` if some copies just diverged (they
        are frozen: compute the step again); ``"ended"`` if nothing is left training.

        Parameters
        ----------
        t : int
            The step.
        objective : float or ndarray of shape (K,)
            loss + λ·penalty at this step, before its update.
        """
        if self.start is None:
            self.start = np.maximum(np.abs(objective), 1e-12)
        ok = np.isfinite(objective) & (np.abs(objective) <= self.blowup * self.start)
        bad = self.alive & ~ok
        if not np.any(bad):
            return ""
        self.at[bad] = t
        self.alive = self.alive & ~bad
        self.how = "huge" if np.all(np.isfinite(objective)) else "non-finite"
        if self.k is None or not np.any(self.alive):
            self.model.set_params(self.last_good)
            return "ended"
        self.model.set_params([np.where(_per_model(bad, p), good, p)
                               for p, good in zip(self.model.parameters(), self.last_good)])
        return "froze"

    def remember(self) -> None:
        """Keep the current weights as the last finite ones (call before each update)."""
        self.last_good = self.model.get_params()

    def hold(self) -> None:
        """Put the frozen copies back where they were (call after each update)."""
        if self.k is not None and not np.all(self.alive):
            self.model.set_params([np.where(_per_model(self.alive, p), p, good)
                                   for p, good in zip(self.model.parameters(), self.last_good)])


def _per_model(value, p: np.ndarray):
    """Reshape a length-K array to broadcast against a parameter of shape ``(K, ...)``.

    Parameters
    ----------
    value : float or ndarray of shape (K,)
        One number, or one per model.
    p : ndarray of shape (K, ...)
        The parameter it will multiply.
    """
    if np.ndim(value) == 0:
        return value
    return np.reshape(value, (-1,) + (1,) * (p.ndim - 1))


def _l2_pull(penalty, lr) -> float | None:
    """η·2λ, the factor by which one plain gradient step of the L2 part shrinks a weight
    (None when it is not one number: no L2 part, or per-model λ or η)."""
    if penalty is None or penalty.name == "l1" or np.ndim(lr) or np.ndim(penalty.lam):
        return None
    return float(lr * 2.0 * penalty.lam * penalty.mix[1])


def _warn_l2_pull(penalty, lr, optimizer: str, penalty_mode: str, stacklevel: int = 4) -> None:
    """Warn before training when plain SGD's L2 pull alone will blow up (η·2λ ≥ 2)."""
    pull = _l2_pull(penalty, lr) if optimizer == "sgd" and penalty_mode == "gradient" else None
    if pull is not None and pull >= 2:
        warn_unwise(f"η·2λ = {pull:g} ≥ 2: the L2 pull multiplies each weight by (1 − η·2λ) = "
                    f"{1 - pull:g} per step, so training will oscillate and blow up. Lower lr "
                    "or lam.", stacklevel)


def _divergence_reason(penalty, lr, optimizer: str, weight_decay: float) -> str:
    """A hint for a diverged run, naming the decay factor when it is the culprit."""
    hints = []
    pull = _l2_pull(penalty, lr) if optimizer == "sgd" else None
    if pull is not None and pull >= 2:
        hints.append(f"the L2 pull alone multiplies each weight by (1 − η·2λ) = {1 - pull:.3g} "
                     "per step; at η·2λ ≥ 2 that factor is ≤ −1, so the weights flip sign with "
                     "growing size, and the data's own curvature only adds to it (keep η·2λ "
                     "well below 2: lower η or λ)")
    if optimizer == "sgd" and np.ndim(lr) == 0 and lr * weight_decay >= 2:
        hints.append(f"weight decay multiplies each weight by (1 − lr·weight_decay) = "
                     f"{1 - lr * weight_decay:.3g} per step (keep lr·weight_decay < 2)")
    if not hints:
        hints.append("the learning rate is probably too large for this problem: lower lr")
    return "; ".join(hints)
