# %% [markdown]
# # 13 · Questions practitioners ask
#
# Seven questions practitioners often ask, each answered with a run (question 5 with a
# table of library defaults).
#
# Notation: the course's λ is in mean loss + λ·Σw²; **wd** is a library's `weight_decay`
# (for PyTorch's `SGD` and `Adam`, wd = 2λ); **lr** is the learning rate. Other libraries:
# the [conventions table](12_conventions.ipynb#conventions).
#
# *Time: about 15 minutes (reading, running the answers).*

# %%
import numpy as np

from lessons_lib import data, models, optim, runs_decay, runs_practice, train

# %% [markdown]
# ## 1 · Why is Adam's `weight_decay` not AdamW's?
#
# `Adam(weight_decay=wd)` adds wd·w to the gradient, so Adam divides the decay by each
# weight's gradient scale √v̂ like the rest of the step; `AdamW` multiplies every weight by
# (1 − lr·wd) outside that machinery ([notebook 7](07_adamw.ipynb)). On notebook 7's
# problem (a linear fit on 6 standard-normal columns scaled by 0.1, 0.1, 1, 1, 10, 10: two
# quiet, two medium, two busy weights), after 300 steps, the share of each
# weight the decay term takes per step: lr·wd/(√v̂ + ε) for Adam, √v̂ read from the
# optimizer's state (a rate, not a measured change of w), and lr·wd for AdamW:

# %%
# NBVAL_CHECK_OUTPUT
for opt in (optim.Adam, optim.AdamW):
    decay = runs_decay.adam_run(opt, lr=0.01, weight_decay=0.1)["decay"]
    print(f"{opt.__name__ + ':':6s}", np.array2string(decay, formatter={"float": "{:.0e}".format}))

# %% [markdown]
# Adam's spans four orders of magnitude, quiet to busy weights; AdamW's is 10⁻³ for all.
#
# ## 2 · Should weight decay follow the learning-rate schedule?
#
# In PyTorch, Keras and optax it does: their AdamW multiplies a weight by (1 − lr_t·wd)
# each step, with the *current* lr_t, so a schedule schedules the decay too. A weight the
# data ignores keeps Π(1 − lr_t·wd) ≈ e^(−wd·Σlr_t) of itself, so changing lr changes the
# decay; to keep the decay, keep the product lr·wd. Below, `optim.AdamW` on such a weight
# for 10,000 steps with wd = 0.1, its lr set before each step as PyTorch's schedulers do:

# %%
# NBVAL_CHECK_OUTPUT
T, WD = 10_000, 0.1
schedules = {"constant lr = 1e-3": np.full(T, 1e-3), "cosine from 1e-3 to 0":
             runs_practice.cosine_lr(1e-3, T), "constant lr = 5e-4": np.full(T, 5e-4)}
for name, lrs in schedules.items():
    w = runs_practice.adamw_decay(lrs, WD)[-1]
    print(f"{name:22s} Σlr_t = {lrs.sum():6.3f}: w = {w:.4f}; e^(−wd·Σlr_t) = "
          f"{np.exp(-WD * lrs.sum()):.4f}")

