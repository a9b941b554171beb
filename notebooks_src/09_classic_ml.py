# %% [markdown]
# # 9 · The classic-ML view: diamond vs circle
#
# **Learning goals**
# - state the **constrained** form of ridge and lasso (smallest loss with a weight *budget*
#   t) and see why it is the same model as the **penalized** form loss + λ·penalty: every λ
#   corresponds to a budget t;
# - draw the famous picture: loss contours meeting the L1 **diamond** Σ|w| ≤ t and the L2
#   **circle** Σw² ≤ t², and explain why the diamond's corners produce exact zeros and the
#   circle never does;
# - read ridge, lasso and elastic-net **regularization paths** on real data (the diabetes
#   data bundled with scikit-learn) and see which features lasso keeps first;
# - predict what each penalty does with a group of **correlated features**: lasso picks one,
#   ridge splits the weight, elastic net keeps the group;
# - choose between ridge, lasso and elastic net, fit the same models in scikit-learn with the
#   right `alpha`, and choose λ by cross-validation.
#
# The seed says it in two sentences:
#
# > **The classic-ML view.** There's a famous geometric picture for why L1 zeros things out —
# > its diamond-shaped constraint has sharp corners on the axes, while L2's circle has none.
# > That story (and when to choose ridge vs lasso vs elastic net) lives in *Regularization:
# > Ridge vs Lasso*.
#
# Everything here uses the course objective MSE (1/n)·Σ(ŷ − y)² + λ·penalty(w) with the
# L2 penalty Σw², the L1 penalty Σ|w|, the elastic net ρ·Σ|w| + (1 − ρ)·Σw², and an
# unpenalized intercept. scikit-learn writes the same models with other constants; the
# [conventions table](00_start_here.ipynb#conventions) has the translation, and section 6
# checks it. All fits are exact (`linear.fit_linear`, `linear.regularization_path`), so what
# you see is the penalty's doing, not an optimizer's.

# %%
import numpy as np
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon
from scipy.optimize import brentq

from lessons_lib import data, exercises, linear, plots, widgets

# %% [markdown]
# ## 1 · Two ways to say "keep the weights small"
#
# So far the course has written regularization as a **penalty**: minimise
#
# $$L(w) + λ\,P(w), \qquad L(w) = \tfrac{1}{n}\textstyle\sum_i (y_i - x_i^\top w)^2,$$
#
# with P(w) = Σ|w| (lasso) or Σw² (ridge). Statistics textbooks often write it as a
# **constraint** instead: give the weights a *budget* t and find the smallest loss within it,
#
# $$\min_w L(w) \quad\text{subject to}\quad \textstyle\sum_j |w_j| \le t
# \qquad\text{or}\qquad \textstyle\sum_j w_j^2 \le t^2 .$$
#
# With two weights, Σ|w| ≤ t is a **diamond** (a square standing on a corner, with its
# corners on the axes at distance t) and Σw² ≤ t² is a **disc** of radius t, bounded by the
# circle of the famous picture.
#
# **The two forms are the same model.** Take the penalized solution w_λ and give the
# constrained problem exactly the budget that w_λ uses, P(w_λ) (so t = Σ|w_λ| for L1, and
# t² = Σw_λ² for L2). For any w inside that budget, P(w) ≤ P(w_λ), and because w_λ minimises
# L + λP,
#
# $$L(w) \;\ge\; L(w_λ) + λ\,\big(P(w_λ) - P(w)\big) \;\ge\; L(w_λ).$$
#
# So no w within the budget has a smaller loss: **w_λ is the constrained optimum for
# t = P(w_λ)**. (Going the other way, from t to λ, is Lagrange's multiplier theorem: λ is
# the multiplier of the constraint.) Large λ means a small budget, λ = 0 means a budget big
# enough to contain the least-squares solution. That is how we compute constrained optima
# below: solve the penalized problem with `linear.fit_linear` and read off its budget.

# %% [markdown]
# ## 2 · A two-weight problem you can see
#
# 100 samples of two features with correlation about 0.7, and y = 2·x₁ + 0.5·x₂ + noise. We
# standardise the features and centre y, so no intercept is needed (`fit_intercept=False`)
# and w lives in a plane we can draw.
#
# The loss is a quadratic bowl. With G = XᵀX/n and c = Xᵀy/n,
#
# $$L(w) = w^\top G w - 2c^\top w + \tfrac{1}{n}y^\top y,$$
#
# minimised at the least-squares solution w_ols = G⁻¹c; completing the square,
# L(w) = (w − w_ols)ᵀG(w − w_ols) + L(w_ols). Its level sets (**contours**) are therefore
# ellipses centred at w_ols, and they are **tilted** because the features are correlated
# (G has non-zero off-diagonal entries; with uncorrelated standardised features G = I and the
# contours would be circles).

