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
``lessons_lib.sweep.sweep`` trains a whole grid of λ values at once. Then ``value``
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

from ._validate import check_array, check_choice, check_scalar, check_values, finite_result

PENALTIES = ("l2", "l1", "elastic_net")


def soft_threshold(w: np.ndarray, t) -> np.ndarray:
    """The prox of ``t·Σ|w|``: ``sign(w)·max(|w| − t, 0)``. Small entries land exactly on 0.

    ``t ≥ 0`` (a float, or an array broadcasting against ``w``): a negative threshold
    would push every weight *away* from 0.

    Parameters
    ----------
    w : ndarray
        The weights (real, finite).
    t : float or ndarray
        The threshold ``t ≥ 0``, usually ``step·λ``; an array must broadcast against ``w``.
    """
    t = check_values(t, "t", hint="The threshold is step·λ, which is never negative.")
    return _soft_threshold(_check_w(w, t, "t"), t)


def _soft_threshold(w, t):
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)


def _check_w(w, other, name: str) -> np.ndarray:
    """Finite real weights that ``other`` (λ, t or a step, maybe one per model) broadcasts with."""
    w = check_array(w, "w")
    try:
        np.broadcast_shapes(np.shape(other), w.shape)
    except ValueError:
        raise ValueError(f"{name} has shape {np.shape(other)}, which does not broadcast against w of "
                         f"shape {w.shape}; with one {name} per model, give w a leading model axis of "
                         f"that length (shape (K, ...), as model.copies(K) makes) and {name} the shape "
                         "(K, 1, ...).") from None
    return w


@dataclass(frozen=True)
class Penalty:
    r"""``λ·P(w)`` for ``P`` in {L2 = Σw², L1 = Σ|w|, elastic net = ρΣ|w| + (1−ρ)Σw²}.

    Build one with :func:`l2`, :func:`l1`, :func:`elastic_net` or :func:`make_penalty`.

    Parameters
    ----------
    name : str, {"l2", "l1", "elastic_net"}
        Which ``P``.
    lam : float or ndarray
        The strength λ ≥ 0, or an array of them of shape ``(K, 1, ...)``, one per model.
    l1_ratio : float, default 0.5
        ρ in [0, 1], the share of ``Σ|w|`` in elastic net; unused by ``"l2"`` and ``"l1"``.
    """

    name: str
    lam: float | np.ndarray
    l1_ratio: float = 0.5

    def __post_init__(self):        # Penalty("l3", -1) is refused as l2(-1) is
        check_choice(self.name, "penalty", PENALTIES)
        object.__setattr__(self, "lam", _check_lam(self.lam))
        object.__setattr__(self, "l1_ratio", check_scalar(
            self.l1_ratio, "l1_ratio", low=0.0, high=1.0,
            hint="Use 1 for pure L1 (lasso) and 0 for pure L2 (ridge)."))

    @property
    def mix(self) -> tuple[float, float]:
        """(weight of Σ|w|, weight of Σw²)."""
        return {"l2": (0.0, 1.0), "l1": (1.0, 0.0),
                "elastic_net": (self.l1_ratio, 1.0 - self.l1_ratio)}[self.name]

    @finite_result("w or lam is too large: λ·Σw² (or λ·Σ|w|) exceeds it. Rescale w, or lower lam.")
    def value(self, w: np.ndarray):
        """λ·P(w): a float, or one value per model when ``lam`` is an array.

        Parameters
        ----------
        w : ndarray
            The weights, finite (with a leading model axis when ``lam`` is an array).
        """
        return self._value(_check_w(w, self.lam, "lam"))

    @finite_result("w or lam is too large: 2λ·w exceeds it. Rescale w, or lower lam.")
    def grad(self, w: np.ndarray) -> np.ndarray:
        """A (sub)gradient: ``2λw`` for L2, ``λ·sign(w)`` for L1 (0 at w = 0).

        Parameters
        ----------
        w : ndarray
            The weights, finite; the result has the same shape.
        """
        return self._grad(_check_w(w, self.lam, "lam"))

    @finite_result("step·lam is too large (it overflows): lower step or lam.")
    def prox(self, w: np.ndarray, step: float) -> np.ndarray:
        r"""``argmin_v ½‖v − w‖² + step·λ·P(v)``, the exact penalty step of proximal gradient.

        L2: ``w / (1 + 2·step·λ)``; L1: soft-threshold at ``step·λ``; elastic net: both.

        Parameters
        ----------
        w : ndarray
            The weights after the gradient step (finite).
        step : float or ndarray
            The step size (the learning rate) > 0; an array must broadcast against ``w``.
        """
        step = check_values(step, "step", low=0.0, low_inclusive=False,
                            hint="Pass the learning rate(s) used for the gradient step.")
        return self._prox(_check_w(_check_w(w, self.lam, "lam"), step, "step"), step)

    # The unchecked formulas. train() calls these on weights that may have just diverged
    # to inf: it detects that itself, from the objective, and says so.

    def _value(self, w):
        a, b = self.mix
        terms = self.lam * (a * np.abs(w) + b * w * w)
        if np.ndim(self.lam) == 0:
            return float(np.sum(terms))
        return np.sum(terms, axis=tuple(range(1, np.ndim(terms))))

    def _grad(self, w):
        a, b = self.mix
        return self.lam * (a * np.sign(w) + 2.0 * b * w)

    def _prox(self, w, step):
        a, b = self.mix
        return _soft_threshold(w, step * self.lam * a) / (1.0 + 2.0 * step * self.lam * b)


