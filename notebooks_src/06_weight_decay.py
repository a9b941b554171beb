# %% [markdown]
# # 6 · Weight decay: w ← w(1 − ηλ) − η∇loss
#
# **Learning goals**
# - derive the "weight decay" step from the course's L2 penalty and plain gradient descent, and
#   know that the seed's λ in w·(1 − ηλ) is PyTorch's `weight_decay`, which is **2 × the
#   course's λ**;
# - read one training step as two moves: first multiply every weight by (1 − η·weight_decay),
#   then take the usual gradient step; watch them tick, step by step;
# - compute the per-step factor and the **half-life** of pure decay, ln 2 / −ln(1 − η·wd) ≈
#   0.693/(η·wd);
# - know what happens when η·wd reaches 1 (every weight zeroed in one step), passes 1 (the
#   sign flips every step) and passes 2 (blow-up), and read the training loop's own
#   divergence message;
# - see that weights only stay large where the data keeps pushing back.
#
# The seed's section on deep learning:
#
# > Plug the L2 penalty into the plain SGD update and something neat falls out:
# > **w ← w · (1 − ηλ) − η · ∇loss**. Before the usual gradient step, every weight gets
# > multiplied by a number just below 1. Left alone, weights exponentially decay toward zero —
# > they only stay large if the data keeps insisting they should. That's why deep learning
# > folks say "weight decay" instead of "L2".
#
# Notebook 3 met the shrink factor as a property of the L2 pull. This notebook takes the
# deep-learning view: the factor is the *definition* of the method, as in `torch.optim`, and
# the questions are how fast it decays, when it breaks, and what survives it.

# %% [markdown]
# ## 1 · From L2 to "weight decay", and the factor of 2
#
# The course's objective with L2 is loss(data) + λ·Σw², whose gradient is ∇loss + 2λw. One
# step of plain gradient descent with learning rate η:
#
# $$w \leftarrow w - η\,(\nabla\text{loss} + 2λw) = w\,(1 - 2ηλ) - η\,\nabla\text{loss}.$$
#
# That is the seed's decay step, w ← w·(1 − ηλ) − η·∇loss, with **its** λ equal to **our
# 2λ**. Deep-learning libraries call that number `weight_decay`: `torch.optim.SGD` adds
# `weight_decay·w` to each weight's gradient, the gradient of (weight_decay/2)·Σw².
#
# > **⚠ The factor of 2.** The λ in the seed's w·(1 − ηλ) and PyTorch's `weight_decay` are
# > **twice** the course's L2 strength λ (penalty λ·Σw², gradient 2λw):
# >
# > &nbsp;&nbsp;&nbsp;&nbsp;**weight_decay = 2λ**  (`conventions.weight_decay_from_lam(λ)`),
# > per-step factor **1 − η·weight_decay = 1 − 2ηλ**.
# >
# > Textbooks that write the penalty as (λ/2)·‖w‖² have their λ equal to `weight_decay`
# > directly. Every library's version is in the
# > [conventions table](00_start_here.ipynb#conventions). From here on, **wd** is short for
# > `weight_decay`, and "λ" alone always means the course's λ.
#
# Check it numerically: one step three ways from the same weights and the same data
# gradient. (a) The course: subtract η times the gradient of MSE + λ·Σw², using
# `penalties.l2(λ).grad`. (b) The seed's formula with wd = 2λ. (c) `optim.SGD` with
# PyTorch's semantics and `weight_decay = 2λ`. And, as a warning, (d) `SGD` with
# `weight_decay = λ`, the factor of 2 forgotten.

# %%
# NBVAL_CHECK_OUTPUT
import textwrap
import warnings

import numpy as np

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

lam, eta = 0.05, 0.1                           # the course's λ and the learning rate η
wd = conventions.weight_decay_from_lam(lam)    # PyTorch's weight_decay = 2λ
X4, y4, _ = data.sparse_linear(n_samples=20, n_features=4, n_informative=2, seed=0)
model = models.LinearRegression(4, init_scale=1.0, seed=0)
w = model.weight.copy()
grad_loss = model.loss_and_grads(X4, y4)[1][0]     # ∇loss with respect to the weights

w_course = w - eta * (grad_loss + penalties.l2(lam).grad(w))    # (a)
w_seed = w * (1 - eta * wd) - eta * grad_loss                   # (b)
w_sgd = w.copy()
optim.SGD([w_sgd], lr=eta, weight_decay=wd).step([grad_loss])   # (c), updates w_sgd in place
w_wrong = w.copy()
optim.SGD([w_wrong], lr=eta, weight_decay=lam).step([grad_loss])  # (d)

