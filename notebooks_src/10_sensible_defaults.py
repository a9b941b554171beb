# %% [markdown]
# # 10 · Sensible defaults: a capstone on real digits
#
# **Learning goals**
# - put the course together on real data: **AdamW with `weight_decay` = 0.01**, no decay
#   on biases, **early stopping** on the validation loss, and **augmentation that keeps
#   the label true**;
# - build the optimizer the way PyTorch code does (`decay_groups` → `AdamW`), and say why
#   biases (and normalisation gains) go into a group with no decay;
# - compare honestly with no regularization and with Adam + L2 at the same nominal
#   strength, on validation *and* test data, over a few seeds, and say which differences
#   are real;
# - read weight decay through **η·wd**, its half-life and the length of the run: why 0.01
#   barely acts in a short run, and why transformer recipes go up to 0.1;
# - take away a one-screen recipe.
#
# The seed's last word:
#
# > **Sensible defaults.** AdamW with weight_decay ≈ 0.01 is the boring, reliable starting
# > point (transformer recipes often go up to 0.1). Combine it with early stopping and
# > whatever augmentation your data allows — they're complementary, not competing.
#
# In this notebook `weight_decay` (short: **wd**) is always PyTorch's, the number passed to
# the optimizer; the course's L2 λ appears once, for Adam + L2, where wd = 2λ (see the
# [conventions table](00_start_here.ipynb#conventions)).

# %% [markdown]
# ## 1 · Real digits, and only a few of them
#
# `data.digits()` is scikit-learn's bundled set of 1,797 handwritten digits (nothing is
# downloaded): 8×8 grey-level images, 64 pixels with values 0 to 16, labels 0 to 9.
# We split it once, with a seed, into
#
# - a deliberately **small training set** of 359 images (20 %), so that a network with
#   thousands of weights can memorise it and overfitting shows;
# - a **validation set** (539 images) that decides everything we tune and when to stop;
# - a **test set** (899 images) that is looked at only to report the final numbers.
#
# Pixels are divided by 16, so they lie in [0, 1] and the background is exactly 0. (A
# `data.Standardizer` would work as well for training; dividing by 16 keeps "background =
# 0", which the shift augmentation below relies on when it moves blank pixels in.)

# %%
# NBVAL_CHECK_OUTPUT
import functools

import matplotlib.patches
import numpy as np

from lessons_lib import conventions, data, exercises, models, optim, plots, train, widgets

X_all, y_all = data.digits()
X_all = X_all / 16.0                               # pixels in [0, 1], background exactly 0
FRACTIONS = (0.2, 0.3, 0.5)                        # train / validation / test
SPLITS = {s: data.split(X_all, y_all, FRACTIONS, seed=s) for s in range(3)}
X_train, y_train, X_val, y_val, X_test, y_test = SPLITS[0]

print(f"all: {X_all.shape}, pixel values {X_all.min():.0f} … {X_all.max():.0f}")
for name, labels in [("train", y_train), ("validation", y_val), ("test", y_test)]:
    print(f"{name:>10s}: {len(labels):4d} images, per class {np.bincount(labels, minlength=10)}")

# %% [markdown]
# ## 2 · The augmentation this data allows
#
# Augmentation makes fake training examples by changing an input in a way that **does
# not change its label**. Which changes qualify depends on the data, not on the method:
#
# - **Small shifts**: a 3 moved one pixel to the left is still a 3.
#   `train.shift_images((8, 8), max_shift=1, p=0.5)` picks half of the images (a fresh
#   draw at every step) and moves each by up to one pixel along each axis, filling the
#   pixels that come in with the background 0. One pixel is already 12 % of the width
#   here, and the data set's preprocessing already put every digit in roughly the same
#   place, so we stay small and leave half of the images where they are.
# - **Pixel noise**: `train.jitter(0.2)` adds fresh N(0, 0.2²) noise to every pixel. A
#   smudged 3 is still a 3. (Notebook 8 showed why input noise is a penalty in disguise; for
#   a linear model with MSE it is exactly ridge: averaged over the noise,
#   (w·(x + σε) − y)² becomes (w·x − y)² + σ²‖w‖², the course's L2 with λ = σ².)
# - **No flips.** Flipping is the classic image augmentation because a mirrored cat is
#   still a cat. A mirrored 2, 3, 4 or 7 is not a digit at all, and turning a 6 upside down
#   makes a 9. An augmentation that changes the label teaches the network wrong answers.
#
# The hook used below applies both, shifts first, then noise: a small local function, since
# `train.train` takes one `augment` hook.

