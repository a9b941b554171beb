# %% [markdown]
# # 5 · Fingerprints: dense vs sparse
#
# **Learning goals**
# - recognize the two fingerprints, each penalty at the λ its validation error picks;
# - count exact zeros the right way (`w == 0`, not "it prints as 0.00");
# - use the **elastic net** as a dial between the two;
# - see the same fingerprints in a neural network that classifies.
#
# > **The fingerprints: dense vs sparse.** L2 leaves many small weights; L1 leaves few
# > surviving weights with the rest dead at zero. Same goal, very different-looking solutions.
#
# Every linear fit below is an **exact** solution of the course's MSE + λ·penalty(w)
# (intercept unpenalized; [conventions](12_conventions.ipynb#conventions)): what you see is
# the penalty's doing, not an optimizer's.
#
# *Time: about 39 minutes (reading, dragging the sliders, exercises).*
#
# *Express path: sections 1, 2 and 3, about 9 minutes.*

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, models, plots, widgets

# %% [markdown]
# ## 1 · The overfit curve
# <!-- express -->
#
# Notebook 3's data: 12 noisy points from sin(πx) + 0.3x, a polynomial of degree 15
# (Legendre features P₁ … P₁₅ plus an intercept), and 200 validation points. With no
# penalty the model passes through every training point.

# %%
DEGREE = 15
prob = data.overfit_set()                       # 12 training points, 200 validation points
X, X_val, X_grid = prob.features(DEGREE)        # Legendre features P1 … P15


def val_mse(w, b):
    """Validation MSE of the polynomial with weights w and intercept b."""
    return float(np.mean((X_val @ w + b - prob.y_val) ** 2))


w_ols, b_ols = linear.fit_linear(X, prob.y, penalty="l2", lam=0.0)   # λ = 0: least squares
# (16 unknowns, 12 points: of the fits through every point, fit_linear (lstsq inside) returns the least Σw²)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=4.4, height=3.3)
plots.fit_plot(ax_fit, prob.x, prob.y, prob.x_grid, X_grid @ w_ols + b_ols,
               truth=data.true_curve(prob.x_grid), label="λ = 0 (no penalty)",
               color=plots.COLORS["black"])
ax_fit.set_title(f"overfit: validation MSE {val_mse(w_ols, b_ols):.1f}", fontsize=10)
ax_fit.get_legend().remove()            # below the axes instead: inside, it hid the swings
fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower center", ncol=3,
           frameon=False, fontsize=9)
plots.weight_bars(ax_w, w_ols, color=plots.COLORS["grey"])
ax_w.set(xticks=range(1, DEGREE + 1, 2), xlabel="weight index (Legendre degree)")
ax_w.set_title(f"its 15 weights: largest |w| = {np.abs(w_ols).max():.1f}", fontsize=10)
plots.show(fig, alt=f"Left: {prob.x.size} training points and the degree-15 fit with no penalty, "
                    f"which passes through every point and swings far outside the plot between "
                    f"them: validation MSE {val_mse(w_ols, b_ols):.1f}. Right: its 15 weights, of "
                    f"both signs, the largest {np.abs(w_ols).max():.1f} in size.")

# %% [markdown]
# Weights of size up to 13, of opposite signs, cancel at the training points and swing the
# curve far outside the plot between them.

# %% [markdown]
# ## 2 · L2 and L1 on the same curve
# <!-- express -->
#
# The same number λ is not the same strength for λ·Σw² and λ·Σ|w| (for weights below 1,
# w² is smaller than |w|, much smaller near 0). So each penalty gets its **own best λ**:
# both are solved exactly on 25 values λ = 10⁻³ … 10⁰, and each keeps the λ with the lowest
# validation MSE.

# %%
LAMS_CURVE = 10 ** np.arange(-3, 0 + 0.0625, 0.125)   # 25 values, 8 per decade
curve_fits = {}                                       # penalty -> (weights, intercepts, val MSE)
for name in ("l2", "l1"):
    W, B = linear.regularization_path(X, prob.y, LAMS_CURVE, penalty=name)
    curve_fits[name] = W, B, np.array([val_mse(w, b) for w, b in zip(W, B)])
best = {name: int(np.argmin(fits[2])) for name, fits in curve_fits.items()}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"{'':4s} {'chosen λ':>9s} {'val MSE':>8s} {'exact zeros':>12s} {'Σw²':>7s} {'max |w|':>8s}")
print(f"{'λ=0':4s} {0:9.4f} {val_mse(w_ols, b_ols):8.4f} {np.sum(w_ols == 0):>9d}/15 "
      f"{np.sum(w_ols**2):7.2f} {np.abs(w_ols).max():8.3f}")
