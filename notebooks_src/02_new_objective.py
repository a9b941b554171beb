# %% [markdown]
# # 2 · The new objective
#
# **Learning goals**
# - write the regularized objective *loss(data) + λ·penalty(weights)* with the course's
#   conventions, and evaluate it by hand;
# - see what λ does, live: λ ≈ 0 overfits, a middle λ generalizes, a huge λ underfits;
# - read the **U-curve** of validation loss against λ and pick λ from it;
# - explain the two ends: λ = 0 is plain least squares, and a huge λ flattens the model to
#   the mean of the targets because the intercept is not penalized;
# - know that λ is a **hyperparameter**, chosen on validation data, never on training data.
#
# An overfit model threads its curve through every noisy training point, and it needs huge
# weights to do so ([notebook 1](01_big_weights.ipynb)). Regularization changes what
# "best" means: instead of the weights that fit the training data best, we ask for the
# weights that fit it well **and** are small.

# %% [markdown]
# ## The objective, written out
#
# The model is a linear model on features φ₁(x), …, φ_d(x) with weights w and an intercept
# (bias) b: ŷᵢ = b + Σⱼ wⱼ·φⱼ(xᵢ). Training minimises over w and b
#
# $$
# J(w, b) \;=\; \underbrace{\frac{1}{n}\sum_{i=1}^{n}\big(\hat y_i - y_i\big)^2}_{\text{loss(data): the MSE}}
# \;+\; \underbrace{\lambda\sum_{j=1}^{d} w_j^2}_{\text{λ·penalty(w): the weight bill}}
# $$
#
# - **loss(data)** is the mean squared error, a *mean* (1/n) with no ½.
# - **penalty(w) = Σw²** is the L2 penalty (notebook 3); the term λ·Σw² has gradient
#   2λw. Swap Σw² for Σ|w| and you get the L1 penalty (notebook 4), whose term λ·Σ|w| has
#   subgradient λ·sign(w).
# - **The intercept b is not in the penalty.** It only shifts the curve up or down; making
#   it expensive would pull every prediction towards 0 for no reason.
# - **λ ≥ 0** sets the exchange rate between accuracy and weight size. λ = 0 means no
#   regularization; a large λ makes weights so expensive that the model gives up accuracy
#   to keep them small.
#
# Libraries scale this objective differently: PyTorch's `weight_decay` is 2λ, and
# scikit-learn's `Ridge(alpha)` is n·λ. Every λ in this notebook is the course's λ above;
# the [conventions table](00_start_here.ipynb#conventions) translates.
#
# The two parts are easy to compute. `lessons_lib.penalties.l2(λ).value(w)` is the bill
# λ·Σw²:

# %%
# %matplotlib inline
import numpy as np

from lessons_lib import data, exercises, linear, models, penalties, plots, train, widgets

w = np.array([3.0, -2.0, 0.5])          # three weights
data_loss = 0.10                        # a made-up MSE on the training set
lam = 0.01
bill = penalties.l2(lam).value(w)       # λ·Σw² = 0.01·(9 + 4 + 0.25)
print(f"data loss {data_loss:.4f} + weight bill {bill:.4f} = objective {data_loss + bill:.4f}")

# %% [markdown]
# ## The overfitting set
#
# 15 noisy points from the smooth curve sin(πx) + 0.3·x, noise standard deviation 0.25
# (`data.noisy_curve`), and a model with **15 features**: Legendre polynomials of degree
# 1 to 15 (`data.polynomial_features`; they span the same curves as x, x², …, x¹⁵ but stay
# numerically sane). With the intercept that is 16 parameters for 15 points, so the model
# can pass through every training point exactly.
#
# To judge a fit we need points the model never saw: a **validation set** of 60 points
# drawn the same way with another seed. Its only job is to score fits, never to make them.

