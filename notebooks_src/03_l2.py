# %% [markdown]
# # 3 · L2: a pull proportional to size
#
# **Learning goals**
# - derive the gradient of λ·Σw² (2λw) and read it as a pull towards 0 proportional to each
#   weight's size: one step multiplies every weight by (1 − 2ηλ);
# - see what ridge does to an overfit polynomial, and why it leaves no weight exactly 0;
# - train by gradient descent with λ and η sliders, land on the exact ridge solution (and
#   on `SGD(weight_decay=2λ)`), and know a safe step size, η < 2/(L + 2λ).
#
# > **L2 penalty λ·Σw².** Adds 2λw to each weight's gradient — a pull proportional to its
# > size. Big weights get yanked hardest; everything shrinks, nothing quite reaches zero.
#
# λ is the course's λ in MSE + λ·Σw² ([conventions table](12_conventions.ipynb#conventions)).
#
# *Time: about 34 minutes (reading, dragging the sliders, exercises).*
#
# *Express path: sections 1 and 2, about 7 minutes.*

# %% [markdown]
# ## 1 · The gradient of λ·Σw² is 2λw <!-- express -->
#
# Each weight w_j appears in one term λ·w_j² of the penalty (no ½ in front), so
#
# $$\frac{\partial}{\partial w_j}\Big(λ\sum_i w_i^2\Big) = 2λw_j .$$
#
# A gradient step with learning rate η then reads
#
# $$w \leftarrow w - η\big(\nabla\text{loss} + 2λw\big) = (1 - 2ηλ)\,w - η\,\nabla\text{loss}:$$
#
# before the data step, every weight is multiplied by the same **shrink factor** 1 − 2ηλ.
# The penalty alone, for t steps, gives w·(1 − 2ηλ)ᵗ: for 0 < 2ηλ < 1, closer to 0 every step
# and, in exact arithmetic, never there.
# (The source text writes this step w ← w·(1 − ηλ) − η·∇loss: its λ is PyTorch's
# `weight_decay`, twice the course's λ; [notebook 6](06_weight_decay.ipynb).)
# First a numerical check of the gradient:

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, models, optim, penalties, plots, train, widgets

# %%
lam, eta = 0.25, 0.2
w = np.array([-3.0, -1.5, -0.5, 0.25, 1.0, 2.0])
pen = penalties.l2(lam)
numeric = [(pen.value(w + 1e-6 * e) - pen.value(w - 1e-6 * e)) / 2e-6 for e in np.eye(w.size)]
print("penalties.l2(0.25).grad(w):", pen.grad(w))
print("central differences       :", np.round(numeric, 6))

# %% [markdown]
# Left: the pull −2λw on six weights, long for big weights, short for small ones. Right: the
# same weights under the pull alone (η = 0.2, so 1 − 2ηλ = 0.9): every weight loses the
# same *fraction* per step, so the big ones lose the most; each keeps its sign and none
# reaches 0. **This** is "a pull proportional to size".

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_pull, ax_decay) = plots.new_figure(ncols=2, width=4.6, height=3.4)
colors = [plots.COLORS[c] for c in ("vermillion", "orange", "purple", "sky", "green", "blue")]
pull = -pen.grad(w)                               # the penalty's negative gradient, −2λw
rows = np.arange(w.size)
for r, wi, pi, c in zip(rows, w, pull, colors):
    ax_pull.annotate("", xy=(wi + pi, r), xytext=(wi, r),   # head no longer than the arrow
                     arrowprops=dict(arrowstyle="-|>", color=c, lw=2.5, shrinkA=0, shrinkB=0,
                                     mutation_scale=min(16, 50 * abs(pi))))
    ax_pull.text(wi + pi / 2, r + 0.25, f"w = {wi:g}: pull {pi:+g}", ha="center", fontsize=9)
ax_pull.scatter(w, rows, color=plots.COLORS["black"], marker="|", s=150, lw=1.5, zorder=3)
ax_pull.axvline(0, color=plots.COLORS["black"], lw=0.8)
ax_pull.set(xlim=(-3.9, 3.9), ylim=(-0.6, w.size - 0.1), yticks=[], xlabel="weight value w")
ax_pull.set_title(f"the L2 pull −2λw (λ = {lam:g}): longer for bigger |w|", fontsize=10)