for name in ("l2", "l1"):
    W, B, v = curve_fits[name]
    k = best[name]
    print(f"{name.upper():4s} {LAMS_CURVE[k]:9.4f} {v[k]:8.4f} {np.sum(W[k] == 0):>9d}/15 "
          f"{np.sum(W[k] ** 2):7.2f} {np.abs(W[k]).max():8.3f}")
# the true curve written in the same Legendre features (a least-squares fit on a fine grid)
t = np.linspace(-1, 1, 2001)
w_curve = np.polynomial.legendre.legfit(t, data.true_curve(t), DEGREE)[1:]
W2, W1 = (curve_fits[name][0][best[name]] for name in ("l2", "l1"))
print("\ndegree       " + "".join(f"{d:>8d}" for d in range(1, DEGREE + 1)))
for label, w in (("true curve", w_curve), ("L2", W2), ("L1", W1)):
    print(f"{label:12s} " + "".join(f"{v + 0.0:8.3f}" for v in w))

# %% [markdown]
# Both penalties bring the validation MSE down from 81 to about 0.1 (L2 0.116, L1 0.067).
# The row "true curve" writes sin(πx) + 0.3x in the same features: essentially degrees 1,
# 3 and 5, plus a tiny degree 7 (−0.017). Below, the fits and the three sets of weights
# (hollow circles: L1's exact zeros).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, axes = plots.new_figure(ncols=2, nrows=2, width=4.4, height=3.0)
for ax, (name, color, label) in zip(axes[0], (("l2", plots.L2C, "L2"), ("l1", plots.L1C, "L1"))):
    W, B, v = curve_fits[name]
    k = best[name]
    plots.fit_plot(ax, prob.x, prob.y, prob.x_grid, X_grid @ W[k] + B[k],
                   truth=data.true_curve(prob.x_grid), label=f"{label}, λ = {LAMS_CURVE[k]:.3g}",
                   color=color)
    ax.legend(loc="lower right", fontsize=9)
    ax.set_title(f"{label} fit: validation MSE {v[k]:.3f}", fontsize=10)
for ax in axes[1]:
    ax.remove()
ax_w = fig.add_subplot(axes[1, 0].get_gridspec()[1, :])
plots.paired_bars(ax_w, {"true curve": w_curve, "L2": W2, "L1": W1},
                  colors=(plots.COLORS["grey"], plots.L2C, plots.L1C), ylim=(-1.6, 1.6))
dead = np.flatnonzero(W1 == 0) + 1
ax_w.plot(dead + 0.27, np.zeros(dead.size), "o", mfc="white", mec=plots.L1C, ms=6, mew=1.5)
ax_w.set(xticks=range(1, DEGREE + 1), xlabel="weight index (Legendre degree)")
ax_w.set_title(f"L2: all 15 weights non-zero; L1: {dead.size} of 15 exactly 0 (hollow circles)",
               fontsize=10, pad=22)
plots.show(fig, alt=f"Top: the L2 fit (λ = {LAMS_CURVE[best['l2']]:.3g}, validation MSE "
                    f"{curve_fits['l2'][2][best['l2']]:.3f}) and the L1 fit (λ = "
                    f"{LAMS_CURVE[best['l1']]:.3g}, validation MSE {curve_fits['l1'][2][best['l1']]:.3f}) "
                    f"both follow the true curve. Bottom: the 15 weights of the true curve, L2 and "
                    f"L1 side by side. The true curve uses degrees 1, 3 and 5; L2 keeps all 15 "
                    f"weights non-zero, from {W2.min():.2f} to {W2.max():.2f}; L1 sets {dead.size} "
                    f"of 15 exactly to 0 and keeps degrees {', '.join(str(d) for d in np.flatnonzero(W1) + 1)}.")

