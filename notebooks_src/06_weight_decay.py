# %% [markdown]
# # 6 · Weight decay: w ← w(1 − η·wd) − η∇loss
#
# **Learning goals**
# - read a training step as two moves from the same w: w·(1 − η·wd) − η·∇loss(w);
# - know pure decay's **half-life**, ≈ 0.693/(η·wd) steps, when it flips sign (η·wd > 1) and
#   when it blows up (η·wd > 2);
# - see what momentum and minibatches change.
#
# > Plug the L2 penalty into the plain SGD update and something neat falls out:
# > **w ← w · (1 − ηλ) − η · ∇loss**. Before the usual gradient step, every weight gets
# > multiplied by a number just below 1. Left alone, weights exponentially decay toward zero —
# > they only stay large if the data keeps insisting they should.
#
# **Notation.** In this notebook the quote's λ is PyTorch's `weight_decay`, written **wd**
# (= 2 × the course's λ; [conventions table](12_conventions.ipynb#conventions)). With the
# source's own L2 penalty λ·Σw² (gradient 2λw), the step would read w(1 − 2ηλ).
#
# *Time: about 43 minutes (reading, dragging the sliders, exercises).*
# *Express path: sections 2 and 5, about 9 minutes.*

# %% [markdown]
# ## 1 · One step, three ways
#
# From the same weights and gradient: a step on MSE + λ·Σw², the source text's decay step, and
# `optim.SGD` with `weight_decay = 2λ`.

# %%
# NBVAL_CHECK_OUTPUT
import numpy as np

from lessons_lib import conventions, optim, penalties

lam, eta = 0.05, 0.1                            # the course's λ and the learning rate η
wd = conventions.weight_decay_from_lam(lam)     # 2λ
w, grad_loss = np.random.default_rng(0).normal(size=(2, 4))    # any weights, any gradient

w_course = w - eta * (grad_loss + penalties.l2(lam).grad(w))          # L2 in the loss
w_decay = w * conventions.decay_factor(eta, wd) - eta * grad_loss      # the decay step
w_sgd = w.copy()
optim.SGD([w_sgd], lr=eta, weight_decay=wd).step([grad_loss])         # in place
print("same as the L2 step: decay step", np.allclose(w_decay, w_course), "| SGD", np.allclose(w_sgd, w_course))

# %% [markdown]
# `SGD(weight_decay=2λ)` adds wd·w to the gradient: exactly L2 with λ, momentum or not.
# Decaying *outside* the gradient is the same only for plain gradient descent, not with
# momentum (SGDW, section 6) or Adam (AdamW, [notebook 7](07_adamw.ipynb)).

# %% [markdown]
# ## 2 · The decay ticking, step by step <!-- express -->
#
# A degree-8 polynomial on the 12 points of `data.overfit_set()` (notebooks 3 and 5),
# **started from the least-squares fit** (what the data alone wants), then 100 steps of
# gradient descent with η = 0.3 and weight decay (not on the bias).

# %%
from lessons_lib import data, exercises, linear, plots, runs_decay, widgets

decay = runs_decay.decay_runs()                 # the runs: weight_decay 0.01 … 0.316
x, y, X, DEGREE, ETA, STEPS = decay.x, decay.y, decay.X, decay.degree, decay.lr, decay.steps
w_ls, b_ls = decay.w_ls, decay.b_ls             # where every run starts: least squares
decay_runs = [decay.at(wd) for wd in decay.grid]   # by position: W, b, mse, ridge_w (where w would settle)

# %% [markdown]
# At wd = 0.1 a step adds two moves, both from the same w: **decay**, −0.03·w, and
# **data**, −η·∇loss(w). Left: the
# weights, and (diamonds) where they would settle if the steps went on, ridge with λ = wd/2.
# Right: the two moves and their sum (black tick). **Press ▶** or drag **step**.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
PLAY_WD = 0.1                                   # the weight_decay this panel plays
run = decay_runs[decay.index(PLAY_WD)]       # its run, found by position
idx = np.arange(1, DEGREE + 1)
W_LIM, MOVE_LIM = 2.3, 0.075
fig, (ax_w, ax_move) = plots.new_figure(ncols=2, width=4.4, height=3.4)
C = plots.COLORS


def style_step(t, handles):
    """Titles, limits and the shared legend of the step panel; returns its sentence."""
    ax_w.set(xticks=idx, ylabel="weight value", title=f"step {t}: training MSE {run['mse'][t]:.4f}")
    ax_move.axhline(0, color=C["black"], lw=0.8)
    ax_move.set(xticks=idx, ylim=(-MOVE_LIM, MOVE_LIM), xlabel="weight index",
                ylabel="change in one step", title=f"step {t}'s two moves (wd = {PLAY_WD}, η = {ETA})")
    fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False, fontsize=9)
    w, change = run["W"][t], run["W"][t + 1] - run["W"][t]
    return (f"step {t}: training MSE {run['mse'][t]:.4f}; the largest weight, |w| = "
            f"{np.abs(w).max():.3f}, loses {ETA * PLAY_WD * np.abs(w).max():.4f} to decay, and "
            f"no weight moves more than {np.abs(change).max():.4f} in this step")