print(f"course λ = {lam}  →  weight_decay = 2λ = {wd}")
print(f"per-step factor 1 − η·wd = {conventions.decay_factor(eta, wd):.4f}  (= 1 − 2ηλ)")
print("w before        :", np.round(w, 4))
print("(a) course  step:", np.round(w_course, 4))
print("(b) decay   step:", np.round(w_seed, 4))
print("(c) SGD(wd = 2λ):", np.round(w_sgd, 4))
print("(a) = (b) = (c) to 1e-12:",
      np.allclose(w_course, w_seed, rtol=0, atol=1e-12) and np.allclose(w_course, w_sgd, rtol=0, atol=1e-12))
print(f"(d) SGD(wd = λ)  differs from (a) by up to {np.abs(w_wrong - w_course).max():.4f}:"
      " it decays half as fast")

# %% [markdown]
# All three agree, to the last digit: "L2 with λ" and "weight decay with wd = 2λ" are the
# same algorithm for plain gradient descent. (With Adam they are *not* the same, which is
# the whole story of AdamW in notebook 7.)

# %% [markdown]
# ## 2 · The decay ticking, step by step
#
# Now watch it run. The model is notebook 1's polynomial (degree 8 here, so that the bars
# stay readable) on the 12 noisy points, **started from its unregularized least-squares
# fit**: the weights the data alone wants, some of them large. From there, gradient descent
# with η = 0.3 and weight decay (`train.train(..., weight_decay=wd)`, plain SGD, the bias
# not decayed) runs for 100 steps, every step stored with `snapshot_every=1`. The next cell
# trains one such run for each weight_decay of the second panel below (0.01 to 0.316).

# %%
x, y = data.noisy_curve(seed=0)                 # the 12 points of notebook 1
DEGREE, ETA, STEPS = 8, 0.3, 100
X = data.polynomial_features(x, DEGREE)
x_grid = np.linspace(-1, 1, 200)
X_grid = data.polynomial_features(x_grid, DEGREE)
w_ls, b_ls = linear.fit_linear(X, y, penalty="l2", lam=0.0)   # where every run starts
WDS = widgets.log_grid(-2, -0.5, 0.25)          # weight_decay 0.01 … 0.316, 4 per decade


def decay_run(weight_decay):
    """GD with this weight_decay from the least-squares fit: its weights, moves and target."""
    model = models.LinearRegression(DEGREE)
    model.set_params([w_ls, b_ls])
    hist = train.train(model, X, y, lr=ETA, steps=STEPS, weight_decay=weight_decay,
                       snapshot_every=1)
    W = np.array([s[0] for s in hist.snapshots])                # (STEPS + 1, DEGREE)
    B = np.array([s[1] for s in hist.snapshots])
    decayed = W[:-1] * conventions.decay_factor(ETA, weight_decay)   # after move 1
    lam = conventions.lam_from_weight_decay(weight_decay)       # the course's λ = wd/2
    return {"W": W, "decay_move": decayed - W[:-1], "data_move": W[1:] - decayed,
            "fit_end": X_grid @ W[-1] + B[-1], "mse": hist.train_loss,
            "ridge_w": linear.fit_linear(X, y, penalty="l2", lam=lam)[0]}


decay_runs = {wd: decay_run(wd) for wd in WDS}
print(f"least-squares start: w = {np.round(w_ls, 2)}")
print(f"with wd = 0.1, after {STEPS} steps: w = {np.round(decay_runs[0.1]['W'][-1], 2)}")

# %% [markdown]
# Each step has two moves, and the first panel shows them separately, at wd = 0.1
# (factor 1 − η·wd = 0.97 per step):
#
# 1. **decay**: w ← w·(1 − η·wd), every weight scaled by the same factor. It removes
#    η·wd·w, 3 % of each weight: far too thin to see at the scale of the bars, so the
#    vermillion cap on each bar shows it **drawn 10 times taller** than it is (30 % of the
#    bar);
# 2. **data**: w ← w − η·∇loss, the usual gradient step.
#
# Right, the two moves of the current step at their true size: the decay move −η·wd·w
# (vermillion, always pointing at 0, proportional to the weight) and the data move −η·∇loss
# (green); the black tick is their sum, the change from step t to step t + 1. The orange
# diamonds mark where the weights settle: the exact ridge solution for the course's
# λ = wd/2 (`conventions.lam_from_weight_decay`), the factor of 2 once more.
#
# **Press ▶** to play the 100 steps, three per frame (■ rewinds to step 0), or drag
# **step**; the panel opens at step 24.

