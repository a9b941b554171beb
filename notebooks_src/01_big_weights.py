# %% [markdown]
# # 1 · Big weights make a nervous network
#
# **Learning goals**
# - see an overfit model thread every noisy point with big weights of both signs;
# - watch training error fall to zero while validation error explodes, once the
#   parameters are as many as the points;
# - explain why big weights mean steep slopes, and steep slopes bad predictions;
# - see the same in a small neural network: after an early bump, Σw² grows, most while it
#   memorizes the noise.
#
# This notebook *diagnoses*; notebook 2 starts the cure. The data loss is
# MSE = (1/n)·Σ(ŷ − y)²; "the size of the weights" is **Σw²** over the weights, never the
# biases ([conventions table](12_conventions.ipynb#conventions)).
#
# *Time: about 34 minutes (reading, dragging the sliders, exercises).*
#
# *Express path: sections 1 and 4, about 10 minutes.*

# %% [markdown]
# ## 1 · An overfit polynomial <!-- express -->
#
# The data: a gentle wave, sin(πx) + 0.3·x on [−1, 1], at 16 places drawn at random
# (seed 197), plus noise of standard deviation 0.25; 200 fresh points for **validation**.
# Even the true function has a validation MSE near 0.25² = 0.0625: the noise floor.

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, models, plots, runs_curves, train, widgets

prob = data.wave_set()                 # 16 training points (seed 197), 200 for validation (seed 100)
x, y, x_val, y_val, NOISE = prob.x, prob.y, prob.x_val, prob.y_val, prob.noise
x_grid = prob.x_grid                   # 801 points on [-1, 1], where we draw curves
truth_val_mse = np.mean((data.true_curve(x_val) - y_val) ** 2)
print(f"validation MSE of the true function itself: {truth_val_mse:.4f}")

# %% [markdown]
# A polynomial of degree *d* is a linear model on the features P₁(x), …, P_d(x):
#
# ŷ(x) = b + w₁·P₁(x) + w₂·P₂(x) + … + w_d·P_d(x).
#
# Degree 15 has 16 parameters for 16 points, so exactly one degree-15 polynomial passes
# through all of them; plain least squares (`lam=0`) finds it. We compare it with degree 3.
#
# <details><summary>Go deeper: why Legendre polynomials</summary>
#
# `data.polynomial_features` uses **Legendre polynomials** P_k rather than the plain powers
# x, x², …: they describe exactly the same curves, but each stays between −1 and 1 on the
# interval, so the weights of different degrees are comparable, and "the size of the
# weights" means the same thing for every feature.
#
# </details>

# %%
def poly_fit(degree, x_train, y_train):
    """Exact least squares (no penalty) on Legendre features: returns (weights, intercept)."""
    return linear.fit_linear(data.polynomial_features(x_train, degree), y_train,
                             penalty="l2", lam=0.0)


def poly_predict(w, b, x_new):
    return linear.predict_linear(data.polynomial_features(x_new, len(w)), w, b)


w3, b3 = poly_fit(3, x, y)
w15, b15 = poly_fit(15, x, y)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
max_slope = runs_curves.max_slope    # steepest |dŷ/dx| on [lo, hi], from the exact derivative
inside = (x_grid >= x.min()) & (x_grid <= x.max())    # between the outermost points, like max_slope
true_slope = np.max(np.abs(np.gradient(data.true_curve(x_grid), x_grid))[inside])
W_LIM = 13     # bar axes: ±13
fig, (ax_fit, ax_w3, ax_w15) = plots.new_figure(ncols=3, width=4.0, height=3.3)
_, line15 = plots.fit_plot(ax_fit, x, y, x_grid, poly_predict(w15, b15, x_grid),
                           truth=data.true_curve(x_grid), label="degree 15 (exact fit)",
                           ylim=(-3, 3))
line15.set_ydata(np.clip(poly_predict(w15, b15, x_grid), -10, 10))   # let it leave the axes
ax_fit.plot(x_grid, poly_predict(w3, b3, x_grid), color=plots.COLORS["orange"], lw=2,
            label="degree 3")
