# %% [markdown]
# # 10 · Sensible defaults: a capstone on real digits
#
# **Learning goals**
# - train a network on real digits with **AdamW**, **early stopping** and **augmentation
#   that keeps the label**, and compare honestly over a few seeds;
# - read weight decay through **η·wd** and the run's length; take away a recipe.
#
# > **Sensible defaults.** AdamW with weight_decay ≈ 0.01 is the boring, reliable starting
# > point (transformer recipes often go up to 0.1). Combine it with early stopping and
# > whatever augmentation your data allows — they're complementary, not competing.
#
# **Notation**: **wd** is PyTorch's `weight_decay`, **η** (`lr`) the learning rate; the
# course's λ appears once, for Adam + L2, where λ = wd/2
# ([conventions table](12_conventions.ipynb#conventions)).
#
# *Time: about 29 minutes (reading, dragging the sliders, exercises).*
# *Express path: sections 4, 5 and 7, about 9 minutes.*

# %% [markdown]
# ## 1 · Real digits, and only a few of them
#
# `data.digits()` is scikit-learn's bundled set of 1,797 handwritten 8×8 digits. We split
# once: a deliberately **small training set** (20 %) the network can memorize, a
# **validation set** (30 %) that decides everything we tune, a **test set** (50 %) only to
# report.

# %%
# NBVAL_CHECK_OUTPUT
import numpy as np

from lessons_lib import conventions, exercises, models, optim, plots, runs_nets, train, widgets

SPLITS = {s: runs_nets.digits_split(s) for s in range(3)}     # pixels / 16: in [0, 1], background 0
X_train, y_train, X_val, y_val, X_test, y_test = SPLITS[0]
print(f"train {len(y_train)}, validation {len(y_val)}, test {len(y_test)} images")

# %% [markdown]
# ## 2 · The augmentation this data allows
#
# Augmentation adds changed inputs that **keep the label** ([notebook 8](08_family.ipynb)).
# For digits: **small shifts** (a 3 moved by one pixel is still a 3) and **pixel noise**.
# **No flips**: a mirrored 2 is not a digit, and a 6 upside down is a 9: wrong labels.
#
# <details><summary>Go deeper: why so small</summary>
#
# One pixel is already 12 % of the width, and the data set's preprocessing put every digit
# in roughly the same place, so we shift by at most one pixel. And only about 44 % of the
# images move at each step: with `p=0.5` half of them draw a shift (fresh every step), and
# (0, 0) is one of the 9 shifts of at most one pixel along each axis: 0.5·8/9. The pixels
# that come in are the background 0 (the reason we divide by 16 rather than standardize).
# `jitter(0.2)` adds fresh N(0, 0.2²) noise to every pixel; notebook 8 shows why input
# noise is a penalty in disguise.
#
# </details>

# %%
shifts = runs_nets.DIGITS_SHIFTS    # augment.shift_images((8, 8), max_shift=1, p=0.5)
noise = runs_nets.DIGITS_NOISE      # augment.jitter(0.2)
shifts_and_noise = runs_nets.digits_augment   # noise(*shifts(X, y, rng), rng), fresh every step


# %% jupyter={"source_hidden": true} tags=["hide-input"]
import matplotlib.patches  # noqa: E402

from lessons_lib.augment import shift_images  # noqa: E402

show = [int(np.flatnonzero(y_train == d)[0]) for d in (2, 3, 4, 5, 6, 7)]   # one of each
originals, labels = X_train[show], y_train[show]
rows = [("original", originals),
        ("shifted ≤ 1 pixel", shift_images((8, 8), 1)(originals, labels, np.random.default_rng(7))[0]),
        ("+ noise σ = 0.2", noise(originals, labels, np.random.default_rng(0))[0]),
        ("mirrored: ✗", originals.reshape(-1, 8, 8)[:, :, ::-1].reshape(-1, 64))]
