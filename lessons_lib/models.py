r"""Two small models with hand-written backprop: linear regression and an MLP.

Both expose their parameters as numpy arrays, ``named_parameters()`` in PyTorch's
style (``"weight"``, ``"bias"``, ``"fc1.weight"``, …), and return the data loss and its
gradients from ``loss_and_grads(X, y)``. Penalties are *not* included here: the
training loop adds ``λ·penalty(w)`` (see ``lessons_lib.train``).

**Many models at once.** ``model.copies(K)`` returns the same model repeated ``K`` times
along a new leading axis of every parameter. Every formula below broadcasts over that
axis (``X @ W`` with ``W`` of shape ``(K, d, h)`` gives ``(K, n, h)``), so one call
trains a whole grid of λ or η values; losses then come back with shape ``(K,)``.
"""
from __future__ import annotations

import numpy as np

from ._validate import (
    check_array,
    check_choice,
    check_int,
    check_scalar,
    check_seed,
    check_squarable,
    check_Xy,
)
from .optim import Gradients


class _Model:
    """Shared plumbing: parameter access, snapshots and the K-copies trick."""

    _names: list[str]

    def named_parameters(self) -> list[tuple[str, np.ndarray]]:
        """``[(name, array), ...]`` in a fixed order, like ``torch.nn.Module``."""
        return [(name, getattr(self, name.replace(".", "_"))) for name in self._names]

    def parameters(self) -> list[np.ndarray]:
        """The parameter arrays themselves (optimizers update them in place)."""
        return [p for _, p in self.named_parameters()]

    def get_params(self) -> list[np.ndarray]:
        """Copies of the parameters: a snapshot that later training will not change."""
        return [p.copy() for p in self.parameters()]

    def set_params(self, values: list[np.ndarray]) -> None:
        """Write ``values`` into the parameters in place (e.g. restore the best snapshot).

        Parameters
        ----------
        values : list of ndarray
            One array per parameter, in ``parameters()`` order and with the same shapes,
            e.g. from :meth:`get_params`.
        """
        params = self.named_parameters()
        if not isinstance(values, (list, tuple)):
            raise TypeError(f"values must be a list of arrays, one per parameter, such as "
                            f"model.get_params(); got {type(values).__name__}.")
        if len(values) != len(params):
            raise ValueError(f"values has {len(values)} arrays but the model has {len(params)} "
                             "parameters; pass one per parameter, as get_params() returns them.")
        # not checked for NaN/inf: train freezes diverged copies through here, and says so
        values = [check_array(v, f"values[{i}]", allow_empty=True, finite=False) for i, v in enumerate(values)]
        for i, ((name, p), v) in enumerate(zip(params, values)):
            if v.shape != p.shape:
                raise ValueError(f"values[{i}] has shape {v.shape} but parameter {name!r} has shape "
                                 f"{p.shape}; pass arrays from this model's get_params().")
        for (_, p), v in zip(params, values):                # all checked before any is written
            p[...] = v

    @property
    def n_models(self) -> int | None:
        """``K`` for a model made by :meth:`copies`, ``None`` for a single model."""
        return self._k

    def copies(self, k: int):
        """This model repeated ``k`` times along a new leading axis (same initial weights).

        Parameters
        ----------
        k : int
            The number of copies ``K`` ≥ 1.

        Returns
        -------
        model
            A new model of the same class whose parameters have a leading axis of length
            ``k``; this model is not changed.
        """
        k = check_int(k, "k", low=1)
        if self._k is not None:
            raise ValueError("this model already holds several copies; call copies() on a single model.")
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__)
        for name, p in self.named_parameters():
            setattr(new, name.replace(".", "_"), np.repeat(p[None], k, axis=0))
        new._k = k
        return new

    def _check_X(self, X) -> np.ndarray:
        X = check_squarable(check_array(X, "X", ndim=2), "X")
        if X.shape[1] != self.n_features:
            raise ValueError(f"X has {X.shape[1]} features but the model expects {self.n_features}; "
                             "build the same features (e.g. the same polynomial degree) as for training.")
        return X


