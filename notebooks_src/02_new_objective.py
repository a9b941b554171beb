# %% [markdown]
# # 2 · The new objective
#
# **Learning goals**
# - write the regularized objective *loss(data) + λ·penalty(weights)* in the course's
#   conventions;
# - drag λ and see it live: λ ≈ 0 overfits, a middle λ generalizes, a huge λ underfits;
# - pick λ at the bottom of the validation **U-curve**: λ is a **hyperparameter**, chosen on
#   validation data, never on training data.
#
# An overfit model needs huge weights to thread every noisy point
# ([notebook 1](01_big_weights.ipynb)). Regularization changes what "best" means: the
# weights that fit the training data well **and** are small.
#
# *Time: about 32 minutes (reading, dragging the sliders, exercises).*
#
# *Express path: sections 1 and 3, about 8 minutes.*

# %% [markdown]
# ## 1 · The objective, written out <!-- express -->
#
# The model is linear in features φ₁(x), …, φ_d(x), with weights w and an intercept b:
# ŷᵢ = b + Σⱼ wⱼ·φⱼ(xᵢ). Training minimizes over w and b
#
# $$
# J(w, b) \;=\; \underbrace{\frac{1}{n}\sum_{i=1}^{n}\big(\hat y_i - y_i\big)^2}_{\text{loss(data): the MSE}}
# \;+\; \underbrace{\lambda\sum_{j=1}^{d} w_j^2}_{\text{λ·penalty(w): the weight bill}}
# $$
#
# - **loss(data)** is the mean squared error (1/n)Σ(ŷ − y)²: a mean, with no ½.
# - **penalty(w) = Σw²** is the L2 penalty ([notebook 3](03_l2.ipynb)); its term λ·Σw² has
#   gradient 2λw. The L1 penalty Σ|w| ([notebook 4](04_l1_sparsity.ipynb)) gives the
#   subgradient λ·sign(w).
# - **The intercept b is not penalized**: it only shifts the curve.
# - **λ ≥ 0** is the exchange rate between accuracy and weight size: λ = 0 means no
#   regularization; a large λ makes weights so expensive that the model gives up accuracy.
#
# Every λ here is the course's λ (the [conventions table](12_conventions.ipynb#conventions)
# translates it for PyTorch and scikit-learn). `penalties.l2(λ).value(w)` is the bill:

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, models, penalties, plots, widgets

w = np.array([3.0, -2.0, 0.5])          # three weights
data_loss = 0.10                        # a made-up MSE on the training set
bill = penalties.l2(0.01).value(w)      # λ·Σw² = 0.01·(9 + 4 + 0.25)
print(f"data loss {data_loss:.4f} + weight bill {bill:.4f} = objective {data_loss + bill:.4f}")

# %% [markdown]
# ## 2 · The overfitting set
#
# 15 noisy points from the curve sin(πx) + 0.3·x, and **15 features**, the Legendre
# polynomials of degree 1 to 15: with the intercept, 16 parameters for 15 points, so the
# model can pass through every point. A **validation set** of 60 points, drawn the same way
# with another seed, scores the fits and never makes them.

# %%
prob = data.objective_set()        # 15 training points (seed 1), 60 for validation (seed 2)
x, y, x_val, y_val, x_grid = prob.x, prob.y, prob.x_val, prob.y_val, prob.x_grid
DEGREE = 15
X, X_val, X_grid = prob.features(DEGREE)
# The validation loss of the true curve itself: the noise that no model can predict.
noise_floor = np.mean((data.true_curve(x_val) - y_val) ** 2)
print(f"noise floor on validation: {noise_floor:.4f}")


# %% [markdown]
# ### λ = 0: plain least squares
#
# With λ = 0 the objective is the MSE alone; `linear.fit_linear(..., lam=0)` solves it
# exactly (of the many exact solutions, it returns the one with the smallest Σw²):

# %%
# NBVAL_CHECK_OUTPUT
def mse(coef, intercept, X, y):
    """Mean squared error of a linear fit (one row of coefficients per fit)."""
    return np.mean((np.atleast_2d(coef) @ X.T + np.reshape(intercept, (-1, 1)) - y) ** 2, axis=1)


w0, b0 = linear.fit_linear(X, y, penalty="l2", lam=0.0)
print(f"λ = 0: training MSE {mse(w0, b0, X, y)[0]:.4f}   "
      f"validation MSE {mse(w0, b0, X_val, y_val)[0]:.4g}")
