# %% [markdown]
# # 11 · Wrap-up: the whole course on one page
#
# **What this page is.** A recap of notebooks 1 to 10, short enough to reread before an
# exam or a project. Each idea gets a sentence or two, **its figure** (recomputed here
# with `lessons_lib`, in a few seconds) and a link to the notebook that teaches it
# properly. The ideas come in pairs, one compact figure per pair. After them: one live
# panel that ties the penalties together, a cheat sheet, where to read next, a three-question
# quiz and a summary.
#
# Every formula uses the course's conventions: objective = MSE (1/n)·Σ(ŷ − y)² + λ·penalty(w),
# L2 penalty λ·Σw² (gradient 2λw, no ½), L1 penalty λ·Σ|w| (subgradient λ·sign(w)),
# intercepts and biases never penalized. "λ" alone always means the course's λ; PyTorch's
# `weight_decay` (wd) is 2λ. The [conventions table](00_start_here.ipynb#conventions)
# translates to PyTorch, Keras, optax and scikit-learn.
#
# | pair | ideas | notebooks |
# |---|---|---|
# | 1 | big weights = a nervous function; the new objective and its U-curve | [1](01_big_weights.ipynb), [2](02_new_objective.ipynb) |
# | 2 | L2's proportional pull; L1's constant tug and exact zeros | [3](03_l2.ipynb), [4](04_l1_sparsity.ipynb) |
# | 3 | fingerprints, dense vs sparse; diamond vs circle | [5](05_fingerprints.ipynb), [9](09_classic_ml.ipynb) |
# | 4 | weight decay and the factor of 2; AdamW's decoupled decay | [6](06_weight_decay.ipynb), [7](07_adamw.ipynb) |
# | 5 | the family (dropout, early stopping, augmentation); sensible defaults | [8](08_family.ipynb), [10](10_sensible_defaults.ipynb) |

# %% [markdown]
# Most figures use the course's overfitting set: 12 noisy points from sin(πx) + 0.3x (noise
# standard deviation 0.25), a degree-15 polynomial on Legendre features (15 weights plus an
# unpenalized intercept), and 200 fresh points for validation, as in notebooks 3 and 5. The
# next cell solves it **exactly** for L2, L1 and elastic net (ρ = 0.5) at every λ of one
# grid, 10⁻³ to 10 with 8 values per decade (`linear.regularization_path`); the live panel
# further down uses every third λ of it.

# %%
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.patches import Polygon
from scipy.optimize import brentq

from lessons_lib import (
    conventions,
    data,
    exercises,
    linear,
    models,
    optim,
    penalties,
    plots,
    train,
    widgets,
)

DEGREE = 15
prob = data.overfit_set()                        # notebook 5's 12 training, 200 validation points
x, y, x_val, y_val, x_grid, truth = prob.x, prob.y, prob.x_val, prob.y_val, prob.x_grid, prob.truth
X, X_val, X_grid = prob.features(DEGREE)
idx = np.arange(1, DEGREE + 1)                                    # weight k belongs to P_k

LAM_MIN, LAM_MAX, LAM_STEP = -3, 1, 0.125                         # λ = 10**(-3 + k/8)
LAMS = 10.0 ** np.arange(LAM_MIN, LAM_MAX + LAM_STEP / 2, LAM_STEP)
NAMES = {"l2": "L2", "l1": "L1", "elastic_net": "elastic net"}
COLOR = {"l2": plots.L2C, "l1": plots.L1C, "elastic_net": plots.ENC}
RHO = 0.5                                                         # the elastic-net mix


def mse(W, B, X_, y_):
    """MSE of every fit (rows of W, entries of B) on (X_, y_)."""
    return np.mean((np.atleast_2d(W) @ X_.T + np.reshape(B, (-1, 1)) - y_) ** 2, axis=1)


paths = {}
for name in NAMES:
    W, B = linear.regularization_path(X, y, LAMS, penalty=name, l1_ratio=RHO)
    paths[name] = dict(w=W, b=B, curve=W @ X_grid.T + B[:, None],
                       train=mse(W, B, X, y), val=mse(W, B, X_val, y_val))
best = {name: int(np.argmin(p["val"])) for name, p in paths.items()}
w_ols, b_ols = linear.fit_linear(X, y, penalty="l2", lam=0.0)      # λ = 0: least squares
print(f"{len(x)} training points, {DEGREE} weights; {len(LAMS)} λ values × 3 penalties solved")

# %% [markdown]
# ## 1 · Why regularize: big weights, and the new objective
#
# **Big weights make a nervous function.** Without a penalty the degree-15 polynomial threads
# every noisy point with huge weights of both signs that cancel at the data and swing wildly
# between it; the slope of the fit is linear in the weights, so small weights guarantee a
# calm curve. → [1 · Big weights make a nervous network](01_big_weights.ipynb)
#
# **The new objective: loss(data) + λ·penalty(w).** λ sets the price of weight: λ = 0 is
# plain least squares (overfit), a huge λ flattens the model to the mean of y (underfit),
# and the validation loss traces a **U** in between; λ is a hyperparameter, chosen at the
# bottom of that U, never by training loss. → [2 · The new objective](02_new_objective.ipynb)

# %%
LAMS_U = 10.0 ** np.arange(-7, 1 + 1 / 16, 0.125)          # L2 is cheap: a wider grid for the U
W_u, B_u = linear.regularization_path(X, y, LAMS_U, penalty="l2")
train_u, val_u = mse(W_u, B_u, X, y), mse(W_u, B_u, X_val, y_val)
k_u = int(np.argmin(val_u))

fig, (ax_fit, ax_w, ax_u) = plots.new_figure(ncols=3, width=3.7, height=3.1)
plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ w_ols + b_ols, truth=truth,
               label="λ = 0 (least squares)", color=plots.COLORS["black"])
ax_fit.plot(x_grid, paths["l2"]["curve"][best["l2"]], color=plots.L2C, lw=2,
            label=f"L2, λ = {LAMS[best['l2']]:.3g}")
