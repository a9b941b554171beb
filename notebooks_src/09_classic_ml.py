# %% [markdown]
# # 9 · The classic-ML view: diamond vs circle
#
# **Learning goals**
# - state ridge and lasso as a **constraint** (a weight budget t), the same model as the
#   penalty form;
# - explain why the L1 **diamond** gives exact zeros and the L2 **circle** does not;
# - read ridge and lasso as **Bayesian** estimates;
# - read regularization paths, handle **correlated features**, choose a penalty.
#
# > **The classic-ML view.** There's a famous geometric picture for why L1 zeros things out —
# > its diamond-shaped constraint has sharp corners on the axes, while L2's circle has none.
# > That story (and when to choose ridge vs lasso vs elastic net) lives in *Regularization:
# > Ridge vs Lasso*.
#
# Objective: MSE + λ·penalty (Σw² ridge, Σ|w| lasso, [notebook 5](05_fingerprints.ipynb)'s
# elastic net), fitted exactly by `linear.fit_linear`. λ is the course's throughout, until
# section 9 converts it to scikit-learn's `alpha`
# ([conventions table](12_conventions.ipynb#conventions)).
#
# *Time: about 48 minutes (reading, dragging the sliders, exercises).*
# *Express path: sections 2 and 8, about 4 minutes.*

# %%
import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LassoCV, RidgeCV
from sklearn.model_selection import KFold

from lessons_lib import data, exercises, linear, plots, runs_sparse, widgets

# %% [markdown]
# ## 1 · Two ways to say "keep the weights small"
#
# The course writes a **penalty**: minimize L(w) + λ·P(w), with L the MSE. Statistics
# textbooks often write a **constraint**: a weight *budget* t, and the smallest loss
# within it,
#
# $$\min_w L(w) \quad\text{subject to}\quad \textstyle\sum_j |w_j| \le t
# \qquad\text{or}\qquad \textstyle\sum_j w_j^2 \le t^2 .$$
#
# With two weights, Σ|w| ≤ t is a **diamond** with its corners on the axes and Σw² ≤ t² is
# a **disc** of radius t. The two forms are the same model: the penalized solution w_λ is
# the constrained optimum for the budget it uses, t = Σ|w_λ| (L1) or t = √Σw_λ² (L2).
# Large λ, small budget.
#
# <details><summary>Go deeper: why penalized = constrained</summary>
#
# Give the constrained problem exactly the budget that w_λ uses: the constraint
# P(w) ≤ P(w_λ), which is Σ|w| ≤ t with t = P(w_λ) for L1 and Σw² ≤ t² with t = √P(w_λ)
# for L2. For any w inside that budget, P(w) ≤ P(w_λ), and because w_λ minimizes L + λP,
#
# $$L(w) \;\ge\; L(w_λ) + λ\,\big(P(w_λ) - P(w)\big) \;\ge\; L(w_λ).$$
#
# So no w within the budget has a smaller loss. Going the other way, from t to λ, is
# Lagrange's multiplier theorem: λ is the multiplier of the constraint. λ = 0 means a budget
# big enough to contain the least-squares solution. That is how the constrained optima
# below are computed: solve the penalized problem and read off its budget.
#
# </details>

# %% [markdown]
# ## 2 · The picture <!-- express -->
#
# 100 samples of two standardized features (correlation 0.68), y = 2·x₁ + 0.5·x₂ + noise,
# centered. The loss L(w) = wᵀGw − 2cᵀw + yᵀy/n, with G = XᵀX/n and c = Xᵀy/n (made in
# the hidden cell below), is a bowl with tilted elliptical contours around the
# least-squares point w_ols.

# %%
X2, y2 = data.two_weights()                # standardized X, centered y
n = len(y2)


def solve(kind, lam):
    """The penalized (= constrained) optimum w_λ on the two-weight problem."""
    return linear.fit_linear(X2, y2, penalty=kind, lam=lam, fit_intercept=False)[0]


w_ols = solve("l2", 0.0)

# %% jupyter={"source_hidden": true} tags=["hide-input"]
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from scipy.optimize import brentq

G, c = X2.T @ X2 / n, X2.T @ y2 / n
evals, evecs = np.linalg.eigh(G)


def mse(W):
    """The data loss L(w) = wᵀGw − 2cᵀw + yᵀy/n for weight vectors W of shape (..., 2)."""
    return np.einsum("...i,ij,...j->...", W, G, W) - 2 * W @ c + y2 @ y2 / n


L_MIN = float(mse(w_ols))


def ellipse(level, m=200):
    """Points on the contour L(w) = level (an ellipse centered at w_ols)."""
    theta = np.linspace(0, 2 * np.pi, m)
    r = np.sqrt(max(level - L_MIN, 0.0))
    return w_ols + r * (np.c_[np.cos(theta), np.sin(theta)] / np.sqrt(evals)) @ evecs.T


def region(kind, t, m=100):
    """m + 1 points around the boundary of Σ|w| ≤ t ("l1", the diamond) or Σw² ≤ t² ("l2")."""
    theta = np.linspace(0, 2 * np.pi, m + 1)
    u = np.c_[np.cos(theta), np.sin(theta)]
    if kind == "l1":
        u /= np.abs(u).sum(axis=1, keepdims=True)
    return t * u


def budget(kind, w):
    """The budget t that w uses: Σ|w| for L1, √Σw² (the disc's radius) for L2."""
    return float(np.abs(w).sum() if kind == "l1" else np.sqrt(np.sum(w**2)))


COLOR = {"l1": plots.L1C, "l2": plots.L2C}
LEVELS = L_MIN + np.array([0.05, 0.2, 0.45, 0.8, 1.25, 1.8, 2.45, 3.2, 4.05])


