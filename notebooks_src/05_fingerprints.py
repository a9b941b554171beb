# %% [markdown]
# # 5 · Fingerprints: dense vs sparse
#
# **Learning goals**
# - recognise the two fingerprints: **L2 leaves many small weights** (dense), **L1 leaves a
#   few survivors and the rest exactly 0** (sparse);
# - compare the two fairly: choose each penalty's λ by its validation error, because the same
#   number λ means a different strength for each penalty;
# - count exact zeros the right way (`w == 0`, not "it prints as 0.00");
# - use the **elastic net** λ·(ρ·Σ|w| + (1 − ρ)·Σw²) as a dial between the two, and translate
#   its ρ into scikit-learn's `l1_ratio` (they are not the same number).
#
# The seed puts it in two sentences:
#
# > **The fingerprints: dense vs sparse.** L2 leaves many small weights; L1 leaves few
# > surviving weights with the rest dead at zero. Same goal, very different-looking solutions.
#
# > **Watch the penalties tame the weights.** An overfit curve and its weight bars, then what
# > L2 and L1 each do to them.
#
# Notebooks 3 and 4 took the two penalties one at a time. Here they meet on the same data.
# Every fit below is an **exact** solution of the course objective
# MSE (1/n)·Σ(ŷ − y)² + λ·penalty(w), intercept unpenalized, computed by
# `linear.fit_linear` / `linear.regularization_path` (closed form for L2, an exact
# active-set method for L1 and elastic net), so what you see is the penalty's doing, not an
# optimizer's. The constants match the [conventions table](00_start_here.ipynb#conventions).

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, penalties, plots, widgets

# %% [markdown]
# ## 1 · The overfit curve and its weight bars
#
# The overfitting setup of the earlier notebooks, with notebook 3's data: 12 noisy points
# from the smooth curve sin(πx) + 0.3x, and a polynomial of degree 15 (15 Legendre features P₁ … P₁₅ from `data.polynomial_features`,
# plus an intercept). Sixteen parameters, twelve points: without a penalty (λ = 0) the model
# passes through every point, and the exact solver returns the smallest weights that do so.
# They are still wild.
#
# To judge the fits we also draw a **validation set**: 200 fresh points from the same curve
# with the same noise level (standard deviation 0.25) and another seed. No model can
# predict the noise, so even the true curve has a validation MSE of about 0.25² = 0.0625.

# %%
DEGREE = 15
prob = data.overfit_set()                        # 12 training points, 200 validation points
x, y, x_val, y_val, x_grid = prob.x, prob.y, prob.x_val, prob.y_val, prob.x_grid
X, X_val, X_grid = prob.features(DEGREE)


def val_mse(w, b):
    """Validation MSE of the polynomial with weights w and intercept b."""
    return float(np.mean((X_val @ w + b - y_val) ** 2))


w_ols, b_ols = linear.fit_linear(X, y, penalty="l2", lam=0.0)   # λ = 0: least squares

fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=4.4, height=3.3)
plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ w_ols + b_ols, truth=data.true_curve(x_grid),
               label="λ = 0 (no penalty)", color=plots.COLORS["black"])
ax_fit.set_title(f"overfit: validation MSE {val_mse(w_ols, b_ols):.1f}", fontsize=10)
ax_fit.legend(loc="lower right")
plots.weight_bars(ax_w, w_ols, color=plots.COLORS["grey"])
ax_w.set(xticks=range(1, DEGREE + 1, 2), xlabel="weight index (Legendre degree)")
ax_w.set_title(f"its 15 weights: largest |w| = {np.abs(w_ols).max():.1f}", fontsize=10)
fig

# %% [markdown]
# The curve threads every training point and swings far outside the plot between them
# (the axes clip it); its weights reach 13 in size while the true curve stays within ±1.2.
# Huge weights of opposite signs cancel at the training points and add up everywhere else.