# %%
rng = np.random.default_rng(0)
n = 100
z = rng.standard_normal((n, 2))
X_raw = np.c_[z[:, 0], 0.6 * z[:, 0] + 0.8 * z[:, 1]]        # population correlation 0.6
y_raw = X_raw @ np.array([2.0, 0.5]) + 0.5 * rng.standard_normal(n)
X2 = data.Standardizer().fit_transform(X_raw)
y2 = y_raw - y_raw.mean()

G, c = X2.T @ X2 / n, X2.T @ y2 / n
w_ols, _ = linear.fit_linear(X2, y2, penalty="l2", lam=0.0, fit_intercept=False)
evals, evecs = np.linalg.eigh(G)


def mse(W):
    """The data loss L(w) for an array of weight vectors W of shape (..., 2)."""
    return np.einsum("...i,ij,...j->...", W, G, W) - 2 * W @ c + y2 @ y2 / n


L_MIN = float(mse(w_ols))


def ellipse(level, m=200):
    """Points on the contour L(w) = level: w_ols + √(level − L_min)·V·diag(1/√eigenvalue)·(cos, sin)."""
    theta = np.linspace(0, 2 * np.pi, m)
    r = np.sqrt(max(level - L_MIN, 0.0))
    return w_ols + r * (np.c_[np.cos(theta), np.sin(theta)] / np.sqrt(evals)) @ evecs.T


def region(kind, t, m=100):
    """m + 1 points around the boundary of Σ|w| ≤ t ("l1", the diamond) or Σw² ≤ t² ("l2")."""
    theta = np.linspace(0, 2 * np.pi, m + 1)
    u = np.c_[np.cos(theta), np.sin(theta)]
    if kind == "l1":
        u /= np.abs(u).sum(axis=1, keepdims=True)    # rescale each direction onto |w₁| + |w₂| = 1
    return t * u


def budget(kind, w):
    """The budget t that w uses: Σ|w| for L1, √Σw² (the disc's radius) for L2."""
    return float(np.abs(w).sum() if kind == "l1" else np.sqrt(np.sum(w**2)))


def solve(kind, lam):
    """The penalized (= constrained) optimum w_λ on the two-weight problem."""
    return linear.fit_linear(X2, y2, penalty=kind, lam=lam, fit_intercept=False)[0]


print(f"feature correlation {G[0, 1]:.3f}; least squares w_ols = {np.round(w_ols, 3)}, "
      f"L(w_ols) = {L_MIN:.3f}")
print(f"budgets of w_ols: Σ|w| = {budget('l1', w_ols):.3f}, √Σw² = {budget('l2', w_ols):.3f}")

# %% [markdown]
# ## 3 · The picture: the same budget for both
#
# Give both penalties the budget **t = 1**: the diamond |w₁| + |w₂| ≤ 1 and the disc
# w₁² + w₂² ≤ 1. The least-squares point lies outside both, so the constrained optimum is on
# the boundary: grow the contours outward from w_ols and stop at the **first one that
# touches the region**; the touching point is the answer.
#
# To draw it we need each penalty's λ whose solution has budget exactly 1. The budget
# t(λ) of w_λ shrinks continuously as λ grows, so a root-finder (`scipy.optimize.brentq`)
# finds it from a handful of exact fits.

# %%
T = 1.0


def budget_gap(lam, kind):
    """How far the budget of w_λ is above T: brentq finds the λ where this is 0."""
    return budget(kind, solve(kind, lam)) - T


LAM_T = {kind: brentq(budget_gap, 1e-6, 100.0, args=(kind,), xtol=1e-12) for kind in ("l1", "l2")}
NAMES = {"l1": "L1: diamond Σ|w| ≤ t", "l2": "L2: disc Σw² ≤ t²"}
COLOR = {"l1": plots.L1C, "l2": plots.L2C}
LEVELS = L_MIN + np.array([0.05, 0.2, 0.45, 0.8, 1.25, 1.8, 2.45, 3.2, 4.05])
XLIM, YLIM = (-1.1, 2.5), (-1.2, 1.5)


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
    ax.set(xlim=XLIM, ylim=YLIM, xlabel="w₁", ylabel="w₂", aspect="equal")


LEGEND = [Line2D([], [], color=plots.COLORS["grey"], lw=0.8, label="loss contours L(w) = const"),
          Line2D([], [], color=plots.COLORS["orange"], lw=2.2, label="the contour that touches the region"),
          Line2D([], [], ls="", marker="X", color=plots.COLORS["black"], ms=8,
                 label="least squares w_ols (no budget)"),
          Line2D([], [], ls="", marker="o", color=plots.COLORS["grey"], mec=plots.COLORS["black"],
                 ms=8, label="constrained optimum = penalized solution")]

fig, axes = plots.new_figure(ncols=2, width=4.4, height=4.2)
for ax, kind in zip(axes, ("l1", "l2")):
    w = solve(kind, LAM_T[kind])
    draw_view(ax, kind, w)
    ax.set_title(f"{NAMES[kind]}, t = {T:g}  (λ = {LAM_T[kind]:.3f})\n"
                 f"optimum w = ({w[0]:.3f}, {w[1]:.3f})", fontsize=10)
