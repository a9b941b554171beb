r"""Weight penalties: L2, L1 and elastic net, each a value, a gradient and a prox.

The course's objective is ``loss(data) + λ·penalty(w)`` with

.. math::

    \text{L2: } λ\sum_i w_i^2 \;(\text{gradient } 2λw), \qquad
    \text{L1: } λ\sum_i |w_i| \;(\text{subgradient } λ\,\mathrm{sign}(w)),

    \text{elastic net: } λ\Big(ρ\sum_i |w_i| + (1-ρ)\sum_i w_i^2\Big), \quad ρ = \texttt{l1\_ratio}.

Note the L2 penalty has no ½: its gradient is ``2λw``. PyTorch's ``weight_decay``
adds ``weight_decay·w`` to the gradient, so ``weight_decay = 2λ`` (see
``lessons_lib.conventions``).

``lam`` may be a float, or an array that broadcasts against ``w`` with one value per
model along the leading axis (shape ``(K, 1, ...)``), which is how
``lessons_lib.train.sweep`` trains a whole grid of λ values at once. Then ``value``
returns one number per model.

Examples
--------
>>> import numpy as np
>>> pen = l1(0.5)
>>> pen.value(np.array([2.0, -1.0]))
1.5
>>> pen.prox(np.array([2.0, -0.3]), step=1.0)   # soft-threshold by step·λ = 0.5
array([ 1.5, -0. ])
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import check_choice, check_nonneg, check_positive, check_scalar

PENALTIES = ("l2", "l1", "elastic_net")


def soft_threshold(w: np.ndarray, t) -> np.ndarray:
    """The prox of ``t·Σ|w|``: ``sign(w)·max(|w| − t, 0)``. Small entries land exactly on 0."""
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)


@dataclass(frozen=True)
class Penalty:
    r"""``λ·P(w)`` for ``P`` in {L2 = Σw², L1 = Σ|w|, elastic net = ρΣ|w| + (1−ρ)Σw²}.

    Build one with :func:`l2`, :func:`l1`, :func:`elastic_net` or :func:`make_penalty`.
    """

    name: str
    lam: float | np.ndarray
    l1_ratio: float = 0.5

    @property
    def mix(self) -> tuple[float, float]:
        """(weight of Σ|w|, weight of Σw²)."""
        return {"l2": (0.0, 1.0), "l1": (1.0, 0.0),
                "elastic_net": (self.l1_ratio, 1.0 - self.l1_ratio)}[self.name]

    def value(self, w: np.ndarray):
        """λ·P(w): a float, or one value per model when ``lam`` is an array."""
        a, b = self.mix
        terms = self.lam * (a * np.abs(w) + b * w * w)
        if np.ndim(self.lam) == 0:
            return float(np.sum(terms))
        return np.sum(terms, axis=tuple(range(1, np.ndim(terms))))

    def grad(self, w: np.ndarray) -> np.ndarray:
        """A (sub)gradient: ``2λw`` for L2, ``λ·sign(w)`` for L1 (0 at w = 0)."""
        a, b = self.mix
        return self.lam * (a * np.sign(w) + 2.0 * b * w)

    def prox(self, w: np.ndarray, step: float) -> np.ndarray:
        r"""``argmin_v ½‖v − w‖² + step·λ·P(v)``, the exact penalty step of proximal gradient.

        L2: ``w / (1 + 2·step·λ)``; L1: soft-threshold at ``step·λ``; elastic net: both.
        """
        if np.ndim(step) == 0:
            check_positive(step, "step")
        elif not np.all(np.asarray(step) > 0):
            raise ValueError("every step must be > 0; pass the learning rate(s) used for the gradient step.")
        a, b = self.mix
        return soft_threshold(w, step * self.lam * a) / (1.0 + 2.0 * step * self.lam * b)


def is_penalized(name: str) -> bool:
    """The course's rule for which parameters a penalty (or weight decay) touches.

    Weights are penalised, biases are not: a bias only shifts a unit's output, it does
    not make the function steeper, and shrinking it towards 0 just adds error.
    ``lessons_lib.optim.decay_groups`` and ``lessons_lib.train`` both use this rule.
    """
    return not name.endswith("bias")


def _check_lam(lam):
    if np.ndim(lam) == 0:
        return check_nonneg(lam, "lam")
    lam = np.asarray(lam, dtype=np.float64)
    if not np.all(np.isfinite(lam)) or np.any(lam < 0):
        raise ValueError("every lam must be a finite number >= 0; use lam=0 for no regularisation.")
    return lam


def l2(lam) -> Penalty:
    """L2 (ridge, weight decay): ``λ·Σw²``, gradient ``2λw``."""
    return Penalty("l2", _check_lam(lam))


def l1(lam) -> Penalty:
    """L1 (lasso): ``λ·Σ|w|``, subgradient ``λ·sign(w)``, prox soft-thresholding."""
    return Penalty("l1", _check_lam(lam))


def elastic_net(lam, l1_ratio: float = 0.5) -> Penalty:
    """Elastic net: ``λ·(l1_ratio·Σ|w| + (1 − l1_ratio)·Σw²)``."""
    l1_ratio = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0,
                            hint="Use 1 for pure L1 (lasso) and 0 for pure L2 (ridge).")
    return Penalty("elastic_net", _check_lam(lam), l1_ratio)


def make_penalty(name: str, lam, l1_ratio: float = 0.5) -> Penalty:
    """A penalty by name: ``"l2"``, ``"l1"`` or ``"elastic_net"``."""
    check_choice(name, "penalty", PENALTIES)
    if name == "elastic_net":
        return elastic_net(lam, l1_ratio)
    return l2(lam) if name == "l2" else l1(lam)
