# %% [markdown]
# # 7 · Why AdamW has a W
#
# **Learning goals**
# - see where `Adam(weight_decay=wd)` puts its L2 term: into the running averages, so each
#   weight's decay is divided by its own gradient scale √v̂;
# - read AdamW's update: **w ← w·(1 − lr·wd)** first, the same fraction for every weight;
# - see where each optimizer takes the weights, and so where the quote holds.
#
# > **Why AdamW has a W.** With Adam, putting L2 in the loss is not the same thing: the
# > penalty's gradient gets rescaled by Adam's per-weight adaptive learning rates, so the
# > weights with the busiest gradient history are barely regularized at all. AdamW decouples
# > the decay — it applies w·(1 − ηλ) directly, outside the adaptive machinery (Loshchilov &
# > Hutter, "Decoupled Weight Decay Regularization", 2017 / ICLR 2019). The decoupled decay
# > is the W.
#
# The quote is exact per step; in the weights it holds only in some runs (section 4).
#
# **Notation.** The quote's λ is PyTorch's `weight_decay`, here **wd** (the course's λ is wd/2:
# [conventions table](12_conventions.ipynb#conventions)); **lr** (η) is the learning rate.
#
# *Time: about 37 minutes (reading, dragging the sliders, exercises).*
# *Express path: sections 1 to 3, about 6 minutes.*

# %%
import numpy as np

from lessons_lib import conventions, data, exercises, linear, models, optim, plots, widgets

# %% [markdown]
# ## 1 · Adam in one screen, and where L2 goes <!-- express -->
#
# `optim.Adam` follows `torch.optim.Adam` line by line. For every weight w with gradient g
# (t counts the steps; β₁ = 0.9, β₂ = 0.999, eps = 10⁻⁸):
#
# ```
# g ← ∇loss + wd·w                      Adam's L2: added to the gradient
# m ← β₁·m + (1 − β₁)·g                  running mean of g
# v ← β₂·v + (1 − β₂)·g²                 running mean of g²
# m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)   bias corrections
# w ← w − lr · m̂ / (√v̂ + eps)
# ```
#
# √v̂, the RMS of the weight's recent gradients (over about 1/(1 − β₂) = 1000 steps), is its
# **gradient scale**. Dividing by it keeps steps near lr while the gradients keep their sign
# and size, smaller when they flip or shrink. But wd·w is divided too, so its term removes
#
# $$\frac{\text{lr}\cdot\text{wd}}{\sqrt{\hat v} + \text{eps}}$$
#
# of the weight: at √v̂ = 100, 100 times less than lr·wd promises.
#
# <details><summary>Go deeper: why the decay term splits off</summary>
#
# Whether a weight's gradients are 1000 or 0.001, dividing by √v̂ puts its steps on the
# scale of lr (with the default betas, briefly about 3·lr after a one-step gradient spike, up
# to about 6·lr ten steps into a jump that lasts); the decay term does not escape that division.
#
# m is linear in g, so m̂ = (running mean of ∇loss) + (running mean of wd·w). A weight
# changes little between steps, so the second part is ≈ wd·w, and the step is
#
# $$w \leftarrow w - \text{lr}\,\frac{\hat m_{\text{data}}}{\sqrt{\hat v} + \text{eps}}
#   \;-\; \frac{\text{lr}\cdot\text{wd}}{\sqrt{\hat v} + \text{eps}}\, w .$$
#
# </details>
#
# AdamW (`optim.AdamW`, as `torch.optim.AdamW`) decays first, `w ← w·(1 − lr·wd)`, then takes
# the Adam step with g = ∇loss alone. For plain SGD, decaying first and L2 in the gradient are
# one algorithm ([notebook 6](06_weight_decay.ipynb)); for Adam they differ by one flag,
# `decoupled_weight_decay` (torch's name); each class's docstring spells out its step:

# %%
for cls in (optim.Adam, optim.AdamW):
    decay_line = next(line for line in cls.__doc__.splitlines() if "weight_decay" in line and "←" in line)
    print(f"{cls.__name__:5s} (decoupled_weight_decay={cls.decoupled_weight_decay}): {' '.join(decay_line.split())}")

# %% [markdown]
# ## 2 · Busy weights and quiet weights <!-- express -->
#
# Weight j's MSE gradient, (2/n)·Σᵢ(ŷᵢ − yᵢ)·Xᵢⱼ, grows with the size of column j.
# `data.busy_quiet` scales 6 standard-normal columns by 0.1, 0.1, 1, 1, 10 and 10: two quiet,
# two medium and two busy weights, all of size 1 to 3 in least squares (our reference).
# Full-batch runs from w = 0; `train_adam` (`runs_decay.adam_run`) reads √v̂ from `opt.state`.
#
# <details><summary>Go deeper: deep networks, the intercept, torch's names</summary>
#
# Layers of a deep network differ in gradient scale in the same way. `optim.decay_groups`
# leaves the intercept undecayed, and the state keys are torch's (`exp_avg_sq`, `step`).
#
# </details>