ax_fit.legend(loc="lower right", fontsize=9)
ax_fit.set_title("16 points, two least-squares fits")
for ax, w, color, d in [(ax_w3, w3, plots.COLORS["orange"], 3), (ax_w15, w15, plots.TRAIN, 15)]:
    plots.weight_bars(ax, w, color=color, ylim=(-W_LIM, W_LIM))
    ax.set(xlim=(0.5, 15.5), xticks=range(1, 16, 2), xlabel="k (weight of Legendre P_k)")
    ax.set_title(f"degree-{d} weights: Σw² = {np.sum(w**2):.3g}")
plots.show(fig, alt=f"Left: 16 noisy points on a gentle wave. The degree-3 fit follows the wave; "
                    f"the degree-15 fit passes through every point and swings far off the plot "
                    f"between them. Right: degree 3's weights are at most {np.abs(w3).max():.1f} "
                    f"in size (Σw² = {np.sum(w3**2):.3g}); degree 15's reach ±{np.abs(w15).max():.0f}, "
                    f"of both signs (Σw² = {np.sum(w15**2):.3g}).")

# %% [markdown]
# The degree-15 curve hits every point and swings wildly between them, with weights of both
# signs up to ±12 that mostly cancel to hit points of size about 1; wherever the
# cancellation is imperfect, the curve lurches. Degree 3 misses the points a little and
# stays calm. The numbers (steepest slope, `max_slope` and `true_slope` in the collapsed
# cells: largest |dŷ/dx| between the outermost points):

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
lo, hi = x.min(), x.max()
print(f"{'':9s} {'train MSE':>10s} {'val MSE':>9s} {'Σw²':>8s} {'max|w|':>7s} {'steepest slope':>15s}")
for d, w, b in [(3, w3, b3), (15, w15, b15)]:
    train_mse = np.mean((poly_predict(w, b, x) - y) ** 2)
    val_mse = np.mean((poly_predict(w, b, x_val) - y_val) ** 2)
    print(f"degree {d:2d} {train_mse:10.4f} {val_mse:9.4f} {np.sum(w**2):8.2f} "
          f"{np.abs(w).max():7.2f} {max_slope(w, b, lo, hi):15.1f}")
print(f"the true function's steepest slope, between the same points: {true_slope:.2f}")
other = [np.abs(poly_fit(15, *data.noisy_curve(16, noise=NOISE, seed=s))[0]).max()
         for s in range(100)]
print(f"degree 15 on 100 other draws of 16 points (seeds 0-99): largest |w| has median "
      f"{np.median(other):.2g}, is above 1,000 in {np.sum(np.array(other) > 1000)} of them")

# %% [markdown]
# A perfect training score and a validation MSE over 500 times the calm fit's; Σw² 250
# times bigger; a curve that rises, in places, about 100 times faster than the true wave
# ever does.
#
# <details><summary>Go deeper: this data set is a tame one</summary>
#
# Polynomials through random points are usually far worse. On 100 other draws of 16 points
# (the last line above), the degree-15 fit's largest weight has a median in the hundreds of
# thousands and is above 1,000 in most of them. Seed 197 was picked so that the curve still
# fits on a page; the 20-point figure below shows a wilder one.
#
# </details>

# %% [markdown]
# ## 2 · Live: drag the capacity, pick the amount of data
#
# Degree is **capacity**: how many ways the model can bend. The panel fits degrees 1 to 20
# to **16** points (the ones above) or **60** (44 more).
#
# - At 16 points, step from degree 12 to 15, then on to 20.
# - At degree 15, switch to 60 points: validation MSE near the floor, the curve calm but for
#   flicks at the very edges.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
def fmt_mse(v):
    return f"{v:.3g}" if v > 1e-12 else "0"


fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=4.4, height=3.4)

# %%
# fig, ax_fit, ax_w, fmt_mse (a readable MSE) and W_LIM (±13) come from the collapsed cells
fits = {n: runs_curves.capacity(n) for n in (12, 16, 20, 60)}   # 12 and 20: a later figure