ax_fit.legend(loc="lower right", fontsize=7)
ax_fit.set_title(f"λ = 0: validation MSE {mse(w_ols, b_ols, X_val, y_val)[0]:.0f}", fontsize=10)
plots.weight_bars(ax_w, w_ols, color=plots.COLORS["grey"], ylim=(-14, 14))
ax_w.set(xticks=idx[::2], xlabel="k (weight of Legendre P_k)")
ax_w.set_title(f"its weights: largest |w| = {np.abs(w_ols).max():.1f}", fontsize=10)
_, _, marker = plots.lam_curves(ax_u, LAMS_U, train_u, val_u)
marker.set_data([LAMS_U[k_u]], [val_u[k_u]])
marker.set_label(f"lowest validation: λ = {LAMS_U[k_u]:.2g}")
ax_u.axhline(prob.noise**2, color=plots.COLORS["grey"], ls=":", lw=1.2, label="noise floor 0.25²")
ax_u.set(ylim=(1e-3, 300))
ax_u.set_title("the U-curve (L2, exact fits)", fontsize=10)
ax_u.legend(fontsize=7, loc="upper right")
fig

# %% [markdown]
# The black curve leaves the axes between the points, its weights are up to 13 in size, and
# it scores a validation MSE of 81; the blue L2 fit at the bottom of the U is calm and close
# to the truth. Left of the U's bottom the model overfits (training loss → 0), right of it
# it underfits (both losses rise towards the variance of y, the error of predicting the
# mean).

# %% [markdown]
# ## 2 · Two penalties, two personalities
#
# **L2's proportional pull.** λ·Σw² adds **2λw** to each weight's gradient: big weights are
# pulled hardest, and the pull fades as a weight shrinks, so everything gets smaller and
# nothing reaches exactly 0. One gradient step multiplies every weight by (1 − 2ηλ) before
# the data step. → [3 · L2: a pull proportional to size](03_l2.ipynb)
#
# **L1's constant tug and exact zeros.** λ·Σ|w| adds **λ·sign(w)**, the same tug for 8.0
# and for 0.08. A plain subgradient step overshoots zero and jitters; the **prox step**,
# soft-thresholding sign(v)·max(|v| − ηλ, 0), maps a whole dead zone |v| ≤ ηλ to exactly 0,
# which is how lasso solvers (and `penalty_mode="prox"`) produce sparsity.
# → [4 · L1 and sparsity](04_l1_sparsity.ipynb)

# %%
LAM_DEMO, ETA_DEMO = 0.5, 0.5
t_demo = ETA_DEMO * LAM_DEMO                                   # L1's step: η·λ
w = np.linspace(-2, 2, 801)
fig, (ax_pull, ax_step) = plots.new_figure(ncols=2, width=4.6, height=3.3)
ax_pull.plot(w, penalties.l2(LAM_DEMO).grad(w), color=plots.L2C, lw=2, label="L2: 2λw")
for side in (w < 0, w > 0):
    ax_pull.plot(w[side], penalties.l1(LAM_DEMO).grad(w[side]), color=plots.L1C, lw=2.5,
                 label="L1: λ·sign(w)" if side[0] else None)
ax_pull.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_pull.axvline(0, color=plots.COLORS["black"], lw=0.8)
ax_pull.set(xlabel="weight w", ylabel="pull added to the gradient", ylim=(-2.1, 2.1))
ax_pull.set_title(f"the pulls, λ = {LAM_DEMO}: equal at |w| = ½", fontsize=10)
ax_pull.legend(fontsize=8, loc="upper left")

ax_step.axvspan(-t_demo, t_demo, color=plots.COLORS["sky"], alpha=0.25, lw=0,
                label=f"dead zone |v| ≤ ηλ = {t_demo}")
ax_step.plot(w, w, color=plots.COLORS["grey"], ls=":", lw=1, label="no penalty")
ax_step.plot(w, w - ETA_DEMO * penalties.l2(LAM_DEMO).grad(w), color=plots.L2C, lw=2,
             label=f"L2 step: v·(1 − 2ηλ) = {1 - 2 * t_demo:g}·v")
for side in (w < 0, w > 0):
    ax_step.plot(w[side], w[side] - ETA_DEMO * penalties.l1(LAM_DEMO).grad(w[side]),
                 color=plots.COLORS["purple"], lw=1.5, ls="--",
                 label="L1 subgradient step: jumps over 0" if side[0] else None)
ax_step.plot(w, penalties.l1(LAM_DEMO).prox(w, ETA_DEMO), color=plots.L1C, lw=2.5,
             label="L1 prox step: soft-threshold")
ax_step.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_step.set(xlabel="v (weight after the data step)", ylabel="weight after the penalty step",
            xlim=(-2, 2), ylim=(-2, 2))
ax_step.set_title(f"one penalty step, η = {ETA_DEMO}, λ = {LAM_DEMO}", fontsize=10)
ax_step.legend(fontsize=7, loc="upper left")
fig

# %% [markdown]
# Left: the pulls cross at |w| = ½; below that L1 pulls harder than L2, and it never eases
# off. Right: outside the dead zone the two L1 steps agree; inside it the subgradient step
# lands on the other side of 0, the prox step lands on 0 and stays.

# %% [markdown]
# ## 3 · Dense vs sparse: the fingerprints, and why (diamond vs circle)
#
# **Fingerprints.** Each penalty at its own best λ (chosen on validation) tames the overfit
# polynomial, but L2 leaves **all** weights small and non-zero (dense) while L1 leaves a few
# survivors and sets the rest **exactly** to 0 (sparse); count zeros with `w == 0`. Elastic net λ·(ρΣ|w| + (1 − ρ)Σw²) sits in between.
# → [5 · Fingerprints: dense vs sparse](05_fingerprints.ipynb)
#
# **Diamond vs circle.** Penalizing is the same as constraining the weights to a budget:
# Σ|w| ≤ t is a diamond with corners on the axes, Σw² ≤ t² a disc without corners. The
# growing loss contours often first touch the diamond at a corner (a weight exactly 0) and
# the disc at a smooth point (both weights non-zero).
# → [9 · The classic-ML view](09_classic_ml.ipynb)

# %%
# A two-weight problem you can draw: two standardised features with correlation ≈ 0.5,
# y centred, no intercept.
rng = np.random.default_rng(1)
Z = rng.standard_normal((100, 2))
X2 = data.Standardizer().fit_transform(np.c_[Z[:, 0], 0.5 * Z[:, 0] + 0.87 * Z[:, 1]])
y2 = X2 @ np.array([1.5, 0.4]) + 0.5 * rng.standard_normal(100)
y2 = y2 - y2.mean()
G2, c2 = X2.T @ X2 / len(y2), X2.T @ y2 / len(y2)


def loss2(W):
    """The MSE of the two-weight problem at weight vectors W of shape (..., 2)."""
    return np.einsum("...i,ij,...j->...", W, G2, W) - 2 * W @ c2 + np.mean(y2**2)