t = np.arange(31)
factor = 1 - 2 * eta * lam
for wi, c in zip(w, colors):
    ax_decay.plot(t, wi * factor ** t, color=c, lw=2, label=f"w₀ = {wi:g}")
ax_decay.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_decay.set(xlabel="step t", ylabel="w after t steps")
ax_decay.set_title(f"the pull alone, η = {eta:g}: w·(1 − 2ηλ)ᵗ = w·{factor:g}ᵗ", fontsize=10)
ax_decay.legend(ncol=2, loc="upper right", fontsize=9)
plots.show(fig, alt=f"Left: six weights from {w.min():g} to {w.max():g}, each with an arrow for its "
                    f"L2 pull −2λw (λ = {lam:g}) pointing toward 0 and {2 * lam:g} times the weight "
                    f"in length: {pull[0]:+g} on w = {w[0]:g}, {pull[3]:+g} on w = {w[3]:g}. "
                    f"Right: under the pull alone each weight shrinks by the factor {factor:g} "
                    f"per step, keeps its sign, and after 30 steps is {factor**30:.1%} of its "
                    f"start, never exactly 0.")

# %% [markdown]
# <details><summary>Go deeper: when the shrink factor goes wrong</summary>
#
# For 0 < 2ηλ < 1 the factor 1 − 2ηλ lies between 0 and 1: a smooth decay. For
# 1 < 2ηλ < 2 it is negative but smaller than 1 in size: the weight flips sign every step
# while shrinking. For 2ηλ > 2 its size exceeds 1 and the weights **grow** every step:
# training blows up. So keep η·2λ < 2: with data the safe step is smaller still (section
# 4), and notebook 6 meets the rule again as weight decay.
#
# </details>

# %% [markdown]
# ## 2 · L2 on the overfit polynomial <!-- express -->
#
# A degree-15 polynomial (15 Legendre features plus an intercept), as in
# [notebook 1](01_big_weights.ipynb), on a new draw of 12 noisy points. With λ → 0 the exact
# solver returns the smallest-norm weights through every point, and even those are large.
# Ridge (`linear.fit_linear(..., penalty="l2")`, exact) at λ = 10⁻³:

# %%
# NBVAL_CHECK_OUTPUT
prob = data.overfit_set()                        # 12 points (seed 0): section 4's panel too
x, y = prob.x, prob.y
X = data.polynomial_features(x, 15)              # 15 Legendre features
x_grid = np.linspace(-1, 1, 300)
X_grid = data.polynomial_features(x_grid, 15)
LAM_AFTER = 1e-3

w_before, b_before = linear.fit_linear(X, y, penalty="l2", lam=0.0)
w_after, b_after = linear.fit_linear(X, y, penalty="l2", lam=LAM_AFTER)
moved = np.abs(w_after - w_before)
print(f"‖w‖ at λ → 0: {np.linalg.norm(w_before):.3f}   with L2 (λ = {LAM_AFTER:g}): "
      f"{np.linalg.norm(w_after):.3f}")
print(f"exact zeros after L2: {np.sum(w_after == 0.0)} (smallest |w|: {np.abs(w_after).min():.4f});"
      f" weights whose size shrank: {np.sum(np.abs(w_after) < np.abs(w_before))} of 15")
print(f"w11: {w_before[10]:+.3f} → {w_after[10]:+.3f}   moved {moved[10]:.3f}, "
      f"more than its own size {abs(w_before[10]):.3f}")
print(f"weights that moved more than their own size: {np.sum(moved > np.abs(w_before))} of 15,"
      f" sign changes: {np.sum(np.sign(w_after) != np.sign(w_before))}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_fit, ax_0, ax_2) = plots.new_figure(ncols=3, width=3.7, height=3.4)
_ = plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ w_before + b_before,
                   truth=data.true_curve(x_grid), label="λ → 0 (overfit)",
                   color=plots.COLORS["vermillion"])
ax_fit.plot(x_grid, X_grid @ w_after + b_after, color=plots.COLORS["blue"], lw=2,
            label=f"L2, λ = {LAM_AFTER:g}")
ax_fit.get_legend().remove()                      # one legend under the figure
fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower center", ncols=4,
           frameon=False, fontsize=9)