# %%
PLAY_WD = 0.1                                   # the weight_decay this panel plays
run = decay_runs[PLAY_WD]
idx = np.arange(1, DEGREE + 1)
W_LIM, MOVE_LIM, MAGNIFY = 2.3, 0.075, 10
fig, (ax_w, ax_move) = plots.new_figure(ncols=2, width=4.4, height=3.4)


def show_step(t):
    W, decay_move, data_move = run["W"], run["decay_move"][t], run["data_move"][t]
    # left: the weights at step t, the decay's bite (magnified) and where they settle
    bars = plots.weight_bars(ax_w, W[t], ylim=(-W_LIM, W_LIM), label="w at step t")
    ax_w.bar(idx, -MAGNIFY * decay_move, bottom=W[t] + MAGNIFY * decay_move, width=0.8,
             color=plots.COLORS["vermillion"])
    (settle,) = ax_w.plot(idx, run["ridge_w"], "D", ms=6, color=plots.COLORS["orange"],
                          mec="black", label="where w settles (ridge, λ = wd/2)")
    ax_w.set(xticks=idx, ylabel="weight value",
             title=f"step {t}: training MSE {run['mse'][t]:.4f}")
    # right: the two moves of step t and their sum
    decay_bars = ax_move.bar(idx - 0.2, decay_move, width=0.4, color=plots.COLORS["vermillion"],
                             label=f"decay move −η·wd·w (left: drawn ×{MAGNIFY})")
    data_bars = ax_move.bar(idx + 0.2, data_move, width=0.4, color=plots.COLORS["green"],
                            label="data move −η·∇loss")
    (total,) = ax_move.plot(idx, decay_move + data_move, ls="none", marker="_", ms=16, mew=2.5,
                            color=plots.COLORS["black"], label="sum: the change in w")
    ax_move.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax_move.set(xticks=idx, ylim=(-MOVE_LIM, MOVE_LIM), xlabel="weight index",
                ylabel="change in one step",
                title=f"step {t}'s two moves (wd = {PLAY_WD}, η = {ETA})")
    fig.legend(handles=[bars, settle, decay_bars, data_bars, total], loc="outside lower center",
               ncol=3, frameon=False)


# a Play button over the steps 0, 3, 6, … 99 (step t's two moves need step t + 1)
box, step = widgets.play(STEPS - 1, every=3, interval_ms=250, value=24)
widgets.live(fig, show_step, title="weight decay, step by step", header=box, t=step)

# %% [markdown]
# **What to look for**:
#
# - **Step 0**: the data move is 0 for every weight (up to rounding), because the
#   least-squares fit is the minimum of the data loss: ∇loss = 0 there. Only the decay acts, and it takes
#   3 % of each weight, the most from the largest ones.
# - **The first steps**: as the weights shrink, the fit leaves its minimum and the data
#   starts pushing back (green bars opposite to the vermillion ones). For most weights the
#   push is weak and they keep decaying: the data does not care much about them.
# - **Later**: w1 and w3 settle well away from 0. For them the data push grows until it
#   cancels the decay exactly (equal and opposite bars, the black "sum" tick at 0): that
#   balance, η·∇loss = −η·wd·w, is the ridge solution the diamonds mark. A weight stays
#   large only if the data keeps insisting, *every step*, with a push as big as wd·w.
# - The training MSE in the title rises from 0.0098 to 0.057 by step 99: the data fit is
#   the price of the decay.
#
# The second panel shows each whole run at once. Left, the fit after the 100 steps (blue)
# and the least-squares start (dotted): at wd = 0.1 the wiggly start has become smooth, and
# closer to the true curve for it. Right, the 8 weights' trajectories, with the diamonds at
# the end. Drag **weight_decay** (log scale, 0.01 to 0.316; it opens at 0.1, the run
# above).

# %%
WCOLORS = [plots.COLORS[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple",
                                     "black", "grey")]
fig, (ax_fit, ax_traj) = plots.new_figure(ncols=2, width=4.4, height=3.4)