def solve2(name, lam):
    return linear.fit_linear(X2, y2, penalty=name, lam=lam, fit_intercept=False)[0]


BUDGET = {"l1": lambda v: np.abs(v).sum(), "l2": lambda v: np.sqrt(np.sum(v**2))}
w2_ols = solve2("l2", 0.0)


def budget_gap(lam, name):
    """How far the budget of w_λ is above 1: brentq finds the λ where this is 0."""
    return BUDGET[name](solve2(name, lam)) - 1.0


w2 = {}                          # the penalized solution whose budget is exactly t = 1
for name in ("l1", "l2"):
    lam_t = brentq(budget_gap, 1e-6, 100.0, args=(name,), xtol=1e-12)
    w2[name] = solve2(name, lam_t)

fig, (ax_fp, ax_geo) = plots.new_figure(ncols=2, width=4.6, height=3.6)
for name, shift in (("l2", -0.2), ("l1", 0.2)):
    k = best[name]
    wk = paths[name]["w"][k]
    ax_fp.bar(idx + shift, wk, width=0.4, color=COLOR[name],
              label=f"{NAMES[name]}, λ = {LAMS[k]:.3g}: {np.sum(wk == 0)} of 15 exactly 0")
dead = idx[paths["l1"]["w"][best["l1"]] == 0]
ax_fp.plot(dead + 0.2, np.zeros(dead.size), "o", mfc="white", mec=plots.L1C, ms=5, mew=1.5)
ax_fp.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_fp.set(xticks=idx[::2], xlabel="k (weight of Legendre P_k)", ylabel="weight", ylim=(-1.6, 2.2))
ax_fp.set_title("fingerprints at each penalty's best λ", fontsize=10)
ax_fp.legend(fontsize=7, loc="upper right")

g1, g2 = np.meshgrid(np.linspace(-1.1, 2.2, 300), np.linspace(-1.1, 1.4, 300))
L = loss2(np.stack([g1, g2], axis=-1))
ax_geo.contour(g1, g2, L, levels=loss2(w2_ols) + np.array([0.02, 0.1, 0.25, 0.5, 0.9, 1.4]),
               colors=plots.COLORS["grey"], linewidths=0.8)
theta = np.linspace(0, 2 * np.pi, 401)
circle = np.c_[np.cos(theta), np.sin(theta)]
for name, region in (("l1", circle / np.abs(circle).sum(axis=1, keepdims=True)), ("l2", circle)):
    ax_geo.add_patch(Polygon(region, closed=True, fc=to_rgba(COLOR[name], 0.12), ec=COLOR[name],
                             lw=1.8))
    ax_geo.contour(g1, g2, L, levels=[loss2(w2[name])], colors=COLOR[name], linewidths=1.5,
                   linestyles="--")
    ax_geo.plot(*w2[name], "o", color=COLOR[name], mec=plots.COLORS["black"], ms=8, zorder=5,
                label=f"{'L1 diamond' if name == 'l1' else 'L2 disc'}: w = "
                      f"({w2[name][0]:.2f}, {w2[name][1]:.2f})")
ax_geo.plot(*w2_ols, "X", color=plots.COLORS["black"], ms=9, label="least squares (no budget)")
ax_geo.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_geo.axvline(0, color=plots.COLORS["black"], lw=0.8)
ax_geo.set(xlim=(-1.1, 2.2), ylim=(-1.1, 1.4), aspect="equal", xlabel="w₁", ylabel="w₂")
ax_geo.set_title("budget t = 1: where the contours first touch", fontsize=10)
ax_geo.legend(fontsize=7, loc="lower right")
fig

# %% [markdown]
# The numbers: a fixed λ, all three penalties, the exact solutions. The count of exact zeros
# is the fingerprint. Each penalty's own best λ takes the validation MSE from 81 (λ = 0) to
# about 0.1: 0.116 for L2, 0.067 for L1 (the true curve is nearly sparse in these features,
# notebook 5), 0.092 for elastic net.

# %%
# NBVAL_CHECK_OUTPUT
K_FIXED = widgets.nearest(LAMS, 0.01)
print(f"λ = {LAMS[K_FIXED]:g} for all three:")
print(f"{'penalty':12s} {'exact zeros':>11s} {'Σw²':>7s} {'Σ|w|':>7s} {'val MSE':>8s}")
for name, p in paths.items():
    wk = p["w"][K_FIXED]
    print(f"{NAMES[name]:12s} {np.sum(wk == 0):>8d}/15 {np.sum(wk**2):7.3f} "
          f"{np.sum(np.abs(wk)):7.3f} {p['val'][K_FIXED]:8.4f}")
print("\neach penalty at its own best λ on the grid:")
for name, p in paths.items():
    k = best[name]
    print(f"{NAMES[name]:12s} λ = {LAMS[k]:.4f}: {np.sum(p['w'][k] == 0):2d}/15 exact zeros, "
          f"val MSE {p['val'][k]:.4f}")
print(f"λ = 0 (least squares): val MSE {mse(w_ols, b_ols, X_val, y_val)[0]:.2f}, "
      f"smallest |w| {np.abs(w_ols).min():.3f}")
print(f"every weight exactly 0 from λ_max = {linear.lam_max(X, y):.4f} (L1), "
      f"{linear.lam_max(X, y, 'elastic_net', l1_ratio=RHO):.4f} (elastic net, ρ = {RHO})")
print(f"diamond vs circle at budget 1: L1 w₂ = {w2['l1'][1]:.4f} (exactly 0: {w2['l1'][1] == 0}), "
      f"L2 w₂ = {w2['l2'][1]:.4f}")

# %% [markdown]
# ## 4 · Weight decay in deep learning, and AdamW's W
#
# **Weight decay and the factor of 2.** Plug the L2 gradient into plain SGD:
# w ← w − η(∇loss + 2λw) = **w(1 − 2ηλ) − η∇loss**, the seed's decay step w(1 − ηλ) − η∇loss
# with *its* λ equal to the course's 2λ. PyTorch's `weight_decay` is that number:
# **weight_decay = 2λ** (`conventions.weight_decay_from_lam`). Left alone, a weight decays
# exponentially with half-life ≈ 0.693/(η·wd) steps; η·wd > 2 blows up.
# → [6 · Weight decay](06_weight_decay.ipynb)
#
# **AdamW's decoupled decay.** `Adam(weight_decay=wd)` adds wd·w to the gradient, which is
# then divided by Adam's per-weight √v̂: weights with a busy gradient history are barely
# decayed. AdamW multiplies every weight by (1 − lr·wd) *outside* the adaptive machinery, the
# same fraction for all (Loshchilov & Hutter). The decoupled decay is the W.
# → [7 · Why AdamW has a W](07_adamw.ipynb)