# All 24 digits in one axes (much quicker to draw than 24 small axes), each in a thin frame.
fig, ax = plots.new_figure(width=6.2, height=4.4)
for r, (_, images) in enumerate(rows):
    for c, img in enumerate(images):
        x0, y0 = 10 * c, 10 * r
        ax.imshow(np.clip(img.reshape(8, 8), 0, 1), cmap="gray_r", vmin=0, vmax=1,
                  extent=(x0, x0 + 8, y0 + 8, y0))
        ax.add_patch(matplotlib.patches.Rectangle((x0, y0), 8, 8, fill=False, lw=0.8,
                                                  ec=plots.COLORS["grey"]))
ax.set(xlim=(-1, 59), ylim=(39, -1))
ax.set_xticks(10 * np.arange(6) + 4, [f"label {d}" for d in labels], fontsize=9)
ax.set_yticks(10 * np.arange(4) + 4, [name for name, _ in rows], fontsize=9)
ax.tick_params(length=0)
ax.get_yticklabels()[-1].set_color(plots.COLORS["vermillion"])
for spine in ax.spines.values():
    spine.set_visible(False)
ax.set_title("The top three rows keep the label; mirroring does not", fontsize=10)
plots.show(fig, alt=f"Six training digits, labels {', '.join(str(d) for d in labels)}, in four rows: "
                    "the originals; shifted by at most one pixel; with pixel noise σ = 0.2; "
                    "mirrored. The shifted and noisy digits still read as the same digits; the "
                    "mirrored ones do not, so mirroring is marked ✗: it would teach wrong labels.")

# %% [markdown]
# ## 3 · AdamW, with the biases left out
#
# The network: 64 pixels → 64 tanh units → 10 class scores. **Decay the weights, not the
# biases**: `optim.decay_groups` makes two parameter groups, as you would pass them to PyTorch
# ([notebook 7](07_adamw.ipynb)); `train.train(optimizer="adamw")` does the same inside.
#
# <details><summary>Go deeper: why biases and norms are not decayed</summary>
#
# - A bias **shifts** a unit's input; it does not make the function steeper or wigglier.
#   Overfitting lives in big *weights* ([notebook 1](01_big_weights.ipynb)), so decaying a
#   bias buys no smoothness.
# - Pulling a bias to 0 adds error instead: a tanh unit may need its threshold away from 0,
#   and the output biases carry how common each class is.
# - There are few of them (74 here, against 4,736 weights): too few to memorize anything.
# - The same goes for the gain and shift (γ, β) of LayerNorm or BatchNorm layers (this MLP
#   has none): decaying a gain towards 0 would just switch the normalized unit down. So the
#   usual no-decay group is "biases and norms", everything one-dimensional (nanoGPT's
#   `configure_optimizers` decays tensors with 2 or more dimensions and nothing else).
#
# </details>

# %%
# NBVAL_CHECK_OUTPUT
SIZES, LR, WD, STEPS, EVAL, PATIENCE = runs_nets.DIGITS    # (64, 64, 10), 10⁻², 0.01, 300, 5, 10

model = models.MLP(SIZES, loss="cross_entropy", seed=0)
groups = optim.decay_groups(model.named_parameters(), weight_decay=WD)
for group in groups:
    shapes = [p.shape for p in group["params"]]
    print(f"weight_decay = {group['weight_decay']:<5g}: {shapes}, "
          f"{sum(p.size for p in group['params']):,} numbers")
opt = optim.AdamW(groups, lr=LR)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
# A hand-written loop with this optimizer takes the same steps as train.train(optimizer="adamw").
# The optimizer wants gradients in *group* order (weights first, then biases).
position = {id(p): i for i, p in enumerate(model.parameters())}
order = [position[id(p)] for group in opt.param_groups for p in group["params"]]
for _ in range(20):
    _, grads = model.loss_and_grads(X_train, y_train)
    opt.step([grads[i] for i in order])
twin = models.MLP(SIZES, loss="cross_entropy", seed=0)
_ = train.train(twin, X_train, y_train, lr=LR, steps=20, optimizer="adamw", weight_decay=WD)
print("20 steps by hand == train.train(optimizer='adamw', weight_decay=0.01):",
      all(np.allclose(a, b, rtol=0, atol=1e-12) for a, b in zip(model.parameters(), twin.parameters())))

