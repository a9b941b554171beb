# %% [markdown]
# # 4 · L1 and sparsity
#
# **Learning goals**
# - explain why L1's pull, the *same* λ on every weight, drives small weights to exactly 0
#   under a proximal step or an exact solver;
# - see why (sub)gradient steps only *jitter* around zero, while the **proximal step**
#   (soft-thresholding, which you will write) lands on zero and stays;
# - use lasso to select features where only 5 of 40 matter;
# - know why deep networks rarely use L1 on its own.
#
# [Notebook 3](03_l2.ipynb)'s L2 penalty pulls each weight in proportion to its size:
# everything shrinks, nothing reaches zero. Its sibling:
#
# > **L1 penalty λ·Σ|w|.** Adds a constant λ·sign(w) to the gradient: the same steady tug
# > whether a weight is 8.0 or 0.08. Small weights get dragged to exactly zero → sparsity.
#
# **Notation:** λ is the course's throughout, in MSE + λ·Σ|w| (intercept unpenalized);
# scikit-learn's `Lasso(alpha=λ/2)` is the same model ([conventions](12_conventions.ipynb#conventions)).
#
# *Time: about 30 minutes (reading, dragging the sliders, exercises).*
#
# *Express path: sections 1, 3 and 4, about 8 minutes.*

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import exercises, linear, penalties, plots, runs_sparse, widgets

# %% [markdown]
# ## 1. The constant tug
# <!-- express -->
#
# The derivative of λ·|w| is **λ·sign(w)**: λ for w > 0, −λ for w < 0. (At the kink w = 0
# any value between −λ and λ is a valid *subgradient*; `penalties.l1(λ).grad` uses 0.) The
# L2 penalty λ·w² has gradient **2λw**:
#
# | weight w | L2 pull 2λw | L1 pull λ·sign(w) |
# |---|---|---|
# | 8.0 | 16·λ | λ |
# | 0.08 | 0.16·λ | λ |
#
# L2 eases off as a weight gets small and never finishes the job; L1 pulls just as hard all
# the way down. On the right, the penalty alone (no data) on a weight that starts at 1,
# against time τ (step count × η): with small steps, L2 decays like e^(−2λτ) and never
# arrives, L1 walks down at constant speed and reaches **exactly 0** at τ = 1/λ.
#
# <details><summary>Go deeper: where the two pulls cross</summary>
#
# The pulls are equal at |w| = ½ (2λw = λ); below that L1 pulls harder. Measured *relative
# to the weight's size*, L1's pull λ/|w| grows without bound as w → 0, while L2's stays 2λ.
# The right-hand curves follow the pull continuously (dw/dτ = −pull, time τ = step count × η):
# dw/dτ = −2λw gives w = e^(−2λτ), and dw/dτ = −λ gives w = 1 − λτ until w hits 0.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
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

tau = np.linspace(0, 5, 300)
ax2.plot(tau, np.exp(-2 * lam_demo * tau), color=plots.L2C, lw=2, label="L2: w = e^(−2λτ)")
ax2.plot(tau, np.maximum(1 - lam_demo * tau, 0), color=plots.L1C, lw=2.5,
         label="L1: w = max(1 − λτ, 0)")
ax2.axvline(1 / lam_demo, color=plots.COLORS["grey"], ls=":", lw=1.2, label="τ = 1/λ")
ax2.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax2.set(xlabel="time τ (step count × η)", ylabel="weight w",
        title="penalty alone, starting at w = 1", ylim=(-0.05, 1.05))
ax2.legend(loc="upper right")
plots.show(fig, alt=f"Left: the pull each penalty adds to the gradient, λ = {lam_demo}: L2's 2λw is a "
                    f"line through 0, strong for big weights and fading near 0; L1's λ·sign(w) is "
                    f"±{lam_demo} at every size, 0 at w = 0. Right: the penalty alone on a weight "
                    f"that starts at 1: L2 decays like e^(−2λτ), still {np.exp(-2 * lam_demo * 5):.3f} "
                    f"at τ = 5; L1 falls in a straight line and is exactly 0 from τ = 1/λ = "
                    f"{1 / lam_demo:g} on.")