# %% [markdown]
# ## 2 · L2 and L1 on the same curve
#
# **How to compare them fairly.** The same number λ is not the same strength for the two
# penalties: λ·Σw² and λ·Σ|w| have different units and scales (for weights smaller than 1,
# w² is much smaller than |w|). So each penalty gets its **own best λ**: we solve both exactly
# on a grid of 25 values λ = 10⁻³ … 10⁰ (8 per decade) with `linear.regularization_path`, and
# keep, for each, the λ with the lowest validation MSE. Each penalty is then shown at its
# best, and what is left to compare is *how* each one does the job.

# %%
LAMS_CURVE = 10 ** np.arange(-3, 0 + 0.0625, 0.125)
curve_fits = {}                                  # penalty -> (weights per λ, intercepts, val MSE)
for name in ("l2", "l1"):
    W, B = linear.regularization_path(X, y, LAMS_CURVE, penalty=name)
    curve_fits[name] = W, B, np.array([val_mse(w, b) for w, b in zip(W, B)])
best = {name: int(np.argmin(fits[2])) for name, fits in curve_fits.items()}

fig, ax = plots.new_figure(width=5.6, height=3.2)
for name, color, label in (("l2", plots.L2C, "L2: λ·Σw²"), ("l1", plots.L1C, "L1: λ·Σ|w|")):
    v = curve_fits[name][2]
    ax.plot(LAMS_CURVE, v, color=color, lw=2, label=label)
    ax.plot(LAMS_CURVE[best[name]], v[best[name]], "o", color=color, ms=9, mec="black",
            label=f"{name.upper()}'s best: λ = {LAMS_CURVE[best[name]]:.3g}")
ax.axhline(prob.noise**2, color=plots.COLORS["grey"], ls=":", lw=1.5, label="noise floor 0.25²")
ax.set(xscale="log", yscale="log", xlabel="λ (log scale)", ylabel="validation MSE",
       title=f"choosing λ on the validation set (λ = 0 scores {val_mse(w_ols, b_ols):.0f})")
ax.legend(loc="upper left")
fig

# %%
# NBVAL_CHECK_OUTPUT
print(f"{'':4s} {'chosen λ':>9s} {'val MSE':>8s} {'exact zeros':>12s} {'Σw²':>7s} {'max |w|':>8s}")
print(f"{'λ=0':4s} {0:9.4f} {val_mse(w_ols, b_ols):8.4f} {np.sum(w_ols == 0):>9d}/15 "
      f"{np.sum(w_ols**2):7.2f} {np.abs(w_ols).max():8.3f}")
for name in ("l2", "l1"):
    W, B, v = curve_fits[name]
    k = best[name]
    print(f"{name.upper():4s} {LAMS_CURVE[k]:9.4f} {v[k]:8.4f} {np.sum(W[k] == 0):>9d}/15 "
          f"{np.sum(W[k] ** 2):7.2f} {np.abs(W[k]).max():8.3f}")
W1 = curve_fits["l1"][0][best["l1"]]
print("L1 keeps the degrees", (np.flatnonzero(W1) + 1).tolist())
# the true curve written in the same Legendre features (a least-squares fit on a fine grid)
t = np.linspace(-1, 1, 2001)
w_curve = np.polynomial.legendre.legfit(t, data.true_curve(t), DEGREE)[1:]
print("the true curve's own weights, degree 1 to 7:", np.round(w_curve[:7], 3) + 0.0,
      f" (degree 8 to 15: all below {np.abs(w_curve[7:]).max():.0e} in size)")

# %% [markdown]
# Both penalties bring the validation MSE down from 81 to about 0.1. L1 lands closer to the
# noise floor here, and the last line says why: written in these Legendre features, the
# true curve sin(πx) + 0.3x itself uses essentially four weights (degrees 1, 3, 5 and 7),
# which suits a penalty that keeps only a few. Now the fits and their weights, side by side
# on the same axes:

# %%
fig, axes = plots.new_figure(ncols=2, nrows=2, width=4.4, height=3.0)
for col, (name, color, label) in enumerate((("l2", plots.L2C, "L2"), ("l1", plots.L1C, "L1"))):
    W, B, v = curve_fits[name]
    k = best[name]
    ax_fit, ax_w = axes[0, col], axes[1, col]
    plots.fit_plot(ax_fit, x, y, x_grid, X_grid @ W[k] + B[k], truth=data.true_curve(x_grid),
                   label=f"{label}, λ = {LAMS_CURVE[k]:.3g}", color=color)
    ax_fit.legend(loc="lower right")
    ax_fit.set_title(f"{label} fit: validation MSE {v[k]:.3f}", fontsize=10)
    plots.weight_bars(ax_w, W[k], color=color, ylim=(-1.6, 1.6))
    dead = np.flatnonzero(W[k] == 0) + 1
    ax_w.plot(dead, np.zeros(dead.size), "o", mfc="white", mec=color, ms=6, mew=1.5,
              label=f"exactly 0 ({dead.size} of 15)")
    ax_w.set(xticks=range(1, DEGREE + 1, 2), xlabel="weight index (Legendre degree)")
    ax_w.legend(loc="upper right")
    ax_w.set_title(f"{label} weights: {DEGREE - dead.size} non-zero", fontsize=10)
fig

# %% [markdown]
# Two curves that look much alike, and two very different sets of weights:
#
# - **L2 shrinks everything.** All 15 weights survive, the largest tamed from 13 to about
#   1.3; most are small, but every single one is non-zero.
# - **L1 switches most of them off.** Nine of the fifteen weights are **exactly** 0 (the
#   hollow circles). Six survive: degrees 1, 3, 5 and 7, the four the true curve is made
#   of, plus two that fit noise (degree 2, tiny at −0.01, and degree 15 at 0.19).
#
# Why the difference (notebooks 3 and 4 in one paragraph): at the minimum of the objective
# the penalty's pull balances the data's push on every weight. L2's pull 2λw fades as w
# shrinks, so any non-zero push from the data, however small, holds a small non-zero weight
# in place. L1's pull λ·sign(w) stays λ all the way down, and at w = 0 its subgradient can
# take any value in [−λ, λ]: a weight whose data push |∂MSE/∂w_j| is at most λ there
# simply stays at 0.

# %% [markdown]
# ## 3 · The fingerprint in a histogram
#
# With 15 weights we can read the bars one by one. With many weights, look at their
# **histogram** instead: that shape is the fingerprint. A larger problem: 100 features of
# which only 10 matter (`data.sparse_linear`, true coefficients of size 1 to 3, the other
# 90 exactly 0), 200 training and 200 validation samples. Again each penalty gets its best λ,
# this time on the grid λ = 10⁻² … 10¹.

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

# %%
# NBVAL_CHECK_OUTPUT
print(f"true weights: {np.sum(~informative)}/100 exactly 0, Σw² = {np.sum(w_true**2):.2f}")
for name, (w, lam, v) in big.items():
    print(f"{name.upper()}: λ = {lam:.4f}  val MSE {v:.4f}  exact zeros {np.sum(w == 0):3d}/100  "
          f"Σw² = {np.sum(w**2):6.2f}  |w| < 0.05 but not 0: {np.sum((w != 0) & (np.abs(w) < 0.05)):2d}  "
          f"informative kept {np.sum((w != 0) & informative)}/10  "
          f"noise features kept {np.sum((w != 0) & ~informative)}/90")

# %% [markdown]
# The histograms below show the weights between −0.2 and 0.2 in bins of width 0.02 (the
# survivors of size 1 to 3 lie far outside; their number is written in the corner), and the
# exact zeros as a separate black spike at 0.

# %%
BINS = np.linspace(-0.2, 0.2, 21)                # bin width 0.02, an edge at 0
HIST_TOP = 40                                    # fixed height; a taller spike is labelled