# %%
# Left: pure decay (no data) of one weight w = 1, three ways, course λ = 0.5 and η = 0.1.
LAM_WD, ETA_WD, T_WD = 0.5, 0.1, 30
decay_runs = {"course: penalties.l2(λ), 2λw in the gradient": None,
              f"SGD(weight_decay = 2λ = {2 * LAM_WD:g})": 2 * LAM_WD,
              f"SGD(weight_decay = λ = {LAM_WD:g}): the 2 forgotten": LAM_WD}
traces = {}
for label, wd in decay_runs.items():
    w1 = np.array([1.0])
    opt = None if wd is None else optim.SGD([w1], lr=ETA_WD, weight_decay=wd)
    trace = [w1[0]]
    for _ in range(T_WD):
        if opt is None:
            w1 -= ETA_WD * penalties.l2(LAM_WD).grad(w1)       # zero data gradient
        else:
            opt.step([np.zeros(1)])
        trace.append(w1[0])
    traces[label] = np.array(trace)

# Right: notebook 7's busy and quiet weights. Six standard-normal columns scaled by 0.1, 1
# and 10 (two each), y = X·w_true + noise; Adam + L2 vs AdamW, same lr and wd, 300 steps.
Xa, ya, w_true_a = data.busy_quiet([-1, -1, 0, 0, 1, 1])
wa_ols, _ = linear.fit_linear(Xa, ya, penalty="l2", lam=0.0)
LR_A, WD_A = 10**-1.25, 1.0
kept = {}
for opt_name in ("adam", "adamw"):
    model_a = models.LinearRegression(6)
    train.train(model_a, Xa, ya, lr=LR_A, steps=300, optimizer=opt_name, weight_decay=WD_A)
    kept[opt_name] = model_a.weight / wa_ols

fig, (ax_dec, ax_aw) = plots.new_figure(ncols=2, width=4.6, height=3.3)
steps_wd = np.arange(T_WD + 1)
for (label, trace), style in zip(traces.items(), (dict(lw=5, alpha=0.35, color=plots.L2C),
                                                  dict(lw=0, marker="o", ms=3.5, color=plots.L2C),
                                                  dict(lw=2, ls="--", color=plots.L1C))):
    ax_dec.plot(steps_wd, trace, label=label, **style)
ax_dec.set(xlabel="step", ylabel="weight (no data gradient)", ylim=(0, 1.05), xlim=(0, T_WD))
ax_dec.set_title(f"pure decay, λ = {LAM_WD}, η = {ETA_WD}: factor 1 − 2ηλ = "
                 f"{1 - ETA_WD * 2 * LAM_WD:g}", fontsize=10)
ax_dec.legend(fontsize=7, loc="upper right")

cols = np.arange(6)
for name, shift, color, label in (("adam", -0.2, plots.COLORS["purple"], f"Adam(weight_decay={WD_A:g}): L2"),
                                  ("adamw", 0.2, plots.COLORS["green"], f"AdamW(weight_decay={WD_A:g})")):
    ax_aw.bar(cols + shift, kept[name], width=0.4, color=color, label=label)
ax_aw.axhline(1, color=plots.COLORS["grey"], ls=":", lw=1.2, label="1 = not regularized")
ax_aw.set(xticks=cols, xticklabels=["quiet\n×0.1", "quiet\n×0.1", "medium\n×1", "medium\n×1",
                                    "busy\n×10", "busy\n×10"],
          ylim=(0, 1.35), ylabel="fraction of least-squares weight kept")
ax_aw.set_title(f"who gets shrunk? lr = {LR_A:.3g}, 300 steps", fontsize=10)
ax_aw.legend(fontsize=7, loc="upper left")
fig

# %% [markdown]
# Left: the course's L2 step and `SGD(weight_decay = 2λ)` are the same sequence (the dots sit
# on the thick line); forgetting the 2 decays half as fast. Right: Adam + L2 leaves the busy
# weights (columns ×10) at their unregularized value and crushes the quiet ones; AdamW shrinks
# every group. The next cell checks the factor of 2 on real training, and the
# [conventions table](00_start_here.ipynb#conventions)'s scikit-learn column.

# %%
# NBVAL_CHECK_OUTPUT
from sklearn.linear_model import ElasticNet, Lasso, Ridge

lam, eta, steps = 0.01, 0.5, 2000
gd = models.LinearRegression(DEGREE)
train.train(gd, X, y, lr=eta, steps=steps, penalty=penalties.l2(lam))      # MSE + λ·Σw²


def sgd_weights(weight_decay):
    """optim.SGD with PyTorch's weight_decay and no penalty in the loss; the final weights."""
    model = models.LinearRegression(DEGREE)
    opt = optim.SGD(optim.decay_groups(model.named_parameters(), weight_decay), lr=eta)
    for _ in range(steps):
        opt.step(model.loss_and_grads(X, y)[1])
    return model.weight


wd = conventions.weight_decay_from_lam(lam)
w_ridge, _ = linear.fit_linear(X, y, penalty="l2", lam=lam)
w_half, _ = linear.fit_linear(X, y, penalty="l2", lam=lam / 2)
print(f"course λ = {lam}: weight_decay = 2λ = {wd}")
print("GD on MSE + λ·Σw²  ==  SGD(weight_decay = 2λ), step for step:",
      np.allclose(gd.weight, sgd_weights(wd), rtol=0, atol=1e-12))
w_forgot = sgd_weights(lam)                                   # the 2 forgotten
print(f"SGD(weight_decay = λ) lands on ridge with λ/2: max |w − w_ridge(λ/2)| = "
      f"{np.abs(w_forgot - w_half).max():.1e}, vs w_ridge(λ): {np.abs(w_forgot - w_ridge).max():.3f}")
for name, Est in (("l2", Ridge), ("l1", Lasso), ("elastic_net", ElasticNet)):
    kwargs = linear.sklearn_alpha(name, lam=lam, n_samples=len(y), l1_ratio=RHO)
    extra = {} if name == "l2" else {"tol": 1e-12, "max_iter": 1_000_000}
    sk = Est(**kwargs, **extra).fit(X, y)
    coef, _ = linear.fit_linear(X, y, penalty=name, lam=lam, l1_ratio=RHO)
    args = ", ".join(f"{key}={val:.4g}" for key, val in kwargs.items())
    print(f"{Est.__name__}({args}) == course {NAMES[name]} at λ = {lam}: "
          f"{np.allclose(sk.coef_, coef, atol=1e-5)}")