fig.legend(handles=LEGEND, loc="outside lower center", ncol=2, frameon=False)
fig

# %% [markdown]
# Same data, same budget, two different answers. The growing contours hit the diamond **at
# its corner** on the w₁-axis, so lasso sets **w₂ = 0 exactly** and spends the whole budget
# on w₁. They hit the disc at a smooth point *off* the axis, so ridge keeps both weights,
# shrunk.
#
# **Why the corner wins.** At a smooth boundary point there is exactly one outward
# direction (the normal); the contour touches there only if the loss's downhill direction
# −∇L points exactly along it. At a **corner** there is a whole fan of outward directions
# (for the diamond's corner on the w₁-axis: everything between the directions (1, 1) and
# (1, −1), a 90° fan). The contour touches at the corner whenever −∇L points anywhere into
# that fan, which happens for a whole *range* of problems and budgets, not by coincidence.
# Written as an inequality, the corner (t, 0) is optimal when |∂L/∂w₂| ≤ −∂L/∂w₁ there (the
# loss falls as w₁ grows, so −∂L/∂w₁ > 0). In the penalized form −∂L/∂w₁ = λ at the optimum,
# so this is notebook 4's dead zone again, |∂L/∂w₂| ≤ λ keeps w₂ at exactly 0, seen as
# geometry. The disc has no corners, so an exact zero would need ∂L/∂w₂ = 0 exactly at the
# axis: an equality, a coincidence of measure zero. In more dimensions the picture gets stronger:
# the L1 ball in d dimensions has corners on every axis and edges and faces on every
# coordinate plane, all of them sparse points that stick out towards the contours.
#
# The next cell checks the equivalence of section 1 by brute force: for a few λ it takes
# the penalized solution w_λ, builds the region with its budget, evaluates the loss at
# 400 000 points around that region's boundary, and compares the best of them with w_λ.

# %%
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
# ## 4 · Live: drag λ and watch the regions shrink
#
# Now the other direction: you choose **λ**, the panel solves the penalized problem and
# shows the budget it corresponds to (the region drawn is Σ|w| ≤ t or Σw² ≤ t² with that
# t). Left: lasso and its diamond; right: ridge and its disc. The faint line in each panel
# is the whole **solution path**, w_λ for every λ on the slider (all 15 positions are solved
# when the cell runs); the orange ellipse is the contour that touches the region. The panel
# opens at λ = 3.16, with the lasso optimum on the corner.
#
# Things to look for:
#
# - **Small λ**: big budgets, both optima close to w_ols. The lasso optimum sits on an
#   *edge* of the diamond (both weights non-zero).
# - **Drag right**: at about λ = 2 the lasso optimum slides down the edge into the corner
#   and **stays** there while λ keeps growing: w₂ = 0 exactly over a whole range of λ. The
#   ridge optimum heads for the origin along a curve that never touches either axis.
# - **Past λ_max** (about 4.5 here) the diamond has shrunk to the point 0: both lasso
#   weights are 0. The disc keeps shrinking forever without reaching 0.
# - The same λ buys different budgets: the two penalties measure size differently (Σ|w|
#   vs Σw²), so a "fair" comparison matches budgets (section 3) or validation error, not λ.

# %%
STEP = 1 / 8                                                # 8 positions per decade
LAMS = widgets.log_grid(-1, 0.75, STEP)                     # the slider's grid: 0.1 … 5.62
PATH = {kind: linear.regularization_path(X2, y2, LAMS, penalty=kind, fit_intercept=False)[0]
        for kind in ("l1", "l2")}
LAM_MAX = linear.lam_max(X2, y2, fit_intercept=False)

fig_view, view_axes = plots.new_figure(ncols=2, width=4.4, height=4.2)
fig_view.legend(handles=LEGEND + [Line2D([], [], color=plots.COLORS["grey"], lw=1.5, ls="--",
                                         label="solution path over all λ (faint)")],
                loc="outside lower center", ncol=2, frameon=False)


def show_lam(lam):
    i = widgets.nearest(LAMS, lam)
    for ax, kind in zip(view_axes, ("l1", "l2")):
        w = PATH[kind][i]
        ax.plot(*PATH[kind].T, color=COLOR[kind], lw=1.5, alpha=0.4, ls="--")
        draw_view(ax, kind, w)
        if not w.any():
            where = "at the origin: both weights exactly 0"
        elif kind == "l1" and w[1] == 0:
            where = "on a corner: w₂ = 0 exactly"
        else:
            where = "on an edge: both ≠ 0" if kind == "l1" else "off the axes: both ≠ 0"
        size = "Σ|w|" if kind == "l1" else "√Σw²"
        ax.set_title(f"{kind.upper()}: λ = {lam:.3g} → budget t = {size} = {budget(kind, w):.3f}\n"
                     f"w = ({w[0]:.3f}, {w[1]:.3f}), {where}", fontsize=9.5)


widgets.live(fig_view, show_lam, title="diamond vs circle",
             lam=widgets.log_slider("λ", 10**0.5, -1, 0.75, step=STEP))

