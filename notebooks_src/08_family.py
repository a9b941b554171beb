# %% [markdown]
# # 8 · The family: dropout, early stopping, data augmentation
#
# **Learning goals**
# - see three siblings of weight decay tame the same overfitting network, each from its own
#   angle, and know each one's knob: the dropout rate p, the patience, the noise σ;
# - explain **inverted dropout**: during training each hidden unit is switched off with
#   probability p and the survivors are scaled by 1/(1 − p), so that at test time the whole
#   network is used as it is;
# - read a validation curve like early stopping does: where training stops for a given
#   patience, and which weights come back;
# - see input-noise augmentation calm a fit, and know why it acts like a smoothness penalty;
# - stack the three with weight decay and read an honest table: what helps on this problem,
#   by how much, and what happens when all four are turned on at full strength.
#
# The seed puts it like this:
#
# > Weight decay shapes the weights; its siblings attack overfitting from other angles, and
# > they stack nicely.
# >
# > - **Dropout** (noise on neurons): randomly switch off neurons during training so no
# >   feature can depend on another always being there.
# > - **Early stopping** (quit while ahead): stop training when validation loss turns up —
# >   regularization by schedule, no penalty term needed.
# > - **Data augmentation** (more (fake) data): flips, crops, noise — make the training set
# >   effectively bigger so there's less noise to memorize in the first place.
#
# Each one changes a different part of training:
#
# | method | what it changes | its knob | in `lessons_lib` |
# |---|---|---|---|
# | weight decay / L2 | the **objective** (or the update): big weights cost | λ, `weight_decay` | `train.train(..., weight_decay=wd)` or `penalty=penalties.l2(λ)` |
# | dropout | the **network** during training: random units switched off | rate p | `models.MLP(..., dropout=p)` |
# | early stopping | the **schedule**: when training ends | patience | `train.train(..., patience=P)` |
# | data augmentation | the **data**: fresh fake examples every step | noise σ | `train.train(..., augment=train.jitter(σ))` |
#
# Weight decay in this notebook is AdamW's decoupled `weight_decay` (notebook 7): every step
# multiplies each weight by (1 − η·wd), outside the Adam machinery. How it relates to the
# course's λ is in the [conventions table](00_start_here.ipynb#conventions).

# %% [markdown]
# ## 1 · The patient: a network that overfits
#
# All four methods get the same patient. The data are 20 noisy points from the course's
# curve sin(πx) + 0.3x, noisier than notebook 1's (noise σ_y = 0.4, so even the true curve
# has a mean squared error of σ_y² = **0.16** on new points: the noise floor). A
# **validation set** of 100 points decides everything we tune (the dropout rate, σ, the
# weight decay, when to stop); a **test set** of 1,000 points is touched only once, for the
# final table.
#
# The network is an MLP with two hidden layers of 64 tanh units, (1, 64, 64, 1): 4,353
# parameters for 20 points. It trains full-batch with AdamW (η = 0.02; `weight_decay = 0`
# makes it plain Adam) for 300 steps, and its losses are recorded every 5 steps.
#
# One network can be lucky or unlucky with its random start, so every experiment trains
# **three** networks with different initial weights (seeds 0, 1 and 2) side by side: the
# `copies` trick of `lessons_lib.models` stacks them along a leading axis, and one
# `train.train` call trains all three. The panels show seed 0; the summaries average the
# three.

# %%
import numpy as np

from lessons_lib import data, exercises, models, penalties, plots, train, widgets

NOISE, LR, STEPS, EVERY = 0.4, 0.02, 300, 5
SIZES, SEEDS = (1, 64, 64, 1), (0, 1, 2)
prob = data.mlp_set()                            # 20 training, 100 validation, 1,000 test points
x, y, x_val, y_val, x_test, y_test = prob.x, prob.y, prob.x_val, prob.y_val, prob.x_test, prob.y_test
X, X_val, X_test = x[:, None], x_val[:, None], x_test[:, None]      # one input column
x_grid = np.linspace(-1, 1, 150)
X_grid, truth = x_grid[:, None], data.true_curve(x_grid)


def three_nets(dropout=0.0):
    """Three MLPs with initial weights from seeds 0, 1, 2, stacked into one K = 3 model."""
    nets = [models.MLP(SIZES, dropout=dropout, seed=s) for s in SEEDS]
    stack = nets[0].copies(len(SEEDS))
    stack.set_params([np.stack(p) for p in zip(*(net.get_params() for net in nets))])
    return stack


def train_three(dropout=0.0, weight_decay=0.0, augment=None, snapshot_every=None):
    """Train the three networks side by side; returns (stack, history)."""
    stack = three_nets(dropout)
    hist = train.train(stack, X, y, lr=LR, steps=STEPS, optimizer="adamw",
                       weight_decay=weight_decay, augment=augment, X_val=X_val, y_val=y_val,
                       eval_every=EVERY, snapshot_every=snapshot_every, seed=0)
    return stack, hist