# %% [markdown]
# **Tune the learning rate first.** In our 300 **full-batch** steps, PyTorch's default 10⁻³ leaves the validation loss still falling at the end (0.259 at step
# 300); at **η = 10⁻²** it is lowest near step 95 (0.195):

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
for lr in (1e-3, LR):
    hist = runs_nets.digits_fit("adamw", WD, False, False, 0, lr=lr)[1]
    at = np.searchsorted(hist.step, (100, 200, 300))
    print(f"lr = {lr:g}: validation loss at steps 100, 200, 300: "
          + ", ".join(f"{v:.4f}" for v in hist.val_loss[at])
          + f"; lowest {hist.val_loss.min():.4f}, at step {hist.step[np.argmin(hist.val_loss)]}")

# %% [markdown]
# ## 4 · Five ways to train the same network <!-- express -->
#
# Same network, initial weights, data and 300 steps; only the regularization changes:
#
# | recipe | optimizer | what regularizes |
# |---|---|---|
# | **Adam, nothing** | `Adam(weight_decay=0)` | nothing |
# | **Adam + L2** | `Adam(weight_decay=0.01)` | an L2 term (course λ = 0.005) whose gradient goes through Adam: its pull per step is divided by each weight's √v̂; full batch, it settles where loss + λ·Σw² is stationary ([notebook 7](07_adamw.ipynb)) |
# | **AdamW** | `AdamW(weight_decay=0.01)` | w ← w·(1 − η·wd) = w·(1 − 10⁻⁴) per step |
# | **+ early stopping** | as above, `patience=10` | evaluate every 5 steps; stop after 10 evaluations without a new best validation loss, restore the best weights |
# | **the recipe** | as above | + shifts and pixel noise |
#
# `fit` trains one recipe on one split (seeded alike) with `train.train`; it is cached, so
# no run is trained twice.

# %%
fit = runs_nets.digits_fit    # (optimizer, weight_decay, early_stopping, augment, seed)


def accuracy(net, X, y):
    return float(np.mean(net.predict_class(X) == y))


RECIPES = {"Adam, nothing": ("adam", 0.0, False, False),
           "Adam + L2, wd 0.01": ("adam", WD, False, False),
           "AdamW, wd 0.01": ("adamw", WD, False, False),
           "AdamW + early stopping": ("adamw", WD, True, False),
           "the recipe (+ augment.)": ("adamw", WD, True, True)}

# %% [markdown]
# The table: final weights, or those early stopping restored (column *step*). The figure:
# losses along the way (dots: restored steps, crosses: stops).

# %%
# NBVAL_CHECK_OUTPUT
print(f"{'recipe':<24s} {'step':>5s} {'train loss':>11s} {'val loss':>9s} {'val acc.':>9s} "
      f"{'test loss':>10s} {'test acc.':>10s}")