# %% [markdown]
# The lasso path is made of **straight segments**. While the set of non-zero weights and
# their signs stay the same, the optimality condition 2Gw − 2c + λ·sign(w) = 0 is linear in
# λ, so w_λ = w_ols − (λ/2)·G⁻¹·sign(w): a straight line that reaches w₂ = 0 at a λ we can
# compute. From there on w₂ stays exactly 0 and the path runs along the w₁-axis (now
# w₁ = c₁ − λ/2, since G₁₁ = 1), reaching the origin at λ_max = 2·max|cⱼ|.

# %%
s = np.sign(w_ols)
lam_corner = 2 * w_ols[1] / np.linalg.solve(G, s)[1]          # where w_ols − (λ/2)G⁻¹s hits w₂ = 0
print(f"lasso: w₂ reaches 0 at λ = {lam_corner:.4f}; every weight is 0 from λ_max = {LAM_MAX:.4f}")
for lam in (0.9 * lam_corner, 2.0, lam_corner, 0.5 * (lam_corner + LAM_MAX)):
    w1, w2 = solve("l1", lam)
    print(f"  λ = {lam:.4f}: lasso w = ({w1:.4f}, {w2:.4f})   ridge w = {np.round(solve('l2', lam), 4)}")
on_corner = (PATH["l1"][:, 1] == 0) & (PATH["l1"][:, 0] != 0)
print(f"slider grid: lasso on the corner at {on_corner.sum()} of {len(LAMS)} λ values, "
      f"ridge has an exact zero at {int(np.sum(PATH['l2'] == 0))}")

# %% [markdown]
# ## 5 · Real data: the diabetes paths
#
# scikit-learn ships a small real data set, no download needed: **diabetes**, 442 patients,
# 10 baseline measurements (age, sex, body-mass index `bmi`, blood pressure `bp`, and six
# blood-serum measurements `s1` … `s6`), and a measure of disease progression one year
# later as y. We load it unscaled and standardise the features with `data.Standardizer`
# (each feature: mean 0, standard deviation 1): a penalty on Σ|w| or Σw² compares weights
# with each other, which only makes sense when the features share one scale (exercise 3
# shows what goes wrong otherwise). y stays in its own units, so a coefficient is "change
# in progression per standard deviation of the feature"; the intercept is not penalized.
#
# The **regularization path** is the whole curve of coefficients against λ. Below, the
# three penalties on the same λ grid (elastic net with the even mix ρ = 0.5); read each
# from right (λ huge: everything at or near 0) to left (λ small: close to least squares).

# %%
from sklearn.datasets import load_diabetes

diabetes = load_diabetes(scaled=False)
FEATURES = diabetes.feature_names
XD = data.Standardizer().fit_transform(diabetes.data)
yd = diabetes.target
nd = len(yd)
LAMS_D = 10 ** np.arange(-3, 3 + 1 / 32, 1 / 16)             # 0.001 … 1000, 16 per decade
RHO = 0.5
PATHS = {kind: linear.regularization_path(XD, yd, LAMS_D, penalty=kind, l1_ratio=RHO)[0]
         for kind in ("l2", "l1", "elastic_net")}

TITLES = {"l2": "ridge (L2)", "l1": "lasso (L1)", "elastic_net": f"elastic net (ρ = {RHO})"}
fig, axes = plots.new_figure(ncols=3, width=4.0, height=3.5)
for ax, kind in zip(axes, PATHS):
    lines = plots.coef_paths(ax, LAMS_D, PATHS[kind])
    for j, ln in enumerate(lines):
        ln.set(ls="-" if j < 7 else "--", label=FEATURES[j])
    ax.set(title=TITLES[kind], xlim=(LAMS_D[0], LAMS_D[-1]), ylim=(-40, 40))
axes[1].axvline(linear.lam_max(XD, yd), color=plots.COLORS["grey"], ls=":", lw=1.2)
axes[1].text(linear.lam_max(XD, yd), 28, " λ_max", fontsize=8, color=plots.COLORS["grey"])
axes[1].set_ylabel("")
axes[2].set_ylabel("")
fig.legend(handles=lines, loc="outside lower center", ncol=10, fontsize=8, frameon=False,
           title="feature", title_fontsize=8)
fig

