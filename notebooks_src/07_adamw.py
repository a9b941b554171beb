# %% [markdown]
# # 7 · Why AdamW has a W
#
# **Learning goals**
# - read Adam's update and see where an L2 term goes when it is put into the loss
#   (`Adam(weight_decay=wd)`): into the running averages m and v, so the decay part of each
#   step is about **lr·wd·w / (√v̂ + eps)**, divided by that weight's own gradient scale;
# - read AdamW's update: **w ← w·(1 − lr·wd)** first, outside the adaptive machinery, the same
#   fraction for every weight;
# - measure each weight's *effective* per-step decay from an optimizer's state
#   (`opt.state[id(p)]["exp_avg_sq"]`) and watch it span decades under Adam + L2;
# - see the outcome: Adam + L2 ends at the plain L2 (ridge) solution, where the weights with
#   busy gradients are barely shrunk; AdamW shrinks busy and quiet weights alike;
# - translate between PyTorch's `weight_decay`, the paper's λ and the course's λ.
#
# The seed's section:
#
# > **Why AdamW has a W.** With Adam, putting L2 in the loss is not the same thing: the
# > penalty's gradient gets rescaled by Adam's per-weight adaptive learning rates, so the
# > weights with the busiest gradient history are barely regularized at all. AdamW decouples
# > the decay — it applies w·(1 − ηλ) directly, outside the adaptive machinery (Loshchilov &
# > Hutter, "Decoupled Weight Decay Regularization", 2017 / ICLR 2019). The decoupled decay
# > is the W.
#
# Notebook 6 showed that for plain SGD, "L2 in the loss" and "multiply the weights by
# (1 − η·wd)" are the same algorithm. Here that equivalence breaks. Throughout, **wd** is
# PyTorch's `weight_decay` and **lr** (η) the learning rate; "λ" alone means the course's
# L2 strength (penalty λ·Σw²), so wd = 2λ where the two can be compared (the
# [conventions table](00_start_here.ipynb#conventions)).

# %%
import functools
import inspect
import textwrap
import warnings

import numpy as np
from matplotlib.lines import Line2D

from lessons_lib import conventions, data, exercises, linear, models, optim, plots, widgets

# %% [markdown]
# ## 1 · Adam in one screen, and where L2 goes
#
# `optim.Adam` follows `torch.optim.Adam` line by line. Each step, for every weight w with
# gradient g (t counts the steps, β₁ = 0.9, β₂ = 0.999, eps = 10⁻⁸ by default):
#
# ```
# g ← ∇loss + wd·w                      Adam's L2: added to the gradient
# m ← β₁·m + (1 − β₁)·g                  running mean of g
# v ← β₂·v + (1 − β₂)·g²                 running mean of g²
# m̂ = m / (1 − β₁ᵗ),  v̂ = v / (1 − β₂ᵗ)   bias corrections (both start at 0)
# w ← w − lr · m̂ / (√v̂ + eps)
# ```
#
# √v̂ is the root-mean-square of the gradients this weight has seen, its **gradient scale**,
# with a memory of about 1/(1 − β₂) = 1000 steps. Dividing by it is Adam's whole idea:
# m̂/√v̂ is a number of order 1 or less whether the gradients are 1000 or 0.001, so every
# weight moves at most about lr per step. Busy weights (large gradients) are slowed down,
# quiet weights are sped up.
#
# Now follow the L2 term wd·w. It is part of g, so it goes into m, and m is linear in g:
# m̂ = (running mean of ∇loss) + (running mean of wd·w). A weight changes little between
# steps, so the second part is ≈ wd·w, and the step splits into two moves:
#
# $$w \leftarrow w - \text{lr}\,\frac{\hat m_{\text{data}}}{\sqrt{\hat v} + \text{eps}}
#   \;-\; \underbrace{\frac{\text{lr}\cdot\text{wd}}{\sqrt{\hat v} + \text{eps}}}_{\text{fraction of }w\text{ removed}}\, w .$$
#
# The decay move is **divided by the weight's gradient scale**. A weight with √v̂ = 100 is
# decayed 100 times less than the nominal lr·wd; a weight with √v̂ = 0.01, 100 times more.
# The same wd means wildly different decay for different weights.
#
# AdamW (`optim.AdamW`, as `torch.optim.AdamW`) moves the decay out of the gradient:
#
# ```
# w ← w·(1 − lr·wd)                      the W: decay first, g is NOT touched
# m, v, m̂, v̂ as above, from g = ∇loss alone
# w ← w − lr · m̂ / (√v̂ + eps)
# ```
#
# Every weight loses the same fraction lr·wd per step, whatever its gradients. In the
# library the whole difference is one flag, `decoupled_weight_decay` (torch's name for
# it), and the branch of the update that reads it:

# %%
update = inspect.getsource(optim.Adam._update).splitlines()
branch = next(i for i, line in enumerate(update) if 'if group["weight_decay"]' in line)
print(textwrap.dedent("\n".join(update[branch:branch + 5])))
print(f"Adam: decoupled_weight_decay = {optim.Adam.decoupled_weight_decay};  "
      f"AdamW: decoupled_weight_decay = {optim.AdamW.decoupled_weight_decay}")

# %% [markdown]
# ## 2 · Busy weights and quiet weights
#
# To see the difference we need weights whose gradients live on very different scales. A
# linear regression does it: the gradient of the MSE for weight j is
# (2/n)·Σᵢ(ŷᵢ − yᵢ)·Xᵢⱼ, so for the same residuals it is proportional to the size of
# column j. So take 6 standard-normal
# features (`data.sparse_linear` with every feature informative, true weights of size 1 to 3)
# and **multiply the columns by 0.1, 0.1, 1, 1, 10 and 10**: two quiet, two medium and two
# busy weights. The target is built from the rescaled columns, y = X·w_true + 0.1·noise, so
# every weight is of size 1 to 3 in the least-squares solution and only the gradient scales
# differ. (In a deep network the same happens between layers, whose gradients can differ by
# orders of magnitude.)
#
# Every run below is full-batch Adam or AdamW for 300 steps from w = 0, through
# `optim.decay_groups`, so the intercept is never decayed. Without any decay
# (`Adam(weight_decay=0)`) it reaches the least-squares solution (`linear.fit_linear` with
# λ = 0): that is our reference, "the unregularized solution".

# %%
# NBVAL_CHECK_OUTPUT
SCALE_EXP = np.array([-1, -1, 0, 0, 1, 1])           # column j is multiplied by 10**SCALE_EXP[j]
SCALES = 10.0 ** SCALE_EXP
D, N, STEPS = len(SCALES), 100, 300
X, y, w_true = data.busy_quiet(SCALE_EXP, n_samples=N)
w_ols, b_ols = linear.fit_linear(X, y, penalty="l2", lam=0.0)      # the unregularized solution
GROUP = {-1: "quiet ×0.1", 0: "medium ×1", 1: "busy ×10"}


def train_adam(opt_class, lr, weight_decay, *, record=False):
    """Full-batch Adam or AdamW from w = 0 for STEPS steps; the bias is not decayed.

    Returns a dict with the final weights "w" and bias "b", the weights' gradient scale
    "scale" = √v̂ (read from the optimizer's state, bias-corrected), the per-step decay
    fraction "decay" (lr·wd/(√v̂ + eps) for Adam + L2, lr·wd for AdamW), the optimizer's
    warnings, and the step at which the weights blew up (None if they did not). With record=True also the
    history of |g| (the gradient Adam is fed: ∇loss, plus wd·w for Adam + L2) and of √v̂,
    one row per step.
    """
    model = models.LinearRegression(D)
    with warnings.catch_warnings(record=True) as caught:    # AdamW warns when lr·wd ≥ 1
        warnings.simplefilter("always")
        opt = opt_class(optim.decay_groups(model.named_parameters(), weight_decay), lr=lr)
    group, w = opt.param_groups[0], model.weight              # group 0: the weights
    beta2, eps = group["betas"][1], group["eps"]
    last, blew_up, grad_hist, scale_hist = (model.get_params(), np.zeros(D)), None, [], []
    coupled_l2 = weight_decay if opt_class is optim.Adam else 0.0
    for t in range(1, STEPS + 1):
        _, grads = model.loss_and_grads(X, y)
        if record:
            grad_hist.append(np.abs(grads[0] + coupled_l2 * w))
        opt.step(grads)
        state = opt.state[id(w)]
        scale = np.sqrt(state["exp_avg_sq"] / (1 - beta2 ** state["step"]))   # √v̂
        if not np.all(np.abs(w) < 1e6):         # (1 − lr·wd) < −1 makes AdamW blow up
            blew_up = t
            break
        last = (model.get_params(), scale)
        if record:
            scale_hist.append(scale)
    (w_end, b_end), scale = last
    lr_wd = lr * weight_decay
    decay = np.full(D, lr_wd) if opt_class is optim.AdamW else lr_wd / (scale + eps)
    return dict(w=w_end, b=b_end, scale=scale, decay=decay, blew_up=blew_up,
                warnings=[str(c.message) for c in caught],
                grad_hist=np.array(grad_hist), scale_hist=np.array(scale_hist))


