# %% [markdown]
# # 3 · L2: a pull proportional to size
#
# **Learning goals**
# - derive the gradient of the L2 penalty λ·Σw² (it is 2λw, with no ½) and read it as a
#   pull towards 0 that is proportional to each weight's size;
# - work out what one gradient step does to a weight under the penalty alone: multiply it by
#   (1 − 2ηλ), and know when that factor flips the sign or blows up;
# - see on the overfit degree-15 polynomial that L2 shrinks every weight, the biggest ones by
#   the most, and sets **none** of them exactly to 0;
# - read a ridge coefficient path: smooth shrinkage towards 0 as λ grows;
# - train by gradient descent live with λ **and** η sliders, check that it lands on the exact
#   ridge solution (and on `SGD(weight_decay=2λ)`), and know the step-size limit
#   η < 2/(L + 2λ).
#
# The seed puts it in one line:
#
# > **L2 penalty λ·Σw².** Adds 2λw to each weight's gradient — a pull proportional to its
# > size. Big weights get yanked hardest; everything shrinks, nothing quite reaches zero.
#
# This notebook takes that sentence apart: where the 2λw comes from, what "a pull
# proportional to size" does step by step, and what it does to an overfit model's weights.
# Throughout, λ is the course's λ in `loss(data) + λ·Σw²`, with the mean squared error as the
# data loss (see the [conventions table](00_start_here.ipynb#conventions)).

# %% [markdown]
# ## 1 · The gradient of λ·Σw² is 2λw
#
# The penalty is a sum of one term per weight, λ·(w₁² + w₂² + … + w_d²). Its partial
# derivative with respect to one weight w_j sees only that weight's own term:
#
# $$\frac{\partial}{\partial w_j}\Big(λ\sum_i w_i^2\Big) = λ\cdot 2w_j = 2λw_j,
# \qquad\text{so}\qquad \nabla\big(λ\textstyle\sum_i w_i^2\big) = 2λw .$$
#
# **There is no ½ in this course.** Many textbooks write the penalty as (λ/2)·‖w‖² precisely
# so that the 2 cancels and the gradient is λw; PyTorch's `weight_decay` plays the part of
# that textbook λ. Same model, different bookkeeping: for the course's λ,
# `weight_decay = 2λ` (the [conventions table](00_start_here.ipynb#conventions) lists every
# library's version).
#
# A gradient step with learning rate η moves each weight by −η times its gradient. For the
# penalty's part that is −η·2λ·w_j: **an arrow pointing at 0 whose length is proportional
# to |w_j|**. A weight of 3 is pulled ten times harder than a weight of 0.3.
#
# Add the data loss and one step of gradient descent on the whole objective reads
#
# $$w \leftarrow w - η\big(\nabla\text{loss} + 2λw\big) = (1 - 2ηλ)\,w - η\,\nabla\text{loss}.$$
#
# On top of the usual data step, every weight is multiplied by the same **shrink factor**
# 1 − 2ηλ, a number just below 1 (the seed's "weight decay" step, with its λ equal to our 2λ).
# With no data gradient at all, t steps give w·(1 − 2ηλ)ᵗ: a geometric decay that
# gets ever closer to 0 but never arrives. Let us check the gradient numerically first.

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, linear, models, optim, penalties, plots, train, widgets

lam, eta = 0.25, 0.2
w = np.array([-3.0, -1.5, -0.5, 0.25, 1.0, 2.0])
pen = penalties.l2(lam)
h = 1e-6
numeric = np.array([(pen.value(w + h * e) - pen.value(w - h * e)) / (2 * h) for e in np.eye(w.size)])
print("w                         :", w)
print("penalties.l2(0.25).grad(w):", pen.grad(w))
print("2·λ·w                     :", 2 * lam * w)
print("central differences       :", numeric.round(6))
print(f"one step of the pull alone (η = {eta}) multiplies every weight by 1 − 2ηλ = {1 - 2 * eta * lam:.2f}")

# %% [markdown]
# The picture, with λ = 0.25. Left: six weights and the pull the penalty puts on each of
# them, −2λw = −0.5·w: long arrows on big weights, short ones on small weights, all pointing
# at 0. Right: the same six weights after t gradient steps of the penalty alone with
# η = 0.2, i.e. w·(1 − 2ηλ)ᵗ = w·0.9ᵗ. The big weights lose the most in absolute terms,
# every weight keeps its sign, and none of them reaches 0: each step removes only a
# fraction of what is left.