def fingerprint(ax, w, color):
    """Histogram of the non-zero weights in BINS, plus a black spike counting exact zeros.

    Returns the histogram and the spike, for a legend.
    """
    zeros = int(np.sum(w == 0))
    beyond = int(np.sum(np.abs(w) > BINS[-1]))
    hist = ax.stairs(np.histogram(w[w != 0], BINS)[0], BINS, fill=True, color=color, alpha=0.85,
                     label="non-zero weights")
    spike = ax.bar([0.0], [zeros], width=0.008, color=plots.COLORS["black"], label="exactly 0",
                   zorder=3)
    ax.text(0.02, 0.97, f"exact zeros: {zeros}" + (" (clipped)" if zeros > HIST_TOP else "")
            + f"\nnon-zero: {w.size - zeros}\n({beyond} beyond ±{BINS[-1]:g})",
            transform=ax.transAxes, ha="left", va="top", fontsize=9, zorder=4,
            bbox=dict(fc="white", ec="none", alpha=0.8))
    ax.set(xlim=(BINS[0], BINS[-1]), ylim=(0, HIST_TOP), xlabel="weight value",
           ylabel="number of weights", xticks=np.linspace(BINS[0], BINS[-1], 5))
    return hist, spike


fig, axes = plots.new_figure(ncols=2, width=4.6, height=3.3)
for ax, name, color, label in ((axes[0], "l2", plots.L2C, "L2"), (axes[1], "l1", plots.L1C, "L1")):
    w, lam, v = big[name]
    fingerprint(ax, w, color)
    ax.legend(loc="upper right")
    ax.set_title(f"{label} (λ = {lam:.3g}): the 100 weights", fontsize=10)
fig

# %% [markdown]
# - **L2: a bell of small non-zero values.** The 90 features that do not matter get weights
#   scattered around 0 (64 of the 100 weights are smaller than 0.05 in size, yet non-zero),
#   each one held away from 0 by the noise in its correlation with y. Not one weight is
#   exactly 0.
# - **L1: a spike of exact zeros plus a few survivors.** 74 weights are exactly 0 (the spike
#   is clipped at this height); the 10 informative features survive with large weights,
#   together with 16 noise features holding small weights (all below 0.05 in size).
#
# The printout above also shows the *same goal*: Σw² is about 41 for both, close to the
# true 42, because the ten big weights carry nearly all of it. The penalties differ in what
# they do with the small ones, and only L1 gets the validation MSE near the noise floor
# 0.5² = 0.25 here: when the truth is sparse, the sparse fingerprint fits it.

# %% [markdown]
# ## 4 · Elastic net: a dial between the two
#
# The **elastic net** adds both penalties, mixed by a ratio ρ between 0 and 1:
#
# $$\text{MSE} \;+\; λ\Big(ρ\sum_j |w_j| \;+\; (1-ρ)\sum_j w_j^2\Big)$$
#
# At ρ = 0 it is exactly the L2 model with the same λ, at ρ = 1 exactly the L1 model
# (`penalties.elastic_net(lam, l1_ratio=ρ)`, `linear.fit_linear(..., penalty="elastic_net",
# l1_ratio=ρ)`). Its (sub)gradient is λ·(ρ·sign(w) + 2(1 − ρ)·w): a constant tug λρ *plus*
# a pull proportional to size. A weight can sit at exactly 0 when the data's push on it
# is at most λρ, so any ρ > 0 produces exact zeros once λ is large enough; every weight is
# 0 from λ_max(L1)/ρ on (`linear.lam_max(X, y, "elastic_net", l1_ratio=ρ)`). The L2 part
# keeps the solution unique and stable when features are strongly correlated, where lasso
# alone picks one of a group more or less at random ([notebook 9](09_classic_ml.ipynb)).
#
# **ρ is not scikit-learn's `l1_ratio`.** scikit-learn's `ElasticNet(alpha, l1_ratio=r)`
# minimises (1/2n)·Σ(ŷ − y)² + α·r·Σ|w| + (α(1 − r)/2)·Σw²: its data term and its L2 term
# each carry a ½, the L1 term does not. Matching it to half the course objective gives
#
# `alpha = λ·(1 − ρ/2)`, `l1_ratio = ρ/(2 − ρ)`
#
# (the last row of the [conventions table](00_start_here.ipynb#conventions);
# `linear.sklearn_alpha` computes both). The two agree only at ρ = 0 and ρ = 1: the
# course's even mix ρ = 0.5 is scikit-learn's `l1_ratio = 1/3`.
#
# **The panel.** Drag ρ from 0 to 1 at a fixed λ and watch the fingerprint change from the
# bell to the spike; drag λ to see how strong each mix must be to produce zeros. Left: the
# 100 weights (black dashes: the true coefficients of the 10 informative features). Right:
# their histogram, as in section 3, and in its title how to ask scikit-learn for the same
# model. ρ moves in steps of 0.25 and λ in half-decades (0.01, 0.0316, 0.1, … 10). When the
# cell runs, each ρ is solved exactly on section 3's finer λ grid
# (`linear.regularization_path`) and every position of the two sliders is drawn.