print("fraction kept, Adam + L2:", np.round(kept["adam"], 3))
print("fraction kept, AdamW:    ", np.round(kept["adamw"], 3))

# %% [markdown]
# ## 5 · The family, and sensible defaults
#
# **The family.** Weight decay shapes the weights; its siblings attack overfitting from other
# angles and stack: **dropout** switches hidden units off at random during training (rate p,
# survivors scaled by 1/(1 − p)); **early stopping** keeps the weights with the best
# validation loss and stops after `patience` evaluations without improvement;
# **data augmentation** trains on fresh label-preserving edits (here input noise σ, which
# acts like a penalty on the slope). → [8 · The family](08_family.ipynb)
#
# **Sensible defaults.** AdamW with `weight_decay` ≈ 0.01 is the boring, reliable starting
# point (transformer recipes often go up to 0.1), combined with early stopping and whatever
# augmentation the data allows; then tune wd on validation, on a log scale. How hard a given
# wd pulls depends on lr × the number of steps: the total shrink from decay alone is
# (1 − lr·wd)^steps. → [10 · Sensible defaults](10_sensible_defaults.ipynb)
#
# The patient is notebook 8's, made smaller so that this page stays quick: an MLP
# (1, 32, 32, 1) with tanh units (notebook 8 uses 64 units per layer), trained full batch by
# AdamW (lr = 0.02, 300 steps) on 20 noisy points (noise 0.4, so the noise floor is
# 0.4² = 0.16), three random starts (seeds 0, 1, 2) per setting, 100 validation and 1,000
# test points. The numbers therefore differ a little from notebook 8's; the picture does not.

# %%
F_NOISE, F_LR, F_STEPS, F_EVERY = 0.4, 0.02, 300, 5
SIZES, SEEDS = (1, 32, 32, 1), (0, 1, 2)
fprob = data.mlp_set()                           # notebook 8's points
xf, yf, xf_val, yf_val, xf_test, yf_test = fprob.x, fprob.y, fprob.x_val, fprob.y_val, fprob.x_test, fprob.y_test
Xf, Xf_val, Xf_test = xf[:, None], xf_val[:, None], xf_test[:, None]


def family_run(dropout=0.0, weight_decay=0.0, augment=None):
    """Three MLPs (seeds 0, 1, 2) trained side by side; returns (stack, history)."""
    nets = [models.MLP(SIZES, dropout=dropout, seed=s) for s in SEEDS]
    stack = nets[0].copies(len(SEEDS))
    stack.set_params([np.stack(p) for p in zip(*(net.get_params() for net in nets))])
    hist = train.train(stack, Xf, yf, lr=F_LR, steps=F_STEPS, optimizer="adamw",
                       weight_decay=weight_decay, augment=augment, X_val=Xf_val, y_val=yf_val,
                       eval_every=F_EVERY, seed=0)
    return stack, hist


def early_stopped(patience=10):
    """Early stopping needs single models: one run per seed; (test MSEs, seed 0's history)."""
    out, hists = [], []
    for s in SEEDS:
        net = models.MLP(SIZES, seed=s)
        hists.append(train.train(net, Xf, yf, lr=F_LR, steps=F_STEPS, optimizer="adamw",
                                 X_val=Xf_val, y_val=yf_val, eval_every=F_EVERY,
                                 patience=patience, seed=s))
        out.append(net.loss(Xf_test, yf_test))
    return np.array(out), hists[0]


WDS = np.array([0.0, 0.01, 0.1, 1.0, 3.0, 10.0])
wd_runs = [family_run(weight_decay=wd) for wd in WDS]                # wd = 0: plain Adam
wd_val = np.array([hist.val_loss[-1] for _, hist in wd_runs])        # shape (wd, seed)
plain, plain_hist = wd_runs[0]
es_test, es_hist = early_stopped()
family = {"nothing": plain.loss(Xf_test, yf_test),
          "weight decay (wd = 1)": wd_runs[list(WDS).index(1.0)][0].loss(Xf_test, yf_test),
          "dropout (p = 0.1)": family_run(dropout=0.1)[0].loss(Xf_test, yf_test),
          "early stopping (patience 10)": es_test,
          "input noise (σ = 0.15)": family_run(augment=train.jitter(0.15))[0].loss(Xf_test, yf_test)}
print(f"early stopping, seed 0: best validation at step {es_hist.best_step}, "
      f"stopped at step {es_hist.stopped_step}\n")
print(f"{'test MSE (noise floor 0.16)':30s} seeds 0, 1, 2          mean")
for label, v in family.items():
    print(f"{label:30s} {'  '.join(f'{m:.4f}' for m in v)}   {v.mean():.4f}")
print(f"\n{'AdamW weight_decay':30s}", "  ".join(f"{wd:6g}" for wd in WDS))
for seed in SEEDS:
    print(f"{f'validation MSE, seed {seed}':30s}", "  ".join(f"{v:6.4f}" for v in wd_val[:, seed]))
print(f"{'validation MSE, mean of 3':30s}", "  ".join(f"{v:6.4f}" for v in wd_val.mean(axis=1)))
print(f"{'decay alone: (1 − lr·wd)^300':30s}", "  ".join(f"{(1 - F_LR * wd) ** F_STEPS:6.3f}" for wd in WDS))

# %%
fig, (ax_es, ax_fam, ax_def) = plots.new_figure(ncols=3, width=3.8, height=3.3)
steps_f = plain_hist.step
plots.loss_curves(ax_es, steps_f, plain_hist.train_loss[:, 0], plain_hist.val_loss[:, 0])
ax_es.plot([es_hist.best_step], [es_hist.val_loss[list(es_hist.step).index(es_hist.best_step)]],
           "o", color=plots.VAL, mec=plots.COLORS["black"], ms=9, label="best: weights restored")
ax_es.axvline(es_hist.stopped_step, color=plots.COLORS["vermillion"], lw=2,
              label=f"stop (patience 10), step {es_hist.stopped_step}")
ax_es.set(ylim=(0.01, 2.0), xlim=(0, F_STEPS))
ax_es.set_title("early stopping (seed 0)", fontsize=10)
ax_es.legend(fontsize=7, loc="lower left")

labels = list(family)
rows = np.arange(len(labels))[::-1]
means = np.array([family[k].mean() for k in labels])
ax_fam.barh(rows, means - F_NOISE**2, left=F_NOISE**2, height=0.6, color=plots.COLORS["sky"],
            label="mean of 3 seeds")