def draw_capacity(degree, n_points):
    r, i = fits[n_points], fits[n_points].index(degree)
    plots.fit_plot(ax_fit, r.x, r.y, x_grid, np.clip(r.curve[i], -10, 10),
                   truth=data.true_curve(x_grid), label=f"degree-{degree} fit", ylim=(-3, 3))
    ax_fit.get_legend().remove()                  # one legend under the figure instead
    fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower center", ncols=3,
               frameon=False, fontsize=9)
    errors = f"training MSE {fmt_mse(r.train[i])}, validation MSE {fmt_mse(r.val[i])}"
    ax_fit.set_title(f"{n_points} points, degree {degree}\n{errors}")
    plots.weight_bars(ax_w, r.w[i][:degree], ylim=(-W_LIM, W_LIM))   # its `degree` weights
    ax_w.set(xlim=(0.5, 20.5), xticks=[1, 5, 10, 15, 20], xlabel="k (weight of Legendre P_k)",
             title=f"its weights: Σw² = {r.sumsq[i]:,.4g}")
    return f"degree {degree}, {n_points} points: {errors}; its weights' Σw² = {r.sumsq[i]:,.4g}"


widgets.live(fig, draw_capacity, title="capacity vs data",
             degree=widgets.slider("degree", fits[16].grid, 15, fmt="d"),
             n_points=widgets.choice("training points", [16, 60], 16))

# %% [markdown]
# ### Exercise 1.1 · find the best degree
#
# With **16** training points, step the degree from 1 to 20. At which degree is the
# **validation MSE** (left title) lowest? Put the degree in `your_answer`.