# %%
RHOS = (0.0, 0.25, 0.5, 0.75, 1.0)                 # the ρ slider's grid


def mix_path(rho):
    """Exact elastic-net fits with L1 share rho at every λ in LAMS: (weights, val MSE)."""
    name = "l2" if rho == 0.0 else "l1" if rho == 1.0 else "elastic_net"  # same models
    W, B = linear.regularization_path(Xs, ys, LAMS, penalty=name, l1_ratio=rho)
    return W, path_val_mse(W, B)


paths = {rho: mix_path(rho) for rho in RHOS}
RHO0, LAM0 = 0.5, 10 ** -1.5     # the default: ρ = 0.5 at its best λ on the slider (0.0316)
W_MAX = 3.2                      # the weights' fixed y-range
idx = np.arange(1, 101)

fig, (ax_w, ax_h) = plots.new_figure(ncols=2, width=4.6, height=3.6)


def show_mix(rho, lam):
    W, v = paths[rho]
    i = widgets.nearest(LAMS, lam)                  # this λ's row in the path
    w = W[i]
    # left: the 100 weights as thin stems, and the true coefficients
    ax_w.vlines(idx, 0, np.clip(w, -W_MAX, W_MAX), color=plots.ENC, lw=2.5)
    ax_w.axhline(0, color=plots.COLORS["black"], lw=0.8)
    (truth,) = ax_w.plot(idx[informative], w_true[informative], "_", color=plots.COLORS["black"],
                         ms=9, mew=2, label="true coefficient (10 informative features)")
    ax_w.set(xlim=(0, 101), ylim=(-W_MAX, W_MAX), xlabel="feature index", ylabel="weight value")
    ax_w.set_title(f"ρ = {rho:g}, λ = {lam:.3g}: {np.sum(w == 0)}/100 exactly 0\n"
                   f"Σw² = {np.sum(w**2):.1f}, validation MSE = {v[i]:.3f}", fontsize=10)
    # right: the fingerprint, and the same model in scikit-learn
    hist, spike = fingerprint(ax_h, w, plots.ENC)
    if rho == 0.0:
        sk = f"Ridge(alpha={linear.sklearn_alpha('l2', lam, len(ys))['alpha']:.4g})"
    elif rho == 1.0:
        sk = f"Lasso(alpha={linear.sklearn_alpha('l1', lam, len(ys))['alpha']:.4g})"
    else:
        kw = linear.sklearn_alpha("elastic_net", lam, len(ys), l1_ratio=rho)
        sk = f"ElasticNet(alpha={kw['alpha']:.3g}, l1_ratio={kw['l1_ratio']:.3g})"
    ax_h.set_title(f"the same model in scikit-learn:\n{sk}", fontsize=10)
    fig.legend(handles=[truth, hist, spike], loc="outside lower center", ncol=3, frameon=False)