LR, WD = 10 ** -1.25, 1.0                       # the defaults used below: lr ≈ 0.056, wd = 1
plain = train_adam(optim.Adam, LR, 0.0)
print("column scale        ", "  ".join(f"{s:7g}" for s in SCALES))
print("true weights        ", "  ".join(f"{v:7.3f}" for v in w_true))
print("least squares       ", "  ".join(f"{v:7.3f}" for v in w_ols))
print(f"Adam, wd = 0, lr = {LR:.3g}, {STEPS} steps:")
print("  weights           ", "  ".join(f"{v:7.3f}" for v in plain["w"]))
print("  fraction of l.s.  ", "  ".join(f"{v:7.3f}" for v in plain["w"] / w_ols))

# %% [markdown]
# Plain Adam gets every weight to the least-squares value (fraction 1.000), quiet or busy:
# dividing by √v̂ is exactly what lets it move the quiet weights as fast as the busy ones.
#
# Now add the decay, `Adam(weight_decay=1)`, and look at the *gradient history* of each
# weight: thin lines, the size |gⱼ| of the gradient Adam is fed at every step
# (∂loss/∂wⱼ + wd·wⱼ); thick lines, √v̂ⱼ, its running RMS, what Adam divides by.

# %%
coupled = train_adam(optim.Adam, LR, WD, record=True)
GROUP_COLORS = {-1: plots.COLORS["orange"], 0: plots.COLORS["green"], 1: plots.COLORS["purple"]}
steps_axis = np.arange(1, STEPS + 1)
fig, ax = plots.new_figure(width=8.0, height=3.6)
for j in range(D):
    color, ls = GROUP_COLORS[SCALE_EXP[j]], "-" if j % 2 == 0 else "--"
    ax.plot(steps_axis, coupled["grad_hist"][:, j], color=color, lw=0.8, ls=ls, alpha=0.45)
    ax.plot(steps_axis, coupled["scale_hist"][:, j], color=color, lw=2.2, ls=ls,
            label=f"w{j + 1}: {GROUP[SCALE_EXP[j]]}")
ax.set(yscale="log", xlim=(0, STEPS), ylim=(1e-7, 1e4), xlabel="step",
       ylabel="gradient size (log scale)")
ax.set_title(f"Adam + L2, lr = {LR:.3g}, wd = {WD:g}: thin |g| (fed to Adam), "
             "thick √v̂ (what it divides by)", fontsize=10)
ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
fig

# %% [markdown]
# The first gradients are tens to hundreds of times larger for each factor 10 of column scale, from
# 0.03 for w1 to 310 for w6. Then they collapse, by six decades and more, as the weights
# settle where the data push and the L2 pull cancel. √v̂ forgets slowly (its memory is about
# 1000 steps) and has only come down by a factor of 5 to 9: it remembers the early, large
# gradients. That memory is the "busy gradient history". After 300 steps the busy weights
# still carry √v̂ = 28 and 57, the quiet ones 0.005 and 0.03.

# %% [markdown]
# ## 3 · The effective decay of each weight, read from the optimizer
#
# The optimizer keeps v for every parameter in `opt.state[id(p)]["exp_avg_sq"]` and the step
# count in `opt.state[id(p)]["step"]`, under torch's names (torch keys the state by the
# tensor itself, `opt.state[p]`), so √v̂ = √(v / (1 − β₂ᵗ)) can be read
# off after training (`train_adam` above does exactly that). With it, the fraction of each
# weight that the decay removes per step, at the end of training:
#
# - **Adam + L2**: lr·wd / (√v̂ⱼ + eps), different for every weight;
# - **AdamW**: lr·wd, the same for every weight (here 0.0562 × 1 = 0.0562: 5.6 % per step).
#
# Both runs use the same nominal lr = 0.0562 and wd = 1.

# %%
# NBVAL_CHECK_OUTPUT
decoupled = train_adam(optim.AdamW, LR, WD)
print(f"lr = {LR:.4f}, wd = {WD:g}: AdamW removes lr·wd = {LR * WD:.4f} of every weight per step\n")
print("weight  column        √v̂ (Adam+L2)   decay Adam+L2   decay AdamW   Adam+L2 / AdamW")
for j in range(D):
    print(f"  w{j + 1}    {GROUP[SCALE_EXP[j]]:<12s} {coupled['scale'][j]:12.4g} "
          f"{coupled['decay'][j]:15.4g} {decoupled['decay'][j]:13.4g} "
          f"{coupled['decay'][j] / decoupled['decay'][j]:14.4g}")
busiest, quietest = np.argmax(coupled["scale"]), np.argmin(coupled["scale"])
print(f"\nbusiest weight w{busiest + 1}:  Adam + L2 decays it "
      f"{decoupled['decay'][busiest] / coupled['decay'][busiest]:.1f}× LESS than AdamW")