# %% [markdown]
# Two curves that look alike, two very different sets of weights:
#
# - **L2 shrinks everything.** All 15 weights are smaller than at λ = 0 (the largest 1.26,
#   was 13), and all survive: the ones the true curve does not use (degrees 2, 4, 6, 8 to
#   15) range from −0.55 (degree 9) to 0.24 (degree 11), none of them 0.
# - **L1 switches most of them off.** Nine of the fifteen are **exactly** 0. It kept the
#   three large true terms (degrees 1, 3, 5), and three that fit noise: degree 2 (−0.012),
#   degree 15 (0.187), and degree 7 at **+0.121**, where the true weight is −0.017.
#
# <details><summary>Go deeper: why exact zeros for L1 and none for L2</summary>
#
# At the minimum of the objective the penalty's pull balances the data's push on every
# weight. L2's pull 2λw fades as w shrinks, so any non-zero push from the data, however
# small, holds a small non-zero weight in place. L1's pull λ·sign(w) stays λ all the way
# down, and at w = 0 its subgradient can take any value in [−λ, λ]: a weight whose data
# push |∂MSE/∂w_j| is at most λ there simply stays at 0
# ([notebook 3](03_l2.ipynb), [notebook 4](04_l1_sparsity.ipynb)).
#
# </details>

# %% [markdown]
# ## 3 · The fingerprint in a histogram
# <!-- express -->
#
# With many weights, look at their **histogram**: its shape is the fingerprint. A larger
# problem: 100 features of which 10 matter (`data.sparse_linear`, true coefficients of size
# 1 to 3, the other 90 exactly 0), 200 training and 200 validation samples, each penalty
# at its best λ on the grid λ = 10⁻² … 10¹.

# %%
X_all, y_all, w_true = data.sparse_linear(n_samples=400, n_features=100, n_informative=10,
                                          noise=0.5, seed=0)
Xs, ys, Xs_val, ys_val = data.split(X_all, y_all, (0.5, 0.5), seed=0)
informative = w_true != 0
LAMS = 10 ** np.arange(-2, 1 + 0.0625, 0.125)      # section 4 solves its paths on it too


def path_val_mse(W, B):
    """Validation MSE of every row (one fit per λ) of a regularization path."""
    return np.mean((Xs_val @ W.T + B - ys_val[:, None]) ** 2, axis=0)


big = {}                                         # penalty -> (weights, chosen λ, val MSE)
for name in ("l2", "l1"):
    W, B = linear.regularization_path(Xs, ys, LAMS, penalty=name)
    v = path_val_mse(W, B)
    k = int(np.argmin(v))
    big[name] = W[k], LAMS[k], v[k]

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"true weights: {np.sum(~informative)}/100 exactly 0, Σw² = {np.sum(w_true**2):.2f}")
for name, (w, lam, v) in big.items():
    print(f"{name.upper()}: λ = {lam:.4f}  val MSE {v:.4f}  exact zeros {np.sum(w == 0):3d}/100  "
          f"Σw² = {np.sum(w**2):6.2f}  |w| < 0.05 but not 0: "
          f"{np.sum((w != 0) & (np.abs(w) < 0.05)):2d}\n"
          f"    informative kept {np.sum((w != 0) & informative)}/10  "
          f"noise features kept {np.sum((w != 0) & ~informative)}/90")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
BINS = np.linspace(-0.2, 0.2, 21)                # bin width 0.02, an edge at 0


def fingerprint(ax, w, color, bins=BINS):
    """Histogram of the non-zero weights on a log count axis, plus a black spike of exact zeros.

    Returns the histogram and the spike, for a legend.
    """
    zeros = int(np.sum(w == 0))
    beyond = int(np.sum(np.abs(w) > bins[-1]))
    hist = ax.stairs(np.histogram(w[w != 0], bins)[0], bins, fill=True, color=color, alpha=0.85,
                     baseline=0.5, label="non-zero weights")
    spike = ax.bar([0.0], [zeros - 0.5], bottom=0.5, width=0.4 * (bins[1] - bins[0]),
                   color=plots.COLORS["black"], label="exactly 0", zorder=3)
    ax.text(0.02, 0.97, f"exact zeros: {zeros}\nnon-zero: {w.size - zeros}\n"
            f"({beyond} beyond ±{bins[-1]:g})", transform=ax.transAxes, ha="left", va="top",
            fontsize=9, zorder=4, bbox=dict(fc="white", ec="none", alpha=0.8))
    ax.set(xlim=(bins[0], bins[-1]), yscale="log", ylim=(0.5, 300), xlabel="weight value",
           ylabel="number of weights (log scale)", xticks=np.linspace(bins[0], bins[-1], 5),
           yticks=[1, 10, 100], yticklabels=["1", "10", "100"])
    return hist, spike