class LinearRegression(_Model):
    r"""``ŷ = X·w + b`` with mean squared error ``(1/n)·Σ(ŷ − y)²``.

    Gradients: ``∂/∂w = (2/n)·Xᵀ(ŷ − y)``, ``∂/∂b = (2/n)·Σ(ŷ − y)``.
    Polynomial regression is this model on ``data.polynomial_features(x, degree)``.

    Parameters
    ----------
    n_features : int
        The number of columns of ``X``.
    init_scale : float, default 0.0
        Weights start at ``init_scale·N(0, 1)``; the default 0 starts at w = 0.
    seed : int or numpy.random.Generator, default 0
        Seed for the initial weights.
    """

    _names = ["weight", "bias"]

    def __init__(self, n_features: int, *, init_scale: float = 0.0, seed: int = 0):
        self.n_features = check_int(n_features, "n_features", low=1)
        init_scale = check_scalar(init_scale, "init_scale", low=0.0)
        rng = check_seed(seed)
        with np.errstate(over="ignore"):
            self.weight = init_scale * rng.standard_normal(n_features)
        if not np.all(np.isfinite(self.weight)):
            raise OverflowError(f"init_scale={init_scale:g} makes initial weights beyond float64's "
                                "range (about 1.8e308); use a small init_scale such as 0.1, or 0.")
        self.bias = np.zeros(())
        self._k = None

    def predict(self, X) -> np.ndarray:
        """``X·w + b``: shape ``(n,)``, or ``(K, n)`` for K copies.

        Parameters
        ----------
        X : array_like of shape (n, n_features)
            The inputs.
        """
        X = self._check_X(X)
        return self.weight @ X.T + self.bias[..., None]

    def loss(self, X, y) -> float | np.ndarray:
        """Mean squared error on ``(X, y)``.

        Parameters
        ----------
        X : array_like of shape (n, n_features)
            The inputs.
        y : array_like of shape (n,)
            The targets.

        Returns
        -------
        float or ndarray of shape (K,)
            The loss, one per copy for K copies.
        """
        return self.loss_and_grads(X, y)[0]

    def loss_and_grads(self, X, y, *, rng: np.random.Generator | None = None):
        """``(mse, [∂mse/∂w, ∂mse/∂b])``; ``rng`` is accepted for a common interface and unused.

        Parameters
        ----------
        X : array_like of shape (n, n_features)
            The inputs.
        y : array_like of shape (n,)
            The targets.
        rng : numpy.random.Generator, int or None, default None
            Checked as :class:`MLP` checks it, otherwise ignored (there is no dropout).

        Returns
        -------
        loss : float or ndarray of shape (K,)
            The mean squared error, one per copy for K copies.
        grads : Gradients
            ``[∂mse/∂w, ∂mse/∂b]``, shaped like ``[weight, bias]``: a list that knows its
            parameters, so an optimizer matches them whatever its groups.
        """
        X, y = check_Xy(self._check_X(X), y)
        _check_rng(rng)                               # unused here, but checked as MLP checks it
        r = self.weight @ X.T + self.bias[..., None] - y          # residuals ŷ − y
        n = X.shape[0]
        grads = [(2.0 / n) * (r @ X), (2.0 / n) * r.sum(axis=-1)]
        return np.mean(r * r, axis=-1), Gradients(self.parameters(), grads)


def _check_rng(rng) -> np.random.Generator | None:
    """``None`` (no dropout), an int seed or a ``np.random.Generator``."""
    return None if rng is None else check_seed(rng, "rng")