# %% [markdown]
# Three fingerprints of the same data:
#
# - **Ridge** shrinks every coefficient smoothly towards 0 and none of them reaches it.
#   Notice `s1` and `s2` on the left: two strongly correlated serum measurements (total and
#   LDL cholesterol) with large coefficients of opposite sign that cancel each other; a
#   little ridge (λ between 0.001 and 0.1) already pulls that unstable pair together, long
#   before the other coefficients move.
# - **Lasso** sets coefficients to exactly 0, and its paths are piecewise linear (as in
#   section 4). Read from the right: above λ_max every coefficient is 0; below it the
#   features **enter one at a time**, so the path ranks them (printed below). A feature can
#   also leave again: `s3` enters with a negative sign at λ ≈ 27, is exactly 0 again around
#   λ ≈ 0.15 while its correlated partners `s1`, `s2` take over, and returns with a positive
#   sign.
# - **Elastic net** (ρ = 0.5) looks like ridge at small λ: its L2 part λ(1 − ρ)·Σw² tames
#   the `s1`/`s2` pair just as early. It does make exact zeros at small and medium λ, but
#   one at a time: a coefficient on its way through 0 stays there for a while (`age`, `s1`
#   and `s2` briefly, `sex` from λ ≈ 10 on). Several zeros at once appear only at large λ
#   (from about λ = 50; its λ_max is twice lasso's, 181, because only the share λρ tugs with
#   constant force), where the survivors are already small. The course's even mix is a lot
#   of L2; a ρ closer to 1 looks more like lasso.

# %%
# NBVAL_CHECK_OUTPUT
P1 = PATHS["l1"]
enters = np.array([LAMS_D[P1[:, j] != 0].max() for j in range(len(FEATURES))])
order = np.argsort(-enters, kind="stable")
print(f"lasso λ_max = {linear.lam_max(XD, yd):.3f}: above it every coefficient is 0")
print("features in the order lasso lets them in (largest grid λ with a non-zero coefficient):")
for rank, j in enumerate(order, 1):
    print(f"  {rank:2d}. {FEATURES[j]:4s} λ ≈ {enters[j]:7.3f}")
k = widgets.nearest(LAMS_D, 10.0)
print(f"at λ = {LAMS_D[k]:g}: lasso keeps {[FEATURES[j] for j in np.flatnonzero(P1[k])]}")

# %% [markdown]
# **Body-mass index and `s5`** (a triglyceride measurement) come in first, then blood
# pressure: by the lasso's account these three carry most of what a linear model can say
# about progression. `age` enters last: given the other nine, it adds almost nothing.
# Be careful with "importance", though: the order is a statement about this *model* on this
# *sample*. Correlated features compete (`s1`, `s2`, `s4` overlap a lot), and which one of
# a correlated set enters first can change with a different sample; the next section
# makes that point on purpose.

# %% [markdown]
# ## 6 · Correlated features: pick one, split, or group
#
# `data.correlated_features` makes 3 groups of 3 features; within a group every feature is
# the same hidden signal plus a little private noise (pairwise correlation ρ_x = 0.99 here),
# and y depends only on the hidden signal of **group 0**. So the three features of group 0
# are near-copies that all carry the signal. What should a model do with three copies?
#
# - **Lasso** charges Σ|w|, and splitting a weight among same-sign copies does not change
#   Σ|w|: (3, 0, 0) and (1, 1, 1) cost the same. The penalty has no opinion about the
#   split, so tiny accidents of the sample decide it, and the answer is usually a *corner*:
#   **one copy gets the weight**, the others exactly 0.
# - **Ridge** charges Σw², and splitting *lowers* it: (3, 0, 0) costs 9, (1, 1, 1) costs 3.
#   So ridge **splits the weight evenly** among the copies.
# - **Elastic net** has both terms; its L2 part makes splitting strictly cheaper, so it
#   **keeps the group together** with similar weights, while its L1 part still sets the
#   useless features (groups 1 and 2) to exactly 0. This *grouping effect* is why elastic
#   net was proposed (Zou & Hastie, 2005).
#
# Below: 50 samples (noise 2 on y), all three penalties at the same λ = 3 (elastic net
# ρ = 0.5), features standardised. The shaded bars are group 0.

# %%
XC_raw, yc, groups = data.correlated_features(n_samples=50, n_groups=3, group_size=3,
                                              rho=0.99, noise=2.0, seed=0)
XC = data.Standardizer().fit_transform(XC_raw)
LAM_C = 3.0
FITS = {kind: linear.fit_linear(XC, yc, penalty=kind, lam=LAM_C, l1_ratio=RHO)[0]
        for kind in ("l2", "l1", "elastic_net")}
BAR_COLOR = {"l2": plots.L2C, "l1": plots.L1C, "elastic_net": plots.ENC}

fig, axes = plots.new_figure(ncols=3, width=3.6, height=3.2)
for ax, kind in zip(axes, FITS):
    ax.axvspan(0.5, 3.5, color=plots.COLORS["grey"], alpha=0.2, lw=0)
    bars = plots.weight_bars(ax, FITS[kind], color=BAR_COLOR[kind], ylim=(-0.3, 1.6))
    g0 = ", ".join(f"{v:.2f}" for v in FITS[kind][:3])
    ax.set(title=f"{TITLES[kind]}\ngroup 0: ({g0})", xlabel="feature (groups of 3)",
           ylabel="coefficient")
    ax.title.set_fontsize(10)
axes[1].set_ylabel("")
axes[2].set_ylabel("")
fig.legend(handles=[Patch(color=plots.COLORS["grey"], alpha=0.35,
                          label="group 0: three near-copies of the signal")],
           loc="outside lower center", fontsize=8, frameon=False)