fig, axes = plots.new_figure(ncols=2, width=4.6, height=3.3)
for ax, name, color in ((axes[0], "l2", plots.L2C), (axes[1], "l1", plots.L1C)):
    w, lam, v = big[name]
    fingerprint(ax, w, color)
    ax.legend(loc="upper right", fontsize=9)
    ax.set_title(f"{name.upper()} (λ = {lam:.3g}): the 100 weights", fontsize=10)
plots.show(fig, alt="Histograms of the 100 weights at each penalty's best λ, count on a log "
                    "scale. " + " ".join(
                        f"{name.upper()} (λ = {lam:.3g}): {np.sum(w == 0)} exact zeros and "
                        f"{np.sum(w != 0)} non-zero weights, {np.sum((w != 0) & (np.abs(w) < 0.05))} "
                        f"of them smaller than 0.05 in size." for name, (w, lam, _) in big.items()))

# %% [markdown]
# (The count axis is logarithmic, so a spike of 74 and a bin of 1 fit on one plot.)
#
# - **L2: a bell of small non-zero values.** The 90 features that do not matter get weights
#   scattered around 0 (64 weights below 0.05 in size), not one exactly 0.
# - **L1: a spike of exact zeros plus a few survivors.** 74 weights are exactly 0; the 10
#   informative features survive, and 16 noise features keep small weights (at most 0.043).
#
# Σw² is about the same (41.0 and 40.5; the truth's 42.1), carried by the ten big weights.
# Only L1 gets the validation MSE near the noise floor 0.5² = 0.25 (0.29 against L2's
# 0.49): when the truth is sparse, the sparse fingerprint fits it.
#
# <details><summary>Go deeper: count zeros with <code>w == 0</code></summary>
#
# `np.sum(w == 0)` counts exact zeros. `-0.0` counts (IEEE floating point has a negative
# zero, `-0.0 == 0.0` is `True`, and soft-thresholding a negative weight produces one);
# `1e-12` does not. A weight that prints as `0.00` may be an L2 weight of 0.003: only exact
# zeros mean "this feature is switched off".
#
# </details>

# %% [markdown]
# ## 4 · Elastic net: a dial between the two
#
# The **elastic net** adds both penalties, mixed by a ratio ρ between 0 and 1:
#
# $$\text{MSE} \;+\; λ\Big(ρ\sum_j |w_j| \;+\; (1-ρ)\sum_j w_j^2\Big)$$
#
# ρ = 0 is the L2 model, ρ = 1 the L1 model. The L1 part gives a constant tug λρ, so any
# ρ > 0 produces exact zeros once λ is large enough.
#
# **Notation:** λ and ρ are the course's. scikit-learn's `ElasticNet(alpha, l1_ratio)` is
# the same model with alpha = λ(1 − ρ/2) and l1_ratio = ρ/(2 − ρ) (`linear.sklearn_alpha`).
#
# <details><summary>Go deeper: its gradient, λ_max, and scikit-learn</summary>
#
# The (sub)gradient is λ·(ρ·sign(w) + 2(1 − ρ)·w): a constant tug λρ *plus* a pull
# proportional to size. A weight can sit at exactly 0 when the data's push on it is at most
# λρ, so every weight is 0 from λ_max(L1)/ρ on, where λ_max(L1), the largest data push
# |∂MSE/∂w_j| at w = 0, is the smallest λ at which L1 alone zeroes every weight
# (`linear.lam_max(X, y, "elastic_net", l1_ratio=ρ)`). The L2 part keeps the solution unique and stable when features are
# strongly correlated, where lasso alone tends to keep one of a group, and which one can
# change with a small change in the data ([notebook 9](09_classic_ml.ipynb)). In code:
# `penalties.elastic_net(lam, l1_ratio=ρ)`, `linear.fit_linear(..., penalty="elastic_net",
# l1_ratio=ρ)`. The checked cell after the panel shows what passing ρ straight into
# scikit-learn's `l1_ratio` does.
#
# </details>
#
# **The panel.** Drag ρ from 0 to 1 and watch the bell turn into the spike; drag λ to see
# how strong each mix must be to produce zeros. Left: the 100 weights (black dashes: the 10
# true coefficients); right: their histogram. λ moves in half-decades (0.01, 0.0316, … 10).

# %%
from lessons_lib import runs_sparse  # the course's precomputed runs, as in notebook 4