print(f"quietest weight w{quietest + 1}: Adam + L2 decays it "
      f"{coupled['decay'][quietest] / decoupled['decay'][quietest]:.1f}× MORE than AdamW")

# %% [markdown]
# With the same wd, Adam + L2 decays its busiest weight 57 times less than AdamW does, and
# its quietest weight 206 times more. (A "fraction" above 1, as for w1 and w2, means the
# decay term alone would overshoot zero in one step; the data gradient, divided by the same
# tiny √v̂, holds the weight back.) The effective decay spans four decades, from 0.001 to 12,
# for a single setting of `weight_decay`. AdamW's is one number, 0.056.

# %% [markdown]
# ## 4 · The outcome: who gets shrunk
#
# A per-step rate is one thing; where do the weights end up? Below, each final weight as a
# **fraction of its least-squares value** (1 = not regularized at all, 0 = decayed away),
# grouped by column scale.
#
# A subtlety worth a moment. In Adam + L2 *both* moves of the step, the data push and the
# decay, are divided by the same √v̂. So the place where they balance does not depend on
# √v̂ at all: it is where ∇loss + wd·w = 0, the minimum of MSE + (wd/2)·Σw², i.e. **the
# course's ridge solution with λ = wd/2** (and Adam, if it converges, finds it). In that
# solution a busy weight (large data curvature, proportional to its column's scale²) is
# hardly shrunk, and a quiet one is crushed: the unstandardized-features problem of ridge
# regression. In AdamW only the data push is divided by √v̂. It balances the decay where
# m̂ⱼ/(√v̂ⱼ + eps) = −wd·wⱼ, i.e. (with m̂ⱼ ≈ ∇ⱼloss once the weights settle)
# ∇ⱼloss ≈ −wd·(√v̂ⱼ + eps)·wⱼ: an L2 pull whose strength
# *grows with the weight's gradient scale*, exactly what makes it hit busy and quiet weights
# alike.

# %%
# NBVAL_CHECK_OUTPUT
ridge_w, _ = linear.fit_linear(X, y, penalty="l2", lam=conventions.lam_from_weight_decay(WD))
print(f"fraction of the least-squares weight kept (lr = {LR:.3g}, wd = {WD:g}, {STEPS} steps)")
print("weight  column        Adam+L2    AdamW")
for j in range(D):
    print(f"  w{j + 1}    {GROUP[SCALE_EXP[j]]:<12s} {coupled['w'][j] / w_ols[j]:8.3f} "
          f"{decoupled['w'][j] / w_ols[j]:8.3f}")
print("\n‖w‖₂:  least squares {:.3f} | Adam, wd = 0 {:.3f} | Adam + L2 {:.3f} | AdamW {:.3f}".format(
    *(np.linalg.norm(v) for v in (w_ols, plain["w"], coupled["w"], decoupled["w"]))))
print(f"Adam + L2 vs exact ridge with course λ = wd/2 = {WD / 2:g}: "
      f"max |difference| {np.abs(coupled['w'] - ridge_w).max():.1e}")
# AdamW's balance, checked: the data gradient at its final weights against wd·(√v̂ + eps)·w.
fitted = models.LinearRegression(D)
fitted.set_params([decoupled["w"], decoupled["b"]])
grad_w = fitted.loss_and_grads(X, y)[1][0]
lam_implied = -grad_w / (2 * decoupled["w"])                     # the course's λ that balances
lam_predicted = WD * (decoupled["scale"] + 1e-8) / 2
print("AdamW's final weights sit where ∇loss = −2λⱼ·w, with a course λⱼ per weight:")
print("  λⱼ from the data gradient ", "  ".join(f"{v:8.4g}" for v in lam_implied))
print("  λⱼ = wd·(√v̂ⱼ + eps)/2     ", "  ".join(f"{v:8.4g}" for v in lam_predicted))

# %% [markdown]
# The numbers tell the seed's story twice:
#
# - **Adam + L2 lands on the ridge solution** (difference 3·10⁻⁷): the busy weights keep
#   100 % of their unregularized value (0.995 and 1.011), the quiet ones 2 %. The busiest
#   gradient history, the least regularization.
# - **AdamW shrinks every group**: all six weights keep between 36 % and 75 % of their
#   value, the busy ones included (75 % and 51 %). Written as an L2 penalty, AdamW's end
#   point needs a different course λ for every weight, from 0.033 for the quietest to 83 for
#   the busiest (the two rows agree: λⱼ = wd·√v̂ⱼ/2). No single λ reproduces AdamW: its decay
#   is tied to the weight, not to the weight's gradient scale.
# - The norms say it too: least squares 5.01, Adam + L2 3.02, AdamW 2.25.
#
# Which of the two is "right" depends on what you want the decay to mean. In deep networks,
# where gradient scales differ wildly between layers and change during training, Loshchilov
# & Hutter found that AdamW generalizes better than Adam + L2 (on their image-classification
# benchmarks) and that, in their convention (section 6), its best decay depends much less
# on the learning rate. AdamW is now the usual starting point (notebook 10).