# %%
# from the hidden cell above: run (the wd = 0.1 run), style_step (titles, legend), ax_w, ax_move
def show_step(t):
    w = run["W"][t]
    shrink = -ETA * PLAY_WD * w                 # move 1: w·(1 − η·wd) minus w
    push = run["W"][t + 1] - w - shrink         # move 2: −η·∇loss, the rest of the step
    bars = plots.weight_bars(ax_w, w, ylim=(-W_LIM, W_LIM), label="w at step t")
    (settle,) = ax_w.plot(idx, run["ridge_w"], "D", color=C["orange"], mec="black", label="ridge: where w would settle")
    d = ax_move.bar(idx - 0.2, shrink, width=0.4, color=C["vermillion"], label="decay move −η·wd·w")
    g = ax_move.bar(idx + 0.2, push, width=0.4, color=C["green"], label="data move −η·∇loss")
    (s,) = ax_move.plot(idx, shrink + push, ls="none", marker="_", ms=16, mew=2.5,
                        color=C["black"], label="sum: the change in w")
    return style_step(t, [bars, settle, d, g, s])


box, step = widgets.play(STEPS - 1, every=3, interval_ms=250, value=24)   # steps 0, 3, … 99
widgets.live(fig, show_step, title="weight decay, step by step", header=box, t=step)

# %% [markdown]
# **What to look for**: at **step 0** only the decay acts (least squares is the data loss's
# minimum). **Later**, w1 and w3 come to rest near their diamonds, away from 0, where the
# data push cancels the decay (black tick at 0); by step 99 every weight is within about 0.07
# of its diamond. A weight stays large only if the data pushes, *every step*, as hard as wd·w.
#
# **Why "weight decay".** Left alone, a weight is multiplied by 1 − η·wd at every step, an
# exponential decay towards 0. Deep learning sees the penalty as this step and names it after
# the decay; statistics sees a term in the loss and calls it L2.
#
# <details><summary>Go deeper: the steps in between, and the cost</summary>
#
# After step 0 the fit leaves its minimum and the data pushes back (green against
# vermillion). For most weights the push is weak and they keep decaying. The training MSE
# rises from 0.0098 to 0.057 by step 99: the price of the decay.
#
# </details>

# %% [markdown]
# ## 3 · Whole runs: how much decay
#
# Left, the fit after 100 steps and the least-squares start (dotted); right, the 8 weights'
# paths. Drag **weight_decay** (0.01 to 0.316; it opens at 0.1).