widgets.live(fig, show_mix, title="elastic net: from dense to sparse",
             rho=widgets.slider("ρ (L1 share)", RHOS, RHO0, fmt=".2f"),
             lam=widgets.log_slider("λ", LAM0, -2, 1, step=0.5))

# %% [markdown]
# The exact zeros against λ for all five ρ of the slider at once, on the finer λ grid: every
# ρ > 0 reaches zeros, the smaller ρ the larger the λ it needs, and pure L2 (ρ = 0) never
# does.

# %%
fig, ax = plots.new_figure(width=5.6, height=3.2)
for rho, color in zip(RHOS, (plots.L2C, plots.COLORS["sky"], plots.ENC, plots.COLORS["orange"],
                             plots.L1C)):
    ax.plot(LAMS, np.sum(paths[rho][0] == 0, axis=1), color=color, lw=2, label=f"ρ = {rho:g}")
ax.set(xscale="log", xlim=(LAMS[0], LAMS[-1]), ylim=(-3, 103), xlabel="λ (log scale)",
       ylabel="exact zeros (of 100)", title="how strong each mix must be to produce zeros")
ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
fig

# %% [markdown]
# Things to try in the panel:
#
# - **ρ = 0** (pure L2): no exact zeros at any λ. Large λ squeezes all 100 weights towards 0
#   into a narrow bell, but the spike never appears.
# - **ρ = 0.25**: only a quarter of the penalty is L1, so zeros need a larger λ (24 at
#   λ = 0.1, where ρ = 0.5 has 45). At λ = 10 most weights are 0, yet the survivors are
#   shrunk hard by the L2 part.
# - **ρ = 0.5 to 1** at their best λ (the default λ = 0.0316 is ρ = 0.5's best on the
#   slider; ρ = 0.75 and ρ = 1 do best at λ = 0.1): the spike grows with ρ; compare the
#   validation MSE in the left title as you go.
# - At ρ = 1 drag λ to the right end: past λ_max every weight is 0 and the model predicts
#   the mean of y.
#
# The checked numbers: all three penalties at their own best λ, and what goes wrong when ρ
# is passed to scikit-learn naively as `l1_ratio` (with λ as `alpha`). `linear.course_lam`,
# the inverse of `linear.sklearn_alpha`, says which course model such a call really fits.
# (Notebook 0 checks these conversions against scikit-learn itself.)

# %%
# NBVAL_CHECK_OUTPUT
W_en, v_en = paths[RHO0]            # on the finer λ grid of section 3
i_en = int(np.argmin(v_en))
lam_en = float(LAMS[i_en])
big["elastic_net"] = W_en[i_en], lam_en, v_en[i_en]
print(f"{'penalty':17s} {'chosen λ':>8s} {'val MSE':>8s} {'exact zeros':>11s} {'Σw²':>7s}")
for name, (w, lam, v) in big.items():
    label = name + (f" ρ={RHO0}" if name == "elastic_net" else "")
    print(f"{label:17s} {lam:8.4f} {v:8.4f} {np.sum(w == 0):8d}/100 {np.sum(w**2):7.2f}")
print(f"λ_max: L1 {linear.lam_max(Xs, ys, 'l1'):.4f}, elastic net ρ={RHO0} "
      f"{linear.lam_max(Xs, ys, 'elastic_net', l1_ratio=RHO0):.4f}  (= L1's / ρ)")

kw = linear.sklearn_alpha("elastic_net", lam_en, len(ys), l1_ratio=RHO0)
print(f"\nthe same model in scikit-learn: ElasticNet(alpha={kw['alpha']:.4f}, "
      f"l1_ratio={kw['l1_ratio']:.4f})")
