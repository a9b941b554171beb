# %% [markdown]
# # 4 · L1 and sparsity
#
# **Learning goals**
# - explain why the L1 penalty λ·Σ|w| pulls every weight with the *same* force λ, whether the
#   weight is 8.0 or 0.08, and why that drives small weights to exactly zero;
# - see why plain (sub)gradient descent on λ·Σ|w| only *jitters* around zero, in a band about
#   η·λ wide, while the **proximal step** (soft-thresholding) lands exactly on zero and stays;
# - write soft-thresholding yourself;
# - use lasso as a feature selector: on data where only 5 of 40 features matter, find the λ
#   range where the surviving weights are exactly the 5 that matter;
# - know why deep networks rarely use L1 on its own.
#
# The previous notebook's L2 penalty λ·Σw² pulls each weight in proportion to its size:
# everything shrinks, nothing reaches zero. This one is about its sibling:
#
# > **L1 penalty λ·Σ|w|.** Adds a constant λ·sign(w) to the gradient: the same steady tug
# > whether a weight is 8.0 or 0.08. Small weights get dragged to exactly zero → sparsity.
#
# As everywhere in this course, the objective is MSE (1/n)·Σ(ŷ − y)² + λ·penalty(w), the
# intercept is never penalized, and scikit-learn's `Lasso(alpha)` is the same model with
# `alpha = λ/2` (see the [conventions table](00_start_here.ipynb#conventions)).

# %%
# %matplotlib inline
import numpy as np
from matplotlib.patches import Patch

from lessons_lib import data, exercises, linear, models, penalties, plots, train, widgets

# %% [markdown]
# ## 1. The constant tug
#
# The derivative of λ·|w| is λ for w > 0 and −λ for w < 0: **λ·sign(w)**. At w = 0 the
# kink has no derivative; any value between −λ and λ is a valid *subgradient* there, and
# `penalties.l1(λ).grad` uses 0. Compare the L2 penalty λ·w², whose gradient is **2λw**:
#
# | weight w | L2 pull 2λw | L1 pull λ·sign(w) |
# |---|---|---|
# | 8.0 | 16·λ | λ |
# | 0.08 | 0.16·λ | λ |
#
# L2 eases off as a weight gets small, so it never quite finishes the job. L1 keeps pulling
# just as hard all the way down; measured *relative to the weight's size* its pull λ/|w|
# grows without bound as w → 0. The two pulls are equal at |w| = ½; below that L1 pulls
# harder. On the right: with the penalty alone (no data), following the pull
# continuously from w = 1, L2 decays like e^(−2λt) and never arrives, while L1 walks down at
# constant speed λ and reaches **exactly 0** at t = 1/λ.

# %%
lam_demo = 0.5
w = np.linspace(-2, 2, 401)
fig, (ax1, ax2) = plots.new_figure(ncols=2, width=4.6, height=3.2)
ax1.plot(w, 2 * lam_demo * w, color=plots.L2C, lw=2, label="L2: 2λw")
ax1.plot(w[w < 0], np.full(np.sum(w < 0), -lam_demo), color=plots.L1C, lw=2.5,
         label="L1: λ·sign(w)")
ax1.plot(w[w > 0], np.full(np.sum(w > 0), lam_demo), color=plots.L1C, lw=2.5)
ax1.plot([0], [0], "o", color=plots.L1C, ms=6, label="L1 at w = 0: 0")
ax1.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax1.axvline(0, color=plots.COLORS["black"], lw=0.8)
ax1.set(xlabel="weight w", ylabel="pull added to the gradient",
        title=f"penalty gradients, λ = {lam_demo}", ylim=(-2.1, 2.1))
ax1.legend(loc="upper left")

t = np.linspace(0, 5, 300)
ax2.plot(t, np.exp(-2 * lam_demo * t), color=plots.L2C, lw=2, label="L2: w = e^(−2λt)")
ax2.plot(t, np.maximum(1 - lam_demo * t, 0), color=plots.L1C, lw=2.5, label="L1: w = max(1 − λt, 0)")
ax2.axvline(1 / lam_demo, color=plots.COLORS["grey"], ls=":", lw=1.2, label="t = 1/λ")
ax2.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax2.set(xlabel="time t (step count × η)", ylabel="weight w",
        title="penalty alone, starting at w = 1", ylim=(-0.05, 1.05))