mix = runs_sparse.elastic_net_mix()        # exact fits at every ρ and every λ of LAMS
RHOS = mix.rhos                            # the ρ slider's grid: 0, 0.25, …, 1
paths = [(mix.W[k], mix.val[k]) for k in range(len(RHOS))]   # RHOS[k] → (weights, val MSE)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
RHO0, LAM0 = 0.5, 10 ** -1.5     # the default: ρ = 0.5 at its best λ on the slider (0.0316)
W_MAX = 3.2                      # the weights' fixed y-range
idx = np.arange(1, 101)
fig, (ax_w, ax_h) = plots.new_figure(ncols=2, width=4.6, height=3.6)

# %%
# from hidden cells: fingerprint (section 3's histogram), the axes ax_w, ax_h, W_MAX, idx = 1…100
def show_mix(rho, lam):
    W, v = paths[rho.index]                         # ρ's position on its slider
    i = mix.row(lam)             # the slider's λ (half-decades) → its row of LAMS (8 a decade)
    w = W[i]
    ax_w.vlines(idx, 0, np.clip(w, -W_MAX, W_MAX), color=plots.ENC, lw=2.5)   # one stem per weight
    ax_w.axhline(0, color=plots.COLORS["black"], lw=0.8)
    (truth,) = ax_w.plot(idx[informative], w_true[informative], "_", ms=9, mew=2,
                         color=plots.COLORS["black"], label="true coefficient")
    ax_w.set(xlabel="feature index", ylabel="weight value", ylim=(-W_MAX, W_MAX),
             title=f"ρ = {rho:g}, λ = {lam:.3g}: {np.sum(w == 0)}/100 exactly 0\n"
                   f"validation MSE = {v[i]:.3f}")
    hist, spike = fingerprint(ax_h, w, plots.ENC)
    ax_h.set_title(f"their histogram\nΣw² = {np.sum(w**2):.1f}")
    fig.legend(handles=[truth, hist, spike], loc="outside lower center", ncol=3, frameon=False)
    return (f"ρ = {rho:.2f}, λ = {lam:.3g}: {np.sum(w == 0)} of 100 weights exactly 0, "
            f"validation MSE {v[i]:.3f}, Σw² = {np.sum(w**2):.1f}")


widgets.live(fig, show_mix, title="elastic net: from dense to sparse",
             rho=widgets.slider("ρ (L1 share)", RHOS, RHO0, fmt=".2f"),
             lam=widgets.slider("λ", mix.grid, LAM0))

# %% [markdown]
# The exact zeros against λ on the finer λ grid, for every ρ but 0.25 (exercise 5.1's):

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, ax = plots.new_figure(width=5.6, height=3.2)
SHOWN = [k for k, rho in enumerate(RHOS) if rho != 0.25]     # ρ = 0.25: exercise 5.1
for k, color in zip(SHOWN, (plots.L2C, plots.ENC, plots.COLORS["orange"], plots.L1C)):
    ax.plot(LAMS, np.sum(paths[k][0] == 0, axis=1), color=color, lw=2, label=f"ρ = {RHOS[k]:g}")
ax.set(xscale="log", xlim=(LAMS[0], LAMS[-1]), ylim=(-3, 103), xlabel="λ (log scale)",
       ylabel="exact zeros (of 100)", title="how strong each mix must be to produce zeros")
ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=9)
plots.show(fig, alt="Exact zeros among the 100 weights against λ from 0.01 to 10 (log scale), one "
                    "line per mix ρ, leaving out ρ = 0.25. Pure L2, ρ = 0, at any λ: "
                    f"{np.sum(paths[0][0] == 0, axis=1).max()} zeros. "
                    "Every ρ > 0 makes zeros, and more L1 makes them at a smaller λ; at "
                    "λ = 0.1: " + ", ".join(f"{np.sum(W[np.argmin(np.abs(LAMS - 0.1))] == 0)} for "
                                           f"ρ = {RHOS[k]:g}" for k, (W, _) in
                                           ((k, paths[k]) for k in SHOWN)) + ".")