for name, args in RECIPES.items():
    net, hist = fit(*args, 0)
    step = hist.best_step if hist.best_step is not None else hist.step[-1]
    print(f"{name:<24s} {step:5d} {net.loss(X_train, y_train):11.4f} {net.loss(X_val, y_val):9.4f} "
          f"{accuracy(net, X_val, y_val):9.4f} {net.loss(X_test, y_test):10.4f} "
          f"{accuracy(net, X_test, y_test):10.4f}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
STYLE = {"Adam, nothing": dict(color=plots.COLORS["grey"], lw=6, alpha=0.45),
         "Adam + L2, wd 0.01": dict(color=plots.COLORS["vermillion"], lw=1.8),
         "AdamW, wd 0.01": dict(color=plots.COLORS["blue"], lw=1.6, ls="--"),
         "AdamW + early stopping": dict(color=plots.COLORS["sky"], lw=2.6, zorder=4),
         "the recipe (+ augment.)": dict(color=plots.COLORS["green"], lw=2.2)}
fig, (ax_tr, ax_va) = plots.new_figure(ncols=2, width=5.0, height=3.6)
for name, args in RECIPES.items():
    _, hist = fit(*args, 0)
    ax_tr.plot(hist.step, hist.train_loss, label=name, **STYLE[name])
    ax_va.plot(hist.step, hist.val_loss, label=name, **STYLE[name])
    if hist.best_step is not None:
        k = int(np.flatnonzero(hist.step == hist.best_step)[0])
        ax_va.plot(hist.best_step, hist.val_loss[k], "o", ms=7, mec=plots.COLORS["black"],
                   color=STYLE[name]["color"], zorder=5)
        for ax, loss in ((ax_tr, hist.train_loss), (ax_va, hist.val_loss)):   # where it stopped
            ax.plot(hist.step[-1], loss[-1], "X", ms=9, mec=plots.COLORS["black"],
                    color=STYLE[name]["color"], zorder=5)
ax_tr.set(yscale="log", ylim=(1e-3, 3), xlim=(0, STEPS), xlabel="step",
          ylabel="training loss (cross-entropy)", title="training loss (on the clean images)")
ax_va.set(ylim=(0.08, 0.5), xlim=(0, STEPS), xlabel="step", ylabel="validation loss (cross-entropy)",
          title="validation loss: lower is better")
fig.legend(*ax_tr.get_legend_handles_labels(), loc="outside lower center", ncol=3, frameon=False)
plots.show(fig, alt=f"Training loss (log scale) and validation loss over {STEPS} steps for five "
                    "recipes on the digits; dots mark the steps early stopping restored, crosses "
                    "where it stopped. Lowest validation loss reached: " + "; ".join(
                        f"{name} {fit(*args, 0)[1].val_loss.min():.3f}" for name, args in RECIPES.items())
                    + ". Training loss at the last step run: " + "; ".join(
                        f"{name} {fit(*args, 0)[1].train_loss[-1]:.3f}" for name, args in RECIPES.items())
                    + ".")

# %% [markdown]
# What the table says (seed 0; 0.001 of test accuracy ≈ one of the 899 images):
#
# - **AdamW with wd = 0.01 is practically plain Adam**: every loss within 0.002; both
#   overfit, validation loss lowest near step 95. Section 5 says why the decay is idle.
# - **Adam + L2 at the "same" 0.01 is a different regularizer**: the worst validation
#   loss (0.30).
# - **Early stopping** restores step 95: the lowest validation loss of the four recipes
#   without augmentation (0.195), for 145 of the 300 steps of compute.
# - **The recipe** gives the only clear gain, in the losses: validation 0.138 against
#   0.195–0.30, test 0.120 against 0.142–0.254. Its test-accuracy lead, 3 to 8 images,
#   is too small to count on one split.
#
# <details><summary>Go deeper: reading the rows more closely</summary>
#
# - The first four rows' accuracies differ by at most 5 test images: noise. The losses,
#   which weigh every prediction's confidence, separate the runs better. AdamW and Adam
#   have the same accuracies; Adam + L2 has training loss 0.17 and about the same accuracy.
# - Adam + L2's term is a penalty in the objective, (0.01/2)·Σw², and Adam nears its
#   balance fast: the training loss stays at 0.166–0.188 from step 30 on. Dividing by √v̂ sets how
#   fast each weight gets there, not where ([notebook 7](07_adamw.ipynb)). That balance
#   keeps the weights, and so the class scores, small: the network stays unsure even where
#   it is right, which the cross-entropy charges for. AdamW's 0.01 instead removes η·wd =
#   10⁻⁴ of each weight per step, 3 % in 300 steps (section 5). Adam + L2 would need its
#   own, smaller value.
# - Early stopping's test loss is 0.142 (the lowest of the four without augmentation)
#   against 0.147–0.148 for Adam's and AdamW's full runs; its accuracy differs from theirs
#   by 2 test images.
# - The recipe's training loss stays higher (0.04), because images that change at every
#   step cannot be memorized. Early stopping still watches (it restored step 245 and stopped
#   at 295), a guard rather than the main effect.
#
# </details>
#
# **A few seeds.** One split can be lucky. Below, "nothing" against the full recipe on three
# splits (seed 0 is the run above).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"{'recipe':<24s} {'seed':>5s} {'val acc.':>9s} {'test loss':>10s} {'test acc.':>10s}")
summary = {}
for name in ("Adam, nothing", "the recipe (+ augment.)"):
    rows = []
    for seed in range(3):
        net, _ = fit(*RECIPES[name], seed)
        _, _, Xva, yva, Xte, yte = SPLITS[seed]
        rows.append((accuracy(net, Xva, yva), net.loss(Xte, yte), accuracy(net, Xte, yte)))
        print(f"{name:<24s} {seed:5d} {rows[-1][0]:9.4f} {rows[-1][1]:10.4f} {rows[-1][2]:10.4f}")
    summary[name] = np.array(rows)
for name, rows in summary.items():
    print(f"{name:<24s} {'mean':>5s} {rows[:, 0].mean():9.4f} {rows[:, 1].mean():10.4f} "
          f"{rows[:, 2].mean():10.4f}")
gain = summary["the recipe (+ augment.)"][:, 2] - summary["Adam, nothing"][:, 2]
print(f"test accuracy gained by the recipe, per seed: {np.round(gain, 4)}")

# %% [markdown]
# On all three splits the recipe wins: 0.963 against 0.951 test accuracy on average. But
# "nothing" alone spreads from 0.943 to 0.961 across splits: three wins are a modest
# claim; one would not be.
#
# <details><summary>Go deeper: per split</summary>
#
# The recipe's test accuracy gains are +0.006, +0.013 and +0.019 (5 to 17 images). Each
# split has its own initial weights and augmentation draws.
#
# </details>

# %% [markdown]
# ## 5 · η·wd: why 0.01 barely acts here, and why transformers use 0.1 <!-- express -->
#
# AdamW multiplies each decayed weight by **(1 − η·wd)** per step: what counts is the
# product **η·wd**. Left alone by the data, a weight halves in about 0.693/(η·wd) steps
# ([notebook 6](06_weight_decay.ipynb)).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
from lessons_lib import runs_practice  # noqa: E402

cases = [("this notebook", 1e-2, 0.01, STEPS),
         ("PyTorch's AdamW defaults", 1e-3, 0.01, 10_000),
         ("transformer-style, wd 0.01", 3e-4, 0.01, 100_000),
         ("transformer-style, wd 0.1", 3e-4, 0.1, 100_000)]
print(f"{'':<27s} {'lr':>7s} {'wd':>5s} {'η·wd':>8s} {'half-life':>10s} {'steps T':>8s} "
      f"{'(1 − η·wd)^T':>13s} {'cosine lr':>10s}")
for label, lr, wd, T in cases:
    factor = conventions.decay_factor(lr, wd)
    cosine = np.prod(1 - runs_practice.cosine_lr(lr, T) * wd)   # lr_t from lr down to 0
    print(f"{label:<27s} {lr:7.0e} {wd:5g} {lr * wd:8.1e} {conventions.half_life(lr, wd):10,.0f} "
          f"{T:8,d} {factor ** T:13.3f} {cosine:10.3f}")

# %% [markdown]
# - **This notebook**: η·wd = 10⁻⁴, a half-life of 6,931 steps, in a run of 300: the decay
#   alone would shrink a weight by 3 %.
# - **Transformer recipes** run about 10⁵ steps at η ≈ 3·10⁻⁴. At a constant lr, wd = 0.1
#   leaves 5 % of an undefended weight at the end, 0.01 leaves 74 %; under a cosine schedule
#   (Σlr halved) 22 % and 86 %: one reason they go up to 0.1.
#
# Rule of thumb: **compare the half-life with your run's length.** Far longer, and the decay
# is idle whatever wd says.
#
# <details><summary>Go deeper: schedules, large models, published values</summary>
#
# - When the half-life is comparable to the run or shorter, the validation set decides how
#   much decay is too much.
# - GPT-3 and LLaMA were trained with wd = 0.1; BERT used 0.01. "0.1" sounds ten times the
#   default, but at η = 3·10⁻⁴, η·wd = 3·10⁻⁵ is less per step than our 10⁻⁴ (a half-life
#   of 23,000 steps); what makes it strong is the length of the run.
# - With a learning-rate **schedule** (warm-up, then cosine decay to near 0), PyTorch
#   multiplies wd by the *current* lr, so the decay fades with the schedule (the table's
#   last column; [notebook 13](13_questions.ipynb), question 2).
# - **Large models** have many weights and directions the data barely constrain, exactly
#   the "left alone" weights of notebook 6 that only decay sends back to 0. A second
#   mechanism, beyond this course: in front of a normalization layer the *scale* of a weight
#   matrix does not change the output, and decay keeps that scale, and with it the effective
#   step size, in check (van Laarhoven, 2017).
#
# </details>

# %% [markdown]
# ## 6 · Live: drag weight_decay
#
# AdamW at each `weight_decay` (10⁻⁴ to 10), no early stopping or augmentation; grey band:
# no decay. **Top left**: the validation loss, zoomed in. **Right**: the size (RMS) of the
# first layer's weights; dotted, pure decay.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
sweep = runs_nets.digits_decay()                                # AdamW at the slider's 11 wd
steps_axis = np.arange(0, STEPS + 1, EVAL)
probe = models.MLP(SIZES, loss="cross_entropy")               # receives one snapshot's weights
stack = probe.copies(len(steps_axis))                          # all snapshots at once


def panel_curves(hist):
    """Loss, accuracy and weight-size curves of one run (from its snapshots)."""
    n = len(hist.snapshots)                                     # 61, fewer only if it diverged
    snaps = hist.snapshots + hist.snapshots[-1:] * (len(steps_axis) - n)
    stack.set_params([np.stack(ps) for ps in zip(*snaps)])
    best = int(np.argmin(hist.val_loss))
    test_acc = []                                               # at the end and at the best step
    for k in (n - 1, best):
        probe.set_params(hist.snapshots[k])
        test_acc.append(accuracy(probe, X_test, y_test))
    return dict(step=hist.step, train=hist.train_loss, val=hist.val_loss, best=best,
                acc=np.mean(stack.predict_class(X_val) == y_val, axis=-1)[:n],
                rms=np.sqrt(np.mean(stack.fc1_weight ** 2, axis=(1, 2)))[:n],
                test_acc=test_acc, message=hist.message)


CURVES = [panel_curves(hist) for _, hist in sweep.runs]        # every slider position, trained
ref = panel_curves(fit(*RECIPES["Adam, nothing"], 0)[1])        # the grey band: no decay
fig, (ax_loss, ax_acc, ax_rms) = plots.new_figure(ncols=3, width=3.55, height=4.6)
left = ax_loss.get_subplotspec().subgridspec(2, 1, height_ratios=(2, 3))
ax_loss.remove()                                  # the left column: a zoom above the losses
ax_zoom, ax_loss = fig.add_subplot(left[0]), fig.add_subplot(left[1])
ZOOM = (0.18, 0.30)                               # the zoom's validation-loss range
band = dict(color=plots.COLORS["grey"], lw=7, alpha=0.35, solid_capstyle="butt")


def style_panel(weight_decay, run):
    """Titles, fixed limits and the one legend of the panel; returns its sentence."""
    step, best = run["step"], run["best"]
    ax_loss.set(yscale="log", ylim=(1e-3, 3), xlim=(0, STEPS), xlabel="step",
                ylabel="loss (cross-entropy)")
    ax_zoom.set(ylim=ZOOM, xlim=(0, STEPS), ylabel="val. loss, zoom")
    ax_zoom.set_title(f"wd = {weight_decay:.3g}, half-life {conventions.half_life(LR, weight_decay):,.0f}"
                      f" steps\nvalidation loss at step {step[-1]}: {run['val'][-1]:.4f}", fontsize=9)
    if run["val"][-1] > ZOOM[1]:                                # an underfit run: off the zoom
        plots.message(ax_zoom, f"above the zoom ({run['val'][-1]:.2f})")
    ax_acc.set(ylim=(0.85, 1.0), xlim=(0, STEPS), xlabel="step", ylabel="accuracy")
    at_best = f"; at best step {step[best]}: {run['test_acc'][1]:.3f}" if best < len(step) - 1 else ""
    ax_acc.set_title(f"validation accuracy {run['acc'][-1]:.3f} at step {step[-1]}\n"
                     f"test accuracy {run['test_acc'][0]:.3f}{at_best}", fontsize=9)
    ax_rms.set(ylim=(0, 0.45), xlim=(0, STEPS), xlabel="step", ylabel="RMS of fc1.weight")
    left = conventions.decay_factor(LR, weight_decay) ** STEPS
    ax_rms.set_title(f"pure decay would leave {left:.1%}\nof a weight after {STEPS} steps"
                     if left >= 1e-3 else f"pure decay would leave < 0.1%\nof a weight after {STEPS} steps",
                     fontsize=9)
    if run["message"]:                                          # a run that diverged
        plots.message(ax_loss, run["message"])
    handles = [h for ax in (ax_loss, ax_acc, ax_rms) for h in ax.get_legend_handles_labels()[0]]
    fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False)
    said = (f"weight_decay = {weight_decay:.3g}: at step {step[-1]} validation loss "
            f"{run['val'][-1]:.4f}, validation accuracy {run['acc'][-1]:.3f}, test accuracy "
            f"{run['test_acc'][0]:.3f}; the RMS of fc1.weight is {run['rms'][-1]:.3f}, pure decay "
            f"alone would leave {f'{left:.1%}' if left >= 1e-3 else '< 0.1%'} of a weight")
    return f"{said}; {run['message']}" if run["message"] else said


