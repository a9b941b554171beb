r"""One place for the conversions between this course's λ and other libraries' knobs.

The course (following the seed): objective ``(1/n)·Σ(ŷ − y)² + λ·Σw²`` (L2), gradient of the
penalty ``2λw``. One SGD step with learning rate η is then

.. math::

    w \leftarrow w - η(\nabla\text{loss} + 2λw) = w\,(1 - 2ηλ) - η\,\nabla\text{loss},

which is the seed's decay step ``w ← w·(1 − ηλ') − η·∇loss`` with ``λ' = 2λ``. PyTorch's
``weight_decay`` is that ``λ'``: it adds ``weight_decay·w`` to the gradient, the gradient
of ``(weight_decay/2)·Σw²``. Hence ``weight_decay = 2λ``.

The full table (with Keras, optax and scikit-learn) is in ``notebooks/12_conventions.ipynb``;
``lessons_lib.linear.sklearn_alpha`` maps λ to scikit-learn's ``alpha``.
"""
from __future__ import annotations

import math

from ._validate import (
    check_choice,
    check_int,
    check_nonneg,
    check_positive,
    check_scalar,
    finite_result,
    warn_unwise,
)


@finite_result("lam is too large: 2·lam overflows. Typical values of λ are well below 1.")
def weight_decay_from_lam(lam: float) -> float:
    """PyTorch ``weight_decay`` (SGD, Adam) equivalent to the course's L2 ``λ·Σw²``: ``2λ``.

    Parameters
    ----------
    lam : float
        The course's L2 strength λ ≥ 0.
    """
    return 2.0 * check_nonneg(lam, "lam")


def lam_from_weight_decay(weight_decay: float) -> float:
    """The course's L2 λ equivalent to PyTorch's ``weight_decay``: ``weight_decay / 2``.

    Parameters
    ----------
    weight_decay : float
        PyTorch's ``weight_decay`` (≥ 0).
    """
    return check_nonneg(weight_decay, "weight_decay") / 2.0


def decay_factor(lr: float, weight_decay: float) -> float:
    """The per-step multiplier ``1 − lr·weight_decay`` of SGD's (and AdamW's) weight decay.

    ``|factor| < 1`` shrinks weights towards 0; ``factor ≤ 0`` (``lr·weight_decay ≥ 1``)
    flips their sign every step; ``|factor| > 1`` (``lr·weight_decay > 2``) blows them up.

    Parameters
    ----------
    lr : float
        Learning rate (> 0).
    weight_decay : float
        PyTorch's ``weight_decay`` (≥ 0).
    """
    lr = check_positive(lr, "lr")
    weight_decay = check_nonneg(weight_decay, "weight_decay")
    if math.isinf(lr * weight_decay):
        raise OverflowError(f"lr·weight_decay overflows float64 (lr={lr:g}, weight_decay="
                            f"{weight_decay:g}); typical values are lr ≤ 1 and weight_decay ≤ 1.")
    warn_decay(lr, weight_decay, rule="factor", stacklevel=4)
    return 1.0 - lr * weight_decay


def warn_decay(lr: float, weight_decay: float, *, rule: str = "factor", stacklevel: int = 3) -> None:
    """The one place that warns about an unwise ``lr·weight_decay`` (used by ``optim`` too).

    ``rule="factor"`` (this module) and ``"adamw"`` (decay straight on the weights) warn from
    ``lr·weight_decay ≥ 1``, where the factor ``1 − lr·weight_decay`` is no longer in (0, 1);
    ``"sgd"`` warns from ``≥ 2``: SGD's decay passes through the gradient (and momentum), and
    a factor in (−1, 0] still shrinks the weights, with sign flips.

    Parameters
    ----------
    lr : float
        Learning rate.
    weight_decay : float
        PyTorch's ``weight_decay``.
    rule : str, {"factor", "sgd", "adamw"}, default "factor"
        Which threshold applies, as described above.
    stacklevel : int, default 3
        Passed to :func:`warnings.warn`: which caller's line the warning points at.
    """
    lr, weight_decay = check_positive(lr, "lr"), check_nonneg(weight_decay, "weight_decay")
    check_choice(rule, "rule", ("factor", "sgd", "adamw"))
    stacklevel = check_int(stacklevel, "stacklevel", low=1)
    u = lr * weight_decay
    if rule == "factor" and u >= 1:
        warn_unwise(f"lr·weight_decay = {u:g} ≥ 1: the factor {1 - u:g} is not in (0, 1), so "
                    f"pure decay {'oscillates' if u < 2 else 'oscillates and blows up'}.", stacklevel)
    elif rule == "sgd" and u >= 2:
        warn_unwise(f"lr·weight_decay = {u:g} >= 2: on its own, weight decay multiplies each "
                    f"weight by (1 − lr·weight_decay) = {1 - u:g} per step; a factor below 0 "
                    "flips the sign every step and below −1 the weights blow up. Keep "
                    "lr·weight_decay < 2 (well below 1 is typical): lower lr or weight_decay.", stacklevel)
    elif rule == "adamw" and u >= 1:
        warn_unwise(f"lr·weight_decay = {u:g} >= 1: decoupled decay (AdamW, SGDW) multiplies each weight by "
                    f"(1 − lr·weight_decay) = {1 - u:g} per step, which zeroes or flips "
                    "the weights. Typical values give a factor just below 1 (lr=1e-3, "
                    "weight_decay=0.01 to 0.1): lower lr or weight_decay.", stacklevel)