# %% [markdown]
# The cosine schedule and half the lr leave the same weight (Σlr_t ≈ 5 for both): what
# counts is wd·Σlr_t.
#
# <details><summary>Go deeper: why following the schedule is the right default</summary>
#
# SGD's step w ← w(1 − lr_t·wd) − lr_t·∇loss stops where ∇loss + wd·w = 0, whatever lr_t:
# the schedule changes the speed, not the destination (the same holds at a fixed point
# of AdamW's step). A decay that ignored the schedule, w ← w(1 − c) − lr_t·∇loss, would
# stop where ∇loss + (c/lr_t)·w = 0: as lr_t → 0 at the end of a schedule, its penalty
# c/lr_t grows without bound and pulls the weights to 0. Loshchilov & Hutter's AdamW also
# multiplies its decay by the schedule multiplier; its decay differs from PyTorch's only in
# not being multiplied by the base learning rate ([notebook 7](07_adamw.ipynb), section 6).
#
# </details>
#
# ## 3 · Why are biases and normalisation layers left undecayed?
#
# Asked, among others, in transformers issues 492 and 10239.
# Decay is there to keep the function gentle, and a bias does not make it steep: it shifts
# a unit, and shrinking it adds error. A norm layer's shift does the same; its gain
# restores a scale the normalisation removed, and decaying it switches the unit down.
# [Notebook 10](10_sensible_defaults.ipynb), section 3, says more (its first fold). Each
# library has a switch: the transformers Trainer leaves bias and LayerNorm parameters out,
# optax's `adamw` takes a `mask`, Keras optimizers have `exclude_from_weight_decay`,
# PyTorch takes a parameter group with `weight_decay=0` ([notebook 7](07_adamw.ipynb),
# section 7). Here, `optim.decay_groups`:

# %%
# NBVAL_CHECK_OUTPUT
net = models.MLP((2, 16, 1), seed=0)
for group in optim.decay_groups(net.named_parameters(), weight_decay=0.1):
    print(f"weight_decay = {group['weight_decay']}: shapes {[p.shape for p in group['params']]}")

# %% [markdown]
# ## 4 · Should you penalise biases at all?
#
# Rarely. A penalty pulls towards 0, and 0 is an arbitrary origin for a bias: add 100 to
# every target, and an unpenalised model adds 100 to its predictions, while a penalised one
# is pulled back towards 0 and bends its weights to make up for it. Below, y = 100 + x·w +
# noise, x standard normal (50 training points, whose sample means are not exactly 0, and
# 1,000 validation points), λ = 0.1: exact fits, and SGD with wd = 2λ on `decay_groups` or
# on every parameter:

# %%
# NBVAL_CHECK_OUTPUT
offset = runs_practice.offset_fits(offset=100.0, lam=0.1, steps=500, lr=0.1)   # SGD: full batch
for name, (coef, b) in offset.fits.items():
    mean_error, mse = offset.val_error[name]
    print(f"{name:23s} b = {b:6.2f}, w = {np.round(coef, 2)}; validation: mean ŷ − y = "
          f"{mean_error:+6.2f}, MSE = {mse:6.2f}")

# %% [markdown]
# Penalising the intercept lowers the predictions by 10.5 on average and multiplies the
# validation MSE by about 380; `decay_groups` (the bias in a group with `weight_decay=0`)
# gives the exact unpenalised fit.
#
# <details><summary>Go deeper: when a penalised bias is harmless</summary>
#
# `linear.fit_linear` and scikit-learn's `Ridge` and `Lasso` never penalise the intercept
# (`LogisticRegression`'s `liblinear` solver does).
#
# If the targets and the features are centred (mean 0), the best intercept is 0 with or
# without the penalty, and the weights are the same: for linear least squares, centring the
# data first makes the question moot (not for a classifier or a network's hidden biases).
#
# </details>
#
# ## 5 · Why do library defaults differ?
#
# AdamW's defaults (for transformers, the Trainer's), read in each library's source:

# %%
# NBVAL_CHECK_OUTPUT
for lib in runs_practice.ADAMW_DEFAULTS:
    if lib.lr is None:
        print(f"{lib.library:31s} wd = {lib.weight_decay:<6g} no default lr: you pass one")
        continue
    u = lib.lr * lib.weight_decay
    print(f"{lib.library:31s} wd = {lib.weight_decay:<6g} lr = {lib.lr:<6g} lr·wd = {u:<7.0e} "
          f"left after 10⁴ steps: {(1 - u) ** 10_000:.3f}")