ax_fit.set_title("degree-15 polynomial, 12 points", fontsize=10)
for ax, w_k, color, name, lim in [(ax_0, w_before, "vermillion", "λ → 0", 14),
                                  (ax_2, w_after, "blue", f"L2, λ = {LAM_AFTER:g}", 1.4)]:
    plots.weight_bars(ax, w_k, color=plots.COLORS[color], ylim=(-lim, lim))
    ax.set_xticks(np.arange(1, 16, 2))
    ax.set(xlabel="weight index (Legendre degree)", ylabel="weight value")
    ax.set_title(f"{name}: ‖w‖ = {np.linalg.norm(w_k):.3g}  (y axis ±{lim:g})", fontsize=10)
plots.show(fig, alt=f"Left: {len(x)} noisy points and two degree-15 fits: at λ → 0 the curve "
                    f"threads every point and swings far off the plot between them; with L2, "
                    f"λ = {LAM_AFTER:g}, it follows the true wave. Middle and right: the 15 "
                    f"weights of each, on axes ten times apart: ‖w‖ falls from "
                    f"{np.linalg.norm(w_before):.1f} to {np.linalg.norm(w_after):.1f}, the "
                    f"largest |w| from {np.abs(w_before).max():.1f} to {np.abs(w_after).max():.2f}; "
                    f"none becomes exactly 0, and w11 goes from {w_before[10]:+.2f} to "
                    f"{w_after[10]:+.2f}, changing sign.")

# %% [markdown]
# Read this against the quote at the top:
#
# - **Nothing quite reaches zero**: not one of the 15 weights is exactly 0.
# - **Everything shrinks**: ‖w‖ falls from 28.4 to 1.9, and here every weight's size shrank.
# - **But not weight by weight.** w11 went from −12.04 to +0.24, further than its own size,
#   and changed sign; so did five others. The λ → 0 fit is a wild *combination* of weights
#   that nearly cancel at the 12 points, a direction the data barely determines; ridge
#   removes almost all of it and keeps what the data does determine (the fold).
#
# <details><summary>Go deeper: ridge shrinks directions, not weights</summary>
#
# Write the centered features as X = U·S·Vᵀ (singular values s). Ridge solves
# (XᵀX + nλI)·w = Xᵀy, so along each direction v_k (a row of Vᵀ) it keeps the share
# s_k²/(s_k² + nλ) of the minimum-norm solution. Well-determined directions (large s) keep
# nearly all; a direction with tiny s loses nearly all. The cell below prints it: the λ → 0
# solution is dominated by one direction with s ≈ 0.009 (component −28.3); ridge keeps
# 0.7 % of it (−0.21) and over 95 % of each of the nine best-determined directions.
#
# So "everything shrinks" is a statement about the whole vector: here all 15 sizes shrank
# too, but with correlated features a single weight can grow while the others shrink.
#
# Why never exactly 0? At the minimum, ∂loss/∂w_j + 2λw_j = 0, so
# w_j = −(1/2λ)·∂loss/∂w_j. A weight is exactly 0 only if the data has *exactly* no use for
# it, which happens with probability zero: the pull fades as the weight shrinks, so any
# push from the data holds a small nonzero weight in place. L1's pull
# ([notebook 4](04_l1_sparsity.ipynb)) stays the same size all the way down.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
_, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
k = s > 1e-10 * s[0]                             # the 11 directions 12 centered points span
for label, row in [("singular value s", s[k]),
                   ("ridge keeps s²/(s² + nλ)", s[k] ** 2 / (s[k] ** 2 + len(y) * LAM_AFTER)),
                   ("component of w, λ → 0", Vt[k] @ w_before),
                   (f"component of w, λ = {LAM_AFTER:g}", Vt[k] @ w_after)]:
    print(f"{label:28s}", " ".join(f"{v:7.3f}" for v in row))

# %% [markdown]
# ## 3 · Coefficient paths: shrinking smoothly with λ
#
# `linear.regularization_path` solves ridge exactly for λ from 10⁻⁶ to 10²; each line is
# one weight.