print(f"       Σw² = {np.sum(w0**2):.4g}   largest |prediction| on [-1, 1]: "
      f"{np.max(np.abs(X_grid @ w0 + b0)):.4g}")

# %% [markdown]
# A training loss of 0, a validation loss of about a hundred thousand, and predictions in
# the ten thousands between the points: when λ = 0, weights are free.

# %% [markdown]
# ## 3 · Drag λ: overfit → good → underfit <!-- express -->
#
# With the L2 penalty the minimizer of J has a closed form (ridge regression):
# `linear.regularization_path` gives the **exact** fit at 73 values of λ from 10⁻⁷ to 10².
# The slider steps through every fourth, on a log scale; its left end, λ = 10⁻⁷, stands in
# for "almost no regularization".

# %%
from lessons_lib import runs_curves

run = runs_curves.objective_path()           # the exact fits at 73 λ, eight per decade
LAMS, coefs, train_loss, val_loss = run.lams, run.coefs, run.train_loss, run.val_loss
sum_w2, weight_bill, best = run.sum_w2, run.bill, run.best
curves = run.curves                                        # every fitted curve on x_grid
print(f"{len(LAMS)} exact fits; validation loss is lowest at λ = {LAMS[best]:.3g}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_fit, ax_u, ax_bill) = plots.new_figure(ncols=3, width=4.3, height=3.6)
PARTS = ["data loss\n(1/n)Σ(ŷ−y)²", "weight bill\nλ·Σw²", "objective J\n(the sum)"]


def verdict(i):
    """The panel's reading of the U-curve at grid position i."""
    if val_loss[i] <= 1.5 * val_loss[best]:
        return "best on the grid" if i == best else "near the best λ"
    return "overfits" if i < best else "underfits"


def dress(i, values):
    """Around the data: validation points, ȳ, noise floor, labels, limits, legends; returns
    the frame's sentence."""
    ax_fit.scatter(x_val, y_val, facecolors="none", edgecolors=plots.VAL, s=16, lw=0.8,
                   alpha=0.7, zorder=1, label="validation points")
    ax_fit.axhline(y.mean(), color=plots.COLORS["black"], ls=":", lw=1, label="mean ȳ")
    ax_fit.get_legend().remove()                  # one legend under the figure
    fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower left", ncols=3,
               frameon=False)
    ax_u.plot([LAMS[i]], [train_loss[i]], "o", color=plots.TRAIN, ms=7,
              mec=plots.COLORS["black"])
    ax_u.axhline(noise_floor, color=plots.TRUE, ls=":", lw=1.2, label="noise floor")
    ax_u.set_ylim(2e-3, 1e3)
    ax_u.legend(loc="upper right")
    ax_bill.patches[1].set(hatch="//", edgecolor="white")     # the bill (L2's blue): hatched
    for k, v in enumerate(values):
        ax_bill.text(k, v * 1.15, f"{v:.2g}", ha="center", va="bottom", fontsize=9)
    ax_bill.set(yscale="log", ylim=(1e-4, 3), ylabel="value at the fit (log scale)")
    return (f"λ = {LAMS[i]:.3g}: {verdict(i)}; training loss {train_loss[i]:.3g}, validation "
            f"{val_loss[i]:.3g}; the weight bill λ·Σw² = {weight_bill[i]:.2g}")


# %%
# fig, its axes ax_fit, ax_u and ax_bill, PARTS (the bars' names), verdict(i) (overfits,
# near the best λ, underfits) and dress: the collapsed cell above
def show_objective(lam):
    i = run.row(lam)      # its row among all 73 λ solved (run.index: its slider notch, of 19)
    # left: the fit at this λ (the axes clip the wildest swings)
    plots.fit_plot(ax_fit, x, y, x_grid, np.clip(curves[i], -50, 50),
                   truth=data.true_curve(x_grid), label="fitted curve")
    ax_fit.set_title(f"λ = {lam:.3g}: {verdict(i)}")
    # middle: the U-curve, with the current λ marked
    _, _, marker = plots.lam_curves(ax_u, LAMS, train_loss, val_loss)
    marker.set_data([LAMS[i]], [val_loss[i]])
    ax_u.set_title(f"training {train_loss[i]:.3g}, validation {val_loss[i]:.3g}")
    # right: data loss + weight bill = objective J
    values = [train_loss[i], weight_bill[i], train_loss[i] + weight_bill[i]]
    ax_bill.bar(PARTS, values, color=[plots.TRAIN, plots.L2C, plots.COLORS["grey"]])
    ax_bill.set_title(f"the weight bill (Σw² = {sum_w2[i]:.4g})")
    return dress(i, values)   # validation points, ȳ, noise floor, labels (collapsed above)