ax2.legend(loc="upper right")
fig

# %% [markdown]
# ## 2. Exact zeros need the right kind of step
#
# The right-hand curve above is the *continuous* picture. A computer takes steps of size η,
# and that is where L1 gets awkward. Plain gradient descent with the subgradient,
#
# w ← w − η·(∇loss + λ·sign(w)),
#
# moves a small positive weight down by η·λ **whatever its size**. Take η·λ = 0.1 and a
# weight at 0.06 that the data does not care about (∇loss ≈ 0): one step sends it to −0.04,
# the next back to 0.06, and so on forever. It would land on 0 only by a fluke of
# arithmetic, so in practice **a subgradient run has no exact zeros**; the weights that
# should be 0 just bounce in a band about η·λ wide.
#
# The **proximal** step splits the update in two: first the data step
# v = w − η·∇loss, then the penalty step solved *exactly*, not linearised:
#
# w ← argmin over u of  ½(u − v)² + η·λ·|u|  =  sign(v)·max(|v| − η·λ, 0).
#
# That formula is **soft-thresholding** at t = η·λ (`penalties.soft_threshold(v, t)`, and
# `penalties.l1(λ).prox(v, η)`). Why it has this shape: if the answer u is positive, setting
# the derivative u − v + t to 0 gives u = v − t, which is positive only when v > t; likewise
# u = v + t when v < −t; for every v in between, neither side works and the minimum sits at
# the kink, **u = 0 exactly**. The whole interval |v| ≤ η·λ is a dead zone that maps to 0.
# Alternating these two steps is *proximal gradient descent* (known as ISTA for lasso);
# `train.train(..., penalty_mode="prox")` does exactly this. (The exact solver
# `linear.fit_linear` works differently, with an *active-set* method: it solves exactly for
# the non-zero weights and keeps a weight at 0 as long as the data's pull on it stays inside
# the same dead zone, |(2/n)·x_jᵀr| ≤ λ for the residual r.)
#
# Below, the two penalty steps side by side, each applied to a weight v (data step already
# taken), with t = η·λ. Outside the dead zone they agree: both move v by t towards 0. Inside
# it, the subgradient step v − t·sign(v) jumps *over* zero, the prox step stops *at* zero.

# %%
t_demo = 0.5
v = np.linspace(-2, 2, 801)
fig, ax = plots.new_figure(width=5.6, height=3.4)
ax.axvspan(-t_demo, t_demo, color=plots.COLORS["sky"], alpha=0.2, lw=0,
           label="dead zone |v| ≤ t: output exactly 0")
ax.plot(v, v, color=plots.COLORS["grey"], ls="--", lw=1, label="no penalty: v")
ax.plot(v, penalties.soft_threshold(v, t_demo), color=plots.L1C, lw=3,
        label="prox step: soft_threshold(v, t)")
for side in (v < 0, v > 0):
    ax.plot(v[side], (v - t_demo * np.sign(v))[side], color=plots.COLORS["purple"], lw=1.8,
            ls="--", label="subgradient step: v − t·sign(v)" if side[0] else None)
ax.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax.set(xlabel="v (the weight after the data step)", ylabel="weight after the penalty step",
       title=f"one L1 penalty step, t = η·λ = {t_demo}", xlim=(-2, 2), ylim=(-2, 2))
ax.legend(loc="upper left")
fig


# %% [markdown]
# ### Exercise 1: soft-thresholding by hand
#
# Fill in `my_soft_threshold(w, t)`: shrink every entry of `w` towards 0 by `t`, and set the
# entries with |w| ≤ t to exactly 0. It should work for numpy arrays (use `np.sign`,
# `np.abs`, `np.maximum`; no loops needed).

# %%
def my_soft_threshold(w, t):
    raise NotImplementedError  # your code here