# %%
# NBVAL_CHECK_OUTPUT
PATH_LAMS = np.logspace(-6, 2, 161)
path_w, path_b = linear.regularization_path(X, y, PATH_LAMS, penalty="l2")
norms = np.linalg.norm(path_w, axis=1)
crossers = np.sum(np.any(np.diff(np.sign(path_w), axis=0) != 0, axis=0))
print(f"exact zeros anywhere on the path: {np.sum(path_w == 0.0)} of {path_w.size};  "
      f"paths that change sign: {crossers} of 15")
print(f"‖w‖ decreases as λ grows: {bool(np.all(np.diff(norms) < 0))}")
for lam_show in (1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e0, 1e2):
    j = np.argmin(np.abs(np.log(PATH_LAMS / lam_show)))
    print(f"  λ = {PATH_LAMS[j]:<6g} ‖w‖ = {norms[j]:8.4f}   smallest |w| = {np.abs(path_w[j]).min():.2e}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax, ax_log) = plots.new_figure(ncols=2, width=4.6, height=3.6)
path_lines = plots.coef_paths(ax, PATH_LAMS, path_w)
ax.axvline(LAM_AFTER, color=plots.COLORS["grey"], ls=":", lw=1.2)
ax.text(LAM_AFTER * 1.15, 0.95 * ax.get_ylim()[1], f"λ = {LAM_AFTER:g}\n(section 2)", fontsize=9,
        va="top", color=plots.COLORS["grey"])
ax.set_title("ridge paths: 15 weights against λ", fontsize=10)
for j, ln in enumerate(path_lines):
    ax_log.plot(PATH_LAMS, np.abs(path_w[:, j]), color=ln.get_color(), lw=1.4)
slopes = np.diff(np.log(np.abs(path_w)), axis=0) / np.diff(np.log(PATH_LAMS))[:, None]
near = np.all(np.abs(slopes + 1) < 0.15, axis=1)              # every local slope within 0.15 of −1
lam_near = PATH_LAMS[1:][np.argmax(np.flip(np.cumprod(np.flip(near))))]   # ... from here on
ax_log.axvspan(lam_near, PATH_LAMS[-1], color=plots.COLORS["grey"], alpha=0.15, lw=0,
               label=f"λ ≥ {lam_near:.2g}: every local slope ≈ −1")
ref = PATH_LAMS[PATH_LAMS >= 0.1]                                     # drawn above the paths
ax_log.plot(ref, 1 / ref, color=plots.COLORS["black"], ls="--", lw=2, label="slope −1: |w| = 1/λ")
ax_log.set(xscale="log", yscale="log", ylim=(1e-5, 30), xlabel="λ (log scale)",
           ylabel="|coefficient| (log scale)")
ax_log.set_title("the same paths, |w| on a log scale", fontsize=10)
ax_log.legend(loc="lower left", fontsize=9)
plots.show(fig, alt=f"Left: the 15 ridge weights against λ from 10⁻⁶ to 10² (log scale). They "
                    f"start between {path_w[0].min():.1f} and {path_w[0].max():.1f} and head toward 0, "
                    f"{crossers} of them crossing it on the way (some grow again after); ‖w‖ falls from "
                    f"{norms[0]:.1f} to {norms[-1]:.4f}. Right: the same paths as |w| on log-log "
                    f"axes: sharp dips where a path crosses 0, no weight exactly 0, and from "
                    f"λ ≈ {lam_near:.2g} on every |w| falls like 1/λ (local slopes within 0.15 of "
                    f"−1), parallel to the dashed line of slope −1 drawn above them.")

# %% [markdown]
# Left: the wild least-squares weights fall quickly from λ ≈ 10⁻⁶ to 10⁻⁴ (‖w‖ 25 → 2.8),
# hover while the penalty is weak (1.8 at λ = 10⁻²), then sink together towards 0. Right,
# |w| on a log scale, where 0 is infinitely far down: for large λ every weight falls along
# a line of slope −1, never reaching 0. The sharp notches are sign changes: 11 of the 15
# paths pass through 0, and none **sits** there over a range of λ, unlike L1's
# ([notebook 4](04_l1_sparsity.ipynb)).
#
# <details><summary>Go deeper: why the paths have this shape</summary>
#
# In the directions of X = U·S·Vᵀ (centered data) ridge multiplies each component of the
# least-squares solution by s²/(s² + nλ), a smooth function of λ strictly between 0 and 1
# for every λ > 0: every direction shrinks, none is cut to 0. The weights fall once nλ
# becomes comparable to the squared singular values. For large λ the solution tends to
# Xᵀy/(nλ), hence the slope −1.
#
# </details>

# %% [markdown]
# ## 4 · Live: gradient descent with λ and η
#
# Gradient descent on a quadratic converges when η is below 2/(largest curvature). The MSE
# has curvature up to **L**, the largest eigenvalue of its Hessian (2/n)·AᵀA (A is X plus a
# column of ones for the intercept); the penalty adds 2λ. So gradient descent is safe
# whenever
#
# $$η < \frac{2}{L + 2λ},$$
#
# a safe bound, somewhat below the exact limit (the fold). The pure-penalty rule η·2λ < 2
# (section 1's fold) is the case L = 0.

# %%
# NBVAL_CHECK_OUTPUT
n = len(y)
A = np.column_stack([X, np.ones(n)])             # features plus the intercept's column
L = np.linalg.eigvalsh(2 / n * A.T @ A).max()
print(f"L = {L:.4f}, so with λ → 0 gradient descent needs η < 2/L = {2 / L:.4f}")
for lam_show in (1e-2, 1e1):
    print(f"  λ = {lam_show:<5g} safe bound 2/(L + 2λ) = {2 / (L + 2 * lam_show):.4f}")

# %% [markdown]
# <details><summary>Go deeper: the exact limit</summary>
#
# The exact limit is 2 divided by the largest eigenvalue of the whole Hessian
# (2/n)·AᵀA + 2λ on the weights (`runs_curves.step_limit`). It sits above the bound (by
# 0.4 % and 3 % in the table below) because the intercept is not penalized: with 2λ on every
# parameter, they would coincide. The next cell prints both.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
from lessons_lib import runs_curves

for lam_show in (1e-2, 1e1):
    print(f"λ = {lam_show:<5g} safe bound = {2 / (L + 2 * lam_show):.4f}   "
          f"exact limit = {runs_curves.step_limit(X, lam_show):.4f}")

# %% [markdown]
# The panel trains on section 2's 12 points from w = 0 (300 full-batch steps on
# MSE + λ·Σw²) at **λ** from 10⁻⁴ to 10 in half-decades and **η** = 0.01, 0.562, 1 (past
# 2/L ≈ 0.75). Left: the fits of gradient descent (blue) and exact ridge (orange); middle:
# their weights; right: the data MSE, the objective and the exact minimum. A diverged run is
# not drawn: the left title says when it blew up, and why.

# %%
from lessons_lib import runs_curves

run = runs_curves.l2_descent()                   # on section 2's 12 points (data.overfit_set())
STEPS, ridge_w, ridge_b = run.steps, run.ridge_w, run.ridge_b     # ridge: exact, per λ
gd = run.gd                                      # η → (11 trained models, their history)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
ridge_objective = run.ridge_objective            # MSE + λ·Σw² at the exact ridge fit
fig, (ax_fit, ax_w, ax_loss) = plots.new_figure(ncols=3, width=4.0, height=3.5)


def status(lam, eta, i):
    """The fit's second title line: how far from exact ridge, or when and why it blew up."""
    fits, hist = gd[eta]
    if not hist.diverged[i]:
        return f"weights within {np.abs(fits.weight[i] - ridge_w[i]).max():.2g} of exact ridge"
    return f"diverged at step {hist.diverged_at[i]}: {run.why_diverged(eta, i)}"


def decorate(lam, eta, i):
    """Titles, limits and legends of the panel for grid position i; returns its sentence."""
    ax_fit.get_legend().remove()                  # one legend under the figure, for all three
    (h_fit, l_fit), (h_loss, l_loss) = (ax.get_legend_handles_labels() for ax in (ax_fit, ax_loss))
    fig.legend(h_fit + h_loss, l_fit + l_loss, loc="outside lower center", ncols=7,
               frameon=False, fontsize=9)
    ax_fit.set_title(f"λ = {lam:.3g}, η = {eta:.3g}, {STEPS} GD steps\n{status(lam, eta, i)}",
                     fontsize=10)
    ax_w.set(ylim=(-3, 3), xlabel="weight index", ylabel="weight value")
    ax_w.set_title(f"exact ridge: smallest |w| = {np.abs(ridge_w[i]).min():.1e}, "
                   f"zeros: {np.sum(ridge_w[i] == 0)}", fontsize=10, pad=22)
    bound = eta * (L + 2 * lam)
    ax_loss.set(yscale="log", ylim=(1e-3, 10.0), xlim=(0, STEPS), xlabel="step", ylabel="loss")
    ax_loss.set_title(f"η·2λ = {eta * 2 * lam:.3g},  η·(L + 2λ) = {bound:.3g}"
                      + ("  (< 2: safe)" if bound < 2 else "  (≥ 2: unsafe)"), fontsize=10)
    fits, hist = gd[eta]
    head = f"λ = {lam:.3g}, η = {eta:.3g}: η·(L + 2λ) = {bound:.3g}"
    if hist.diverged[i]:
        return f"{head}; {status(lam, eta, i)}; the blown-up fit is not drawn"
    return (f"{head} < 2; after {STEPS} steps gradient descent's weights are within "
            f"{np.abs(fits.weight[i] - ridge_w[i]).max():.2g} of exact ridge's, its objective "
            f"{hist.objective[-1, i]:.4g} against the minimum {ridge_objective[i]:.4g}")


# %%
# ax_fit, ax_w, ax_loss, ridge_objective (exact ridge's MSE + λ·Σw²), decorate: collapsed above
def draw(lam, eta):
    i = run.index(lam)
    fits, hist = gd[eta]
    ok = not hist.diverged[i]
    gd_w = fits.weight[i] if ok else np.full(15, np.nan)     # a diverged run is not drawn
    plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ gd_w + fits.bias[i],
                   truth=data.true_curve(x_grid), label="gradient descent")
    ax_fit.plot(x_grid, X_grid @ ridge_w[i] + ridge_b[i], color=plots.COLORS["orange"],
                ls="-.", label="exact ridge")
    plots.paired_bars(ax_w, {"gradient descent": gd_w, "exact ridge": ridge_w[i]},
                      colors=[plots.TRAIN, plots.COLORS["orange"]])
    stop = hist.diverged_at[i] + 1 if not ok else STEPS + 1  # cut the curves at a blow-up
    ax_loss.plot(hist.step[:stop], hist.train_loss[:stop, i], color=plots.COLORS["purple"], lw=2,
                 ls=":", label="GD's data MSE")
    ax_loss.plot(hist.step[:stop], hist.objective[:stop, i], color=plots.COLORS["green"],
                 lw=2, ls="--", label="GD's MSE + λ·Σw²")
    ax_loss.axhline(ridge_objective[i], color=plots.COLORS["orange"], lw=6, alpha=0.4,
                    label="exact ridge minimum")
    return decorate(lam, eta, i)


