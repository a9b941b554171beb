# %% [markdown]
# # 3 · L2: a pull proportional to size
#
# **Learning goals**
# - derive the gradient of the L2 penalty λ·Σw² (it is 2λw) and read it as a pull towards 0
#   proportional to each weight's size;
# - know what one step of that pull does: multiply every weight by (1 − 2ηλ);
# - see what ridge does to an overfit polynomial, and why it leaves no weight exactly 0;
# - train by gradient descent with λ **and** η sliders, land on the exact ridge solution
#   (and on `SGD(weight_decay=2λ)`), and know a safe step size, η < 2/(L + 2λ).
#
# > **L2 penalty λ·Σw².** Adds 2λw to each weight's gradient — a pull proportional to its
# > size. Big weights get yanked hardest; everything shrinks, nothing quite reaches zero.
#
# λ is the course's λ in MSE + λ·Σw²; how libraries write it is in the
# [conventions table](00_start_here.ipynb#conventions).
#
# *Time: about 24 minutes (reading, dragging the sliders, exercises).*

# %% [markdown]
# ## 1 · The gradient of λ·Σw² is 2λw
#
# Each weight w_j appears in one term λ·w_j² of the penalty, so
#
# $$\frac{\partial}{\partial w_j}\Big(λ\sum_i w_i^2\Big) = 2λw_j .$$
#
# The course writes no ½ in front of the penalty (the
# [conventions table](00_start_here.ipynb#conventions) lists the libraries that do).
# A gradient step with learning rate η then reads
#
# $$w \leftarrow w - η\big(\nabla\text{loss} + 2λw\big) = (1 - 2ηλ)\,w - η\,\nabla\text{loss}:$$
#
# before the data step, every weight is multiplied by the same **shrink factor** 1 − 2ηλ.
# The penalty alone, for t steps, gives w·(1 − 2ηλ)ᵗ: closer to 0 every step, never there.
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
print("2·λ·w                     :", 2 * lam * w)
print("central differences       :", np.round(numeric, 6))

# %% [markdown]
# Left: the pull −2λw on six weights, long for big weights, short for small ones. Right: the
# same weights under the pull alone (η = 0.2, so 1 − 2ηλ = 0.9): every weight loses the
# same *fraction* per step, so the big ones lose the most in absolute terms; each keeps its
# sign and none reaches 0. **This** is "a pull proportional to size".

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_pull, ax_decay) = plots.new_figure(ncols=2, width=4.6, height=3.4)
colors = [plots.COLORS[c] for c in ("vermillion", "orange", "purple", "sky", "green", "blue")]
pull = -pen.grad(w)                               # the penalty's negative gradient, −2λw
rows = np.arange(w.size)
for r, wi, pi, c in zip(rows, w, pull, colors):
    ax_pull.annotate("", xy=(wi + pi, r), xytext=(wi, r),
                     arrowprops=dict(arrowstyle="-|>", color=c, lw=2.5, mutation_scale=16,
                                     shrinkA=0, shrinkB=0))
    ax_pull.text(wi + pi / 2, r + 0.25, f"w = {wi:g}: pull {pi:+g}", ha="center", fontsize=9)
ax_pull.scatter(w, rows, color=colors, s=45, zorder=3, edgecolor=plots.COLORS["black"])
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
# training blows up. So keep η·2λ < 2; the live panel in section 4 shows the limit, and
# notebook 6 meets it again as weight decay.
#
# </details>
#
# ## 2 · L2 on the overfit polynomial
#
# The same kind of model that overfit in [notebook 1](01_big_weights.ipynb), a degree-15
# polynomial (15 Legendre features plus an intercept), on a new draw of 12 noisy points.
# With λ → 0 the exact solver returns the smallest-norm weights that pass through every
# point, and even those are huge.
# Ridge (`linear.fit_linear(..., penalty="l2")`, the exact solution) at λ = 10⁻³:

# %%
# NBVAL_CHECK_OUTPUT
x, y = data.noisy_curve(seed=0)                  # 12 points
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
fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=4.6, height=3.4)
_ = plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ w_before + b_before,
                   truth=data.true_curve(x_grid), label="λ → 0 (overfit)",
                   color=plots.COLORS["vermillion"])
ax_fit.plot(x_grid, X_grid @ w_after + b_after, color=plots.COLORS["blue"], lw=2,
            label=f"L2, λ = {LAM_AFTER:g}")
ax_fit.legend(loc="lower right", fontsize=9)
ax_fit.set_title("degree-15 polynomial, 12 points", fontsize=10)
_ = plots.paired_bars(ax_w, {"λ → 0": w_before, f"L2, λ = {LAM_AFTER:g}": w_after},
                      colors=[plots.COLORS["vermillion"], plots.COLORS["blue"]])