widgets.live(fig, show_objective, title="the new objective",
             lam=widgets.slider("λ", run.grid, 1e-7))   # every 4th λ of LAMS

# %% [markdown]
# Left: the fit (dotted: the mean ȳ of the training targets). Middle: training and
# validation loss against λ. Right: the data loss, the bill λ·Σw² and their sum J.
#
# **Drag from the left end.**
#
# - **λ ≈ 0**: the curve passes through or next to every black point and swings wildly
#   between them; training loss is tiny, validation loss huge. The bill is tiny too,
#   *although* Σw² is in the thousands: big weights are almost free.
# - **Middle**: the wiggles calm down; near the bottom of the U the curve stops chasing the
#   noise, except in the gap with no training point (x from 0.1 to 0.5). Training loss has
#   gone *up*, validation loss *down*.
# - **Large λ**: weights are too expensive to use. The curve flattens to ȳ and both losses
#   rise: the model underfits.
#
# <details><summary>Go deeper: why the curve goes flat at the mean</summary>
#
# As λ → ∞ every weight is driven to 0, but b is not in the penalty, so it stays free.
# With w = 0 the model predicts the constant b for every x, and the constant with the
# smallest MSE is the mean: b = ȳ. So the training loss at a huge λ approaches the
# variance of y, the MSE of "always predict the mean" (the table below checks it). Had we
# penalized b too, a huge λ would pull the curve to y = 0 instead, which is a statement
# about where the y-axis happens to be, not about the data.
#
# </details>
#
# <details><summary>Go deeper: λ = 10⁻⁷ is not λ = 0</summary>
#
# A log slider cannot reach 0. The exact λ = 0 fit above is wilder than the leftmost
# position: even a tiny bill forbids its most extreme weights. Σw² drops from about 2·10⁷
# at λ = 0 to about 3700 at λ = 10⁻⁷, and the fit still overfits badly. Adding a little λ
# to a nearly singular least-squares problem is also how numerical analysts stabilize it.
#
# </details>

# %% [markdown]
# ## 4 · The best λ on the grid
#
# The best λ is where the **validation** loss is lowest. Three fits along the grid:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"best λ on the grid: {LAMS[best]:.4g}  (grid position {best} of {len(LAMS) - 1})")
print(f"{'λ':>8} {'training':>9} {'validation':>11} {'Σw²':>10} {'λ·Σw²':>8}")
for i in (0, best, len(LAMS) - 1):
    print(f"{LAMS[i]:8.2g} {train_loss[i]:9.4f} {val_loss[i]:11.4f} {sum_w2[i]:10.4g} "
          f"{weight_bill[i]:8.4f}")
print(f"variance of the training targets: {np.var(y):.4f}   noise floor: {noise_floor:.4f}")
far = np.abs(curves[best] - data.true_curve(x_grid))          # the best fit vs the truth
gap = (x_grid > 0.1) & (x_grid < 0.5)                         # no training point in there
print(f"best fit's largest distance from the true function: {far[~gap].max():.2f}, "
      f"{far[gap].max():.2f} for x in (0.1, 0.5)")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, axes = plots.new_figure(ncols=3, width=3.6, height=2.9)
for ax, i, name in zip(axes, (0, best, len(LAMS) - 1), ("overfit", "about right", "underfit")):
    plots.fit_plot(ax, x, y, x_grid, np.clip(curves[i], -50, 50), truth=data.true_curve(x_grid),
                   label="fitted curve")
    ax.set_title(f"{name}: λ = {LAMS[i]:.2g}\ntrain {train_loss[i]:.3f}, "
                 f"validation {val_loss[i]:.3g}", fontsize=10)
    ax.get_legend().remove()
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3,
           frameon=False)                         # one legend for the three, under them