widgets.live(fig, draw, title="gradient descent with L2: λ and η",
             lam=widgets.slider("λ", run.grid, 1e-2),
             eta=widgets.slider("η", run.etas, run.eta))

# %% [markdown]
# **Things to try**
#
# - At the default (λ = 0.01, η ≈ 0.56) the bars match, and the objective (dashed) has come
#   down onto the orange band of the exact minimum.
# - **λ down** to 10⁻⁴: the exact weights grow, but after 300 steps gradient descent has not
#   caught up: directions the data barely constrains have tiny curvature and are learned
#   slowly; the penalty's 2λ speeds them up. (Stopping early regularizes too:
#   [notebook 8](08_family.ipynb).)
# - **λ up** to 10 at η = 0.01: every weight sinks towards 0 and the fit flattens near the
#   mean of y (0.29); the bars look flat, yet the middle title still says "zeros: 0".
# - **η up** to 1, past 2/L ≈ 0.75: every λ diverges; the data's own curvature limits η.
#   Exercise 3.2 asks where the penalty's 2λ tips η ≈ 0.56 over.

# %% [markdown]
# ## 5 · Gradient descent lands on the exact ridge solution
#
# For λ > 0 the objective is strictly convex, so it has one minimizer: with a safe η,
# gradient descent ends at the closed form, the gap shrinking by a factor per 500 steps
# that settles to a constant (÷ below). Then the same training with `optim.SGD`, **no**
# penalty in the loss, only PyTorch's `weight_decay = 2λ` (in the course's λ); with
# `weight_decay = λ` it solves the problem for λ/2.

