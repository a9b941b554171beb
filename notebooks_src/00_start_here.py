# %% [markdown]
# # 0 · Start here: L1 & L2 regularization, live
#
# **Learning goals**
# - know what this course covers and how its notebooks are organised;
# - drive a panel: drag a slider, read its readout, watch the figure change;
# - run the course locally or on Binder;
# - know the one **conventions table** every notebook uses (where the ½ goes, mean vs sum,
#   λ vs `weight_decay` vs η·λ), and check it numerically.
#
# An overfit network threads its curve through every noisy training point by using huge
# weights. L1 and L2 regularization add the size of the weights to the loss, so big weights
# become expensive. This course shows that happening, live: you drag λ or the learning rate
# η and the model retrains while you drag.

# %% [markdown]
# ## How to run it
#
# - **Locally**: `make lab` in a clone of the repository installs everything into `.venv`
#   and opens JupyterLab here. `make test` runs every test, notebooks included.
# - **Binder**: the [*launch binder*](https://mybinder.org/v2/gh/ORG/l1-l2-regularization/HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb)
#   link builds the same environment in the cloud and opens this notebook.
# - **Colab**: run `!pip install -q git+https://github.com/ORG/l1-l2-regularization` in the
#   first cell, then run all cells.
# - Run the notebook top to bottom once (*Run → Run All Cells*). Each notebook is
#   deterministic: seeded data and models, the same numbers every run.
#
# ## The map
#
# | # | notebook | the idea |
# |---|---|---|
# | 0 | [Start here](00_start_here.ipynb) (this one) | sliders, the conventions table |
# | 1 | [Big weights make a nervous network](01_big_weights.ipynb) | overfitting = wild weights |
# | 2 | [The new objective](02_new_objective.ipynb) | loss + λ·penalty, the U-curve |
# | 3 | [L2](03_l2.ipynb) | a pull proportional to size: everything shrinks |
# | 4 | [L1 and sparsity](04_l1_sparsity.ipynb) | a constant tug: exact zeros |
# | 5 | [Fingerprints](05_fingerprints.ipynb) | dense vs sparse, elastic net between |
# | 6 | [Weight decay](06_weight_decay.ipynb) | the seed's w ← w(1 − ηλ) − η∇loss (its λ is `weight_decay` = 2λ), step by step |
# | 7 | [Why AdamW has a W](07_adamw.ipynb) | decoupled decay vs Adam + L2 |
# | 8 | [The family](08_family.ipynb) | dropout, early stopping, augmentation |
# | 9 | [The classic-ML view](09_classic_ml.ipynb) | diamond vs circle, ridge/lasso/elastic net |
# | 10 | [Sensible defaults](10_sensible_defaults.ipynb) | a capstone on real digits |
# | 11 | [Wrap-up](11_wrap_up.ipynb) | the whole course on one page |

# %% [markdown]
# ## How the sliders work
#
# **Every position of a slider is a model that was trained, and drawn, when its cell
# ran.** Moving the slider only chooses which of those pictures you see, so it responds at
# once, even while another cell is running, and it works in the course website with no
# Python behind it at all.
#
# A panel is one function that draws the figure for one value of each slider, plus the
# sliders; `lessons_lib.widgets.live` calls it for every position. Below, a single weight
# `w = 1` is decayed for 100 steps by the factor `(1 − lr·weight_decay)` per step. Drag
# **weight_decay** (a log-scale slider: each notch multiplies it by the same amount) and
# watch the curve and its half-life change. The readout to the right of the slider shows
# the value; you can also click a slider and use the arrow keys.
#
# If you read this on GitHub, you see the panel's default position as an image; run the
# notebook, or open the course website, to move it.

# %%
import numpy as np

from lessons_lib import conventions, plots, widgets

steps = np.arange(101)
fig, ax = plots.new_figure(width=6.0, height=3.0)


def show_decay(weight_decay):
    factor = conventions.decay_factor(0.1, weight_decay)      # lr = 0.1
    ax.plot(steps, factor ** steps, color=plots.COLORS["blue"], lw=2,
            label="weight w after t steps")
    ax.axhline(0.5, color=plots.COLORS["grey"], ls=":", lw=1, label="half of the start")
    ax.set(xlabel="step t", ylabel="w", ylim=(-0.05, 1.05),
           title=f"lr = 0.1, weight_decay = {weight_decay:.3g}\nfactor {factor:.4f} per step, "
                 f"half-life {conventions.half_life(0.1, weight_decay):.1f} steps")
    ax.legend(loc="upper right")