# %%
# NBVAL_CHECK_OUTPUT
from lessons_lib import runs_decay

SCALE_EXP = np.array(runs_decay.ADAM.scale_exp)  # column j is multiplied by 10**SCALE_EXP[j]
X, y, w_true = data.busy_quiet(SCALE_EXP)
w_ols, _ = linear.fit_linear(X, y, penalty="l2", lam=0.0)      # the unregularized solution
_, LR, WD, STEPS = runs_decay.ADAM                             # lr ≈ 0.0562, wd = 1, 300 steps
train_adam = runs_decay.adam_run                               # (opt_class, lr, weight_decay)
# → a dict: "w", "b" (the end point), "scale" (√v̂), "decay" (per step), "blew_up", "warnings"
plain = train_adam(optim.Adam, LR, 0.0)
print("Adam, wd = 0, 300 steps, fraction of least squares", np.round(plain["w"] / w_ols, 3))

# %% [markdown]
# Plain Adam reaches every least-squares weight: dividing by √v̂ moves quiet weights as fast
# as busy ones. Now `Adam(weight_decay=1)`. Thin lines: the |gⱼ| Adam is fed; thick: √v̂ⱼ.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
GROUP = {-1: "quiet ×0.1", 0: "medium ×1", 1: "busy ×10"}
GROUP_COLORS = {-1: plots.COLORS["orange"], 0: plots.COLORS["green"], 1: plots.COLORS["purple"]}
history = runs_decay.adam_l2_history()                        # the same run, step by step
grad_hist, scale_hist = history.fed, history.scale             # |∇loss + wd·w| and √v̂
fig, ax = plots.new_figure(width=8.0, height=3.6)
for j, k in enumerate(SCALE_EXP):
    ls = "-" if j % 2 == 0 else "--"
    ax.plot(np.arange(1, STEPS + 1), grad_hist[:, j], color=GROUP_COLORS[k], lw=0.8, ls=ls, alpha=0.45)
    ax.plot(np.arange(1, STEPS + 1), scale_hist[:, j], color=GROUP_COLORS[k], lw=2.2, ls=ls,
            label=f"w{j + 1}: {GROUP[k]}")
ax.set(yscale="log", xlim=(0, STEPS), ylim=(1e-7, 1e4), xlabel="step",
       ylabel="gradient size (log scale)")
ax.set_title(f"Adam + L2, lr = {LR:.3g}, wd = {WD:g}: thin |g| (fed to Adam), "
             "thick √v̂ (what it divides by)", fontsize=10)
ax.legend(fontsize=9, loc="center left", bbox_to_anchor=(1.01, 0.5))
plots.show(fig, alt=f"Gradient sizes on a log scale over {STEPS} steps of Adam + L2 (lr = {LR:.3g}, "
                    f"wd = {WD:g}), for two quiet, two medium and two busy weights. Thin lines, the "
                    f"gradient Adam is fed: it starts at {grad_hist[0, 0]:.2g} for w1 and "
                    f"{grad_hist[0, -1]:.0f} for w6, then collapses by orders of magnitude. Thick "
                    f"lines, √v̂, what Adam divides by: it falls only "
                    f"{(scale_hist[0] / scale_hist[-1]).min():.0f} to "
                    f"{(scale_hist[0] / scale_hist[-1]).max():.0f} times and keeps busy above "
                    f"medium above quiet, ending at {scale_hist[-1, 0]:.2g} for w1 and "
                    f"{scale_hist[-1, -1]:.0f} for w6.")

# %% [markdown]
# The first gradients grow with column scale, from 0.03 for w1 to 310 for w6, then collapse
# by six decades and more. √v̂ forgets slowly (after 300 steps it is down only 5 to 9 times):
# that memory of early, large gradients is the "busy gradient history".
#
# <details><summary>Go deeper: how fast the first gradients grow</summary>
#
# The first gradients are tens to hundreds of times larger for each factor 10 of column
# scale; they collapse as the weights settle.
#
# </details>