# %%
fig, (ax_pull, ax_decay) = plots.new_figure(ncols=2, width=4.6, height=3.4)
colors = [plots.COLORS[c] for c in ("vermillion", "orange", "purple", "sky", "green", "blue")]
pull = -pen.grad(w)                               # the penalty's negative gradient, −2λw
rows = np.arange(w.size)
for r, wi, pi, c in zip(rows, w, pull, colors):
    ax_pull.annotate("", xy=(wi + pi, r), xytext=(wi, r),
                     arrowprops=dict(arrowstyle="-|>", color=c, lw=2.5, mutation_scale=16,
                                     shrinkA=0, shrinkB=0))
    ax_pull.text(wi + pi / 2, r + 0.25, f"w = {wi:g}: pull {pi:+g}", ha="center", fontsize=7.5)
ax_pull.scatter(w, rows, color=colors, s=45, zorder=3, edgecolor=plots.COLORS["black"],
                label="a weight")
ax_pull.axvline(0, color=plots.COLORS["black"], lw=0.8)
ax_pull.set(xlim=(-3.6, 3.6), ylim=(-0.6, w.size - 0.1), yticks=[], xlabel="weight value w",
            title=f"the L2 pull −2λw (λ = {lam:g}): longer for bigger |w|")
ax_pull.title.set_fontsize(10)

t = np.arange(31)
factor = 1 - 2 * eta * lam
for wi, c in zip(w, colors):
    ax_decay.plot(t, wi * factor ** t, color=c, lw=2, label=f"w₀ = {wi:g}")
ax_decay.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_decay.set(xlabel="step t", ylabel="w after t steps")
ax_decay.set_title(f"the pull alone, η = {eta:g}: w·(1 − 2ηλ)ᵗ = w·{factor:g}ᵗ", fontsize=10)
ax_decay.legend(ncol=2, loc="upper right")
fig

# %% [markdown]
# The factor 1 − 2ηλ also says when this goes wrong. For 0 < 2ηλ < 1 it lies between 0 and
# 1: a smooth decay. For 1 < 2ηλ < 2 it is negative but still smaller than 1 in size: the
# weight flips sign every step while shrinking. For 2ηλ > 2 its size exceeds 1 and the
# weights **grow** every step: training blows up. Keep η·2λ < 2; you will meet this limit
# again in the live panel below (and in notebook 6, where it is called weight decay).

# %% [markdown]
# ## 2 · L2 on the overfit polynomial
#
# Back to an overfit model like the one in notebook 1: a degree-15 polynomial (15 Legendre
# features plus an intercept) fitted to 12 noisy points. With 16 parameters and 12 points it
# can pass through every point exactly; with λ = 0 the exact solver returns the smallest-norm weights that do
# so, and even those are huge. The same model with λ = 10⁻³ is fitted exactly by
# `linear.fit_linear(..., penalty="l2")` (the closed-form ridge solution), and the weights
# are compared bar by bar.

# %%
# NBVAL_CHECK_OUTPUT
x, y = data.noisy_curve(seed=0)                  # 12 points
X = data.polynomial_features(x, 15)              # 15 Legendre features
x_grid = np.linspace(-1, 1, 300)
X_grid = data.polynomial_features(x_grid, 15)
LAM_AFTER = 1e-3

w_before, b_before = linear.fit_linear(X, y, penalty="l2", lam=0.0)
w_after, b_after = linear.fit_linear(X, y, penalty="l2", lam=LAM_AFTER)
shrink = np.abs(w_before) - np.abs(w_after)
print(f"training points: {len(y)}, weights: {w_before.size}")
print(f"‖w‖ before: {np.linalg.norm(w_before):.3f}   after (λ = {LAM_AFTER:g}): {np.linalg.norm(w_after):.3f}")
print(f"largest |w| before: {np.abs(w_before).max():.3f}   after: {np.abs(w_after).max():.3f}")
print(f"weights whose size shrank: {np.sum(shrink > 0)} of {w_before.size}")
print("the three biggest weights before, and how much their size shrank:")
for j in np.argsort(-np.abs(w_before))[:3]:
    print(f"  w{j + 1:<2d} {w_before[j]:+8.3f} → {w_after[j]:+7.3f}   |w| shrank by {shrink[j]:.3f}")