def spread(values, gap):
    """Heights for labels at values, moved apart until neighbours are at least gap apart."""
    order = np.argsort(values)
    heights = np.array(values, dtype=float)[order]
    for i in range(1, len(heights)):
        heights[i] = max(heights[i], heights[i - 1] + gap)
    out = np.empty_like(heights)
    out[order] = heights - (heights.mean() - np.mean(values))   # keep them centred
    return out


def show_run(weight_decay):
    run = decay_runs[weight_decay]
    # left: the fit after the last step, and where it started
    plots.fit_plot(ax_fit, x, y, x_grid, np.clip(run["fit_end"], -3, 3),
                   truth=data.true_curve(x_grid), label=f"after {STEPS} steps")
    ax_fit.plot(x_grid, X_grid @ w_ls + b_ls, color=plots.COLORS["vermillion"], lw=1, ls=":",
                label="start: least squares")
    factor = conventions.decay_factor(ETA, weight_decay)
    ax_fit.set_title(f"wd = {weight_decay:.3g}: factor {factor:.3f}, "
                     f"training MSE {run['mse'][-1]:.4f}")
    ax_fit.legend(loc="lower right")
    # right: every weight's trajectory, labelled when it ends away from 0
    for k in range(DEGREE):
        ax_traj.plot(run["W"][:, k], color=WCOLORS[k], lw=1.8)
    ends = run["W"][-1]
    labelled = np.flatnonzero(np.abs(ends) > 0.3)
    for k, height in zip(labelled, spread(ends[labelled], gap=0.25)):
        ax_traj.text(STEPS + 2, height, f"w{k + 1}", color=WCOLORS[k], va="center")
    ax_traj.plot(np.full(DEGREE, STEPS), run["ridge_w"], "D", ms=6,
                 color=plots.COLORS["orange"], mec="black", label="where they settle (ridge)")
    ax_traj.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax_traj.set(xlim=(0, STEPS + 12), ylim=(-W_LIM, W_LIM), xlabel="step", ylabel="weight value",
                title="the 8 weights (labels: |w| > 0.3 at the end)")
    ax_traj.legend(loc="lower right")


widgets.live(fig, show_run, title="weight decay: whole runs",
             weight_decay=widgets.log_slider("weight_decay", 0.1, -2, -0.5, step=0.25))

# %% [markdown]
# Drag **weight_decay** down to 0.01: the factor 0.997 barely bites in 100 steps and the fit
# stays wiggly. Up to 0.316 (factor 0.905): the weights the data does not defend collapse
# within a few dozen steps, and even w1 ends far below what the data alone wants (0.82
# instead of 2.0): this is where too much decay starts to underfit.

# %% [markdown]
# ## 3 · Pure decay: an exponential with a half-life
#
# "Left alone" means ∇loss = 0: no data pushing back. Then every step is just
# w ← w·(1 − η·wd), and after t steps
#
# $$w_t = w_0\,(1 - η\cdot wd)^t .$$
#
# That is exponential decay. Its **half-life** is the number of steps that halve a weight:
# (1 − η·wd)^t = ½ gives
#
# $$t_{1/2} = \frac{\ln 2}{-\ln(1 - η\cdot wd)} \approx \frac{0.693}{η\cdot wd}
# \quad\text{(for small η·wd, since } -\ln(1 - u) \approx u\text{)},$$
#
# `conventions.half_life(η, wd)`. Only the **product** η·wd matters. With AdamW's defaults
# (η = 10⁻³, wd = 0.01) it is 10⁻⁵ and the half-life is about 69,000 steps: deep-learning
# decay is slow and steady, a gentle pressure over a long training run, not a sudden cut.
#
# The factor also tells when it breaks:
#
# | η·wd | factor 1 − η·wd | pure decay |
# |---|---|---|
# | between 0 and 1 | between 1 and 0 | shrinks smoothly towards 0 (the useful range: η·wd ≪ 1) |
# | exactly 1 | 0 | every weight is zeroed in one step |
# | between 1 and 2 | between 0 and −1 | flips sign every step while shrinking: oscillation |
# | exactly 2 | −1 | flips sign forever, never shrinks |
# | above 2 | below −1 | flips sign and **grows**: blow-up |