# %% [markdown]
# Every ρ > 0 reaches zeros, the smaller ρ the larger the λ it needs (at λ = 0.1: 45 zeros
# for ρ = 0.5, 67 for ρ = 0.75); pure L2 (ρ = 0) never does. In the panel, try ρ = 1 at
# λ = 10: past λ_max (6.08, printed below), the smallest λ that zeroes every weight,
# the model predicts the mean of y.
#
# <details><summary>Go deeper: more to try in the panel</summary>
#
# - **ρ = 0** (pure L2): large λ squeezes all 100 weights towards 0 into a narrow bell, but
#   the spike never appears.
# - **ρ = 0.25** at λ = 10: most weights are 0, yet the survivors are shrunk hard by the L2
#   part; compare them with the black dashes.
# - **ρ = 0.5 to 1** at their best λ (the default λ = 0.0316 is ρ = 0.5's best on the
#   slider; ρ = 0.75 and ρ = 1 do best at λ = 0.1): the spike grows with ρ; compare the
#   validation MSE in the left title as you go.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
W_en, v_en = paths[RHOS.index(RHO0)]   # on the finer λ grid of section 3
i_en = int(np.argmin(v_en))
lam_en = float(LAMS[i_en])
best_three = {**big, "elastic_net": (W_en[i_en], lam_en, v_en[i_en])}
print(f"{'penalty':17s} {'chosen λ':>8s} {'val MSE':>8s} {'exact zeros':>11s} {'Σw²':>7s}")
for name, (w, lam, v) in best_three.items():
    label = name + (f" ρ={RHO0}" if name == "elastic_net" else "")
    print(f"{label:17s} {lam:8.4f} {v:8.4f} {np.sum(w == 0):8d}/100 {np.sum(w**2):7.2f}")
print(f"λ_max: L1 {linear.lam_max(Xs, ys, 'l1'):.4f}, elastic net ρ={RHO0} "
      f"{linear.lam_max(Xs, ys, 'elastic_net', l1_ratio=RHO0):.4f}  (= L1's / ρ)")

kw = linear.sklearn_alpha("elastic_net", lam_en, len(ys), l1_ratio=RHO0)
print(f"\nthe same model in scikit-learn: ElasticNet(alpha={kw['alpha']:.4f}, "
      f"l1_ratio={kw['l1_ratio']:.4f})")
# linear.course_lam: scikit-learn's (alpha, l1_ratio) → the course's (λ, ρ), sklearn_alpha backwards
naive = linear.course_lam("elastic_net", alpha=lam_en, n_samples=len(ys), l1_ratio=RHO0)
w_naive, _ = linear.fit_linear(Xs, ys, penalty="elastic_net", **naive)
print(f"naive ElasticNet(alpha={lam_en:.4f}, l1_ratio={RHO0}) fits the course model "
      f"λ = {naive['lam']:.4f}, ρ = {naive['l1_ratio']:.4f}:")
print(f"  exact zeros {np.sum(w_naive == 0)}/100 (instead of {np.sum(W_en[i_en] == 0)}), "
      f"Σw² = {np.sum(w_naive**2):.2f}")

# %% [markdown]
# At its best λ the elastic net with ρ = 0.5 lands in between: more zeros than L2, fewer
# than L1, a validation error between the two. Passing ρ straight into scikit-learn's
# `l1_ratio` (and λ as `alpha`) silently fits a stronger, more L1-heavy model, with far
# more zeros.

# %% [markdown]
# ## 5 · The same fingerprints in a classifier
#
# A small network (2 inputs, two hidden layers of 50 tanh units, 2 outputs, softmax
# cross-entropy) learns to separate two interleaving moons from 100 noisy points; 200 more
# validate it. 1000 full-batch gradient steps (η = 1) from the same start: no penalty,
# λ·Σw² (L2), and λ·Σ|w| (L1, by proximal steps as in [notebook 4](04_l1_sparsity.ipynb),
# so its zeros are exact), each penalty at three λ (`runs_nets.two_moons_nets`).

# %%
from lessons_lib import runs_nets

moons = runs_nets.two_moons_nets()     # moons.nets: "none" (1 network), "l2", "l1" (1 per λ)
Xm_tr, ym_tr, Xm_val, ym_val = moons.X_train, moons.y_train, moons.X_val, moons.y_val

# %% jupyter={"source_hidden": true} tags=["hide-input"]
gx, gy = np.meshgrid(np.linspace(-1.6, 2.6, 120), np.linspace(-1.3, 1.8, 90))
GRID = np.column_stack([gx.ravel(), gy.ravel()])
MOON_BINS = np.linspace(-3, 3, 25)               # bin width 0.25, an edge at 0
CLASS_COLORS = np.array([plots.COLORS["sky"], plots.COLORS["orange"]])
PEN_COLORS = {"none": plots.COLORS["grey"], "l2": plots.L2C, "l1": plots.L1C}
fig, (ax_b, ax_h) = plots.new_figure(ncols=2, width=4.4, height=3.4)