# %%
# NBVAL_CHECK_OUTPUT
lam, eta, steps = 0.01, 0.5, 2000
w_ridge, _ = linear.fit_linear(X, y, penalty="l2", lam=lam)
model = models.LinearRegression(15)
hist = train.train(model, X, y, lr=eta, steps=steps, penalty=penalties.l2(lam), snapshot_every=500)
gaps = [np.abs(w_s - w_ridge).max() for w_s, _ in hist.snapshots]     # from step 0, w = 0
for s, gap, before in zip(hist.snapshot_steps[1:], gaps[1:], gaps):
    print(f"GD on MSE + λ·Σw², {s:4d} steps: max |w_GD − w_ridge| = {gap:.2e}  (÷{before / gap:.0f})")


# optim.SGD: the course's NumPy copy of torch.optim.SGD (tests compare the two); decay_groups
# gives the weights weight_decay and the intercept none, as you would pass them to PyTorch
def sgd_weights(weight_decay):
    """Train by optim.SGD with PyTorch's weight_decay (no penalty in the loss); the weights."""
    m = models.LinearRegression(15)
    opt = optim.SGD(optim.decay_groups(m.named_parameters(), weight_decay), lr=eta)
    for _ in range(steps):
        opt.step(m.loss_and_grads(X, y)[1])      # the data MSE's gradients [∂/∂w, ∂/∂b]
    return m.weight