# %%
# NBVAL_CHECK_OUTPUT
print(" η        wd       η·wd      factor     half-life   ≈ 0.693/(η·wd)")
for lr, weight_decay in [(1e-3, 0.01), (0.1, 0.1), (0.3, 0.1), (0.1, 1.0), (0.5, 1.0)]:
    factor = conventions.decay_factor(lr, weight_decay)
    t_half = conventions.half_life(lr, weight_decay)
    print(f"{lr:<8g} {weight_decay:<8g} {lr * weight_decay:<8g} {factor:9.5f} {t_half:12.2f}"
          f" {np.log(2) / (lr * weight_decay):14.2f}")
print(f"check: (1 − 0.01)^t at t = half-life: {(1 - 0.01) ** conventions.half_life(0.1, 0.1):.4f}")

# %% [markdown]
# The approximation 0.693/(η·wd) is excellent while η·wd is small (the first three rows) and
# drifts once each step takes a big bite: at η·wd = 0.5 a single step halves the weight,
# while the approximation says 1.39 steps.
#
# The panel: drag **η** (0.001 to 1, a decade per notch) and **weight_decay** (log scale,
# 0.01 to 3.16, four notches per decade). Left, the first 40 steps as points; right, the same
# decay on a logarithmic step axis from 1 to 10⁷ steps, so that any half-life between one
# step and millions of steps fits, with the exact half-life (solid line) and the
# approximation 0.693/(η·wd) (dotted). Push η·wd past 1 and past 2 (e.g.
# η = 1 with wd = 1.78 or 3.16) to see the oscillation and the blow-up; the warning that
# `conventions.decay_factor` raises appears in the figure.

# %%
T_SHORT = 40
t_short = np.arange(T_SHORT + 1)
t_long = np.logspace(0, 7, 300)
Y_LIM = 1.25

fig, (ax_short, ax_long) = plots.new_figure(ncols=2, width=4.8, height=3.4)
DECAY_LABEL = r"$w_t = (1 - \eta\cdot wd)^t$"


def steps_text(v):
    """A number of steps as 69,315 or 21.6."""
    return f"{v:,.0f}" if v >= 1000 else f"{v:.3g}"


def reference_lines(ax):
    """The half-way line and the zero line, on the fixed y-range."""
    ax.axhline(0.5, color=plots.COLORS["grey"], ls="--", lw=1, label="half of w₀")
    ax.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax.set_ylim(-Y_LIM, Y_LIM)


def show_decay(eta, weight_decay):
    with warnings.catch_warnings(record=True) as caught:     # the warning goes into the figure
        warnings.simplefilter("always")
        factor = conventions.decay_factor(eta, weight_decay)
    u = eta * weight_decay
    smooth = 0 < factor < 1 and abs(factor) > 1e-9
    t_half = conventions.half_life(eta, weight_decay) if smooth else None
    # left: the first 40 steps, one point per step
    ax_short.plot(t_short, np.clip(factor ** t_short, -2 * Y_LIM, 2 * Y_LIM), "o-", ms=3.5,
                  lw=1.2, color=plots.COLORS["blue"], label=DECAY_LABEL)   # off-axis, not inf
    reference_lines(ax_short)
    if smooth and t_half <= T_SHORT:
        ax_short.axvline(t_half, color=plots.COLORS["orange"], lw=1.5, label="half-life")
    ax_short.set(xlim=(0, T_SHORT), xlabel="step t", ylabel=r"$w_t$  ($w_0 = 1$)")
    ax_short.set_title(f"η = {eta:.3g}, wd = {weight_decay:.3g}: η·wd = {u:.3g}, "
                       f"factor {factor:.6g}", fontsize=10)
    ax_short.legend(loc="lower left")
    # right: a log step axis, so that any half-life from 1 to millions of steps fits
    if smooth:
        ax_long.plot(t_long, factor ** t_long, color=plots.COLORS["blue"], lw=2, label=DECAY_LABEL)
    reference_lines(ax_long)
    ax_long.set(xscale="log", xlim=(1, 1e7), xlabel="step t (log scale)")
    ax_long.minorticks_off()                     # 7 decades: the major ticks are enough
    ax_long.tick_params(labelleft=False)         # the same y-axis as on the left
    if smooth:
        ax_long.axvline(t_half, color=plots.COLORS["orange"], lw=1.5, label="half-life (exact)")
        ax_long.axvline(np.log(2) / u, color=plots.COLORS["vermillion"], lw=1.5, ls=":",
                        label="≈ 0.693/(η·wd)")
        ax_long.set_title(f"half-life {steps_text(t_half)} steps  "
                          f"(≈ 0.693/(η·wd) = {steps_text(np.log(2) / u)})", fontsize=10)
        ax_long.legend(loc="lower left")
        return
    warning = " ".join(str(w.message) for w in caught)
    if abs(factor) < 1e-9:
        text = "η·wd = 1: the factor is 0, so every weight is zeroed in a single step."
    elif factor >= -1:
        text = (f"{warning}\nNo half-life: the sign flips every step (oscillation); "
                f"|1 − η·wd| = {abs(factor):.3g} ≤ 1, so the size still shrinks.")
    else:
        text = (f"{warning}\ndiverges: |1 − η·wd| = {abs(factor):.3g} > 1, "
                f"so |w| grows {abs(factor):.3g}× per step.")
    plots.message(ax_long, "\n".join(textwrap.fill(p, 44) for p in text.split("\n")))
    ax_long.set_title("no half-life: the factor is not in (0, 1)", fontsize=10)