def one_net(params, dropout=0.0):
    """A single MLP holding ``params`` (e.g. seed 0's slice of a stack, or a snapshot)."""
    net = models.MLP(SIZES, dropout=dropout)
    net.set_params(params)
    return net


def late_val(hist):
    """Validation MSE at the end of training, averaged over the last 10 evaluations (50 steps)."""
    return hist.val_loss[-10:].mean(axis=0)


n_params = sum(p.size for p in models.MLP(SIZES).parameters())
print(f"{n_params} parameters, {len(x)} training points; noise floor σ_y² = {NOISE ** 2:.2f}")

# %% [markdown]
# ## 2 · Dropout: noise on neurons
#
# At every training step, every hidden unit of every example is switched off independently
# with probability p (its output set to 0). A unit can never count on a particular partner
# being there, so it cannot specialise in patching one partner's mistakes on one training
# point: features have to be useful on their own and in many combinations. Another way to
# see it: with 128 hidden units there are 2¹²⁸ "thinned" networks, one per on/off pattern,
# all sharing the same weights, and each step trains a random few of them. Training a huge
# ensemble of networks that must all fit the data is hard to do by memorising noise.
#
# **Inverted dropout.** A unit with output h is kept with probability 1 − p. Kept units are
# multiplied by **1/(1 − p)**, so the expected value that the next layer receives is
#
# $$\mathbb{E}[\text{input}] = (1 - p)\cdot\frac{h}{1 - p} + p\cdot 0 = h,$$
#
# the same as with no dropout at all. That is why `predict` can use the **whole network,
# unscaled**, at test time: its inputs to every layer are, on average, what training saw.
# (The original paper, Srivastava et al., *JMLR* 2014, kept units unscaled during training
# and multiplied the weights by (1 − p) at test time instead: the same expectation, with
# the correction moved to test time. Frameworks, and `lessons_lib.models.MLP`, use the
# inverted form, so the trained network needs no change before use.)
#
# With two tanh layers "on average the same" is an approximation: the average over masks of
# a non-linear network is not exactly the network with average inputs. The panel shows how
# close it is. `net.predict(X, rng=rng)` draws random masks as in training, so its outputs
# come from random thinned networks: the shaded band is their mean ± one standard deviation
# (over 150 draws) and the dotted line their mean. The thick line is the whole network,
# `net.predict(X)`, the one used at test time.
#
# The grid below trains the three networks for each dropout rate 0, 0.1, …, 0.6. The
# training loss in the history is measured on the **whole** network (no dropout), so it can
# be compared with the validation loss. Both are summarised by their average over the last
# 10 evaluations (50 steps), which smooths out the step-to-step wobble that the random masks
# cause; the best rate is the one with the lowest average validation loss over the seeds.

# %%
# NBVAL_CHECK_OUTPUT
RATES = np.round(np.arange(0.0, 0.6 + 0.05, 0.1), 1)
drop_runs = [train_three(dropout=p, snapshot_every=EVERY if p == 0 else None) for p in RATES]
drop_val = np.array([late_val(h) for _, h in drop_runs])                 # (rates, seeds)
drop_train = np.array([h.train_loss[-10:].mean(axis=0) for _, h in drop_runs])



def print_grid(name, settings, fmt, train_mse, val_mse):
    """One row per setting: training MSE, validation MSE per seed and their mean."""
    width = len(format(settings[0], fmt))
    print(f" {name}{' ' * (width + 1)}train MSE   validation MSE (seeds 0, 1, 2)   mean")
    for value, tr, va in zip(settings, train_mse, val_mse):
        per_seed = "  ".join(f"{v:.4f}" for v in va)
        print(f"{value:{fmt}}   {tr.mean():.4f}     {per_seed}          {va.mean():.4f}")


print_grid("p", RATES, ".1f", drop_train, drop_val)
P_BEST = RATES[np.argmin(drop_val.mean(axis=1))]
print(f"best rate on validation: p = {P_BEST:.1f}")

# %%
DRAWS = 150
rng_masks = np.random.default_rng(0)
drop_fit, drop_mean, drop_band = [], [], []
for p, (stack, _) in zip(RATES, drop_runs):
    net = one_net([q[0] for q in stack.get_params()], dropout=p)          # seed 0's network
    drop_fit.append(net.predict(X_grid))                                  # test time: whole net
    thinned = net.predict(np.tile(X_grid, (DRAWS, 1)), rng=rng_masks).reshape(DRAWS, -1)
    mean, std = thinned.mean(axis=0), thinned.std(axis=0)                 # over random masks
    drop_mean.append(mean)
    drop_band.append((mean - std, mean + std))

steps = drop_runs[0][1].step
fig, (ax_fit, ax_loss, ax_p) = plots.new_figure(ncols=3, width=4.1, height=4.2)