# %% [markdown]
# ## 3 · Each weight's decay term, read from the optimizer <!-- express -->
#
# The fraction of each weight the decay term alone would remove per step, from `opt.state`
# after 300 steps at lr = 0.0562 and wd = 1:
#
# - **Adam + L2**: lr·wd / (√v̂ⱼ + eps), different for every weight;
# - **AdamW**: lr·wd = 0.0562 for every weight.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
coupled, decoupled = train_adam(optim.Adam, LR, WD), train_adam(optim.AdamW, LR, WD)
print("weight  column        √v̂ (Adam+L2)   decay Adam+L2   decay AdamW   Adam+L2 / AdamW")
for j, k in enumerate(SCALE_EXP):
    print(f"  w{j + 1}    {GROUP[k]:<12s} {coupled['scale'][j]:12.4g} "
          f"{coupled['decay'][j]:15.4g} {decoupled['decay'][j]:13.4g} "
          f"{coupled['decay'][j] / decoupled['decay'][j]:14.4g}")

# %% [markdown]
# With one `weight_decay`, Adam + L2's decay term is 57 times smaller than AdamW's for its
# busiest weight (w6) and 206 times larger for its quietest (w1). AdamW:
# 0.0562 for all.
#
# <details><summary>Go deeper: a "fraction" above 1</summary>
#
# For w1 and w2 the decay term alone would overshoot zero in one step (11.6 and 1.66 of the
# weight). The data gradient, divided by the same tiny √v̂, holds the weight back.
#
# </details>

# %% [markdown]
# ## 4 · Where the weights go: after 300 steps, in the long run, with minibatches
#
# Each weight as a **fraction of its least-squares value** (1 = untouched,
# 0 = decayed away), after 300 steps, beside the exact ridge solution with λ = wd/2:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
ridge_w, _ = linear.fit_linear(X, y, penalty="l2", lam=conventions.lam_from_weight_decay(WD))
print(f"after {STEPS} steps (lr = {LR:.3g}, wd = {WD:g}), fraction of the least-squares weight")
print("weight  column        Adam+L2    ridge    AdamW")
for j, k in enumerate(SCALE_EXP):
    print(f"  w{j + 1}    {GROUP[k]:<12s} {coupled['w'][j] / w_ols[j]:8.3f} "
          f"{ridge_w[j] / w_ols[j]:8.3f} {decoupled['w'][j] / w_ols[j]:8.3f}")
print(f"Adam + L2 vs ridge with course λ = wd/2: max |difference| "
      f"{np.abs(coupled['w'] - ridge_w).max():.1e}")
fitted = models.LinearRegression(len(SCALE_EXP))
fitted.set_params([decoupled["w"], decoupled["b"]])
lam_balance = -fitted.loss_and_grads(X, y)[1][0] / (2 * decoupled["w"])   # ∇loss = −2λⱼ·wⱼ
lam_after_300 = WD * (decoupled["scale"] + 1e-8) / 2
print("AdamW after 300 steps, read as ridge with its own course λⱼ per weight (fold below):")
print("  λⱼ from ∇ⱼloss = −2λⱼ·wⱼ", "  ".join(f"{v:.3g}" for v in lam_balance))
print("  λⱼ = wd·(√v̂ⱼ + eps)/2  ", "  ".join(f"{v:.3g}" for v in lam_after_300))

# %% [markdown]
# **Adam + L2 has arrived** at the course's ridge solution with λ = wd/2 (difference
# 3·10⁻⁷). Ridge keeps the busy weights (99.5 % and 101 %) and crushes the quiet ones (2 %)
# because of their columns, not their gradient history (fold). Dividing by √v̂ changed only
# the *path*.
#
# <details><summary>Go deeper: why Adam + L2 ends at ridge</summary>
#
# Both of its moves, data and decay, are divided by the same √v̂, so where they balance does
# not depend on √v̂: at ∇loss + wd·w = 0, the minimum of MSE + (wd/2)·Σw², whatever the
# optimizer. The data's pull on a weight grows with its column's scale squared, the
# penalty's does not: a busy weight hardly feels the penalty; a quiet one is crushed.
#
# </details>
#
# **AdamW after 300 steps** has shrunk every group, busy weights included (75 % and 51 %),
# but √v̂ is still forgetting the early gradients. Run it for 20,000 steps, beside the best
# fit in the box |wⱼ| ≤ 1/wd (why a box: fold below):