# %% [markdown]
# ## 2. Exact zeros need the right kind of step
#
# A computer takes steps of size η, and that is where L1 gets awkward. Gradient descent
# with the subgradient, w ← w − η·(∇loss + λ·sign(w)), moves every weight by η·λ for the
# penalty **whatever its size**: a weight the data ignores hops over zero and back, and
# bounces in a band of order η·λ (it lands on exactly 0 only by a fluke of arithmetic).
#
# The **proximal** step takes the data step v = w − η·∇loss, then solves the penalty step
# *exactly*:
#
# w ← argmin over u of  ½(u − v)² + η·λ·|u|  =  sign(v)·max(|v| − η·λ, 0).
#
# That is **soft-thresholding** at t = η·λ (`penalties.soft_threshold(v, t)`): every v with
# |v| ≤ η·λ maps to exactly 0. Alternating the two steps is *proximal gradient descent*
# (ISTA, for lasso), `train.train(..., penalty_mode="prox")`. Below, both penalty steps:
# outside the dead zone they agree; inside it, the subgradient step jumps *over* zero, the
# prox step stops *at* zero.
#
# <details><summary>Go deeper: the jitter, one step at a time</summary>
#
# Take η = 0.1, λ = 1 and a weight at 0.03 that the data ignores (∇loss = 0). The pull is
# λ·sign(0.03) = 1, so w₁ = 0.03 − 0.1 = −0.07; now sign(w₁) = −1, so w₂ = −0.07 + 0.1 = 0.03,
# back where it started: a period-2 orbit of width exactly η·λ = 0.1, forever. The prox step
# from 0.03 gives soft_threshold(0.03, 0.1) = 0, and 0 stays 0. Halve η and the orbit
# halves, but the subgradient weight never settles.
#
# </details>
#
# <details><summary>Go deeper: why soft-thresholding has this shape, and the exact solver</summary>
#
# If the minimizer u is positive, setting the derivative u − v + t to 0 gives u = v − t,
# which is positive only when v > t; likewise u = v + t when v < −t. For every v in between
# neither works, and the minimum sits at the kink: u = 0 exactly.
#
# The exact solver `linear.fit_linear` uses an *active-set* method instead: it solves
# exactly for the non-zero weights and keeps a weight at 0 as long as the data's pull on it
# stays inside the same dead zone, |(2/n)·x_jᵀr| ≤ λ for the residual r.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
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
plots.show(fig, alt=f"Weight after one L1 penalty step against the weight v before it, "
                    f"t = η·λ = {t_demo}. The prox step, soft_threshold(v, t), is exactly 0 for "
                    f"every v between −{t_demo} and {t_demo} (the dead zone) and moves every other "
                    f"v {t_demo} toward 0. The subgradient step v − t·sign(v) agrees outside the "
                    f"dead zone, but inside it jumps over 0: v = 0.2 lands at {0.2 - t_demo:g}.")


# %% [markdown]
# ### Exercise 4.1: soft-thresholding by hand
#
# Fill in `my_soft_threshold(w, t)`: shrink every entry of the numpy array `w` towards 0 by
# `t`, and set the entries with |w| ≤ t to exactly 0 (`np.sign`, `np.abs`, `np.maximum`;
# no loops needed).

# %%
def my_soft_threshold(w, t):
    raise NotImplementedError  # your code here


_ = exercises.check("4.1", my_soft_threshold)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def my_soft_threshold(w, t):
#     return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)
# ```
# `np.maximum(..., 0.0)` clips everything inside the dead zone to 0, and `np.sign` puts the
# sign back on the survivors (and keeps a 0 at 0).
#
# </details>

# %% [markdown]
# ### The same lasso problem, trained both ways
#
# A sparse truth: 100 samples of 40 standard-normal features, but y depends on only **5** of
# them (`data.sparse_linear`: true coefficients of size 1 to 3, noise 0.5). We minimize
# MSE + λ·Σ|w| with λ = 1 by full-batch gradient descent, 400 steps from random weights
# ~N(0, 1), once with the subgradient and once with the prox step, at every η of the panel
# below (`runs_sparse.l1_descent`), and compare both with the exact lasso
# (`linear.fit_linear`). First η = 0.1:

# %%
# NBVAL_CHECK_OUTPUT
descent = runs_sparse.l1_descent()          # both kinds of step at every η, λ = 1
X, y, true_coef, w_lasso = descent.X, descent.y, descent.true_coef, descent.w_lasso
true_support = true_coef != 0
LAM, LR, STEPS = descent.lam, 0.1, 400
runs = {mode: descent.weights[mode][descent.index(LR)] for mode in ("gradient", "prox")}

print("exact zeros among the 40 weights: subgradient", np.sum(runs["gradient"][-1] == 0),
      "| prox", np.sum(runs["prox"][-1] == 0), "| exact lasso", np.sum(w_lasso == 0))