# %%
x, y = data.noisy_curve(15, seed=1)                 # training set
x_val, y_val = data.noisy_curve(60, seed=2)         # validation set: same curve, other noise
DEGREE = 15
X = data.polynomial_features(x, DEGREE)
X_val = data.polynomial_features(x_val, DEGREE)
x_grid = np.linspace(-1, 1, 400)
X_grid = data.polynomial_features(x_grid, DEGREE)
# The validation loss of the true curve itself: the noise that no model can predict.
noise_floor = np.mean((data.true_curve(x_val) - y_val) ** 2)
print(f"training set {X.shape}, validation set {X_val.shape}; "
      f"noise floor on validation: {noise_floor:.4f}")


# %% [markdown]
# ### λ = 0: plain least squares
#
# With λ = 0 the objective is the MSE alone: ordinary least squares.
# `linear.fit_linear(..., lam=0)` solves it exactly (16 parameters for 15 points: many
# exact solutions exist, and it returns the one with the smallest Σw²). Even that one is
# monstrous:

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
# A training loss of 0 and a validation loss of about a hundred thousand: the curve
# passes through every training point and swings to values in the ten thousands between
# them. Nothing in the objective stops it: when λ = 0, weights are free. This is the
# "nervous network" of notebook 1 in its purest form.

# %% [markdown]
# ## Drag λ: overfit → good → underfit
#
# For a linear model with the L2 penalty the minimiser of J has a closed form (ridge
# regression), so `linear.regularization_path` gives the **exact** fit at 73 values of λ
# from 10⁻⁷ to 10², eight per decade, in one call; they give the smooth loss curves of
# the middle panel. The slider steps through every fourth of them, two per decade, and
# each of its positions is drawn when the cell runs.
#
# The slider is on a log scale: each notch multiplies λ by the same factor (10^½ ≈ 3.16).
# A log slider cannot reach 0, so **the leftmost position, λ = 10⁻⁷, stands in for "almost
# no regularization"**. It is not quite λ = 0: the exact λ = 0 fit above is wilder still,
# because even a tiny bill is enough to forbid its most extreme weights (Σw² drops from
# about 2·10⁷ at λ = 0 to about 3700 at λ = 10⁻⁷, and the fit still overfits badly).
# Adding a little λ to a nearly singular least-squares problem is also how numerical
# analysts stabilise it.
#
# Three views of the same fit:
# - **left**: the fitted curve, the training points (black), the validation points (hollow
#   orange), the true curve (grey dashes) and the mean of the training targets ȳ (dotted);
# - **middle**: training and validation loss against λ, with markers at the current λ and
#   the noise floor (the validation loss of the true curve);
# - **right**: the weight bill at the fit: the data loss, the bill λ·Σw² and their sum,
#   the objective J (log scale).

# %%
LAMS = widgets.log_grid(-7, 2, 0.125)            # 73 values of λ, eight per decade
coefs, intercepts = linear.regularization_path(X, y, LAMS, penalty="l2")
train_loss = mse(coefs, intercepts, X, y)
val_loss = mse(coefs, intercepts, X_val, y_val)
sum_w2 = np.sum(coefs**2, axis=1)
weight_bill = LAMS * sum_w2
curves = coefs @ X_grid.T + intercepts[:, None]            # every fitted curve on x_grid
best = int(np.argmin(val_loss))
print(f"{len(LAMS)} exact fits; validation loss is lowest at λ = {LAMS[best]:.3g}")

# %%
fig, (ax_fit, ax_u, ax_bill) = plots.new_figure(ncols=3, width=4.3, height=3.6)
PARTS = ["data loss\n(1/n)Σ(ŷ−y)²", "weight bill\nλ·Σw²", "objective J\n(the sum)"]