def draw_view(ax, kind, w):
    """Contours, axes, w_ols, and for the solution w: its region, touching contour and dot."""
    for level in LEVELS:
        ax.plot(*ellipse(level).T, color=plots.COLORS["grey"], lw=0.8, alpha=0.8)
    ax.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax.axvline(0, color=plots.COLORS["black"], lw=0.8)
    ax.add_patch(Polygon(region(kind, budget(kind, w)), closed=True, fc=to_rgba(COLOR[kind], 0.2),
                         ec=COLOR[kind], lw=1.8))
    ax.plot(*ellipse(float(mse(w))).T, color=plots.COLORS["orange"], lw=2.2)
    ax.plot(*w_ols, "X", color=plots.COLORS["black"], ms=9)
    ax.plot([w[0]], [w[1]], "o", color=COLOR[kind], mec=plots.COLORS["black"], ms=9, zorder=5)
    ax.set(xlim=(-1.1, 2.5), ylim=(-1.2, 1.5), xlabel="w₁", ylabel="w₂", aspect="equal")


LEGEND = [Line2D([], [], color=plots.COLORS["grey"], lw=0.8, label="loss contours L(w) = const"),
          Line2D([], [], color=plots.COLORS["orange"], lw=2.2, label="the contour that touches the region"),
          Line2D([], [], ls="", marker="X", color=plots.COLORS["black"], ms=8,
                 label="least squares w_ols (no budget)"),
          Line2D([], [], ls="", marker="o", color=plots.COLORS["grey"], mec=plots.COLORS["black"],
                 ms=8, label="constrained optimum = penalized solution")]

print(f"feature correlation {G[0, 1]:.3f}; least squares w_ols = {np.round(w_ols, 3)}, "
      f"L(w_ols) = {L_MIN:.3f}")

# %% [markdown]
# Give both penalties the **same budget t = 1**. Grow the contours outward from w_ols (outside
# both regions) until the **first one touches the region**: that point is the constrained
# optimum.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
T = 1.0
LAM_T = {kind: brentq(lambda lam, k=kind: budget(k, solve(k, lam)) - T, 1e-6, 100.0, xtol=1e-12)
         for kind in ("l1", "l2")}           # the λ whose solution uses budget exactly T
NAMES = {"l1": "L1: diamond Σ|w| ≤ t", "l2": "L2: disc Σw² ≤ t²"}

fig, axes = plots.new_figure(ncols=2, width=4.4, height=4.2)
for ax, kind in zip(axes, ("l1", "l2")):
    w = solve(kind, LAM_T[kind])
    draw_view(ax, kind, w)
    ax.set_title(f"{NAMES[kind]}, t = {T:g}  (λ = {LAM_T[kind]:.3f})\n"
                 f"optimum w = ({w[0]:.3f}, {w[1]:.3f})", fontsize=10)
fig.legend(handles=LEGEND, loc="outside lower center", ncol=2, frameon=False, fontsize=9)
plots.show(fig, alt=f"The same loss contours twice, ellipses around the least-squares point w_ols = "
                    f"({w_ols[0]:.2f}, {w_ols[1]:.2f}), with one budget t = {T:g} for both penalties. "
                    f"Left, L1: the region is a diamond with corners on the axes; the first contour "
                    "to touch it does so at a corner, w = "
                    f"({solve('l1', LAM_T['l1'])[0]:.3f}, {solve('l1', LAM_T['l1'])[1]:.3f}), "
                    f"so w₂ is exactly 0. Right, L2: the region is a disc; the contour touches it "
                    f"off the axes, at w = ({solve('l2', LAM_T['l2'])[0]:.3f}, "
                    f"{solve('l2', LAM_T['l2'])[1]:.3f}), both "
                    f"weights non-zero.")

# %% [markdown]
# Same budget, two answers: the contours hit the diamond **at its corner**, so lasso sets
# **w₂ = 0 exactly**; they hit the disc off the axis, so ridge keeps both weights, shrunk.
#
# **Why the corner wins.** A corner sticks out: the contours touch it for a whole *range*
# of tilts and budgets. On the disc, an exact zero needs a touch exactly at the axis: a
# coincidence.
#
# <details><summary>Go deeper: the corner as an inequality, and a brute-force check</summary>
#
# At a smooth boundary point there is one outward direction (the normal); the contour
# touches there only if −∇L points exactly along it. At the diamond's corner on the w₁-axis
# there is a whole 90° fan of outward directions, between (1, 1) and (1, −1), and the contour
# touches at the corner whenever −∇L points anywhere into it: |∂L/∂w₂| ≤ −∂L/∂w₁ at (t, 0).
# In the penalized form −∂L/∂w₁ = λ at the optimum, so this is
# [notebook 4](04_l1_sparsity.ipynb)'s dead zone |∂L/∂w₂| ≤ λ, seen as geometry. In d
# dimensions the L1 ball has corners on every axis and edges and faces on every coordinate
# plane, all of them sparse points that stick out towards the contours.
#
# The next (collapsed) cell checks section 1 by brute force: for a few λ it builds the region
# with w_λ's budget, evaluates the loss at 400 000 points around its boundary, and compares
# the best of them with w_λ. Budget t = 1 needs λ = 2.4833 (L1) and λ = 1.2630 (L2).
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
for kind in ("l1", "l2"):
    for lam in (0.3, 1.0, 3.0):
        w = solve(kind, lam)
        t = budget(kind, w)
        edge = region(kind, t, 400_000)
        best = edge[np.argmin(mse(edge))]            # the constrained optimum, by brute force
        print(f"{kind}  λ = {lam:3.1f}: w_λ = ({w[0]:.4f}, {w[1]:.4f}), budget t = {t:.4f};  "
              f"brute-force optimum on that budget agrees (to 1e-4): "
              f"{bool(np.abs(best - w).max() < 1e-4)}")
print(f"budget t = 1 needs λ = {LAM_T['l1']:.4f} (L1) and λ = {LAM_T['l2']:.4f} (L2)")