# %%
# NBVAL_CHECK_OUTPUT
ends = runs_decay.adam_ends()             # section 4's runs: full batch, long, and minibatches
print(f"AdamW after {ends.long_steps:,} steps:     ", np.round(ends.adamw_long, 3))
print("least squares with |w| ≤ 1/wd:", np.round(ends.box_w, 3))    # scipy's lsq_linear
print("AdamW, fraction of least sq.: ", np.round(ends.adamw_long / w_ols, 3))

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax, ax_b) = plots.new_figure(ncols=2, width=5.0, height=4.6, sharey=True)
C = plots.COLORS
plots.paired_bars(ax, {"least squares": w_ols, "ridge, λ = wd/2 (exact)": ends.ridge_w,
                       "Adam + L2 (converged)": ends.adam_l2, f"AdamW, {STEPS} steps": decoupled["w"],
                       f"AdamW, {ends.long_steps:,} steps": ends.adamw_long},
                  colors=[C[c] for c in ("grey", "purple", "vermillion", "sky", "blue")], legend=False)
plots.paired_bars(ax_b, {"ridge, λ = wd/2": ends.ridge_w, "Adam + L2": ends.batch_adam_l2["w"],
                         "AdamW": ends.batch_adamw["w"]},
                  colors=[C[c] for c in ("purple", "vermillion", "blue")], legend=False)
ax_b.plot(np.arange(1, 7) + 0.8 / 3, ends.adamw_ridge, ls="none", marker="D", ms=6, mfc="white",
          mec="black", mew=1.3, label="ridge with AdamW's λⱼ = wd·√v̂ⱼ/2")
for edge in (-1 / WD, 1 / WD):
    ax.axhline(edge, color=C["black"], ls=":", lw=1.2)
ax.text(0.55, -1 / WD - 0.05, "box |w| ≤ 1/wd", va="top", ha="left", fontsize=9)
for a in (ax, ax_b):
    a.set(xticks=range(1, 7), xticklabels=[f"w{j + 1}\n×{10.0 ** k:g}" for j, k in enumerate(SCALE_EXP)],
          xlabel="weight (its column's scale)", ylabel="")
    a.legend(fontsize=9, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=2, frameon=False)
ax.set(ylabel="weight", title="full batch")
ax_b.set_title(f"minibatches of {ends.batch_size} rows: mean of the last {ends.average_last:,} "
               f"of {ends.batch_steps:,} steps", fontsize=10)
frac = {name: w / w_ols for name, w in [("ridge", ends.ridge_w), ("adam", ends.adam_l2),
                                           ("short", decoupled["w"]), ("batch", ends.batch_adamw["w"])]}
plots.show(fig, alt=f"Left, full batch: Adam + L2 converged on the exact ridge bars (within "
                    f"{np.abs(ends.adam_l2 - ends.ridge_w).max():.0e}): the busy w5, w6 keep "
                    f"{frac['adam'][4]:.0%} and {frac['adam'][5]:.0%} of least squares, the quiet w1, w2 "
                    f"{frac['adam'][0]:.0%} and {frac['adam'][1]:.0%}. AdamW keeps {frac['short'][4]:.0%} and "
                    f"{frac['short'][5]:.0%} of w5, w6 after {STEPS} steps (its w1, "
                    f"{decoupled['w'][0]:.2f}, outside the box) and after "
                    f"{ends.long_steps:,} steps every weight is within "
                    f"{np.abs(np.abs(ends.adamw_long) - 1 / WD).max():.3f} of the box edge |w| = 1/wd. "
                    f"Right, minibatches of {ends.batch_size}: Adam + L2 still on ridge; AdamW keeps "
                    f"{frac['batch'][4]:.0%} and {frac['batch'][5]:.0%} of w5, w6, on the diamonds of "
                    "ridge with its own λ per weight.")