j_small = np.argmin(np.abs(w_before))
print(f"the smallest weight before: w{j_small + 1} {w_before[j_small]:+.3f} → {w_after[j_small]:+.3f}"
      f"   |w| shrank by {shrink[j_small]:.3f}")
print(f"exact zeros after L2: {np.sum(w_after == 0.0)}")
print(f"smallest |w| after L2: {np.abs(w_after).min():.4f}")

# %%
fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=4.6, height=3.4)
_ = plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ w_before + b_before,
                  truth=data.true_curve(x_grid), label="λ = 0 (overfit)",
                  color=plots.COLORS["vermillion"])
ax_fit.plot(x_grid, X_grid @ w_after + b_after, color=plots.COLORS["blue"], lw=2,
            label=f"L2, λ = {LAM_AFTER:g}")
ax_fit.legend(loc="lower right")
ax_fit.set_title("degree-15 polynomial, 12 points")

idx = np.arange(1, w_before.size + 1)
ax_w.bar(idx - 0.2, w_before, width=0.4, color=plots.COLORS["vermillion"], label="λ = 0")
ax_w.bar(idx + 0.2, w_after, width=0.4, color=plots.COLORS["blue"], label=f"L2, λ = {LAM_AFTER:g}")
ax_w.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_w.set(xlabel="weight index (Legendre degree)", ylabel="weight value", xticks=idx[::2],
         title="weights before and after L2")
ax_w.legend(loc="lower left")
fig

# %% [markdown]
# Read the numbers above against the seed's sentence:
#
# - **Everything shrinks.** Here every single weight comes out smaller in size. (That is
#   typical but not a law: L2 shrinks the weight vector as a whole, and when features are
#   correlated an individual weight can grow while the others shrink.)
# - **Big weights get yanked hardest.** The biggest weights lost more than 11 units each,
#   the smallest one about half a unit: the pull is proportional to size.
# - **Nothing quite reaches zero.** Not one of the 15 weights is exactly 0. Some did cross
#   0 (a sign change: w₁₁ went from −12.0 to +0.24), but none stopped there.
#
# Why never exactly 0? At the minimum of the objective the gradient vanishes:
# ∂loss/∂w_j + 2λw_j = 0, so
#
# $$w_j = -\frac{1}{2λ}\,\frac{\partial\,\text{loss}}{\partial w_j}.$$
#
# A weight is exactly 0 only if the data has *exactly* no use for it there, which happens
# with probability zero. The pull fades as the weight shrinks (2λw → 0), so any nonzero
# push from the data, however small, holds a small nonzero weight in place. Compare L1
# (notebook 4), whose pull λ·sign(w) stays the same size all the way down.

# %% [markdown]
# ## 3 · Coefficient paths: shrinking smoothly with λ
#
# `linear.regularization_path` solves the ridge problem exactly for a whole grid of λ; each
# line below is one weight as λ goes from 10⁻⁶ (almost no penalty) to 10² (a crushing one).
# The closed form explains the shape: ridge solves (XᵀX + nλI)·w = Xᵀy (centred data), and in
# the directions of the singular value decomposition X = U·S·Vᵀ each component of the
# least-squares solution is multiplied by s²/(s² + nλ). That factor is a smooth function of
# λ, strictly between 0 and 1 for every λ > 0: every direction shrinks, none is cut to 0.
# For large λ the weights fade like 1/λ.

