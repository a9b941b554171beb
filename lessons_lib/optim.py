r"""Optimizers that read like ``torch.optim``: SGD (with momentum), Adam and AdamW (and SGDW).

Each one follows the single-tensor path of its PyTorch namesake line by line (same
argument names, defaults and order of operations), on numpy arrays updated **in place**:

>>> from lessons_lib import data, models
>>> x, y = data.noisy_curve(20, seed=0)
>>> X = x[:, None]
>>> model = models.MLP((1, 16, 16, 1), seed=0)
>>> opt = AdamW(decay_groups(model.named_parameters(), weight_decay=0.1), lr=1e-2)
>>> for _ in range(200):
...     loss, grads = model.loss_and_grads(X, y)
...     opt.step(grads)
>>> bool(model.loss(X, y) < 0.5 * models.MLP((1, 16, 16, 1), seed=0).loss(X, y))
True

In PyTorch each parameter carries its gradient (``p.grad``). Here the list that
``loss_and_grads`` returns is a :class:`Gradients`: it knows which array each gradient
belongs to, so ``step`` pairs them up whatever order the param groups list the parameters
in (``decay_groups`` puts all weights before all biases). A plain list of arrays also
works, in the optimizer's own order (group after group).

**Weight decay convention.** ``weight_decay`` here is PyTorch's: SGD and Adam add
``weight_decay·w`` to the gradient, i.e. the penalty ``(weight_decay/2)·Σw²``, so the
course's L2 strength λ (penalty ``λ·Σw²``, gradient ``2λw``) corresponds to
``weight_decay = 2λ``. AdamW instead multiplies the weights by ``(1 − lr·weight_decay)``,
and so does :class:`SGDW`, SGD's decoupled twin (not in PyTorch).

Every update is elementwise, so parameters with a leading "model" axis (``K`` models
trained side by side, see ``lessons_lib.models``) work unchanged.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from ._validate import (
    check_array,
    check_bool,
    check_nonneg,
    check_positive,
    check_scalar,
    warn_unwise,
)
from .conventions import warn_decay
from .penalties import is_penalized

#: Above this a learning rate is almost surely a typo (1e3 for 1e-3): warn.
HUGE_LR = 10.0


def _check_lr(lr, stacklevel: int = 6) -> float:
    lr = check_positive(lr, "lr")
    if lr > HUGE_LR:
        warn_unwise(f"lr={lr:g} is huge: typical learning rates are 1e-4 to 1, and the steps "
                    "lr·g will overshoot (or overflow to inf). Did you mean a smaller lr?", stacklevel)
    return lr


class Gradients(list):
    """A list of gradients that knows its parameters: ``self[k]`` is the gradient of ``params[k]``.

    What ``model.loss_and_grads`` returns (the gradient list of the models in
    :mod:`lessons_lib.models`). It is a plain ``list`` in every other way: index it, unpack
    it (``gw, gb = grads``), add to its entries. :meth:`Optimizer.step` uses ``params`` to
    find each parameter's gradient by identity, as PyTorch finds ``p.grad`` on the tensor.

    Parameters
    ----------
    params : sequence of ndarray
        The parameter arrays, in the same order as ``grads``.
    grads : sequence of ndarray
        One gradient per parameter, shaped like it.
    """

    def __init__(self, params, grads):
        super().__init__(grads)
        self.params = list(params)
        if len(self.params) != len(self):
            raise ValueError(f"Gradients got {len(self.params)} parameters but {len(self)} "
                             "gradients; pass one gradient per parameter.")


class Optimizer:
    """The shared plumbing: parameter groups, per-parameter state and ``step``.

    ``param_groups`` is a list of dicts, each with a ``"params"`` list and *every*
    option filled in (group overrides first, then the optimizer's defaults).
    ``state[id(p)]`` holds what the update remembers for parameter ``p`` between steps
    (numpy arrays are not hashable, so they are keyed by ``id``; the optimizer keeps a
    reference to each array, so the ids stay valid).

    There is no ``zero_grad()``: in PyTorch ``backward()`` *adds* into ``p.grad``, so the
    gradients must be cleared before each step. Here ``step(grads)`` receives fresh
    gradients every time and nothing accumulates.

    Parameters
    ----------
    params : iterable of ndarray or of dict
        Float arrays (updated in place), or param-group dicts ``{"params": [...], **options}``.
    defaults : dict
        Every option with its value; a group's own keys override them.
    """

    def __init__(self, params, defaults: dict):
        self.defaults = defaults
        self.state: dict[int, dict] = {}
        self.param_groups: list[dict] = []
        seen: set[int] = set()
        for i, group in enumerate(_as_groups(params)):
            unknown = sorted(set(group) - {"params"} - set(defaults))
            if unknown:
                raise ValueError(f"param group {i} has unknown option(s) {unknown}; "
                                 f"{type(self).__name__} accepts {sorted(defaults)}.")
            group = {**defaults, **group}
            for j, p in enumerate(group["params"]):
                _check_param(p, f"parameter {j} of param group {i}")
                if id(p) in seen:
                    raise ValueError(f"parameter {j} of param group {i} (shape {p.shape}) was already "
                                     "given; list each array once, or it would be updated twice per step.")
                seen.add(id(p))
            self.param_groups.append(self._check_group(group))
        if not seen:
            raise ValueError("the optimizer got an empty parameter list; pass model.parameters().")

    def _check_group(self, group: dict) -> dict:
        """Validate (and warn about) one group's options; subclasses fill this in."""
        raise NotImplementedError

    def _update(self, p: np.ndarray, g: np.ndarray, group: dict, state: dict) -> None:
        """Update one parameter in place; subclasses fill this in."""
        raise NotImplementedError

    def step(self, grads: Sequence[np.ndarray]) -> None:
        """Update every parameter in place, given its gradient.

        Parameters
        ----------
        grads : Gradients or sequence of ndarray
            The :class:`Gradients` from ``model.loss_and_grads`` (matched to the parameters
            by identity, in any order), or a plain list with one array per parameter in the
            optimizer's order (group after group).
        """
        pairs = [(p, group) for group in self.param_groups for p in group["params"]]
        grads = self._match(grads, [p for p, _ in pairs])
        for k, ((p, _), g) in enumerate(zip(pairs, grads)):     # check all before changing any
            if isinstance(g, (list, tuple)):                    # a ragged list, or True read as 1.0
                g = check_array(g, f"grads[{k}]", allow_empty=True, finite=False)
            g = np.asarray(g)
            if g.dtype.kind not in "fiu":
                raise TypeError(f"grads: the gradient for parameter {k} has dtype {g.dtype}; "
                                "gradients are real numbers: pass model.loss_and_grads(X, y)[1].")
            if g.shape != p.shape:
                raise ValueError(f"grads: the gradient for parameter {k} has shape {g.shape}, but "
                                 f"the parameter has shape {p.shape}; pass model.loss_and_grads(X, "
                                 "y)[1], or a plain list in the optimizer's order (group after group).")
            if g.dtype.kind == "f" and not np.all(np.isfinite(g)):
                raise ValueError(f"grads: the gradient for parameter {k} (shape {p.shape}) contains NaN or "
                                 "inf: the loss has already blown up. Lower lr, or check the "
                                 "model's inputs; no parameter was changed.")
        with np.errstate(over="ignore", invalid="ignore"):      # reported just below, by name
            for k, ((p, group), g) in enumerate(zip(pairs, grads)):
                g = np.asarray(g, dtype=p.dtype)                # as in torch: grad dtype = param dtype
                self._update(p, g, group, self.state.setdefault(id(p), {}))
                if not np.all(np.isfinite(p)):
                    warn_unwise(f"parameter {k} (shape {p.shape}) overflowed to inf or NaN in this "
                                f"step (lr={group['lr']:g}): the update lr·g is too large. Lower lr.")

    @staticmethod
    def _match(grads, params: list[np.ndarray]) -> list:
        """The gradients in the optimizer's order: by identity for :class:`Gradients`."""
        if grads is None or isinstance(grads, (np.ndarray, dict, str)) or np.isscalar(grads):
            raise TypeError("step needs one gradient per parameter: pass grads from "
                            "`loss, grads = model.loss_and_grads(X, y)`, or a list of arrays "
                            f"such as [g]; got {type(grads).__name__}.")
        owners = getattr(grads, "params", None)
        if owners is None:
            try:
                grads = list(grads)
            except TypeError:
                raise TypeError("grads must be a list of arrays (one per parameter), got "
                                f"{type(grads).__name__}.") from None
            if len(grads) != len(params):
                raise ValueError(f"expected {len(params)} gradients (one per parameter), got "
                                 f"{len(grads)}. Pass model.loss_and_grads(X, y)[1], or a list in "
                                 "the optimizer's order (group after group).")
            return grads
        by_id = {id(p): k for k, p in enumerate(owners)}
        held = {id(p) for p in params}
        for k, p in enumerate(owners):
            if id(p) not in held:
                raise ValueError(f"grads[{k}] belongs to a parameter (shape {np.shape(p)}) this "
                                 "optimizer does not hold; build the optimizer from the same "
                                 "model's parameters (e.g. decay_groups(model.named_parameters(), "
                                 "...)).")
        missing = [k for k, p in enumerate(params) if id(p) not in by_id]
        if missing:
            raise ValueError(f"no gradient for parameter {missing[0]} (shape {params[missing[0]].shape}) "
                             "of this optimizer; pass the gradients of the model the optimizer "
                             "was built from.")
        return [grads[by_id[id(p)]] for p in params]

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__} ("]
        for i, group in enumerate(self.param_groups):
            opts = ", ".join(f"{k}={v}" for k, v in group.items() if k != "params")
            lines.append(f"  group {i}: {len(group['params'])} params, {opts}")
        return "\n".join(lines + [")"])


def _as_groups(params) -> list[dict]:
    """``[array, ...]`` or ``[{"params": [...], **options}, ...]`` → a list of group dicts."""
    if isinstance(params, (np.ndarray, dict)):
        raise TypeError("params must be a list of arrays (or of param-group dicts), got a single "
                        f"{type(params).__name__}; wrap it in a list: [w].")
    try:
        params = list(params)
    except TypeError:
        raise TypeError(f"params must be a list of arrays, got {type(params).__name__}.") from None
    n_dicts = sum(isinstance(x, dict) for x in params)
    if 0 < n_dicts < len(params):
        raise TypeError("params mixes arrays and param-group dicts; put every array in a group: "
                        "[{'params': [w1]}, {'params': [w2], 'weight_decay': 0.0}].")
    groups = [dict(g) for g in params] if n_dicts else [{"params": params}]
    for i, group in enumerate(groups):
        if "params" not in group:
            raise ValueError(f"param group {i} has no 'params' key: {{'params': [w, ...], ...}}.")
        ps = group["params"]
        group["params"] = [ps] if isinstance(ps, np.ndarray) else list(ps)
    return groups


def _check_param(p, where: str) -> None:
    if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
        what = f"an array of dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
        raise TypeError(f"{where} must be a float numpy array, got {what}. Convert it once with "
                        "p = np.asarray(p, dtype=float) and keep that array: it is updated in place.")
    if not p.flags.writeable:
        raise ValueError(f"{where} is read-only; pass a writeable copy, e.g. p = p.copy().")
    if not np.all(np.isfinite(p)):
        raise ValueError(f"{where} contains NaN or inf; start from finite values.")


def _check_betas(betas) -> tuple[float, float]:
    if not isinstance(betas, (tuple, list)) or len(betas) != 2:
        raise ValueError(f"betas must be a pair (beta1, beta2) such as (0.9, 0.999), got {betas!r}.")
    return tuple(check_scalar(b, f"betas[{i}]", low=0.0, high=1.0, high_inclusive=False,
                              hint="Each beta is a forgetting factor; e.g. (0.9, 0.999).")
                 for i, b in enumerate(betas))


class SGD(Optimizer):
    r"""Stochastic gradient descent with optional momentum, as ``torch.optim.SGD``.

    Each step, for every parameter ``w`` with gradient ``g``::

        g ← g + weight_decay·w                       (if weight_decay ≠ 0)
        if momentum ≠ 0:
            b ← g                                    (first step: no dampening)
            b ← momentum·b + (1 − dampening)·g       (later steps)
            g ← g + momentum·b  if nesterov  else  b
        w ← w − lr·g

    ``weight_decay`` here is PyTorch's: it adds ``weight_decay·w`` to the gradient, i.e.
    the penalty ``(weight_decay/2)·Σw²``, so the course's L2 λ corresponds to
    ``weight_decay = 2λ``. Without momentum and data, decay alone multiplies ``w`` by
    ``(1 − lr·weight_decay)`` each step, which blows up when ``lr·weight_decay > 2``.

    Parameters
    ----------
    params : iterable of ndarray or of dict
        A list of float arrays, or of param-group dicts (``{"params": [...], "lr": ...}``)
        whose keys override the options below for that group.
    lr : float
        Learning rate (required, as in PyTorch).
    momentum : float, default 0.0
        Momentum factor μ ≥ 0 (0 = plain gradient descent).
    dampening : float, default 0.0
        Scales the new gradient in the buffer by ``1 − dampening``.
    weight_decay : float, default 0.0
        L2 coefficient added to the gradient (``= 2λ``).
    nesterov : bool, default False
        Use Nesterov momentum (needs ``momentum > 0`` and ``dampening = 0``).

    Examples
    --------
    >>> w = np.array([1.0, -2.0])
    >>> opt = SGD([w], lr=0.1, weight_decay=0.5)
    >>> opt.step([np.array([1.0, 1.0])])     # g + 0.5·w = [1.5, 0.0]
    >>> w
    array([ 0.85, -2.  ])
    """

    def __init__(self, params: Iterable, lr: float, momentum: float = 0.0, dampening: float = 0.0,
                 weight_decay: float = 0.0, nesterov: bool = False):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening,
                                      weight_decay=weight_decay, nesterov=nesterov))

    def _check_group(self, group: dict) -> dict:
        group["lr"] = _check_lr(group["lr"])
        group["momentum"] = check_nonneg(group["momentum"], "momentum", hint="Use momentum=0 for "
                                         "plain gradient descent, 0.9 is a common choice.")
        group["dampening"] = check_scalar(group["dampening"], "dampening", low=0.0, high=1.0,
                                          hint="Leave dampening=0 unless you know you need it.")
        group["weight_decay"] = check_nonneg(group["weight_decay"], "weight_decay")
        group["nesterov"] = check_bool(group["nesterov"], "nesterov")
        if group["nesterov"] and (group["momentum"] == 0 or group["dampening"] != 0):
            raise ValueError("Nesterov momentum requires a momentum > 0 and zero dampening; "
                             "set momentum=0.9, dampening=0 or nesterov=False.")
        if group["momentum"] >= 1:
            warn_unwise(f"momentum={group['momentum']:g} >= 1: the buffer never forgets old "
                        "gradients and the steps grow without bound; use momentum < 1, e.g. 0.9.", 5)
        warn_decay(group["lr"], group["weight_decay"], rule="sgd", stacklevel=6)
        return group

    #: SGD's decay is *coupled* (``g ← g + weight_decay·w``, so it enters the momentum
    #: buffer); :class:`SGDW` sets this to True (``w ← w·(1 − lr·weight_decay)``).
    decoupled_weight_decay = False

    def _update(self, p, g, group, state):
        if group["weight_decay"] != 0:
            if self.decoupled_weight_decay:         # SGDW: shrink the weights, not g
                p *= 1 - group["lr"] * group["weight_decay"]
            else:                                   # SGD: L2 through the gradient (and buffer)
                g = g + group["weight_decay"] * p
        mu = group["momentum"]
        if mu != 0:
            buf = state.get("momentum_buffer")
            if buf is None:                                 # first step: b ← g, no dampening
                buf = state["momentum_buffer"] = g.copy()
            else:
                buf *= mu
                buf += (1 - group["dampening"]) * g
            g = g + mu * buf if group["nesterov"] else buf
        p -= group["lr"] * g