# %%
def show_wd(weight_decay):
    # hidden cell above: CURVES (each slider notch's run curves), ref (no decay), band (its grey
    # style), steps_axis (the evaluated steps), the panel's axes ax_zoom, ax_loss, ax_acc, ax_rms
    run = CURVES[weight_decay.index]                           # the slider's position
    step, best, n = run["step"], run["best"], len(run["acc"])
    # left: both losses, against no decay; above them, the validation loss zoomed in
    ax_loss.plot(ref["step"], ref["train"], **band, label="no decay (wd = 0)")
    ax_loss.plot(step, run["train"], color=plots.TRAIN, lw=1.8, label="training loss")
    for ax, label in ((ax_loss, "validation loss"), (ax_zoom, None)):
        ax.plot(ref["step"], ref["val"], **band)
        ax.plot(step, run["val"], color=plots.VAL, lw=1.8, label=label)
    ax_loss.plot(step[best], run["val"][best], "o", color=plots.VAL, ms=7, clip_on=False,
                 mec=plots.COLORS["black"], label="lowest val. loss")
    ax_acc.plot(steps_axis, ref["acc"], **band)                # middle: validation accuracy
    ax_acc.plot(steps_axis[:n], run["acc"], color=plots.COLORS["purple"], lw=1.8,
                label="validation accuracy")
    ax_rms.plot(steps_axis, ref["rms"], **band)                # right: fc1's size, pure decay
    ax_rms.plot(steps_axis[:n], run["rms"], color=plots.COLORS["green"], lw=1.8,
                label="RMS of fc1.weight")
    pure = ref["rms"][0] * conventions.decay_factor(LR, weight_decay) ** steps_axis
    ax_rms.plot(steps_axis, pure, color=plots.COLORS["black"], lw=1, ls=":",
                label="pure decay from the start")
    return style_panel(weight_decay, run)   # titles, limits, legend (collapsed cell above)


