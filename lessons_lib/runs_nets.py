"""Networks' experiments: the family on one small network (notebook 8), weight decay on real
digits (notebook 10).

One function per experiment a notebook shows (see :mod:`lessons_lib.runs`), in course
order. Training is :func:`lessons_lib.train.train` with AdamW, full batch; early stopping
stops after ``patience`` evaluations without a strictly lower validation loss and restores
the best weights.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from . import data, models, train
from .augment import jitter, shift_images
from .controls import log_grid
from .runs import Run
from .stopping import EarlyStopping

# -- 08 · The family ----------------------------------------------------------------------


class FamilySetup(NamedTuple):
    """Notebook 8's networks and training run.

    Attributes
    ----------
    sizes : tuple of int
        The MLP's layer sizes: 1 input, two hidden layers of 64 tanh units, 1 output.
    lr : float
        AdamW's learning rate η.
    steps : int
        Full-batch steps.
    eval_every : int
        Steps between validations (and saved weights).
    seeds : tuple of int
        The initial weights of the three networks trained side by side.
    patience : int
        Early stopping's patience in the stacked rows, in evaluations.
    """

    sizes: tuple
    lr: float
    steps: int
    eval_every: int
    seeds: tuple
    patience: int


FAMILY = FamilySetup(sizes=(1, 64, 64, 1), lr=0.02, steps=300, eval_every=5, seeds=(0, 1, 2),
                     patience=10)


def three_nets(dropout: float = 0.0) -> models.MLP:
    """The MLPs of seeds 0, 1, 2 stacked into one model of K = 3 (one call trains all three).

    Parameters
    ----------
    dropout : float
        The networks' dropout rate p.
    """
    nets = [models.MLP(FAMILY.sizes, dropout=dropout, seed=s) for s in FAMILY.seeds]
    stack = nets[0].copies(len(nets))
    stack.set_params([np.stack(p) for p in zip(*(net.get_params() for net in nets))])
    return stack


def family_fit(dropout: float = 0.0, weight_decay: float = 0.0,
               sigma: float = 0.0) -> tuple[models.MLP, train.History]:
    """One of notebook 8's runs: :func:`three_nets` on ``data.mlp_set()``, AdamW, all 300 steps.

    Validated, and the weights saved, every ``FAMILY.eval_every`` steps; the random draws
    (dropout masks, input noise) from seed 0. With ``sigma > 0`` each step trains on
    :func:`~lessons_lib.augment.jitter`'s inputs x + σ·ε, fresh ε ~ N(0, 1) at every step.

    Parameters
    ----------
    dropout : float
        The dropout rate p.
    weight_decay : float
        AdamW's decoupled ``weight_decay`` (biases not decayed).
    sigma : float
        The input noise σ (0: no augmentation).

    Returns
    -------
    stack : MLP
        The three trained networks (K = 3); shared, do not train it further.
    hist : History
        Losses per network, shape (61, 3), and the saved weights.
    """
    return _family_fit(float(dropout), float(weight_decay), float(sigma))   # one cache key each


@functools.cache
def _family_fit(dropout: float, weight_decay: float, sigma: float):
    prob = data.mlp_set()
    stack = three_nets(dropout)
    hist = train.train(stack, prob.x[:, None], prob.y, lr=FAMILY.lr, steps=FAMILY.steps,
                       optimizer="adamw", weight_decay=weight_decay,
                       augment=jitter(sigma) if sigma > 0 else None, X_val=prob.x_val[:, None],
                       y_val=prob.y_val, eval_every=FAMILY.eval_every,
                       snapshot_every=FAMILY.eval_every, seed=0)
    return stack, hist


def late(loss: np.ndarray) -> np.ndarray:
    """A loss at the end of training, per network: the mean of the last 10 evaluations
    (50 steps), which smooths dropout's and input noise's wobble.

    Parameters
    ----------
    loss : numpy.ndarray of shape (evaluations, 3)
        A recorded loss, e.g. ``History.val_loss``.
    """
    return np.asarray(loss)[-10:].mean(axis=0)


@dataclass(frozen=True, kw_only=True)
class FamilyGrid(Run):
    """The three networks trained at each value of one knob (the others at 0).

    Parameters
    ----------
    grid : numpy.ndarray
        The knob's values.
    runs : list of tuple
        ``(stack, history)`` of :func:`family_fit` at each.
    train_mse, val_mse : numpy.ndarray of shape (len(grid), 3)
        :func:`late` training and validation MSE, one column per network.
    """

    runs: list
    train_mse: np.ndarray
    val_mse: np.ndarray

    @property
    def best(self) -> int:
        """The position of the lowest validation MSE averaged over the three networks."""
        return int(np.argmin(self.val_mse.mean(axis=1)))


def _family_grid(grid, knob: str) -> FamilyGrid:
    runs = [family_fit(**{knob: v}) for v in grid]
    return FamilyGrid(grid=np.asarray(grid), runs=runs,
                      train_mse=np.array([late(h.train_loss) for _, h in runs]),
                      val_mse=np.array([late(h.val_loss) for _, h in runs]))


@functools.cache
def dropout_grid() -> FamilyGrid:
    """Notebook 8's dropout panel: p = 0, 0.1, …, 0.6, no decay, no augmentation.

    Returns
    -------
    FamilyGrid
        The runs and their late training and validation MSE.
    """
    return _family_grid(np.round(np.arange(0.0, 0.65, 0.1), 1), "dropout")


@functools.cache
def noise_grid() -> FamilyGrid:
    """Notebook 8's input-noise panel: σ = 0, 0.05, …, 0.3, no dropout, no decay.

    Returns
    -------
    FamilyGrid
        The runs (σ = 0 is :func:`dropout_grid`'s p = 0 run) and their late MSE.
    """
    return _family_grid(np.round(np.arange(0.0, 0.325, 0.05), 2), "sigma")


@functools.cache
def decay_grid() -> FamilyGrid:
    """Notebook 8's weight decay row: AdamW's ``weight_decay`` = 0.3, 1, 3.

    Returns
    -------
    FamilyGrid
        The runs and their late MSE.
    """
    return _family_grid(np.array([0.3, 1.0, 3.0]), "weight_decay")


class Stacked(NamedTuple):
    """Notebook 8's two rows with all four methods (early stopping applied by
    :func:`early_stopped`).

    Attributes
    ----------
    best : tuple
        ``(stack, history)``: weight decay, dropout and augmentation each at the setting it
        was best at alone.
    down : tuple
        ``(stack, history)``: the same three each at the weakest non-zero setting of its
        grid. Early stopping keeps its patience (10) in both rows.
    best_settings, down_settings : dict
        The :func:`family_fit` arguments of each.
    """

    best: tuple
    down: tuple
    best_settings: dict
    down_settings: dict


@functools.cache
def stacked() -> Stacked:
    """All four at once: weight decay, dropout and augmentation at the settings each was best
    at alone on validation, and turned down to the smallest non-zero value of each grid
    (wd = 0.3, p = 0.1, σ = 0.05); early stopping (:func:`early_stopped`, patience 10) is
    applied to both unchanged.

    Returns
    -------
    Stacked
        Both runs and their settings.
    """
    grids = {"weight_decay": decay_grid(), "dropout": dropout_grid(), "sigma": noise_grid()}
    best = {knob: float(g.grid[g.best]) for knob, g in grids.items()}
    down = {knob: float(min(v for v in g.grid if v > 0)) for knob, g in grids.items()}
    return Stacked(best=family_fit(**best), down=family_fit(**down), best_settings=best,
                   down_settings=down)


def early_stopped(stack: models.MLP, hist: train.History,
                  patience: int = FAMILY.patience) -> models.MLP:
    """A new stack holding each network's weights at its own early-stopping best step.

    Each network's validation curve goes through :meth:`EarlyStopping.replay`; identical to
    stopping there, because later steps cannot change earlier ones.

    Parameters
    ----------
    stack : MLP
        A trained stack of :func:`three_nets` (only its shapes are used).
    hist : History
        Its history, weights saved at every evaluation (as :func:`family_fit` saves them).
    patience : int
        Early stopping's patience, in evaluations.
    """
    best = [EarlyStopping.replay(hist.val_loss[:, k], patience)[0]
            for k in range(hist.val_loss.shape[1])]
    restored = three_nets()
    restored.set_params([np.stack([hist.snapshots[b][j][k] for k, b in enumerate(best)])
                         for j in range(len(stack.parameters()))])
    return restored


@dataclass(frozen=True, kw_only=True)
class PatienceRun(Run):
    """One recorded run, and where early stopping would stop it for each patience.

    Parameters
    ----------
    grid : tuple of int
        The patiences (in evaluations).
    step : numpy.ndarray
        The evaluated steps.
    train_loss, val_loss : numpy.ndarray
        The losses at those steps.
    snapshots : list of list of numpy.ndarray
        The parameters at those steps.
    best : tuple of int
        For each patience, the evaluation whose weights come back.
    stop : tuple of int or None
        For each patience, the evaluation where training stops (None: it never does).
    """

    step: np.ndarray
    train_loss: np.ndarray
    val_loss: np.ndarray
    snapshots: list
    best: tuple
    stop: tuple


@functools.cache
def early_stopping() -> PatienceRun:
    """Notebook 8's panel: seed 0's MLP (1, 64, 64, 1) on ``data.mlp_set()``, AdamW with
    η = 0.02, no decay, 300 steps, validated (and its weights saved) every 5 steps.

    One run serves every patience: each stopping point is read off its validation curve.

    Returns
    -------
    PatienceRun
        The run and, per patience, its best and stopping evaluations.
    """
    prob = data.mlp_set()
    net = models.MLP(FAMILY.sizes, seed=0)
    hist = train.train(net, prob.x[:, None], prob.y, lr=FAMILY.lr, steps=FAMILY.steps,
                       optimizer="adamw", X_val=prob.x_val[:, None], y_val=prob.y_val,
                       eval_every=FAMILY.eval_every, snapshot_every=FAMILY.eval_every, seed=0)
    grid = (1, 2, 3, 4, 6, 10, 15, 20, 30, 44)
    best, stop = zip(*(EarlyStopping.replay(hist.val_loss, p) for p in grid))
    return PatienceRun(grid=grid, step=hist.step, train_loss=hist.train_loss,
                         val_loss=hist.val_loss, snapshots=hist.snapshots, best=best, stop=stop)


# -- 10 · Sensible defaults ---------------------------------------------------------------


class DigitsSetup(NamedTuple):
    """Notebook 10's network and training run.

    Attributes
    ----------
    sizes : tuple of int
        The MLP's layer sizes (64 pixels in, 10 classes out).
    lr : float
        The learning rate η.
    weight_decay : float
        The recipes' weight_decay.
    steps : int
        Full-batch steps.
    eval_every : int
        Steps between validations (and saved weights).
    patience : int
        Early stopping's patience, in evaluations.
    """

    sizes: tuple
    lr: float
    weight_decay: float
    steps: int
    eval_every: int
    patience: int


DIGITS = DigitsSetup(sizes=(64, 64, 10), lr=1e-2, weight_decay=0.01, steps=300, eval_every=5,
                     patience=10)


@functools.cache
def digits_split(seed: int) -> tuple[np.ndarray, ...]:
    """``data.digits()`` divided by 16 (pixels in [0, 1]), split 20/30/50 % with ``seed``.

    Parameters
    ----------
    seed : int
        The split's seed (0, 1, 2 in notebook 10).

    Returns
    -------
    X_train, y_train, X_val, y_val, X_test, y_test : numpy.ndarray
    """
    X, y = data.digits()
    return data.split(X / 16.0, y, (0.2, 0.3, 0.5), seed=seed)


DIGITS_SHIFTS = shift_images((8, 8), max_shift=1, p=0.5)   # half the images, ≤ 1 pixel
DIGITS_NOISE = jitter(0.2)                                  # N(0, 0.2²) on every pixel


def digits_augment(X, y, rng) -> tuple[np.ndarray, np.ndarray]:
    """Notebook 10's augmentation: shift half the images by up to a pixel, then add N(0, 0.2²)
    noise to every pixel; a fresh draw at every step.

    Parameters
    ----------
    X : numpy.ndarray
        Images, one flattened 8×8 image per row.
    y : numpy.ndarray
        Their labels (kept).
    rng : numpy.random.Generator
        The training loop's random generator.
    """
    return DIGITS_NOISE(*DIGITS_SHIFTS(X, y, rng), rng)


@functools.cache
def digits_fit(optimizer: str, weight_decay: float, early_stopping: bool, augment: bool,
               seed: int, *, lr: float = DIGITS.lr) -> tuple[models.MLP, train.History]:
    """One of notebook 10's runs: ``MLP(DIGITS.sizes)`` (seed ``seed``) on split ``seed``.

    Parameters
    ----------
    optimizer : str
        ``"adam"`` (weight_decay as an L2 term) or ``"adamw"``.
    weight_decay : float
        The weight_decay.
    early_stopping : bool
        Stop with ``DIGITS.patience`` and restore the best weights.
    augment : bool
        Train on :func:`digits_augment`'s images.
    seed : int
        The split, the initial weights and the training's random draws.
    lr : float, default ``DIGITS.lr``
        The learning rate (notebook 10 tries PyTorch's default 10⁻³ once).

    Returns
    -------
    net : MLP
        The trained network (or the restored best one); shared, do not train it further.
    hist : History
        Its history, weights saved at every evaluation.
    """
    Xtr, ytr, Xva, yva, _, _ = digits_split(seed)
    net = models.MLP(DIGITS.sizes, loss="cross_entropy", seed=seed)
    hist = train.train(net, Xtr, ytr, lr=lr, steps=DIGITS.steps, optimizer=optimizer,
                       weight_decay=weight_decay, X_val=Xva, y_val=yva,
                       eval_every=DIGITS.eval_every,
                       patience=DIGITS.patience if early_stopping else None,
                       augment=digits_augment if augment else None,
                       snapshot_every=DIGITS.eval_every, seed=seed)
    return net, hist


@dataclass(frozen=True, kw_only=True)
class DigitsDecay(Run):
    """AdamW on split 0 at every weight_decay of notebook 10's panel, all 300 steps.

    Parameters
    ----------
    grid : numpy.ndarray
        The weight_decay values.
    runs : list of tuple
        ``(net, history)`` of :func:`digits_fit` at each.
    """

    runs: list


@functools.cache
def digits_decay() -> DigitsDecay:
    """Notebook 10's panel: weight_decay from 10⁻⁴ to 10 in half-decades, no early stopping,
    no augmentation.

    Returns
    -------
    DigitsDecay
        The runs.
    """
    grid = log_grid(-4, 1, 0.5)
    return DigitsDecay(grid=grid, runs=[digits_fit("adamw", wd, False, False, 0) for wd in grid])


# -- 05 · Fingerprints (after 10: added later; notebook 5 trains networks too) -------------


@dataclass(frozen=True, kw_only=True)
class MoonNets(Run):
    """Notebook 5's classifiers: one network per penalty and λ, trained from the same start.

    Parameters
    ----------
    grid : numpy.ndarray
        The λ values of the slider.
    X_train, y_train, X_val, y_val : numpy.ndarray
        The two moons: 100 training and 200 validation points.
    nets : dict
        ``"l2"`` and ``"l1"`` → an MLP holding ``len(grid)`` trained copies (copy k trained
        at ``grid[k]``); ``"none"`` → an MLP holding one copy, trained with no penalty.
    """

    X_train: np.ndarray
    y_train: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    nets: dict


@functools.cache
def two_moons_nets() -> MoonNets:
    r"""Notebook 5's two-moons panel: ``data.two_moons(300, noise=0.3, seed=0)`` split ⅓ / ⅔
    (seed 0), an ``MLP((2, 50, 50, 2), loss="cross_entropy", seed=0)`` trained by 1000
    full-batch gradient steps, η = 1, from the same start for every penalty.

    L2 adds λ·Σw² to the loss (weights only, not biases) and steps on its gradient; L1 takes
    the data step, then soft-thresholds the weights at η·λ (``penalty_mode="prox"``), so its
    zeros are exact. λ runs over 0.001, 0.00316, 0.01 (half-decades).

    Returns
    -------
    MoonNets
        The data and the trained networks.
    """
    from .sweep import sweep

    X, y = data.two_moons(n=300, noise=0.3, seed=0)
    X_train, y_train, X_val, y_val = data.split(X, y, (1 / 3, 2 / 3), seed=0)
    start = models.MLP((2, 50, 50, 2), loss="cross_entropy", seed=0)
    grid = log_grid(-3, -2, 0.5)
    nets = {}
    for name, penalty, lams in (("none", "l2", [0.0]), ("l2", "l2", grid), ("l1", "l1", grid)):
        nets[name], _ = sweep(start, X_train, y_train, lams=lams, penalty=penalty, lr=1.0,
                              steps=1000, penalty_mode="prox" if name == "l1" else "gradient")
    return MoonNets(grid=grid, X_train=X_train, y_train=y_train, X_val=X_val, y_val=y_val,
                    nets=nets)