# %% [markdown]
# Left: after 20,000 steps AdamW's weights are within 0.015 of the best fit **inside the
# box**, which here puts all six on its edge: one cap for every weight, whatever
# its gradient scale, reached in the long run (w1 is still at 1.003; its "AdamW, 300 steps"
# bar, 1.05, stands outside the box: see the fold).
#
# <details><summary>Go deeper: why a box (Xie & Li's ℓ∞ view)</summary>
#
# Xie & Li (ICML 2024) show that when full-batch AdamW converges (with a non-increasing lr
# whose sum diverges), it reaches a KKT point of the loss subject to |wⱼ| ≤ 1/wd, an ℓ∞
# constraint: for a convex loss like this one, the constrained minimum. The fit in the box above is
# `scipy.optimize.lsq_linear` with bounds.
#
# Where AdamW stops moving, its decay lr·wd·wⱼ cancels its data step lr·m̂ⱼ/√v̂ⱼ, with m̂ⱼ
# the gradient itself: ∇ⱼloss = −wd·√v̂ⱼ·wⱼ. On the full batch, run long, v̂ⱼ forgets the
# early gradients and tends to (∇ⱼloss)², so each weight has ∇ⱼloss = 0 or |wⱼ| = 1/wd with
# the gradient pushing outwards: the conditions (KKT) for the best fit in the box. Before
# that, a weight can sit outside the box.
#
# </details>
#
# <details><summary>Go deeper: AdamW after 300 steps, read as a per-weight λⱼ</summary>
#
# After 300 steps AdamW's data gradient balances its decay as if each weight had its own
# course λⱼ = wd·√v̂ⱼ/2 (last line of the table above), from 0.033 for w1 to 83 for w6:
# √v̂ⱼ still remembers the early gradients. On the full batch it tends to |∇ⱼloss|, and in
# the long run the λⱼ turn into the box; with minibatches (below) they stay.
#
# </details>
#
# **Where the quote holds.** Per step, always (section 3). In the weights, only next to AdamW,
# which shrinks busy weights more: by its box in the long run, and wherever √v̂ stays large
# (short runs; minibatches, as in training a network). The right panel above, minibatches
# of 10 rows, in numbers:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
b_l2, b_w = ends.batch_adam_l2, ends.batch_adamw
print(f"minibatches of {ends.batch_size}, mean of the last {ends.average_last:,} of {ends.batch_steps:,} "
      "steps: decay per step, fraction of least squares kept")
print("weight  column      √v̂ Adam+L2  decay Adam+L2  decay AdamW   ridge  Adam+L2  AdamW  "
      "√v̂ AdamW  AdamW's λⱼ")
for j, k in enumerate(SCALE_EXP):
    print(f"  w{j + 1}    {GROUP[k]:<12s} {b_l2['scale'][j]:9.3g} {b_l2['decay'][j]:14.3g} "
          f"{b_w['decay'][j]:12.3g} {ends.ridge_w[j] / w_ols[j]:7.3f} {b_l2['w'][j] / w_ols[j]:8.3f} "
          f"{b_w['w'][j] / w_ols[j]:6.3f} {b_w['scale'][j]:9.3g} {ends.adamw_lams[j]:11.3g}")

# %% [markdown]
# Adam + L2 still sits by ridge (within 0.01); per step its decay term removes 0.3–0.5 % of
# the busy weights, AdamW 5.6 %. AdamW's average sits near ridge with **its own
# λⱼ = wd·√v̂ⱼ/2** (white diamonds): 45 and 89 for the busy weights, 0.5 for all under
# Adam + L2. AdamW keeps 67 % and 49 % of them, Adam + L2 99.5 % and 101 %: **next to AdamW,
# the busiest weights are barely regularized.**
#
# <details><summary>Go deeper: why AdamW's λⱼ grows with √v̂</summary>
#
# Adam + L2's data step and decay are both divided by √v̂ⱼ, so their balance is ridge's
# whatever the noise. AdamW's decay lr·wd·wⱼ is not divided: it balances the data step
# lr·∇ⱼloss/√v̂ⱼ only where ∇ⱼloss = −wd·√v̂ⱼ·wⱼ, ridge's balance with 2λⱼ = wd·√v̂ⱼ. The
# noise keeps √v̂ⱼ above |∇ⱼloss|, so the weights stay inside the box.
#
# </details>
#
# AdamW, which generalized better than Adam + L2 in Loshchilov & Hutter's image benchmarks,
# is the usual starting point ([notebook 10](10_sensible_defaults.ipynb)).

# %% [markdown]
# ## 5 · Drag weight_decay and lr
#
# Both optimizers, 300 steps, at each **weight_decay** (0.1 to 10) and **lr** (0.01, 0.0562,
# 0.316). Left: each weight's decay per step against its √v̂. Right: the weights after 300
# steps as fractions of least squares; white diamonds: plain Adam (wd = 0).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
X_LIM, Y_LIM, F_LIM = (1e-3, 1e4), (1e-8, 30.0), (-0.3, 1.75)   # fixed: set from the whole grid
C_L2, C_W = plots.COLORS["vermillion"], plots.COLORS["blue"]
MARKERS = {-1: "v", 0: "o", 1: "^"}
x_curve = np.logspace(np.log10(X_LIM[0]), np.log10(X_LIM[1]), 200)
pos = np.array([0, 1, 2.6, 3.6, 5.2, 6.2])                      # bar positions, grouped by scale
fig, (ax_d, ax_f) = plots.new_figure(ncols=2, width=5.0, height=3.9)