# %%
# NBVAL_CHECK_OUTPUT
PATH_LAMS = np.logspace(-6, 2, 161)
path_w, path_b = linear.regularization_path(X, y, PATH_LAMS, penalty="l2")
norms = np.linalg.norm(path_w, axis=1)
crossers = np.sum(np.any(np.diff(np.sign(path_w), axis=0) != 0, axis=0))
print(f"λ grid: {len(PATH_LAMS)} values from {PATH_LAMS[0]:g} to {PATH_LAMS[-1]:g}")
print(f"exact zeros anywhere on the path: {np.sum(path_w == 0.0)} of {path_w.size} weights")
print(f"‖w‖ decreases as λ grows: {bool(np.all(np.diff(norms) < 0))}")
for lam_show in (1e-6, 1e-3, 1e0, 1e2):
    k = np.argmin(np.abs(np.log(PATH_LAMS / lam_show)))
    print(f"  λ = {PATH_LAMS[k]:<6g} ‖w‖ = {norms[k]:8.4f}   smallest |w| = {np.abs(path_w[k]).min():.2e}")
print(f"weights whose path changes sign somewhere: {crossers} of {X.shape[1]}")

# %%
fig, (ax, ax_log) = plots.new_figure(ncols=2, width=4.6, height=3.6)
path_lines = plots.coef_paths(ax, PATH_LAMS, path_w)
ax.axvline(LAM_AFTER, color=plots.COLORS["grey"], ls=":", lw=1.2)
ax.text(LAM_AFTER * 1.15, 0.95 * ax.get_ylim()[1], f"λ = {LAM_AFTER:g}\n(section 2)", fontsize=8,
        va="top", color=plots.COLORS["grey"])
ax.set_title("ridge paths: 15 weights against λ", fontsize=10)
for j, ln in enumerate(path_lines):
    ax_log.plot(PATH_LAMS, np.abs(path_w[:, j]), color=ln.get_color(), lw=1.4)
ax_log.plot(PATH_LAMS[-40:], 0.5 / PATH_LAMS[-40:], color=plots.COLORS["black"], ls="--", lw=1.2,
            label="slope −1: |w| ∝ 1/λ")
ax_log.set(xscale="log", yscale="log", ylim=(1e-5, 30), xlabel="λ (log scale)",
           ylabel="|coefficient| (log scale)")
ax_log.set_title("the same paths, |w| on a log scale", fontsize=10)
ax_log.legend(loc="lower left")
fig

# %% [markdown]
# Left, from left to right: at tiny λ the weights are the wild least-squares ones; they fall
# quickly once nλ becomes comparable to the smallest squared singular values (around
# λ ≈ 10⁻⁵ to 10⁻³ here), then hover while the penalty is weak compared with what the data
# asks for, and finally all of them sink together towards 0.
#
# Right, the same paths with |w| on a log scale, where 0 would be infinitely far down. For
# large λ every weight falls along a line of slope −1: the ridge solution tends to
# Xᵀy/(nλ) (centred data), so the weights fade like 1/λ, ever smaller, never 0. The sharp
# notches are sign changes: some paths cross the axis as the weights trade roles, but they
# pass straight through. No weight **sits** at 0 over a range of λ, and the printed count of
# exact zeros on the whole path is 0. An L1 path (notebook 4) looks completely different:
# weights hit 0 and stay there.

# %% [markdown]
# ## 4 · Live: gradient descent with λ and η
#
# The exact solver gives the answer; gradient descent is how networks actually get there.
# Here the same model is trained from w = 0 by full-batch gradient descent on
# MSE + λ·Σw² (`train.sweep`, 300 steps) for every λ on the slider's grid at once.
#
# **How big may η be?** Gradient descent on a quadratic converges when η is below
# 2/(largest curvature). The objective has two sources of curvature:
#
# - the **data loss**: the MSE is quadratic in the parameters (w, b), with Hessian (2/n)·AᵀA,
#   where A is X with a column of ones for the intercept b. Call its largest eigenvalue **L**.
#   Legendre features keep it moderate, but it depends on the data, so it is computed below;
# - the **penalty**: λ·Σw² adds 2λ on the weights.
#
# The largest curvature is at most L + 2λ, so gradient descent is safe whenever
#
# $$η < \frac{2}{L + 2λ}.$$
#
# The pure-penalty rule η·2λ < 2 from section 1 is the special case L = 0; with data, the
# limit comes earlier. (The exact limit is 2 divided by the largest eigenvalue of the whole
# Hessian; it sits slightly above the bound because the intercept is not penalized.)