# %% [markdown]
# ## 5 · Drag weight_decay and lr
#
# The panel trains both optimizers for every position of two log-scale sliders:
#
# - **weight_decay**, PyTorch's wd of `Adam(weight_decay=…)` and `AdamW(weight_decay=…)` (the
#   seed's λ; for Adam + L2 it is 2 × the course's λ, for AdamW there is no single course λ),
#   0.1, 1 and 10;
# - **lr** (η): 0.01, 0.0562 and 0.316 (each notch multiplies it by 10^0.75 ≈ 5.6).
#
# Left: each weight's per-step decay fraction against its gradient scale √v̂, both on log
# axes. Vermillion, Adam + L2 with its curve lr·wd/(√v̂ + eps); blue, AdamW with its flat line
# lr·wd. Marker shapes tell the column scale. Right: the final weights as fractions of the
# least-squares weights, with grey ticks for plain Adam (wd = 0, same lr): where the ticks
# sit below 1, 300 steps were not enough to converge even without decay, so read the bars
# against the ticks.
#
# Every slider position is trained when the cell runs: Adam + L2 and AdamW for 300 steps
# each, plus plain Adam once per lr.

# %%
LR_MIN, LR_MAX, LR_STEP, WD_MIN, WD_MAX, WD_STEP = -2, -0.5, 0.75, -1, 1, 1
LRS = widgets.log_grid(LR_MIN, LR_MAX, LR_STEP)       # 0.01, 0.0562, 0.316
WDS = widgets.log_grid(WD_MIN, WD_MAX, WD_STEP)       # 0.1, 1, 10


@functools.cache
def grid_runs(i, j):
    """Adam + L2 and AdamW at lr = LRS[i], weight_decay = WDS[j]."""
    return train_adam(optim.Adam, LRS[i], WDS[j]), train_adam(optim.AdamW, LRS[i], WDS[j])


@functools.cache
def plain_run(i):
    """Plain Adam (no decay) at lr = LRS[i]: the optimization-only reference."""
    return train_adam(optim.Adam, LRS[i], 0.0)


# %%
X_LIM, Y_LIM, F_LIM = (1e-3, 1e4), (1e-8, 30.0), (-0.3, 1.75)   # fixed: set from the whole grid
C_L2, C_W, C_REF = plots.COLORS["vermillion"], plots.COLORS["blue"], plots.COLORS["grey"]
MARKERS = {-1: "v", 0: "o", 1: "^"}
x_curve = np.logspace(np.log10(X_LIM[0]), np.log10(X_LIM[1]), 200)
pos = np.array([0, 1, 2.6, 3.6, 5.2, 6.2])                      # bar positions, grouped by scale
fig, (ax_d, ax_f) = plots.new_figure(ncols=2, width=5.0, height=3.9)