def show_objective(lam):
    i = widgets.nearest(LAMS, lam)
    gap = val_loss[i] / val_loss[best]
    verdict = ("overfits" if gap > 1.5 and i < best else "underfits" if gap > 1.5 else
               "best on the grid" if i == best else "near the best λ")

    # (a) the fit; far outside the axes, the curve just leaves them
    ax_fit.scatter(x_val, y_val, facecolors="none", edgecolors=plots.VAL, s=16, lw=0.8,
                   alpha=0.7, label="validation points")
    plots.fit_plot(ax_fit, x, y, x_grid, np.clip(curves[i], -50, 50),
                   truth=data.true_curve(x_grid), label="fitted curve", ylim=(-2.5, 2.5))
    ax_fit.axhline(y.mean(), color=plots.COLORS["black"], ls=":", lw=1, label="mean ȳ")
    ax_fit.set_title(f"λ = {lam:.3g}: {verdict}")

    # (b) the U-curve, with the current λ marked on both losses
    _, _, marker = plots.lam_curves(ax_u, LAMS, train_loss, val_loss)
    marker.set_data([LAMS[i]], [val_loss[i]])
    ax_u.plot([LAMS[i]], [train_loss[i]], "o", color=plots.TRAIN, ms=7,
              mec=plots.COLORS["black"])
    ax_u.axhline(noise_floor, color=plots.TRUE, ls=":", lw=1.2, label="noise floor")
    ax_u.set(ylim=(2e-3, 1e3),
             title=f"training {train_loss[i]:.3g}, validation {val_loss[i]:.3g}")
    ax_u.legend(loc="upper right")                # above the curves, at every λ

    # (c) the weight bill
    values = [train_loss[i], weight_bill[i], train_loss[i] + weight_bill[i]]
    ax_bill.bar(PARTS, values, color=[plots.TRAIN, plots.L1C, plots.COLORS["grey"]])
    for k, v in enumerate(values):
        ax_bill.text(k, v * 1.15, f"{v:.2g}", ha="center", va="bottom", fontsize=9)
    ax_bill.set(yscale="log", ylim=(1e-4, 3), ylabel="value at the fit (log scale)",
                title=f"the weight bill (Σw² = {sum_w2[i]:.4g})")

    # the fit's legend goes below the figure, where it hides no data
    ax_fit.get_legend().remove()
    fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower left", ncols=3,
               frameon=False)


widgets.live(fig, show_objective, title="the new objective",
             lam=widgets.log_slider("λ", 1e-7, -7, 2, step=0.5))   # every 4th λ of LAMS

# %% [markdown]
# **What to try.** Start at the left end and drag right slowly.
#
# - **λ ≈ 0 (left)**: the curve hits every black point and swings wildly between them;
#   training loss is tiny, validation loss is huge. The bill is tiny too, *although* Σw²
#   is in the thousands: at this λ big weights are almost free, so the model buys every
#   bit of accuracy with them.
# - **Middle**: between λ = 10⁻⁵ and 10⁻² the wiggles calm down one by one, and near the
#   bottom of the U the curve follows the grey true curve instead of the noise. Training
#   loss has gone *up* (the curve no longer hits the points) while validation loss has
#   come *down* by a factor of several hundred.
# - **Large λ (right)**: the weights are too expensive to use. The curve flattens towards
#   the dotted line ȳ, both losses rise to the spread of the data around its mean, and
#   the model underfits: it no longer even follows the obvious trend.
#
# Watch the bill panel along the way: the bill λ·Σw² starts tiny, grows while λ rises
# faster than Σw² falls, then shrinks again as the weights give up. The data loss only
# ever goes up. Exercise 4 returns to this.
#
# ### Why the curve goes flat at the mean
#
# As λ → ∞ every weight is driven to 0, but b is not in the penalty, so it stays free.
# With w = 0 the model predicts the constant b for every x, and the constant with the
# smallest MSE is the mean: b = ȳ. So the training loss at a huge λ approaches the
# variance of y, the MSE of "always predict the mean", which the next cell checks. Had we
# penalized b too, a huge λ would pull the curve to y = 0 instead, which is a statement
# about where the y-axis happens to be, not about the data.
#
# ## The best λ on the grid
#
# The best λ is where the **validation** loss is lowest:

# %%
# NBVAL_CHECK_OUTPUT
print(f"best λ on the grid: {LAMS[best]:.4g}  (grid position {best} of {len(LAMS) - 1})")
print(f"{'λ':>8} {'training':>9} {'validation':>11} {'Σw²':>10} {'λ·Σw²':>8}")
for i in (0, best, len(LAMS) - 1):
    print(f"{LAMS[i]:8.2g} {train_loss[i]:9.4f} {val_loss[i]:11.4f} {sum_w2[i]:10.4g} "
          f"{weight_bill[i]:8.4f}")
print(f"variance of the training targets: {np.var(y):.4f}   noise floor: {noise_floor:.4f}")

# %%
fig, axes = plots.new_figure(ncols=3, width=3.6, height=2.9)
for ax, i, name in zip(axes, (0, best, len(LAMS) - 1), ("overfit", "about right", "underfit")):
    plots.fit_plot(ax, x, y, x_grid, np.clip(curves[i], -50, 50), truth=data.true_curve(x_grid),
                  label="fitted curve")
    ax.set_title(f"{name}: λ = {LAMS[i]:.2g}\ntrain {train_loss[i]:.3f}, "
                 f"validation {val_loss[i]:.3g}", fontsize=9)
    ax.get_legend().remove()
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3,
           frameon=False)                         # one legend for the three, under them
fig

# %% [markdown]
# Read the table against the panel:
#
# - At λ = 10⁻⁷ the model is nearly unregularized: training loss about 0.006, validation
#   loss in the hundreds, Σw² in the thousands.
# - At the best λ ≈ 0.03 the validation loss is about 0.21, some 800 times lower. It is
#   still above the noise floor (0.059): 15 points do not pin the curve down everywhere,
#   and most of the excess comes from the gap between x = 0.1 and x = 0.5, where there is
#   no training point and the curve drifts from the true one.
# - At λ = 100, Σw² is practically 0 and the training loss (0.6313) has reached the
#   variance of y (0.6349): the model is the constant ȳ.
#
# ## λ is a hyperparameter: choose it on validation data
#
# The training loss rises steadily from left to right in the U-curve panel. That is no
# accident: the fit at λ minimises *training loss + bill*, and a smaller λ lets it trade
# more bill for less training loss (the solution of Exercise 3 proves that the training
# loss can never go down as λ grows). **Choosing λ by training loss therefore always
# picks λ = 0**, the most overfit model. λ is not learned by the optimizer like w and b;
# it is a *hyperparameter*, a setting of the training procedure, and it has to be judged
# on data the fit never saw.
#
# The recipe: fit at many λ (log-spaced), score each fit on the validation set, keep the
# λ at the bottom of the U. Two caveats worth knowing:
#
# - The validation loss at the chosen λ is slightly optimistic, because λ was picked to
#   make it small. For an honest final number, evaluate once on a **test set** that played
#   no part in any choice (`data.split` cuts a data set into training, validation and test
#   parts), or use cross-validation when data is scarce.
# - The U is shallow near its bottom: neighbouring grid values are almost as good, so do
#   not read too much into the third digit of the best λ.

# %% [markdown]
# ## Gradient descent lands on the same fits
#
# The exact solver is a shortcut available for linear models. A neural network is trained
# by gradient descent on the same kind of objective, each step adding the penalty's
# gradient 2λw to the data gradient. `train.sweep` runs gradient descent for several λ at
# once; started from w = 0 with η = 0.5 for 3000 steps, it reaches the exact losses. (A
# λ of 100 would need a much smaller η: the pull 2λw then overshoots, see notebook 6.)

# %%
# NBVAL_CHECK_OUTPUT
gd_lams = np.array([LAMS[best], 0.1, 1.0])
fits, hist = train.sweep(models.LinearRegression(DEGREE), X, y, lams=gd_lams, lr=0.5, steps=3000,
                         X_val=X_val, y_val=y_val, eval_every=3000)