# %%
# NBVAL_CHECK_OUTPUT
n = len(y)
A = np.column_stack([X, np.ones(n)])             # features plus the intercept's column
L = np.linalg.eigvalsh(2 / n * A.T @ A).max()
print(f"L = largest eigenvalue of (2/n)·AᵀA = {L:.4f}   (of (2/n)·XᵀX alone: "
      f"{np.linalg.eigvalsh(2 / n * X.T @ X).max():.4f})")
print(f"with λ → 0, GD needs η < 2/L = {2 / L:.4f}")
for lam_show in (1e-2, 1e-1, 1e0, 1e1):
    H = 2 / n * A.T @ A + np.diag(np.r_[np.full(X.shape[1], 2 * lam_show), 0.0])
    print(f"  λ = {lam_show:<5g} safe bound 2/(L + 2λ) = {2 / (L + 2 * lam_show):.4f}   "
          f"exact limit = {2 / np.linalg.eigvalsh(H).max():.4f}   pure penalty alone: 1/λ = {1 / lam_show:g}")

# %% [markdown]
# The panel has two sliders: **λ** from 10⁻⁴ to 10 in steps of half a decade (11 values),
# and **η** at three values: 0.01 (small), 0.562 (safe for every λ below 1) and 1 (past
# the data's own limit 2/L ≈ 0.75). Every one of the 11 × 3 runs is trained when the cells
# below run: one `train.sweep` per η trains all 11 λ at once. The panels show:
#
# 1. the gradient-descent fit (blue) next to the exact ridge fit for the same λ (orange);
# 2. the 15 weights: gradient descent (blue) and exact ridge (orange) side by side, with the
#    exact solution's smallest |w| and its number of exact zeros in the title;
# 3. the loss over the 300 steps: the data MSE, the objective MSE + λ·Σw², and the exact
#    ridge minimum of the objective (where gradient descent is headed).
#
# Where a run diverges, its last finite weights are huge, so they are not drawn: the fit
# panel shows the training loop's own explanation (`History.message`) instead, and the loss
# curves stop at the step where it blew up.

# %%
import textwrap
import warnings

STEPS = 300
LAMS = widgets.log_grid(-4, 1, 0.5)             # the λ slider: 10⁻⁴, 10⁻³·⁵, …, 10
ETAS = [0.01, 10 ** -0.25, 1.0]                 # the η slider: small, safe (0.562), too large

ridge_w, ridge_b = linear.regularization_path(X, y, LAMS, penalty="l2")
ridge_curves = ridge_w @ X_grid.T + ridge_b[:, None]
ridge_objective = (np.mean((ridge_w @ X.T + ridge_b[:, None] - y) ** 2, axis=1)
                   + LAMS * np.sum(ridge_w ** 2, axis=1))


def gd_sweep(eta):
    """Train every λ of the grid at this η from w = 0: weights, fitted curves, losses, history."""
    fits, hist = train.sweep(models.LinearRegression(X.shape[1]), X, y, lams=LAMS, lr=eta,
                             steps=STEPS)
    mse = np.full((STEPS + 1, len(LAMS)), np.nan)   # training stops early if every λ diverged
    obj = mse.copy()
    mse[:len(hist.step)], obj[:len(hist.step)] = hist.train_loss, hist.objective
    return fits.weight.copy(), fits.predict(X_grid), mse, obj, hist


def divergence_message(lam, eta):
    """The training loop's own explanation for one diverged (λ, η) run."""
    with warnings.catch_warnings(action="ignore"):   # train also warns: η·2λ ≥ 2
        hist = train.train(models.LinearRegression(X.shape[1]), X, y, lr=eta, steps=STEPS,
                           penalty=penalties.l2(lam))
    return hist.message


gd = {eta: gd_sweep(eta) for eta in ETAS}
messages = {}
for eta, (*_, hist) in gd.items():
    for lam in LAMS[hist.diverged]:
        messages[lam, eta] = divergence_message(lam, eta)
print(f"trained {len(LAMS)} λ × {len(ETAS)} η = {len(LAMS) * len(ETAS)} runs of {STEPS} steps, "
      f"every position of the panel; {len(messages)} of them diverge")

# %%
fig, (ax_fit, ax_w, ax_loss) = plots.new_figure(ncols=3, width=4.0, height=3.5)
steps_axis = np.arange(STEPS + 1)