widgets.live(fig, show_decay, title="pure weight decay and its half-life",
             eta=widgets.log_slider("η", 0.1, -3, 0, step=1),
             weight_decay=widgets.log_slider("weight_decay", 10 ** -0.5, -2, 0.5, step=0.25))

# %% [markdown]
# **Try**: η = 0.001 with wd = 0.01 (AdamW's defaults; the half-life runs off towards 10⁵
# steps); η = 1 with wd = 1 (η·wd = 1: zeroed at once); η = 1 with wd = 1.78 (oscillation,
# the sign flips each step); η = 1 with wd = 3.16 (blow-up). In a real network the
# data gradient is added on top, but the factor must still stay in (0, 1): keep η·wd well
# below 1.

# %% [markdown]
# ## 4 · With data: weights stay large only if the data insists
#
# Section 2 showed it on the polynomial; here it is with a clear cast of characters.
# `data.sparse_linear` makes 40 samples of 4 standard-normal features where only **2**
# matter (true weights −2.63 and −1.18; the other two are 0). A fifth feature is added that
# is **0 in every training row**, like a broken sensor, or like the top-left pixel of the
# handwritten digits of notebook 10, which is blank in all 1,797 images. The data says
# nothing at all about its weight: ∇loss is exactly 0 for it, forever.
#
# All five weights start at large random values (`init_scale=1.5`) and train for 200 steps
# with η = 0.1, once without weight decay and once with wd = 0.2 (η·wd = 0.02, half-life
# about 34 steps).

# %%
# NBVAL_CHECK_OUTPUT
X5, y5, true_w = data.sparse_linear(n_samples=40, n_features=4, n_informative=2, seed=2)
X5 = np.column_stack([X5, np.zeros(len(y5))])        # feature 5: always 0 in the data
true_w = np.r_[true_w, 0.0]
LR5, WD5, STEPS5 = 0.1, 0.2, 200
runs = {}
for weight_decay in (0.0, WD5):
    model = models.LinearRegression(5, init_scale=1.5, seed=2)
    w_start = model.weight.copy()
    hist = train.train(model, X5, y5, lr=LR5, steps=STEPS5, weight_decay=weight_decay,
                       snapshot_every=1)
    runs[weight_decay] = np.array([s[0] for s in hist.snapshots])
pure = w_start[4] * conventions.decay_factor(LR5, WD5) ** np.arange(STEPS5 + 1)

print("weight      true    start   no decay   wd = 0.2")
for k, role in enumerate(["not needed", "needed", "needed", "not needed", "dead feature"]):
    print(f"w{k + 1} {role:<12s} {true_w[k]:6.2f} {w_start[k]:7.2f} {runs[0.0][-1, k]:9.3f}"
          f" {runs[WD5][-1, k]:9.3f}")
print(f"dead weight with decay = w₀·(1 − η·wd)^t at every step: "
      f"{np.allclose(runs[WD5][:, 4], pure, rtol=1e-12, atol=0)}")

# %%
ROLE_COLORS = [plots.COLORS[c] for c in ("grey", "blue", "green", "sky", "vermillion")]
fig, (ax_tr, ax_end) = plots.new_figure(ncols=2, width=4.8, height=3.6)
t5 = np.arange(STEPS5 + 1)
for k in range(5):
    ax_tr.plot(t5, runs[WD5][:, k], color=ROLE_COLORS[k], lw=2, label=f"w{k + 1}")
    ax_tr.plot(t5, runs[0.0][:, k], color=ROLE_COLORS[k], lw=1.2, ls="--", alpha=0.8)