widgets.live(fig, show_decay, title="pure weight decay",
             weight_decay=widgets.log_slider("weight_decay", 0.1, -2, 0.5))

# %% [markdown]
# <a id="conventions"></a>
# ## The conventions table
#
# Libraries write "the same" L2 regularization with different constants. A factor of 2 or
# of n in the wrong place gives a model ten times too regularized, so here it is, once.
# **This course** follows the column in bold everywhere.
#
# | | data loss | L2 written as | added to the gradient | one plain SGD step | to match the course's λ |
# |---|---|---|---|---|---|
# | **this course** | **mean: (1/n)·Σ(ŷ − y)², no ½** | **λ·Σw²** | **2λ·w** | **w ← w(1 − 2ηλ) − η∇loss** | **λ** |
# | PyTorch `SGD(weight_decay=wd)` | your loss (`MSELoss`: mean, no ½) | implicit (wd/2)·Σw² | wd·w | w ← w(1 − η·wd) − η∇loss | **wd = 2λ** |
# | PyTorch `Adam(weight_decay=wd)` | your loss | implicit (wd/2)·Σw², *coupled* | wd·w, which then goes through Adam's moments: the step is m̂/√v̂ | no fixed factor | wd = 2λ, but rescaled per weight (notebook 7) |
# | PyTorch `AdamW(weight_decay=wd)` | your loss | not in the loss: *decoupled* | nothing | w ← w(1 − η·wd) before the Adam step | default wd = 0.01; per-step decay η·wd |
# | Keras `regularizers.L2(l2=c)` | `MeanSquaredError`: mean, no ½ | c·Σw² added to the loss | 2c·w | w ← w(1 − 2ηc) − η∇loss | **c = λ** |
# | Keras 3 optimizers `weight_decay=wd` (any optimizer, e.g. `SGD`, `AdamW`) | your loss | decoupled | nothing | w ← w(1 − η·wd) before the optimizer's step | as PyTorch's AdamW; `AdamW` default wd = 0.004 |
# | optax `add_decayed_weights(wd)` then `sgd(η)` | your loss | implicit (wd/2)·Σw² | wd·w | w ← w(1 − η·wd) − η∇loss | wd = 2λ |
# | optax `adamw(η, weight_decay=wd)` | your loss | decoupled | nothing | w ← w(1 − η·wd) with the Adam step | default wd = 1e-4; as PyTorch's AdamW |
# | scikit-learn `Ridge(alpha)` | **sum**: Σ(ŷ − y)² | α·Σw² | — (exact solver) | — | **α = n·λ** |
# | scikit-learn `Lasso(alpha)` | (1/2n)·Σ(ŷ − y)² | α·Σ\|w\| | — | — | **α = λ/2** |
# | scikit-learn `ElasticNet(alpha, l1_ratio=r)` | (1/2n)·Σ(ŷ − y)² | α·r·Σ\|w\| + (α(1 − r)/2)·Σw² | — | — | **α = λ(1 − ρ/2), r = ρ/(2 − ρ)** |
#
# Three things to take from it:
#
# 1. **The factor of 2.** The seed's decay step `w ← w·(1 − ηλ) − η·∇loss` uses the
#    deep-learning λ, which is PyTorch's `weight_decay`: the gradient of the course's
#    penalty λ·Σw² is 2λw, so one SGD step multiplies w by (1 − 2ηλ). Hence
#    `weight_decay = 2λ`. Textbooks that write the penalty as (λ/2)·‖w‖² have their λ equal
#    to `weight_decay` directly.
# 2. **η·λ is what a step feels.** SGD and AdamW shrink each weight by the factor
#    (1 − η·weight_decay) per step; it must stay between 0 and 1 (η·weight_decay < 1), and
#    at η·weight_decay > 2 training blows up (notebook 6).
# 3. **Mean vs sum.** scikit-learn's `Ridge` sums the squared errors, so its α grows with n;
#    `Lasso` and `ElasticNet` use (1/2n), which halves everything. The course's elastic-net
#    mix ρ is not scikit-learn's `l1_ratio` (except at 0 and 1).
#
# The next cell checks the table with `lessons_lib`: the same model three ways.