def show_gd(lam, eta):
    i = widgets.nearest(LAMS, lam)
    weights, curves, mse, obj, hist = gd[eta]
    diverged = hist.diverged[i]
    _, gd_line = plots.fit_plot(ax_fit, x, y, x_grid, curves[i], truth=data.true_curve(x_grid),
                                label="gradient descent")
    ax_fit.plot(x_grid, ridge_curves[i], color=plots.COLORS["orange"], lw=1.5, ls="-.",
                label="exact ridge")
    ax_fit.legend(loc="lower right")
    ax_fit.set_title(f"λ = {lam:.3g}, η = {eta:.3g}, {STEPS} GD steps", fontsize=10)
    if diverged:                        # no fit to show: say why instead, above the legend
        gd_line.remove()
        plots.message(ax_fit, textwrap.fill(messages[lam, eta], 44)).set(y=0.73, fontsize=9)

    if not diverged:
        ax_w.bar(idx - 0.2, weights[i], width=0.4, color=plots.COLORS["blue"],
                 label="gradient descent")
    ax_w.bar(idx + 0.2, ridge_w[i], width=0.4, color=plots.COLORS["orange"], label="exact ridge")
    ax_w.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax_w.set(ylim=(-3, 3), xlabel="weight index", ylabel="weight value", xticks=idx[::2])
    ax_w.set_title(f"exact ridge: smallest |w| = {np.abs(ridge_w[i]).min():.1e}, "
                   f"zeros: {np.sum(ridge_w[i] == 0)}", fontsize=10)
    ax_w.legend(loc="lower left")

    stop = hist.diverged_at[i] + 1 if diverged else STEPS + 1     # cut the curves at a blow-up
    ax_loss.plot(steps_axis[:stop], mse[:stop, i], color=plots.TRAIN, lw=2, label="data MSE")
    ax_loss.plot(steps_axis[:stop], obj[:stop, i], color=plots.COLORS["green"], lw=2, ls="--",
                 label="MSE + λ·Σw²")
    ax_loss.axhline(ridge_objective[i], color=plots.COLORS["orange"], lw=6, alpha=0.4, zorder=1,
                    label="exact ridge minimum")
    ax_loss.set(yscale="log", ylim=(1e-3, 10.0), xlim=(0, STEPS), xlabel="step", ylabel="loss")
    bound = eta * (L + 2 * lam)
    ax_loss.set_title(f"η·2λ = {eta * 2 * lam:.3g},  η·(L + 2λ) = {bound:.3g}"
                      + ("  (< 2: safe)" if bound < 2 else "  (≥ 2: unsafe)"), fontsize=10)
    ax_loss.legend(loc="upper right")


widgets.live(fig, show_gd, title="gradient descent with L2: λ and η",
             lam=widgets.log_slider("λ", 1e-2, -4, 1, step=0.5),
             eta=widgets.slider("η", ETAS, 10 ** -0.25))

# %% [markdown]
# **Things to try**
#
# - At the default (λ = 0.01, η ≈ 0.56) gradient descent and the exact solution agree: the
#   blue and orange bars match and the objective (dashed) has come down onto the
#   wide orange band of the exact ridge minimum.
# - Drag **λ down** to 10⁻⁴. The exact ridge weights grow and its curve starts to wiggle,
#   but gradient descent after 300 steps has not caught up: several of its bars stay near 0
#   where the exact ones do not, and its objective stays above the orange band. The
#   directions the data barely constrains are learned very slowly (their curvature is
#   tiny), and it is the penalty's 2λ that speeds them up. Stopping early is a regularizer
#   in its own right (notebook 8).
# - Drag **η down** to 0.01: 300 small steps are not enough even for moderate λ. Then drag
#   **λ up** towards 1 and 10 (safe at this η): every weight sinks towards 0 and the fit
#   flattens into the average of y (underfitting), yet the bars never reach exactly 0.
# - Drag **η up** to 1, past 2/L ≈ 0.75: every λ diverges, because the data's own curvature
#   limits η. At η ≈ 0.56, raise λ: from λ = 1 on, the extra 2λ of curvature tips it over.
#   At λ = 1 the pull alone would still be fine (η·2λ ≈ 1.1), but at λ = 3.16 and 10 it has
#   η·2λ ≥ 2: the pull alone flips the weights' signs and grows them every step (by a factor
#   of about 2.6 and 10), and the message says exactly that.