fig

# %% [markdown]
# Lasso put the whole weight on one copy, ridge split it three ways (and gave the six useless
# features small non-zero weights), elastic net kept all three with similar weights and set
# the six useless ones to exactly 0. Which copy does
# lasso pick? The cell below draws nine more samples from the same process (seeds 1 to 9)
# and lists the group-0 members each penalty keeps.

# %%
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
# Lasso keeps a single copy in 7 of the 9 new samples (two in the others), and **which**
# copy changes from sample to sample, feature 1, 2 or 3: a coin toss decided by noise. For prediction that is harmless (any copy
# carries the signal); for *interpretation* it is a trap: "lasso dropped feature 2, so
# feature 2 does not matter" is wrong here, feature 2 is as good as feature 1. Elastic net
# keeps the whole group every time, which is both more stable and more honest about what
# the data can tell apart.

# %% [markdown]
# ## 7 · When to choose which
#
# | situation | choose | why |
# |---|---|---|
# | many small effects, all features plausibly useful | **ridge** (L2) | shrinks everything smoothly; stable with correlated features; no feature is dropped |
# | few strong effects, or you *want* feature selection | **lasso** (L1) | exact zeros: a short list of features that a person can read |
# | correlated groups of features (genes, sensors, word counts, lagged copies) | **elastic net** | selects like lasso but keeps correlated groups together; stable from sample to sample |
# | more features than samples (d > n) | elastic net (or ridge) | lasso keeps at most n features; elastic net is not limited that way |
# | not sure | elastic net, with ρ and λ by cross-validation | it contains both: ρ = 0 is ridge, ρ = 1 is lasso |
#
# Two rules hold whatever you choose:
#
# - **Always scale the features** (standardise, with statistics from the training data
#   only). A penalty on Σ|w| or Σw² treats every weight alike; if one feature is in metres
#   and another in millimetres, their weights are not comparable and the penalty picks
#   arbitrarily (exercise 3). The intercept stays unpenalized.
# - **Choose λ by cross-validation**, never by the training error (which always prefers
#   λ = 0). Section 8 does it with scikit-learn.
#
# In deep networks the answer is almost always L2 in its weight-decay form (notebooks 6 to
# 8, and the capstone next); this table is about linear models, where the choice matters
# and the solutions are exact.

# %% [markdown]
# ## 8 · The same fits in scikit-learn, and λ by cross-validation
#
# scikit-learn's `Ridge`, `Lasso` and `ElasticNet` fit the same models with different
# constants in front of each term (the [conventions table](00_start_here.ipynb#conventions)
# derives them). Multiplying an objective by a positive number does not move its minimiser,
# so each course model has an exact twin:
#
# | course model | scikit-learn | argument |
# |---|---|---|
# | MSE + λ·Σw² | `Ridge(alpha)`: Σ(ŷ − y)² + α·Σw² (a **sum**) | **alpha = n·λ** |
# | MSE + λ·Σ\|w\| | `Lasso(alpha)`: (1/2n)·Σ(ŷ − y)² + α·Σ\|w\| | **alpha = λ/2** |
# | MSE + λ(ρΣ\|w\| + (1 − ρ)Σw²) | `ElasticNet(alpha, l1_ratio=r)`: (1/2n)·Σ(ŷ − y)² + α·r·Σ\|w\| + (α(1 − r)/2)·Σw² | **alpha = λ(1 − ρ/2), l1_ratio = ρ/(2 − ρ)** |
#
# `linear.sklearn_alpha(penalty, lam, n_samples, l1_ratio)` returns these keyword
# arguments and `linear.course_lam` goes back. The cell fits the diabetes data both ways at
# λ = 1 and compares the coefficients (scikit-learn's coordinate descent gets a tight `tol`
# so that it converges as far as our exact solver).

# %%
# NBVAL_CHECK_OUTPUT
from sklearn.linear_model import ElasticNet, Lasso, LassoCV, Ridge, RidgeCV
from sklearn.model_selection import KFold

LAM_SK = 1.0
for kind, Est, extra in [("l2", Ridge, {}), ("l1", Lasso, {"tol": 1e-12, "max_iter": 100_000}),
                         ("elastic_net", ElasticNet, {"tol": 1e-12, "max_iter": 100_000})]:
    coef, intercept = linear.fit_linear(XD, yd, penalty=kind, lam=LAM_SK, l1_ratio=RHO)
    kwargs = linear.sklearn_alpha(kind, lam=LAM_SK, n_samples=nd, l1_ratio=RHO)
    sk = Est(**kwargs, **extra).fit(XD, yd)
    diff = max(np.abs(coef - sk.coef_).max(), abs(intercept - sk.intercept_))
    args = ", ".join(f"{k}={v:.4g}" for k, v in kwargs.items())
    print(f"{TITLES[kind]:21s} λ = {LAM_SK:g} → {Est.__name__}({args}):  "
          f"max |difference| < 1e-6: {bool(diff < 1e-6)}")