ax_w.set_xticks(np.arange(1, 16, 2))
ax_w.set(xlabel="weight index (Legendre degree)", ylabel="weight value")
plots.show(fig, alt=f"Left: {len(x)} noisy points and two degree-15 fits: at λ → 0 the curve "
                    f"threads every point and swings far off the plot between them; with L2, "
                    f"λ = {LAM_AFTER:g}, it follows the true wave. Right: the 15 weights side by "
                    f"side: ‖w‖ falls from {np.linalg.norm(w_before):.1f} to "
                    f"{np.linalg.norm(w_after):.1f}, none becomes exactly 0, and w11 goes from "
                    f"{w_before[10]:+.2f} to {w_after[10]:+.2f}, changing sign.")

# %% [markdown]
# Read this against the sentence quoted at the top, carefully:
#
# - **Nothing quite reaches zero.** Not one of the 15 weights is exactly 0.
# - **Everything shrinks**: ‖w‖ falls from 28.4 to 1.9, and here every weight's size shrank.
# - **But this is not a per-weight pull.** w11 went from −12.04 to +0.24: it moved 12.27,
#   further than its own size, and changed sign; so did five other weights. The λ → 0 fit is
#   a wild *combination* of weights that nearly cancel each other at the 12 points, a
#   direction the data barely determines; ridge removes almost all of that combination and
#   keeps what the data does determine. Individual weights can then move by more than their
#   size. The pull proportional to each weight's size is section 1's picture.
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
# `linear.regularization_path` solves ridge exactly on a grid of λ from 10⁻⁶ to 10²; each
# line is one weight.

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
ax_log.plot(PATH_LAMS[-40:], 0.5 / PATH_LAMS[-40:], color=plots.COLORS["black"], ls="--", lw=1.2,
            label="slope −1: |w| ∝ 1/λ")
ax_log.set(xscale="log", yscale="log", ylim=(1e-5, 30), xlabel="λ (log scale)",
           ylabel="|coefficient| (log scale)")
ax_log.set_title("the same paths, |w| on a log scale", fontsize=10)
ax_log.legend(loc="lower left", fontsize=9)
plots.show(fig, alt=f"Left: the 15 ridge weights against λ from 10⁻⁶ to 10² (log scale). They "
                    f"start between {path_w[0].min():.1f} and {path_w[0].max():.1f} and all shrink "
                    f"smoothly toward 0, {crossers} of them crossing it on the way; ‖w‖ falls from "
                    f"{norms[0]:.1f} to {norms[-1]:.4f}. Right: the same paths as |w| on log-log "
                    f"axes: sharp dips where a path crosses 0, no weight exactly 0, and beyond "
                    f"λ = 1 every |w| falls like 1/λ, parallel to a line of slope −1.")

# %% [markdown]
# Left: at tiny λ the weights are the wild least-squares ones; they fall quickly from
# λ ≈ 10⁻⁶ to 10⁻⁴ (‖w‖ 25 → 2.8), hover while the penalty is weak (1.8 at λ = 10⁻²), then
# all sink together towards 0.
# Right, |w| on a log scale, where 0 is infinitely far down: for large λ every weight falls
# along a line of slope −1, ever smaller, never 0. The sharp notches are sign changes: 11 of
# the 15 paths pass straight through 0, and none **sits** there over a range of λ. An L1
# path ([notebook 4](04_l1_sparsity.ipynb)) looks completely different.
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
#
# ## 4 · Live: gradient descent with λ and η
#
# Networks are not solved in closed form: they are trained. Gradient descent on a quadratic
# converges when η is below 2/(largest curvature). The MSE has curvature up to **L**, the
# largest eigenvalue of its Hessian (2/n)·AᵀA (A is X plus a column of ones for the
# intercept); the penalty adds 2λ. So gradient descent is safe whenever
#
# $$η < \frac{2}{L + 2λ}.$$
#
# The pure-penalty rule η·2λ < 2 (section 1's fold) is the case L = 0; with data the limit
# comes earlier.

# %%
# NBVAL_CHECK_OUTPUT
n = len(y)
A = np.column_stack([X, np.ones(n)])             # features plus the intercept's column
L = np.linalg.eigvalsh(2 / n * A.T @ A).max()
print(f"L = {L:.4f}, so with λ → 0 gradient descent needs η < 2/L = {2 / L:.4f}")
for lam_show in (1e-2, 1e-1, 1e0, 1e1):
    print(f"  λ = {lam_show:<5g} safe bound 2/(L + 2λ) = {2 / (L + 2 * lam_show):.4f}")