print("prox run == exact lasso (to 1e-9):", np.allclose(runs["prox"][-1], w_lasso, atol=1e-9))

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
off = w_lasso == 0                            # the 35 weights the exact lasso sets to 0
tail = runs["gradient"][STEPS - 50:, off]     # their last 50 subgradient steps, as the panel
print(f"subgradient run: largest |w − w_lasso| = {np.abs(runs['gradient'][-1] - w_lasso).max():.3f}; "
      f"the {off.sum()} zero weights reach |w| = {np.abs(tail).max() / (LR * LAM):.2f}·η·λ "
      "in the last 50 steps")
landed = np.flatnonzero(np.any(runs["prox"][:, off] != 0, axis=1))[-1] + 1
print(f"prox run: all {off.sum()} are exactly 0 from step {landed} on")
gap = np.array([np.abs(W[-1] - w_lasso).max() for W in descent.weights["prox"]])
behind = [not np.allclose(W[-1], w_lasso, atol=1e-9) for W in descent.weights["prox"]]
print(f"prox runs not yet at the lasso after {STEPS} steps: η ≤ {descent.grid[behind].max():.3g}, "
      f"largest |w − w_lasso| {gap.max():.3f} (η = {descent.grid[gap.argmax()]:.3g})")

# %% [markdown]
# The prox run reproduces the exact lasso, zeros and all; the subgradient run ends with
# **no** exact zeros: over the last 50 steps its 35 "dead" weights reach 1.72·η·λ from 0
# (more than a lone weight's η·λ: the data gradient wobbles too).
#
# **Drag η** (λ = 1). Left: subgradient descent; middle: proximal; the 5 informative
# weights in color, grey the range of the other 35. Right: the last 50 steps of 5 of those
# 35 (subgradient) and the prox run's largest, in units of η·λ. A smaller η
# shrinks the jitter but slows training; no subgradient weight is ever exactly 0. The prox
# run ends with the lasso's 35 exact zeros at every η, but at η ≤ 0.0237 its 400 steps leave
# the survivors short of the lasso (by up to 0.027, printed above).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

steps = np.arange(STEPS + 1)
zoom = steps >= STEPS - 50
informative, noise = np.flatnonzero(true_support), np.flatnonzero(off)
few = noise[:5]                                       # 5 of the 35 for the zoom
colors = [plots.COLORS[c] for c in ("blue", "orange", "green", "vermillion", "purple")]
GREY, BLACK = plots.COLORS["grey"], plots.COLORS["black"]
fig, axes = plots.new_figure(ncols=3, width=3.3, height=3.0)


def dress_eta(eta, zeros):
    """Axes, titles, the ±η·λ lines and the legend of the η panel; returns its sentence."""
    for ax, name, n in zip(axes, ("subgradient", "prox"), zeros):
        ax.axhline(0, color=BLACK, lw=0.8)
        ax.set_xscale("symlog", linthresh=10, linscale=0.6)
        ax.set(xlabel="step (linear to 10, then log)", ylabel="weight", ylim=(-3.5, 3.5),
               xlim=(0, STEPS))
        ax.set_title(f"{name}: {n} exact zeros", fontsize=10)
    for sign in (1, -1):                  # weights in units of η·λ: the jitter shows at every η
        axes[2].axhline(sign, color=BLACK, ls="--", lw=1)
    axes[2].set(xlabel="step", ylabel="weight ÷ (η·λ)", ylim=(-2.3, 2.3), yticks=[-2, -1, 0, 1, 2])
    axes[2].set_title(f"last 50 steps, η·λ = {eta * LAM:.3g}", fontsize=10)
    handles = [Line2D([], [], color=colors[0], lw=1.8), Patch(color=GREY, alpha=0.5, lw=0),
               Line2D([], [], color=GREY, lw=1, marker=".", ms=3),
               Line2D([], [], color=plots.L1C, lw=2.5), Line2D([], [], color=BLACK, ls="--", lw=1)]
    fig.legend(handles=handles,
               labels=["the 5 informative weights (one color each)",
                       "range of the 35 weights lasso sets to 0",
                       "5 of those 35, subgradient", "largest |w| of the 35, prox", "±η·λ"],
               loc="outside lower center", ncol=3, frameon=False)
    reach = [np.abs(descent.weights[m][eta.index][zoom][:, noise]).max()
             for m in ("gradient", "prox")]
    return (f"η = {eta:.3g}: after {STEPS} steps {zeros[0]} of 40 weights are exactly 0 with "
            f"subgradient steps, {zeros[1]} with prox steps; over the last 50 steps the 35 noise "
            f"weights reach |w| = {reach[0]:.2g}, {reach[0] / (eta * LAM):.2f}·η·λ (subgradient; "
            f"η·λ = {eta * LAM:.3g}) and {reach[1]:.2g} (prox)")