def is_penalized(name: str) -> bool:
    """The course's rule for which parameters a penalty (or weight decay) touches.

    Weights are penalized, biases are not: a bias only shifts a unit's output, it does
    not make the function steeper, and shrinking it towards 0 just adds error.
    ``lessons_lib.optim.decay_groups`` and ``lessons_lib.train`` both use this rule.

    Parameters
    ----------
    name : str
        A parameter's name, as in ``model.named_parameters()`` (``"fc1.weight"``).

    Returns
    -------
    bool
        ``False`` when ``name`` ends with ``"bias"``, ``True`` otherwise.
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a parameter's name as a str, such as 'fc1.weight' (from "
                        f"model.named_parameters()), got {name!r} of type {type(name).__name__}.")
    if not name:
        raise ValueError("name is empty; pass a parameter's name such as 'fc1.weight' or "
                         "'fc1.bias' (from model.named_parameters()).")
    return not name.endswith("bias")


def _check_lam(lam):
    """λ ≥ 0, or an array of them (refusing booleans, complex numbers, strings, empty arrays)."""
    return check_values(lam, "lam", hint="Use lam=0 for no regularization.")


def l2(lam) -> Penalty:
    """L2 (ridge, weight decay): ``λ·Σw²``, gradient ``2λw``.

    Parameters
    ----------
    lam : float or ndarray
        The strength λ ≥ 0 (an array: one λ per model, see the module docstring).
    """
    return Penalty("l2", _check_lam(lam))


def l1(lam) -> Penalty:
    """L1 (lasso): ``λ·Σ|w|``, subgradient ``λ·sign(w)``, prox soft-thresholding.

    Parameters
    ----------
    lam : float or ndarray
        The strength λ ≥ 0 (an array: one λ per model, see the module docstring).
    """
    return Penalty("l1", _check_lam(lam))


def elastic_net(lam, l1_ratio: float = 0.5) -> Penalty:
    """Elastic net: ``λ·(l1_ratio·Σ|w| + (1 − l1_ratio)·Σw²)``.

    Parameters
    ----------
    lam : float or ndarray
        The strength λ ≥ 0 (an array: one λ per model, see the module docstring).
    l1_ratio : float, default 0.5
        ρ in [0, 1]: 1 is pure L1, 0 pure L2.
    """
    l1_ratio = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0,
                            hint="Use 1 for pure L1 (lasso) and 0 for pure L2 (ridge).")
    return Penalty("elastic_net", _check_lam(lam), l1_ratio)


def make_penalty(name: str, lam, l1_ratio: float = 0.5) -> Penalty:
    """A penalty by name: ``"l2"``, ``"l1"`` or ``"elastic_net"``.

    Parameters
    ----------
    name : str, {"l2", "l1", "elastic_net"}
        Which penalty.
    lam : float or ndarray
        The strength λ ≥ 0 (an array: one λ per model, see the module docstring).
    l1_ratio : float, default 0.5
        ρ in [0, 1], used by ``"elastic_net"`` only (but always checked).
    """
    if isinstance(name, Penalty):
        raise TypeError(f"make_penalty takes a penalty name such as 'l2', got {name!r}; "
                        "a Penalty object is already made, use it as it is.")
    check_choice(name, "penalty", PENALTIES)
    l1_ratio = check_scalar(l1_ratio, "l1_ratio", low=0.0, high=1.0,   # checked even when unused
                            hint="Use 1 for pure L1 (lasso) and 0 for pure L2 (ridge).")
    if name == "elastic_net":
        return elastic_net(lam, l1_ratio)
    return l2(lam) if name == "l2" else l1(lam)


def as_penalty(penalty, lam=None, l1_ratio: float = 0.5, *, allow_none: bool = False) -> Penalty | None:
    """The one spelling rule for a ``penalty=`` argument, shared by ``train`` and ``linear``.

    Either a name with ``lam=`` (``penalty="l2", lam=0.1``, as in ``fit_linear``) or a
    :class:`Penalty` object (``penalty=l2(0.1)``, ``lam`` left out); ``None`` means no
    penalty where ``allow_none``.

    Parameters
    ----------
    penalty : str, Penalty or None
        ``"l2"``, ``"l1"``, ``"elastic_net"``, a :class:`Penalty`, or ``None``.
    lam : float or ndarray, optional
        The strength λ ≥ 0: required with a name, left out with a :class:`Penalty`.
    l1_ratio : float, default 0.5
        ρ in [0, 1], for ``penalty="elastic_net"``.
    allow_none : bool, default False
        Accept ``penalty=None`` (and return ``None``) instead of raising ``TypeError``.

    Examples
    --------
    >>> as_penalty("l1", lam=0.5) == as_penalty(l1(0.5))
    True
    """
    if isinstance(penalty, Penalty):
        if lam is not None:
            raise ValueError(f"penalty={penalty!r} already holds its lam; pass either "
                             f"penalty='{penalty.name}', lam=... or the Penalty object alone.")
        return penalty
    if penalty is None:
        if not allow_none:
            raise TypeError("penalty is required: pass a name ('l2', 'l1', 'elastic_net') with "
                            "lam=..., or a Penalty such as penalties.l2(0.1).")
        if lam is not None:
            raise ValueError(f"lam={lam!r} was given without a penalty; pass penalty='l2' (or "
                             "'l1', 'elastic_net') with it, or drop lam.")
        return None
    if not isinstance(penalty, str):
        raise TypeError(f"penalty must be a name ('l2', 'l1', 'elastic_net') or a Penalty such as "
                        f"penalties.l2(0.1), got {penalty!r} of type {type(penalty).__name__}.")
    check_choice(penalty, "penalty", PENALTIES)
    if lam is None:
        raise TypeError(f"penalty='{penalty}' needs a strength: pass lam=..., e.g. lam=0.1 "
                        "(lam=0 for none).")
    return make_penalty(penalty, lam, l1_ratio)