# %% [markdown]
# <details><summary>Go deeper: the exact limit</summary>
#
# The exact limit is 2 divided by the largest eigenvalue of the whole Hessian
# (2/n)·AᵀA + 2λ on the weights; it sits slightly above the bound because the intercept is
# not penalized. The next cell prints both.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
for lam_show in (1e-2, 1e-1, 1e0, 1e1):
    H = 2 / n * A.T @ A + np.diag(np.r_[np.full(X.shape[1], 2 * lam_show), 0.0])
    print(f"λ = {lam_show:<5g} safe bound = {2 / (L + 2 * lam_show):.4f}   "
          f"exact limit = {2 / np.linalg.eigvalsh(H).max():.4f}")

# %% [markdown]
# The panel trains the model from w = 0 with 300 full-batch steps on MSE + λ·Σw² for every
# slider position: **λ** from 10⁻⁴ to 10 in half-decades, **η** at 0.01, 0.562 and 1 (past
# 2/L ≈ 0.75). Left: the gradient-descent fit (blue) and the exact ridge fit (orange).
# Middle: the 15 weights of both. Right: the data MSE, the objective, and the exact ridge
# minimum the objective is headed for. A diverged run shows the training loop's own
# explanation instead of its fit.

# %%
from lessons_lib import runs_curves

run = runs_curves.l2_descent()                   # λ: 10⁻⁴, 10⁻³·⁵, …, 10; η: 0.01, 0.562, 1
STEPS, ridge_w, ridge_b = run.steps, run.ridge_w, run.ridge_b     # ridge: exact, per λ
gd = run.gd                                      # η → (11 trained models, their history)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
import textwrap

ridge_objective = run.ridge_objective            # MSE + λ·Σw² at the exact ridge fit
messages = {key: textwrap.fill(why, 44) for key, why in run.messages.items()}   # (λ index, η)
fig, (ax_fit, ax_w, ax_loss) = plots.new_figure(ncols=3, width=4.0, height=3.5)


def decorate(lam, eta, i):
    """Titles, limits and legends of the panel for grid position i; returns its sentence."""
    ax_fit.legend(loc="lower right", fontsize=9)
    ax_fit.set_title(f"λ = {lam:.3g}, η = {eta:.3g}, {STEPS} GD steps", fontsize=10)
    ax_w.set(ylim=(-3, 3), xlabel="weight index", ylabel="weight value")
    ax_w.set_title(f"exact ridge: smallest |w| = {np.abs(ridge_w[i]).min():.1e}, "
                   f"zeros: {np.sum(ridge_w[i] == 0)}", fontsize=10, pad=22)
    bound = eta * (L + 2 * lam)
    ax_loss.set(yscale="log", ylim=(1e-3, 10.0), xlim=(0, STEPS), xlabel="step", ylabel="loss")
    ax_loss.set_title(f"η·2λ = {eta * 2 * lam:.3g},  η·(L + 2λ) = {bound:.3g}"
                      + ("  (< 2: safe)" if bound < 2 else "  (≥ 2: unsafe)"), fontsize=10)
    ax_loss.legend(loc="upper right", fontsize=9)
    fits, hist = gd[eta]
    head = f"λ = {lam:.3g}, η = {eta:.3g}: η·(L + 2λ) = {bound:.3g}"
    if hist.diverged[i]:
        return f"{head} ≥ 2, gradient descent diverges at step {hist.diverged_at[i]}"
    return (f"{head} < 2; after {STEPS} steps gradient descent's weights are within "
            f"{np.abs(fits.weight[i] - ridge_w[i]).max():.2g} of exact ridge's, its objective "
            f"{hist.objective[-1, i]:.4g} against the minimum {ridge_objective[i]:.4g}")


# %%
def draw(lam, eta):
    i = run.index(lam)
    fits, hist = gd[eta]
    ok = not hist.diverged[i]
    gd_w = fits.weight[i] if ok else np.full(15, np.nan)     # a diverged run is not drawn
    plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ gd_w + fits.bias[i],
                   truth=data.true_curve(x_grid), label="gradient descent")
    ax_fit.plot(x_grid, X_grid @ ridge_w[i] + ridge_b[i], color=plots.COLORS["orange"],
                ls="-.", label="exact ridge")
    if not ok:                                   # say why instead
        plots.message(ax_fit, messages[i, eta]).set(y=0.73, fontsize=9)
    plots.paired_bars(ax_w, {"gradient descent": gd_w, "exact ridge": ridge_w[i]},
                      colors=[plots.TRAIN, plots.COLORS["orange"]])
    stop = hist.diverged_at[i] + 1 if not ok else STEPS + 1  # cut the curves at a blow-up
    ax_loss.plot(hist.step[:stop], hist.train_loss[:stop, i], color=plots.TRAIN, lw=2,
                 label="data MSE")
    ax_loss.plot(hist.step[:stop], hist.objective[:stop, i], color=plots.COLORS["green"],
                 lw=2, ls="--", label="MSE + λ·Σw²")
    ax_loss.axhline(ridge_objective[i], color=plots.COLORS["orange"], lw=6, alpha=0.4,
                    label="exact ridge minimum")
    return decorate(lam, eta, i)


