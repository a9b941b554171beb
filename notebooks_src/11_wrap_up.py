# %% [markdown]
# # 11 · Wrap-up: the whole course on one page
#
# Objective = MSE + λ·penalty(w), biases never penalized; other libraries' λ: the
# [conventions table](12_conventions.ipynb#conventions). Questions practitioners ask next
# (Adam vs AdamW, schedules, which parameters to decay, defaults, L1 with SGD, λ and n):
# [13 · Questions practitioners ask](13_questions.ipynb).
#
# *Time: about 24 minutes (reading, dragging the sliders, exercises).*
# *Express path: the recap, about 4 minutes.*

# %% [markdown]
# ## The recap <!-- express -->
#
# 1. **Big weights make a nervous function.** An overfit model threads every noisy point
#    with big weights of both signs that nearly cancel; for a given model and features,
#    small weights keep the slopes gentle. → [1 · Big weights](01_big_weights.ipynb)
# 2. **The new objective: loss(data) + λ·penalty(w).** λ = 0 overfits, a huge λ flattens
#    the model to the mean of y; pick λ at the bottom of the **validation** U-curve.
#    → [2 · The new objective](02_new_objective.ipynb)
# 3. **L2 pulls in proportion to size.** λ·Σw² adds 2λw to the gradient; alone, it
#    multiplies every weight by (1 − 2ηλ) per step, so unless 2ηλ = 1 (one step to 0) no
#    weight lands on exactly 0; with data, a single weight can even change sign.
#    → [3 · L2](03_l2.ipynb)
# 4. **L1 tugs with constant force.** λ·Σ|w| adds λ·sign(w), the same for 8.0 and 0.08.
#    Subgradient steps jitter around 0; the **prox step** lands on exactly 0.
#    → [4 · L1 and sparsity](04_l1_sparsity.ipynb)
# 5. **Fingerprints.** Each at its own best λ, L2 keeps every weight small and non-zero
#    (dense), L1 a few, the rest **exactly** 0 (sparse); elastic net sits between.
#    → [5 · Fingerprints](05_fingerprints.ipynb)
# 6. **Weight decay** is L2 inside the SGD step, w ← w(1 − η·wd) − η∇loss, with wd = 2λ
#    (PyTorch's `weight_decay`). Left alone, a weight halves in about 0.693/(η·wd) steps;
#    it stays large only where the data pushes back. → [6 · Weight decay](06_weight_decay.ipynb)
# 7. **AdamW has a W.** `Adam(weight_decay=wd)` divides the decay by each weight's √v̂:
#    busy weights decay far less per step, yet full batch and run long it ends at ridge.
#    AdamW multiplies every decayed weight by (1 − lr·wd) outside that division: busy
#    weights decay far more than under Adam + L2. If a full-batch run converges (with an
#    lr that never increases and sums to infinity), it ends, ignoring Adam's ε, at a KKT
#    point of the loss under |wⱼ| ≤ 1/wd for the decayed weights: for a convex loss, the
#    best fit in that box.
#    → [7 · Why AdamW has a W](07_adamw.ipynb)
# 8. **The family.** L2 changes the objective, AdamW's decay the update rule, dropout the
#    network, early stopping the schedule, augmentation the data. Stacked (decay, dropout,
#    early stopping, noise), each at its best alone, they over-regularized; with decay,
#    dropout and noise turned down, early stopping unchanged, the stack did best.
#    → [8 · The family](08_family.ipynb)
# 9. **Diamond vs circle.** As a budget, L1 is a diamond with corners on the axes, where
#    the loss contours often touch it: a weight exactly 0; the L2 disc has no corners.
#    → [9 · The classic-ML view](09_classic_ml.ipynb)
# 10. **Sensible defaults.** AdamW with wd ≈ 0.01 (long transformer runs up to 0.1),
#     biases not decayed, early stopping, augmentation that keeps labels. The decay acts
#     through η·wd·steps: at η = 10⁻² for 300 steps, wd = 0.01 was idle.
#     → [10 · Sensible defaults](10_sensible_defaults.ipynb)

# %% [markdown]
# ## The fingerprints, and the two personalities
#
# Notebook 5's degree-15 polynomial, each penalty at its best λ:

# %%
import numpy as np

from lessons_lib import data, exercises, linear, penalties, plots, runs_curves, widgets

prob = data.overfit_set()        # notebook 5's 12 noisy points, 200 validation points
X, X_val, X_grid = prob.features(15)                  # Legendre degrees 1 … 15
idx = np.arange(1, 16)                                # weight k belongs to degree k
NAMES = {"l2": "L2", "l1": "L1", "elastic_net": "elastic net"}
COLOR = {"l2": plots.L2C, "l1": plots.L1C, "elastic_net": plots.ENC}