# %%
# NBVAL_CHECK_OUTPUT
from lessons_lib import data, linear, models, optim, penalties, train

X, y, _ = data.sparse_linear(n_samples=60, n_features=8, n_informative=3, seed=0)
n, lam = len(y), 0.05

# 1. Course: MSE + λ·Σw² by gradient descent; PyTorch semantics: SGD(weight_decay = 2λ).
course = models.LinearRegression(8)
train.train(course, X, y, lr=0.05, steps=400, penalty=penalties.l2(lam))
torch_like = models.LinearRegression(8)
opt = optim.SGD(optim.decay_groups(torch_like.named_parameters(),
                                   conventions.weight_decay_from_lam(lam)), lr=0.05)
for _ in range(400):
    opt.step(torch_like.loss_and_grads(X, y)[1])
print("course λ·Σw²  ==  SGD(weight_decay=2λ):",
      np.allclose(course.weight, torch_like.weight, rtol=0, atol=1e-12))

# 2. Course exact solutions vs scikit-learn with the table's alpha.
from sklearn.linear_model import ElasticNet, Lasso, Ridge

for name, Est, extra in [("l2", Ridge, {}), ("l1", Lasso, {"tol": 1e-12, "max_iter": 100_000}),
                         ("elastic_net", ElasticNet, {"tol": 1e-12, "max_iter": 100_000})]:
    coef, _ = linear.fit_linear(X, y, penalty=name, lam=lam, l1_ratio=0.5)
    kwargs = linear.sklearn_alpha(name, lam=lam, n_samples=n, l1_ratio=0.5)
    sk = Est(**kwargs, **extra).fit(X, y)
    print(f"{name:12s} {Est.__name__}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())}):",
          "same coefficients:", np.allclose(coef, sk.coef_, atol=1e-6))

# %% [markdown]
# ## Exercises: read the table
#
# **Exercise 1.** The course's L2 strength is λ = 0.02. Which `weight_decay` gives PyTorch's
# `SGD` the same training run? Replace the `...` and run the cell.

# %%
answer_wd = ...
from lessons_lib import exercises

_ = exercises.check_value(answer_wd, conventions.weight_decay_from_lam(0.02), name="Exercise 1",
                          hint="the penalty λ·Σw² has gradient 2λw; weight_decay multiplies w directly")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `weight_decay = 2λ = 0.04`: the gradient of 0.02·Σw² is 0.04·w, which is exactly what
# `SGD(weight_decay=0.04)` adds to the gradient.
# </details>
#
# **Exercise 2.** With n = 200 training points and λ = 0.01, which `alpha` makes
# scikit-learn's `Ridge` fit the course's model, and which makes `Lasso` fit the L1 model?

# %%
answer_ridge_alpha = ...
answer_lasso_alpha = ...
_ = exercises.check_value(answer_ridge_alpha, linear.sklearn_alpha("l2", 0.01, 200)["alpha"],
                          name="Exercise 2 (Ridge)", hint="Ridge sums the squared errors: n times ours")
_ = exercises.check_value(answer_lasso_alpha, linear.sklearn_alpha("l1", 0.01, 200)["alpha"],
                          name="Exercise 2 (Lasso)", hint="Lasso uses (1/2n)·Σ(ŷ − y)²: half of ours")

# %% [markdown]
# <details><summary>Solution</summary>
#
# `Ridge(alpha = n·λ = 2.0)` and `Lasso(alpha = λ/2 = 0.005)`. Multiplying an objective by a
# positive number does not move its minimum, so matching the scale of the data term fixes α.
# </details>

# %% [markdown]
# ## Summary
#
# - Each notebook has learning goals, live panels, self-checking exercises and a summary.
# - Every slider position is a model trained when the cell ran; the slider picks which
#   picture you see. A static image shows the default position.
# - The course's L2 penalty is λ·Σw² on the *mean* squared error; PyTorch's
#   `weight_decay = 2λ`; scikit-learn's `Ridge(alpha = n·λ)`, `Lasso(alpha = λ/2)`.
#
# Next: [1 · Big weights make a nervous network](01_big_weights.ipynb).