widgets.live(fig, draw, title="gradient descent with L2: λ and η",
             lam=widgets.slider("λ", run.grid, 1e-2),
             eta=widgets.slider("η", run.etas, run.eta))

# %% [markdown]
# **Things to try**
#
# - At the default (λ = 0.01, η ≈ 0.56) the blue and orange bars match, and the objective
#   (dashed) has come down onto the orange band of the exact minimum.
# - Drag **λ down** to 10⁻⁴: the exact weights grow, but after 300 steps gradient descent
#   has not caught up. Directions the data barely constrains have tiny curvature and are
#   learned slowly; the penalty's 2λ speeds them up. Stopping early is a regularizer in its
#   own right ([notebook 8](08_family.ipynb)).
# - Drag **λ up** to 10 at η = 0.01: every weight sinks towards 0 and the fit flattens to
#   the mean of y (underfitting); the bars look flat, yet the middle title still says "zeros: 0".
# - Drag **η up** to 1, past 2/L ≈ 0.75: every λ diverges; the data's own curvature limits
#   η. Exercise 3.2 asks where the penalty's 2λ tips η ≈ 0.56 over.
#
# ## 5 · Gradient descent lands on the exact ridge solution
#
# For λ > 0 the objective is strictly convex, so it has one minimizer: with a safe η,
# gradient descent must end at the closed form, the gap shrinking by a constant factor per
# step. Then the same training with `optim.SGD` and **no** penalty in the loss, only
# `weight_decay = 2λ` (the [conventions table](00_start_here.ipynb#conventions)); with
# `weight_decay = λ` it solves the problem for λ/2.

# %%
# NBVAL_CHECK_OUTPUT
lam, eta, steps = 0.01, 0.5, 2000
w_ridge, _ = linear.fit_linear(X, y, penalty="l2", lam=lam)
model = models.LinearRegression(15)
hist = train.train(model, X, y, lr=eta, steps=steps, penalty=penalties.l2(lam), snapshot_every=500)
for s, (w_s, _) in zip(hist.snapshot_steps[1:], hist.snapshots[1:]):
    print(f"GD on MSE + λ·Σw², {s:4d} steps: max |w_GD − w_ridge| = {np.abs(w_s - w_ridge).max():.2e}")


def sgd_weights(weight_decay):
    """Train by optim.SGD with PyTorch's weight_decay (no penalty in the loss); the weights."""
    m = models.LinearRegression(15)
    opt = optim.SGD(optim.decay_groups(m.named_parameters(), weight_decay), lr=eta)
    for _ in range(steps):
        opt.step(m.loss_and_grads(X, y)[1])      # [∂/∂w, ∂/∂b]: weights first, as decay_groups
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
# λ = 1. The bound η·(L + 2λ) < 2 (the loss panel's title) holds at λ = 0.316
# (0.562 × (2.67 + 0.63) ≈ 1.86) but not at λ = 1 (0.562 × 4.67 ≈ 2.63): the data's
# curvature L plus the penalty's 2λ is too much. The pull alone would still be fine at
# λ = 1 (η·2λ ≈ 1.12 < 2); from λ = 3.16 on it is unsafe even without data, which is what
# the panel's message then says. The exact limit (section 4's fold) is 0.48 at λ = 1, also
# below 0.562.
#
# </details>
#
# ## Summary
#
# - The gradient of λ·Σw² is **2λw**, a pull towards 0 proportional to each weight's size:
#   one step multiplies every weight by **1 − 2ηλ**, so weights get small but **never
#   exactly 0**.
# - On the overfit polynomial, ridge at λ = 10⁻³ shrank ‖w‖ from 28.4 to 1.9 and left no
#   exact zero. It did so by removing the badly determined combination of weights, not
#   weight by weight: w11 moved further than its own size and changed sign.
# - Ridge paths move smoothly with λ: ‖w‖ shrinks, each weight falls like 1/λ for large λ,
#   and none stays at 0 (11 of the 15 pass through it).
# - Gradient descent converges to the exact ridge solution when **η < 2/(L + 2λ)**;
#   `SGD(weight_decay = 2λ)` gives the same weights
#   ([conventions table](00_start_here.ipynb#conventions)).
#
# Next: [4 · L1 and sparsity](04_l1_sparsity.ipynb)