plots.show(fig, alt=f"Three fits of the same {len(x)} points. Overfit, λ = {LAMS[0]:.2g}: the "
                    f"curve swings far off the plot between the points; training loss "
                    f"{train_loss[0]:.3f}, validation {val_loss[0]:.3g}. About right, λ = "
                    f"{LAMS[best]:.2g}: the curve follows the true wave except between x = 0.1 "
                    f"and 0.5, where no training point holds it; training {train_loss[best]:.3f}, "
                    f"validation {val_loss[best]:.3g}. Underfit, λ = {LAMS[-1]:.2g}: a flat line at "
                    f"the mean ȳ = {np.mean(y):.2f}; training {train_loss[-1]:.3f}, validation "
                    f"{val_loss[-1]:.3g}.")

# %% [markdown]
# - At λ = 10⁻⁷: training loss 0.006, validation loss 174.
# - At the best λ ≈ 0.03 the validation loss is 0.21, some 800 times lower, but above the
#   noise floor (0.059): the fit stays within 0.5 of the true function except between
#   x = 0.1 and 0.5, where no training point holds it and it drifts up to 0.84 away.
# - At λ = 100 the training loss (0.6313) has almost reached the variance of y (0.6349):
#   the model is nearly the constant ȳ.
#
# <details><summary>Go deeper: where the excess over the noise floor comes from</summary>
#
# The 15 of the 60 validation points that lie between x = 0.1 and 0.5 carry about 80 % of
# the excess over the noise floor: there the fitted curve drifts away from the true one
# (the middle plot above). More training points there would help more than any λ.
#
# </details>

# %% [markdown]
# ## 5 · λ is a hyperparameter: choose it on validation data
#
# In the U-curve panel the training loss rises from left to right, and must: a smaller λ
# lets the fit trade more bill for less training loss, so the training loss never goes down
# as λ grows (the fold proves it). **Choosing λ by training loss always picks the smallest
# λ**, the most overfit model. λ is a *hyperparameter*, judged on data the fit never saw.
#
# The recipe: fit at many λ (log-spaced), score each on the validation set, keep the λ at
# the bottom of the U. That validation loss is slightly optimistic (λ was picked to make it
# small): report a **test set** that played no part in any choice (`data.split` makes
# one), or cross-validate when data is scarce.
#
# <details><summary>Go deeper: why Σw² never rises and the training loss never falls as λ grows</summary>
#
# For **every** penalty P ≥ 0, as long as the fits are true minimizers: let w₁ minimize
# L + λ₁P and w₂ minimize L + λ₂P, with λ₁ < λ₂ (L is the data loss). Each is at least as
# good as the other on its own objective:
# L(w₁) + λ₁P(w₁) ≤ L(w₂) + λ₁P(w₂) and L(w₂) + λ₂P(w₂) ≤ L(w₁) + λ₂P(w₁). Adding the two
# gives (λ₂ − λ₁)·(P(w₂) − P(w₁)) ≤ 0, so P(w₂) ≤ P(w₁): the penalty never goes up as λ
# grows. Putting that back into the first inequality gives L(w₂) ≥ L(w₁): the training
# loss never goes down. A larger λ buys smaller weights with a worse fit.
#
# For ridge, Σw² even decreases strictly, on every data set but one kind: if Xᵀy = 0 for the
# centered features X (no feature correlates with y), then w = 0 for every λ. Write X
# through its singular value decomposition X = U·diag(s)·Vᵀ. The ridge solution is
# w = Σₖ sₖ/(sₖ² + nλ) · (uₖᵀy) · vₖ, and since the vₖ are orthonormal,
# Σw² = Σₖ (sₖ · uₖᵀy / (sₖ² + nλ))². Each term shrinks as λ grows, strictly when
# sₖ·uₖᵀy ≠ 0; and some sₖ·uₖᵀy ≠ 0 exactly when Xᵀy = V·diag(s)·Uᵀy ≠ 0.
#
# The U is also shallow near its bottom: neighboring grid values are almost as good, so do
# not read much into the third digit of the best λ.
#
# </details>

# %% [markdown]
# ## 6 · Gradient descent lands on the same fits
#
# A neural network has no exact solver: it is trained by gradient descent on the same kind
# of objective, each step adding the penalty's gradient 2λw to the data gradient (PyTorch's
# `SGD` with `weight_decay` = 2λ; [conventions table](12_conventions.ipynb#conventions)).
# `sweep` (from `lessons_lib.sweep`) trains one model per λ at once, from w = 0, with
# η = 0.45 for 3000 steps:

# %%
# NBVAL_CHECK_OUTPUT
from lessons_lib.sweep import sweep