_ = exercises.check_function(
    my_soft_threshold, penalties.soft_threshold,
    [(np.array([2.0, -0.3, 0.5, -1.5, 0.0]), 0.5), (np.array([0.1, -0.1]), 0.0),
     (np.linspace(-3, 3, 13), 1.2), (np.array([-4.0]), 10.0)],
    name="Exercise 1", hint="sign(w) · max(|w| − t, 0): the max with 0 is what makes exact zeros.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def my_soft_threshold(w, t):
#     return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)
# ```
# `np.maximum(..., 0.0)` clips everything inside the dead zone to 0, and `np.sign` puts the
# sign back on the survivors (and keeps a 0 at 0).
# </details>

# %% [markdown]
# ### The same lasso problem, trained both ways
#
# A regression problem where the truth is sparse: 100 samples of 40 standard-normal
# features, but y depends on only **5** of them (`data.sparse_linear`, coefficients of size
# 1 to 3 with random signs, noise 0.5). All 40 weights start at random values ~N(0, 1) so that
# each has to travel. We minimise MSE + λ·Σ|w| with λ = 1 by plain SGD (full batch),
# η = 0.1, for 400 steps: once with the subgradient (`penalty_mode="gradient"`), once with
# the prox step (`penalty_mode="prox"`), and we compare both with the exact lasso solution
# from `linear.fit_linear`. The `History` keeps a snapshot of the weights at every step.

# %%
# NBVAL_CHECK_OUTPUT
X, y, true_coef = data.sparse_linear(n_samples=100, n_features=40, n_informative=5, seed=0)
true_support = true_coef != 0
LAM, LR, STEPS = 1.0, 0.1, 400

w_lasso, _ = linear.fit_linear(X, y, penalty="l1", lam=LAM)
runs = {}
for mode in ("gradient", "prox"):
    model = models.LinearRegression(40, init_scale=1.0, seed=1)
    hist = train.train(model, X, y, lr=LR, steps=STEPS, penalty=penalties.l1(LAM),
                       penalty_mode=mode, optimizer="sgd", snapshot_every=1)
    runs[mode] = np.array([snap[0] for snap in hist.snapshots])     # (STEPS + 1, 40) weights

print(f"exact zeros among 40 weights after {STEPS} steps (λ = {LAM}, η = {LR}):")
print(f"  subgradient (penalty_mode='gradient'): {np.sum(runs['gradient'][-1] == 0):2d}")
print(f"  proximal    (penalty_mode='prox')    : {np.sum(runs['prox'][-1] == 0):2d}")
print(f"  exact lasso (linear.fit_linear)      : {np.sum(w_lasso == 0):2d}")
print("prox run == exact lasso (to 1e-9):", np.allclose(runs["prox"][-1], w_lasso, rtol=0, atol=1e-9))
print(f"subgradient run: largest |w − w_lasso| = {np.abs(runs['gradient'][-1] - w_lasso).max():.3f}")
off = w_lasso == 0
tail = runs["gradient"][-100:, off]           # the last 100 steps of the weights that should be 0
print(f"subgradient, weights that should be 0, last 100 steps: max |w| = "
      f"{np.abs(tail).max() / (LR * LAM):.2f} × η·λ")
landed = np.flatnonzero(np.any(runs["prox"][:, off] != 0, axis=1))[-1] + 1
print(f"prox: every one of them is exactly 0 from step {landed} on")

# %% [markdown]
# The proximal run reproduces the exact lasso, zeros and all; the subgradient run, on the
# same problem with the same η and λ, ends with **no** exact zeros: its 35 "dead" weights are
# alive and jittering. The jitter is a bit wider than η·λ itself (1.84·η·λ at most above),
# because the data gradient on each weight also wobbles as all the others jitter.
#
# **Drag η** in the panel below (λ = 1 stays fixed; all 11 runs of each kind are trained at
# once by `train.sweep` when the cell runs). Left: subgradient descent; middle: proximal
# gradient descent. The 5 informative weights are drawn in colour; the grey band is the range
# of the 35 weights that the exact lasso sets to 0 (the step axis is linear up to 10, then
# logarithmic, so both the fast start and the long tail show). Right: a zoom on the last 50
# steps, with 5 of those 35 weights under the subgradient method and the band ±η·λ dashed.
# Smaller η shrinks the jitter, but training gets slower, and still no weight is ever exactly
# 0; the prox run ends with exact zeros at every η.

# %%
LRS = 10 ** np.arange(-2, -0.75 + 0.0625, 0.125)      # the η slider's grid: 0.01 … 0.178
start = models.LinearRegression(40, init_scale=1.0, seed=1)
traj = {}
for mode in ("gradient", "prox"):
    _, h = train.sweep(start, X, y, lrs=LRS, penalty="l1", lam=LAM, steps=STEPS,
                       penalty_mode=mode, snapshot_every=1)
    traj[mode] = np.array([snap[0] for snap in h.snapshots])          # (STEPS + 1, K, 40)

steps = np.arange(STEPS + 1)
zoom = steps >= STEPS - 50
informative, noise = np.flatnonzero(true_support), np.flatnonzero(off)
few = noise[:5]                                       # 5 of the 35 for the zoom
colors = [plots.COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple")]
fig, axes = plots.new_figure(ncols=3, width=3.3, height=3.0)


def show_eta(eta):
    k = widgets.nearest(LRS, eta)
    for ax, mode, name in zip(axes[:2], ("gradient", "prox"), ("subgradient", "prox")):
        W = traj[mode][:, k]                          # (STEPS + 1, 40) weights at this η
        band = ax.fill_between(steps, W[:, noise].min(axis=1), W[:, noise].max(axis=1),
                               color=plots.COLORS["grey"], alpha=0.5, lw=0)
        info = [ax.plot(steps, W[:, j], color=c, lw=1.8)[0] for j, c in zip(informative, colors)]
        ax.axhline(0, color=plots.COLORS["black"], lw=0.8)
        ax.set_xscale("symlog", linthresh=10, linscale=0.6)
        ax.set(xlabel="step (linear to 10, then log)", ylabel="weight", ylim=(-3.5, 3.5),
               xlim=(0, STEPS))
        ax.set_title(f"{name}: {np.sum(W[-1] == 0)} exact zeros", fontsize=10)

    ax = axes[2]
    jitter = ax.plot(steps[zoom], traj["gradient"][zoom, k][:, few], lw=1,
                     color=plots.COLORS["grey"], marker=".", ms=3)
    (prox_max,) = ax.plot(steps[zoom], np.abs(traj["prox"][zoom, k][:, noise]).max(axis=1),
                          color=plots.L1C, lw=2.5)
    edge = [ax.axhline(sign * eta * LAM, color=plots.COLORS["black"], ls="--", lw=1)
            for sign in (1, -1)]
    ax.set(xlabel="step", ylabel="weight", ylim=(-0.45, 0.45))
    ax.set_title(f"last 50 steps, η·λ = {eta * LAM:.3g}", fontsize=10)
    fig.legend(handles=[info[0], band, jitter[0], prox_max, edge[0]],
               labels=["the 5 informative weights (one colour each)",
                       "range of the 35 weights lasso sets to 0",
                       "5 of those 35, subgradient", "largest |w| of the 35, prox", "±η·λ"],
               loc="outside lower center", ncol=3, frameon=False)


widgets.live(fig, show_eta, title="subgradient vs prox",
             eta=widgets.log_slider("η (learning rate)", LR, -2, -0.75))

# %% [markdown]
# ### Exercise 2: the jitter, one step at a time
#
# Use the subgradient step w ← w − η·(∇loss + λ·sign(w)) with η = 0.1, λ = 1, and a weight
# the data does not care about (∇loss = 0 exactly). The weight starts at w = 0.03.
# Give `answer = (w1, w2, w_prox)`: the weight after one subgradient step, after a second
# one, and, for comparison, after one **prox** step from 0.03 instead
# (soft-threshold at η·λ).

# %%
answer = ...  # (w1, w2, w_prox)

_pen, _eta = penalties.l1(1.0), 0.1               # the checker replays the steps with lessons_lib
_w1 = 0.03 - _eta * _pen.grad(np.array(0.03))
_ = exercises.check_value(
    answer, (_w1, _w1 - _eta * _pen.grad(_w1), _pen.prox(np.array(0.03), _eta)), name="Exercise 2",
    hint="each subgradient step moves the weight by η·λ = 0.1 towards 0 (and past it); "
         "the prox step returns sign(v)·max(|v| − η·λ, 0).")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (-0.07, 0.03, 0.0)`. From 0.03 the pull is λ·sign(0.03) = 1, so
# w1 = 0.03 − 0.1·1 = −0.07; now sign(w1) = −1, so w2 = −0.07 + 0.1 = 0.03, back where it
# started: a period-2 orbit of width exactly η·λ = 0.1. The prox step from v = 0.03 is
# soft_threshold(0.03, 0.1) = 0, because |v| ≤ η·λ, and it stays 0 at every later step. This
# is why the measured jitter above scales with η·λ: halve η and the band halves, but the
# weight never settles.
# </details>

# %% [markdown]
# ## 3. A sparse ground truth: does lasso find what mattered?
#
# Because its zeros are exact, lasso doubles as **feature selection**: the surviving weights
# tell you which inputs mattered. How strong must λ be? At w = 0, the optimality condition
# for weight j is that the data gradient on it, |(2/n)·x_jᵀ(y − ȳ)|, be at most λ (the
# subgradient of λ·|w| at 0 can absorb anything in [−λ, λ]). So above
#
# λ_max = (2/n)·max_j |x_jᵀ(y − ȳ)|   (columns x_j centred)
#
# *every* weight is exactly 0 (`linear.lam_max`). Below it, weights switch on one by one.
#
# The panel shows the exact lasso (`linear.regularization_path`, solved once over the whole
# slider grid, from 10⁻³ up to just past λ_max) for the data above. Left: the 40 estimated
# coefficients as bars, green when the feature is truly informative, vermillion when a noise
# feature survived (a false positive); black dashes mark the true coefficients, and the
# shaded columns are the 5 true features; the title counts zeros and hits. Right: every
# coefficient against λ (informative green, noise vermillion), the current λ as a vertical
# line; its title counts the exact zeros that proximal gradient descent (η = 0.1, 500
# steps, trained for every λ of the grid at once by `train.sweep`) reaches at that λ.

# %%
lam_max = linear.lam_max(X, y)
STEP = 0.125
top = np.ceil(np.log10(lam_max) / STEP) * STEP              # first grid point ≥ λ_max
LAMS = 10 ** np.arange(-3, top + STEP / 2, STEP)
path, _ = linear.regularization_path(X, y, LAMS, penalty="l1")
prox_fits, _ = train.sweep(models.LinearRegression(40), X, y, lams=LAMS, penalty="l1", lr=0.1,
                           steps=500, penalty_mode="prox")
prox_zeros = np.sum(prox_fits.weight == 0, axis=1)

GOOD, BAD = plots.COLORS["green"], plots.COLORS["vermillion"]
bar_colors = [GOOD if is_true else BAD for is_true in true_support]
fig, (ax1, ax2) = plots.new_figure(ncols=2, width=4.6, height=3.7)


def show_lam(lam):
    i = widgets.nearest(LAMS, lam)
    kept = path[i] != 0
    for j in np.flatnonzero(true_support):
        ax1.axvspan(j + 0.5, j + 1.5, color=plots.COLORS["grey"], alpha=0.2, lw=0)
    plots.weight_bars(ax1, path[i], color=bar_colors, ylim=(-3.4, 3.4))
    (true_marks,) = ax1.plot(np.arange(1, 41)[true_support], true_coef[true_support], "_",
                             color=plots.COLORS["black"], ms=14, mew=2.5, zorder=4)
    ax1.set(xlabel="feature index (shaded: the 5 informative ones)", ylabel="lasso coefficient",
            xlim=(0.3, 40.7))
    tp, fp = int(np.sum(kept & true_support)), int(np.sum(kept & ~true_support))
    status = ("exact support recovered" if np.array_equal(kept, true_support) else
              "every weight is 0" if not kept.any() else
              "false positives" if fp and tp == 5 else
              "informative features lost" if tp < 5 and not fp else "wrong support")
    ax1.set_title(f"λ = {lam:.3g} (λ/λ_max = {lam / lam_max:.2g}): {status}\n"
                  f"{40 - int(kept.sum())}/40 exact zeros · {tp}/5 informative kept · "
                  f"{fp} false positives", fontsize=9.5)

    for ln, is_true in zip(plots.coef_paths(ax2, LAMS, path, highlight=true_support), true_support):
        ln.set(color=GOOD if is_true else BAD, alpha=1.0 if is_true else 0.45)
    lmax_line = ax2.axvline(lam_max, color=plots.COLORS["black"], ls=":", lw=1.2)
    current = ax2.axvline(lam, color=plots.COLORS["blue"], lw=2)
    ax2.set(ylim=(-3.4, 3.4))
    ax2.set_title(f"lasso path · prox-GD at this λ: {int(prox_zeros[i])} exact zeros", fontsize=9.5)
    fig.legend(handles=[Patch(color=GOOD), Patch(color=BAD), true_marks, current, lmax_line],
               labels=["informative feature", "noise feature (a bar = false positive)",
                       "true coefficient", "current λ", f"λ_max = {lam_max:.3g}"],
               loc="outside lower center", ncol=3, frameon=False)


widgets.live(fig, show_lam, title="lasso selects features",
             lam=widgets.log_slider("λ", 1.0, -3, top, step=STEP))

# %% [markdown]
# Drag λ from left to right and watch three regimes:
#
# - **small λ**: almost nothing is 0; dozens of noise features keep small weights (false
#   positives). This is close to least squares, with 40 weights fitted from 100 samples.
# - **middle λ**: the noise weights are gone and the 5 informative features survive: the
#   support is recovered exactly (the default λ = 1 is in this range; the cell below prints
#   the whole range).
# - **λ approaching λ_max**: the penalty starts killing real features too, typically the
#   weakest first;
#   at λ ≥ λ_max every weight is 0.
#
# Notice also that the surviving bars stop short of the true dashes: lasso shrinks what it
# keeps. For uncorrelated standardised features (XᵀX/n ≈ I) the course's objective
# separates into one-dimensional problems whose solution is the least-squares weight
# soft-thresholded at **λ/2** (the MSE's gradient carries a factor 2), so each survivor loses
# about λ/2. That bias is the price of selection; a common remedy is to refit plain least
# squares on the selected features. Proximal gradient descent reaches the same exact zeros
# as the exact solver at every λ of the grid (compare the two panel titles while you drag).

# %%
# NBVAL_CHECK_OUTPUT
kept_at = path[widgets.nearest(LAMS, LAM)] != 0
print(f"λ_max = {lam_max:.4f}")
print(f"true support (features numbered 1 … 40, as in the panel): "
      f"{(np.flatnonzero(true_support) + 1).tolist()}")
print(f"lasso at λ = {LAM}: keeps {(np.flatnonzero(kept_at) + 1).tolist()}  "
      f"({int(np.sum(kept_at & true_support))}/5 informative, "
      f"{int(np.sum(kept_at & ~true_support))} false positives)")
exact = np.array([np.array_equal(c != 0, true_support) for c in path])
print(f"exact support recovery for λ on the grid from {LAMS[exact].min():.3g} "
      f"to {LAMS[exact].max():.3g} ({int(exact.sum())} of {len(LAMS)} grid points)")
print(f"λ = {LAM}: shrinkage of the survivors, mean |w_true| − |w_lasso| = "
      f"{np.mean(np.abs(true_coef[true_support]) - np.abs(path[widgets.nearest(LAMS, LAM)][true_support])):.3f}"
      f"  (λ/2 = {LAM / 2})")
same = np.all((prox_fits.weight == 0) == (path == 0))
print("prox-GD (500 steps) has the exact lasso's zeros at every grid λ:", bool(same))

# %% [markdown]
# ### Exercise 3: λ_max
#
# Just at and just below λ_max. Give `answer = (zeros_at, zeros_below)`: how many of the 40
# weights are exactly 0 at λ = λ_max, and at λ = 0.99·λ_max? Reason first, then check with
# `linear.fit_linear(X, y, penalty="l1", lam=...)` and `np.sum(coef == 0)`.

# %%
answer = ...  # (zeros_at, zeros_below)

_ = exercises.check_value(
    answer, tuple(int(np.sum(linear.fit_linear(X, y, penalty="l1", lam=f * lam_max)[0] == 0))
                  for f in (1.0, 0.99)), name="Exercise 3",
    hint="λ_max is exactly where the first weight (the one with the largest |x_jᵀ(y − ȳ)|) "
         "can no longer stay at 0.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (40, 39)`. At λ = λ_max every weight satisfies the zero-optimality condition, so
# all 40 are 0. Just below, only the feature whose data gradient sets λ_max violates it, so
# exactly one weight switches on. The next one joins only at a clearly smaller λ (here still
# 39 zeros at 0.9·λ_max; the path on the right of the panel shows where).
#
# ```python
# for lam in (lam_max, 0.99 * lam_max):
#     coef, _ = linear.fit_linear(X, y, penalty="l1", lam=lam)
#     print(lam, np.sum(coef == 0))
# ```
# </details>

# %% [markdown]
# ## 4. Why deep networks rarely use L1 alone
#
# In classic machine learning, sparsity is often the whole point: lasso picks a handful of
# measurable inputs from hundreds, and the surviving weights are an explanation. In a deep
# network the picture changes:
#
# - **Capacity is already controlled by the architecture** (width, depth, sharing weights in
#   convolutions), plus weight decay, dropout, early stopping and augmentation (notebooks 6
#   to 8). Making individual weights zero adds little on top.
# - **Scattered zeros don't make anything faster.** A dense matrix with 70 % of its entries
#   equal to 0 still costs a full matrix multiply on a GPU or CPU: the hardware does not skip
#   zeros one by one. Speed-ups need *structured* sparsity (whole neurons, channels or
#   blocks removed) or special sparse kernels; that is the business of dedicated **pruning**
#   methods, usually applied after or during training (notebook 11 points there).
# - **Exact zeros need the prox step**, as section 2 showed. Deep-learning optimizers (SGD
#   with momentum, Adam) take subgradient steps, so "L1" in a network leaves weights that
#   jitter near 0 rather than exact zeros, unless one adds a thresholding step.
# - **Individual weights don't mean much** in a network: hidden units can be permuted and
#   rescaled, so a surviving weight is not a surviving *input*. (L1 on the first layer's
#   weights, or *group* lasso on whole neurons, is what people use when they do want
#   selection.)
#
# So the everyday deep-learning default is L2 in its weight-decay form (notebooks 6 and 7);
# L1 shines in linear models, and elastic net mixes the two (next notebook).

# %% [markdown]
# ## Summary
#
# - The L1 penalty λ·Σ|w| adds **λ·sign(w)** to the gradient: a constant tug, the same for
#   8.0 and 0.08, where L2 adds 2λw and eases off near 0. Followed continuously, L1 drives a
#   weight to exactly 0 in finite time.
# - **Subgradient** steps w ← w − η(∇loss + λ·sign(w)) overshoot zero: weights that should
#   be 0 jitter in a band of order η·λ and the run has no exact zeros (0 of 40 above).
# - The **prox step** soft-thresholds, sign(v)·max(|v| − η·λ, 0): a dead zone |v| ≤ η·λ
#   maps to exactly 0. Proximal gradient descent (`penalty_mode="prox"`) matches the exact
#   lasso, 35 zeros at λ = 1 above.
# - Above **λ_max** = (2/n)·max_j|x_jᵀ(y − ȳ)| every weight is 0. Between, lasso selects
#   features; on 40 features with 5 informative, a middle range of λ recovered exactly the
#   5, at the price of shrinking the survivors by about λ/2.
# - Deep nets rarely use L1 alone: architectures already limit capacity, optimizers don't
#   take prox steps, and scattered zeros are not faster without structured pruning.
#
# Next: [5 · Fingerprints: dense vs sparse](05_fingerprints.ipynb).