# %% [markdown]
# Now **choose λ by cross-validation**. `LassoCV` fits lasso on 5 folds (each fold held out
# once) for every `alpha` of a grid and keeps the one with the smallest mean held-out MSE;
# `RidgeCV` does the same for ridge with leave-one-out cross-validation, which has a closed
# form for ridge and costs one fit. We hand them our λ grid, converted with
# `sklearn_alpha`, and convert the winning `alpha_` back with `linear.course_lam`.
#
# (Strictly, the standardisation should also be refitted inside each fold, e.g. with a
# scikit-learn `Pipeline`; with 442 samples and statistics as simple as a mean and a
# standard deviation, the leak from standardising once is negligible here.)

# %%
folds = KFold(n_splits=5, shuffle=True, random_state=0)
lasso_cv = LassoCV(alphas=LAMS_D / 2, cv=folds, max_iter=100_000).fit(XD, yd)
ridge_cv = RidgeCV(alphas=nd * LAMS_D, store_cv_results=True).fit(XD, yd)
lam_lasso = linear.course_lam("l1", lasso_cv.alpha_, n_samples=nd)["lam"]
lam_ridge = linear.course_lam("l2", ridge_cv.alpha_, n_samples=nd)["lam"]
w_cv, _ = linear.fit_linear(XD, yd, penalty="l1", lam=lam_lasso)
print(f"LassoCV: alpha_ = {lasso_cv.alpha_:.4f} → course λ = {lam_lasso:.4f}; "
      f"keeps {int(np.sum(w_cv != 0))} of 10 features, drops {[FEATURES[j] for j in np.flatnonzero(w_cv == 0)]}")
print(f"RidgeCV: alpha_ = {ridge_cv.alpha_:.4f} → course λ = {lam_ridge:.5f}")
cv_lasso = lasso_cv.mse_path_.mean(axis=1)[::-1]       # LassoCV orders alphas from large to small
cv_ridge = ridge_cv.cv_results_.mean(axis=0)
print(f"held-out MSE: lasso {cv_lasso.min():.1f} at its λ vs {cv_lasso[0]:.1f} at λ = {LAMS_D[0]:g}; "
      f"ridge {cv_ridge.min():.1f} vs {cv_ridge[0]:.1f};  var(y) = {yd.var():.1f}")

# %%
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
ax.legend(fontsize=8, loc="center left")
fig

# %% [markdown]
# The two curves use different splits (5 folds for lasso, leave-one-out for ridge), so
# compare each curve with itself, not with the other. Two lessons from a real data set:
#
# - **The curves are flat on the left.** With 442 samples and only 10 features, least
#   squares does not overfit much, so cross-validation picks a small λ and the held-out
#   error there is barely lower than at λ ≈ 0 (by 6 for lasso and 1 for ridge, on an error
#   near 3000). Regularization matters most when features are many compared with samples
#   (notebooks 1 to 5), not here. Too much of it is costly: both curves climb to var(y),
#   the error of predicting the mean, lasso's at its λ_max ≈ 90.
# - **Lasso still earns its keep**: at its cross-validated λ it drops two features (`age`
#   and `s2`) at no cost in error: the same accuracy from a shorter list. (A common refinement, the
#   *one-standard-error rule*, takes the largest λ whose error is within one standard error
#   of the minimum, trading a hair of accuracy for an even sparser model.)

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · The budget of a solution
#
# A fit returned w = (0.6, −0.8, 0.0). What is the smallest budget t that contains it
# **(a)** in the L1 form Σ|w| ≤ t, and **(b)** in the L2 form Σw² ≤ t²? Give
# `answer = (t_l1, t_l2)`.

# %%
answer = ...  # (t_l1, t_l2)

_w = np.array([0.6, -0.8, 0.0])
_ = exercises.check_value(answer, (np.abs(_w).sum(), np.sqrt(np.sum(_w**2))), name="Exercise 1",
                          hint="t for L1 is Σ|w| (signs don't matter); for L2 the budget is the "
                               "disc's radius t = √Σw².")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (1.4, 1.0)`: Σ|w| = 0.6 + 0.8 + 0 = 1.4 and √(0.36 + 0.64 + 0) = 1. The same
# vector uses a bigger L1 budget than L2 budget: Σ|w| ≥ √Σw² always, with equality only
# when at most one weight is non-zero, i.e. exactly at the diamond's corners. (That is the
# diamond touching the circle of the same t at the four axis points.)
# </details>

# %% [markdown]
# ### Exercise 2 · From scikit-learn's alpha back to the course's λ
#
# A colleague tuned two models on the diabetes data (n = 442) and reports `Lasso(alpha=0.35)`
# and `Ridge(alpha=50)`. Which course λ do these correspond to? Give
# `answer = (lam_lasso, lam_ridge)`; use the table in section 8 (or `linear.course_lam`).

# %%
answer = ...  # (lam_lasso, lam_ridge)

_ = exercises.check_value(answer, (linear.course_lam("l1", 0.35, n_samples=442)["lam"],
                                   linear.course_lam("l2", 50.0, n_samples=442)["lam"]),
                          name="Exercise 2", rtol=1e-3,
                          hint="Lasso: alpha = λ/2, so λ = 2·alpha. Ridge sums the errors: "
                               "alpha = n·λ, so λ = alpha/n.")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (0.7, 50 / 442)`, i.e. λ = 0.7 for the lasso and λ ≈ 0.1131 for ridge.