# %%
# the collapsed cell above makes axes, steps, zoom (the last 50), informative, noise (the 35
# lasso zeros), few (5 of them), their colors, GREY and dress_eta (labels and sentence)
def show_eta(eta):
    sub, prox = (descent.weights[m][eta.index] for m in ("gradient", "prox"))  # (STEPS + 1, 40)
    for ax, W in zip(axes, (sub, prox)):
        ax.fill_between(steps, W[:, noise].min(axis=1), W[:, noise].max(axis=1),
                        color=GREY, alpha=0.5, lw=0)
        for j, c in zip(informative, colors):
            ax.plot(steps, W[:, j], color=c, lw=1.8)
    band = eta * LAM                                                 # the right axis's unit
    axes[2].plot(steps[zoom], sub[zoom][:, few] / band, color=GREY, lw=1, marker=".", ms=3)
    axes[2].plot(steps[zoom], np.abs(prox[zoom][:, noise]).max(axis=1) / band, color=plots.L1C,
                 lw=2.5)
    return dress_eta(eta, [np.sum(W[-1] == 0) for W in (sub, prox)])


widgets.live(fig, show_eta, title="subgradient vs prox",
             eta=widgets.slider("η (learning rate)", descent.grid, LR))

# %% [markdown]
# ## 3. A sparse ground truth: does lasso find what mattered?
# <!-- express -->
#
# Because its zeros are exact, lasso doubles as **feature selection**: the surviving weights
# tell you which inputs mattered. From a threshold **λ_max** on, every weight is exactly 0;
# below it, weights switch on one by one.
#
# The panel: the exact lasso on section 2's data (100 samples, 40 features, 5 informative).
# Left: the 40 coefficients, green for the 5 informative features (shaded), vermillion for
# a noise feature that survived (a false positive); black dashes: the true coefficients.
# Right: every coefficient against λ; its title counts the exact zeros proximal gradient
# descent (η = 0.1, 500 steps) reaches at that λ.
#
# <details><summary>Go deeper: the formula for λ_max</summary>
#
# At w = 0 the optimality condition for weight j is that the data gradient on it,
# |(2/n)·x_jᵀ(y − ȳ)|, be at most λ (the subgradient of λ·|w| at 0 can absorb anything in
# [−λ, λ]). So for
#
# λ ≥ λ_max = (2/n)·max_j |x_jᵀ(y − ȳ)|   (columns x_j centered)
#
# every weight stays at 0. Just below λ_max only the feature whose data gradient sets λ_max
# violates the condition, so exactly one weight switches on; the cell after the panel
# checks it (40 zeros at λ_max, 39 at 0.99·λ_max).
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# GREY, BLACK, informative, Patch and Line2D: from the η panel's collapsed cell (section 2)
GOOD, BAD = plots.COLORS["green"], plots.COLORS["vermillion"]
bar_colors = [GOOD if is_true else BAD for is_true in true_support]
fig, (ax1, ax2) = plots.new_figure(ncols=2, width=4.6, height=3.7)


def dress_lam(lam, w, prox_zero_count):
    """A dot on every weight not exactly 0 (however small its bar), shading, labels, the
    titles that count hits and zeros, and the legend of the λ panel; returns its sentence."""
    kept = w != 0
    ax1.scatter(np.flatnonzero(kept) + 1, w[kept], c=np.array(bar_colors)[kept], s=20,
                edgecolors=BLACK, lw=0.6, zorder=3)
    for j in np.flatnonzero(true_support):
        ax1.axvspan(j + 0.5, j + 1.5, color=GREY, alpha=0.2, lw=0)
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
    ax2.axhline(0, color=BLACK, lw=0.8)
    ax2.axvline(lam_max, color=BLACK, ls=":", lw=1.2)
    ax2.set(xscale="log", xlabel="λ (log scale)", ylabel="coefficient", ylim=(-3.4, 3.4))
    ax2.set_title(f"lasso path · prox-GD at this λ: {prox_zero_count} exact zeros", fontsize=9.5)
    handles = [Patch(color=GOOD), Patch(color=BAD),
               Line2D([], [], color=BLACK, ls="none", marker="_", ms=14, mew=2.5),
               Line2D([], [], color=GREY, ls="none", marker="o", ms=4, mec=BLACK, mew=0.6),
               Line2D([], [], color=plots.COLORS["blue"], lw=2),
               Line2D([], [], color=BLACK, ls=":", lw=1.2)]
    fig.legend(handles=handles,
               labels=["informative feature", "noise feature (a bar = false positive)",
                       "true coefficient", "dot: weight not exactly 0", "current λ",
                       f"λ_max = {lam_max:.3g}"],
               loc="outside lower center", ncol=3, frameon=False)
    return (f"λ = {lam:.3g}, {lam / lam_max:.2g} of λ_max: {status}; {40 - int(kept.sum())} of 40 "
            f"weights exactly 0, {tp} of 5 informative kept, {fp} false positives")