# %%
your_answer = ...   # an integer from 1 to 20
_ = exercises.check("1.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 5` (validation MSE 0.087); the figure below marks it with a star. The
# validation MSE drops sharply from degree 2 to 3 (the fit catches the wave), stays low up
# to degree 11, then climbs: past that point each extra degree mostly fits noise. Degrees 3
# and 4 come close to the best.
#
# </details>

# %% [markdown]
# ## 3 · Training error falls, validation error rises
#
# The panel's 16-point positions on one plot:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
res = fits[16]
best_degree = int(res.grid[np.argmin(res.val)])
FLOOR = 1e-5     # training MSE of an exact fit is 0: draw it at the bottom of a log axis
fig, ax = plots.new_figure(width=7.0, height=3.6)
ax.axvspan(14.5, 20.5, color=plots.COLORS["grey"], alpha=0.15, lw=0,
           label="degree ≥ 15: threads every point")
ax.plot(res.grid, np.maximum(res.train, FLOOR), "o-", color=plots.TRAIN, lw=2, ms=4,
        label="training MSE")
ax.plot(res.grid, res.val, "o-", color=plots.VAL, lw=2, ms=4, label="validation MSE")
ax.axhline(NOISE**2, color=plots.COLORS["grey"], ls=":", lw=1.5,
           label=f"noise variance {NOISE**2} (the floor)")
ax.plot([best_degree], [res.val[best_degree - 1]], "*", color=plots.VAL, ms=16,
        mec=plots.COLORS["black"], label="lowest validation MSE")
ax.annotate("training MSE exactly 0,\ndrawn at 10⁻⁵", (17.5, FLOOR), xytext=(0, 12),
            textcoords="offset points", ha="center", va="bottom", fontsize=9, color=plots.TRAIN)
ax.set(yscale="log", ylim=(FLOOR / 2, 3000), xlim=(0.5, 20.5), xticks=res.grid,
       xlabel="polynomial degree (capacity)", ylabel="MSE (log scale)",
       title="16 points: training vs validation error as capacity grows")
ax.legend(loc="upper left", fontsize=9)
plots.show(fig, alt=f"Training and validation MSE on a log scale for degrees 1 to 20, 16 points. "
                    f"Training MSE falls with every degree and is exactly 0 from degree 15 on. "
                    f"Validation MSE is lowest at degree {best_degree} ({res.val.min():.3f}, near "
                    f"the noise floor {NOISE**2}), is at most {res.val[2:11].max():.3f} up to "
                    f"degree 11, then climbs to {res.val.max():.0f} at degree "
                    f"{res.grid[np.argmax(res.val)]}.")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print("degree  train MSE   val MSE      Σw²  steepest slope")
for d, tr, va, s, sl in zip(res.grid, res.train, res.val, res.sumsq, res.slope):
    print(f"{d:6d} {tr:10.4f} {va:9.4f} {s:8.2f} {sl:15.1f}")

# %% [markdown]
# Degrees 1–2 **underfit**. From degree 3 to 11 the validation MSE stays between 0.087 and
# 0.133, at most about twice the noise floor. Then training error falls to exactly zero at
# degree 15 while validation error climbs to over 500 times its lowest: the model is
# learning the noise. **Training error alone always asks for more capacity.**
#
# <details><summary>Go deeper: why degrees 16–20 calm down again</summary>
#
# For degrees 16–20 there are more parameters than points, so infinitely many polynomials
# thread all 16 points. `fit_linear` at λ = 0 (numpy's `lstsq`) returns the one with the
# **smallest Σw²**, and that one is calmer in Σw² and in validation error: from degree 15 to
# 16, Σw² falls from 565 to 198 and validation MSE from 48 to 17.6; by degree 20, to 5.04
# and 0.238 (still not degree 5's 0.087). Not in slope, though: degree 16's steepest
# slope, 502, tops degree 15's 360 (high-degree Legendre polynomials are steep themselves,
# see below). *Preferring small weights among fits that do equally well on the training
# data* is what L2 regularization will do on purpose.
#
# </details>
#
# More data moves the danger zone: the validation MSE of every degree for the first 12, 16,
# 20 and 60 points of the panel's pool.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, ax = plots.new_figure(width=7.0, height=3.6)
for n, color in zip((12, 16, 20, 60), (plots.COLORS["orange"], plots.COLORS["blue"],
                                       plots.COLORS["purple"], plots.COLORS["green"])):
    ax.plot(res.grid, fits[n].val, "o-", color=color, lw=2, ms=4, label=f"{n} points")
    if n - 1 <= res.grid.max():
        ax.plot([n - 1], [fits[n].val[n - 2]], "*", color=color, ms=15,
                mec=plots.COLORS["black"], zorder=3)
ax.axhline(NOISE**2, color=plots.COLORS["grey"], ls=":", lw=1.5, label="noise variance")
ax.set(yscale="log", xlim=(0.5, 20.5), xticks=res.grid, xlabel="polynomial degree",
       ylabel="validation MSE (log scale)",
       title="validation MSE by degree (★: degree n − 1, one curve through all n points)")
ax.legend(loc="upper left", fontsize=9)
r20 = fits[20]
print(f"20 points, degree 19: validation MSE {r20.val[18]:.1e}, "
      f"largest |w| {np.abs(r20.w[18]).max():.1e}")
print(f"60 points, degrees 3-20: validation MSE at most {fits[60].val[2:].max() / NOISE**2:.2f}"
      f" × the noise variance")
plots.show(fig, alt=f"Validation MSE on a log scale by degree, for 12, 16, 20 and 60 training "
                    f"points. Each curve spikes at degree n − 1, where one curve threads all n "
                    f"points: {fits[12].val[10]:.0f} for 12 points, {fits[16].val[14]:.0f} for "
                    f"16, {r20.val[18]:.1e} for 20. With 60 points it stays within "
                    f"{fits[60].val[2:].max() / NOISE**2:.2f} times the noise variance from "
                    f"degree 3 to 20.")

# %% [markdown]
# Each spike sits at degree n − 1, as many parameters as points (for 20 points, weights in
# the millions). With 60 points the validation MSE stays under twice the floor from degree
# 3 on.

# %% [markdown]
# ## 4 · Why big weights mean steep slopes <!-- express -->
#
# The slope of the fitted curve is
#
# dŷ/dx = w₁·P₁′(x) + w₂·P₂′(x) + … + w_d·P_d′(x),
#
# which is **linear in the weights**, with fixed functions P_k′ (derivatives of the P_k)
# depending only on the features. The intercept b doesn't appear: it only shifts the curve.
# For a given degree, the steepest slope is at most √(Σw²) times a number fixed by the
# features (the fold below): a steep curve *needs* big weights, and small enough weights
# *guarantee* a gentle curve. Other features change that number.
#
# The truth is smooth and the noise independent from point to point, so a curve that rises
# 10 units between two training points 0.1 apart is following the noise: a fresh point in
# that gap will be far off. As the source text puts it:
#
# > A model that solves the task with small weights computes a smoother, calmer function —
# > and smooth functions generalize better.
#
# <details><summary>Go deeper: the bound, for polynomials and for networks</summary>
#
# With the Cauchy–Schwarz inequality, and |P_k′(x)| ≤ k(k+1)/2 on [−1, 1]:
#
# |dŷ/dx| ≤ √(Σ w_k²) · √(Σ (k(k+1)/2)²),
#
# the second factor being 6.8 for degree 3 and 228 for degree 15 (a loose bound: degree 15's
# fit, with √(Σw²) ≈ 24, reaches 360, far below 228 × 24).
#
# A bound of the same kind holds for a network: by the chain rule its slope is a product of
# the layers' weight matrices and the activations' slopes; tanh's slope is at most 1, so
# the network's slope is at most the product of its layers' √(Σw²).
#
# </details>
#
# Below, the size of the weights and the steepest slope of every degree's fit (16 points):

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_w, ax_d, ax_s) = plots.new_figure(ncols=3, width=3.7, height=3.5)
truth_label = f"true function's steepest slope ({true_slope:.1f})"
ax_w.plot(res.grid, res.sumsq, "o-", color=plots.TRAIN, lw=2, ms=4)
ax_w.set(yscale="log", ylabel="Σw² (log scale)", title="size of the weights, Σw²")
ax_d.plot(res.grid, res.slope, "s-", color=plots.COLORS["vermillion"], lw=2, ms=4)
ax_d.set(yscale="log", ylabel="steepest slope |dŷ/dx| (log scale)", title="steepest slope")
for ax in (ax_w, ax_d):
    ax.set(xlim=(0.5, 20.5), xticks=res.grid[::2] + 1, xlabel="polynomial degree")