ax_tr.plot(t5, pure, color=plots.COLORS["black"], lw=1, ls=":", label="pure decay w₀·0.98ᵗ")
ax_tr.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_tr.set(xlabel="step", ylabel="weight value", xlim=(0, STEPS5), ylim=(-4, 3))
ax_tr.set_title(f"training with wd = {WD5} (solid) and without (dashed)", fontsize=10)
ax_tr.legend(ncol=2, loc="upper right", bbox_to_anchor=(1.0, 0.93))

idx5 = np.arange(1, 6)
ax_end.bar(idx5 - 0.27, true_w, width=0.27, color=plots.COLORS["grey"], label="true weight")
ax_end.bar(idx5, runs[0.0][-1], width=0.27, color=plots.COLORS["sky"], label="no decay")
ax_end.bar(idx5 + 0.27, runs[WD5][-1], width=0.27, color=plots.COLORS["blue"],
           label=f"wd = {WD5}")
ax_end.axhline(0, color=plots.COLORS["black"], lw=0.8)
ax_end.set(xticks=idx5, xticklabels=["w1\nnot needed", "w2\nneeded", "w3\nneeded",
                                     "w4\nnot needed", "w5\ndead feature"],
           ylabel="weight after 200 steps", ylim=(-3, 3))
ax_end.tick_params(axis="x", labelsize=8)
ax_end.set_title("where the weights end up", fontsize=10)
ax_end.legend(loc="upper left")
fig

# %% [markdown]
# Three kinds of weight, three fates:
#
# - **Needed** (w2, w3): the data pushes back every step, so they stay near their true values,
#   a little smaller with decay (−2.40 instead of −2.82 for w2: the shrinkage that is the
#   price of any L2 penalty).
# - **Not needed, but seen** (w1, w4): here the data itself points them at ≈ 0 (40 samples are
#   plenty for 4 features), with or without decay. Weight decay adds little for them.
# - **Dead** (w5): the data never says anything. Without decay it keeps its random starting
#   value 2.70 **forever**, a time bomb that would fire the day that feature is non-zero at
#   test time. With decay it follows the pure-decay curve w₀·(1 − η·wd)ᵗ *exactly* (the
#   dotted line hides under it) down to 0.05 after 200 steps.
#
# That last kind is what the seed means by "left alone". A big network has many weights, and
# many directions in weight space, that the training data barely constrains; without decay
# they keep whatever value the initialization or an early gradient gave them. Weight decay
# sends all of them to 0, and keeps only what the data actively defends.

# %% [markdown]
# ## 5 · When the decay step itself diverges
#
# If η·wd ≥ 2, the factor 1 − η·wd is ≤ −1, and the data cannot rescue the run: every step
# flips the weights' signs and makes them bigger. `train.train` notices (the objective grows
# past `blowup` = 10⁶ times its start), stops, restores the last finite weights and says why
# in `History.message`. Below, the data of section 4 with η = 0.1 and wd = 24, i.e. course
# λ = 12, η·2λ = 2.4: once as PyTorch-style `weight_decay=24`, once as the course penalty
# `penalties.l2(12)`. Both also warn up front (`UnwiseValueWarning`); the warnings are caught
# and printed here.

# %%
# NBVAL_CHECK_OUTPUT
for label, kwargs in [("weight_decay=24", dict(weight_decay=24.0)),
                      ("penalty=penalties.l2(12)", dict(penalty=penalties.l2(12.0)))]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = models.LinearRegression(5, init_scale=1.5, seed=2)
        hist = train.train(model, X5, y5, lr=0.1, steps=200, **kwargs)
    print(f"train.train(model, X5, y5, lr=0.1, steps=200, {label})")
    for w_ in caught:
        print(textwrap.fill(f"warning: {w_.message}", 96, initial_indent="  ", subsequent_indent="    "))
    print(f"  diverged: {hist.diverged}, at step {hist.diverged_at}")
    print(textwrap.fill(f"message: {hist.message}", 96, initial_indent="  ", subsequent_indent="    "))

# %% [markdown]
# Both runs stop at the same step with the same cause: one more confirmation that
# `weight_decay = 2λ` and the course's L2 are the same algorithm. In practice η·wd is
# tiny (around 10⁻⁶ to 10⁻⁴ with AdamW's usual settings), so this only bites with a large
# learning rate *and* a large decay, or when a λ meant for one library is pasted into another (a
# scikit-learn `Ridge` α of 100 used as `weight_decay` is an easy way to get here).

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · The per-step factor
# SGD with η = 0.05 and `weight_decay` = 0.2. By what number is every weight multiplied in
# each step, before the gradient step?