# %%
# ax1, ax2, bar_colors (GOOD/BAD per feature), dress_lam (dots, labels, legend): the
# collapsed cell above; informative (the 5 features' indices) and BLACK: the η panel's
sel = runs_sparse.lasso_selection()      # the exact lasso and 500 prox steps at every λ
LAMS, path, lam_max = sel.grid, sel.path, sel.lam_max   # λ: 10⁻³ up to just past λ_max


def show_lam(lam):
    i = sel.index(lam)
    plots.weight_bars(ax1, path[i], color=bar_colors, ylim=(-3.4, 3.4))
    ax1.plot(informative + 1, true_coef[informative], "_", color=BLACK, ms=14, mew=2.5)
    ax2.plot(LAMS, path[:, ~true_support], color=BAD, lw=1, alpha=0.45)
    ax2.plot(LAMS, path[:, true_support], color=GOOD, lw=1.6)
    ax2.axvline(lam, color=plots.COLORS["blue"], lw=2)
    return dress_lam(lam, path[i], sel.prox_zeros[i])


widgets.live(fig, show_lam, title="lasso selects features",
             lam=widgets.slider("λ", sel.grid, 1.0))

# %% [markdown]
# Drag λ from left to right: three regimes.
#
# - **small λ**: close to least squares; dozens of noise features keep small weights
#   (false positives).
# - **middle λ** (the default λ = 1 among them): exactly the 5 informative features survive.
# - **large λ**: real features die too, and from λ_max on every weight is 0.
#
# The survivors also stop short of the true dashes: lasso **shrinks** what it keeps. At
# λ = 1 the mean shrinkage is 0.560, about λ/2, but not weight by weight (0.47 to 0.69): the
# price of selection (a common remedy: refit least squares on the selected features).
# Proximal gradient descent finds the exact solver's zeros at every λ of the grid.
#
# <details><summary>Go deeper: why the mean shrinkage is about λ/2</summary>
#
# For uncorrelated standardized features (XᵀX/n ≈ I) the objective separates into
# one-dimensional problems: the MSE's gradient in w_j is 2(w_j − w_j^LS), with w_j^LS the
# least-squares weight, so the optimality condition 2(w_j − w_j^LS) + λ·sign(w_j) = 0 gives
# w_j^LS soft-thresholded at **λ/2** (the ½ comes from the 2 in the MSE's gradient). With
# 100 samples the features are only nearly uncorrelated and w^LS is itself noisy, so the
# measured 0.560 is close to, not equal to, 0.5, and each weight's shrinkage differs:
# measured from the least-squares weights it is 0.47 to 0.75 (mean 0.54).
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
zeros_near_max = [int(np.sum(linear.fit_linear(X, y, penalty="l1", lam=f * lam_max)[0] == 0))
                  for f in (1.0, 0.99)]
print(f"λ_max = {lam_max:.4f}: exact zeros at λ_max and at 0.99·λ_max: {zeros_near_max}")
print("true coefficients (feature: value):",
      ", ".join(f"{j + 1}: {true_coef[j]:.2f}" for j in informative))
at_lam = path[sel.index(LAM)]
kept_at = at_lam != 0
print(f"lasso at λ = {LAM}: keeps {(np.flatnonzero(kept_at) + 1).tolist()} "
      f"({int(np.sum(kept_at & true_support))}/5 informative, "
      f"{int(np.sum(kept_at & ~true_support))} false positives)")
print(f"λ = {LAM}: shrinkage of the survivors, mean |w_true| − |w_lasso| = "
      f"{np.mean(np.abs(true_coef[true_support]) - np.abs(at_lam[true_support])):.3f}"
      f"  (λ/2 = {LAM / 2})")