def accuracy(m, k, X, y):
    """Share of points that copy k of the trained networks m classifies correctly."""
    return float(np.mean(m.predict_class(X)[k] == y))


# %%
# from the hidden cell above: accuracy, the plane's points GRID (gx, gy), CLASS_COLORS, MOON_BINS
def show_moons(penalty, lam):
    m = moons.nets[penalty]
    k = 0 if penalty == "none" else lam.index       # which trained copy ("none" has one)
    logits = m.predict(GRID)[k]
    margin = (logits[:, 1] - logits[:, 0]).reshape(gx.shape)   # > 0: class 1
    ax_b.contourf(gx, gy, margin, levels=[-1e9, 0, 1e9], colors=CLASS_COLORS, alpha=0.35)
    ax_b.contour(gx, gy, margin, levels=[0], colors="black", linewidths=1)
    ax_b.scatter(*Xm_tr.T, c=CLASS_COLORS[ym_tr], edgecolors="black", s=18)
    name = ("no penalty (the λ slider has no effect)" if penalty == "none"
            else f"{penalty.upper()}, λ = {lam:.3g}")
    scores = (f"training {accuracy(m, k, Xm_tr, ym_tr):.1%}, "
              f"validation {accuracy(m, k, Xm_val, ym_val):.1%} correct")
    ax_b.set(xlabel="x₁", ylabel="x₂", title=f"{name}\n{scores}")
    fingerprint(ax_h, m.fc1_weight[k].ravel(), PEN_COLORS[penalty], bins=MOON_BINS)
    ax_h.set_title("its 100 first-layer weights")
    zeros = np.sum(m.fc1_weight[k] == 0)
    said = "none, no penalty (the λ slider has no effect)" if penalty == "none" else name
    return f"{said}: {scores}; {zeros} of 100 first-layer weights exactly 0"


widgets.live(fig, show_moons, title="two moons: three fingerprints",
             penalty=widgets.choice("penalty", [("none", "none"), ("L2", "l2"), ("L1", "l1")], "l1"),
             lam=widgets.slider("λ", moons.grid, 0.001, fmt=".3g"))

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"{'':12s} {'train':>7s} {'val':>7s} {'exact zeros':>12s} {'std of W1':>10s}")
for p, k, label in [("none", 0, "none")] + [(p, k, f"{p.upper()} {lam:.4f}") for p in ("l2", "l1")
                                             for k, lam in enumerate(moons.grid)]:
    m = moons.nets[p]
    w1 = m.fc1_weight[k].ravel()
    print(f"{label:12s} {accuracy(m, k, Xm_tr, ym_tr):7.1%} "
          f"{accuracy(m, k, Xm_val, ym_val):7.1%} {np.sum(w1 == 0):8d}/100 {w1.std():10.3f}")

# %% [markdown]
# The panel opens on L1 at λ = 0.001; switch between the three penalties there (with
# "none" the λ slider has nothing to change):
#
# - **none**: a boundary with wiggles and an island around a single point, first-layer
#   weights spread widely (standard deviation 0.94);
# - **L2**: a smooth boundary and a **narrow bell** of weights (standard deviation 0.40),
#   none of them 0;
# - **L1**: a similar boundary from a **spike**: 63 of the 100 weights are exactly 0.
#
# Validation accuracy is about the same (91.5% none, 92.0% L2, 91.5% L1): on this easy
# problem the penalty changes what the network looks like more than how well it
# classifies. At λ = 0.01 both penalties are too strong: the boundary is almost a straight
# line, validation accuracy 85.0% (L2) and 85.5% (L1).

# %% [markdown]
# ## Exercises
#
# ### Exercise 5.1 · An experiment on the elastic-net panel
#
# Set ρ = 0.25 on the panel of section 4 and step λ up from 0.01. At which λ of the slider
# are **at least half** of the 100 weights (50 or more) exactly 0 for the first time?
# Compare with ρ = 1, L1 alone, at the same λ.

# %%
your_answer = ...  # the λ you read off the slider