run = runs_curves.wrap_up_paths()     # exact fits at λ = 0.001 … 10, 8 per decade; ρ = 0.5
LAMS, paths, best = run.lams, run.paths, run.best     # penalty → w, curve, val; its best row
w_ols, b_ols = linear.fit_linear(X, prob.y, penalty="l2", lam=0.0)     # λ = 0

# %%
# NBVAL_CHECK_OUTPUT
print(f"λ = 0: validation MSE {np.mean((X_val @ w_ols + b_ols - prob.y_val) ** 2):.1f}")
for name, p in paths.items():
    w = p["w"][best[name]]
    kept = idx[w != 0]
    print(f"{NAMES[name]:11s} λ = {LAMS[best[name]]:.4f}: validation MSE "
          f"{p['val'][best[name]]:.3f}, {np.sum(w == 0):2d} of 15 exactly 0")
    if name == "l1":
        print("    non-zero:", ", ".join(f"degree {k}: {w[k - 1]:+.3f}" for k in kept))

# %% [markdown]
# All three cut the validation MSE from 81 to about 0.1. The two personalities, at
# λ = η = 0.5:

# %% jupyter={"source_hidden": true} tags=["hide-input"]
LAM_DEMO, ETA_DEMO = 0.5, 0.5
w = np.linspace(-2, 2, 801)
neg, pos = w < 0, w > 0
fig, (ax_pull, ax_step) = plots.new_figure(ncols=2, width=4.6, height=3.4)
ax_pull.plot(w, penalties.l2(LAM_DEMO).grad(w), color=plots.L2C, lw=2, label="L2: 2λw")
for side, label in ((neg, "L1: λ·sign(w)"), (pos, None)):
    ax_pull.plot(w[side], penalties.l1(LAM_DEMO).grad(w[side]), color=plots.L1C, lw=2.5,
                 label=label)
ax_pull.set(xlabel="weight w", ylabel="pull added to the gradient", ylim=(-2.1, 2.1),
            title="the pulls: equal at |w| = ½")
ax_pull.legend(loc="upper left")
ax_step.axvspan(-LAM_DEMO * ETA_DEMO, LAM_DEMO * ETA_DEMO, color=plots.COLORS["sky"],
                alpha=0.25, lw=0, label="dead zone |v| ≤ ηλ")
ax_step.plot(w, w - ETA_DEMO * penalties.l2(LAM_DEMO).grad(w), color=plots.L2C, lw=2,
             label="L2 step: v·(1 − 2ηλ)")
for side, label in ((neg, "L1 subgradient step"), (pos, None)):
    ax_step.plot(w[side], w[side] - ETA_DEMO * penalties.l1(LAM_DEMO).grad(w[side]),
                 color=plots.COLORS["purple"], lw=1.5, ls="--", label=label)
ax_step.plot(w, penalties.l1(LAM_DEMO).prox(w, ETA_DEMO), color=plots.L1C, lw=2.5,
             label="L1 prox step")
ax_step.set(xlabel="v (weight after the data step)", ylabel="after the penalty step",
            xlim=(-2, 2), ylim=(-2, 2), title="one penalty step")
ax_step.legend(loc="upper left")
for ax in (ax_pull, ax_step):
    ax.axhline(0, color=plots.COLORS["black"], lw=0.8)
    ax.axvline(0, color=plots.COLORS["black"], lw=0.8)
plots.show(fig, alt=f"Left: the pull each penalty adds to the gradient, λ = {LAM_DEMO}: L2's 2λw is a "
                    f"line through 0, L1's λ·sign(w) is ±{LAM_DEMO} at every size; they are equal "
                    f"at |w| = ½, and below that L1 pulls harder. Right: one penalty step, η = "
                    f"{ETA_DEMO}: the L2 step multiplies v by {1 - 2 * ETA_DEMO * LAM_DEMO:g}, never "
                    f"reaching 0; the L1 prox step is exactly 0 in the dead zone |v| ≤ ηλ = "
                    f"{ETA_DEMO * LAM_DEMO:g}; the L1 subgradient step jumps over 0 there instead.")

# %% [markdown]
# Below |w| = ½ L1 pulls harder; in the dead zone the subgradient step jumps over 0, the
# prox step stops at 0.

# %% [markdown]
# ## All of it in one panel
#
# Pick the **penalty**, drag **λ** (0.0042 to 1.78): exact fits of the polynomial above.
# Middle: the weights, hollow circles at exact zeros. Right: validation MSE.
#
# - **L2**: no hollow circle at any λ. **L1**: 6 exact zeros at λ = 0.0042, all 15 at 1.78.
# - **Elastic net**: never more zeros than L1; fewer at every notch but λ = 0.75 (14 each).
# - Each penalty's U-curve bottoms out at its own λ; elastic net's falls between two notches.