def style_decay_axes(ax, lr, weight_decay):
    ax.axhline(1.0, color=plots.COLORS["black"], lw=0.8, ls=":")
    ax.text(X_LIM[1] / 1.5, 1.25, "the whole weight in one step", fontsize=9, va="bottom", ha="right")
    ax.set(xscale="log", yscale="log", xlim=X_LIM, ylim=Y_LIM,
           xlabel="gradient scale √v̂ (RMS of the gradient history)",
           ylabel="fraction of w the decay term removes per step")
    ax.set_title(f"per-step decay: lr = {lr:.3g}, wd = {weight_decay:.3g}, "
                 f"lr·wd = {lr * weight_decay:.3g}", fontsize=10)
    handles = [ax.plot([], [], color=C_L2, ls="--", marker="o", mec="black",
                       label="Adam + L2: lr·wd / (√v̂ + eps)")[0],
               ax.plot([], [], color=C_W, ls="--", marker="o", mec="black",
                       label="AdamW: lr·wd for every weight")[0]]
    handles += [ax.plot([], [], ls="none", marker=m, color="white", mec="black",
                        label=f"column {GROUP[k]}")[0] for k, m in MARKERS.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=9)


def style_fraction_axes(ax, adam_l2, adam_w, lr, weight_decay):
    ax.axhline(1.0, color=plots.COLORS["black"], lw=0.8, ls=":")
    ax.axhline(0.0, color=plots.COLORS["black"], lw=0.8)
    for k, center in zip(MARKERS, (0.5, 3.1, 5.7)):
        ax.text(center, 1.3, GROUP[k], ha="center", va="center", fontsize=9,
                color=GROUP_COLORS[k], fontweight="bold")
    ax.set(xticks=pos, xticklabels=[f"w{j + 1}" for j in range(len(pos))], ylim=F_LIM,
           xlim=(-0.6, 6.8), ylabel="weight after 300 steps ÷ least-squares weight")
    ax.legend(loc="upper center", ncol=2, columnspacing=1.0, handlelength=1.5, fontsize=9)
    norm_w = "blew up" if adam_w["blew_up"] else f"{np.linalg.norm(adam_w['w']):.2f}"
    ax.set_title(f"‖w‖: Adam + L2 {np.linalg.norm(adam_l2['w']):.2f}, AdamW {norm_w} "
                 f"(least squares {np.linalg.norm(w_ols):.2f})", fontsize=10)
    if adam_w["warnings"]:            # in the empty band below 0, so no bar is hidden
        end = (f"its weights blew up at step {adam_w['blew_up']}" if adam_w["blew_up"] else
               "on its own, the decay would zero or flip every weight")
        ax.text(3.1, -0.15, f"AdamW: lr·wd = {lr * weight_decay:.3g} ≥ 1, factor 1 − lr·wd = "
                f"{1 - lr * weight_decay:.3g}:\n{end}", ha="center", va="center", fontsize=9,
                color=C_W, bbox=dict(boxstyle="round", fc="white", ec=C_W))
    after = f"AdamW's weights blew up at step {adam_w['blew_up']}" if adam_w["blew_up"] else (
        f"AdamW {norm_w}")
    return (f"weight_decay = {weight_decay:.3g}, lr = {lr:.3g}: AdamW removes lr·wd = "
            f"{lr * weight_decay:.3g} of every weight per step, Adam + L2's decay term between "
            f"{adam_l2['decay'].min():.2g} and {adam_l2['decay'].max():.2g} (1: all of it); after 300 "
            f"steps ‖w‖ is Adam + L2 {np.linalg.norm(adam_l2['w']):.2f}, {after} (least squares "
            f"{np.linalg.norm(w_ols):.2f})")


# %%
panel = runs_decay.adam_grid()     # 300 steps of both optimizers at every (lr, weight_decay)
# from the hidden cell above: the axes ax_d, ax_f and their style_decay_axes, style_fraction_axes;
# x_curve (√v̂ values), MARKERS (one per column scale), pos (bar positions), *_LIM (axis limits)