# %% jupyter={"source_hidden": true} tags=["hide-input"]
WCOLORS = [C[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black", "grey")]
x_grid = np.linspace(-1, 1, 200)
X_grid = data.polynomial_features(x_grid, DEGREE)
fig, (ax_fit, ax_traj) = plots.new_figure(ncols=2, width=4.4, height=3.4)


def fit_axes(weight_decay, mse):
    """The least-squares start (dotted), title and legend of the fit plot; returns the
    panel's sentence."""
    ax_fit.plot(x_grid, X_grid @ w_ls + b_ls, color=C["vermillion"], lw=1, ls=":",
                label="start: least squares")
    factor = conventions.decay_factor(ETA, weight_decay)
    ax_fit.set(ylim=(-3.6, 2.2), title=f"wd = {weight_decay:.3g}: factor {factor:.3f}, training MSE {mse:.4f}")
    ax_fit.legend(loc="lower right", fontsize=9)
    return (f"weight_decay = {weight_decay:.3g}: factor {factor:.3f} per step; after {STEPS} steps "
            f"training MSE {mse:.4f}")


def label_ends(ax, ends, gap=0.27):
    """Name every weight at its end, each label joined to its line's end by a thin stroke
    of its colour: labels closer than gap form a group, spaced gap apart around the mean
    of their ends, and groups that then touch merge."""
    k = np.argsort(ends)
    groups = [[e] for e in ends[k]]
    i = 0
    while i < len(groups) - 1:
        lo, hi = groups[i], groups[i + 1]
        if np.mean(hi) - np.mean(lo) < gap * (len(lo) + len(hi)) / 2:
            groups[i:i + 2] = [lo + hi]
            i = max(i - 1, 0)                   # the merged group may now touch the one below
        else:
            i += 1
    heights = np.concatenate([np.mean(g) + gap * (np.arange(len(g)) - (len(g) - 1) / 2)
                              for g in groups])
    for j, h in zip(k, heights):
        ax.plot([STEPS, STEPS + 5], [ends[j], h], color=WCOLORS[j], lw=0.8)
        ax.text(STEPS + 6, h, f"w{j + 1}", color=WCOLORS[j], va="center", fontsize=9)
    ax.hlines(0, 0, STEPS, color=C["black"], lw=0.8)       # stops short of the labels
    ax.set(xlim=(0, STEPS + 17), ylim=(-W_LIM, W_LIM), xlabel="step", ylabel="weight value",
           title="the 8 weights, named at their ends")
    ax.legend(loc="lower right")


# %%
# from the hidden cell above: fit_axes (start, title), label_ends (names the weights), ax_fit, ax_traj
def show_run(weight_decay):
    run = decay_runs[weight_decay.index]      # the slider's position
    fit_end = X_grid @ run["W"][-1] + run["b"]
    plots.fit_plot(ax_fit, x, y, x_grid, fit_end,
                   truth=data.true_curve(x_grid), label=f"after {STEPS} steps")
    said = fit_axes(weight_decay, run["mse"][-1])
    for k in range(DEGREE):
        ax_traj.plot(run["W"][:, k], color=WCOLORS[k], lw=1.8)
    ax_traj.plot(np.full(DEGREE, STEPS), run["ridge_w"], "D", color=C["orange"], mec="black",
                 label="where they would settle (ridge)")
    label_ends(ax_traj, run["W"][-1])
    return f"{said}; the weights end with Σw² = {np.sum(run['W'][-1] ** 2):.3g}"


widgets.live(fig, show_run, title="weight decay: whole runs",
             weight_decay=widgets.slider("weight_decay", decay.grid, 0.1))

# %% [markdown]
# At wd = 0.01 the fit stays wiggly, and 100 steps leave the weights up to 0.95 from their
# diamonds. At 0.316 the undefended weights collapse within a few dozen steps and w1 ends at
# 0.82, less than half its least-squares 2.0: too much decay underfits.

# %% [markdown]
# ## 4 · Pure decay: a half-life, and where it breaks
#
# "Left alone" means ∇loss = 0. Then w_t = w₀(1 − η·wd)ᵗ, whose **half-life** is
# `conventions.half_life(η, wd)` ≈ **0.693/(η·wd)** steps. Only the product η·wd matters.
#
# The factor also says when it breaks: at η·wd = 1 it is 0 (every weight zeroed in one
# step); between 1 and 2 the sign flips every step while shrinking; above 2 it flips and
# **grows**.
#
# <details><summary>Go deeper: the half-life formula, and how good 0.693/(η·wd) is</summary>
#
# (1 − η·wd)ᵗ = ½ gives t = ln 2/−ln(1 − η·wd); for small u = η·wd, −ln(1 − u) ≈ u. The
# table below: the approximation is excellent while η·wd is small and drifts once a step
# takes a big bite (at η·wd = 0.5 one step halves the weight, the approximation says 1.39).
# With AdamW's defaults (η = 10⁻³, wd = 0.01) the half-life is about 69,000 steps, a gentle
# pressure over a long run.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
print(" η        wd       η·wd      factor     half-life   ≈ 0.693/(η·wd)")
for lr, weight_decay in [(1e-3, 0.01), (0.1, 0.2), (0.3, 0.1), (0.1, 1.0), (0.5, 1.0)]:
    factor = conventions.decay_factor(lr, weight_decay)
    t_half = conventions.half_life(lr, weight_decay)
    print(f"{lr:<8g} {weight_decay:<8g} {lr * weight_decay:<8g} {factor:9.5f} {t_half:12.2f}"
          f" {np.log(2) / (lr * weight_decay):14.2f}")

# %% [markdown]
# Drag **η** and **weight_decay**. Left, the first 40 steps; right, up to 10⁷ steps, with the
# exact half-life (solid) and 0.693/(η·wd) (dotted). Try η = 0.001, wd = 0.01 (AdamW's
# defaults), then η = 1 with wd = 1, 1.78 and 3.16.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
import textwrap
import warnings

T_SHORT, Y_LIM = 40, 1.25
t_short, t_long = np.arange(T_SHORT + 1), np.logspace(0, 7, 300)
fig, (ax_short, ax_long) = plots.new_figure(ncols=2, width=4.8, height=3.4)
fig.get_layout_engine().set(rect=(0.025, 0, 0.975, 1))    # room for the symlog frame's labels


def steps_text(v):
    """A number of steps as 69,315 or 21.6."""
    return f"{v:,.0f}" if v >= 1000 else f"{v:.3g}"


def decay_axes(eta, weight_decay, factor):
    """Half-way and zero lines, scales, limits, labels and the legend (below the axes) of the
    pure-decay panel; returns the start of its sentence. A run that blows up gets a symlog
    y axis reaching its last step, so the growth shows."""
    for ax in [ax_short] + ([ax_long] if 0 < factor < 1 else []):     # the axes with a curve
        ax.axhline(0.5, color=C["grey"], ls="--", lw=1, label="half of w₀" if ax is ax_short else None)
        ax.axhline(0, color=C["black"], lw=0.8)
    ax_long.set_ylim(-Y_LIM, Y_LIM)
    if abs(factor) > 1:                         # blows up: symlog, up to the last step
        top = 10 ** np.ceil(np.log10(abs(factor)) * T_SHORT)
        ticks = 10.0 ** np.arange(4, np.log10(top), 4)          # 10⁴, 10⁸, …
        ax_short.set_yscale("symlog", linthresh=1)
        ax_short.set(ylim=(-top, top), yticks=np.r_[-ticks[::-1], 0, ticks],
                     ylabel=r"$w_t$  ($w_0 = 1$), symlog scale")
    else:
        ax_short.set(yscale="linear", ylim=(-Y_LIM, Y_LIM), ylabel=r"$w_t$  ($w_0 = 1$)")
    handles, labels = ax_short.get_legend_handles_labels()
    more, more_labels = ax_long.get_legend_handles_labels()
    ax_short.figure.legend(handles + more, labels + more_labels, loc="outside lower center",
                           ncol=4, frameon=False, fontsize=9)
    ax_short.set(xlim=(0, T_SHORT), xlabel="step t")
    ax_short.set_title(f"η = {eta:.3g}, wd = {weight_decay:.3g}: η·wd = {eta * weight_decay:.3g}, "
                       f"factor {factor:.6g}", fontsize=10)
    ax_long.set(xscale="log", xlim=(1, 1e7), xlabel="step t (log scale)")
    ax_long.minorticks_off()
    ax_long.tick_params(labelleft=False)
    return (f"η = {eta:.3g}, weight_decay = {weight_decay:.3g}: η·wd = {eta * weight_decay:.3g}, "
            f"factor {factor:.6g} per step; ")


def mark_half_life(t_half, approx):
    """The exact and approximate half-lives as vertical lines, and the right-hand title;
    returns the end of the panel's sentence."""
    ax_long.axvline(t_half, color=C["orange"], lw=1.5, label="half-life (exact)")
    ax_long.axvline(approx, color=C["vermillion"], ls=":", lw=1.5, label="≈ 0.693/(η·wd)")
    if t_half <= T_SHORT:
        ax_short.axvline(t_half, color=C["orange"], lw=1.5)
    ax_long.set_title(f"half-life {steps_text(t_half)} steps "
                      f"(≈ 0.693/(η·wd) = {steps_text(approx)})", fontsize=10)
    return f"half-life {steps_text(t_half)} steps (≈ 0.693/(η·wd) = {steps_text(approx)})"


def broken(factor, warning):
    """What pure decay does when the factor is not in (0, 1), for the right-hand axes;
    returns the end of the panel's sentence."""
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
    return text.split("\n")[-1]                   # what happens, without the warning


# %%
# from the hidden cell above: decay_axes (axes, legend), mark_half_life, broken (factor ∉ (0, 1))
def show_decay(eta, weight_decay):
    with warnings.catch_warnings(record=True) as caught:     # the warning goes into the figure
        warnings.simplefilter("always")
        factor = conventions.decay_factor(eta, weight_decay)
    ax_short.plot(t_short, factor ** t_short, "o-", ms=3.5, color=C["blue"],
                  label=r"$w_t = (1 - \eta\cdot wd)^t$")
    if 0 < factor < 1:
        ax_long.plot(t_long, factor ** t_long, color=C["blue"], lw=2)
        end = mark_half_life(conventions.half_life(eta, weight_decay), np.log(2) / (eta * weight_decay))
    else:                                       # zeroed, oscillating or blowing up
        end = broken(factor, " ".join(str(w.message) for w in caught))
    return decay_axes(eta, weight_decay, factor) + end


widgets.live(fig, show_decay, title="pure weight decay and its half-life",
             eta=widgets.log_slider("η", 0.1, -3, 0, step=1),
             weight_decay=widgets.log_slider("weight_decay", 10 ** -0.5, -2, 0.5, step=0.25))

# %% [markdown]
# With data the safe range is narrower: the data's own curvature adds to wd
# ([notebook 3](03_l2.ipynb)). `train.train` stops a run that explodes and says why (below:
# η·wd = 2.4, on section 5's data X5, y5).
#
# <details><summary>Go deeper: the run below</summary>
#
# `runs_decay.blow_up_runs()` trains section 5's model with η = 0.1 and wd = 24, written once
# as `weight_decay` and once as the course's penalty with λ = 12: both stop at the same step.
#
# </details>

# %% jupyter={"source_hidden": true} tags=["hide-input"]
# NBVAL_CHECK_OUTPUT
for blow in runs_decay.blow_up_runs():             # section 5's model and data, η·wd = 2.4
    print(f"train.train(model, X5, y5, lr=0.1, steps=200, {blow.call})")
    for message in blow.warnings:
        print(textwrap.fill(f"warning: {message}", 96, initial_indent="  ", subsequent_indent="    "))
    print(f"  diverged: {blow.diverged}, at step {blow.diverged_at}")
    print(textwrap.fill(f"message: {blow.message}", 96, initial_indent="  ", subsequent_indent="    "))

# %% [markdown]
# <details><summary>Go deeper: how a run gets there in practice</summary>
#
# With AdamW's usual settings η·wd is around 10⁻⁶ to 10⁻⁴, so this only bites with a large
# learning rate *and* a large decay, or when a strength meant for one library is pasted into
# another: a scikit-learn `Ridge` α of 100 used as `weight_decay` is an easy way to get here.
#
# </details>

# %% [markdown]
# ## 5 · With data: weights stay large only if the data insists <!-- express -->
#
# **X5**: 40 samples of 4 features where only **2** matter (true weights −2.63 and −1.18),
# plus a fifth that is **0 in every row**, a broken sensor: its ∇loss is 0 forever. The
# weights start from one random draw; 200 steps with η = 0.1, without decay and with wd = 0.2.

# %%
# NBVAL_CHECK_OUTPUT
X5, y5, true_w = runs_decay.dead_feature_data()     # 40 rows; column 5 is all zeros
dead = runs_decay.dead_weight_runs()                # both runs, from the same start
LR5, WD5, STEPS5 = dead.lr, dead.weight_decay, dead.steps       # 0.1, 0.2, 200
plain, decayed, pure = dead.plain, dead.decayed, dead.pure      # weights at every step
for name, w_ in [("true", true_w), ("start", plain[0]), ("no decay", plain[-1]), ("wd = 0.2", decayed[-1])]:
    print(f"{name:9s}", np.round(w_, 3))
print("dead weight = w₀·(1 − η·wd)ᵗ at every step:", np.allclose(decayed[:, 4], pure, rtol=1e-12))

# %% jupyter={"source_hidden": true} tags=["hide-input"]
ROLE_COLORS = [C[c] for c in ("grey", "blue", "green", "sky", "vermillion")]
fig, (ax_tr, ax_end) = plots.new_figure(ncols=2, width=4.8, height=3.6)
t5 = np.arange(STEPS5 + 1)
for k in range(5):
    ax_tr.plot(t5, decayed[:, k], color=ROLE_COLORS[k], lw=2, label=f"w{k + 1}")
    ax_tr.plot(t5, plain[:, k], color=ROLE_COLORS[k], lw=1.2, ls="--", alpha=0.8)
ax_tr.plot(t5, pure, color=C["black"], lw=1, ls=":", label="pure decay w₀·0.98ᵗ")
ax_tr.axhline(0, color=C["black"], lw=0.8)
ax_tr.set(xlabel="step", ylabel="weight value", xlim=(0, STEPS5), ylim=(-5.2, 3))
ax_tr.set_title(f"training with wd = {WD5} (solid) and without (dashed)", fontsize=10)
ax_tr.legend(ncol=3, loc="lower right", fontsize=9)
plots.paired_bars(ax_end, {"true weight": true_w, "no decay": plain[-1],
                           f"wd = {WD5}": decayed[-1]},
                  colors=[C["grey"], C["sky"], C["blue"]], ylim=(-3, 3))
ax_end.set_xticks(np.arange(1, 6), ["w1\nnot needed", "w2\nneeded", "w3\nneeded",
                                    "w4\nnot needed", "w5\ndead"], fontsize=9)
ax_end.set(xlabel="", ylabel="weight after 200 steps")
plots.show(fig, alt=f"Left: the five weights over {STEPS5} steps with wd = {WD5} (solid) and "
                    f"without (dashed). Right: where they end. The needed weights w2 and w3 stay "
                    f"near their true values {true_w[1]:.2f} and {true_w[2]:.2f}, a little smaller "
                    f"with decay (w2 {decayed[-1, 1]:.2f} against {plain[-1, 1]:.2f}). The unneeded "
                    f"w1 and w4 end near 0 either way. The dead weight w5 stays at its start, "
                    f"{plain[-1, 4]:.2f}, without decay, and with decay falls along "
                    f"w₀·{conventions.decay_factor(LR5, WD5):g}ᵗ to {decayed[-1, 4]:.2f}.")

# %% [markdown]
# Three kinds of weight, three fates:
#
# - **Needed** (w2, w3): the data pushes back every step, so they stay near their true values,
#   a little smaller with decay (−2.40 instead of −2.82 for w2: the shrinkage L2 costs).
# - **Not needed, but seen** (w1, w4): the data itself points them at ≈ 0 (w4 even ends
#   larger with decay, 0.065 against 0.034: fold).
# - **Dead** (w5): without decay it keeps its random start, 2.70, **forever**, a time bomb
#   for the day that feature is non-zero. With decay it follows w₀(1 − η·wd)ᵗ *exactly*
#   (dotted line) down to 0.05.
#
# <details><summary>Go deeper: why w4 grows, and why this matters in a big network</summary>
#
# L2 charges Σw², the weights together, not each one. Columns 2 and 4 are slightly
# correlated (−0.11): as decay shrinks w2 from −2.82 to −2.40, part of w2's signal stays in
# the residual, and w4, through that correlation, takes some of it up. With correlated
# features, decay need not shrink every weight.
#
# A big network has many weights and directions that the data barely constrains; weight
# decay pulls them towards 0 and keeps large only what the data actively defends.
#
# </details>

# %% [markdown]
# ## 6 · Momentum: L2 in the gradient vs decoupled decay (SGDW)
#
# With momentum μ, `SGD(weight_decay=wd)` adds wd·w to the gradient *before* the momentum
# buffer, so the decay accumulates: a weight the data leaves alone loses at least
# **η·wd/(1 − μ)** per step, ten times η·wd at μ = 0.9 (exact rate: the fold's slow root,
# while η·wd ≤ (1 − √μ)², 0.0026 there). `optim.SGDW` (decoupled, in AdamW's order)
# multiplies the weights by (1 − η·wd) outside the buffer: η·wd per step, whatever μ.
# **PyTorch has no SGDW**: `optim.SGDW` is the course's own.
#
# <details><summary>Go deeper: decoupled SGD outside the course</summary>
#
# Decoupled decay for SGD ships as Keras 3's `SGD(weight_decay=...)` (every Keras 3 optimizer
# multiplies the weights by 1 − lr·weight_decay before its update), fastai's `SGD` (its
# default `decouple_wd=True`), timm's `SGDW`, and optax's
# `chain(trace(decay=μ), add_decayed_weights(wd), scale_by_learning_rate(η))`, while
# `add_decayed_weights` placed before the `trace` (or before `optax.sgd`) is L2 again.
#
# </details>
#
# Section 5's data, μ = 0.9, η = 0.01, wd = 0.1, 600 steps:

# %%
MOM, LR_M, WD_M, STEPS_M = runs_decay.MOMENTUM     # μ = 0.9, η = 0.01, wd = 0.1, 600 steps
mom_runs = runs_decay.momentum_runs()               # {"sgd": W, "sgdw": W}, W: weights per step
for opt, W in mom_runs.items():
    late = W[-1, 4] / W[-2, 4]                  # the dead weight's last step
    print(f"{opt:4s}: w = {np.round(W[-1], 3)}, dead weight loses {1 - late:.4f} per step")
slow = conventions.momentum_decay_factor(LR_M, WD_M, MOM)     # the slow root (fold below)
print(f"η·wd/(1 − μ) = {LR_M * WD_M / (1 - MOM):.4f}; 1 − slow root = {1 - slow:.4f}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
print(f"ridge, λ = wd/2 = {WD_M / 2:.3g}:", np.round(linear.fit_linear(X5[:, :4], y5, penalty="l2", lam=WD_M / 2)[0], 3))
fig, (ax_dead, ax_fin) = plots.new_figure(ncols=2, width=4.6, height=3.4)
t_m = np.arange(STEPS_M + 1)
for opt, color, name in [("sgd", C["vermillion"], "SGD + momentum (L2 in the buffer)"),
                         ("sgdw", C["blue"], "SGDW + momentum (decoupled)")]:
    ax_dead.plot(t_m, np.abs(mom_runs[opt][:, 4]), color=color, lw=2, label=name)
w0 = abs(mom_runs["sgd"][0, 4])
ax_dead.plot(t_m, w0 * (1 - LR_M * WD_M / (1 - MOM)) ** t_m, color=C["black"], ls=":", lw=1.2,
             label="(1 − η·wd/(1 − μ))ᵗ")
ax_dead.plot(t_m, w0 * slow ** t_m, color=C["grey"], ls="-.", lw=1.2, label="slow rootᵗ (fold)")
ax_dead.plot(t_m, w0 * (1 - LR_M * WD_M) ** t_m, color=C["black"], ls="--", lw=1.2,
             label="(1 − η·wd)ᵗ")
ax_dead.set(yscale="log", ylim=(1e-3, 5), xlim=(0, STEPS_M), xlabel="step",
            ylabel="|dead weight w5| (log scale)")
ax_dead.set_title(f"μ = {MOM}, η = {LR_M}, wd = {WD_M}", fontsize=10)
ax_dead.legend(loc="lower left", fontsize=9)
plots.paired_bars(ax_fin, {"SGD + momentum": mom_runs["sgd"][-1],
                           "SGDW + momentum": mom_runs["sgdw"][-1]},
                  colors=[C["vermillion"], C["blue"]], legend=False, ylim=(-3.2, 2))
ax_fin.legend(loc="lower right", fontsize=9)
ax_fin.set(ylabel=f"weight after {STEPS_M} steps", title="where the weights end up")
plots.show(fig, alt=f"Left: the dead weight's size on a log scale over {STEPS_M} steps, μ = {MOM}. "
                    f"With SGD + momentum (L2 in the buffer) it falls to "
                    f"{abs(mom_runs['sgd'][-1, 4]):.4f}, a little faster than (1 − η·wd/(1 − μ))ᵗ, "
                    f"which ends at {w0 * (1 - LR_M * WD_M / (1 - MOM)) ** STEPS_M:.4f}, and parallel "
                    f"to the slow root's power, which ends at {w0 * slow ** STEPS_M:.4f}; with SGDW + momentum (decoupled) along "
                    f"(1 − η·wd)ᵗ, only to {abs(mom_runs['sgdw'][-1, 4]):.2f}. Right: the five final "
                    f"weights of both runs side by side: the needed ones nearly agree (w2 "
                    f"{mom_runs['sgd'][-1, 1]:.2f} and {mom_runs['sgdw'][-1, 1]:.2f}), the dead one "
                    f"does not.")

# %% [markdown]
# The dead weight (left) loses 0.0111 per step with SGD + momentum and 0.0010 with SGDW: 11
# times more, a bit above 1/(1 − μ) = 10. The needed weights (right) end apart too: SGD on ridge
# with λ = wd/2 (printed above), SGDW elsewhere (exercise 6.3). AdamW is the same idea for
# Adam: [notebook 7](07_adamw.ipynb).
#
# <details><summary>Go deeper: where 1/(1 − μ) comes from</summary>
#
# The buffer b ← μ·b + g sums the last gradients with weights 1, μ, μ², …, which add up
# to 1/(1 − μ). A term wd·w that changes slowly is therefore applied 1/(1 − μ) times over.
# "Slowly" matters: for pure decay, SGD + momentum is the heavy-ball method on the quadratic
# (wd/2)·w², whose per-step factors are the roots of z² − (1 + μ − η·wd)·z + μ = 0. While
# η·wd ≤ (1 − √μ)² (0.0026 at μ = 0.9) they are real and the slow one,
# `conventions.momentum_decay_factor`, is ≈ 1 − η·wd/(1 − μ) and never above it; here
# η·wd = 0.001 and it is 0.98887, a loss of 0.0111 per step (0.0100 to first order), as the
# run shows.
# Above that the roots are complex: the weight oscillates and shrinks by √μ ≈ 0.949 per step.
#
# </details>

# %% [markdown]
# ## 7 · Minibatches: the same decay, a noisy gradient
#
# So far every run was full-batch. `train.train(..., batch_size=8)` draws 8 of the 40 rows
# each step instead (seeded, without replacement; the recorded loss is still on all 40).
# Section 5's decayed run again:

# %%
mb = runs_decay.minibatch_runs()                # section 5's run: full batch and batch_size=8
mb_runs = {None: (mb.full_loss, mb.full), 8: (mb.batch_loss, mb.batch)}   # None: full batch
for bs, (loss, W) in mb_runs.items():
    late = W[-100:, 1:3]                        # w2 and w3 over the last 100 steps
    print(f"batch_size={bs}: last MSE {loss[-1]:.3f}, w2, w3 = {np.round(late.mean(0), 3)}"
          f" ± {np.round(late.std(0), 3)}")

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_loss, ax_w23) = plots.new_figure(ncols=2, width=4.4, height=3.4)
ridge = linear.fit_linear(X5[:, :4], y5, penalty="l2", lam=WD5 / 2)[0]
for bs, color, name in [(8, C["orange"], "minibatches of 8"), (None, C["blue"], "full batch")]:
    loss, W = mb_runs[bs]
    ax_loss.plot(loss, color=color, lw=1.5 if bs else 2.2, label=name)
    ax_w23.plot(W[:, 1], W[:, 2], "-o" if bs else "-", ms=2, lw=0.8 if bs else 2, color=color,
                label=name)
ax_loss.set(yscale="log", xlabel="step", ylabel="training MSE (all 40 rows, log scale)",
            xlim=(0, STEPS5))
ax_loss.legend(fontsize=9)
ax_w23.plot(*ridge[1:3], "D", ms=9, color=C["green"], mec="black",
            label="fixed point: ridge, λ = wd/2")
ax_w23.set(xlabel="w2", ylabel="w3", title="the path of (w2, w3)")
ax_w23.legend(fontsize=9, loc="lower right")
plots.show(fig, alt=f"Left: training MSE on a log scale over {STEPS5} steps: the full batch settles "
                    f"smoothly at {mb.full_loss[-1]:.3f}, minibatches of 8 stay "
                    f"ragged around it (last {mb.batch_loss[-1]:.3f}). Right: the path of "
                    f"(w2, w3): the full batch runs straight to the ridge solution for λ = wd/2, "
                    f"({ridge[1]:.2f}, {ridge[2]:.2f}); the minibatch path wanders, then jitters in a "
                    f"small cloud around that same point.")

# %% [markdown]
# The full batch lands on the fixed point, ridge with λ = wd/2. Minibatches take the same
# decay step but a noisy data step: w2, w3 jitter around that point.
#
# <details><summary>Go deeper: the numbers</summary>
#
# Full batch: the loss falls smoothly to 0.318, w2 = −2.399, w3 = −1.056. Minibatches of 8:
# 0.360 at the last step; over the last 100 steps w2 and w3 average −2.380 and −1.065, with
# standard deviations 0.046 and 0.057.
#
# </details>

# %% [markdown]
# ## Exercises
#
# ### Exercise 6.1 · The half-life
# With η = 0.05, wd = 0.2 and no data gradient, after how many steps is a weight halved?
# The exact value or 0.693/(η·wd) is accepted (within 1 %).

# %%
your_answer = ...   # steps

_ = exercises.check("6.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = np.log(2) / -np.log(1 - 0.05 * 0.2)` ≈ 68.97 steps
# (`conventions.half_life(0.05, 0.2)`); the approximation 0.693/0.01 = 69.3 is 0.5 % off.
#
# </details>

# %% [markdown]
# ### Exercise 6.2 · Experiment: when does the decay start to cost?
# The least-squares start has training MSE 0.0098. In section 3's panel ("whole runs"), drag **weight_decay** up from 0.01. At which value does the training MSE after 100
# steps (in the left title) first exceed 0.03?

# %%
your_answer = ...   # a weight_decay from the slider

_ = exercises.check("6.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 0.0562`: there the MSE after 100 steps is 0.0328; one notch lower, at
# 0.0316, it is still 0.0197. Every notch up trades more of the data fit for smaller weights.
#
# </details>

# %% [markdown]
# ### Exercise 6.3 · Matching SGDW to SGD
# With momentum μ = 0.9, SGD runs with weight_decay = 0.1. Which weight_decay should SGDW
# (same η, same μ) get to land on the same weights?

# %%
your_answer = ...   # a weight_decay for SGDW

_ = exercises.check("6.3", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `your_answer = 1.0`. At an end point nothing moves. SGD: the buffer b = μ·b + ∇loss + wd·w
# stays 0, so ∇loss + wd·w = 0 (ridge with λ = wd/2, whatever μ). SGDW with wd': the decay
# η·wd'·w cancels the step η·b, and b = μ·b + ∇loss gives b = ∇loss/(1 − μ), so
# ∇loss + (1 − μ)·wd'·w = 0. Equal when wd' = wd/(1 − μ) = 0.1/0.1. Section 6's SGDW run
# (wd' = 0.1) ends on ridge with λ = (1 − μ)·wd'/2 = 0.005 instead: w2 = −2.794 there,
# against −2.592 for SGD.
#
# </details>

# %% [markdown]
# ## Summary
#
# - A plain-SGD L2 step is **w ← w(1 − η·wd) − η∇loss**, wd = PyTorch's `weight_decay`
#   ([conventions table](12_conventions.ipynb#conventions)).
# - Left alone, a weight decays as w₀(1 − η·wd)ᵗ (hence "weight decay"), half-life
#   ≈ **0.693/(η·wd)** steps; η·wd ≥ 1 zeroes or flips it, **η·wd > 2** blows up.
# - Weights stay large only where the data pushes back as hard as wd·w.
# - **Momentum**: SGD's L2 decays an idle weight at least 1/(1 − μ) times faster than SGDW
#   (not in PyTorch) while η·wd ≤ (1 − √μ)². **Minibatches** jitter around the full-batch fixed point.
#
# Next: [7 · Why AdamW has a W](07_adamw.ipynb).