for wd, lam_solved in ((2 * lam, lam), (lam, lam), (lam, lam / 2)):
    w_exact, _ = linear.fit_linear(X, y, penalty="l2", lam=lam_solved)
    print(f"SGD(weight_decay = {wd:g}) vs exact ridge at λ = {lam_solved:g}: "
          f"max |difference| = {np.abs(sgd_weights(wd) - w_exact).max():.2e}")

# %% [markdown]
# ## Exercises
#
# ### Exercise 3.1 · The L2 gradient
# Fill in `my_l2_grad(w, lam)`: the gradient of λ·Σw² with respect to `w` (any shape). The
# checker compares it with the course's on a few inputs.

# %%
def my_l2_grad(w, lam):
    raise NotImplementedError  # your code here


_ = exercises.check("3.1", my_l2_grad)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def my_l2_grad(w, lam):
#     return 2 * lam * np.asarray(w)
# ```
# Each weight's term is λ·w_j², whose derivative is 2λw_j; the other terms do not depend on
# w_j.
#
# </details>
#
# ### Exercise 3.2 · Where the penalty tips gradient descent over
# In the panel, set η ≈ 0.562 and step λ up one notch at a time from 10⁻⁴. At which λ does
# gradient descent first diverge? Type the λ the slider shows.

# %%
your_answer = ...   # the first λ on the slider that diverges at η ≈ 0.562

_ = exercises.check("3.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ = 1. At λ = 0.316 the safe bound holds (the loss panel's title:
# 0.562 × (2.67 + 0.63) ≈ 1.86 < 2), so the run must converge. At λ = 1 the exact limit
# (the fit's title) is 0.48, below η = 0.562: the data's curvature L plus the penalty's 2λ
# is too much, though neither alone is (η·L ≈ 1.50, η·2λ ≈ 1.12, both < 2). From λ = 3.16
# on the pull alone is unstable (η·2λ > 2), which is what the panel's title then says.
#
# </details>
#
# ## Summary
#
# - The gradient of λ·Σw² is **2λw**, a pull towards 0 proportional to each weight's size:
#   one step multiplies every weight by **1 − 2ηλ**, so weights get small but **never
#   exactly 0**.
# - On the overfit polynomial, ridge at λ = 10⁻³ shrank ‖w‖ from 28.4 to 1.9 with no exact
#   zero, by removing a badly determined combination of weights, not weight by weight;
#   along the path no weight stays at 0.
# - Gradient descent converges to the exact ridge solution when **η < 2/(L + 2λ)** (a safe
#   bound); `SGD(weight_decay = 2λ)` gives the same weights.
#
# Next: [4 · L1 and sparsity](04_l1_sparsity.ipynb)