for r, k in zip(rows, labels):
    ax_fam.plot(family[k], [r] * len(SEEDS), "o", color=plots.COLORS["black"], ms=3)
ax_fam.axvline(F_NOISE**2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor")
ax_fam.set(yticks=rows, yticklabels=[k.replace(" (", "\n(") for k in labels],
           xlim=(0.15, 0.45), xlabel="test MSE (bars start at the floor)")
ax_fam.set_title("the family, each alone", fontsize=10)
ax_fam.tick_params(axis="y", labelsize=7)
ax_fam.legend(fontsize=7, loc="lower right")

x_wd = np.where(WDS == 0, 10**-2.5, WDS)                      # draw wd = 0 at the left edge
ax_def.axvspan(0.01, 0.1, color=plots.COLORS["green"], alpha=0.15, lw=0,
               label="the usual default range 0.01–0.1")
ax_def.plot(x_wd, wd_val, "o", color=plots.VAL, ms=3, alpha=0.5)
ax_def.plot(x_wd, wd_val.mean(axis=1), "o-", color=plots.VAL, lw=2, label="mean of 3 seeds")
ax_def.axhline(F_NOISE**2, color=plots.COLORS["black"], ls=":", lw=1, label="noise floor")
ax_def.set(xscale="log", xlabel="AdamW weight_decay", ylabel="validation MSE after 300 steps",
           ylim=(0.1, 0.5), xticks=[10**-2.5, 0.01, 0.1, 1, 10],
           xticklabels=["0", "0.01", "0.1", "1", "10"])
ax_def.minorticks_off()
ax_def.set_title("defaults: tune wd on a log scale", fontsize=10)
ax_def.legend(fontsize=7, loc="upper left")
fig

# %% [markdown]
# Left: the validation loss bottoms out at step 130 and turns up while the training loss keeps
# falling; with patience 10 (50 steps) training stops at step 180 and the weights of step 130
# come back. Middle: each sibling on its own cuts the test MSE from 0.36 to between 0.19 and
# 0.21 here (notebook 8 tunes each one and stacks them). Right: in these 300 steps wd = 0.01
# barely acts (decay alone would leave 0.94 of a weight; validation 0.341 against 0.348
# without decay); wd = 1 and 3 do best on this grid, and wd = 10 underfits. What counts is
# lr·wd × steps: at this lr, 10⁵ steps of wd = 0.01 would leave e^(−20) of an undefended
# weight, while at a transformer's lr = 3·10⁻⁴ they leave 74 % and recipes use 0.1 (notebook
# 10 works this out). The default is where the search starts, not where it ends.

# %% [markdown]
# ## All of it in one panel
#
# Drag **λ** (log scale: every third λ of the first cell's grid, 8 positions from 0.0042 to
# 1.8) and pick the **penalty**. Every position is an exact fit of the overfit polynomial,
# solved in the first cell. Left: the fit, in the penalty's colour (dashed: the true curve).
# Middle: the 15 weights, hollow circles at the ones that are **exactly** 0. Right:
# validation MSE against λ for all three penalties (on the full grid), the chosen one bold,
# with the current λ marked.
#
# Things to try:
#
# - **L2**: no hollow circle at any λ. The weights shrink smoothly and none is ever exactly 0.
# - **L1**: 6 exact zeros already at the smallest λ, 0.0042 (a lasso fit generally uses no
#   more weights than there are data points, 12 here), 9 at its best λ ≈ 0.024, and all 15
#   past λ_max ≈ 1.05 (1.78 on the slider), where the fit is the flat mean of y.
# - **Elastic net**: at the same λ it never has more zeros than L1 here, mostly fewer; at
#   1.78, the slider's end, one weight is still non-zero: all 15 are 0 only from
#   λ_max/ρ ≈ 2.1 (the right-hand curve goes flat there).
# - Compare the bold curves' minima: the same number λ is a different strength for each
#   penalty, so each needs its own λ (notebook 5).

# %%
fig, (ax_pf, ax_pw, ax_pv) = plots.new_figure(ncols=3, width=3.8, height=3.3)


def show(penalty, lam):
    i = widgets.nearest(LAMS, lam)
    p, color = paths[penalty], COLOR[penalty]
    ax_pf.plot(x_grid, truth, color=plots.TRUE, ls="--", lw=1.5)          # the true curve
    ax_pf.scatter(x, y, color=plots.COLORS["black"], s=22, zorder=3)       # training points
    ax_pf.plot(x_grid, p["curve"][i], color=color, lw=2)                  # the fit
    ax_pf.set(xlabel="x", ylabel="y", ylim=(-2.5, 2.5))
    ax_pf.set_title(f"{NAMES[penalty]}, λ = {lam:.3g}: val MSE {p['val'][i]:.3f}", fontsize=10)

    dead = idx[p["w"][i] == 0]
    plots.weight_bars(ax_pw, p["w"][i], color=color, ylim=(-2.5, 2.5), label="_weights")
    ax_pw.plot(dead, np.zeros(dead.size), "o", mfc="white", mec=plots.COLORS["black"], ms=6,
               mew=1.5, label="exactly 0")
    ax_pw.set(xticks=idx[::2], xlabel="k (weight of Legendre P_k)")
    ax_pw.legend(loc="upper right")
    ax_pw.set_title(f"{DEGREE - dead.size} non-zero, {dead.size} exactly 0", fontsize=10)

    for name, q in paths.items():                       # the chosen penalty bold
        ax_pv.plot(LAMS, q["val"], color=COLOR[name], lw=3.0 if name == penalty else 1.0,
                   alpha=1.0 if name == penalty else 0.5,
                   label=NAMES[name] + (f" (ρ = {RHO})" if name == "elastic_net" else ""))
    ax_pv.axhline(prob.noise**2, color=plots.COLORS["grey"], ls=":", lw=1.2, label="noise floor")
    ax_pv.plot([lam], [p["val"][i]], "o", ms=9, mfc="white", mec=plots.COLORS["black"], mew=1.5,
               label="current λ", zorder=5)
    ax_pv.set(xscale="log", yscale="log", xlim=(LAMS[0], LAMS[-1]), ylim=(0.05, 1.0),
              xlabel="λ (log scale)", ylabel="validation MSE",
              xticks=[0.001, 0.01, 0.1, 1], xticklabels=["0.001", "0.01", "0.1", "1"],
              yticks=[0.05, 0.1, 0.2, 0.5, 1], yticklabels=["0.05", "0.1", "0.2", "0.5", "1"])
    ax_pv.minorticks_off()
    ax_pv.legend(loc="upper left")
    ax_pv.set_title(f"best λ for {NAMES[penalty]}: {LAMS[best[penalty]]:.3g}", fontsize=10)


widgets.live(fig, show, title="L2 vs L1 vs elastic net on the overfit polynomial",
             penalty=widgets.choice("penalty", [("L2", "l2"), ("L1", "l1"),
                                                ("elastic net", "elastic_net")], "l1"),
             lam=widgets.log_slider("λ", 0.01, -2.375, 0.25, step=0.375))   # every 3rd λ of LAMS

# %% [markdown]
# ## Cheat sheet
#
# With the course's conventions: MSE data loss (1/n)Σ(ŷ − y)², λ the course's strength,
# η (lr) the learning rate, ρ the elastic-net mix, wd PyTorch's `weight_decay`. Biases are
# never penalized or decayed (`optim.decay_groups`).
#
# | method | formula | gradient / step | effect on the weights | when to use | library |
# |---|---|---|---|---|---|
# | **L2** (ridge) | + λ·Σw² | gradient 2λw; GD step multiplies w by (1 − 2ηλ); prox w/(1 + 2ηλ) | all shrink, big ones most; none exactly 0 (dense) | the default; many small effects; correlated features | `penalties.l2(λ)`, `linear.fit_linear(penalty="l2")`; sklearn `Ridge(alpha=n·λ)` |
# | **L1** (lasso) | + λ·Σ\|w\| | subgradient λ·sign(w) (jitters); prox soft-threshold sign(v)·max(\|v\| − ηλ, 0) | a few survivors, the rest exactly 0 (sparse); survivors shrunk by about λ/2 (standardised features) | few strong effects; feature selection | `penalties.l1(λ)`, `train.train(penalty_mode="prox")`; sklearn `Lasso(alpha=λ/2)` |
# | **elastic net** | + λ·(ρΣ\|w\| + (1 − ρ)Σw²) | λρ·sign(w) + 2λ(1 − ρ)w; prox soft-threshold at ηλρ, then ÷ (1 + 2ηλ(1 − ρ)) | sparse, but keeps correlated groups together | correlated groups; more features than samples; unsure | `penalties.elastic_net(λ, ρ)`; sklearn `ElasticNet(alpha=λ(1 − ρ/2), l1_ratio=ρ/(2 − ρ))` |
# | **weight decay** (SGD) | w ← w(1 − η·wd) − η∇loss | = L2 with **wd = 2λ** | exponential decay, half-life ≈ 0.693/(η·wd) steps; keep η·wd ≪ 1 (> 2 blows up) | plain SGD (identical to L2) | `optim.SGD(weight_decay=2λ)`, `conventions.weight_decay_from_lam`; `torch.optim.SGD` |
# | **Adam + L2** | + (wd/2)·Σw² in the loss | wd·w added to the gradient, then divided by √v̂ | busy weights barely decayed, quiet ones crushed | rarely: prefer AdamW | `optim.Adam(weight_decay=wd)`; `torch.optim.Adam` |
# | **AdamW** | w ← w(1 − lr·wd), then the Adam step | decay outside Adam's √v̂ | every weight shrinks by the same fraction per step | deep nets: start at wd ≈ 0.01 (up to 0.1) | `optim.AdamW(weight_decay=0.01)`; `torch.optim.AdamW` |
# | **dropout** | zero each hidden unit with probability p, scale survivors by 1/(1 − p) | (noise in the forward pass) | no unit can rely on another; an ensemble of thinned nets | wide networks; p ≈ 0.1–0.5 | `models.MLP(dropout=p)`; `torch.nn.Dropout(p)` |
# | **early stopping** | keep the best-validation weights; stop after `patience` evaluations without a new best | (a schedule) | limits how far the weights travel from their small start | almost always: it is cheap | `train.train(patience=P)` |
# | **augmentation** | train on label-preserving edits: noise, flips, crops | (new data each step) | more (fake) data; input noise ≈ a penalty on the slope | whenever the data allows | `train.jitter(σ)`, `train.noisy_copies(n, σ)` |

# %% [markdown]
# ## Where to go next
#
# - **Real sparsity speed-ups: pruning.** Scattered zeros only save time with structured or
#   hardware-aware sparsity. Han, Pool, Tran & Dally (2015), *Learning both Weights and
#   Connections for Efficient Neural Networks* ([arXiv:1506.02626](https://arxiv.org/abs/1506.02626)):
#   train, prune small weights, retrain. Frankle & Carbin (2019), *The Lottery Ticket
#   Hypothesis: Finding Sparse, Trainable Neural Networks*, ICLR
#   ([arXiv:1803.03635](https://arxiv.org/abs/1803.03635)).
# - **Label smoothing**, a regularizer on the targets instead of the weights: Szegedy,
#   Vanhoucke, Ioffe, Shlens & Wojna (2016), *Rethinking the Inception Architecture for
#   Computer Vision*, CVPR ([arXiv:1512.00567](https://arxiv.org/abs/1512.00567)).
# - **Dropout**: Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov (2014), *Dropout: A
#   Simple Way to Prevent Neural Networks from Overfitting*, JMLR 15:1929–1958
#   ([jmlr.org](https://jmlr.org/papers/v15/srivastava14a.html)).
# - **AdamW**: Loshchilov & Hutter, *Decoupled Weight Decay Regularization*, ICLR 2019
#   ([arXiv:1711.05101](https://arxiv.org/abs/1711.05101)).
# - **Weight decay with batch/weight normalization**: with a normalization layer after it, a
#   weight matrix's scale does not change the output, so L2 no longer limits the function; it
#   changes the effective learning rate instead. van Laarhoven (2017), *L2 Regularization
#   versus Batch and Weight Normalization* ([arXiv:1706.05350](https://arxiv.org/abs/1706.05350)).
# - **Early stopping**: Prechelt (1998), *Early Stopping — But When?*, in *Neural Networks:
#   Tricks of the Trade*, LNCS 1524, 55–69 ([doi:10.1007/3-540-49430-8_3](https://doi.org/10.1007/3-540-49430-8_3)).
# - **The classics**: ridge, Hoerl & Kennard (1970), *Ridge Regression: Biased Estimation for
#   Nonorthogonal Problems*, Technometrics 12:55–67
#   ([doi:10.1080/00401706.1970.10488634](https://doi.org/10.1080/00401706.1970.10488634));
#   lasso, Tibshirani (1996), *Regression Shrinkage and Selection via the Lasso*, JRSS B
#   58:267–288 ([doi:10.1111/j.2517-6161.1996.tb02080.x](https://doi.org/10.1111/j.2517-6161.1996.tb02080.x));
#   elastic net, Zou & Hastie (2005), *Regularization and Variable Selection via the Elastic
#   Net*, JRSS B 67:301–320 ([doi:10.1111/j.1467-9868.2005.00503.x](https://doi.org/10.1111/j.1467-9868.2005.00503.x)).

# %% [markdown]
# ## Final quiz
#
# ### Exercise 1 · Which penalty never gives exact zeros?
# Of `"l2"`, `"l1"` and `"elastic_net"` (with ρ = 0.5), which one leaves every weight
# non-zero at every λ (except by coincidence)? Put its name, as a string, in `answer_penalty`.
# The panel above lets you check.

# %%
answer_penalty = ...   # "l2", "l1" or "elastic_net"

# %%
_ = exercises.check_value(answer_penalty.strip().lower() if isinstance(answer_penalty, str)
                          else answer_penalty, "l2", name="Exercise 1",
                          hint="which penalty's pull fades as the weight shrinks? Its step is "
                               "a multiplication, v·(1 − 2ηλ), and a product is 0 only if v is.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer_penalty = "l2"`. The L2 pull 2λw fades as w shrinks, and its exact minimiser only
# scales the data's wishes down (ridge: (XᵀX + nλI)w = Xᵀy), so a weight is 0 only if the
# data's push on it is exactly 0. L1 and elastic net (any ρ > 0) have a dead zone
# |∂MSE/∂w| ≤ λρ at w = 0, so weights the data pushes only weakly stay exactly 0: at
# λ = 0.01 above, L1 had 6 and elastic net 3 exact zeros, L2 none.
# </details>

# %% [markdown]
# ### Exercise 2 · The factor of 2
# A colleague trains with `torch.optim.SGD` and wants exactly the course's L2 penalty with
# λ = 0.005. What `weight_decay` should they pass?

# %%
answer_weight_decay = ...   # a number

# %%
_ = exercises.check_value(answer_weight_decay, conventions.weight_decay_from_lam(0.005),
                          name="Exercise 2",
                          hint="SGD adds weight_decay·w to the gradient; the course's λ·Σw² "
                               "adds 2λw.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer_weight_decay = 2 * 0.005 = 0.01` (`conventions.weight_decay_from_lam(0.005)`). The
# gradient of λ·Σw² is 2λw and SGD adds weight_decay·w, so weight_decay = 2λ. By chance 0.01
# is also AdamW's default, but for AdamW there is no single course λ (notebook 7): its decay is
# lr·wd per step, outside Adam's scaling.
# </details>

# %% [markdown]
# ### Exercise 3 · The same model in scikit-learn
# The overfit polynomial has n = 12 training points. Which `alpha` makes scikit-learn's
# `Ridge` fit exactly the course's L2 model with λ = 0.005? And which `alpha` makes `Lasso`
# fit the course's L1 model with the same λ? Work them out from the
# [conventions table](00_start_here.ipynb#conventions), not with `linear.sklearn_alpha`.

# %%
ridge_alpha = ...   # Ridge(alpha=?)
lasso_alpha = ...   # Lasso(alpha=?)

# %%
_ = exercises.check_value(ridge_alpha, linear.sklearn_alpha("l2", 0.005, n_samples=12)["alpha"],
                          name="Exercise 3a",
                          hint="Ridge sums the squared errors instead of averaging them: "
                               "multiply the course objective by n.")
_ = exercises.check_value(lasso_alpha, linear.sklearn_alpha("l1", 0.005, n_samples=12)["alpha"],
                          name="Exercise 3b",
                          hint="Lasso's data term is (1/2n)·Σ(ŷ − y)²: half the course's MSE.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# - `Ridge` minimises Σ(ŷ − y)² + α·Σw², which is n × (MSE + λ·Σw²) when **α = n·λ** =
#   12 · 0.005 = **0.06**.
# - `Lasso` minimises (1/2n)·Σ(ŷ − y)² + α·Σ|w|, which is ½ × (MSE + λ·Σ|w|) when
#   **α = λ/2 = 0.0025**.
#
# Multiplying an objective by a positive constant does not move its minimiser, so the
# weights are identical (the checked cell in section 4 compares them).
# </details>

# %% [markdown]
# ## Summary
#
# 1. **Big weights make a nervous function**: the unpenalized degree-15 fit has weights up to
#    13 and a validation MSE of 81 (notebook 1).
# 2. **Objective = loss(data) + λ·penalty(w)**; choose λ at the bottom of the validation
#    U-curve (here L2's λ = 0.01 brings the validation MSE to 0.116), never by training loss
#    (notebook 2).
# 3. **L2** adds 2λw: a pull proportional to size, a factor (1 − 2ηλ) per step; everything
#    shrinks, nothing is exactly 0 (notebook 3).
# 4. **L1** adds λ·sign(w): a constant tug; its prox step, soft-thresholding, gives **exact
#    zeros** (notebook 4).
# 5. **Fingerprints**: dense (L2: 0 of 15 zeros) vs sparse (L1 at its best λ: 9 of 15);
#    elastic net in between; count with `w == 0` (notebook 5).
# 6. **Diamond vs circle**: the L1 ball's corners sit on the axes, so the contours touch it
#    where a weight is exactly 0 (notebook 9).
# 7. **Weight decay**: w ← w(1 − η·wd) − η∇loss with **wd = 2λ**; SGD with wd = 2λ takes
#    exactly the course's L2 steps (notebook 6).
# 8. **AdamW** decays outside Adam's scaling: Adam + L2 left the busy weights at 99.5 % and
#    101 % of their unregularized value, AdamW shrank every group (notebook 7).
# 9. **The family**: dropout, early stopping and augmentation regularize from other angles;
#    alone, each cut the test MSE here from 0.36 to 0.19–0.21 (notebook 8).
# 10. **Sensible defaults**: AdamW with wd ≈ 0.01 (up to 0.1), early stopping, augmentation;
#     then tune wd on a log scale by validation, remembering that its strength grows with
#     lr × steps (notebook 10).
#
# The [conventions table](00_start_here.ipynb#conventions) translates every λ here into
# PyTorch, Keras, optax and scikit-learn.
#
# Back to the start: [0 · Start here](00_start_here.ipynb).