def show_adamw(weight_decay, lr):
    adam_l2, adam_w, plain_adam = panel.at(weight_decay, lr)
    decay = {c: runs_decay.decay_per_step(x_curve, lr, weight_decay, coupled=c) for c in (True, False)}

    # left: the fraction of each weight the decay removes per step, against √v̂
    ax_d.plot(x_curve, np.clip(decay[True], *Y_LIM), color=C_L2, lw=1.5, ls="--")
    ax_d.plot(x_curve, decay[False], color=C_W, lw=1.5, ls="--")
    for run, color in ((adam_l2, C_L2), (adam_w, C_W)):
        for k, marker in MARKERS.items():
            sel = SCALE_EXP == k
            ax_d.scatter(np.clip(run["scale"][sel], *X_LIM), np.clip(run["decay"][sel], *Y_LIM),
                         marker=marker, s=55, color=color, edgecolor="black", lw=0.6, zorder=4)
    style_decay_axes(ax_d, lr, weight_decay)

    # right: the weights after 300 steps, as fractions of the least-squares weights
    ax_f.bar(pos - 0.2, np.clip(adam_l2["w"] / w_ols, *F_LIM), width=0.38, color=C_L2,
             label="Adam + L2")
    ax_f.bar(pos + 0.2, np.clip(adam_w["w"] / w_ols, *F_LIM), width=0.38, color=C_W, label="AdamW")
    ax_f.plot(pos, np.clip(plain_adam["w"] / w_ols, *F_LIM), ls="none", marker="D", ms=7,
              mfc="white", mec="black", mew=1.5, zorder=5, label="Adam, wd = 0 (same lr)")
    return style_fraction_axes(ax_f, adam_l2, adam_w, lr, weight_decay)


widgets.live(fig, show_adamw, title="Adam + L2 vs AdamW",
             weight_decay=widgets.slider("weight_decay", panel.grid, WD),
             lr=widgets.slider("lr (η)", panel.lrs, LR))

# %% [markdown]
# **What to look for** (the panel opens at lr = 0.0562, wd = 1, the runs of sections 3–4):
#
# - **Left**: Adam + L2's points lie on a line of slope −1, AdamW's on a flat line.
# - **Drag weight_decay**: Adam + L2's bars follow the ridge path: quiet weights down to
#   12–14 % at wd = 0.1 and 2 % at wd = 1, busy ones above 95 % even at wd = 10 (for
#   lr ≥ 0.0562; at lr = 0.01, 300 steps leave them short of ridge). AdamW's
#   bars go down together (92–99 % at wd = 0.1, 4–10 % at wd = 10).
# - **lr = 0.316 with wd = 10** (lr·wd = 3.16): AdamW's weights blow up.
#
# <details><summary>Go deeper: what dragging lr shows</summary>
#
# - From lr = 0.0562 to 0.316, Adam + L2's bars stay on ridge and AdamW's move by less than
#   0.09 (wd = 10 aside: there they blow up); for AdamW, the decay lr·wd and the data step,
#   about lr, both scale with lr. At lr = 0.01, 300 steps are too few even
#   without decay (white diamonds down to 0.76).
# - At lr = 0.316 with wd = 10, AdamW's factor 1 − lr·wd is below −1 and its weights blow
#   up. Adam + L2's steps stay on the scale of lr.
#
# </details>

# %% [markdown]
# ## 6 · Paper λ and PyTorch's wd
#
# PyTorch's AdamW removes **lr·wd** of each weight per step, so its decay follows the
# learning rate and its schedule; other libraries: the
# [conventions table](12_conventions.ipynb#conventions).
#
# **Notation.** The AdamW paper's λ is not wd: λ_paper = lr·wd (PyTorch's defaults lr = 10⁻³,
# wd = 0.01 are λ_paper = 10⁻⁵).
#
# <details><summary>Go deeper: the paper's λ, and the course's λ</summary>
#
# Loshchilov & Hutter's Algorithm 2 writes w ← w − ηₜ·(α·m̂/(√v̂ + ε) + λ·w), with ηₜ a
# schedule multiplier (1 for a constant schedule) and α the learning rate. Its λ is not
# multiplied by α, so λ_paper = α·wd. The paper argues that keeping λ apart from α makes their best values
# more independent.
#
# The course's λ (penalty λ·Σw²): `Adam(weight_decay=wd)` minimizes the course objective
# with λ = wd/2 (section 4), but its steps do not decay by (1 − η·wd). `AdamW(weight_decay=wd)`
# has no penalty in any loss and no single course λ: it settles like λⱼ = wd·√v̂ⱼ/2 per
# weight, and full batch in the long run it is a box, not a penalty.
#
# Titles: Loshchilov & Hutter, "Decoupled Weight Decay Regularization"; Xie & Li,
# "Implicit Bias of AdamW: ℓ∞ Norm Constrained Optimization".
#
# </details>
#
# **References.** Loshchilov & Hutter, ICLR 2019,
# [arXiv:1711.05101](https://arxiv.org/abs/1711.05101); Xie & Li, ICML 2024,
# [arXiv:2404.04454](https://arxiv.org/abs/2404.04454).

# %% [markdown]
# ## 7 · In PyTorch (optional: needs torch)
#
# `torch.optim.AdamW` and `optim.AdamW`, 20 steps on the same weights and gradients:

# %% tags=["torch"]
try:
    import torch