# %% [markdown]
# ## 5 · Gradient descent lands on the exact ridge solution
#
# Given enough steps (and a safe η), gradient descent on MSE + λ·Σw² must end at the same
# minimiser as the closed form: the objective is strictly convex for λ > 0, so there is
# only one. Below, λ = 0.01 and η = 0.5, with snapshots every 500 steps: the gap to
# `fit_linear(..., penalty="l2", lam=λ)` shrinks by a constant factor per step (linear
# convergence).
#
# Then the same training with the PyTorch-style optimizer `optim.SGD` and **no** penalty in
# the loss, only `weight_decay`. SGD adds weight_decay·w to the gradient, the gradient of
# (weight_decay/2)·Σw², so matching the course's λ·Σw² needs **weight_decay = 2λ** (the
# factor of 2 from the [conventions table](00_start_here.ipynb#conventions)). Forgetting the
# 2 silently trains the model for λ/2.

# %%
# NBVAL_CHECK_OUTPUT
lam, eta, steps = 0.01, 0.5, 2000
w_ridge, b_ridge = linear.fit_linear(X, y, penalty="l2", lam=lam)

gd = models.LinearRegression(X.shape[1])
hist = train.train(gd, X, y, lr=eta, steps=steps, penalty=penalties.l2(lam), snapshot_every=500)
for s, (w_s, _) in zip(hist.snapshot_steps[1:], hist.snapshots[1:]):
    print(f"GD with penalties.l2({lam}), {s:4d} steps: max |w_GD − w_ridge| = "
          f"{np.abs(w_s - w_ridge).max():.2e}")


def sgd_weights(weight_decay):
    """Train by optim.SGD with PyTorch's weight_decay (no penalty in the loss); the weights."""
    model = models.LinearRegression(X.shape[1])
    opt = optim.SGD(optim.decay_groups(model.named_parameters(), weight_decay), lr=eta)
    for _ in range(steps):
        opt.step(model.loss_and_grads(X, y)[1])     # [∂/∂w, ∂/∂b]: weights first, as decay_groups
    return model.weight


w_sgd = sgd_weights(2 * lam)
print(f"SGD(weight_decay = 2λ = {2 * lam:g}): max |w_SGD − w_ridge(λ)|   = "
      f"{np.abs(w_sgd - w_ridge).max():.2e};  same as GD with the penalty: "
      f"{np.allclose(w_sgd, gd.weight, rtol=0, atol=1e-12)}")
w_half, _ = linear.fit_linear(X, y, penalty="l2", lam=lam / 2)
w_wrong = sgd_weights(lam)
print(f"SGD(weight_decay = λ = {lam:g}):    max |w_SGD − w_ridge(λ)|   = "
      f"{np.abs(w_wrong - w_ridge).max():.2e}   (wrong: off by a factor of 2 in λ)")
print(f"                              max |w_SGD − w_ridge(λ/2)| = "
      f"{np.abs(w_wrong - w_half).max():.2e}   (it solved the problem with λ/2)")

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · The L2 gradient
# Fill in `my_l2_grad(w, lam)`: the gradient of λ·Σw² with respect to `w` (any shape).
# The checker compares it with `penalties.l2(lam).grad(w)` on a few inputs.

# %%
from lessons_lib import exercises


def my_l2_grad(w, lam):
    raise NotImplementedError  # your code here


_ = exercises.check_function(
    my_l2_grad, lambda w, lam: penalties.l2(lam).grad(w),
    [(np.array([3.0, -0.5, 0.0]), 0.1), (np.array([[1.0, -2.0], [0.25, 4.0]]), 0.5),
     (np.array([1e-3, -7.0]), 2.0)],
    name="Exercise 1", hint="differentiate λ·w² for one weight; there is no ½ in this course")

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def my_l2_grad(w, lam):
#     return 2 * lam * np.asarray(w)
# ```
# Each weight's term is λ·w_j², whose derivative is 2λw_j; the other terms do not depend on
# w_j. With the textbook (λ/2)·‖w‖² it would be λw: the course has no ½.
# </details>