def show_adamw(weight_decay, lr):
    i, j = widgets.nearest(LRS, lr), widgets.nearest(WDS, weight_decay)
    adam_l2, adam_w = grid_runs(i, j)
    lr_wd = lr * weight_decay

    # left: per-step decay fraction against gradient scale
    ax_d.plot(x_curve, np.clip(lr_wd / (x_curve + 1e-8), *Y_LIM), color=C_L2, lw=1.5, ls="--")
    ax_d.axhline(lr_wd, color=C_W, lw=1.5, ls="--")
    ax_d.axhline(1.0, color=plots.COLORS["black"], lw=0.8, ls=":")
    ax_d.text(X_LIM[1] / 1.5, 1.25, "the whole weight in one step", fontsize=7.5, va="bottom",
              ha="right")
    for run, color in ((adam_l2, C_L2), (adam_w, C_W)):
        for k, marker in MARKERS.items():
            sel = (SCALE_EXP == k) & (run["blew_up"] is None)    # no √v̂ to show after a blow-up
            ax_d.scatter(np.clip(run["scale"][sel], *X_LIM), np.clip(run["decay"][sel], *Y_LIM),
                         marker=marker, s=55, color=color, edgecolor=plots.COLORS["black"],
                         lw=0.6, zorder=4)
    ax_d.set(xscale="log", yscale="log", xlim=X_LIM, ylim=Y_LIM,
             xlabel="gradient scale √v̂ (RMS of the gradient history)",
             ylabel="fraction of w the decay removes per step")
    ax_d.set_title(f"per-step decay: lr = {lr:.3g}, wd = {weight_decay:.3g}, "
                   f"lr·wd = {lr_wd:.3g}", fontsize=10)
    handles = [Line2D([], [], color=C_L2, ls="--", marker="o", mec="black",
                      label="Adam + L2: lr·wd / (√v̂ + eps)"),
               Line2D([], [], color=C_W, ls="--", marker="o", mec="black",
                      label="AdamW: lr·wd for every weight")]
    handles += [Line2D([], [], ls="none", marker=m, color="white", mec="black",
                       label=f"column {GROUP[k]}") for k, m in MARKERS.items()]
    ax_d.legend(handles=handles, loc="lower left")

    # right: final weights as fractions of the least-squares weights, grouped by column scale
    ax_f.bar(pos - 0.2, np.clip(adam_l2["w"] / w_ols, *F_LIM), width=0.38, color=C_L2,
             label="Adam + L2")
    ax_f.bar(pos + 0.2, np.clip(adam_w["w"] / w_ols, *F_LIM), width=0.38, color=C_W,
             label="AdamW")
    ax_f.plot(pos, np.clip(plain_run(i)["w"] / w_ols, *F_LIM), ls="none", marker="_", ms=22,
              mew=2.5, color=C_REF, label="Adam, wd = 0 (same lr)")
    ax_f.axhline(1.0, color=plots.COLORS["black"], lw=0.8, ls=":")
    ax_f.axhline(0.0, color=plots.COLORS["black"], lw=0.8)
    for k, center in zip(MARKERS, (0.5, 3.1, 5.7)):
        ax_f.text(center, 1.3, GROUP[k], ha="center", va="center", fontsize=8.5,
                  color=GROUP_COLORS[k], fontweight="bold")
    ax_f.set(xticks=pos, xticklabels=[f"w{j + 1}" for j in range(D)], ylim=F_LIM,
             xlim=(-0.6, 6.8), ylabel="final weight ÷ least-squares weight")
    ax_f.legend(loc="upper center", ncol=2, columnspacing=1.0, handlelength=1.5)
    norm_w = "blew up" if adam_w["blew_up"] else f"{np.linalg.norm(adam_w['w']):.2f}"
    ax_f.set_title(f"‖w‖: Adam + L2 {np.linalg.norm(adam_l2['w']):.2f}, AdamW {norm_w} "
                   f"(least squares {np.linalg.norm(w_ols):.2f})", fontsize=10)
    lines = ["AdamW warns: " + adam_w["warnings"][0]] if adam_w["warnings"] else []
    if adam_w["blew_up"]:
        lines.append(f"→ AdamW's weights blew up at step {adam_w['blew_up']} (bars: the last "
                     "weights below 10⁶, clipped to the axes).")
    if lines:
        plots.message(ax_f, "\n".join(textwrap.fill(line, 50) for line in lines))


widgets.live(fig, show_adamw, title="Adam + L2 vs AdamW",
             weight_decay=widgets.log_slider("weight_decay", WD, WD_MIN, WD_MAX, step=WD_STEP),
             lr=widgets.log_slider("lr (η)", LR, LR_MIN, LR_MAX, step=LR_STEP))

# %% [markdown]
# **What to look for** (the panel opens at lr = 0.0562, wd = 1, the runs of sections 3 and 4):
#
# - **Left**: the vermillion points sit on a line of slope −1: Adam + L2's decay is
#   proportional to 1/√v̂. The blue points sit on a flat line. The two cross near √v̂ = 1:
#   only a weight whose gradient scale happens to be 1 gets the decay that wd nominally
#   promises.
# - **Drag weight_decay**: both lines move up and down together, but the vermillion one stays
#   tilted. On the right, Adam + L2's bars follow the ridge path: the quiet weights are down
#   to about 13 % at wd = 0.1 and gone at wd = 1, while the busy ones keep more than 95 % even
#   at wd = 10. AdamW's bars go down together, busy and quiet alike (92–99 % at wd = 0.1,
#   4–10 % at wd = 10).
# - **Drag lr**: Adam + L2's bars barely change (their end point, the ridge solution, does not
#   depend on lr) as long as training converges (the grey ticks at 1). AdamW's bars change
#   little too: the per-step decay lr·wd and the size of the data steps (about lr) both scale
#   with lr, so the balance between them stays where it was. At lr = 0.01 with wd = 0.1,
#   AdamW's total decay over 300 steps, (1 − lr·wd)³⁰⁰ ≈ 0.74, is mild: it has not had time
#   to act much yet.
# - **Push lr·wd past 1** (lr = 0.316 with wd = 10, lr·wd = 3.16): AdamW's factor
#   1 − lr·wd is 0 or below from lr·wd = 1 on, and its warning (`UnwiseValueWarning`,
#   caught) appears in the figure. Past lr·wd = 2 the factor is below −1 and the weights blow
#   up, as here. Adam + L2 never blows up: its decay goes through the division by √v̂, and
#   every Adam step is at most about lr in size.