widgets.live(fig, show_wd, title="AdamW's weight_decay on digits",
             weight_decay=widgets.slider("weight_decay", sweep.grid, 1.0))

# %% [markdown]
# **What to look for** (η = 10⁻² throughout; the panel opens at wd = 1):
#
# - **From 10⁻⁴ to about 0.03 almost nothing moves**: half-lives of 2,192 steps or more,
#   far longer than the run.
# - **From 0.1 to 1** (half-lives 693 to 69 steps) the decay bites: the first layer's
#   weights grow less and the validation loss (top left) turns up less than without decay,
#   or not at all. Test accuracy does not improve: here decay tunes the
#   confidence, not the decisions.
# - **From 3.16 up** the network **underfits**: both losses rise together.
#
# <details><summary>Go deeper: the numbers, and the right-hand plot</summary>
#
# At wd = 10 the validation accuracy falls to 0.87, the test accuracy to 0.911. On the
# right, the green curve sits far above the dotted one: the data push the weights up,
# towards where that push balances the decay ([notebook 6](06_weight_decay.ipynb)).
#
# </details>

# %% [markdown]
# ## 7 · The recipe <!-- express -->
#
# <div style="border: 2px solid #009E73; border-radius: 6px; padding: 0.6em 1.2em; margin: 1em 0">
#
# **Sensible defaults, on one screen**
#
# 1. **AdamW with `weight_decay` ≈ 0.01**, the boring, reliable start; transformer recipes
#    often go up to 0.1 (long runs, small lr).
# 2. **No decay on biases and normalization gains**: two parameter groups
#    (`decay_groups` here, PyTorch in [notebook 7](07_adamw.ipynb)).
# 3. **Early stopping on the validation loss**, with some patience, restoring the best
#    weights; it also saves compute.
# 4. **Augmentation that keeps the labels**: shifts and noise for digits, flips and crops
#    for photos, never a change that turns one class into another.
# 5. **Tune lr first**, then wd on a log grid, on validation data; the test set once, at
#    the end.
# 6. **Watch η·wd·steps**: pure decay leaves about e^(−η·wd·steps) of a weight; choose
#    the wd grid so that η·wd·steps spans ≈ 0.1 (idle) to 10 (here wd ≈ 0.03 to 3, section 6).
# 7. **Convert before you copy** a decay value from another library
#    ([conventions table](12_conventions.ipynb#conventions)).
#
# </div>