def half_life(lr: float, weight_decay: float) -> float:
    """Steps for pure decay to halve a weight: ``ln 2 / −ln(1 − lr·weight_decay)``, computed with ``log1p``.

    For small ``lr·weight_decay`` this is about ``0.693 / (lr·weight_decay)``.

    Parameters
    ----------
    lr : float
        Learning rate (> 0).
    weight_decay : float
        PyTorch's ``weight_decay`` (> 0, with ``lr·weight_decay < 1``).

    Returns
    -------
    float
        The number of steps, not necessarily a whole number.
    """
    factor = decay_factor(lr, weight_decay)
    if weight_decay == 0 or factor <= 0:
        raise ValueError(f"a half-life needs 0 < 1 − lr·weight_decay < 1, got {factor:g}; "
                         "use a smaller lr·weight_decay (below 1) and a positive weight_decay.")
    # log1p(−u), not log(1 − u): 1 − u rounds away the digits of a small u (at u = 1e-15 the
    # half-life came out 0.08 % off; below u ≈ 1e-16 the factor is exactly 1)
    rate = -math.log1p(-lr * weight_decay)
    if rate == 0 or math.isinf(math.log(2.0) / rate):
        raise OverflowError(f"lr·weight_decay = {lr:g}·{weight_decay:g} is so small that the "
                            "half-life, about 0.693/(lr·weight_decay) steps, overflows float64; use "
                            "a larger lr or weight_decay.")
    return math.log(2.0) / rate


def momentum_decay_factor(lr: float, weight_decay: float, momentum: float) -> float:
    r"""The slow per-step factor of an idle weight under SGD + momentum with L2 in the gradient.

    With ∇loss = 0, ``SGD(lr, momentum=μ, weight_decay)`` is the heavy-ball method on
    ``(weight_decay/2)·w²``; after the first steps the weight shrinks by the larger root of

    .. math::

        z^2 - (1 + μ - \text{lr}\cdot\text{wd})\,z + μ = 0

    per step. The roots are real while ``lr·wd ≤ (1 − √μ)²``; then the weight loses
    ``1 − z ≥ lr·wd/(1 − μ)`` per step (equal to first order in ``lr·wd``). SGDW's decoupled
    decay loses ``lr·wd``, whatever μ (:func:`decay_factor`).

    Parameters
    ----------
    lr : float
        Learning rate (> 0).
    weight_decay : float
        PyTorch's ``weight_decay`` (> 0).
    momentum : float
        μ, in [0, 1).

    Returns
    -------
    float
        The larger root z.

    Examples
    --------
    >>> round(momentum_decay_factor(0.01, 0.1, 0.9), 5)
    0.98887
    """
    u = check_positive(lr, "lr") * check_positive(weight_decay, "weight_decay")
    mu = check_scalar(momentum, "momentum", low=0.0, high=1.0, high_inclusive=False)
    if u > (1 - math.sqrt(mu)) ** 2:
        raise ValueError(f"lr·weight_decay = {u:g} is above (1 − √momentum)² = "
                         f"{(1 - math.sqrt(mu)) ** 2:g}: the roots are complex, the weight "
                         f"oscillates and shrinks by √momentum = {math.sqrt(mu):g} per step; use a "
                         "smaller lr·weight_decay for a plain decay factor.")
    b = 1 + mu - u
    return (b + math.sqrt(max(b * b - 4 * mu, 0.0))) / 2
