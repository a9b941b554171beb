# %% [markdown]
# # 8 · The family: dropout, early stopping, data augmentation
#
# **Learning goals**
# - watch dropout, early stopping and input noise tame one overfitting network, and know
#   their knobs (p, patience, σ);
# - know why `predict` uses the whole network after **inverted dropout**;
# - read a validation curve as early stopping does;
# - stack all four with weight decay and read an honest table.
#
# *Time: about 49 minutes (reading, dragging the sliders, exercises).*
# *Express path: sections 0, 3 and 5, about 11 minutes.*

# %% [markdown]
# ## 0 · Five ways to regularize <!-- express -->
#
# The source text: *"Weight decay shapes the weights; its siblings attack overfitting from other
# angles, and they stack nicely."* Each changes a different part of training:
#
# | method | what it changes | its knob |
# |---|---|---|
# | L2 in the loss | the **objective**: big weights cost | λ |
# | decoupled weight decay (AdamW) | the **update rule**: each step multiplies every weight in the decayed group (here, not the biases) by (1 − η·wd) | `weight_decay` |
# | dropout | the **network** during training: random units switched off | rate p |
# | early stopping | the **schedule**: when training ends | patience |
# | data augmentation | the **data**: fresh fake examples every step | noise σ |
#
# <details><summary>Go deeper: each row in lessons_lib</summary>
#
# | method | in `lessons_lib` |
# |---|---|
# | L2 in the loss | `train.train(..., penalty=penalties.l2(λ))` |
# | decoupled weight decay (AdamW) | `train.train(..., optimizer="adamw", weight_decay=wd)` |
# | dropout | `models.MLP(..., dropout=p)` |
# | early stopping | `train.train(..., patience=P)` |
# | data augmentation | `train.train(..., augment=jitter(σ))`, `jitter` from `lessons_lib.augment` |
#
# </details>
#
# **Notation**: wd is PyTorch's `weight_decay`; the course's λ appears only in the L2 row.
# With plain SGD the first two rows coincide at λ = wd/2
# ([conventions table](12_conventions.ipynb#conventions)); the runs use AdamW
# ([notebook 7](07_adamw.ipynb)), where they do not.

# %% [markdown]
# ## 1 · The patient: a network that overfits
#
# 20 points of the course's curve with noise σ_y = 0.4: even the true curve has an MSE of
# **0.16** on new points (the noise floor). 100 **validation** points decide what we
# tune; 1,000 **test** points are used once, for the final table. The network: two hidden
# layers of 64 tanh units (4,353 parameters for 20 points), AdamW (η = 0.02,
# weight_decay 0 unless tuned; PyTorch's default: 0.01), 300 full-batch steps, three
# starts (seeds 0, 1, 2): panels show seed 0, summaries average the three.

# %%
import numpy as np

from lessons_lib import data, exercises, models, penalties, plots, runs_nets, train, widgets
from lessons_lib.augment import jitter, noisy_copies
from lessons_lib.stopping import EarlyStopping

SIZES, LR, STEPS, EVERY, SEEDS, PATIENCE = runs_nets.FAMILY   # (1, 64, 64, 1), 0.02, 300, 5, ...
prob = data.mlp_set()                  # 20 training, 100 validation, 1,000 test points
x, y, x_grid, truth = prob.x, prob.y, prob.x_grid, prob.truth
X, X_val, X_test, X_grid = x[:, None], prob.x_val[:, None], prob.x_test[:, None], x_grid[:, None]
# helpers in the hidden cell below: print_grid, one_net, seed0, finish, end_of_training

# %% jupyter={"source_hidden": true} tags=["hide-input"]
NOISE = prob.noise


def one_net(params, dropout=0.0):
    """A single MLP holding ``params`` (e.g. seed 0's slice of a stack, or a snapshot)."""
    net = models.MLP(SIZES, dropout=dropout)
    net.set_params(params)
    return net


def seed0(stack):
    """Seed 0's parameters, sliced out of a stack."""
    return [q[0] for q in stack.get_params()]


def print_grid(name, settings, fmt, train_mse, val_mse):
    """One row per setting: training MSE, validation MSE per seed and their mean."""
    width = len(format(settings[0], fmt))
    print(f" {name}{' ' * (width + 1)}train MSE   validation MSE (seeds 0, 1, 2)   mean")
    for value, tr, va in zip(settings, train_mse, val_mse):
        per_seed = "  ".join(f"{v:.4f}" for v in va)
        print(f"{value:{fmt}}   {tr.mean():.4f}     {per_seed}          {va.mean():.4f}")


def finish(ax, title, legend_below=True, **legend):
    """Title at 10 pt and the legend, below the axes by default."""
    ax.set_title(title, fontsize=10)
    if legend_below:
        legend = dict(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2) | legend
    ax.legend(**legend)