# %% [markdown]
# ## Exercise 10.1 · Experiment: when does weight decay beat early stopping?
#
# Early stopping's restored weights reached a validation loss of 0.1950 (the table's
# "AdamW + early stopping" row). In the panel, step up from wd = 10⁻⁴: what is the
# **smallest** `weight_decay` whose full 300-step run ends lower than that (left title)?

# %%
your_answer = ...   # a weight_decay from the slider

_ = exercises.check("10.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 0.316`: its run ends at a validation loss of 0.1915, the lowest on the
# slider; at wd = 0.1 it ends at 0.1970, at wd = 1 at 0.2052. Decay strong enough to matter
# in 300 steps (a half-life of 219 steps) does early stopping's job, at the price of a
# second hyperparameter to tune and the full 300 steps of compute. Its test accuracy (0.959)
# is no better than early stopping's (0.963).
#
# </details>

# %% [markdown]
# ## Summary
#
# - **AdamW (wd ≈ 0.01, biases and norms excluded)** is the starting point.
# - On 359 digits in 300 steps, wd = 0.01 behaved like plain Adam; early stopping beat the
#   other recipes without augmentation on validation loss (a larger wd, 0.316, did slightly
#   better: exercise 10.1); the full recipe gave the only clear gain (test accuracy 0.963
#   against 0.951 over three splits).
# - AdamW's decay acts through **η·wd per step**: compare its half-life with the run.
# - The three are **complementary**: early stopping picks *when*, augmentation changes
#   *what* the network sees, weight decay shapes *the weights*.
#
# Next: [11 · Wrap-up](11_wrap_up.ipynb).