# %% [markdown]
# ## 3 · Live: drag λ, watch the regions shrink
#
# The panel draws both solutions at your **λ** and the budget each uses (faint dashed: the
# whole path). Look for:
#
# - **small λ**: both optima near w_ols; lasso's on an *edge* (both weights ≠ 0);
# - **drag right**: at some λ the lasso optimum reaches **the corner**, w₂ = 0 exactly,
#   and stays there (exercise 9.2 asks where); the ridge optimum heads for the origin and
#   never touches an axis;
# - **past λ_max ≈ 4.48** both lasso weights are 0; the disc keeps shrinking.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig_view, view_axes = plots.new_figure(ncols=2, width=4.4, height=4.2)
_ = fig_view.legend(handles=LEGEND + [Line2D([], [], color=plots.COLORS["grey"], lw=1.5, ls="--",
                                         label="solution path over all λ (faint)")],
                loc="outside lower center", ncol=2, frameon=False, fontsize=9)

# %%
two = runs_sparse.two_weight_paths()     # both paths on X2, y2 at the slider's λ: 0.1 … 5.62
LAMS, PATH = two.grid, two.path
# from hidden cells: draw_view(ax, kind, w) draws one view, budget(kind, w) is the t that w
# uses, COLOR the penalty's colour (section 2); view_axes, the panel's two axes (just above)


def show_lam(lam):
    i = two.index(lam)
    said = []
    for ax, kind in zip(view_axes, ("l1", "l2")):
        w = PATH[kind][i]
        ax.plot(*PATH[kind].T, color=COLOR[kind], lw=1.5, alpha=0.4, ls="--")
        draw_view(ax, kind, w)
        where = ("at the origin" if not w.any() else
                 "on the corner: w₂ = 0 exactly" if w[1] == 0 else "both weights ≠ 0")
        ax.set_title(f"{kind.upper()}: λ = {lam:.3g} → budget t = {budget(kind, w):.3f}\n"
                     f"w = ({w[0]:.3f}, {w[1]:.3f}), {where}", fontsize=9.5)
        said.append(f"{kind.upper()} w = ({w[0]:.3f}, {w[1]:.3f}), {where}")
    return f"λ = {lam:.3g}: " + "; ".join(said)


widgets.live(fig_view, show_lam, title="diamond vs circle",
             lam=widgets.slider("λ", LAMS, 10**0.5))

# %% [markdown]
# <details><summary>Go deeper: equal budgets, and the lasso path in straight lines</summary>
#
# The same λ buys different budgets, so compare penalties at equal budget (section 2) or
# equal validation error, not equal λ.
#
# While the set of non-zero weights and their signs stay the same, the optimality condition
# 2Gw − 2c + λ·sign(w) = 0 (G = XᵀX/n, c = Xᵀy/n) is linear in λ, so
# w_λ = w_ols − (λ/2)·G⁻¹·sign(w): a straight line that reaches w₂ = 0 at a λ you can
# compute. From there w₂ stays exactly 0 and the path runs along the w₁-axis
# (w₁ = c₁ − λ/2, since G₁₁ = 1), reaching the origin at λ_max = 2·max|cⱼ|. The collapsed
# cell below checks the line against the exact fits and λ_max = 4.4833; on the slider's 15
# values ridge has an exact zero at none.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
LAM_MAX = linear.lam_max(X2, y2, fit_intercept=False)
step = np.linalg.solve(G, np.sign(w_ols)) / 2                  # w_λ = w_ols − λ·step on the line
for lam in (0.5, 1.0, 1.5):
    print(f"λ = {lam}: lasso w = {np.round(solve('l1', lam), 4)}, "
          f"the straight line w_ols − (λ/2)G⁻¹s = {np.round(w_ols - lam * step, 4)}")
print(f"every weight is 0 from λ_max = {LAM_MAX:.4f} = 2·max|cⱼ| = {2 * np.abs(c).max():.4f}")
print(f"slider grid: ridge has an exact zero at {int(np.sum(PATH['l2'] == 0))} of {len(LAMS)} λ values")

# %% [markdown]
# ## 4 · The diamond, counted
#
# One picture could be luck: over 2,000 random two-weight bowls, how often does each land
# **exactly on an axis**?
#
# <details><summary>Go deeper: how the bowls are drawn</summary>
#
# Each bowl has a random curvature H = XᵀX/n and a random least-squares point w*, and is
# solved with both penalties at the same λ, a fraction of lasso's λ_max (below it the
# lasso solution is never all zeros).
#
# </details>

# %%
# NBVAL_CHECK_OUTPUT
rng_bowl = np.random.default_rng(1)
FRACTIONS = (0.25, 0.5, 0.75)                           # λ as a fraction of lasso's λ_max
on_axis = {(kind, f): 0 for kind in ("l1", "l2") for f in FRACTIONS}
for _ in range(2000):
    A = rng_bowl.standard_normal((2, 2))
    H = A @ A.T + 0.1 * np.eye(2)                       # a random positive-definite curvature
    w_star = rng_bowl.standard_normal(2)                # the bowl's bottom, least squares
    X_bowl = np.sqrt(2) * np.linalg.cholesky(H).T       # two samples with XᵀX/2 = H ...
    y_bowl = X_bowl @ w_star                            # ... and least squares at w_star
    for kind, f in on_axis:
        lam = f * linear.lam_max(X_bowl, y_bowl, fit_intercept=False)
        w, _ = linear.fit_linear(X_bowl, y_bowl, penalty=kind, lam=lam, fit_intercept=False)
        on_axis[kind, f] += int(np.sum(w == 0) == 1)    # exactly one weight exactly 0
for f in FRACTIONS:
    print(f"λ = {f:g}·λ_max, solution on an axis: L1 (diamond) in {on_axis['l1', f]} of 2000 "
          f"bowls, L2 (circle) in {on_axis['l2', f]}")