def end_of_training(ax, settings, val, train_mse, current, *, name, xlabel, train_label, fmt):
    """Validation (each seed and the mean) and training error against a setting, with a
    marker at settings[current]. Used for dropout and for noise; returns the panel's
    sentence, the setting written with ``fmt``."""
    ax.plot(settings, val, "o", color=plots.VAL, ms=3, alpha=0.5)
    ax.plot(settings, val.mean(axis=1), color=plots.VAL, lw=2, label="validation (3 seeds)")
    ax.plot(settings, train_mse.mean(axis=1), color=plots.TRAIN, lw=2, label=train_label)
    ax.axhline(NOISE ** 2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor")
    ax.plot([settings[current]], [val[current].mean()], "o", ms=9, color=plots.VAL,
            mec=plots.COLORS["black"], label=f"current {name}")
    ax.set(xlabel=xlabel, ylabel="MSE, last 50 steps", ylim=(0, 0.45))
    finish(ax, f"end of training vs {name} (3 seeds)")
    return (f"{name} = {settings[current]:{fmt}}: seed 0's validation MSE {val[current, 0]:.3f}; "
            f"over 3 seeds, validation {val[current].mean():.3f} and training "
            f"{train_mse[current].mean():.3f} (noise floor {NOISE ** 2:.2f})")


n_params = sum(p.size for p in models.MLP(SIZES).parameters())
print(f"{n_params} parameters, {len(x)} training points; noise floor σ_y² = {NOISE ** 2:.2f}")

# %% [markdown]
# <details><summary>Go deeper: three networks in one call</summary>
#
# One network can be lucky or unlucky with its random start. The `copies` trick of
# `lessons_lib.models` stacks three networks along a leading axis, so one `train.train`
# call trains all three: `runs_nets.family_fit` builds the stack from seeds 0, 1 and 2
# (`runs_nets.three_nets`), trains it, records the losses and saves the weights every 5
# steps. It is cached: each setting trains once, whichever cell or answer asks for it.
#
# </details>

# %% [markdown]
# ## 2 · Dropout: noise on neurons
#
# At every training step, each hidden unit is switched off independently with probability
# p. The survivors are scaled up by 1/(1 − p) (**inverted dropout**), so each layer receives
# on average what it would without dropout, and `predict` uses the whole network, unscaled.
#
# <details><summary>Go deeper: the 1/(1 − p) scale, and the ensemble view</summary>
#
# Why it regularizes: a unit can never count on a particular partner being there, so
# features must be useful on their own and in many combinations. In code,
# `net.predict(X, rng=rng)` runs a thinned network, masks drawn as in training.
#
# A unit with output h is kept with probability 1 − p and then multiplied by 1/(1 − p), so
# the next layer receives on average
#
# $$\mathbb{E}[\text{input}] = (1 - p)\cdot\frac{h}{1 - p} + p\cdot 0 = h,$$
#
# the same as with no dropout. Example: h = 0.9, p = 0.25; a kept unit passes on
# 0.9/0.75 = 1.2, a dropped one 0, and 0.75·1.2 + 0.25·0 = 0.9 = h, which is what `predict`
# passes on at test time. (The original paper, Srivastava et al., *JMLR* 2014, kept units
# unscaled during training and multiplied the weights by (1 − p) at test time instead:
# the same expectation, with the correction moved to test time. Frameworks, and
# `lessons_lib.models.MLP`, use the inverted form.) On average, a layer of 64 units at
# p = 0.2 keeps (1 − p)·64 = 51.2 of them active per example and step.
#
# With two tanh layers "on average the same" is an approximation: the average of a
# non-linear network over masks is not the network with average inputs. The panel shows
# how close it is.
#
# The ensemble view: with 128 hidden units there are 2¹²⁸ "thinned" networks, one per
# on/off pattern, all sharing the same weights, and each step trains a random few of them.
# A huge ensemble of networks that must all fit the data is hard to train by memorizing
# noise.
#
# </details>
#
# The grid: p = 0, 0.1, …, 0.6; losses averaged over the last 50 steps (the masks make
# them wobble), the training loss of the whole network.

# %%
# NBVAL_CHECK_OUTPUT
drop = runs_nets.dropout_grid()          # family_fit(dropout=p) at p = 0, 0.1, …, 0.6
RATES, drop_runs, drop_val, drop_train = drop.grid, drop.runs, drop.val_mse, drop.train_mse
print_grid("p", RATES, ".1f", drop_train, drop_val)    # last 50 steps' MSE (helper: see imports)
I_P = drop.best                                    # the best rate's position in RATES
P_BEST = RATES[I_P]
print(f"best rate on validation: p = {P_BEST:.1f}")

# %% [markdown]
# In the panel, the thick line is the whole network (`predict`, used at test time); the
# band and the white circles are the mean ± 1 sd, and the mean, of 150 thinned networks.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
DRAWS = 150
rng_masks = np.random.default_rng(0)
drop_fit, drop_mean, drop_band, drop_se = [], [], [], []
for p, (stack, _) in zip(RATES, drop_runs):
    net = one_net(seed0(stack), dropout=p)                                # seed 0's network
    drop_fit.append(np.clip(net.predict(X_grid), -3, 3))                  # test time: whole net
    thinned = net.predict(np.tile(X_grid, (DRAWS, 1)), rng=rng_masks).reshape(DRAWS, -1)
    mean, std = thinned.mean(axis=0), thinned.std(axis=0)                 # over random masks
    drop_mean.append(np.clip(mean, -3, 3))
    drop_band.append(np.clip((mean - std, mean + std), -3, 3))
    drop_se.append(std / np.sqrt(DRAWS))                                  # of the mean's estimate

gap = np.abs(np.array(drop_fit) - drop_mean)[1:]          # whole net vs thinned mean, p > 0
at = gap.argmax(axis=1)                                   # each p's largest gap, in x
se_at = np.array(drop_se)[1:][np.arange(len(at)), at]
print("p:                           ", "  ".join(f"{p:5.1f}" for p in RATES[1:]))
print("|whole net − thinned mean|:")
print("  mean over x                 ", "  ".join(f"{v:.3f}" for v in gap.mean(axis=1)))
print("  largest                     ", "  ".join(f"{v:.3f}" for v in gap.max(axis=1)))
print("  largest, in standard errors ", "  ".join(f"{v:5.1f}" for v in gap.max(axis=1) / se_at))
in_se = (gap / np.array(drop_se)[1:]).mean(axis=1)       # each x's gap in its own standard errors
print("  mean, in standard errors    ", "  ".join(f"{v:5.2f}" for v in in_se))
print(f"  (if the whole net were the masks' mean, only the noise of {DRAWS} masks: "
      f"√(2/π) = {np.sqrt(2 / np.pi):.2f} standard errors)")

steps = drop_runs[0][1].step


def loss_axes(ax, title, legend_below=False):
    """Noise floor, limits and legend (upper right, or below) of a loss-curve axes."""
    ax.axhline(NOISE ** 2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor 0.16")
    ax.set(ylim=(0.03, 2.0), xlim=(0, STEPS), ylabel="MSE (log scale)")
    finish(ax, title, legend_below, **({} if legend_below else {"loc": "upper right"}))


fig, (ax_fit, ax_loss, ax_p) = plots.new_figure(ncols=3, width=4.1, height=4.2)

# %%
def show_dropout(p):
    i = p.index                                   # p's position on RATES
    hist = drop_runs[i][1]
    ax_fit.plot(x_grid, drop_fit[0], color=plots.COLORS["grey"], lw=1, label="p = 0 (no dropout)")
    if RATES[i] > 0:
        ax_fit.fill_between(x_grid, *drop_band[i], color=plots.COLORS["sky"], alpha=0.45, lw=0,
                            label="thinned nets: mean ± 1 sd")
        ax_fit.plot(x_grid, drop_mean[i], ls="none", marker="o", markevery=0.05, ms=5,
                    mfc="white", mec=plots.COLORS["vermillion"], mew=1.5, zorder=4,
                    label="thinned nets: mean")
    plots.fit_plot(ax_fit, x, y, x_grid, drop_fit[i], truth=truth, label="whole net (predict)")
    finish(ax_fit, f"p = {RATES[i]:.1f}: seed 0 after {STEPS} steps")

    ax_loss.plot(steps, drop_runs[0][1].val_loss[:, 0], color=plots.COLORS["grey"], lw=1,
                 label="validation, p = 0")
    plots.loss_curves(ax_loss, steps, hist.train_loss[:, 0], hist.val_loss[:, 0])
    loss_axes(ax_loss, f"seed 0: validation {drop_val[i, 0]:.3f} at the end")   # hidden cell above

    return end_of_training(ax_p, RATES, drop_val, drop_train, i, name="p", xlabel="dropout rate p",
                           train_label="training, whole net", fmt=".1f")   # helper: see imports


widgets.live(fig, show_dropout, title="dropout",
             p=widgets.float_slider("dropout rate p", 0.3, 0.0, 0.6, step=0.1, fmt=".1f"))

# %% [markdown]
# **What to look for** (the panel opens at p = 0.3):
#
# - **p = 0** (grey line): training MSE 0.063, far *below* the noise floor (memorized
#   noise); validation 0.282.
# - **p = 0.1** already gives 0.191; **p = 0.2** is best (0.183), 0.3 and 0.4 close behind.
# - **p = 0.6** underfits: training MSE 0.269, *above* the noise floor; validation 0.240.
# - The whole network runs close to the thinned networks' mean (circles). Up to p = 0.4 the
#   gap is about the noise of 150 masks (0.85 to 0.93 standard errors, noise alone 0.80);
#   at p = 0.5 and 0.6 it is larger (1.10 and 1.25), a real but small gap.

# %% [markdown]
# ## 3 · Early stopping: quit while ahead <!-- express -->
#
# Without dropout, the validation loss bottoms out early and then **turns up** while the
# training loss keeps falling. Early stopping:
#
# 1. every `eval_every` steps (here 5), compute the validation loss;
# 2. if it is strictly lower than the best so far, remember these weights;
# 3. if `patience` evaluations in a row bring no new best, **stop**;
# 4. in any case, **restore the best weights** at the end.
#
# `train.train(..., patience=P)` does this; P = 10 evaluations wait 50 steps. The right
# panel tracks Σw² over the weight matrices, what L2 charges.
#
# <details><summary>Go deeper: early stopping as L2, and how the panel is computed</summary>
#
# For linear models trained by gradient descent, t steps with learning rate η behave much
# like L2 with the course's λ ≈ 1/(2η·t) (Goodfellow, Bengio & Courville, *Deep Learning*,
# §7.8, who write the penalty as (α/2)·‖w‖² and find α ≈ 1/(η·t); the course's λ is α/2).
# No penalty term, just a schedule.
#
# The panel needs only **one** run (seed 0 without dropout, as in the p = 0 run above,
# weights saved every 5 steps: `runs_nets.early_stopping()`): for each patience, the
# stopping point is read off the recorded validation curve by
# `stopping.EarlyStopping.replay`. The hidden check cell just before the panel confirms,
# for patience 10 and 20, that `train.train(patience=...)` stops at the same step and restores the same
# weights.
#
# `History.best_step` is the step whose weights came back, `History.stopped_step` the step
# where it stopped (None if it ran to the end).
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
es = runs_nets.early_stopping()        # seed 0 alone, no dropout: the p = 0 run above, again
val0, snap0 = es.val_loss, es.snapshots                            # every 5 steps
fits0 = np.clip([one_net(s).predict(X_grid) for s in snap0], -3, 3)   # seed 0's fit every 5 steps
names = [name for name, _ in models.MLP(SIZES).named_parameters()]    # fc1.weight, fc1.bias, ...
sq_w = np.array([sum(np.sum(q ** 2) for name, q in zip(names, s) if penalties.is_penalized(name))
                 for s in snap0])                                       # Σw², biases excluded


def style_patience(patience, best, stop):
    """Titles, limits and legends of the early-stopping panel; returns its sentence."""
    end = "never stops" if stop is None else f"stops at step {steps[stop]}"
    if stop is None:
        plots.message(ax_es, f"no stop within {STEPS} steps,\nbut the best weights (step "
                             f"{steps[best]})\nare restored anyway").set_position((0.6, 0.8))
    loss_axes(ax_es, f"patience {patience} ({patience * EVERY} steps): {end}", legend_below=True)
    finish(ax_esfit, f"weights of step {steps[best]}: validation {val0[best]:.3f}")
    ax_w.set(xlabel="step", ylabel="Σw²", xlim=(0, STEPS), ylim=(0, 1.05 * sq_w.max()))
    finish(ax_w, "the weights grow as training goes on", legend_below=False, loc="lower right")
    return (f"patience {patience} ({patience * EVERY} steps): {end}; the restored weights, from "
            f"step {steps[best]}, have validation MSE {val0[best]:.3f} (after all {STEPS} steps: "
            f"{val0[-1]:.3f}), Σw² = {sq_w[best]:.3g}")


fig, (ax_es, ax_esfit, ax_w) = plots.new_figure(ncols=3, width=4.1, height=4.2)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
for patience in (10, 20):
    best, stop = EarlyStopping.replay(val0, patience)
    net = models.MLP(SIZES, seed=0)
    hist = train.train(net, X, y, lr=LR, steps=STEPS, optimizer="adamw", X_val=X_val,
                       y_val=prob.y_val, eval_every=EVERY, patience=patience, seed=0)
    restored = all(np.allclose(a, b, rtol=0, atol=1e-9)
                   for a, b in zip(net.get_params(), snap0[best]))
    print(f"patience {patience:2d}: from the curve best step {steps[best]}, "
          f"stop at step {steps[stop]};"
          f"  train.train: best_step {hist.best_step}, stopped_step {hist.stopped_step};"
          f"  restored weights = snapshot: {restored}")
    print(f"             validation MSE of the restored weights {net.loss(X_val, prob.y_val):.4f}"
          f" (after all {STEPS} steps: {val0[-1]:.4f})")

# %%
# from the hidden cell above: fits0 (seed 0's fit every 5 steps), sq_w (its Σw²), style_patience
def show_patience(patience):
    i = es.index(patience)
    best, stop = es.best[i], es.stop[i]              # evaluation indices (stop: None = never)
    plots.loss_curves(ax_es, steps, es.train_loss, val0)
    ax_esfit.plot(x_grid, fits0[-1], color=plots.COLORS["grey"], lw=1, label=f"after all {STEPS} steps")
    plots.fit_plot(ax_esfit, x, y, x_grid, fits0[best], truth=truth, color=plots.VAL,
                   label="restored best weights")
    ax_w.plot(steps, sq_w, color=plots.COLORS["purple"], lw=2, label="Σw² (all weight matrices)")
    for ax, curve, label in ((ax_es, val0, "best: weights restored"), (ax_w, sq_w, "restored")):
        ax.plot([steps[best]], [curve[best]], "o", ms=9, color=plots.VAL,
                mec=plots.COLORS["black"], label=label)
        if stop is not None:
            ax.axvline(steps[stop], color=plots.COLORS["vermillion"], lw=2, label="stop")
    if stop is not None:
        ax_es.axvspan(steps[stop], STEPS, color=plots.COLORS["grey"], alpha=0.2, lw=0,
                      label="after the stop (not trained)")
    return style_patience(patience, best, stop)   # titles, limits, legends; "no stop" message


widgets.live(fig, show_patience, title="early stopping",
             patience=widgets.slider("patience (evaluations)", es.grid, 10, fmt="d"))

# %% [markdown]
# **What to look for** (seed 0, no dropout; the panel opens at patience 10):
#
# - **Patience 10**: the best validation MSE is at step 85 (0.173); training stops at step
#   135 and step 85's weights come back. After all 300 steps: 0.299.
# - **Small patience** stops at an early wobble; **patience 44** never stops, yet the best
#   weights still come back: too much patience costs compute, not accuracy.
# - **Σw²** grows from 118 to 405; the restored weights have 152. Early stopping keeps
#   weights small by stopping them early; weight decay, by pulling.

# %% [markdown]
# ## 4 · Data augmentation: more (fake) data
#
# A flipped cat is still a cat. The 1-D version: **shift x a little and y stays about the
# same**. `jitter(σ)` (from `lessons_lib.augment`) replaces each input by x + σ·ε, fresh
# Gaussian noise ε at every step, keeping y: 6,000 different (fake) points in 300 steps.
#
# Input noise is a penalty in disguise: near the best fit, to second order in σ, it adds
# σ²·f′(x)² to the loss, a charge on the **slope** of the fit where weight decay charges
# big weights.
#
# <details><summary>Go deeper: the expansion, why "near the best fit", and noisy copies</summary>
#
# Expanding the loss of a jittered point to second order in σ (Bishop, "Training with noise
# is equivalent to Tikhonov regularization", *Neural Computation*, 1995) gives two terms,
# not one:
#
# $$\mathbb{E}_\varepsilon\big[(f(x + σε) - y)^2\big] \approx (f(x) - y)^2 + σ^2 f'(x)^2 + σ^2 (f(x) - y)\,f''(x).$$
#
# The last term is not small point by point: it vanishes on average near the best fit. The
# f that minimizes the expected loss is, up to order σ², the mean of y given x, so there
# the residual f(x) − y averages to zero at each x and the term only contributes at order
# σ⁴ (Bishop's argument). Far from that fit (early in training) it does not vanish. With 20 training points that average is rough, so the equivalence is
# approximate. The price is the same as for any penalty: a σ as large as the real features
# of the curve blurs them.
#
# `noisy_copies(n, σ)` (same module) is a variant that keeps the 20 originals and adds n noisy
# copies of them at each step.
#
# </details>
#
# The panel: seed 0's fit with one step's jittered inputs (orange crosses); validation MSE
# against σ.

# %%
# NBVAL_CHECK_OUTPUT
noise = runs_nets.noise_grid()           # family_fit(sigma=σ): augment=jitter(σ), σ = 0 … 0.3
SIGMAS, aug_runs, aug_val, aug_train = noise.grid, noise.runs, noise.val_mse, noise.train_mse
print_grid("σ", SIGMAS, ".2f", aug_train, aug_val)
I_SIGMA = noise.best
SIGMA_BEST = SIGMAS[I_SIGMA]
print(f"best σ on validation: {SIGMA_BEST:.2f}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
aug_fit = [np.clip(one_net(seed0(stack)).predict(X_grid), -3, 3) for stack, _ in aug_runs]
right = (x_grid > 0) & (x_grid < 1)                          # where the true curve has its hump
print("the hump, highest point for 0 < x < 1:")
for name, f in [("true curve", truth)] + [(f"σ = {s:.2f}", f) for s, f in zip(SIGMAS, aug_fit)]:
    print(f"  {name:10s} {f[right].max():.2f} at x = {x_grid[right][np.argmax(f[right])]:.2f}")
eps = np.random.default_rng(1).standard_normal(len(x))      # one step's noise, rescaled by σ
fig, (ax_afit, ax_s) = plots.new_figure(ncols=2, width=4.6, height=4.2)

# %%
# from the hidden cell above: aug_fit (seed 0's fit per σ), eps (one step's noise), ax_afit, ax_s
def show_sigma(sigma):
    i = sigma.index                               # σ's position on SIGMAS
    if SIGMAS[i] > 0:
        ax_afit.plot(x + SIGMAS[i] * eps, y, "+", color=plots.COLORS["orange"], ms=7, mew=1.5,
                     label="jittered inputs (one step)")
    ax_afit.plot(x_grid, aug_fit[0], color=plots.COLORS["grey"], lw=1,
                 label="σ = 0 (no augmentation)")
    plots.fit_plot(ax_afit, x, y, x_grid, aug_fit[i], truth=truth, label="fit with σ")
    ax_afit.set_xlim(-1.1, 1.1)
    finish(ax_afit, f"σ = {SIGMAS[i]:.2f}: seed 0, validation {aug_val[i, 0]:.3f}")
    return end_of_training(ax_s, SIGMAS, aug_val, aug_train, i, name="σ", xlabel="input noise σ",
                           train_label="training (clean inputs)", fmt=".2f")


widgets.live(fig, show_sigma, title="input-noise augmentation",
             sigma=widgets.float_slider("σ (input noise)", 0.15, 0.0, 0.3, step=0.05))

# %% [markdown]
# **What to look for** (the panel opens at σ = 0.15):
#
# - **σ = 0.05** already brings validation from 0.282 to 0.196; **σ = 0.15** is best
#   (0.176). The fit no longer chases the narrow dip at x ≈ −0.45, whose steep slopes
#   σ²·f′(x)² charges.
# - **σ = 0.3** underfits (training MSE 0.361). Even the best σ flattens the hump near
#   x = 0.5 (seed 0's fit peaks at 0.69, the true curve at 1.15); σ = 0.3 leaves none.
#
# <details><summary>Go deeper: why the seeds agree for σ > 0</summary>
#
# For σ > 0 the three seeds' dots nearly coincide (σ = 0.15: 0.1745 to 0.1780); at σ = 0
# they do not (0.2561 to 0.2954). Shared inputs cannot explain it: at σ = 0 the three
# networks see identical inputs too, and they differ only in their initial weights, with
# or without noise. What changes is the objective. Without noise, 4,353 parameters can fit
# 20 points in many ways; each start finds its own, and how it wiggles between the points
# sets its validation error. Input noise charges steep functions (σ²·f′(x)²), which rules
# out most of the wiggly fits, so every start lands near the same smooth function. Dropout
# does the same (p = 0.2: 0.1788 to 0.1877).
#
# </details>

# %% [markdown]
# ## 5 · Stacking them, with weight decay <!-- express -->
#
# Weight decay is tried at wd = 0.3, 1 and 3; each method gets its best setting on
# validation, early stopping patience 10. Two rows combine all four:
# weight decay, dropout and augmentation each at its best **alone**, or **turned down** to
# the weakest non-zero setting of its grid (wd = 0.3, p = 0.1, σ = 0.05). The table gives
# test MSE, and the validation MSE a choice between rows would rest on.
#
# <details><summary>Go deeper: the table vs the grids, why wd is so large, early stopping on a stack</summary>
#
# The table measures the final weights, where the grids above averaged the last 50 steps,
# so the same run reads a little differently ("nothing": validation 0.2857 here, 0.2820 in
# the dropout grid).
#
# These values of wd are much larger than the source text's sensible default of 0.01 because
# the run is short: decoupled decay acts per step, and in only 300 steps wd = 0.01
# multiplies a weight by (1 − 0.02·0.01)³⁰⁰ ≈ 0.94 in all. Over 10⁵ steps at this learning rate the same 0.01
# adds up to a strong pull; here it would be invisible. The per-step factors 1 − η·wd of
# the grid are 0.994, 0.98 and 0.94.
#
# `train.train(patience=...)` takes a single model, so for the three stacked networks the
# rule is applied as section 3 checked it: each network's validation curve goes through
# `stopping.EarlyStopping.replay`, and its weights are restored from the snapshot of its best step (identical
# to stopping there, because later steps cannot change earlier ones).
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
def three_mse(stack):
    """(training, validation, test MSE) of a stack of three trained networks: one value per seed."""
    return stack.loss(X, y), stack.loss(X_val, prob.y_val), stack.loss(X_test, prob.y_test)


early_stopped = runs_nets.early_stopped   # each net's weights at its best step (patience 10)

# %%
decay = runs_nets.decay_grid()           # family_fit(weight_decay=wd) at wd = 0.3, 1, 3
WDS, wd_runs, I_WD = decay.grid, decay.runs, decay.best
four = runs_nets.stacked()          # family_fit(**four.best_settings), and of down_settings
all_best, all_down = four.best, four.down
print(f"best alone: {four.best_settings}\nturned down: {four.down_settings} (both: patience 10)")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
rows = {                                     # (training, validation, test MSE), one per seed
    "nothing": three_mse(drop_runs[0][0]),
    f"weight decay (wd = {WDS[I_WD]:g})": three_mse(wd_runs[I_WD][0]),
    f"dropout (p = {P_BEST:.1f})": three_mse(drop_runs[I_P][0]),
    "early stopping (patience 10)": three_mse(early_stopped(*drop_runs[0])),
    f"augmentation (σ = {SIGMA_BEST:.2f})": three_mse(aug_runs[I_SIGMA][0]),
    "all four, each at its best": three_mse(early_stopped(*all_best)),
    "all four, three turned down": three_mse(early_stopped(*all_down)),
}
print("weight decay on validation: " + ", ".join(
    f"wd = {wd:g}: {v.mean():.4f}" for wd, v in zip(WDS, decay.val_mse)))
print(f"\n{'':30s} training  validation |        test MSE (noise floor 0.16)")
print(f"{'':30s}  MSE       MSE      |  seed 0   seed 1   seed 2    mean")
for name, (mse_train, mse_val, mse_test) in rows.items():
    print(f"{name:30s}  {mse_train.mean():.4f}    {mse_val.mean():.4f}   |  "
          + "   ".join(f"{m:.4f}" for m in mse_test) + f"   {mse_test.mean():.4f}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, ax = plots.new_figure(width=7.5, height=3.4)
names = list(rows)
order = np.arange(len(names))[::-1]
means = np.array([rows[n][2].mean() for n in names])
ax.barh(order, means - NOISE ** 2, left=NOISE ** 2, color=plots.COLORS["sky"], height=0.6,
        label="mean of 3 seeds")
for k, n in zip(order, names):
    ax.plot(rows[n][2], [k] * len(SEEDS), "o", color=plots.COLORS["black"], ms=3.5)
ax.plot([], [], "o", color=plots.COLORS["black"], ms=3.5, label="one seed")
ax.axvline(NOISE ** 2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor 0.16")
ax.set(yticks=order, yticklabels=names, xlabel="test MSE (bars start at the noise floor)",
       xlim=(0.15, 1.05 * max(r[2].max() for r in rows.values())))
ax.set_title("the family on one problem: lower is better", fontsize=10)
ax.legend(loc="center right")
plots.show(fig, alt=f"Test MSE of the same network under each regularizer, mean of {len(SEEDS)} "
                    f"seeds, against the noise floor {NOISE ** 2:g}: " + "; ".join(
                        f"{n} {m:.3f}" for n, m in zip(names, means)) + f". Lowest: {names[np.argmin(means)]}.")

# %% [markdown]
# **What the numbers say** (three seeds, one problem; test MSE, noise floor 0.16):
#
# - **Nothing**: 0.306, almost twice the noise floor.
# - **Each method alone removes most of the excess**: early stopping 0.193, weight decay
#   0.200, dropout 0.204, augmentation 0.211.
# - **All four, each at its best alone: worse than any one** (0.219; training MSE 0.287):
#   each tuned to do the whole job, together they over-regularize.
# - **All four, wd, p and σ turned down** (patience still 10): **0.180, the best row**
#   (settings chosen by a rule, not on the test set); validation agrees (0.165, the lowest).
#
# "They stack nicely", with a caveat: here the stack did best with the three knobs turned
# down (one problem, 3 seeds); tuning a stack jointly is the natural next step.
#
# <details><summary>Go deeper: more from the table, and beyond this problem</summary>
#
# - The single methods' differences are about as large as the spread between seeds, so
#   their ranking is less solid than it looks: dropout's seeds range
#   from 0.1975 to 0.2076, augmentation's from 0.2051 to 0.2185. Early stopping is the most
#   consistent (0.1931 to 0.1940), and the cheapest: it trains fewer steps. It is a natural
#   member of any stack: it picks the step. Weight decay's
#   wd = 1 was a clear choice on validation (0.1735, against 0.2031 for wd = 0.3 and 0.1990
#   for wd = 3).
# - "All four at their best" also loses on validation (0.204, against 0.174 to 0.184 for
#   the single methods). "All four, three turned down" is lower on every seed than any single
#   method (its worst seed, 0.1828, beats early stopping's best, 0.1931).
# - In practice: AdamW with a small `weight_decay`, dropout around 0.1, augmentation the
#   data really allows. This is one small regression problem; on images, augmentation that
#   encodes real invariances (flips, crops) is often the strongest member of the family,
#   and dropout matters more in large networks.
#
# </details>

# %% [markdown]
# ## Exercises
#
# ### Exercise 8.1 · Enough patience
# In the early-stopping panel (section 3), the middle title gives the validation MSE of the
# weights that come back. What is the **smallest patience on the slider** whose restored
# weights are within 0.01 of the lowest validation MSE the run ever reaches?

# %%
smallest_patience = ...   # a patience from the slider

_ = exercises.check("8.1", smallest_patience)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `smallest_patience = 3`. The lowest validation MSE of the run is 0.173, at step 85 (what
# patience 44 restores). Patience 1 and 2 stop at the first wobble (a tiny rise at step 20,
# a bump at step 25) and restore step 15, validation 0.217: a smooth S-curve that has not
# found the hump yet. Patience 3 gets past the bump and stops on a smaller wobble, restoring
# step 65 (0.175, within 0.01); from patience 4 on, training finds step 85. To check it
# without the panel, run `train.train(..., patience=P)` for P = 1, 2, 3, … and read
# `History.best_step`.
#
# </details>

# %% [markdown]
# ### Exercise 8.2 · Where does training stop?
# Write `stop_index(val, patience)`: given successive validation losses, return the
# **index of the evaluation where early stopping stops** (once `patience` evaluations in a
# row brought no strictly lower loss than the best so far), or `len(val) - 1` if never.

# %%
def stop_index(val, patience):
    raise NotImplementedError  # your code here


_ = exercises.check("8.2", stop_index)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def stop_index(val, patience):
#     best, waited = float("inf"), 0
#     for i, v in enumerate(val):
#         if v < best:
#             best, waited = v, 0
#         else:
#             waited += 1
#             if waited >= patience:
#                 return i
#     return len(val) - 1
# ```
#
# On `[1.0, 0.8, 0.9, 0.95, 0.7, 0.75]` with patience 2 it stops at index 3 (0.9 and 0.95
# are two evaluations without beating 0.8) and restores index 1; with patience 3 it
# survives long enough to see 0.7 at index 4 and runs to the end. `train.train` uses the
# same loop, with the index times `eval_every` as the step.
#
# </details>

# %% [markdown]
# ### Exercise 8.3 · σ = 0
# Train one network for 20 steps without augmentation, and one with
# `augment=jitter(0.0)`, same seed and settings. Are the final weights **exactly**
# equal (bit for bit)? Answer `True` or `False`.

# %%
same_weights = ...   # True or False

_ = exercises.check("8.3", same_weights)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `same_weights = True`: x + 0·ε is exactly x, so every step sees the same data and takes the
# same gradient step. The collapsed cell below checks it. Two caveats make good second
# questions. `noisy_copies(4, 0.0)` stacks five identical copies of the data: the
# mean squared error is mathematically the same, but the sums are taken in a different
# order, so the weights agree only up to rounding (after 20 steps they differ by about
# 3e-16). And with dropout **and** augmentation,
# the noise and the masks come from the same random generator: drawing the (zero-scaled)
# noise still uses up random numbers, so the masks, and the weights, change.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
check = {}
for name, augment in [("none", None), ("jitter(0)", jitter(0.0)),
                      ("noisy_copies(4, 0)", noisy_copies(4, 0.0))]:
    net = models.MLP(SIZES, seed=0)
    train.train(net, X, y, lr=LR, steps=20, optimizer="adamw", augment=augment, seed=0)  # wd = 0
    check[name] = net.get_params()
diff = {name: max(np.abs(a - b).max() for a, b in zip(check[name], check["none"]))
        for name in ("jitter(0)", "noisy_copies(4, 0)")}
assert diff["jitter(0)"] == 0.0                     # bit for bit: Exercise 8.3's answer
assert diff["noisy_copies(4, 0)"] < 1e-12           # rounding only
print("checked: the solution's claims about jitter(0.0) and noisy_copies(4, 0.0) hold")

# %% [markdown]
# ## Summary
#
# - L2 changes the **objective**, AdamW's decay the **update rule**, dropout the
#   **network**, early stopping the **schedule**, augmentation the **data**. Dropout and
#   noise show the familiar U; weight decay's three settings dip at wd = 1; too much
#   patience only costs compute.
# - **Dropout** scales the survivors by 1/(1 − p); `predict` uses the whole network.
# - **Early stopping** restores the best weights (Σw² 152 instead of 405).
# - **Input noise** charges the slope, near the best fit.
# - **Stacking**: alone, each cut the test MSE from 0.306 to 0.19–0.21; all four, each at
#   its best alone, underfit (0.219); all four with wd, p and σ turned down (patience 10
#   kept) did best (0.180).
#
# Next: [9 · The classic-ML view](09_classic_ml.ipynb).