# %%
shifts = train.shift_images((8, 8), max_shift=1, p=0.5)
noise = train.jitter(0.2)


def shifts_and_noise(X, y, rng):
    """The augmentation of this notebook: half the images moved by ≤ 1 pixel, then pixel noise."""
    return noise(*shifts(X, y, rng), rng)


show = [int(np.flatnonzero(y_train == d)[0]) for d in (2, 3, 4, 5, 6, 7)]   # one of each
originals, labels = X_train[show], y_train[show]
rows = [("original", originals),
        ("shifted ≤ 1 pixel", train.shift_images((8, 8), 1)(originals, labels, np.random.default_rng(7))[0]),
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
ax.set_xticks(10 * np.arange(6) + 4, [f"label {d}" for d in labels], fontsize=8)
ax.set_yticks(10 * np.arange(4) + 4, [name for name, _ in rows], fontsize=8)
ax.tick_params(length=0)
ax.get_yticklabels()[-1].set_color(plots.COLORS["vermillion"])
for spine in ax.spines.values():
    spine.set_visible(False)
ax.set_title("Top three rows keep the label; mirroring does not (a mirrored 2 is not a 2)",
             fontsize=9)
fig

# %% [markdown]
# ## 3 · The optimizer: AdamW with two parameter groups
#
# The network is `models.MLP((64, 64, 10), loss="cross_entropy")`: 64 pixels → 64 tanh
# units → 10 class scores, trained on the mean softmax cross-entropy. Its parameters, in
# PyTorch's naming, are two weight matrices and two bias vectors.
#
# **Decay the weights, not the biases.** `optim.decay_groups(model.named_parameters(), wd)`
# splits them into two *parameter groups*, exactly as PyTorch code does with
# `[{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}]`
# (nanoGPT's `configure_optimizers` decays tensors with 2 or more dimensions and nothing
# else). Why keep the biases out?
#
# - A bias **shifts** a unit's input; it does not make the function steeper or wigglier.
#   Overfitting lives in big *weights* (notebook 1), so decaying a bias buys no smoothness.
# - Pulling a bias to 0 adds error instead: a tanh unit may need its threshold away from
#   0, and the output biases carry how common each class is.
# - There are few of them (74 here, against 4,736 weights): too few to memorise anything.
#
# The same goes for the gain and shift (γ, β) of LayerNorm or BatchNorm layers in larger
# networks (this MLP has none): decaying a gain γ towards 0 would just switch the normalised
# unit down. So the usual no-decay group is "biases and norms", everything one-dimensional.

# %%
# NBVAL_CHECK_OUTPUT
SIZES, LR, WD = (64, 64, 10), 1e-2, 0.01

model = models.MLP(SIZES, loss="cross_entropy", seed=0)
groups = optim.decay_groups(model.named_parameters(), weight_decay=WD)
name_of = {id(p): name for name, p in model.named_parameters()}
for group in groups:
    members = ", ".join(f"{name_of[id(p)]} {p.shape}" for p in group["params"])
    n_numbers = sum(p.size for p in group["params"])
    print(f"weight_decay = {group['weight_decay']:<5g}: {members}  ({n_numbers:,} numbers)")
opt = optim.AdamW(groups, lr=LR)
print(opt)

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
# **The learning rate.** The recipe says *tune the learning rate first*. PyTorch's default
# for AdamW, lr = 10⁻³, is made for mini-batch training over many thousands of steps. Our
# runs take a few hundred **full-batch** steps (all 359 images per step): with lr = 10⁻³
# the validation loss is still falling after 300 of them (try it: set `LR = 1e-3`), while
# lr = 10⁻² reaches its minimum in about a hundred. So every run below uses
# **lr = 10⁻²** for 300 steps, with the validation loss recorded every 5 steps.

# %% [markdown]
# ## 4 · Five ways to train the same network
#
# Same network, same initial weights, same data, same 300 steps at lr = 10⁻². Only the
# regularization changes:
#
# | recipe | optimizer | what regularizes |
# |---|---|---|
# | **Adam, nothing** | `Adam(weight_decay=0)` | nothing |
# | **Adam + L2** | `Adam(weight_decay=0.01)` | the coupled penalty (wd/2)·Σw² = course's L2 with λ = 0.005, divided by Adam's √v̂ (notebook 7) |
# | **AdamW** | `AdamW(weight_decay=0.01)` | decoupled decay: w ← w(1 − η·wd) = w·(1 − 10⁻⁴) per step |
# | **AdamW + early stopping** | as above, `patience=10` | + stop after 10 evaluations (50 steps) without a new best validation loss, restore the best weights |
# | **the recipe** | as above | + shifts and pixel noise, a fresh draw every step |
#
# Every run goes through `decay_groups` (inside `train.train`), so biases are never decayed.
# `fit` below trains one recipe on one split and keeps a snapshot of the weights every 5
# steps (for the accuracy curves and the panel); `functools.lru_cache` remembers each run,
# so nothing is trained twice in this notebook. In the table, the column *weights of step*
# says which weights are evaluated: the last step's, or those early stopping restored.

# %%
STEPS, EVAL, PATIENCE = 300, 5, 10


@functools.cache
def fit(optimizer, weight_decay, early_stopping, augment, seed):
    """One training run on split `seed` (initial weights and augmentation seeded alike).

    Always call it with all five arguments in this order, so each run has one cache entry.
    """
    Xtr, ytr, Xva, yva, _, _ = SPLITS[seed]
    net = models.MLP(SIZES, loss="cross_entropy", seed=seed)
    hist = train.train(net, Xtr, ytr, lr=LR, steps=STEPS, optimizer=optimizer,
                       weight_decay=weight_decay, X_val=Xva, y_val=yva, eval_every=EVAL,
                       patience=PATIENCE if early_stopping else None,
                       augment=shifts_and_noise if augment else None,
                       snapshot_every=EVAL, seed=seed)
    return net, hist


def accuracy(net, X, y):
    return float(np.mean(net.predict_class(X) == y))


RECIPES = {"Adam, nothing": ("adam", 0.0, False, False),
           "Adam + L2, wd 0.01": ("adam", WD, False, False),
           "AdamW, wd 0.01": ("adamw", WD, False, False),
           "AdamW + early stopping": ("adamw", WD, True, False),
           "the recipe (+ augment.)": ("adamw", WD, True, True)}

# %%
# NBVAL_CHECK_OUTPUT
print(f"{'recipe':<24s} {'weights':>8s} {'train':>7s} {'val':>7s} {'val':>7s} {'test':>7s} {'test':>7s}")
print(f"{'':<24s} {'of step':>8s} {'loss':>7s} {'loss':>7s} {'acc.':>7s} {'loss':>7s} {'acc.':>7s}")
for name, args in RECIPES.items():
    net, hist = fit(*args, 0)
    step = hist.best_step if hist.best_step is not None else hist.step[-1]
    row = (net.loss(X_train, y_train), net.loss(X_val, y_val), accuracy(net, X_val, y_val),
           net.loss(X_test, y_test), accuracy(net, X_test, y_test))
    print(f"{name:<24s} {step:8d} " + " ".join(f"{v:7.4f}" for v in row))

# %% [markdown]
# The curves behind the table: the training loss (left, log scale) and the validation
# loss (right) of each run, every 5 steps. An early-stopped run ends where it stopped; the
# dot marks the step whose weights it restored.

# %%
STYLE = {"Adam, nothing": dict(color=plots.COLORS["grey"], lw=6, alpha=0.45),
         "Adam + L2, wd 0.01": dict(color=plots.COLORS["vermillion"], lw=1.8),
         "AdamW, wd 0.01": dict(color=plots.COLORS["blue"], lw=1.6, ls="--"),
         "AdamW + early stopping": dict(color=plots.COLORS["sky"], lw=2.2),
         "the recipe (+ augment.)": dict(color=plots.COLORS["green"], lw=2.2)}
fig, (ax_tr, ax_va) = plots.new_figure(ncols=2, width=5.0, height=3.6)
for name, args in RECIPES.items():
    _, hist = fit(*args, 0)
    ax_tr.plot(hist.step, hist.train_loss, label=name, **STYLE[name])
    ax_va.plot(hist.step, hist.val_loss, label=name, **STYLE[name])
    if hist.best_step is not None:
        k = int(np.flatnonzero(hist.step == hist.best_step)[0])
        ax_va.plot(hist.best_step, hist.val_loss[k], "o", ms=7, mec=plots.COLORS["black"],
                   color=STYLE[name]["color"])
ax_tr.set(yscale="log", ylim=(1e-3, 3), xlim=(0, STEPS), xlabel="step",
          ylabel="training loss (cross-entropy)", title="training loss (on the clean images)")
ax_va.set(ylim=(0.08, 0.5), xlim=(0, STEPS), xlabel="step", ylabel="validation loss (cross-entropy)",
          title="validation loss: lower is better")
ax_tr.legend(fontsize=7.5, loc="lower left")
fig

# %% [markdown]
# What the table says (seed 0; the test set has 899 images, so 0.001 of accuracy is about
# one image):
#
# - **AdamW with wd = 0.01 is practically plain Adam**: every loss within 0.002 (validation
#   0.2081 against 0.2101), the same accuracies. Not a bug: in 300 steps at η = 10⁻² the decoupled decay
#   can remove at most 3 % of a weight (section 5). Both overfit the same way: the training
#   loss falls to 0.002 while the validation loss is lowest near step 95 and then creeps up.
# - **Adam + L2 at the "same" 0.01 is a different regularizer.** Its training loss stays at
#   0.17 and its validation loss is the worst of the table (0.30), with about the same
#   accuracy (test 0.958 against 0.961). The coupled term is a real penalty in the
#   objective, (wd/2)·Σw² = 0.005·Σw², and Adam's division by √v̂ lets it act at full speed
#   on every weight whose gradient is small (notebook 7). It keeps the weights, and so the
#   class scores, small: the network stays unsure even where it is right, which the
#   cross-entropy charges for. The same number means something else in each optimizer; Adam
#   + L2 would need its own, smaller value.
# - **Early stopping** brings back the weights of step 95: the lowest validation loss of the
#   runs without augmentation (0.195) and the lowest test loss among them (0.142 against
#   0.148), after only 145 of the 300 steps of compute. Its accuracy differs by 2 test
#   images: noise.
# - **The recipe** adds shifts and noise, and gives the only clear gain: validation loss
#   0.138, test loss 0.120, test accuracy 0.967 against 0.961. Its training loss stays
#   higher (0.04), because images that change at every step cannot be memorised. Early
#   stopping still watches (it restored step 245 and stopped at 295), a guard rather than the
#   main effect.
#
# Between the first four rows the accuracies differ by at most 5 test images (and 4
# validation images): do not read
# anything into that. The losses, which look at how confident every prediction is, separate
# the runs better.

# %% [markdown]
# **A few seeds.** One split and one initialisation can be lucky. Below, the bottom line,
# "nothing" against the full recipe, on three different splits of the data, each with its
# own initial weights and augmentation draws (seed 0 is the run above).

# %%
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
# On all three splits the recipe beats "nothing": test accuracy +0.006, +0.013 and +0.019
# (5 to 17 of the 899 test images), 0.963 against 0.951 on average, and a test loss of
# 0.125 against 0.193. Notice the spread of "nothing" alone, from 0.943 to 0.961 across
# splits: about as large as the biggest gain on one split. A single run of each would not have told
# us much; three runs that agree in sign on every split is a modest but honest claim.

# %% [markdown]
# ## 5 · η·wd: why 0.01 barely acts here, and why transformers use 0.1
#
# AdamW's decay, in PyTorch's convention, multiplies every decayed weight by
# **(1 − η·wd)** at every step (η is the learning rate, `lr`). So the number a weight
# actually feels is the **product η·wd**, not wd. Left alone by the data, a weight halves
# in
#
# $$t_{1/2} = \frac{\ln 2}{-\ln(1 - η\cdot wd)} \approx \frac{0.693}{η\cdot wd}\ \text{steps}$$
#
# (`conventions.half_life`, notebook 6), and after a run of T steps at most a fraction
# (1 − η·wd)ᵀ ≈ e^(−η·wd·T) of it is left. What decides whether weight decay matters is
# how many half-lives fit into the run, **η·wd·T**.

# %%
# NBVAL_CHECK_OUTPUT
cases = [("this notebook", 1e-2, 0.01, STEPS),
         ("PyTorch's AdamW defaults", 1e-3, 0.01, 10_000),
         ("transformer-style, wd 0.01", 3e-4, 0.01, 100_000),
         ("transformer-style, wd 0.1", 3e-4, 0.1, 100_000)]
print(f"{'':<27s} {'lr':>7s} {'wd':>5s} {'η·wd':>8s} {'half-life':>10s} {'steps T':>8s} "
      f"{'(1 − η·wd)^T':>13s}")
for label, lr, wd, T in cases:
    factor = conventions.decay_factor(lr, wd)
    print(f"{label:<27s} {lr:7.0e} {wd:5g} {lr * wd:8.1e} {conventions.half_life(lr, wd):10,.0f} "
          f"{T:8,d} {factor ** T:13.3f}")

# %% [markdown]
# Read it row by row:
#
# - **This notebook**: η·wd = 10⁻⁴, a half-life of 6,931 steps, and a run of 300 steps.
#   The decay alone can remove at most 3 % of a weight. That is why AdamW with wd = 0.01
#   and plain Adam gave practically the same table rows: it is not that weight decay does
#   not work, it is that this run is far too short for wd = 0.01 to act.
# - **Transformer recipes** use a smaller learning rate (a few 10⁻⁴) and **wd = 0.1**
#   (GPT-3 and LLaMA were trained with 0.1; BERT used 0.01). "0.1" sounds ten times the
#   default, but η·wd = 3·10⁻⁵ is less per step than our 10⁻⁴: a half-life of 23,000 steps.
#   What makes it strong is the length of the run: over 10⁵ steps, e^(−3) ≈ 5 % of a weight
#   that the data does not defend is left. With wd = 0.01 at that learning rate, 74 % would
#   be left: barely a regularizer. wd = 0.1 is what it takes for the decay to matter over
#   such a run at such a learning rate.
# - With a learning-rate **schedule** (warm-up, then cosine decay to near 0, standard for
#   transformers), PyTorch multiplies wd by the *current* lr, so the decay fades with the
#   schedule and the total shrink is smaller still.
# - **Large models** have many weights and directions that the data barely constrains,
#   exactly the "left alone" weights of notebook 6 that only decay sends back to 0. (There
#   is a second mechanism beyond this course: in front of a normalisation layer the
#   *scale* of a weight matrix does not change the output, and decay keeps that scale, and
#   with it the effective step size, in check; van Laarhoven, 2017.)
#
# The rule of thumb behind the numbers: **compare the half-life 0.693/(η·wd) with the
# length of your run.** A half-life many times longer than the run means the decay is
# idle, whatever wd says. Once the half-life is comparable to the run or shorter, the decay
# acts, and how much is too much depends on how hard the data push back: that is for the
# validation set to say (the panel below shows both ends).

# %% [markdown]
# ## 6 · Live: drag weight_decay
#
# The panel trains the same network with AdamW at the `weight_decay` you choose (no early
# stopping, no augmentation, so that only wd changes) and shows, against the run with no
# decay at all (the wide grey band):
#
# - **left**: training loss (blue) and validation loss (orange) over the 300 steps, with a
#   dot at the lowest validation loss, the weights early stopping would restore;
# - **middle**: validation accuracy, and in the title the test accuracy at the end and at
#   that best step;
# - **right**: the size of the first layer's weights (their root mean square), where the
#   decay acts directly; the dotted line is what pure decay would do to the starting weights.
#
# The titles give η·wd, the half-life and the fraction left after 300 steps of pure decay.
# `train.sweep` cannot make this grid at once (it sweeps the penalty λ or the learning rate,
# not AdamW's `weight_decay`), so the first cell below trains the 11 slider positions one
# after the other (a few seconds; wd = 0.01 was trained for the table already), and the
# panel draws every position when its cell runs. It opens at **wd = 0.316**, where the decay
# visibly bites; drag left to the default 0.01 to see it do nothing in this run.

# %%
WD_MIN, WD_MAX, WD_STEP = -4, 1, 0.5
WDS = widgets.log_grid(WD_MIN, WD_MAX, WD_STEP)                 # the slider's 11 positions
steps_axis = np.arange(0, STEPS + 1, EVAL)
probe = models.MLP(SIZES, loss="cross_entropy")               # receives one snapshot's weights
stack = probe.copies(len(steps_axis))                          # all snapshots at once


def panel_curves(weight_decay):
    """Loss, accuracy and weight-size curves of one AdamW run (from its snapshots)."""
    _, hist = fit("adamw", weight_decay, False, False, 0) if weight_decay > 0 else \
        fit(*RECIPES["Adam, nothing"], 0)                    # AdamW with wd = 0 is Adam
    snaps = hist.snapshots + hist.snapshots[-1:] * (len(steps_axis) - len(hist.snapshots))
    stack.set_params([np.stack(ps) for ps in zip(*snaps)])   # (a diverged run has fewer)
    n = len(hist.snapshots)                                 # 61, fewer only if it diverged
    val_acc = np.mean(stack.predict_class(X_val) == y_val, axis=-1)[:n]
    rms = np.sqrt(np.mean(stack.fc1_weight ** 2, axis=(1, 2)))[:n]
    best = int(np.argmin(hist.val_loss))
    test_acc = []                                           # at the end and at the best step
    for k in (n - 1, best):
        probe.set_params(hist.snapshots[k])
        test_acc.append(accuracy(probe, X_test, y_test))
    return hist.step, hist.train_loss, hist.val_loss, val_acc, test_acc, rms, best, hist.message


CURVES = {wd: panel_curves(wd) for wd in WDS}                   # every slider position, trained
ref_step, ref_train, ref_val, ref_acc, _, ref_rms, _, _ = panel_curves(0.0)
rms0 = ref_rms[0]                                               # the starting weights' size

# %%
fig, (ax_loss, ax_acc, ax_rms) = plots.new_figure(ncols=3, width=3.55, height=3.8)
band = dict(color=plots.COLORS["grey"], lw=7, alpha=0.35, solid_capstyle="butt")  # wd = 0


def show_wd(weight_decay):
    step, train_loss, val_loss, val_acc, test_acc, rms, best, message = CURVES[weight_decay]
    factor = conventions.decay_factor(LR, weight_decay)

    ax_loss.plot(ref_step, ref_train, **band, label="no decay (wd = 0)")
    ax_loss.plot(ref_step, ref_val, **band)
    ax_loss.plot(step, train_loss, color=plots.TRAIN, lw=1.8, label="training loss")
    ax_loss.plot(step, val_loss, color=plots.VAL, lw=1.8, label="validation loss")
    ax_loss.plot([step[best]], [val_loss[best]], "o", color=plots.VAL, ms=7, clip_on=False,
                 mec=plots.COLORS["black"], label="lowest val. loss")
    ax_loss.set(yscale="log", ylim=(1e-3, 3), xlim=(0, STEPS), xlabel="step",
                ylabel="loss (cross-entropy)")
    ax_loss.set_title(f"wd = {weight_decay:.3g}: η·wd = {LR * weight_decay:.1e},\nhalf-life "
                      f"{conventions.half_life(LR, weight_decay):,.0f} steps", fontsize=9)
    if message:                                             # a run that diverged
        plots.message(ax_loss, message)

    ax_acc.plot(steps_axis, ref_acc, **band)
    ax_acc.plot(steps_axis[:len(val_acc)], val_acc, color=plots.VAL, lw=1.8,
                label="validation accuracy")
    ax_acc.set(ylim=(0.85, 1.0), xlim=(0, STEPS), xlabel="step", ylabel="accuracy")
    ax_acc.set_title(f"test accuracy {test_acc[0]:.3f} at the end,\n"
                     f"{test_acc[1]:.3f} at the best step ({step[best]})", fontsize=9)

    ax_rms.plot(steps_axis, ref_rms, **band)
    ax_rms.plot(steps_axis[:len(rms)], rms, color=plots.COLORS["green"], lw=1.8,
                label="RMS of fc1.weight with this wd")
    ax_rms.plot(steps_axis, rms0 * factor ** steps_axis, color=plots.COLORS["black"], lw=1,
                ls=":", label="pure decay from the start")
    ax_rms.set(ylim=(0, 0.45), xlim=(0, STEPS), xlabel="step", ylabel="RMS of fc1.weight")
    left = factor ** STEPS
    left_text = f"{left:.1%}" if left >= 1e-3 else "< 0.1%"
    ax_rms.set_title(f"pure decay would leave {left_text}\nof a weight after {STEPS} steps",
                     fontsize=9)
    fig.legend(loc="outside lower center", ncol=4, frameon=False)   # one legend for all three


widgets.live(fig, show_wd, title="AdamW's weight_decay on digits",
             weight_decay=widgets.log_slider("weight_decay", 10**-0.5, WD_MIN, WD_MAX,
                                             step=WD_STEP))

# %% [markdown]
# **What to look for** (η = 10⁻² throughout; the title gives η·wd and the half-life):
#
# - **Around 0.1 to 0.3** (half-lives of 693 and 219 steps, about the length of the run)
#   the decay starts to bite; the panel opens at the upper end. The first layer's weights
#   stop growing (RMS 0.24 instead of 0.32 at wd = 0.316), the training loss stays above the
#   band, and the validation loss no longer turns up: at wd = 0.316 it ends at 0.1915, the
#   lowest of the grid, just below what early stopping found (0.195). Test accuracy does not
#   improve (0.959): on this data, decay tunes the confidence more than the decisions.
# - **From 10⁻⁴ up to about 0.03 nothing moves**: the coloured curves stay inside the grey
#   band. The half-life (from 693,147 steps down to 2,192) is far longer than the 300-step
#   run, so the decay is idle. The recipe's default, wd = 0.01, is in this range (section 5
#   showed why).
# - **From 1 upwards** (half-life 69 steps and less) the decay dominates: the weights are
#   held small, both losses rise together, the network **underfits**. At wd = 10 the
#   validation accuracy falls to 0.87 and the test accuracy to 0.911.
# - On the right, the green curve always sits far above the dotted pure-decay curve: the
#   data push the weights up at every step, and where they settle is the balance of that
#   push and the decay (notebook 6).

# %% [markdown]
# ## 7 · The recipe
#
# <div style="border: 2px solid #009E73; border-radius: 6px; padding: 0.6em 1.2em; margin: 1em 0">
#
# **Sensible defaults, on one screen**
#
# 1. **Optimizer: AdamW, `weight_decay = 0.01`** (0.1 for transformer-style runs: long,
#    with a small learning rate). Decoupled decay, the same fraction for every weight.
# 2. **No decay on biases and normalisation gains**: two parameter groups,
#    `decay_groups(model.named_parameters(), wd)` here, `[{"params": decay, "weight_decay": wd},
#    {"params": no_decay, "weight_decay": 0.0}]` in PyTorch.
# 3. **Early stopping on the validation loss**, with some patience (e.g. 10 evaluations),
#    and **restore the best weights**. It also saves compute.
# 4. **Augmentation that respects the labels**: small shifts and noise for digits, flips
#    and crops for photos, never a change that can turn one class into another.
# 5. **Tune the learning rate first**, then `weight_decay` on a log grid (×3 or ×10 apart:
#    0.001, 0.01, 0.1), each judged on the validation set; touch the test set once, at the
#    end.
# 6. **Watch η·wd**: the per-step shrink is lr·wd, the half-life 0.693/(lr·wd) steps. If
#    the half-life is far longer than your run, weight decay is idle; once it is
#    comparable or shorter, wd matters and the validation set says how much is too much.
#    Change the run length or lr, and wd's effect changes with it.
# 7. **Convert before you copy**: PyTorch's `weight_decay` = 2 × the course's L2 λ; other
#    libraries differ again ([conventions table](00_start_here.ipynb#conventions)).
#
# </div>

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · The no-decay group
# For `models.MLP((64, 32, 10))`, `optim.decay_groups(model.named_parameters(), 0.01)`
# makes two groups. How many individual numbers (parameter entries) end up in the group
# with `weight_decay = 0`?

# %%
no_decay_count = ...   # a whole number

_ = exercises.check_value(no_decay_count, 42, name="Exercise 1",
                          hint="the no-decay group holds the biases: one per unit of each layer "
                               "after the input")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `no_decay_count = 32 + 10 = 42`: `fc1.bias` has one entry per hidden unit (32) and
# `fc2.bias` one per output (10). The weights, 64·32 + 32·10 = 2,368 numbers, are decayed.
# Check it: `sum(p.size for g in groups if g["weight_decay"] == 0 for p in g["params"])`.
# In a transformer the no-decay group would also hold every LayerNorm gain and bias.
# </details>

# %% [markdown]
# ### Exercise 2 · The per-step shrink
# A transformer is trained with AdamW at lr = 3·10⁻⁴ and `weight_decay = 0.1`. By which
# factor is every decayed weight multiplied at each step, before the Adam step?

# %%
shrink_factor = ...

_ = exercises.check_value(shrink_factor, 1 - 3e-4 * 0.1, rtol=1e-9, name="Exercise 2",
                          hint="AdamW multiplies by (1 − lr·weight_decay)")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `shrink_factor = 1 - 3e-4 * 0.1`, i.e. **0.99997**: each step removes 0.003 % of every
# weight (`conventions.decay_factor(3e-4, 0.1)`).
# </details>

# %% [markdown]
# ### Exercise 3 · The half-life in steps
# Same run (lr = 3·10⁻⁴, wd = 0.1). After how many steps would pure decay halve a weight?
# The exact value or the approximation 0.693/(lr·wd) is accepted (within 1 %).

# %%
half_life_steps = ...

_ = exercises.check_value(half_life_steps, conventions.half_life(3e-4, 0.1), rtol=0.01,
                          name="Exercise 3",
                          hint="solve (1 − lr·wd)^t = 1/2 for t; for small lr·wd, t ≈ ln 2 / (lr·wd)")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `half_life_steps = np.log(2) / -np.log(1 - 3e-4 * 0.1)` ≈ **23,105 steps** (the
# approximation ln 2/(3·10⁻⁵) = 23,104.9 agrees to five digits). A run of 100,000 steps
# holds 4.3 half-lives: the decay matters.
# </details>

# %% [markdown]
# ### Exercise 4 · Adam + L2 in the course's units
# The table's "Adam + L2" row used `optim.Adam(..., weight_decay=0.01)`. Which L2 strength
# λ of the course (penalty λ·Σw² added to the loss) does that correspond to?

# %%
course_lam = ...

_ = exercises.check_value(course_lam, 0.005, name="Exercise 4",
                          hint="Adam adds weight_decay·w to the gradient; the gradient of λ·Σw² is 2λw")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `course_lam = 0.01 / 2 = 0.005` (`conventions.lam_from_weight_decay(0.01)`). Adam adds
# wd·w to the gradient, the gradient of (wd/2)·Σw², so λ = wd/2. Unlike AdamW's decay,
# this penalty is part of the objective Adam minimises, and Adam's division by √v̂ moves
# the weights with small data gradients by about lr per step towards it (notebook 7):
# that is why it acted within our short run when AdamW's decay did not.
# </details>

# %% [markdown]
# ## Summary
#
# - **AdamW with `weight_decay` ≈ 0.01, biases and norms excluded**, is the starting
#   point; `decay_groups` makes the two parameter groups, as PyTorch code does.
# - On 359 digits and 300 full-batch steps, AdamW with wd = 0.01 behaved practically like
#   plain Adam (its decay is idle in so short a run), early stopping gave the best losses
#   without augmentation for half the compute, and augmentation that keeps the labels gave
#   the only clear gain: test accuracy 0.963 against 0.951 on average over three splits,
#   better on each. Honest differences on a small data set are small; say so.
# - AdamW's decay acts through **η·wd per step**; its half-life 0.693/(η·wd) against the
#   length of the run says whether it matters. In our short run wd = 0.01 is idle; in a
#   transformer run of 10⁵ steps at lr = 3·10⁻⁴, wd = 0.1 leaves 5 % of an undefended
#   weight. That is why those recipes go up to 0.1.
# - Adam + L2 at the same nominal 0.01 is a different regularizer: a fixed penalty
#   (λ = wd/2 in the course's units) in the objective, rescaled per weight by Adam.
# - The three methods are **complementary**: early stopping picks *when*, augmentation
#   changes *what* the network sees, weight decay shapes *the weights*. Tune lr first,
#   then wd on a log grid, on validation data.
#
# Next: [11 · Wrap-up](11_wrap_up.ipynb).