naive = linear.course_lam("elastic_net", alpha=lam_en, n_samples=len(ys), l1_ratio=RHO0)
w_naive, _ = linear.fit_linear(Xs, ys, penalty="elastic_net", **naive)
print(f"naive ElasticNet(alpha={lam_en:.4f}, l1_ratio={RHO0}) fits the course model "
      f"λ = {naive['lam']:.4f}, ρ = {naive['l1_ratio']:.4f}:")
print(f"  exact zeros {np.sum(w_naive == 0)}/100 (instead of {np.sum(W_en[i_en] == 0)}), "
      f"Σw² = {np.sum(w_naive**2):.2f}")

# %% [markdown]
# The elastic net at ρ = 0.5 lands in between on both counts: more zeros than L2 and fewer
# than L1, a validation error between the two. Passing ρ straight into scikit-learn's
# `l1_ratio` (and λ as `alpha`) fits a different model, a stronger and more L1-heavy one,
# here with far more zeros: the silent kind of bug the conventions table exists to prevent.

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · Count the exact zeros
#
# How many entries of `w` are **exactly** 0? Give `answer = ...` as a number (you may compute
# it with NumPy).

# %%
w = np.array([0.0, 0.31, -0.0, 1e-12, 0.0, -2.4, 0.0, 0.003])
answer = ...  # how many entries are exactly 0?