# %% jupyter={"source_hidden": true} tags=["hide-input"]
fig, (ax_fit, ax_w, ax_val) = plots.new_figure(ncols=3, width=3.8, height=3.3)


def frame_axes():
    """Fixed limits, ticks and labels of the panel's middle and right axes."""
    ax_w.set(xticks=idx[::2], xlabel="degree k (weight of Legendre P_k)", ylim=(-2.5, 2.5))
    ax_val.axhline(prob.noise**2, color=plots.COLORS["grey"], ls=":", lw=1.2,
                   label="noise floor")
    ax_val.set(xscale="log", yscale="log", xlim=(LAMS[0], LAMS[-1]), ylim=(0.05, 1.0),
               xlabel="λ (log scale)", ylabel="validation MSE",
               xticks=[0.001, 0.01, 0.1, 1], xticklabels=["0.001", "0.01", "0.1", "1"],
               yticks=[0.05, 0.1, 0.2, 0.5, 1], yticklabels=["0.05", "0.1", "0.2", "0.5", "1"])
    ax_val.minorticks_off()
    ax_val.legend(loc="upper left")

# %%
def draw(penalty, lam):
    i = run.row(lam)
    p, color = paths[penalty], COLOR[penalty]
    plots.fit_plot(ax_fit, prob.x, prob.y, prob.x_grid, p["curve"][i], truth=prob.truth,
                   label=NAMES[penalty], color=color)
    ax_fit.set_title(f"λ = {lam:.3g}: validation MSE {p['val'][i]:.3f}")

    dead = idx[p["w"][i] == 0]                                       # the exact zeros
    plots.weight_bars(ax_w, p["w"][i], color=color)
    ax_w.plot(dead, np.zeros(dead.size), "o", mfc="white", mec=plots.COLORS["black"], ms=6)
    ax_w.set_title(f"{15 - dead.size} non-zero, {dead.size} exactly 0")

    for name, q in paths.items():                                    # the chosen one bold
        ax_val.plot(LAMS, q["val"], color=COLOR[name], lw=3 if name == penalty else 1,
                    label=NAMES[name])
    ax_val.plot([lam], [p["val"][i]], "o", ms=9, mfc="white", mec=plots.COLORS["black"])
    between = "" if np.isclose(run.grid, LAMS[best[penalty]]).any() else ", between notches"
    ax_val.set_title(f"best λ: {LAMS[best[penalty]]:.3g}{between}")
    frame_axes()
    return (f"{NAMES[penalty]}, λ = {lam:.3g}: validation MSE {p['val'][i]:.3f}, {dead.size} of 15 "
            f"weights exactly 0; the best λ for {NAMES[penalty]} is {LAMS[best[penalty]]:.3g}{between}")


widgets.live(fig, draw, title="L2 vs L1 vs elastic net on the overfit polynomial",
             penalty=widgets.choice("penalty", [("L2", "l2"), ("L1", "l1"),
                                                ("elastic net", "elastic_net")], "l1"),
             lam=widgets.slider("λ", run.grid, 0.01))