# %% [markdown]
# ## 6 · Three conventions for "the" weight decay
#
# Libraries and the paper do not agree on what the decay number means, and the course has a
# third. Side by side:
#
# | | decoupled step | decay per step | default |
# |---|---|---|---|
# | **PyTorch** `AdamW(lr, weight_decay=wd)` (and `optim.AdamW`) | w ← w·(1 − lr·wd), then the Adam step | **lr·wd**: the decay is multiplied by the learning rate (and by its schedule) | wd = 0.01 (with lr = 10⁻³: 10⁻⁵ per step) |
# | **Paper** (Loshchilov & Hutter, Algorithm 2) | w ← w − ηₜ·(α·m̂/(√v̂ + ε) + λ·w) | **ηₜ·λ**: ηₜ is a schedule multiplier (1 for a constant schedule), α the learning rate; λ is *not* multiplied by α | — (λ is tuned) |
# | **Course** L2 penalty λ·Σw² | none: a penalty in the loss | with SGD: 2η·λ (notebook 6) | — |
#
# So PyTorch's wd is the paper's λ divided by the learning rate: **λ_paper = α·wd** (for
# the same schedule). PyTorch's default lr = 10⁻³, wd = 0.01 is the paper's λ = 10⁻⁵.
# In PyTorch's convention, changing lr also changes the decay per step; in the paper's, λ
# stays put (the paper argues that this makes the best λ and the best α more independent).
#
# And the course's λ? From the [conventions table](00_start_here.ipynb#conventions):
#
# - **SGD**: `weight_decay = 2λ`, exactly (notebook 6).
# - **Adam(weight_decay=wd)**: the loss it minimizes is MSE + (wd/2)·Σw², the course's
#   objective with λ = wd/2, and it ends at that ridge solution (section 4). But its
#   per-step decay is lr·wd/(√v̂ + eps), different for every weight: the factor
#   (1 − η·wd) of the decay step does not hold.
# - **AdamW(weight_decay=wd)**: there is no penalty in any loss, and **no single course λ**:
#   at its end point weight j behaves like λⱼ = wd·(√v̂ⱼ + eps)/2, which depends on the
#   weight's gradient history. That is the point of the W.

# %%
# NBVAL_CHECK_OUTPUT
lr_default, wd_default = 1e-3, 0.01                       # torch.optim.AdamW's defaults
print(f"PyTorch AdamW defaults lr = {lr_default:g}, weight_decay = {wd_default:g}, and optim.AdamW's "
      f"default weight_decay = {inspect.signature(optim.AdamW).parameters['weight_decay'].default:g}")
print(f"  per-step factor 1 − lr·wd = {conventions.decay_factor(lr_default, wd_default):.5f}, "
      f"half-life of pure decay {conventions.half_life(lr_default, wd_default):,.0f} steps")
print(f"  the paper's λ for the same decay (constant schedule): α·wd = {lr_default * wd_default:g}")
print(f"Adam(weight_decay={WD:g}) minimizes the course objective with λ = wd/2 = "
      f"{conventions.lam_from_weight_decay(WD):g}")
print(f"AdamW(weight_decay={WD:g}), lr = {LR:.3g}: course λ per weight from "
      f"{lam_predicted.min():.3g} to {lam_predicted.max():.3g} "
      f"(a factor {lam_predicted.max() / lam_predicted.min():,.0f})")

# %% [markdown]
# **Reference.** Ilya Loshchilov and Frank Hutter, "Decoupled Weight Decay Regularization",
# arXiv:1711.05101 (2017), published at ICLR 2019. <https://arxiv.org/abs/1711.05101>.
# Its Algorithm 2 puts the two variants of Adam side by side in one listing, as section 1
# did; `torch.optim.AdamW` and `optim.AdamW` implement the second with PyTorch's lr·wd.

# %% [markdown]
# ## Exercises
#
# ### Exercise 1 · Adam + L2's decay for a busy and a quiet weight
# `Adam(lr=1e-3, weight_decay=0.1)`. Two weights have gradient scales √v̂ = 10 and
# √v̂ = 0.01. What fraction of each does the L2 term remove per step (late in training, when
# m̂'s L2 part is ≈ wd·w)? Give the pair `(busy, quiet)`; ignore eps.

# %%
decay_answer = ...   # (fraction for √v̂ = 10, fraction for √v̂ = 0.01)