# %% [markdown]
# The diamond lands on an axis in 62 %, 82 % and 92 % of the bowls at ¼, ½ and ¾ of
# λ_max; the circle in none.

# %% [markdown]
# ## 5 · The Bayesian view
#
# With Gaussian noise of variance σ² and a **prior** on each weight, the most probable w
# (the *MAP* estimate) minimizes the course's objective:
#
# - a **Gaussian prior** w ~ N(0, τ²) gives **ridge** with λ = σ²/(n·τ²);
# - a **Laplace prior** with scale b gives **lasso** with λ = 2σ²/(n·b).
#
# The Laplace density e^(−|w|/b)/(2b) has a sharp peak at 0, the diamond's corner again;
# the Gaussian is smooth there.
#
# <details><summary>Go deeper: the derivation</summary>
#
# A strong belief in small weights (small τ or b) means a large λ.
#
# With noise N(0, σ²), −log p(y | w) = (1/(2σ²))·Σ(yᵢ − xᵢᵀw)² + const. A Gaussian prior
# adds −log p(w) = (1/(2τ²))·Σw² + const, a Laplace prior (1/b)·Σ|w| + const. Multiply the
# sum by 2σ²/n (a positive constant, so the minimizer does not move):
#
# $$\tfrac{1}{n}\textstyle\sum_i (y_i - x_i^\top w)^2 + \frac{σ^2}{nτ^2}\sum_j w_j^2
# \qquad\text{or}\qquad \tfrac{1}{n}\textstyle\sum_i (y_i - x_i^\top w)^2 + \frac{2σ^2}{nb}\sum_j |w_j| .$$
#
# The course's MSE has no ½, which is where the 2 in front of σ² for the Laplace prior comes
# from; for the Gaussian it cancels against the ½ in 1/(2τ²). More data (larger n) means a
# smaller λ: the likelihood outweighs the prior. The MAP is the posterior's mode, not its
# mean: under a Laplace prior the posterior mean is essentially never exactly 0, the mode often is.
#
# </details>

# %%
# NBVAL_CHECK_OUTPUT
rng_map = np.random.default_rng(2)
n_map, sigma, tau, b = 40, 0.5, 0.3, 0.1                       # noise sd, prior scales
X_map = rng_map.standard_normal((n_map, 3))
y_map = X_map @ np.array([0.8, -0.3, 0.05]) + sigma * rng_map.standard_normal(n_map)


def neg_log_posterior(w, prior):
    fit = np.sum((y_map - X_map @ w) ** 2) / (2 * sigma**2)   # −log likelihood + const
    return fit + (np.sum(w**2) / (2 * tau**2) if prior == "Gaussian" else np.sum(np.abs(w)) / b)