class SGDW(SGD):
    r"""SGD with *decoupled* weight decay (Loshchilov & Hutter's SGDW), in AdamW's order.

    Each step, for every parameter ``w`` with gradient ``g``::

        w ← w·(1 − lr·weight_decay)                  (the decay: never enters the buffer)
        if momentum ≠ 0:
            b ← g  (first step),  b ← momentum·b + (1 − dampening)·g  (later)
            g ← g + momentum·b  if nesterov  else  b
        w ← w − lr·g

    Without momentum this is exactly :class:`SGD` with the same ``weight_decay``:
    ``w(1 − lr·wd) − lr·g``. With momentum they differ: SGD's ``weight_decay·w`` is
    accumulated in the buffer and so decays by about ``lr·wd/(1 − momentum)`` per step once
    the buffer is full, SGDW's decay stays ``lr·wd`` per step. PyTorch has no SGDW class; its
    ``AdamW`` applies the decay the same way. Parameters as :class:`SGD`.

    Parameters
    ----------
    params : iterable of ndarray or of dict
        Float arrays (updated in place), or param-group dicts.
    lr : float
        Learning rate.
    momentum : float, default 0.0
        Momentum factor.
    dampening : float, default 0.0
        Scales the new gradient in the buffer by ``1 − dampening``.
    weight_decay : float, default 0.0
        Decoupled decay: each step multiplies the weights by ``1 − lr·weight_decay``.
    nesterov : bool, default False
        Use Nesterov momentum.

    Examples
    --------
    >>> w = np.array([1.0, -2.0])
    >>> opt = SGDW([w], lr=0.1, weight_decay=0.5)
    >>> opt.step([np.array([1.0, 1.0])])     # w·0.95 − 0.1·g
    >>> w
    array([ 0.85, -2.  ])
    """

    decoupled_weight_decay = True

    def _check_group(self, group: dict) -> dict:
        wd = group["weight_decay"]
        group["weight_decay"] = 0.0              # SGD's own check would warn with the sgd rule
        group = super()._check_group(group)
        group["weight_decay"] = check_nonneg(wd, "weight_decay")
        warn_decay(group["lr"], group["weight_decay"], rule="adamw", stacklevel=6)
        return group


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015) with L2 weight decay *coupled* to the gradient, as ``torch.optim.Adam``.

    Each step, for every parameter ``w`` with gradient ``g`` (``t`` counts the steps)::

        t ← t + 1
        g ← g + weight_decay·w                       (L2: goes through m and v below)
        m ← β₁·m + (1 − β₁)·g
        v ← β₂·v + (1 − β₂)·g²
        v_max ← max(v_max, v);  v ← v_max           (amsgrad only)
        denom ← √v / √(1 − β₂ᵗ) + eps
        w ← w − lr/(1 − β₁ᵗ) · m / denom

    ``weight_decay`` here is PyTorch's: it adds ``weight_decay·w`` to the gradient, i.e.
    the penalty ``(weight_decay/2)·Σw²``, so the course's L2 λ corresponds to
    ``weight_decay = 2λ``. Because the decay term is then divided by ``√v``, weights whose
    gradients have been large are decayed far less per step: that is what :class:`AdamW`
    changes. Where the steps stop (full batch, run long), ``∇loss + weight_decay·w = 0``:
    the ridge solution, whatever ``√v``.

    Parameters
    ----------
    params : iterable of ndarray or of dict
        A list of float arrays, or of param-group dicts overriding the options below.
    lr : float, default 1e-3
        Learning rate.
    betas : tuple of float, default (0.9, 0.999)
        Forgetting factors (β₁, β₂) of the running means of ``g`` and ``g²``, in [0, 1).
    eps : float, default 1e-8
        Added to the denominator so it is never 0.
    weight_decay : float, default 0.0
        L2 coefficient added to the gradient (``= 2λ``).
    amsgrad : bool, default False
        Divide by the running maximum of ``v`` (Reddi et al., 2018).

    Examples
    --------
    >>> w = np.array([1.0, -2.0])
    >>> opt = Adam([w], lr=0.1)
    >>> opt.step([np.array([3.0, -0.5])])    # the first step is ≈ lr·sign(g)
    >>> w.round(6)
    array([ 0.9, -1.9])
    """

    def __init__(self, params: Iterable, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 0.0, amsgrad: bool = False):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                                      amsgrad=amsgrad))

    def _check_group(self, group: dict) -> dict:
        group["lr"] = _check_lr(group["lr"], 6 + self.decoupled_weight_decay)   # AdamW: one frame more
        group["betas"] = _check_betas(group["betas"])
        group["eps"] = check_positive(group["eps"], "eps", hint="It only guards against dividing "
                                      "by zero; keep the default 1e-8.")
        group["weight_decay"] = check_nonneg(group["weight_decay"], "weight_decay")
        group["amsgrad"] = check_bool(group["amsgrad"], "amsgrad")
        if self.decoupled_weight_decay:
            warn_decay(group["lr"], group["weight_decay"], rule="adamw", stacklevel=7)
        return group

    #: Adam's L2 is *coupled* (``g ← g + weight_decay·w``); AdamW sets this to True
    #: (``w ← w·(1 − lr·weight_decay)``), like torch's ``decoupled_weight_decay``.
    decoupled_weight_decay = False

    def _update(self, p, g, group, state):
        beta1, beta2 = group["betas"]
        if not state:
            state.update(step=0, exp_avg=np.zeros_like(p), exp_avg_sq=np.zeros_like(p))
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = np.zeros_like(p)
        state["step"] += 1
        t, m, v = state["step"], state["exp_avg"], state["exp_avg_sq"]
        if group["weight_decay"] != 0:
            if self.decoupled_weight_decay:         # AdamW: shrink the weights, not g
                p *= 1 - group["lr"] * group["weight_decay"]
            else:                                   # Adam: L2 through the gradient
                g = g + group["weight_decay"] * p
        m *= beta1                                  # in place: m and v live in self.state
        m += (1 - beta1) * g
        v *= beta2
        v += (1 - beta2) * g * g
        if group["amsgrad"]:
            v = np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])
        bias_correction1 = 1 - beta1 ** t
        bias_correction2 = 1 - beta2 ** t
        denom = np.sqrt(v) / math.sqrt(bias_correction2) + group["eps"]
        p -= (group["lr"] / bias_correction1) * (m / denom)


class AdamW(Adam):
    r"""AdamW: Adam with *decoupled* weight decay, as ``torch.optim.AdamW``.

    Loshchilov & Hutter, "Decoupled Weight Decay Regularization" (ICLR 2019). Each step::

        t ← t + 1
        w ← w·(1 − lr·weight_decay)                  (decay first; g is NOT touched)
        m ← β₁·m + (1 − β₁)·g
        v ← β₂·v + (1 − β₂)·g²
        denom ← √v / √(1 − β₂ᵗ) + eps
        w ← w − lr/(1 − β₁ᵗ) · m / denom

    Every weight shrinks by the same factor per step, however large its gradients (in
    :class:`Adam` the decay term is divided by ``√v``, so busy weights decay far less per
    step). The paper writes ``w ← w − η_t·(α·m̂/(√v̂ + ε) + λ·w)`` with ``η_t`` a schedule
    multiplier (1 for a constant schedule), so its λ is a per-step factor; PyTorch (and this
    class) multiplies the decay by the learning rate: factor ``1 − lr·weight_decay``, the
    factor gradient descent on the course's ``λ·Σw²`` gives with ``weight_decay = 2λ``. With
    ``lr·weight_decay ≥ 1`` it is ≤ 0 and the weights are zeroed or flipped. Options as in
    :class:`Adam`, except the default ``weight_decay=1e-2``.

    Parameters
    ----------
    params : iterable of ndarray or of dict
        A list of float arrays, or of param-group dicts overriding the options below.
    lr : float, default 1e-3
        Learning rate.
    betas : tuple of float, default (0.9, 0.999)
        Forgetting factors (β₁, β₂) of the running means of ``g`` and ``g²``, in [0, 1).
    eps : float, default 1e-8
        Added to the denominator so it is never 0.
    weight_decay : float, default 1e-2
        Decoupled decay: each step multiplies the weights by ``1 − lr·weight_decay``.
    amsgrad : bool, default False
        Divide by the running maximum of ``v`` (Reddi et al., 2018).

    Examples
    --------
    >>> w = np.array([1.0, -2.0])
    >>> opt = AdamW([w], lr=0.1, weight_decay=0.5)
    >>> opt.step([np.zeros(2)])              # g = 0: only the decay, w·(1 − 0.1·0.5)
    >>> w
    array([ 0.95, -1.9 ])
    """

    def __init__(self, params: Iterable, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8, weight_decay: float = 1e-2, amsgrad: bool = False):
        super().__init__(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                         amsgrad=amsgrad)

    decoupled_weight_decay = True          # the W: shrink the weights, leave g alone


def decay_groups(named_params: Iterable[tuple[str, np.ndarray]], weight_decay: float) -> list[dict]:
    """Split parameters into a decayed group (weights) and an undecayed one (biases).

    Like nanoGPT's ``configure_optimizers``: parameters whose name ends with ``"bias"``
    get ``weight_decay = 0``, all others the given ``weight_decay``. Biases are not decayed
    because a bias only shifts a unit's output, it does not make the function steeper or
    wigglier; pulling it towards 0 adds error (think of an intercept) without reducing
    overfitting, and there are too few biases to overfit with anyway. (nanoGPT tells
    weights by ``ndim >= 2``; that breaks with a leading model axis, so names are used.)

    Parameters
    ----------
    named_params : iterable of (str, ndarray)
        ``(name, array)`` pairs, e.g. ``model.named_parameters()``.
    weight_decay : float
        The decay for the weights (PyTorch's convention, ``= 2λ``).

    Returns
    -------
    list of dict
        ``[{"params": weights, "weight_decay": weight_decay}, {"params": biases, "weight_decay": 0.0}]``,
        leaving out an empty group; pass it to :class:`SGD`, :class:`Adam` or :class:`AdamW`.
        Their ``step`` takes the model's gradients as ``loss_and_grads`` returns them
        (a :class:`Gradients` finds each parameter whatever the group order).

    Examples
    --------
    >>> W, b = np.ones((2, 3)), np.zeros(3)
    >>> groups = decay_groups([("fc1.weight", W), ("fc1.bias", b)], weight_decay=0.1)
    >>> [(len(g["params"]), g["weight_decay"]) for g in groups]
    [(1, 0.1), (1, 0.0)]
    """
    weight_decay = check_nonneg(weight_decay, "weight_decay")
    if isinstance(named_params, (str, bytes, dict, np.ndarray)) or not hasattr(named_params, "__iter__"):
        raise TypeError(f"named_params must be (name, array) pairs: pass model.named_parameters(), "
                        f"got {type(named_params).__name__}.")
    decay, no_decay = [], []
    for item in named_params:
        if not (isinstance(item, (tuple, list)) and len(item) == 2 and isinstance(item[0], str)):
            raise TypeError("decay_groups needs (name, array) pairs: pass model.named_parameters(), "
                            "not model.parameters().")
        name, p = item
        (decay if is_penalized(name) else no_decay).append(p)
    groups = [{"params": decay, "weight_decay": weight_decay},
              {"params": no_decay, "weight_decay": 0.0}]
    return [g for g in groups if g["params"]]