# %% [markdown]
# ### Exercise 2 · The shrink factor
# Only the penalty acts (no data gradient), with η = 0.05 and λ = 2. What number is every
# weight multiplied by in one gradient step? And what is a weight that starts at 5.0 after
# 3 such steps?

# %%
shrink_factor = ...   # one step's factor
w_after_3 = ...       # 5.0 after three steps

_ = exercises.check_value(shrink_factor, 1 - 2 * 0.05 * 2, name="Exercise 2a",
                          hint="one step is w − η·2λ·w = (1 − 2ηλ)·w")
_ = exercises.check_value(w_after_3, 5.0 * (1 - 2 * 0.05 * 2) ** 3, name="Exercise 2b",
                          hint="each step multiplies by the same factor: w·factor³")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `shrink_factor = 1 − 2·0.05·2 = 0.8`, and `w_after_3 = 5.0·0.8³ = 2.56`. With PyTorch the
# same run is `SGD(lr=0.05, weight_decay=4)`: factor 1 − lr·weight_decay = 0.8.
# </details>

# %% [markdown]
# ### Exercise 3 · Which weight moves most?
# The weights are `w = [0.1, -3.0, 1.5, 0.02]`, λ = 0.5, η = 0.1, and only the penalty acts.
# Which weight (give its index, counting from 0) moves the most in one step, and by how much
# (the size of its change, a positive number)?

# %%
w_ex = np.array([0.1, -3.0, 1.5, 0.02])
index_moves_most = ...   # 0, 1, 2 or 3
how_far = ...            # |change| of that weight in one step

_ = exercises.check_value(index_moves_most, 1, name="Exercise 3a",
                          hint="the pull η·2λ·w is proportional to the weight's size |w|")
_ = exercises.check_value(how_far, 0.1 * 2 * 0.5 * 3.0, name="Exercise 3b",
                          hint="the change is η·2λ·|w| for the biggest |w|")

# %% [markdown]
# <details><summary>Solution</summary>
#
# Weight 1 (w = −3.0): the change is η·2λ·w, so the biggest |w| moves most. It moves by
# 0.1·2·0.5·3.0 = 0.3, towards 0 (to −2.7). The weight 0.02 moves by only 0.002: under L2
# small weights barely feel the pull, which is why they never quite reach 0.
# </details>

# %% [markdown]
# ### Exercise 4 · The largest safe learning rate
# Using `L` computed in section 4 for the polynomial data, what is the bound 2/(L + 2λ) on
# η for λ = 0.25? Compute it in code from `L`.

# %%
eta_safe = ...   # 2/(L + 2λ) for λ = 0.25

_ = exercises.check_value(eta_safe, 2 / (L + 2 * 0.25), name="Exercise 4",
                          hint="the curvatures add: L from the data and 2λ from the penalty")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `eta_safe = 2 / (L + 2 * 0.25)`, about 0.63. Check it in the panel at the slider positions
# next to λ = 0.25 (0.1 and 0.316): η = 0.56 trains happily, while η = 1 diverges. (The exact
# limit is a little higher than the bound, because the intercept is not penalized.)
# </details>

# %% [markdown]
# ## Summary
#
# - The gradient of λ·Σw² is **2λw** (no ½ in this course; PyTorch's `weight_decay = 2λ`,
#   see the [conventions table](00_start_here.ipynb#conventions)).
# - It is a pull towards 0 proportional to each weight's size: one gradient step multiplies
#   every weight by **1 − 2ηλ** before the data step. Big weights lose the most; the pull
#   fades as a weight shrinks, so weights get small but **not exactly 0**.
# - On the overfit degree-15 polynomial, L2 at λ = 10⁻³ shrank every weight, the biggest by
#   more than 11 units each, and left 0 exact zeros. The ridge paths shrink smoothly with λ
#   and never stay at 0.
# - Gradient descent on MSE + λ·Σw² converges to the exact ridge solution when
#   **η < 2/(L + 2λ)**, where L is the data's largest curvature; η·2λ ≥ 2 blows up even
#   without data. `SGD(weight_decay = 2λ)` gives the same weights.
#
# Next: [4 · L1 and sparsity](04_l1_sparsity.ipynb)