for prior, kind, lam in (("Gaussian", "l2", sigma**2 / (n_map * tau**2)),
                         ("Laplace", "l1", 2 * sigma**2 / (n_map * b))):
    w_map = minimize(neg_log_posterior, np.zeros(3), args=(prior,), method="Powell",
                     options={"xtol": 1e-12, "ftol": 1e-14}).x
    w_fit, _ = linear.fit_linear(X_map, y_map, penalty=kind, lam=lam, fit_intercept=False)
    print(f"{prior:8s} prior → {kind} at λ = {lam:.4f}: w = {np.round(w_fit, 4)}, "
          f"MAP agrees to 1e-6: {bool(np.abs(w_map - w_fit).max() < 1e-6)}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
w_grid = np.linspace(-3, 3, 601)
fig, ax = plots.new_figure(width=6.0, height=2.6)
ax.plot(w_grid, np.exp(-w_grid**2 / 2) / np.sqrt(2 * np.pi), color=plots.L2C, lw=2,
        label="Gaussian prior (τ = 1) → ridge")
ax.plot(w_grid, np.exp(-np.abs(w_grid) * np.sqrt(2)) / np.sqrt(2), color=plots.L1C, lw=2,
        label="Laplace prior (b = 1/√2, same variance) → lasso")
ax.set(xlabel="weight w", ylabel="prior density", ylim=(0, 1.1), title="two beliefs about a weight")
ax.legend(loc="upper right", fontsize=9)
plots.show(fig, alt=f"Two prior densities for a weight, with the same variance. The Gaussian "
                    f"(τ = 1, which gives ridge) is rounded at 0, peak {1 / np.sqrt(2 * np.pi):.2f}. "
                    f"The Laplace (b = 1/√2, which gives lasso) has a sharp point at 0, peak "
                    f"{1 / np.sqrt(2):.2f}, and heavier tails: it expects most weights to be "
                    f"nearly 0 and a few to be large.")

# %% [markdown]
# Minimizing each negative log-posterior directly gives `fit_linear`'s answer to 1e-6; the
# Laplace mode has an exact zero.

# %% [markdown]
# ## 6 · Real data: the diabetes paths
#
# scikit-learn's **diabetes** data: 442 patients, 10 measurements (`age`, `sex`, body-mass
# index `bmi`, blood pressure `bp`, blood-serum values `s1` … `s6`), y = disease progression
# a year later; features standardized (exercise 9.3 shows why). The **regularization path**
# is every coefficient against λ.

# %%
diabetes = load_diabetes(scaled=False)
FEATURES = diabetes.feature_names
XD = data.Standardizer().fit_transform(diabetes.data)
yd = diabetes.target
LAMS_D = 10 ** np.arange(-3, 3 + 1 / 32, 1 / 16)             # 0.001 … 1000, 16 per decade
RHO = 0.5                                                     # elastic net: an even mix
PATHS = {kind: linear.regularization_path(XD, yd, LAMS_D, penalty=kind, l1_ratio=RHO)[0]
         for kind in ("l2", "l1", "elastic_net")}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
TITLES = {"l2": "ridge (L2)", "l1": "lasso (L1)", "elastic_net": f"elastic net (ρ = {RHO})"}
PATH_STYLE = {"sex": ("blue", "^"), "bmi": ("green", "s"), "bp": ("vermillion", "D"),   # one
              "s1": ("sky", "v"), "s2": ("purple", "P"), "s3": ("black", "X"),         # colour
              "s5": ("orange", "*"), "age": ("grey", "o")}             # each; age grey with dots
OTHERS = [f for f in FEATURES if f not in PATH_STYLE]            # s4, s6: one grey dashed group


def zero_runs(col):
    """(first, last) grid λ of each stretch where one coefficient is exactly 0."""
    edges = np.diff(np.r_[0, col == 0, 0].astype(int))
    return [(LAMS_D[a], LAMS_D[b - 1]) for a, b in zip(np.flatnonzero(edges == 1),
                                                        np.flatnonzero(edges == -1))]


EN = PATHS["elastic_net"]
SEVERAL = LAMS_D[np.sum(EN == 0, axis=1) >= 2].min()     # first λ with two or more zeros at once
ALONE = sorted((a, b, FEATURES[j]) for j in range(len(FEATURES)) for a, b in zero_runs(EN[:, j])
               if a < SEVERAL)                            # the zeros elastic net makes one at a time
fig, axes = plots.new_figure(ncols=3, width=4.0, height=3.5)
for ax, kind in zip(axes, PATHS):
    lines = plots.coef_paths(ax, LAMS_D, PATHS[kind])
    for j, ln in enumerate(lines):
        color, marker = PATH_STYLE.get(FEATURES[j], ("grey", ""))
        marks = [i for i in range(2 + j, len(LAMS_D), 12)
                 if abs(PATHS[kind][i, j]) > 0.5 or FEATURES[j] == "age"]   # age stays near 0
        label = (FEATURES[j] if marker else
                 ", ".join(OTHERS) if FEATURES[j] == OTHERS[0] else "_")   # one legend entry
        ln.set(color=plots.COLORS[color], marker=marker, ls="-" if marker else "--",
               lw=1.5 if marker else 1.2, markevery=marks, ms=8 if marker == "*" else 6,
               mec=plots.COLORS["black" if marker == "o" else color], label=label)
    ax.set(title=TITLES[kind], xlim=(LAMS_D[0], LAMS_D[-1]), ylim=(-40, 40))
axes[1].axvline(linear.lam_max(XD, yd), color=plots.COLORS["grey"], ls=":", lw=1.2)
axes[1].text(linear.lam_max(XD, yd), 28, " λ_max", fontsize=9, color=plots.COLORS["grey"])
axes[1].set_ylabel("")
axes[2].set_ylabel("")
fig.legend(handles=[ln for ln in lines if ln.get_label() != "_"], loc="outside lower center",
           ncol=9, fontsize=9, frameon=False, title="feature", title_fontsize=9)
plots.show(fig, alt=f"Coefficient paths of the {len(FEATURES)} diabetes features against λ from "
                    f"0.001 to 1000 (log scale); age, the grey line with dots, stays within "
                    f"±{max(np.abs(P[:, 0]).max() for P in PATHS.values()):.1f} of 0. Ridge: smooth "
                    f"paths toward 0, " + ", ".join(FEATURES[j] for j in np.flatnonzero(np.any(
                        np.diff(np.sign(PATHS['l2']), axis=0) != 0, axis=0))) + " crossing it on "
                    f"the way, {np.sum(PATHS['l2'] == 0)} exact zeros anywhere. Lasso: they reach exactly 0 "
                    f"one at a time and all are 0 from λ_max = {linear.lam_max(XD, yd):.1f} on; "
                    f"the last to go are " + ", ".join(FEATURES[j] for j in np.argsort(
                        [-LAMS_D[PATHS['l1'][:, j] != 0].max() for j in range(len(FEATURES))],
                        kind="stable")[:3]) + ". Elastic net (ρ = 0.5): like ridge at small λ; "
                    "one coefficient at a time sits at exactly 0 (" + ", ".join(
                        f"{f} at λ = {a:.3g}–{b:.3g}" if b < LAMS_D[-1] else f"{f} from λ = {a:.3g} on"
                        for a, b, f in ALONE) + f"); several are 0 at once from λ = {SEVERAL:.3g}, "
                    f"all from λ_max = {linear.lam_max(XD, yd, 'elastic_net', l1_ratio=RHO):.1f}. "
                    "At λ = 0.001 the largest lasso coefficients are "
                    + " and ".join(f"{FEATURES[j]} ({PATHS['l1'][0, j]:+.0f})"
                                   for j in np.argsort(-np.abs(PATHS['l1'][0]))[:2]) + ".")

# %% [markdown]
# - **Ridge** shrinks the vector as a whole, smoothly, but a single coefficient can grow or
#   cross 0 on the way (`s3`: from about +3 to −9, then back towards 0); what none does is
#   stay at 0 over a range of λ.
# - **Lasso** sets coefficients to exactly 0 and lets them in **one at a time** (order
#   below): `bmi`, `s5` and `bp` first, `age` last.
# - **Elastic net** looks like ridge at small λ; several zeros at once only at large λ.
#
# The entry order is not "importance": correlated features compete (next section).
#
# <details><summary>Go deeper: more to read in the three panels</summary>
#
# - Why standardize: a penalty compares weights, which only makes sense on one scale.
# - The entry order describes this model on this sample.
# - `s1` and `s2` (total and LDL cholesterol, correlation 0.90) have large coefficients of
#   opposite sign that cancel; a little ridge (λ from 0.001 to 0.1) pulls that unstable pair
#   together (`s1` from −34 to −4, `s2` from 20 to −3), moving `s5` (34 to 21) and `s3`
#   (+3 to −9) with them, while the other six coefficients move by at most 2.5.
# - Lasso's paths are piecewise linear (section 3). A feature can also leave again: `s3`
#   enters with a negative sign at λ ≈ 27, is exactly 0 again around λ ≈ 0.15 while `s1`
#   and `s2` grow, and returns with a positive sign. Not through a strong pairwise
#   correlation with the pair (`s3` has 0.05 with `s1`, −0.20 with `s2`; its strongest is
#   −0.74, with `s4`): the other nine features together predict `s3` with R² = 0.935, so a
#   combination of them can stand in for it.
# - Elastic net's L2 part λ(1 − ρ)·Σw² tames the `s1`/`s2` pair just as early. At small and
#   medium λ its zeros come one at a time: a coefficient on its way through 0 stays there
#   for a while (`age`, `s1` and `s2` briefly, `sex` from λ ≈ 10 on). Several zeros at once
#   appear only from about λ = 50; its λ_max is twice lasso's, 181, because only the share
#   λρ tugs with constant force. A ρ closer to 1 looks more like lasso.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
P1 = PATHS["l1"]
enters = np.array([LAMS_D[P1[:, j] != 0].max() for j in range(len(FEATURES))])
order = np.argsort(-enters, kind="stable")
print(f"lasso λ_max = {linear.lam_max(XD, yd):.3f}: above it every coefficient is 0")
print("features in the order lasso lets them in (largest grid λ with a non-zero coefficient):")
for rank, j in enumerate(order, 1):
    print(f"  {rank:2d}. {FEATURES[j]:4s} λ ≈ {enters[j]:7.3f}")
k = LAMS_D.tolist().index(10.0)
print(f"at λ = {LAMS_D[k]:g}: lasso keeps {[FEATURES[j] for j in np.flatnonzero(P1[k])]}")

# %% [markdown]
# ## 7 · Correlated features: pick one, split, or group
#
# `data.correlated_features` makes 3 groups of 3 near-copies (correlation 0.99), each group
# of its own hidden signal; y depends only on **group 0**'s.
#
# - **Lasso**: (3, 0, 0) and (1, 1, 1) cost the same Σ|w|: noise decides, **one copy wins**.
# - **Ridge**: (1, 1, 1) costs 3 in Σw², (3, 0, 0) costs 9: ridge **splits evenly**.
# - **Elastic net**: its L2 part favors splitting, its L1 part zeroes the useless groups: it
#   **keeps the group** (Zou & Hastie, 2005).
#
# 50 samples, λ = 3 for all three, elastic net's ρ = 0.5 (`RHO`, section 6); shaded:
# group 0.

# %%
XC_raw, yc, groups = data.correlated_features(n_samples=50, n_groups=3, group_size=3,
                                              rho=0.99, noise=2.0, seed=0)
XC = data.Standardizer().fit_transform(XC_raw)
LAM_C = 3.0
FITS = {kind: linear.fit_linear(XC, yc, penalty=kind, lam=LAM_C, l1_ratio=RHO)[0]
        for kind in ("l2", "l1", "elastic_net")}

# %% jupyter={"source_hidden": true} tags=["hide-input"]
BAR_COLOR = {"l2": plots.L2C, "l1": plots.L1C, "elastic_net": plots.ENC}
fig, axes = plots.new_figure(ncols=3, width=3.6, height=3.2)
for ax, kind in zip(axes, FITS):
    ax.axvspan(0.5, 3.5, color=plots.COLORS["grey"], alpha=0.2, lw=0)
    plots.weight_bars(ax, FITS[kind], color=BAR_COLOR[kind], ylim=(-0.3, 1.6))
    g0 = ", ".join(f"{v:.2f}" for v in FITS[kind][:3])
    ax.set(title=f"{TITLES[kind]}\ngroup 0: ({g0})", xlabel="feature (groups of 3)",
           ylabel="coefficient")
    ax.title.set_fontsize(10)
axes[1].set_ylabel("")
axes[2].set_ylabel("")
fig.legend(handles=[Patch(color=plots.COLORS["grey"], alpha=0.35,
                          label="group 0: three near-copies of y's signal")],
           loc="outside lower center", fontsize=9, frameon=False)
plots.show(fig, alt=f"Coefficients of {XC.shape[1]} features in groups of 3 at λ = {LAM_C:g}; group "
                    f"0 holds three near-copies of the signal y depends on. " + " ".join(
                        f"With {TITLES[k]}, group 0 = ({', '.join(f'{v:.2f}' for v in FITS[k][:3])}), "
                        f"{np.sum(FITS[k][3:] == 0)} of the other 6 exactly 0." for k in FITS)
                    + " Ridge splits the weight, lasso gives it to one copy, elastic net keeps "
                      "the whole group.")

# %% [markdown]
# Over nine more samples (collapsed cell below) lasso keeps a single copy in 7, and
# **which** copy changes: a trap for interpretation. Elastic net keeps the whole group
# every time.
#
# <details><summary>Go deeper: the interpretation trap</summary>
#
# "Lasso dropped feature 2, so it does not matter" is wrong here: feature 2 carries the same
# signal as the copy lasso kept, and which copy survives changes from sample to sample.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(f"seed 0, λ = {LAM_C}, group-0 coefficients:")
for kind, w in FITS.items():
    print(f"  {TITLES[kind]:21s} ({', '.join(f'{v:6.3f}' for v in w[:3])})   "
          f"exact zeros among the other 6: {int(np.sum(w[3:] == 0))}")
print("\nother samples: group-0 features kept (1-based)")
for seed in range(1, 10):
    Xs_, ys_, _ = data.correlated_features(50, 3, 3, rho=0.99, noise=2.0, seed=seed)
    Xs_ = data.Standardizer().fit_transform(Xs_)
    kept = {kind: (np.flatnonzero(linear.fit_linear(Xs_, ys_, penalty=kind, lam=LAM_C,
                                                    l1_ratio=RHO)[0][:3]) + 1).tolist()
            for kind in ("l1", "elastic_net")}
    print(f"  seed {seed}: lasso keeps {str(kept['l1']):10s} elastic net keeps {kept['elastic_net']}")

# %% [markdown]
# ## 8 · When to choose which <!-- express -->
#
# | situation | choose |
# |---|---|
# | many small effects, all features plausibly useful | **ridge** |
# | few strong effects, or you want a short list of features | **lasso** |
# | correlated groups, or more features than samples | **elastic net** |
# | not sure | **elastic net**, ρ and λ by cross-validation |
#
# Whatever you choose, **standardize the features** (training statistics only) and choose
# **λ by cross-validation**. In deep networks the usual answer is L2 as weight decay
# ([notebook 10](10_sensible_defaults.ipynb)).
#
# <details><summary>Go deeper: the reasons behind the table</summary>
#
# Correlated groups are common: genes, sensors, lagged copies of a signal. Ridge shrinks
# everything smoothly, is stable with correlated features and drops nothing.
# Lasso's exact zeros give a list a person can read, but with more features than samples
# (d > n) it keeps at most n of them (n − 1 with an intercept) when its solution is unique; elastic net has no such limit and keeps correlated
# groups together, so it is stable from sample to sample. Elastic net contains both: ρ = 0
# is ridge, ρ = 1 is lasso. The intercept is never penalized. Training error always prefers
# λ = 0.
#
# </details>

# %% [markdown]
# ## 9 · scikit-learn, and λ by cross-validation
#
# scikit-learn's `Ridge`, `Lasso` and `ElasticNet` fit these models (checked to 1e-6 in a
# collapsed cell), but **their `alpha` is not the course's λ**: with n samples, `Ridge`
# takes α = n·λ, `Lasso` α = λ/2, `ElasticNet` α = λ(1 − ρ/2) and `l1_ratio` = ρ/(2 − ρ);
# classifiers take an inverse strength `C`
# ([conventions table](12_conventions.ipynb#conventions)). `LassoCV` and `RidgeCV` pick α
# by cross-validation; we convert it back.
#
# <details><summary>Go deeper: the conversions and the splits</summary>
#
# `linear.sklearn_alpha` computes each model's `alpha` from the course's λ, and
# `linear.course_lam` converts the winner back. `LassoCV` uses 5-fold cross-validation,
# `RidgeCV` leave-one-out; both are handed the course's λ grid.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
from sklearn.linear_model import ElasticNet, Lasso, Ridge

for kind, Est, extra in [("l2", Ridge, {}), ("l1", Lasso, {"tol": 1e-12, "max_iter": 100_000}),
                         ("elastic_net", ElasticNet, {"tol": 1e-12, "max_iter": 100_000})]:
    coef, intercept = linear.fit_linear(XD, yd, penalty=kind, lam=1.0, l1_ratio=RHO)
    kwargs = linear.sklearn_alpha(kind, lam=1.0, n_samples=len(yd), l1_ratio=RHO)
    sk = Est(**kwargs, **extra).fit(XD, yd)
    diff = max(np.abs(coef - sk.coef_).max(), abs(intercept - sk.intercept_))
    args = ", ".join(f"{k}={v:.4g}" for k, v in kwargs.items())
    print(f"{TITLES[kind]:21s} λ = 1 → {Est.__name__}({args}):  "
          f"max |difference| < 1e-6: {bool(diff < 1e-6)}")

# %%
folds = KFold(n_splits=5, shuffle=True, random_state=0)
lasso_cv = LassoCV(alphas=LAMS_D / 2, cv=folds, max_iter=100_000).fit(XD, yd)   # λ → alpha
ridge_cv = RidgeCV(alphas=len(yd) * LAMS_D).fit(XD, yd)                         # λ → alpha
lam_lasso = linear.course_lam("l1", lasso_cv.alpha_, n_samples=len(yd))["lam"]
lam_ridge = linear.course_lam("l2", ridge_cv.alpha_, n_samples=len(yd))["lam"]
cv_lasso = lasso_cv.mse_path_.mean(axis=1)[::-1]       # LassoCV orders alphas from large to small
cv_ridge = np.array([-RidgeCV(alphas=[alpha], scoring="neg_mean_squared_error").fit(XD, yd).best_score_
                     for alpha in len(yd) * LAMS_D])   # one λ at a time: best_score_ = −its LOO MSE
w_cv, _ = linear.fit_linear(XD, yd, penalty="l1", lam=lam_lasso)
print(f"lasso: λ = {lam_lasso:.4f}, drops {[FEATURES[j] for j in np.flatnonzero(w_cv == 0)]}, "
      f"held-out MSE {cv_lasso.min():.1f} (at λ = 0.001: {cv_lasso[0]:.1f})")
print(f"ridge: λ = {lam_ridge:.5f}, held-out MSE {cv_ridge.min():.1f} (at λ = 0.001: "
      f"{cv_ridge[0]:.1f});  var(y) = {yd.var():.1f}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, ax = plots.new_figure(width=6.4, height=3.4)
ax.plot(LAMS_D, cv_lasso, color=plots.L1C, lw=2, label="lasso: 5-fold CV (LassoCV)")
ax.plot(LAMS_D, cv_ridge, color=plots.L2C, lw=2, label="ridge: leave-one-out CV (RidgeCV)")
for lam, cv, col in ((lam_lasso, cv_lasso, plots.L1C), (lam_ridge, cv_ridge, plots.L2C)):
    ax.plot([lam], [cv.min()], "o", color=col, mec=plots.COLORS["black"], ms=8)
ax.axhline(yd.var(), color=plots.COLORS["grey"], ls=":", lw=1.2,
           label="var(y): predicting the mean")
ax.set(xscale="log", xlabel="course λ (log scale)", ylabel="held-out MSE",
       title="choosing λ by cross-validation on the diabetes data (dots: the chosen λ)")
ax.title.set_fontsize(10)
ax.legend(fontsize=9, loc="center left")
plots.show(fig, alt=f"Held-out MSE on the diabetes data against λ (log scale). Lasso, 5-fold CV: "
                    f"lowest {cv_lasso.min():.0f} at λ = {lam_lasso:.2f}. Ridge, leave-one-out CV: "
                    f"lowest {cv_ridge.min():.0f} at λ = {lam_ridge:.4f}. Both stay near their "
                    f"lowest for small λ and climb to var(y) = {yd.var():.0f}, the error of "
                    f"predicting the mean, at large λ: lasso reaches it at λ_max = "
                    f"{linear.lam_max(XD, yd):.0f}, ridge only gradually.")

# %% [markdown]
# - **The curves are flat on the left**: with 442 samples and 10 features least squares
#   barely overfits.
# - **Lasso still earns its keep**: at its λ it drops `age` and `s2` at no cost in error.
#
# <details><summary>Go deeper: reading the curves, and two refinements</summary>
#
# The chosen λ beats λ = 0.001 by 6 (lasso) and 1 (ridge) on an error near 3000.
# Regularization matters most when features are many compared with samples.
#
# The two curves use different splits (5 folds vs leave-one-out), so compare each with
# itself. Too much regularization is costly: both curves climb to var(y), the error of
# predicting the mean, lasso's at its λ_max ≈ 90. The *one-standard-error rule* takes the
# largest λ whose error is within one standard error of the minimum, for an even sparser
# model. Strictly, the standardization should be refitted inside each fold (a scikit-learn
# `Pipeline`); with 442 samples and statistics as simple as a mean and a standard
# deviation, the leak from standardizing once is negligible here.
#
# </details>

# %% [markdown]
# ## Exercises
#
# ### Exercise 9.1 · The budget of a solution
#
# What is the smallest budget t that holds w = (0.6, −0.8, 0.0) in the L1 form Σ|w| ≤ t,
# and in the L2 form Σw² ≤ t²? Give `your_answer = (t_l1, t_l2)`.

# %%
your_answer = ...  # (t_l1, t_l2)

_ = exercises.check("9.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `(1.4, 1.0)`: Σ|w| = 0.6 + 0.8 + 0 = 1.4 and √(0.36 + 0.64 + 0) = 1. The same vector uses
# a bigger L1 than L2 budget: Σ|w| ≥ √Σw² always, with equality only when at most one
# weight is non-zero, exactly at the diamond's corners (where the diamond touches the
# circle of the same t).
#
# </details>
#
# ### Exercise 9.2 · An experiment on the panel
#
# Drag λ in section 3's panel from the left. Give the **first slider value** whose left
# title says "on the corner" (w₂ exactly 0). The exact λ where the fold's straight line
# reaches w₂ = 0 counts too.

# %%
your_answer = ...  # the λ on the slider

_ = exercises.check("9.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ ≈ 2.37 on the slider: the left title says "on the corner: w₂ = 0 exactly" there, while
# one notch earlier, at λ ≈ 1.78, w₂ = 0.088 is still positive. The straight line of
# section 3's fold reaches w₂ = 0 where λ·(G⁻¹s)₂/2 = w_ols,₂: λ = 2.0736, between the two
# notches; any λ from there to the notch is right. Lasso stays on the corner at 3 of the
# 15 notches (2.37, 3.16, 4.22); ridge never reaches an axis.
#
# </details>
#
# ### Exercise 9.3 · Which weight does lasso zero first?
#
# Two independent features in raw units: x₁ with standard deviation 10, x₂ with 1, and
# y = 0.04·x₁ + 0.5·x₂ + noise (one standard deviation of x₂ moves y more: 0.5 against
# 0.4). Predict, then run `linear.regularization_path(X3, y3, lams, penalty="l1")` on the
# raw `X3` and on `data.Standardizer().fit_transform(X3)`: which coefficient reaches 0
# first as λ grows? Give `your_answer = (raw_first, standardized_first)`, each 1 or 2.

# %%
units = runs_sparse.units()          # 500 samples (seed 3), and a fine λ grid
X3, y3, lams = units.X, units.y, units.grid

your_answer = ...  # (raw_first, standardized_first), each 1 or 2

_ = exercises.check("9.3", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `(2, 1)`. For uncorrelated features weight j is 0 once λ ≥ 2·|cov(xⱼ, y)|. Raw:
# cov(x₁, y) ≈ 0.04·100 = 4 and cov(x₂, y) ≈ 0.5, so w₂ dies at λ ≈ 1 and w₁ only at
# λ ≈ 8: lasso drops the **more important** feature first, only because x₁'s units give it a
# small, cheap coefficient. Standardized, the covariances are the per-standard-deviation
# effects 0.4 and 0.5, so w₁ dies first (λ ≈ 0.8), then w₂ (λ ≈ 1). Scale first, then
# penalize. (This sample's covariances, and the features' correlation of −0.09, move these
# points a little, not the order: on the grid 7.4 and 1.0 raw, 0.76 and 0.93 standardized.)
#
# </details>

# %% [markdown]
# ## Summary
#
# - **Constrained = penalized**: a budget t on Σ|w| or √Σw² gives the solutions of
#   loss + λ·penalty; larger λ, smaller t.
# - **Diamond vs circle**: the contours often touch the diamond at a **corner**, an exact
#   zero (82% of 2,000 random bowls at λ = λ_max/2), the disc in none.
# - **Bayes**: ridge is MAP under a Gaussian prior, lasso under a Laplace one.
# - **Groups**: of correlated copies lasso picks one, ridge splits, elastic net keeps all.
# - **Choosing**: ridge for many small effects, lasso for selection, elastic net for
#   groups; standardize; λ by cross-validation.
#
# Next: [10 · Sensible defaults: a capstone on real digits](10_sensible_defaults.ipynb).