for ax in (ax_d, ax_s):
    ax.axhline(true_slope, color=plots.COLORS["grey"], ls=":", lw=1.5, label=truth_label)
ax_d.legend(loc="lower right", fontsize=9)
ax_s.scatter(res.sumsq, res.slope, c=plots.COLORS["vermillion"], s=25, zorder=3)
labels = {}     # degrees whose points (nearly) coincide share one label, e.g. "19, 20"
for d, s, sl in zip(res.grid, res.sumsq, res.slope):
    near = [k for k in labels if abs(np.log10(k[0] / s)) < 0.25 and abs(np.log10(k[1] / sl)) < 0.1]
    labels.setdefault(near[0] if near else (s, sl), []).append((d, s, sl))
for group in labels.values():        # the label goes right of the group's rightmost point
    _, s, sl = max(group, key=lambda p: p[1])
    ax_s.annotate(", ".join(str(d) for d, _, _ in group), (s, sl), xytext=(4, -3),
                  textcoords="offset points", fontsize=9)
ax_s.set(xscale="log", yscale="log", xlabel="Σw² (log scale)",
         ylabel="steepest slope (log scale)", title="each fit: slope vs Σw² (labels: degree)")
ax_s.text(0.98, true_slope * 1.15, "true function", transform=ax_s.get_yaxis_transform(),
          ha="right", va="bottom", fontsize=9, color=plots.COLORS["grey"])
plots.show(fig, alt=f"Left and middle: Σw² and the steepest slope of each degree's fit, each on "
                    f"its own log axis, rise and fall together: Σw² peaks at degree "
                    f"{res.grid[np.argmax(res.sumsq)]} ({res.sumsq.max():.0f}), the slope at degree "
                    f"{res.grid[np.argmax(res.slope)]} ({res.slope.max():.0f}), against "
                    f"{true_slope:.1f} for the true function. Right: one point per degree, slope "
                    f"against Σw²: broadly, the fits with bigger weights are the steeper ones, "
                    f"though not in lockstep (degree 12 is steeper than 13 and 14 with far less "
                    f"Σw²: {res.sumsq[11]:.2g} against {res.sumsq[12]:.0f} and "
                    f"{res.sumsq[13]:.0f}).")