gd_lams = np.array([LAMS[best], 0.1, 1.0])
fits, hist = sweep(models.LinearRegression(DEGREE), X, y, lams=gd_lams, lr=0.45, steps=3000,
                   X_val=X_val, y_val=y_val, eval_every=3000)
exact = [run.row(lam) for lam in gd_lams]
print("λ:                           ", np.round(gd_lams, 4))
print("validation, gradient descent:", np.round(hist.val_loss[-1], 4))
print("validation, exact solver:    ", np.round(val_loss[exact], 4))
print("same weights (to 1e-6):", np.allclose(fits.weight, coefs[exact], rtol=0, atol=1e-6))

# %% [markdown]
# Same losses, same weights. η = 0.45 is under the safe step size [notebook 3](03_l2.ipynb)
# works out; a λ of 100 would need a much smaller η.

# %% [markdown]
# ## Exercises
#
# ### Exercise 2.1 · the objective by hand
#
# A model with weights w = (2, −1, 0.5) and intercept b = 3 has a training MSE of 0.30.
# With λ = 0.1, what is the objective J? Work it out on paper.

# %%
your_answer = ...   # a number
_ = exercises.check("2.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# Σw² = 2² + (−1)² + 0.5² = 5.25, so the bill is λ·Σw² = 0.525 and J = 0.30 + 0.525 =
# **0.825**. The intercept b = 3 does not appear. Two common slips: adding b² (1.725) or
# writing the penalty with a ½ (0.5625); neither is the course's objective.
#
# </details>
#
# ### Exercise 2.2 · pick λ on another draw
#
# A colleague repeated the experiment on another draw of 15 training points (seed 3), same
# validation set, and printed the exact fits' losses at one λ per decade. Which λ should
# they use?

# %% jupyter={"source_hidden": true} tags=["hide-input"]
table = runs_curves.other_draw()      # exact ridge fits on the draw of seed 3
print(f"{'λ':>8} {'training':>9} {'validation':>11}")
for lam, tr, va in zip(table.grid, table.train_loss, table.val_loss):
    print(f"{lam:8.0e} {tr:9.4f} {va:11.4f}")

# %%
your_answer = ...   # one of the λ in the table, e.g. 1e-4
_ = exercises.check("2.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ = **0.01**: its validation loss (0.082) is the lowest in the column, against 0.142
# at λ = 0.001 and 0.169 at λ = 0.1. The training column is smallest at λ = 10⁻⁶, the
# most overfit fit, which is exactly why it must not be used to choose λ.
#
# </details>
#
# ### Exercise 2.3 · the size of the bill (use the panel)
#
# Drag λ from left to right and watch the right panel. Σw² in its title only ever falls.
# Does the bill λ·Σw² fall too? At which λ on the slider is the **bill** largest?

# %%
your_answer = ...   # the λ the slider shows
_ = exercises.check("2.3", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# At λ ≈ 0.316, where the bill is 0.14 (0.11 one notch left, 0.1 one notch right). The bill
# is small at both ends: at a tiny λ because λ is tiny, at a huge λ because the weights are
# almost 0 (Σw² falls like 1/λ², so λ·Σw² falls like 1/λ). So the size of the bill is not
# the size of the weights: the weights are largest at the left end (Σw² = 3712), where the
# bill is 0.0004 (one notch right it is smaller still, 0.00026). The objective J, data loss plus bill, only ever grows with λ. Why Σw²
# falls is in section 5's fold.
#
# In code: `LAMS[np.argmax(weight_bill)]` on the panel's 73-point grid gives the same λ.
#
# </details>

# %% [markdown]
# ## Summary
#
# - Regularized training minimizes **J = loss(data) + λ·penalty(w)**: here the MSE plus
#   λ·Σw² (no ½), the intercept never penalized.
# - **λ = 0** interpolates the 15 noisy points (Σw² ≈ 2·10⁷); at a huge λ the weights
#   vanish and the model predicts the **mean ȳ**.
# - Validation loss against λ traces a **U**: overfit → good → underfit, here with its
#   bottom at λ ≈ 0.03.
# - **λ is a hyperparameter**: choose it at the bottom of the validation U, never by
#   training loss; report a test set.
# - Gradient descent on J, with a safe step size, lands on the exact solver's fits.
#
# Next: [3 · L2: a pull proportional to size](03_l2.ipynb).