def end_of_training(ax, settings, val, train, current, *, name, xlabel, train_label):
    """Validation (each seed and the mean) and training error against a setting, with a
    marker at settings[current]. Used for dropout and for noise."""
    ax.plot(settings, val, "o", color=plots.VAL, ms=3, alpha=0.5)
    ax.plot(settings, val.mean(axis=1), color=plots.VAL, lw=2, label="validation (3 seeds)")
    ax.plot(settings, train.mean(axis=1), color=plots.TRAIN, lw=2, label=train_label)
    ax.axhline(NOISE ** 2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor")
    ax.plot([settings[current]], [val[current].mean()], "o", ms=9, color=plots.VAL,
            mec=plots.COLORS["black"], label=f"current {name}")
    ax.set(xlabel=xlabel, ylabel="MSE, last 50 steps", ylim=(0, 0.45))
    ax.set_title(f"end of training vs {name} (3 seeds)", fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)


def show_dropout(p):
    i = widgets.nearest(RATES, p, log=False)
    hist = drop_runs[i][1]
    ax_fit.plot(x_grid, drop_fit[0], color=plots.COLORS["grey"], lw=1, label="p = 0 (no dropout)")
    if RATES[i] > 0:
        ax_fit.fill_between(x_grid, *np.clip(drop_band[i], -3, 3), color=plots.COLORS["sky"],
                            alpha=0.45, lw=0, label="thinned nets: mean ± 1 sd")
        ax_fit.plot(x_grid, np.clip(drop_mean[i], -3, 3), color=plots.COLORS["vermillion"],
                    lw=1.5, ls=":", zorder=4, label="thinned nets: mean")
    plots.fit_plot(ax_fit, x, y, x_grid, np.clip(drop_fit[i], -3, 3), truth=truth,
                   label="whole net (predict)")
    ax_fit.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    ax_fit.set_title(f"p = {RATES[i]:.1f}: seed 0 after {STEPS} steps", fontsize=10)

    ax_loss.plot(steps, drop_runs[0][1].val_loss[:, 0], color=plots.COLORS["grey"], lw=1,
                 label="validation, p = 0")
    plots.loss_curves(ax_loss, steps, hist.train_loss[:, 0], hist.val_loss[:, 0])
    ax_loss.axhline(NOISE ** 2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor 0.16")
    ax_loss.set(ylim=(0.03, 2.0), ylabel="MSE (log scale)")
    ax_loss.legend(loc="upper right")
    ax_loss.set_title(f"seed 0: validation {late_val(hist)[0]:.3f} at the end", fontsize=10)

    end_of_training(ax_p, RATES, drop_val, drop_train, i, name="p", xlabel="dropout rate p",
                    train_label="training, whole net")


widgets.live(fig, show_dropout, title="dropout",
             p=widgets.float_slider("dropout rate p", 0.3, 0.0, 0.6, step=0.1, fmt=".1f"))


# %% [markdown]
# **What to look for** (drag p; the panel opens at p = 0.3):
#
# - **p = 0**, the patient: the fit (grey line) dives to the low point at x ≈ −0.45 and
#   overshoots between 0.2 and 0.5. Its training MSE, 0.063, is far *below* the noise floor
#   0.16: it has memorised noise. Validation: 0.282 (mean of the three seeds).
# - **p = 0.1** already removes most of that: validation 0.191 (training 0.118). **p = 0.2**
#   is the best rate on this problem (0.183); 0.3 (0.188) and 0.4 (0.194) are close, and the
#   three seeds (the small dots) differ by 0.005 to 0.015, about as much as those rates do.
# - **Large p**: each thinned network keeps fewer units, so the band widens and the whole
#   network's curve gets flatter. At p = 0.6 the training MSE is 0.269, well *above* the
#   noise floor: the network now underfits, and validation climbs back to 0.240. The rate
#   is a strength knob like λ, with the same U-shape.
# - The whole network (thick line) runs through the middle of the band, close to the mean of
#   the thinned networks (dotted): inverted scaling at work. They are close, not identical:
#   part of the difference is sampling noise (150 draws), part is real, because the average
#   of a non-linear function is not the function of the average.
# - The loss curves: with dropout, the training loss (of the whole network) no longer dives
#   far below the validation loss, and both wobble, because every step draws new masks.

# %% [markdown]
# ## 3 · Early stopping: quit while ahead
#
# Look again at the run without dropout (p = 0): the validation loss falls, reaches its
# minimum early, and then **turns up** while the training loss keeps falling. Everything
# after the minimum is the network memorising noise. Early stopping keeps the best weights
# seen so far and stops when they have not improved for a while:
#
# 1. every `eval_every` steps (here 5), compute the validation loss;
# 2. if it is lower than the best so far (strictly), remember these weights as the best;
# 3. if `patience` evaluations in a row bring no new best, **stop**;
# 4. in any case, **restore the best weights** at the end.
#
# `train.train(..., patience=P)` does exactly this; `History.best_step` is the step whose
# weights came back and `History.stopped_step` the step where it stopped (None if it ran to
# the end). Patience is counted in **evaluations**: P = 10 with `eval_every = 5` waits 50
# steps. Too little patience stops at the first wobble of a noisy curve; too much just costs
# compute (the best weights come back anyway).
#
# Why is this regularization? The weights start small (random, of size 1/√fan-in) and grow
# as training fits more and more detail: the right panel shows Σw² over all weight
# matrices, the quantity an L2 penalty charges. Stopping early limits how far they can
# travel. For linear models trained by gradient descent this is more than an analogy: t
# steps with learning rate η behave much like L2 with the course's λ ≈ 1/(2η·t)
# (Goodfellow, Bengio & Courville, *Deep Learning*, §7.8, who write the penalty as
# (α/2)·‖w‖² and find α ≈ 1/(η·t); the course's λ is α/2). No penalty term, just a schedule.
#
# The panel needs only **one** long run (the p = 0 run above, seed 0, with its weights saved
# every 5 steps): for each patience, the stopping point can be read off the recorded
# validation curve. The function `early_stop` below does that with numpy; the next cell
# checks it against `train.train(patience=...)` itself.

# %%
def early_stop(val, patience):
    """train.train's stopping rule applied to a recorded validation curve.

    Returns (index of the best evaluation, index where training stops, or None)."""
    val = np.asarray(val, dtype=float)
    i = np.arange(len(val))
    new_best = val < np.minimum.accumulate(np.r_[np.inf, val[:-1]])    # strictly below all before
    last_best = np.maximum.accumulate(np.where(new_best, i, 0))         # latest new best so far
    waited = i - last_best                                              # evaluations without one
    hit = np.flatnonzero(waited >= patience)
    stop = int(hit[0]) if hit.size else None
    return int(last_best[len(val) - 1 if stop is None else stop]), stop


long_hist = drop_runs[0][1]
val0 = long_hist.val_loss[:, 0]                      # seed 0, no dropout, every 5 steps
snap0 = [[q[0] for q in snap] for snap in long_hist.snapshots]     # seed 0's weights, same steps
assert long_hist.snapshot_steps == list(long_hist.step)

# %%
# NBVAL_CHECK_OUTPUT
for patience in (3, 10):
    best, stop = early_stop(val0, patience)
    net = models.MLP(SIZES, seed=0)
    hist = train.train(net, X, y, lr=LR, steps=STEPS, optimizer="adamw", X_val=X_val, y_val=y_val,
                       eval_every=EVERY, patience=patience, seed=0)
    restored = all(np.allclose(a, b, rtol=0, atol=1e-9)
                   for a, b in zip(net.get_params(), snap0[best]))
    print(f"patience {patience:2d}: from the curve best step {steps[best]}, "
          f"stop at step {steps[stop]};"
          f"  train.train: best_step {hist.best_step}, stopped_step {hist.stopped_step};"
          f"  restored weights = snapshot: {restored}")
    print(f"             validation MSE of the restored weights {net.loss(X_val, y_val):.4f}"
          f" (after all {STEPS} steps: {val0[-1]:.4f})")

# %%
PATIENCES = (1, 2, 3, 4, 6, 10, 15, 20, 30, 44)
stops = {P: early_stop(val0, P) for P in PATIENCES}
fits0 = np.array([one_net(s).predict(X_grid) for s in snap0])          # seed 0's fit every 5 steps
names = [name for name, _ in models.MLP(SIZES).named_parameters()]    # fc1.weight, fc1.bias, ...
sq_w = np.array([sum(np.sum(q ** 2) for name, q in zip(names, s) if penalties.is_penalized(name))
                 for s in snap0])                                       # Σw², biases excluded

fig, (ax_es, ax_esfit, ax_w) = plots.new_figure(ncols=3, width=4.1, height=4.2)


def show_patience(patience):
    best, stop = stops[patience]
    end = STEPS if stop is None else steps[stop]
    red = plots.COLORS["vermillion"]

    plots.loss_curves(ax_es, steps, long_hist.train_loss[:, 0], val0)
    ax_es.plot([steps[best]], [val0[best]], "o", ms=9, color=plots.VAL, mec=plots.COLORS["black"],
               label="best: weights restored")
    if stop is not None:
        ax_es.axvline(end, color=red, lw=2, label="stop")
        ax_es.axvspan(end, STEPS, color=plots.COLORS["grey"], alpha=0.2, lw=0,
                      label="after the stop (not trained)")
    else:
        plots.message(ax_es, f"no stop within {STEPS} steps,\nbut the best weights (step "
                             f"{steps[best]})\nare restored anyway").set_position((0.45, 0.13))
    ax_es.set(ylim=(0.03, 2.0), xlim=(0, STEPS), ylabel="MSE (log scale)")
    ax_es.legend(loc="upper right")
    ax_es.set_title(f"patience {patience} ({patience * EVERY} steps): "
                    + (f"stops at step {end}" if stop is not None else "never stops"), fontsize=10)

    ax_esfit.plot(x_grid, fits0[-1], color=plots.COLORS["grey"], lw=1,
                  label=f"after all {STEPS} steps")
    plots.fit_plot(ax_esfit, x, y, x_grid, np.clip(fits0[best], -3, 3), truth=truth,
                   color=plots.VAL, label="restored best weights")
    ax_esfit.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    ax_esfit.set_title(f"weights of step {steps[best]}: validation {val0[best]:.3f}", fontsize=10)

    ax_w.plot(steps, sq_w, color=plots.COLORS["purple"], lw=2, label="Σw² (all weight matrices)")
    ax_w.plot([steps[best]], [sq_w[best]], "o", ms=9, color=plots.VAL, mec=plots.COLORS["black"],
              label="restored")
    if stop is not None:
        ax_w.axvline(end, color=red, lw=2, label="stop")
    ax_w.set(xlabel="step", ylabel="Σw²", xlim=(0, STEPS), ylim=(0, 1.05 * sq_w.max()))
    ax_w.set_title("the weights grow as training goes on", fontsize=10)
    ax_w.legend(loc="lower right")


widgets.live(fig, show_patience, title="early stopping",
             patience=widgets.slider("patience (evaluations)", PATIENCES, 10, fmt="d"))

# %% [markdown]
# **What to look for** (seed 0, no dropout; the panel opens at patience 10):
#
# - **Patience 10** (50 steps): the lowest validation loss is at step 85 (0.173). Ten
#   evaluations bring nothing lower, so training stops at step 135 and the weights of
#   step 85 come back. After all 300 steps the same network has validation 0.299: early
#   stopping removes most of the overfitting, and it trains fewer than half of the steps.
# - **Patience 1 or 2**: right after its first drop, the validation curve wobbles (a tiny
#   rise at step 20, a bump to 0.298 at step 25). Impatient settings stop there, at step 20
#   or 25, and restore the weights of step 15 (validation 0.217): a smooth S-curve that has
#   not yet found the hump. Patience 3 gets past the bump but stops on a smaller wobble
#   (best step 65, 0.175); from patience 4 on, training finds step 85.
# - **Patience 44 or more**: no stop before step 300, but `train.train` still restores the
#   best weights (step 85). Too much patience costs compute, not accuracy.
# - **Σw²** grows from 118 at the random start to 405 after 300 steps, most of it after the
#   validation minimum; the restored weights have 152. Early stopping keeps the weights small
#   by not letting them travel, where weight decay keeps them small by pulling.

# %% [markdown]
# ## 4 · Data augmentation: more (fake) data
#
# Images get flipped, cropped and recoloured, because a flipped cat is still a cat. The
# 1-D version of "the label does not change under small edits" is: **shift x a little and
# y stays about the same**. `train.jitter(σ)` does that at every step: each training input
# is replaced by x + σ·ε with fresh Gaussian noise ε, while y is kept. Over 300 steps the
# network sees 6,000 different (fake) points instead of the same 20, and a curve that
# spikes through one point can no longer be right for all its jittered copies.
# (`train.noisy_copies(n, σ)` is the variant that keeps the 20 originals and adds n noisy
# copies of them at each step.)
#
# Input noise is a penalty in disguise. Expanding the loss of a jittered point to second
# order in σ (Bishop, "Training with noise is equivalent to Tikhonov regularization",
# *Neural Computation*, 1995):
#
# $$\mathbb{E}_\varepsilon\big[(f(x + σε) - y)^2\big] \approx (f(x) - y)^2 + σ^2 f'(x)^2 + σ^2 (f(x) - y)\,f''(x).$$
#
# The middle term is a penalty σ²·f′(x)² on the **slope** of the fitted function (the last
# term is small once the fit is good). Where weight decay charges big weights, input
# noise charges steep functions directly. The price is the same as for any penalty: a σ as
# large as the real features of the curve blurs them (the peaks of sin(πx) flatten).
#
# The panel: drag σ. Left, seed 0's fit after training with that σ, with one draw of the
# jittered training inputs (the orange crosses: the fake data of a single step). Right, the
# validation MSE at the end of training against σ.

# %%
# NBVAL_CHECK_OUTPUT
SIGMAS = np.round(np.arange(0.0, 0.3 + 0.025, 0.05), 2)
aug_runs = [drop_runs[0]]                          # σ = 0 is the run without augmentation
aug_runs += [train_three(augment=train.jitter(s)) for s in SIGMAS[1:]]
aug_val = np.array([late_val(h) for _, h in aug_runs])
aug_train = np.array([h.train_loss[-10:].mean(axis=0) for _, h in aug_runs])
print_grid("σ", SIGMAS, ".2f", aug_train, aug_val)
SIGMA_BEST = SIGMAS[np.argmin(aug_val.mean(axis=1))]
print(f"best σ on validation: {SIGMA_BEST:.2f}")

# %%
aug_fit = [one_net([q[0] for q in stack.get_params()]).predict(X_grid) for stack, _ in aug_runs]
eps = np.random.default_rng(1).standard_normal(len(x))      # one step's noise, rescaled by σ

fig, (ax_afit, ax_s) = plots.new_figure(ncols=2, width=4.6, height=4.2)


def show_sigma(sigma):
    i = widgets.nearest(SIGMAS, sigma, log=False)
    if SIGMAS[i] > 0:
        ax_afit.plot(x + SIGMAS[i] * eps, y, "+", color=plots.COLORS["orange"], ms=7, mew=1.5,
                     label="jittered inputs (one step)")
    ax_afit.plot(x_grid, aug_fit[0], color=plots.COLORS["grey"], lw=1,
                 label="σ = 0 (no augmentation)")
    plots.fit_plot(ax_afit, x, y, x_grid, np.clip(aug_fit[i], -3, 3), truth=truth,
                   label="fit with σ")
    ax_afit.set_xlim(-1.1, 1.1)
    ax_afit.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=2)
    ax_afit.set_title(f"σ = {SIGMAS[i]:.2f}: seed 0, validation {aug_val[i, 0]:.3f}", fontsize=10)

    end_of_training(ax_s, SIGMAS, aug_val, aug_train, i, name="σ", xlabel="input noise σ",
                    train_label="training (clean inputs)")


widgets.live(fig, show_sigma, title="input-noise augmentation",
             sigma=widgets.float_slider("σ (input noise)", 0.15, 0.0, 0.3, step=0.05))

# %% [markdown]
# **What to look for** (the panel opens at σ = 0.15):
#
# - Already **σ = 0.05** brings validation from 0.282 (σ = 0, no augmentation) down to 0.196.
#   **σ = 0.15** is the best on validation (0.176), with 0.1 close behind (0.179).
# - The fit no longer chases the low point at x ≈ −0.45: a dip that narrow needs a steep
#   slope, which the σ²·f′(x)² term charges.
# - **Large σ**: the training MSE (measured on the clean inputs) climbs past the noise floor
#   (0.222 at σ = 0.15, 0.361 at σ = 0.3) and the curve's hump around x = 0.5 flattens: a
#   shift of ±0.3 in x is a large part of that hump, so "y stays the same" is no longer
#   true. Like every regularizer, augmentation encodes an assumption, and too much of it
#   underfits.
# - For σ > 0 the three seeds' dots nearly coincide: the three networks are trained on the
#   same noisy inputs (one random generator for all three), so they differ only in their
#   initial weights.

# %% [markdown]
# ## 5 · Stacking them, with weight decay
#
# Now the whole family on the same problem. Weight decay is AdamW's `weight_decay`, tried
# at 0.3, 1 and 3 (per-step factors 1 − η·wd = 0.994, 0.98 and 0.94) and picked on
# validation like the others. These are much larger than the seed's sensible default of
# 0.01, for a reason worth knowing: decoupled decay acts per step, and in 300 steps
# wd = 0.01 leaves at least (1 − 0.02·0.01)³⁰⁰ ≈ 0.94 of a weight. In a training run of
# 10⁵ steps at this learning rate the same 0.01 adds up to a strong pull; here it would be
# invisible.
#
# Each method gets the setting that was best on validation (the dropout rate and σ from
# the grids above); early stopping uses patience 10. `train.train(patience=...)` takes a
# single model, so for the three stacked networks the rule is applied the way section 3
# checked it: each network's validation curve goes through `early_stop`, and that network's
# weights are restored from the snapshot of its best step (identical to stopping there,
# because later steps cannot change earlier ones). Two combined rows: all four at the
# settings each was best at
# **alone**, and all four **turned down** to the weakest setting of each grid
# (wd = 0.3, p = 0.1, σ = 0.05, patience 10). The numbers are the MSE on the 1,000 test
# points of the final (or restored) weights, per seed, and their mean; the noise floor is
# 0.16. The validation MSE (mean of the seeds) is printed too: it is what a decision
# between the rows would be based on, since the test set only reports.

# %%
# NBVAL_CHECK_OUTPUT
WDS = (0.3, 1.0, 3.0)
wd_runs = [train_three(weight_decay=wd) for wd in WDS]
WD_BEST = WDS[int(np.argmin([late_val(h).mean() for _, h in wd_runs]))]


def three_mse(stack):
    """(training, validation, test MSE) of a stack of three trained networks: one value per seed."""
    return stack.loss(X, y), stack.loss(X_val, y_val), stack.loss(X_test, y_test)


def early_stopped(stack, hist, patience=10):
    """A new stack holding each network's weights at its early-stopping best step.

    Needs a run with snapshot_every=EVERY, so that snapshot i is evaluation i."""
    best = [early_stop(hist.val_loss[:, k], patience)[0] for k in range(len(SEEDS))]
    restored = three_nets()
    restored.set_params([np.stack([hist.snapshots[b][j][k] for k, b in enumerate(best)])
                         for j in range(len(stack.parameters()))])
    return restored


all_best = train_three(weight_decay=WD_BEST, dropout=P_BEST, augment=train.jitter(SIGMA_BEST),
                       snapshot_every=EVERY)
all_down = train_three(weight_decay=0.3, dropout=0.1, augment=train.jitter(0.05),
                       snapshot_every=EVERY)
rows = {
    "nothing": three_mse(drop_runs[0][0]),
    f"weight decay (wd = {WD_BEST:g})": three_mse(wd_runs[WDS.index(WD_BEST)][0]),
    f"dropout (p = {P_BEST:.1f})": three_mse(drop_runs[list(RATES).index(P_BEST)][0]),
    "early stopping (patience 10)": three_mse(early_stopped(*drop_runs[0])),
    f"augmentation (σ = {SIGMA_BEST:.2f})": three_mse(aug_runs[list(SIGMAS).index(SIGMA_BEST)][0]),
    "all four, each at its best": three_mse(early_stopped(*all_best)),
    "all four, turned down": three_mse(early_stopped(*all_down)),
}
print("weight decay on validation: " + ", ".join(
    f"wd = {wd:g}: {late_val(h).mean():.4f}" for wd, (_, h) in zip(WDS, wd_runs)))
print(f"\n{'':30s} training  validation |        test MSE (noise floor 0.16)")
print(f"{'':30s}  MSE       MSE      |  seed 0   seed 1   seed 2    mean")
for name, (mse_train, mse_val, mse_test) in rows.items():
    print(f"{name:30s}  {mse_train.mean():.4f}    {mse_val.mean():.4f}   |  "
          + "   ".join(f"{m:.4f}" for m in mse_test) + f"   {mse_test.mean():.4f}")

# %%
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
fig

# %% [markdown]
# **What the numbers say** (three seeds, one problem):
#
# - **Nothing**: test MSE 0.3057, almost twice the noise floor 0.16; the training MSE
#   0.0553 shows why.
# - **Each method alone removes most of the excess error**: early stopping 0.1934, weight
#   decay 0.1998, dropout 0.2036, augmentation 0.2113. All four help on this problem. Their
#   ranking is less solid than it looks: the differences between them are about as large as
#   the spread between seeds (dropout: 0.1975 to 0.2076; augmentation: 0.2051 to 0.2185).
#   Early stopping is the most consistent here (0.1931 to 0.1940), and the cheapest: it
#   trains fewer steps. Weight decay's wd = 1 was a clear choice on validation (0.1735,
#   against 0.2031 for wd = 0.3 and 0.1990 for wd = 3).
# - **All four at the setting each was best at alone: worse than any one of them**
#   (0.2191). The training MSE, 0.2871, is far above the noise floor: the network no longer
#   fits even its training data. Each setting was tuned to do the whole job by itself; four
#   of them together over-regularize. Validation says the same (0.2036, against 0.1741 to
#   0.1843 for the single methods).
# - **All four turned down** (wd = 0.3, p = 0.1, σ = 0.05, patience 10): **0.1803, the
#   best row**, and lower on every seed than any single method (its worst seed, 0.1828,
#   beats early stopping's best, 0.1931). This row was not picked by looking at the test
#   set (it is simply the weakest setting of each grid), and validation agrees: 0.1648, the
#   lowest validation MSE of the table.
#
# So the seed's "they stack nicely" holds, with a condition: the strengths add up, and a
# stack has to be tuned as a stack. In practice that means mild settings for each (AdamW with
# a small `weight_decay`, dropout around 0.1, augmentation the data really allows) and
# early stopping to pick the step. The numbers are from one small regression problem; on
# images, augmentation that encodes real invariances (flips, crops) is often the strongest
# member of the family, and dropout matters more in large networks.

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · How many units survive?
# A hidden layer of 64 units is trained with dropout p = 0.2. On average, how many of its
# units are **active** (not switched off) for one example in one training step?

# %%
units_kept = ...   # a number

_ = exercises.check_value(units_kept, 64 * (1 - 0.2), name="Exercise 1",
                          hint="each unit is kept with probability 1 − p, independently")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `units_kept = 64 * (1 - 0.2)`, which is 51.2. The number varies from step to step (it is
# binomial, with standard deviation √(64·0.2·0.8) ≈ 3.2), but its mean is (1 − p)·64.
# </details>

# %% [markdown]
# ### Exercise 2 · The inverted-dropout scale
# A hidden unit outputs h = 0.9 on some example. The network is trained with dropout
# p = 0.25, and in this step the unit is **kept**. What value does the next layer receive
# from it? (And what does it receive at test time, from `predict`?)

# %%
kept_value = ...   # what the next layer sees in this training step

_ = exercises.check_value(kept_value, 0.9 / (1 - 0.25), name="Exercise 2",
                          hint="inverted dropout divides survivors by the keep probability 1 − p")


# %% [markdown]
# <details><summary>Solution</summary>
#
# `kept_value = 0.9 / (1 - 0.25)`, which is 1.2. With probability 0.25 it would have been 0,
# so the average is 0.75·1.2 + 0.25·0 = 0.9 = h, which is exactly what `predict` passes on at
# test time (no mask, no scaling).
# </details>

# %% [markdown]
# ### Exercise 3 · Where does training stop?
# Write `stop_index(val, patience)`: given the validation losses recorded at successive
# evaluations and the patience, return the **index of the evaluation at which early stopping
# stops** (the rule of section 3: stop as soon as `patience` evaluations in a row brought no
# strictly lower loss than the best so far). If it never stops, return the last index,
# `len(val) - 1`. A plain loop is fine.

# %%
def stop_index(val, patience):
    raise NotImplementedError  # your code here


def reference_stop(val, patience):
    stop = early_stop(val, patience)[1]
    return len(val) - 1 if stop is None else stop


_ = exercises.check_function(
    stop_index, reference_stop,
    [([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 2), ([1.0, 0.8, 0.9, 0.95, 0.7, 0.75], 3),
     ([0.5, 0.5, 0.5, 0.5], 2), ([3.0, 2.0, 1.0], 1), ([0.3, 0.4], 1), (list(val0), 10),
     (list(val0), 1)],
    name="Exercise 3",
    hint="keep the best loss so far and a counter; reset the counter on a strictly lower loss, "
         "stop when the counter reaches patience; an equal loss is not an improvement")

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
# </details>

# %% [markdown]
# ### Exercise 4 · σ = 0
# Train one network for 20 steps without augmentation, and one with `augment=train.jitter(0.0)`,
# same seed and settings. Are the final weights **exactly** equal (bit for bit)? Answer
# `True` or `False`.

# %%
same_weights = ...   # True or False

_ = exercises.check_value(same_weights, True, name="Exercise 4",
                          hint="what does x + 0·ε compute, whatever ε is?")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `same_weights = True`: x + 0·ε is exactly x, so every step sees the same data and takes the
# same gradient step. The cell below checks it. Two caveats make good second questions.
# `train.noisy_copies(4, 0.0)` stacks five identical copies of the data: the mean squared
# error is mathematically the same, but the sums are taken in a different order, so the
# weights agree only to about 1e-10. And with dropout **and** augmentation, the noise and
# the masks come from the same random generator: drawing the (zero-scaled) noise still uses
# up random numbers, so the masks, and the weights, change.
# </details>

# %%
# NBVAL_CHECK_OUTPUT
check = {}
for name, augment in [("none", None), ("jitter(0)", train.jitter(0.0)),
                      ("noisy_copies(4, 0)", train.noisy_copies(4, 0.0))]:
    net = models.MLP(SIZES, seed=0)
    train.train(net, X, y, lr=LR, steps=20, optimizer="adamw", augment=augment, seed=0)
    check[name] = net.get_params()
for name in ("jitter(0)", "noisy_copies(4, 0)"):
    diff = max(np.abs(a - b).max() for a, b in zip(check[name], check["none"]))
    print(f"{name:19s} vs no augmentation: bit-identical {diff == 0.0}, "
          f"largest difference below 1e-8: {diff < 1e-8}")

# %% [markdown]
# ## Summary
#
# - Weight decay changes the **objective**; its siblings change the **network** (dropout), the
#   **schedule** (early stopping) and the **data** (augmentation). Each has a strength knob,
#   and each shows the familiar U: too little overfits, too much underfits.
# - **Dropout** switches hidden units off with probability p during training and scales the
#   survivors by **1/(1 − p)** (inverted dropout), so the expected input of every layer is
#   unchanged and `predict` uses the whole network, unscaled.
# - **Early stopping** watches the validation loss, stops after `patience` evaluations
#   without a new best, and **restores the best weights**; it keeps the weights from growing
#   (Σw² 152 instead of 405 here) and, for linear models, acts like L2 with λ ≈ 1/(2η·t).
# - **Augmentation** by input noise trains on fresh fake points every step; to second order
#   it adds a penalty σ²·f′(x)² on the slope of the fitted function (Bishop, 1995).
# - **Stacking**: on this problem every method alone cut the test MSE from 0.306 to about
#   0.19–0.21; all four at full strength underfit (0.219); all four turned down gave the best
#   result (0.180). Combine them, then tune them together. The
#   [conventions table](00_start_here.ipynb#conventions) has how `weight_decay` relates
#   to the course's λ.
#
# Next: [9 · The classic-ML view](09_classic_ml.ipynb).