except ImportError:
    torch = None
    print("torch is not installed: skipping the comparison with torch.optim.AdamW.")
if torch is not None:
    rng = np.random.default_rng(0)
    w_start, grads = rng.standard_normal(6), rng.standard_normal((20, 6))     # 20 steps
    w_ours, w_torch = w_start.copy(), torch.tensor(w_start, requires_grad=True)
    ours = optim.AdamW([w_ours], lr=0.05, weight_decay=0.5)
    theirs = torch.optim.AdamW([w_torch], lr=0.05, weight_decay=0.5)
    for g in grads:
        ours.step([g])
        w_torch.grad = torch.tensor(g)
        theirs.step()
    max_diff = np.abs(w_ours - w_torch.detach().numpy()).max()
    print(f"20 AdamW steps: max |optim.AdamW − torch.optim.AdamW| = {max_diff:.1e}")

# %% [markdown]
# In a torch network, a common convention (not a rule) decays the weight matrices, not the
# biases or the norm layers' parameters: nanoGPT's `configure_optimizers` does it by shape
# (`dim() >= 2` decays); other code lists names to skip, or decays everything.
# `optim.decay_groups`, written for the course's weight-and-bias models, skips the tensors
# named "bias", so on a torch model it would also decay a LayerNorm's scale `1.weight`:

# %% tags=["torch"]
if torch is not None:
    net = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LayerNorm(8), torch.nn.Linear(8, 1))
    named = dict(net.named_parameters())
    decayed = [name for name, p in named.items() if p.dim() >= 2]
    not_decayed = [name for name, p in named.items() if p.dim() < 2]
    opt_torch = torch.optim.AdamW([{"params": [named[n] for n in decayed], "weight_decay": 0.1},
                                   {"params": [named[n] for n in not_decayed], "weight_decay": 0.0}],
                                  lr=1e-3)
    print("dim() >= 2 rule, decayed:      ", decayed)
    print("dim() >= 2 rule, not decayed:  ", not_decayed)
    arrays = {name: p.detach().numpy() for name, p in named.items()}
    ours_decayed = [name for name, a in arrays.items()
                    if any(a is q for q in optim.decay_groups(arrays.items(), 0.1)[0]["params"])]
    print("optim.decay_groups (by name), decayed:", ours_decayed,
          "(also the LayerNorm's scale 1.weight)")

# %% [markdown]
# ## Exercises
#
# ### Exercise 7.1 · Where the two decays agree
# Adam + L2 and AdamW run with the same lr and wd. At which gradient scale √v̂ does a weight
# lose the same fraction per step under both? (Ignore eps; the panel's left plot shows it.)

# %%
your_answer = ...   # a value of √v̂

_ = exercises.check("7.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 1.0`. Adam + L2 removes lr·wd/√v̂, AdamW lr·wd; they are equal at √v̂ = 1.
# Weights with √v̂ > 1 (busy) are decayed less per step by Adam + L2, those with √v̂ < 1
# (quiet) more.
#
# </details>

# %% [markdown]
# ### Exercise 7.2 · Experiment: when does AdamW halve the busy weights?
# In the panel, keep lr = 0.0562 and drag **weight_decay** up from 0.1. At which
# weight_decay do AdamW's bars (after 300 steps) first show **both** busy weights, w5 and w6,
# below half of their least-squares values? What does Adam + L2 do to them there?

# %%
your_answer = ...   # a weight_decay from the slider

_ = exercises.check("7.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 3.16`: there AdamW keeps 30 % of w5 and 17 % of w6; at wd = 1, w5 still
# keeps 75 %. Adam + L2 keeps more than 95 % of both busy weights at every wd on the slider:
# after 300 steps it sits at ridge, and ridge hardly shrinks weights on ×10 columns.
#
# </details>

# %% [markdown]
# ## Summary
#
# - **Adam + L2**'s decay term removes **lr·wd/(√v̂ + eps)** of each weight per step: busy
#   weights barely, quiet ones heavily. Run to its end (full batch), it still lands on ridge with λ = wd/2.
# - **AdamW** multiplies every weight by **(1 − lr·wd)** before the Adam step. It settles like
#   ridge with λⱼ = wd·√v̂ⱼ/2 (minibatches, short runs) or, full batch in the long run, in
#   the box **|wⱼ| ≤ 1/wd**. **The decoupled decay is the W.**
# - Keep lr·wd well below 1 (past 2 the weights blow up); in torch, a common convention
#   decays only tensors with `dim() >= 2` (section 7).
#
# Next: [8 · The family: dropout, early stopping, augmentation](08_family.ipynb).