print("prox-GD (500 steps) has the exact lasso's zeros at every grid λ:",
      bool(np.all((sel.prox_weights == 0) == (path == 0))))

# %% [markdown]
# ## Exercise 4.2: when does lasso lose a real feature?
#
# An experiment on the panel above. Guess first: will the true feature with the smallest
# coefficient be among the first that lasso gives up? Then drag λ up from its smallest value
# and stop at the **first** slider position where lasso drops a true feature (one whose
# true coefficient is non-zero: the left title's count falls below "5/5 informative kept").
# Which λ does the slider show there? Which true features have lost their bar?

# %%
your_answer = ...  # the λ the slider shows

_ = exercises.check("4.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# **λ ≈ 4.22**, the slider position right after the last one with "exact support recovered"
# (7 of the 32 positions recover it, λ = 0.562 to 3.16). **Two** true features are gone
# there. One is feature 13, the weakest (true coefficient 2.09): your guess holds. The
# surprise is the other: feature 31, the *strongest* (−2.87), while feature 20 (−2.21)
# keeps −0.061. Feature 31 does not start low: at λ = 0.001 its estimate is −2.924, beyond
# its dash. It shrinks fastest as λ grows:
# by λ = 1 it is down to −2.177, 0.75 lost, against 0.47 to 0.54 for the other four. Lasso
# never sees the true coefficients, only the data: how fast a weight shrinks depends on how
# its feature correlates with the others on these 100 samples, not on its size. "The
# weakest goes first" is a tendency, not a rule. In code:
#
# ```python
# exact = np.array([np.array_equal(c != 0, true_support) for c in path])
# print(LAMS[exact])                      # the 7 λ with exactly the 5 true features
# true_kept = np.sum(path[:, true_support] != 0, axis=1)
# first = np.argmax(true_kept < 5)        # the first grid λ with fewer than 5 true features
# print(LAMS[first], informative[path[first, informative] == 0] + 1)   # λ, the features gone
# print(path[[0, sel.index(1.0), first]][:, informative].round(3))  # λ = 0.001, 1 and 4.22
# ```
#
# </details>

# %% [markdown]
# ## 4. Why deep networks rarely use L1 alone
# <!-- express -->
#
# In classic machine learning the zeros are the point: lasso picks a handful of inputs from
# hundreds, and the survivors explain the model. In a deep network:
#
# - **capacity is already controlled** by the architecture and by weight decay, dropout,
#   early stopping and augmentation (notebooks [6](06_weight_decay.ipynb) to
#   [8](08_family.ipynb));
# - **scattered zeros are rarely faster**: a dense matrix full of zeros still costs a full
#   matrix multiply. Speed needs dedicated pruning: sparse kernels, which pay off only at
#   high sparsity, or zeros in a pattern, such as whole neurons removed (a smaller dense
#   matrix) or the 2-of-4 pattern some GPUs accelerate. Plain L1 gives neither pattern
#   ([wrap-up](11_wrap_up.ipynb)).
#
# <details><summary>Go deeper: two more reasons</summary>
#
# - **Exact zeros need the prox step** (section 2): L1 added to the loss and trained with
#   SGD, momentum or Adam takes subgradient steps, so its weights jitter near 0 instead.
# - **A weight is not an input**: hidden units can be permuted (and, with ReLU, rescaled)
#   without changing the network. For selection, people put L1 on the first layer only, or
#   *group* lasso on whole neurons.
#
# </details>
#
# So the everyday default is L2 in its weight-decay form ([notebook 6](06_weight_decay.ipynb));
# L1 shines in linear models, and elastic net mixes the two ([next notebook](05_fingerprints.ipynb)).

# %% [markdown]
# ## Summary
#
# - L1 adds **λ·sign(w)** to the gradient: a constant tug, the same for 8.0 and 0.08, where
#   L2's 2λw eases off near 0.
# - **Subgradient** steps overshoot zero: weights that should be 0 jitter in a band of order
#   η·λ (no exact zeros above).
# - The **prox step** soft-thresholds, sign(v)·max(|v| − η·λ, 0), and proximal gradient
#   descent matches the exact lasso (35 zeros at λ = 1).
# - Lasso selects features: a middle range of λ kept exactly the 5 informative of 40,
#   shrunk by about λ/2 on average; from λ_max on every weight is 0.
# - Deep nets rarely use L1 alone: capacity is controlled elsewhere, the usual optimizers
#   take no prox steps, and scattered zeros are rarely faster.
#
# Next: [5 · Fingerprints: dense vs sparse](05_fingerprints.ipynb).