# %% [markdown]
# ## Cheat sheet
#
# | penalty | gradient | the weights | use for | PyTorch |
# |---|---|---|---|---|
# | **L2** λ·Σw² | + 2λw | shrunk, none held at 0 | the default; many small effects | `SGD(weight_decay=…)`: [conventions](12_conventions.ipynb#conventions) |
# | **L1** λ·Σ\|w\| | + λ·sign(w); zeros need prox | few survive, rest exactly 0 | few strong effects; selection | `lam * w.abs().sum()` in the loss |
# | **elastic net** λ·(ρΣ\|w\| + (1 − ρ)Σw²) | + λρ·sign(w) + 2λ(1 − ρ)w | sparse, keeps groups | correlated groups | both terms in the loss |
# | **Adam + L2** | + wd·w, divided by √v̂ | busy weights decay less per step; full batch, ends at ridge | rarely | `Adam(weight_decay=wd)` |
# | **AdamW** | none; w ← w(1 − lr·wd) | the same fraction of every decayed weight | deep networks | `AdamW(weight_decay=wd)` |
#
# Siblings ([notebook 8](08_family.ipynb)): `nn.Dropout(p)`, early stopping, augmentation
# that keeps the labels.
#
# <details><summary>Go deeper: where to read next</summary>
#
# - **Real sparsity speed-ups: pruning.** Scattered zeros only save time with structured or
#   hardware-aware sparsity. Han, Pool, Tran & Dally (2015), *Learning both Weights and
#   Connections for Efficient Neural Networks* ([arXiv:1506.02626](https://arxiv.org/abs/1506.02626)):
#   train, prune small weights, retrain. Frankle & Carbin (2019), *The Lottery Ticket
#   Hypothesis: Finding Sparse, Trainable Neural Networks*, ICLR
#   ([arXiv:1803.03635](https://arxiv.org/abs/1803.03635)).
# - **Label smoothing**, a regularizer on the targets instead of the weights: Szegedy,
#   Vanhoucke, Ioffe, Shlens & Wojna (2016), *Rethinking the Inception Architecture for
#   Computer Vision*, CVPR ([arXiv:1512.00567](https://arxiv.org/abs/1512.00567)).
# - **Dropout**: Srivastava, Hinton, Krizhevsky, Sutskever & Salakhutdinov (2014), *Dropout: A
#   Simple Way to Prevent Neural Networks from Overfitting*, JMLR 15:1929–1958
#   ([jmlr.org](https://jmlr.org/papers/v15/srivastava14a.html)).
# - **AdamW**: Loshchilov & Hutter, *Decoupled Weight Decay Regularization*, ICLR 2019
#   ([arXiv:1711.05101](https://arxiv.org/abs/1711.05101)).
# - **Weight decay with batch/weight normalization**: with a normalization layer after it, a
#   weight matrix's scale does not change the output, so L2 no longer limits the function; it
#   changes the effective learning rate instead. van Laarhoven (2017), *L2 Regularization
#   versus Batch and Weight Normalization* ([arXiv:1706.05350](https://arxiv.org/abs/1706.05350)).
# - **Early stopping**: Prechelt (1998), *Early Stopping — But When?*, in *Neural Networks:
#   Tricks of the Trade*, LNCS 1524, 55–69 ([doi:10.1007/3-540-49430-8_3](https://doi.org/10.1007/3-540-49430-8_3)).
# - **The classics**: ridge, Hoerl & Kennard (1970), *Ridge Regression: Biased Estimation for
#   Nonorthogonal Problems*, Technometrics 12:55–67
#   ([doi:10.1080/00401706.1970.10488634](https://doi.org/10.1080/00401706.1970.10488634));
#   lasso, Tibshirani (1996), *Regression Shrinkage and Selection via the Lasso*, JRSS B
#   58:267–288 ([doi:10.1111/j.2517-6161.1996.tb02080.x](https://doi.org/10.1111/j.2517-6161.1996.tb02080.x));
#   elastic net, Zou & Hastie (2005), *Regularization and Variable Selection via the Elastic
#   Net*, JRSS B 67:301–320 ([doi:10.1111/j.1467-9868.2005.00503.x](https://doi.org/10.1111/j.1467-9868.2005.00503.x)).
#
# </details>

# %% [markdown]
# ## Two questions
#
# **Exercise 11.1 · Experiment: too much L1.** With L1, drag λ up. At which λ is one of
# the true curve's main terms first exactly 0 (sin πx + 0.3x ≈ 1.25·P₁ − 1.16·P₃ + 0.22·P₅,
# the rest below 0.02)? What does the validation MSE do?

# %%
your_answer = ...   # the λ the slider shows
_ = exercises.check("11.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# λ ≈ 0.133 (13 exactly 0 in the middle title): degree 5 is gone, only degrees 1 and 3
# are left, and the validation MSE rises from 0.077 one notch earlier (λ = 0.0562, which
# still keeps degree 5) to 0.166. From here on L1 cuts signal, not noise.
#
# </details>
#
# **Exercise 11.2 · One prox step.** A weight is exactly 0; L1 with λ = η = 0.5, as in the
# right-hand figure. Its data gradient is −0.3: where is it after the data step and the
# prox step? And with −0.6? Give `your_answer = (first, second)`.

# %%
your_answer = ...   # (first, second)
_ = exercises.check("11.2", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `(0.0, 0.05)`. The data step gives v = 0 − 0.5·(−0.3) = 0.15, inside the dead zone
# |v| ≤ ηλ = 0.25, so the prox step puts it back at exactly 0. With −0.6, v = 0.3 and the
# prox step moves it 0.25 towards 0: 0.05. Under L1 a weight stays at exactly 0 while the
# data's gradient on it is at most λ in size; L2's pull 2λw is 0 at w = 0, so any push
# moves a weight off 0: no exact zeros (the checked cell: L1 9, elastic net 3, L2 none).
#
# </details>
#
# ## Summary
#
# Penalize the weights (L2 shrinks, L1 selects) or decay them in the optimizer (AdamW);
# choose the strength on validation data; stack mild settings of the family.
# Back to [0 · Start here](00_start_here.ipynb).