# %% [markdown]
# The numbers are not comparable as they stand: each multiplies that library's own lr, and
# what a weight feels is lr·wd per step, summed over the run. At their own defaults, a
# weight the data ignores loses 9.5 % in 10,000 steps with PyTorch and 3.9 % with Keras;
# optax's 10⁻⁴ at lr = 10⁻³ would be 10⁻⁷ per step; the Trainer does not decay unless you
# set `weight_decay`. Tune wd for your lr and run length
# ([notebook 10](10_sensible_defaults.ipynb), section 5).
#
# <details><summary>Go deeper: the sources</summary>
#
# - PyTorch 2.13.0: `torch/optim/adamw.py`, `lr=1e-3` (line 24) and `weight_decay=1e-2`
#   (line 27); the decay is `param.mul_(1 - lr * weight_decay)` in `torch/optim/adam.py`.
# - Keras (keras-team/keras at 3422977): `keras/src/optimizers/adamw.py` lines 55–56,
#   `learning_rate=0.001, weight_decay=0.004`; `base_optimizer.py`'s
#   `_apply_weight_decay` does `variable - variable * wd * lr` with the current lr.
# - optax (google-deepmind/optax at 2edbcbe): `optax/_src/alias.py`, `adamw(learning_rate,
#   …, weight_decay=1e-4, mask=None)` (lines 616–624), `learning_rate` required; the decay
#   is added before `scale_by_learning_rate`, so it is multiplied by the lr.
# - transformers (huggingface/transformers at 00349ae): `src/transformers/training_args.py`,
#   `learning_rate` 5e-5 and `weight_decay` 0.0, PyTorch's AdamW by default, and a
#   linear schedule down to 0, which halves Σlr_t once you set a `weight_decay`.
#
# </details>
#
# ## 6 · Why does L1 in the loss with plain SGD never give exact zeros?
#
# The subgradient λ·sign(w) moves a weight by lr·λ whatever its size, so a weight that
# should be 0 hops over it and back. A step that solves the penalty exactly, the prox step
# (soft-thresholding), lands on 0. [Notebook 4](04_l1_sparsity.ipynb), section 2,
# shows it at length; here, its lasso problem trained both ways from w = 0:

# %%
# NBVAL_CHECK_OUTPUT
X, y, _ = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
for mode in ("gradient", "prox"):
    train.train(model := models.LinearRegression(40), X, y, lr=0.1, steps=400, penalty="l1",
                lam=1.0, penalty_mode=mode)
    print(f"{mode:8s} steps: {np.sum(model.weight == 0)} of 40 weights exactly 0")

# %% [markdown]
# ## 7 · Should λ scale with the dataset size?
#
# With the course's mean loss and L2, yes: the best λ falls about like 1/n. The Bayesian view
# ([notebook 9](09_classic_ml.ipynb), section 5) says why: ridge is the most probable w
# under a Gaussian prior N(0, τ²) with λ = σ²/(nτ²); the prior stays, while the data's say
# grows with n. With a summed loss, as scikit-learn's `Ridge(alpha)` (α = n·λ), the best α
# does not grow with n. Below, 50 features with weights drawn from the prior (τ = 0.5, noise
# σ = 1); λ from 10⁻⁴ to 10 (8 per decade) chosen on 1,000 validation points, the error
# averaged over 50 draws at each n:

# %%
# NBVAL_CHECK_OUTPUT
by_n = runs_practice.lam_by_n()
for n, lam, alpha, prior in zip(by_n.ns, by_n.best_lam, by_n.alpha, by_n.map_lam):
    print(f"n = {n:3d}: best λ = {lam:.4f} (σ²/(nτ²) = {prior:.4f}); Ridge's α = n·λ = {alpha:.2f}")

# %% [markdown]
# n grew 16× and the best λ fell 13×, each time within one grid step (a factor 1.33) of
# σ²/(nτ²), while α stayed between 3.3 and 4.2, near σ²/τ² = 4. For the lasso on a sparse
# problem, theory (not run here) takes λ ∝ σ√(log d / n) with d features: it falls more
# slowly than 1/n.