_ = exercises.check_value(answer, int(np.sum(w == 0)), name="Exercise 1",
                          hint="-0.0 is exactly zero (-0.0 == 0 is True); 1e-12 is tiny but "
                               "not zero. np.sum(w == 0) counts them.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = 4`, e.g. `answer = int(np.sum(w == 0))`. Entries 0, 2, 4 and 6 are exactly 0
# (IEEE floating point has a negative zero, and `-0.0 == 0.0` is `True`; soft-thresholding
# a negative weight produces one). `1e-12` and `0.003` are small, but an L2 fit is full of
# small weights; only exact zeros mean "this feature is switched off".
# </details>

# %% [markdown]
# ### Exercise 2 · Which fingerprint?
#
# `P` and `Q` are the weights of two exact fits to the same 10-feature problem, one with L2
# and one with L1, both at λ = 0.02 (rounded to 4 decimals, which keeps exact zeros exact).
# Printed with 2 decimals, as below, they look alike. Which one came from **L1**? Set
# `answer = "P"` or `answer = "Q"`, and decide with code, not with your eyes.

# %%
P = np.array([0.0589, -0.1594, -2.6112, 0.0366, 2.8876, 2.094, 0.0036, 2.5254, 0.0023, 0.083])
Q = np.array([0.0321, -0.1609, -2.6929, 0.0129, 2.94, 2.1394, -0.0009, 2.6062, 0.0, 0.0788])
with np.printoptions(precision=2, suppress=True):
    print("P =", P)
    print("Q =", Q)

answer = ...  # "P" or "Q"

_ = exercises.check_value(answer.strip().upper() if isinstance(answer, str) else answer, "Q",
                          name="Exercise 2",
                          hint="both print some entries as 0. — count the EXACT zeros of each "
                               "with np.sum(P == 0) and np.sum(Q == 0). L2 at λ > 0 essentially "
                               "never gives an exact 0.")


# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = "Q"`. `np.sum(P == 0)` is 0 and `np.sum(Q == 0)` is 1: `P` only has two *small*
# weights (0.0036 and 0.0023) that print as `0.`, while `Q` has one weight that is exactly 0.
# At this small λ the L1 fingerprint is faint (one zero), but an exact zero is its signature:
# L2's pull 2λw fades near 0 and never finishes the job. Notice also that L1 pulled *every*
# small weight harder towards 0 (0.0129 vs 0.0366, 0.0321 vs 0.0589): a constant tug hurts
# small weights most.
# </details>

# %% [markdown]
# ### Exercise 3 · The elastic-net penalty by hand
#
# Write `en_penalty(w, lam, rho)` returning λ·(ρ·Σ|w| + (1 − ρ)·Σw²) as a float. The checker
# compares it with `penalties.elastic_net(lam, rho).value(w)` on a few inputs.

# %%
def en_penalty(w, lam, rho):
    raise NotImplementedError  # your code here


_ = exercises.check_function(
    en_penalty, lambda w, lam, rho: penalties.elastic_net(lam, rho).value(w),
    [(np.array([1.0, -2.0, 0.0]), 0.1, 0.5), (np.array([0.5, -0.5]), 1.0, 0.0),
     (np.array([3.0, -1.0, 0.2]), 0.3, 1.0), (np.array([-0.7, 1.5, 2.0, 0.1]), 0.05, 0.25)],
    name="Exercise 3",
    hint="np.abs(w).sum() is Σ|w| and (w ** 2).sum() is Σw²; mix them with ρ and 1 − ρ, then "
         "multiply by λ. No ½ anywhere.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def en_penalty(w, lam, rho):
#     return lam * (rho * np.sum(np.abs(w)) + (1 - rho) * np.sum(w ** 2))
# ```
# For w = (1, −2, 0), λ = 0.1, ρ = 0.5: Σ|w| = 3, Σw² = 5, so 0.1·(1.5 + 2.5) = 0.4.
# </details>

# %% [markdown]
# ### Exercise 4 · Ask scikit-learn for the same model
#
# You found that ρ = 0.8 and λ = 0.05 work best (course conventions). What do you pass to
# scikit-learn's `ElasticNet`? Give `answer = (alpha, l1_ratio)` (3 significant digits are
# enough).

# %%
answer = ...  # (alpha, l1_ratio)

_ = exercises.check_value(answer, (0.05 * (1 - 0.8 / 2), 0.8 / (2 - 0.8)), name="Exercise 4",
                          rtol=2e-3,
                          hint="alpha = λ·(1 − ρ/2) and l1_ratio = ρ/(2 − ρ) (conventions table, "
                               "last row); not alpha = λ, l1_ratio = ρ.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (0.03, 0.667)`: alpha = 0.05·(1 − 0.4) = 0.03 and l1_ratio = 0.8/1.2 = 2/3.
# `linear.sklearn_alpha("elastic_net", lam=0.05, n_samples=len(y), l1_ratio=0.8)` returns
# the same (n does not matter for the elastic net). Check against half the course
# objective, (1/2n)·Σ(ŷ − y)² + (λρ/2)·Σ|w| + (λ(1 − ρ)/2)·Σw²: scikit-learn's L1 weight is
# α·r = 0.02 = λρ/2, and its L2 weight α(1 − r)/2 = 0.005 = λ(1 − ρ)/2.
# </details>

# %% [markdown]
# ## Summary
#
# - **Same goal, different fingerprints.** Chosen by validation, L2 and L1 both tame the
#   overfit polynomial (validation MSE 81 → 0.12 with L2 and 0.07 with L1; weights of ±13
#   down to about ±1.3 and ±1.4), but L2 keeps all 15 weights non-zero while L1 sets 9 of
#   them exactly to 0.
# - **In a histogram**: L2 is a bell of small non-zero values; L1 is a spike of exact zeros
#   plus a few survivors (on 100 features: 0 vs 74 exact zeros, Σw² about 41 for both).
# - **Count zeros with `w == 0`.** Printed values like `0.00` hide small non-zero L2 weights.
# - **Elastic net** λ·(ρ·Σ|w| + (1 − ρ)·Σw²) slides between them: ρ = 0 is L2, ρ = 1 is L1,
#   and any ρ > 0 gives exact zeros once λ is large enough (all of them from λ_max(L1)/ρ).
# - scikit-learn's `ElasticNet` needs `alpha = λ(1 − ρ/2)`, `l1_ratio = ρ/(2 − ρ)`: its
#   `l1_ratio` is not the course's ρ (see the
#   [conventions table](00_start_here.ipynb#conventions)).
#
# Next: [6 · Weight decay: w ← w(1 − ηλ) − η∇loss](06_weight_decay.ipynb).