_ = exercises.check_value(decay_answer, (1e-3 * 0.1 / 10, 1e-3 * 0.1 / 0.01), rtol=1e-4,
                          name="Exercise 1",
                          hint="the decay part of the step is lr·wd·w/(√v̂ + eps): divide lr·wd by √v̂")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `decay_answer = (1e-3 * 0.1 / 10, 1e-3 * 0.1 / 0.01)` = (10⁻⁵, 10⁻²). The nominal
# lr·wd = 10⁻⁴ is divided by √v̂: the busy weight loses 0.001 % per step, the quiet one 1 %,
# a factor of 1000 between two weights with the same `weight_decay`.
# </details>

# %% [markdown]
# ### Exercise 2 · AdamW's factor
# `AdamW(lr=1e-3, weight_decay=0.1)`. By what number is each of the two weights of
# Exercise 1 multiplied in every step, before the Adam step?

# %%
factor_answer = ...

_ = exercises.check_value(factor_answer, 1 - 1e-3 * 0.1, name="Exercise 2",
                          hint="AdamW's decay ignores √v̂: w ← w·(1 − lr·weight_decay)")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `factor_answer = 1 - 1e-3 * 0.1` = 0.9999 for **both** weights
# (`conventions.decay_factor(1e-3, 0.1)`): AdamW removes 10⁻⁴ of every weight per step,
# whatever its gradient scale.
# </details>

# %% [markdown]
# ### Exercise 3 · Who shrinks the busy weight more?
# For the busy weight (√v̂ = 10) of Exercises 1 and 2: which optimizer removes the larger
# fraction per step, `"Adam"` (with L2) or `"AdamW"`? And how many times larger is that
# fraction?

# %%
which_answer = ...   # "Adam" or "AdamW"
times_answer = ...   # a number

_ = exercises.check_value(which_answer, "AdamW", name="Exercise 3a",
                          hint='compare 10⁻⁵ (Exercise 1) with 1 − 0.9999; answer "Adam" or "AdamW"')
_ = exercises.check_value(times_answer, 10.0, name="Exercise 3b",
                          hint="divide AdamW's lr·wd by Adam + L2's lr·wd/√v̂")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `which_answer = "AdamW"`, `times_answer = 10`: AdamW removes lr·wd = 10⁻⁴, Adam + L2 only
# lr·wd/√v̂ = 10⁻⁵, ten times less, because √v̂ = 10. For the quiet weight (√v̂ = 0.01) it is
# the other way round: Adam + L2 removes 100 times more than AdamW. Any weight with √v̂ > 1
# is decayed less by Adam + L2 than by AdamW.
# </details>

# %% [markdown]
# ### Exercise 4 · From PyTorch's wd to the paper's λ
# A recipe trains with `torch.optim.AdamW(lr=3e-4, weight_decay=0.1)` and a constant
# schedule. Which λ in the paper's Algorithm 2 (with α = 3·10⁻⁴, ηₜ = 1) gives the same decay
# per step?

# %%
paper_lam_answer = ...

_ = exercises.check_value(paper_lam_answer, 3e-4 * 0.1, name="Exercise 4",
                          hint="PyTorch removes lr·wd per step, the paper ηₜ·λ; set them equal")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `paper_lam_answer = 3e-4 * 0.1` = 3·10⁻⁵. PyTorch multiplies the weights by 1 − lr·wd,
# the paper by 1 − ηₜ·λ; with ηₜ = 1 the two agree when λ = lr·wd.
# </details>

# %% [markdown]
# ## Summary
#
# - **Adam + L2** (`Adam(weight_decay=wd)`) adds wd·w to the gradient, so the decay goes
#   through Adam's division by √v̂: each weight loses **lr·wd/(√v̂ + eps)** per step.
#   Weights with a busy gradient history (large √v̂) are barely decayed, quiet ones heavily.
# - Its end point is the course's ridge solution with λ = wd/2: the weights with large
#   gradients keep nearly all of their value.
# - **AdamW** multiplies every weight by **(1 − lr·wd)** before the Adam step, outside the
#   adaptive machinery: the same fraction for every weight. At its end point it acts like an
#   L2 pull with a per-weight λⱼ = wd·√v̂ⱼ/2, so it shrinks busy and quiet weights alike.
#   **The decoupled decay is the W.**
# - Conventions: PyTorch's decay per step is lr·wd (default wd = 0.01); the paper's is ηₜ·λ,
#   so λ_paper = lr·wd. For SGD, wd = 2λ of the course; for Adam + L2, λ = wd/2 holds for the
#   objective but not for the steps; for AdamW there is no single course λ (see the
#   [conventions table](00_start_here.ipynb#conventions)).
# - Keep lr·wd well below 1: at 1 the factor is 0, past 2 the weights blow up.
#
# Next: [8 · The family: dropout, early stopping, augmentation](08_family.ipynb).