def _softmax_xent(logits: np.ndarray, y: np.ndarray):
    """Mean cross-entropy of integer labels ``y`` and its gradient w.r.t. the logits."""
    z = logits - logits.max(axis=-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    n = logits.shape[-2]
    rows = np.arange(n)
    loss = -logp[..., rows, y].mean(axis=-1)
    dlogits = np.exp(logp)
    dlogits[..., rows, y] -= 1.0
    return loss, dlogits / n


class MLP(_Model):
    r"""A fully connected network with hand-written backprop and optional (inverted) dropout.

    Layer ``i``: ``zᵢ = aᵢ₋₁·Wᵢ + bᵢ``, ``aᵢ = act(zᵢ)`` for hidden layers; the last layer
    is linear. ``loss="mse"`` gives ``(1/n)·Σ(ŷ − y)²`` for a single output;
    ``loss="cross_entropy"`` gives the mean softmax cross-entropy for integer labels.

    Dropout (rate ``p``) zeroes each hidden unit with probability ``p`` during training
    and scales the survivors by ``1/(1 − p)``, so at test time (``predict``) the network
    is used whole and unscaled. It is applied only when ``loss_and_grads`` gets an ``rng``.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths, input first, e.g. ``(1, 32, 32, 1)`` or ``(2, 16, 2)``.
    activation : str, {"tanh", "relu"}, default "tanh"
        The activation of the hidden layers.
    loss : str, {"mse", "cross_entropy"}, default "mse"
        ``"mse"`` (regression, last size 1) or ``"cross_entropy"`` (classification).
    dropout : float, default 0.0
        Dropout rate on hidden units, in [0, 1).
    seed : int or numpy.random.Generator, default 0
        Seed for the initial weights (scaled normal, ``N(0, 1/fan_in)``; biases 0).
    """

    def __init__(self, sizes, *, activation: str = "tanh", loss: str = "mse",
                 dropout: float = 0.0, seed: int = 0):
        if isinstance(sizes, (str, bytes)) or not hasattr(sizes, "__iter__"):
            raise TypeError(f"sizes must be a sequence of layer widths such as (1, 32, 1), got {sizes!r}.")
        sizes = tuple(sizes)
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output width, got {sizes}.")
        for s in sizes:
            check_int(s, "each entry of sizes", low=1)
        self.sizes = sizes
        self.n_features = sizes[0]
        self.activation = check_choice(activation, "activation", ("tanh", "relu"))
        self.loss_name = check_choice(loss, "loss", ("mse", "cross_entropy"))
        if loss == "mse" and sizes[-1] != 1:
            raise ValueError("loss='mse' needs a single output (sizes[-1] == 1).")
        if loss == "cross_entropy" and sizes[-1] < 2:
            raise ValueError("loss='cross_entropy' needs one output per class (sizes[-1] >= 2).")
        self.dropout = check_scalar(dropout, "dropout", low=0.0, high=1.0, high_inclusive=False,
                                    hint="Use 0 for no dropout; 0.1-0.5 are common rates.")
        rng = check_seed(seed)
        self._names = []
        for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
            setattr(self, f"fc{i}_weight", rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in))
            setattr(self, f"fc{i}_bias", np.zeros(fan_out))
            self._names += [f"fc{i}.weight", f"fc{i}.bias"]
        self._k = None

    def _act(self, z):
        return np.tanh(z) if self.activation == "tanh" else np.maximum(z, 0.0)

    def _act_grad(self, z, a):
        return 1.0 - a * a if self.activation == "tanh" else (z > 0).astype(z.dtype)

    def _forward(self, X, rng=None):
        """Outputs and the cache backprop needs; dropout only when ``rng`` is given."""
        params = self.parameters()
        a, cache = X, []
        for i in range(0, len(params), 2):
            W, b = params[i], params[i + 1]
            z = a @ W + b[..., None, :]
            if i + 2 == len(params):
                return z, cache + [(a, z, None, None)]
            h = self._act(z)
            mask = None
            if rng is not None and self.dropout > 0:
                mask = (rng.random(h.shape) >= self.dropout) / (1.0 - self.dropout)
                h_out = h * mask
            else:
                h_out = h
            cache.append((a, z, h, mask))
            a = h_out

    def predict(self, X, *, rng: np.random.Generator | None = None) -> np.ndarray:
        """Network outputs: ``(n,)`` for mse, ``(n, classes)`` logits otherwise.

        Without ``rng`` (test time) the whole network is used, no dropout. With ``rng`` a
        fresh dropout mask is drawn as in a training step (one mask per row), so each
        output comes from a random "thinned" network; averaged over many masks these
        outputs come close to the whole network's.

        Parameters
        ----------
        X : array_like of shape (n, sizes[0])
            The inputs.
        rng : numpy.random.Generator, int or None, default None
            Where dropout masks come from; ``None`` uses the whole network.
        """
        out, _ = self._forward(self._check_X(X), _check_rng(rng))
        return out[..., 0] if self.loss_name == "mse" else out

    def predict_class(self, X) -> np.ndarray:
        """Most likely class per row (cross-entropy models only).

        Parameters
        ----------
        X : array_like of shape (n, sizes[0])
            The inputs.
        """
        if self.loss_name != "cross_entropy":
            raise ValueError("predict_class needs a classifier (loss='cross_entropy'); this MLP is a "
                             "regression model (loss='mse'): use predict(X) for its outputs.")
        return np.argmax(self.predict(X), axis=-1)

    def _check_y(self, y) -> np.ndarray:
        if self.loss_name == "mse":
            return check_squarable(check_array(y, "y", ndim=1), "y")
        check_array(y, "y", allow_empty=True)       # numbers (not a ragged list, not True/False)
        y = np.asarray(y)
        if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
            raise ValueError("for loss='cross_entropy', y must be a 1-D array of integer class labels.")
        if y.size == 0:
            raise ValueError("y is empty; pass at least one sample.")
        if y.size and (y.min() < 0 or y.max() >= self.sizes[-1]):
            raise ValueError(f"y: labels must lie in [0, {self.sizes[-1] - 1}], got {y.min()}..{y.max()}; "
                             "number the classes 0, 1, ... (one output per class, sizes[-1]).")
        return y

    def _check_data(self, X, y):
        X, y = self._check_X(X), self._check_y(y)
        if X.shape[0] != y.shape[0]:
            raise ValueError(f"X has {X.shape[0]} rows but y has {y.shape[0]}.")
        return X, y

    def _data_loss(self, out, y):
        """The data loss of outputs ``out`` and its gradient with respect to them."""
        if self.loss_name == "mse":
            r = out[..., 0] - y
            return np.mean(r * r, axis=-1), (2.0 / y.shape[0]) * r[..., None]
        return _softmax_xent(out, y)

    def loss(self, X, y) -> float | np.ndarray:
        """Data loss without dropout (how the model is evaluated); a forward pass only.

        Parameters
        ----------
        X : array_like of shape (n, sizes[0])
            The inputs.
        y : array_like of shape (n,)
            Targets for ``"mse"``, integer class labels ``0 … sizes[-1] − 1`` otherwise.

        Returns
        -------
        float or ndarray of shape (K,)
            The loss, one per copy for K copies.
        """
        X, y = self._check_data(X, y)
        return self._data_loss(self._forward(X)[0], y)[0]

    def loss_and_grads(self, X, y, *, rng: np.random.Generator | None = None):
        """``(loss, grads)`` with grads in ``parameters()`` order; pass ``rng`` to train with dropout.

        Parameters
        ----------
        X : array_like of shape (n, sizes[0])
            The inputs.
        y : array_like of shape (n,)
            Targets for ``"mse"``, integer class labels ``0 … sizes[-1] − 1`` otherwise.
        rng : numpy.random.Generator, int or None, default None
            Where dropout masks come from; ``None`` means no dropout.

        Returns
        -------
        loss : float or ndarray of shape (K,)
            The data loss, one per copy for K copies.
        grads : Gradients
            One gradient per parameter, shaped like it, in ``parameters()`` order: a list
            that knows its parameters, so an optimizer matches them whatever its groups.
        """
        X, y = self._check_data(X, y)
        out, cache = self._forward(X, _check_rng(rng))
        loss, dz = self._data_loss(out, y)
        params, grads = self.parameters(), []
        for layer in range(len(cache) - 1, -1, -1):
            a_in, _, _, _ = cache[layer]
            W = params[2 * layer]
            grads = [np.swapaxes(a_in, -1, -2) @ dz, dz.sum(axis=-2)] + grads
            if layer == 0:
                break
            _, z_prev, h_prev, mask = cache[layer - 1]
            da = dz @ np.swapaxes(W, -1, -2)
            if mask is not None:
                da = da * mask
            dz = da * self._act_grad(z_prev, h_prev)
        return loss, Gradients(params, grads)