_ = exercises.check("5.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ ≈ 3.16: the left title reads 63/100 exactly 0 there, and 41/100 one step earlier at
# λ = 1. ρ = 1, L1 alone, has 94 zeros at the same λ = 3.16, and passes 50 much earlier:
# 74 zeros already at λ = 0.1. A tug of λρ = λ/4 alone would predict 4 times L1's λ; on
# the finer grid `LAMS` (printed below), 50 zeros first appear at λ = 2.37 for ρ = 0.25
# against 0.0562 for ρ = 1, 42 times. The L2 part, λ(1 − ρ)·Σw², makes up the rest: at
# λ = 2.37 it shrinks the ten informative weights to about 30 % of their true size, the
# signal they no longer fit stays in the residual, and its chance correlation with the
# noise features pushes on them about 10 times harder (median |∂MSE/∂wⱼ| 0.430, against
# 0.044 for L1 at λ = 0.0562), so the tug λρ must be about 10 times larger too.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
# Exercise 5.1's solution in numbers: at the first λ of LAMS with 50 zeros, the exact fit
# (fit_linear, as the panel's path), its informative weights' share of their true size, and
# the data's push |∂MSE/∂wⱼ| on the 90 noise features (the model's gradient at that fit)
line = models.LinearRegression(Xs.shape[1])
first50 = {}
for rho in (0.25, 1.0):
    zeros = np.sum(paths[RHOS.index(rho)][0] == 0, axis=1)
    first50[rho] = lam = LAMS[np.argmax(zeros >= 50)]
    w, b = linear.fit_linear(Xs, ys, penalty="elastic_net", lam=lam, l1_ratio=rho)
    line.set_params([w, b])
    push = np.abs(line.loss_and_grads(Xs, ys)[1][0][~informative])
    print(f"ρ = {rho:4}: 50 zeros first at λ = {lam:.4g} ({np.sum(w == 0)} zeros); informative "
          f"weights at {np.median(w[informative] / w_true[informative]):.0%} of their true size "
          f"(median); median push on the noise features {np.median(push):.3f}")
print(f"ratio of the two λ: {first50[0.25] / first50[1.0]:.1f}")

# %% [markdown]
# ### Exercise 5.2 · Which fingerprint?
#
# `P` and `Q` are the weights of two exact fits to the same 10-feature problem, one with L2
# and one with L1, both at λ = 0.02 (rounded to 4 decimals, which keeps exact zeros exact).
# Printed with 2 decimals they look alike. Which one came from **L1**? Set
# `your_answer = "P"` or `"Q"`, and decide with code, not with your eyes.

# %%
P = np.array([0.0589, -0.1594, -2.6112, 0.0366, 2.8876, 2.094, 0.0036, 2.5254, 0.0023, 0.083])
Q = np.array([0.0321, -0.1609, -2.6929, 0.0129, 2.94, 2.1394, -0.0009, 2.6062, 0.0, 0.0788])
with np.printoptions(precision=2, suppress=True):
    print("P =", P)
    print("Q =", Q)

your_answer = ...  # "P" or "Q"

_ = exercises.check("5.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = "Q"`. `np.sum(P == 0)` is 0 and `np.sum(Q == 0)` is 1: `P` only has two
# *small* weights (0.0036 and 0.0023) that print as `0.`, while `Q` has one weight that is
# exactly 0. At this small λ the L1 fingerprint is faint (one zero), but an exact zero is
# its signature: L2's pull 2λw fades near 0 and never finishes the job. L1 also left five
# of the six small weights smaller (0.0129 vs 0.0366, 0.0321 vs 0.0589) and the four large
# ones larger (2.94 vs 2.89): below |w| = ½ its tug λ is stronger than L2's 2λw, above it
# weaker. Not weight by weight, though: at index 1 L1 gives −0.1609 and L2 −0.1594. Each
# weight also moves with the others when the features are not orthogonal.
#
# </details>

# %% [markdown]
# ## Summary
#
# - **Same goal, different fingerprints.** At their best λ both tame the overfit polynomial
#   (validation MSE 81 → 0.12 and 0.07); L2 keeps all 15 weights, L1 sets 9 exactly to 0.
# - **In a histogram**: L2 is a bell of small non-zero values, L1 a spike of exact zeros
#   plus a few survivors (0 vs 74 of 100).
# - **Count zeros with `w == 0`**: `0.00` in print can hide a small L2 weight.
# - **Elastic net** slides between them; any ρ > 0 gives exact zeros once λ is large
#   enough. Its ρ is not scikit-learn's `l1_ratio`.
# - **Networks too**: on two moons, L2 leaves a narrow bell of first-layer weights and L1
#   a spike at 0, with about the same accuracy.
#
# Next: [6 · Weight decay: w ← w(1 − η·wd) − η∇loss](06_weight_decay.ipynb).