# `linear.course_lam("l1", 0.35, n_samples=442)` and `linear.course_lam("l2", 50, n_samples=442)`
# return the same. Note how misleading the raw numbers are: the ridge `alpha` is 140 times
# the lasso `alpha`, yet its course λ is *smaller*.
# </details>

# %% [markdown]
# ### Exercise 3 · Which weight does lasso zero first?
#
# Two uncorrelated features in raw units: x₁ has standard deviation 10 (think centimetres),
# x₂ has standard deviation 1, and y = 0.04·x₁ + 0.5·x₂ + noise. So one standard deviation of
# x₁ moves y by 0.4, one of x₂ by 0.5: x₂ is the (slightly) more important feature. As λ
# grows, which coefficient does lasso set to 0 **first**, (a) on the raw features and (b)
# after standardising? Predict before you compute. Give `answer = (raw_first, scaled_first)`,
# each 1 or 2.
#
# *Hint*: for uncorrelated features the lasso objective splits into one problem per weight;
# weight j is 0 once λ ≥ 2·|cov(xⱼ, y)|.

# %%
_rng = np.random.default_rng(3)
X3 = np.c_[10 * _rng.standard_normal(500), _rng.standard_normal(500)]
y3 = X3 @ np.array([0.04, 0.5]) + 0.3 * _rng.standard_normal(500)

answer = ...  # (raw_first, scaled_first), each 1 or 2


def _zeroed_first(X):
    lams = 10 ** np.arange(-2, 2.01, 0.01)
    path, _ = linear.regularization_path(X, y3, lams, penalty="l1")
    last_alive = [lams[path[:, j] != 0].max() for j in range(2)]   # largest λ with w_j ≠ 0
    return int(np.argmin(last_alive)) + 1


_ = exercises.check_value(answer, (_zeroed_first(X3),
                                   _zeroed_first(data.Standardizer().fit_transform(X3))),
                          name="Exercise 3",
                          hint="cov(x₁, y) = 0.04·var(x₁) = 0.04·100 and cov(x₂, y) = 0.5·1 in raw "
                               "units; after standardising, cov(xⱼ, y) is the effect of one "
                               "standard deviation (0.4 and 0.5).")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `answer = (2, 1)`. On the raw features cov(x₁, y) ≈ 0.04·100 = 4 and cov(x₂, y) ≈ 0.5, so
# w₁ survives until λ ≈ 8 but w₂ dies at λ ≈ 1: lasso throws out the **more important**
# feature first, only because x₁ happens to be measured in small units (a big spread needs
# only a small coefficient, and a small coefficient is cheap under Σ|w|). After
# standardising, the covariances are the per-standard-deviation effects, 0.4 and 0.5, so w₁
# dies first (λ ≈ 0.8) and w₂ later (λ ≈ 1): the sensible order. Scale first, then penalize.
# (These λ are the uncorrelated-feature formula; in this sample the two features have a small
# correlation, −0.09, which moves the exact points a little but not the order.)
# </details>

# %% [markdown]
# ## Summary
#
# - **Constrained = penalized.** Minimising the loss within a budget Σ|w| ≤ t (or
#   Σw² ≤ t²) gives the same solutions as minimising loss + λ·penalty: each λ corresponds to
#   the budget t = P(w_λ) that its solution uses; larger λ, smaller t.
# - **Diamond vs circle.** The growing loss contours touch the L1 diamond at a **corner**
#   for a whole range of budgets, and a corner means exact zeros; the L2 disc has no
#   corners, so ridge solutions are exactly 0 only by coincidence. On the two-weight
#   problem lasso sat on the corner (w₂ = 0) for every λ from about 2.1 to 4.5.
# - **Paths on real data.** On the diabetes data ridge shrinks all 10 coefficients
#   smoothly; lasso lets them in one at a time, `bmi`, `s5` and `bp` first; elastic net is
#   in between.
# - **Correlated groups.** Lasso puts the weight on one near-copy (which one is up to the
#   sample), ridge splits it evenly, elastic net keeps the group with similar weights.
# - **Choosing.** Ridge for many small effects, lasso for a few strong ones or selection,
#   elastic net for correlated groups; always standardise; λ by cross-validation.
#   scikit-learn's `Ridge(alpha = n·λ)`, `Lasso(alpha = λ/2)`,
#   `ElasticNet(alpha = λ(1 − ρ/2), l1_ratio = ρ/(2 − ρ))` fit exactly the course models.
#
# Next: [10 · Sensible defaults: a capstone on real digits](10_sensible_defaults.ipynb).