exact = [widgets.nearest(LAMS, lam) for lam in gd_lams]
for k, (lam, i) in enumerate(zip(gd_lams, exact)):
    print(f"λ = {lam:6.4g}  gradient descent: train {hist.train_loss[-1, k]:.4f}, "
          f"validation {hist.val_loss[-1, k]:.4f}   exact: train {train_loss[i]:.4f}, "
          f"validation {val_loss[i]:.4f}")
print("same weights as the exact fits (to 1e-6):",
      np.allclose(fits.weight, coefs[exact], rtol=0, atol=1e-6))

# %% [markdown]
# ## Exercises
#
# ### Exercise 1: the objective by hand
#
# A model with weights w = (2, −1, 0.5) and intercept b = 3 has a data loss (MSE) of 0.30
# on its training set. With the course's λ = 0.1, what is the value of the objective J?
# Work it out on paper, then type the number.

# %%
answer1 = ...   # a number

_ = exercises.check_value(answer1, 0.30 + 0.1 * (2**2 + 1**2 + 0.5**2), name="Exercise 1",
                          hint="J = data loss + λ·Σw². Square every weight (no ½), and "
                               "leave the intercept b out: it is not penalized.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# Σw² = 2² + (−1)² + 0.5² = 4 + 1 + 0.25 = 5.25, so the bill is λ·Σw² = 0.1 · 5.25 =
# 0.525 and J = 0.30 + 0.525 = **0.825**. The intercept b = 3 does not appear. Two
# common slips: adding b² (that gives 1.725) or writing the penalty with a ½ as some
# textbooks do (0.5625); neither is the course's objective.
# </details>

# %% [markdown]
# ### Exercise 2: pick λ from a U-curve
#
# A colleague repeated the experiment on another draw of 15 training points (seed 3),
# with the same validation set, and printed the losses of the exact fits at one λ per
# decade. Which λ should they use? Set `answer2` to that λ (e.g. `1e-4`).

# %%
x3, y3 = data.noisy_curve(15, seed=3)
X3 = data.polynomial_features(x3, DEGREE)
table_lams = 10.0 ** np.arange(-6, 3)
c3, b3 = linear.regularization_path(X3, y3, table_lams, penalty="l2")
table_train, table_val = mse(c3, b3, X3, y3), mse(c3, b3, X_val, y_val)
print(f"{'λ':>8} {'training':>9} {'validation':>11}")
for lam, tr, va in zip(table_lams, table_train, table_val):
    print(f"{lam:8.0e} {tr:9.4f} {va:11.4f}")

# %%
answer2 = ...   # one of the λ in the table

_ = exercises.check_value(answer2, table_lams[np.argmin(table_val)], name="Exercise 2",
                          hint="Look at the validation column only. The training column "
                               "always prefers the smallest λ, because less bill leaves more "
                               "room to fit the noise.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ = **0.01**: its validation loss (0.082) is the lowest in the column, against 0.142
# at λ = 0.001 and 0.169 at λ = 0.1. The training column is smallest at λ = 10⁻⁶, the
# most overfit fit, which is exactly why it must not be used to choose λ.
# In code: `table_lams[np.argmin(table_val)]`.
# </details>

# %% [markdown]
# ### Exercise 3: what happens to Σw² as λ grows?
#
# Predict first: as λ increases, does the fitted model's Σw² **always decrease** (never
# go up, not even between two neighbouring grid values)? Answer `True` or `False`, then
# run the cell: it checks your prediction against the 73 exact fits (`sum_w2`).

# %%
answer3 = ...   # True or False

_ = exercises.check_value(answer3, bool(np.all(np.diff(sum_w2) < 0)), name="Exercise 3",
                          hint="Drag the slider and watch the title of the bill panel, or look "
                               "at np.diff(sum_w2).")
if answer3 is not ...:
    print("Σw² at λ = 1e-7, 1e-4, 1e-1, 1e2:", ", ".join(f"{s:.3g}" for s in sum_w2[::24]))

# %% [markdown]
# <details><summary>Solution</summary>
#
# **True.** It is not a coincidence of this data set: for ridge regression Σw² decreases
# with λ on *every* data set. Write the centred features through their singular value
# decomposition X = U·diag(s)·Vᵀ. The ridge solution is
# w = Σₖ sₖ/(sₖ² + nλ) · (uₖᵀy) · vₖ, and since the vₖ are orthonormal,
# Σw² = Σₖ (sₖ · uₖᵀy / (sₖ² + nλ))², a sum of terms that each shrink as λ grows.
#
# A weaker version holds for **every** penalty P ≥ 0, as long as the fits are true
# minimisers. Let w₁ minimise L + λ₁P and w₂ minimise L + λ₂P, with λ₁ < λ₂ (L is the
# data loss). Each is at least as good as the other on its own objective:
# L(w₁) + λ₁P(w₁) ≤ L(w₂) + λ₁P(w₂) and L(w₂) + λ₂P(w₂) ≤ L(w₁) + λ₂P(w₁). Adding the
# two gives
# (λ₂ − λ₁)·(P(w₂) − P(w₁)) ≤ 0, so P(w₂) ≤ P(w₁): the penalty never goes up as λ grows.
# Putting that back into the first inequality gives L(w₂) ≥ L(w₁): the training loss
# never goes down. A larger λ buys smaller weights with a worse fit, which is the trade
# the objective encodes.
# </details>

# %% [markdown]
# ### Exercise 4: is the bill monotone too?
#
# The weight bill is λ·Σw²: one factor grows with λ, the other shrinks. Find the λ of the
# grid where the bill is **largest** (use `LAMS` and `weight_bill`), and store it in
# `answer4`.

# %%
answer4 = ...   # your code here, e.g. LAMS[...]

_ = exercises.check_value(answer4, LAMS[np.argmax(weight_bill)], name="Exercise 4", rtol=0.05,
                          hint="find the position of the largest entry of weight_bill "
                               "(np.argmax), then take the λ at that position in LAMS.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer4 = LAMS[np.argmax(weight_bill)]`, which is λ ≈ 0.32 (the bill is then about
# 0.14). The bill is small at both ends: at a tiny λ because λ is tiny, and at a huge λ
# because the weights are then almost 0 (Σw² falls like 1/λ², so λ·Σw² falls like 1/λ).
# In between the model pays the most for its weights. So the size of the bill is not the
# size of the weights: the weights are largest at the left end, where the bill is
# smallest. The objective J itself, the data loss plus the bill, only ever grows with λ.
# </details>

# %% [markdown]
# ## Summary
#
# - Regularized training minimises **J = loss(data) + λ·penalty(w)**; in this course
#   loss(data) is the MSE (1/n)Σ(ŷ − y)², the L2 penalty is Σw² (no ½), the L1 penalty
#   Σ|w|, and the intercept is never penalized
#   ([conventions table](00_start_here.ipynb#conventions)).
# - **λ = 0** is plain least squares: here it interpolates 15 noisy points with
#   Σw² ≈ 2·10⁷ and a validation loss near 10⁵.
# - As λ grows, Σw² falls, training loss rises, and validation loss traces a **U**:
#   overfit → good → underfit. Here the bottom is at λ ≈ 0.03.
# - At a huge λ the weights vanish and the model predicts the **mean ȳ**, because the
#   intercept is free.
# - **λ is a hyperparameter**: choose it at the bottom of the validation U-curve, never by
#   training loss (which always prefers λ = 0), and report performance on a test set.
# - Gradient descent on J lands on the same fits as the exact solver.
#
# Next: [3 · L2: a pull proportional to size](03_l2.ipynb).