# %%
factor_answer = ...   # 1 − η·wd

_ = exercises.check_value(factor_answer, 1 - 0.05 * 0.2, name="Exercise 1",
                          hint="the decay step is w·(1 − η·weight_decay)")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `factor_answer = 1 - 0.05 * 0.2`, which is 0.99: each step keeps 99 % of every weight
# (`conventions.decay_factor(0.05, 0.2)`).
# </details>

# %% [markdown]
# ### Exercise 2 · The half-life
# With the same η = 0.05 and `weight_decay` = 0.2 and no data gradient, after how many steps
# is a weight halved? Either the exact value or the approximation 0.693/(η·wd) is accepted
# (within 1 %).

# %%
half_life_answer = ...   # steps

_ = exercises.check_value(half_life_answer, conventions.half_life(0.05, 0.2), rtol=0.01,
                          name="Exercise 2",
                          hint="solve (1 − η·wd)^t = 1/2 for t, or use ln 2/(η·wd) for small η·wd")

# %% [markdown]
# <details><summary>Solution</summary>
#
# Exactly `np.log(2) / -np.log(1 - 0.05 * 0.2)` ≈ 68.97 steps; the approximation
# `0.693 / 0.01` = 69.3 is 0.5 % off.
# </details>

# %% [markdown]
# ### Exercise 3 · From the course's λ to `weight_decay`
# A notebook of this course found that λ = 0.003 (penalty λ·Σw² on the mean squared error)
# works well. Which `weight_decay` do you pass to `torch.optim.SGD` to train the same model?

# %%
weight_decay_answer = ...

_ = exercises.check_value(weight_decay_answer, 0.006, name="Exercise 3",
                          hint="SGD adds weight_decay·w to the gradient; the course's penalty adds 2λw")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `weight_decay_answer = 2 * 0.003 = 0.006` (`conventions.weight_decay_from_lam(0.003)`). The
# gradient of λ·Σw² is 2λw, and SGD adds weight_decay·w, so weight_decay = 2λ. Passing 0.003
# would train with half the intended penalty.
# </details>

# %% [markdown]
# ### Exercise 4 · Where pure decay stops working
# With ∇loss = 0, what is the smallest value of the product η·wd at which the weights no
# longer go to 0 (at that value a weight flips its sign forever; above it, it blows up)?

# %%
eta_wd_limit = ...

_ = exercises.check_value(eta_wd_limit, 2.0, name="Exercise 4",
                          hint="the weights shrink while |1 − η·wd| < 1; where does that fail?")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `eta_wd_limit = 2`. The weights go to 0 exactly when |1 − η·wd| < 1, i.e. 0 < η·wd < 2. At
# η·wd = 2 the factor is −1 (the weight flips forever at the same size), above 2 it is below
# −1 (blow-up). Between 1 and 2 the weights still shrink, but with a sign flip every step,
# which is why a factor just below 1 (η·wd ≪ 1) is what you want in practice.
# </details>

# %% [markdown]
# ## Summary
#
# - One gradient step on MSE + λ·Σw² is **w ← w(1 − 2ηλ) − η∇loss**: multiply every weight
#   by a number just below 1, then take the usual step. That multiplication is why L2 is
#   called **weight decay** in deep learning.
# - The seed's λ in w(1 − ηλ), PyTorch's `weight_decay`, is **2 × the course's λ**:
#   `weight_decay = 2λ` (`conventions.weight_decay_from_lam`; see the
#   [conventions table](00_start_here.ipynb#conventions)). `SGD(weight_decay=2λ)` and
#   `penalties.l2(λ)` take identical steps.
# - Left alone (∇loss = 0), a weight decays as w₀(1 − η·wd)ᵗ, with half-life
#   ln 2/−ln(1 − η·wd) ≈ **0.693/(η·wd)** steps; only the product η·wd matters.
# - η·wd ≥ 1 makes the factor ≤ 0 (zeroing, then sign flips); **η·wd > 2** makes |factor| > 1
#   and training blows up (`History.message` says so). Useful values are η·wd ≪ 1.
# - Weights stay large only where the data pushes back every step with a force wd·w; weights
#   the data ignores follow the pure-decay curve to 0.
#
# Next: [7 · Why AdamW has a W](07_adamw.ipynb).