# %% [markdown]
# The two broadly rise and fall together: the fits with the biggest Σw² (degrees 15–17) are
# also the steepest, 60 to 150 times steeper than the truth.
#
# <details><summary>Go deeper: why the scatter is not a straight line</summary>
#
# High-degree Legendre polynomials are steep themselves (P₁₅′ reaches 15·16/2 = 120 at the
# ends), so a high degree needs less weight for the same slope: degrees 12 and 18–20 are
# steep with a modest Σw². Within one degree, the fold above caps the slope at a fixed
# multiple of √(Σw²); a reverse cap holds too (for fixed features the steepest slope and
# √(Σw²) are both norms of the same weights, and any two norms bound each other), but
# neither cap is tight, so Σw² pins the slope only to a range.
#
# </details>

# %% [markdown]
# ### Exercise 1.2 · scale the weights
#
# Take any fitted polynomial and multiply every weight w_k by 3, leaving the intercept b
# unchanged. By what factor does its steepest slope |dŷ/dx| change?

# %%
your_answer = ...   # a number
_ = exercises.check("1.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# **3**: the derivative is a sum of weights times fixed functions, so every slope is
# multiplied by 3, and the steepest one too. Σw², by contrast, grows by 3² = 9: slope grows
# like √(Σw²), which is why a penalty on Σw² reins in steepness. To see it on the
# degree-15 fit, with `poly_predict` from section 1 and finite differences on `x_grid`:
#
# ```python
# def steepest(w, b):
#     return np.max(np.abs(np.gradient(poly_predict(w, b, x_grid), x_grid)))
#
# steepest(3 * w15, b15) / steepest(w15, b15)     # 3, up to rounding
# ```
#
# </details>

# %% [markdown]
# ## 5 · A network does the same
#
# Same 16 points; an MLP with two hidden layers of 64 tanh units (4,353 parameters),
# trained by Adam for 3,000 steps with **no penalty**; its Σw² (biases excluded) and
# steepest slope measured every 50 steps.

# %%
mlp = models.MLP((1, 64, 64, 1), activation="tanh", seed=1)
hist = train.train(mlp, x[:, None], y, lr=0.01, steps=3000, optimizer="adam",
                   X_val=x_val[:, None], y_val=y_val, eval_every=50, snapshot_every=50)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
from lessons_lib import penalties  # noqa: E402

names = [name for name, _ in mlp.named_parameters()]
probe = models.MLP((1, 64, 64, 1), activation="tanh", seed=1)   # to evaluate the snapshots
x_span = np.linspace(x.min(), x.max(), 801)


def weights_only(params):
    return np.concatenate([p.ravel() for name, p in zip(names, params)
                           if penalties.is_penalized(name)])


snap_sumsq, snap_slope = [], []
for snap in hist.snapshots:
    snap_sumsq.append(np.sum(weights_only(snap) ** 2))
    probe.set_params(snap)
    snap_slope.append(np.max(np.abs(np.gradient(probe.predict(x_span[:, None]), x_span))))
snap_steps = np.array(hist.snapshot_steps)


def bump(v):
    """The first local maximum of v and the first local minimum after it (indices)."""
    rises = np.diff(v) > 0
    top = int(np.argmin(rises))
    return top, top + int(np.argmax(rises[top:]))


(s_top, s_low), (d_top, d_low) = bump(snap_sumsq), bump(snap_slope)

fig, axes = plots.new_figure(ncols=2, nrows=2, width=5.0, height=3.3)
ax_c, ax_l, ax_n, ax_h = axes.ravel()
ax_c.plot(x_grid, data.true_curve(x_grid), color=plots.TRUE, ls="--", lw=1.5,
          label="true function")
best_step = int(hist.step[np.argmin(hist.val_loss)])       # evaluated = snapshotted every 50 steps
for step, color, what in [(100, plots.COLORS["orange"], "early"),
                          (best_step, plots.COLORS["green"], "best validation"),
                          (3000, plots.COLORS["blue"], "end")]:
    probe.set_params(hist.snapshots[hist.snapshot_steps.index(step)])
    ax_c.plot(x_grid, probe.predict(x_grid[:, None]), color=color, lw=2,
              label=f"step {step} ({what})")
ax_c.scatter(x, y, color=plots.COLORS["black"], s=22, zorder=3, label="training points")
ax_c.set(xlabel="x", ylabel="y", ylim=(-3.5, 2.5), title="the network's curve during training")
ax_c.legend(loc="lower center", ncols=2, fontsize=9)
plots.loss_curves(ax_l, hist.step, hist.train_loss, hist.val_loss)
ax_l.axhline(NOISE**2, color=plots.COLORS["grey"], ls=":", lw=1.5, label="noise variance")
ax_l.legend(fontsize=9)
ax_l.set_title("training vs validation MSE")
ax_n.plot(snap_steps, snap_sumsq, color=plots.TRAIN, lw=2, label="Σw² (left axis)")
ax_n.set(xlabel="step", title="after an early bump, both climb")
ax_n.axvline(best_step, color=plots.COLORS["green"], ls=":", lw=1.5,
             label=f"step {best_step} (best validation)")
ax_n2 = ax_n.twinx()
ax_n2.plot(snap_steps, snap_slope, color=plots.COLORS["vermillion"], lw=2,
           label="steepest slope (right axis)")
for axis, color, name in [(ax_n, plots.TRAIN, "Σw² (weights only)"),
                          (ax_n2, plots.COLORS["vermillion"], "steepest slope |dŷ/dx|")]:
    axis.set_ylabel(name, color=color)                # each axis in its curve's colour
    axis.tick_params(axis="y", colors=color)
ax_n.legend(handles=ax_n.lines[:1] + ax_n2.lines + ax_n.lines[1:], loc="lower right", fontsize=9)
bins = np.logspace(-4, 1, 40)
ax_h.hist(np.abs(weights_only(hist.snapshots[0])), bins=bins, color=plots.COLORS["grey"],
          alpha=0.6, label="step 0 (initial)")
ax_h.hist(np.abs(weights_only(hist.snapshots[-1])), bins=bins, histtype="step", lw=2,
          color=plots.COLORS["vermillion"], label="step 3000")
big = [np.sum(np.abs(weights_only(hist.snapshots[k])) > 1) for k in (0, -1)]
ax_h.axvline(1, color=plots.COLORS["black"], ls=":", lw=1.2)
ax_h.text(1.15, 150, f"|w| > 1:\n{big[0]} → {big[1]}", fontsize=9)
ax_h.set(xscale="log", yscale="log", ylim=(0.7, 2000), xlabel="|w| (log scale)",
         ylabel="number of weights (log scale)", title="weight magnitudes, before and after")
ax_h.legend(loc="upper left", fontsize=9)
plots.show(fig, alt=f"The network trained 3000 steps without a penalty. Top left: its curve is "
                    f"smooth at step 100, follows the wave at step {best_step}, and bends through "
                    f"every training point at step 3000. Top right: training MSE falls to "
                    f"{hist.train_loss[-1]:.0e} while validation MSE, lowest at step {best_step} "
                    f"({np.min(hist.val_loss):.3f}), ends at {hist.val_loss[-1]:.3f}. Bottom left, "
                    f"an early bump: Σw² goes from {snap_sumsq[0]:.0f} to {snap_sumsq[s_top]:.1f} "
                    f"at step {snap_steps[s_top]} and down to {snap_sumsq[s_low]:.1f} at step "
                    f"{snap_steps[s_low]}, the steepest slope from {snap_slope[0]:.1f} to "
                    f"{snap_slope[d_top]:.1f} at step {snap_steps[d_top]} and down to "
                    f"{snap_slope[d_low]:.1f} at step {snap_steps[d_low]}; then both climb, Σw² "
                    f"to {snap_sumsq[snap_steps.tolist().index(best_step)]:.0f} by step "
                    f"{best_step} and {snap_sumsq[-1]:.0f} at the end, the slope to "
                    f"{snap_slope[-1]:.1f}. Bottom "
                    f"right, counts on a log scale: weights above 1 in size, {big[0]} at the "
                    f"start, {big[1]} at the end.")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
best = int(np.argmin(hist.val_loss))
print(f"validation MSE: lowest {hist.val_loss[best]:.3f} at step {hist.step[best]}, "
      f"final {hist.val_loss[-1]:.3f}")
print(f"training MSE at the end: {hist.train_loss[-1]:.4f}")
at = hist.snapshot_steps.index(best_step)
print(f"Σw²: {snap_sumsq[0]:.1f} at step 0, {snap_sumsq[at]:.0f} at step {best_step}, "
      f"{snap_sumsq[-1]:.0f} at step 3000")
print(f"steepest slope: {snap_slope[0]:.2f} at step 0, {snap_slope[at]:.1f} at step {best_step}, "
      f"{snap_slope[-1]:.1f} at step 3000 (true function: {true_slope:.2f})")
print(f"early bump: Σw² {snap_sumsq[s_top]:.1f} at step {snap_steps[s_top]} → "
      f"{snap_sumsq[s_low]:.1f} at step {snap_steps[s_low]}; steepest slope "
      f"{snap_slope[d_top]:.2f} at step {snap_steps[d_top]} → {snap_slope[d_low]:.2f} at step "
      f"{snap_steps[d_low]}")
print(f"after that, Σw² rises at every snapshot: {bool(np.all(np.diff(snap_sumsq[s_low:]) > 0))}; "
      f"the steepest slope peaks at {max(snap_slope):.1f} (step {snap_steps[np.argmax(snap_slope)]})")
w_start, w_end = np.abs(weights_only(hist.snapshots[0])), np.abs(weights_only(hist.snapshots[-1]))
print(f"weights with |w| > 1: {np.sum(w_start > 1)} → {np.sum(w_end > 1)} (of {w_end.size}); "
      f"largest |w|: {w_start.max():.2f} → {w_end.max():.2f}")

# %% [markdown]
# The same story, milder. At step 700 the network has learned the wave (validation MSE
# 0.085, near the floor), yet Σw² has already nearly doubled (113 → 219) and the steepest
# slope, 6.7, is about twice the truth's. Then training MSE heads to zero as it bends to
# each noisy point, validation MSE rises by about half, and by step 3000 Σw² reaches 635,
# the steepest slope 26.
#
# <details><summary>Go deeper: no single weight is enormous</summary>
#
# The largest weight stays under 9, but the number above 1 went from 13 to 84, and together
# they bend the curve into wiggles; the steepest slope ends over seven times the truth's.
#
# </details>
#
# Nothing in the loss told the network to keep its weights small: that is the gap
# regularization fills.

# %% [markdown]
# ### Exercise 1.3 · measure Σw²
#
# Write `sum_sq_weights(params)`: `params` maps parameter names to arrays, like
# `dict(mlp.named_parameters())` (`{"fc1.weight": ..., "fc1.bias": ..., ...}`). Return Σw²
# over the **weights** as a float, skipping every parameter whose name ends in `"bias"`.

# %%
def sum_sq_weights(params):
    raise NotImplementedError  # your code here


_ = exercises.check("1.3", sum_sq_weights)

# %% [markdown]
# <details><summary>Solution</summary>
#
# ```python
# def sum_sq_weights(params):
#     return float(sum(np.sum(p**2) for name, p in params.items()
#                      if not name.endswith("bias")))
# ```
# `lessons_lib.penalties.is_penalized(name)` encodes the same rule (weights yes, biases no);
# the course's penalties and `optim.decay_groups` use it. On the trained network,
# `sum_sq_weights(dict(mlp.named_parameters()))` is the last point of the Σw² curve above.
#
# </details>

# %% [markdown]
# ## Summary
#
# - An overfit model threads every noisy point with **big weights of both signs** that
#   nearly cancel; the curve swings violently between the points.
# - As capacity grows to the number of points, **training error falls to zero while
#   validation error soars**; more data pushes the danger back.
# - Slope is linear in the weights: for given features it is at most √(Σw²) times a fixed
#   number, so **a steep curve needs big weights**.
# - A network does the same: without a penalty, after an early bump, its Σw² and steepness
#   climb, most while it memorizes.
#
# "The penalty doesn't tell the network what to learn; it just makes flamboyant solutions
# expensive": notebook 2 adds λ·penalty(w) to the loss, so that big weights cost something.
#
# Next: [2 · The new objective](02_new_objective.ipynb)
