# %% [markdown]
# # 0 · Start here: L1 & L2 regularization, live
#
# An overfit network threads its curve through every noisy training point by using huge
# weights. L1 and L2 regularization add the size of the weights to the loss, so big weights
# become expensive. In this course you drag λ or the learning rate η and watch what a model
# trained at that value does. It is built from a short text on L1 and L2 regularization,
# quoted as *the source text*.
#
# *Time: about 13 minutes (reading, dragging the sliders, exercises).*
# *Express path: section 1, about 5 minutes.*

# %% [markdown]
# ## 1 · Your first slider <!-- express -->
#
# Run the notebook (*Run → Run All Cells*) and the panel below comes alive; on the course
# website it already is. A weight w = 1 is multiplied by (1 − lr·weight_decay) at each of
# 100 steps: what an L2 penalty alone does to a weight under plain gradient descent (the
# source text's decay step w ← w(1 − ηλ), with η = lr and λ = `weight_decay`). Drag
# **weight_decay** (log scale: each notch multiplies it by 10^⅛ ≈ 1.33; the arrow keys move
# one notch) and watch the half-life.

# %%
from lessons_lib import plots, runs_decay, widgets

run = runs_decay.pure_decay()        # w = 1, lr = 0.1, 100 steps, at every weight_decay
fig, ax = plots.new_figure(width=5.6, height=3.0)


def show_decay(weight_decay):
    i = run.index(weight_decay)
    ax.plot(run.steps, run.w[i], color=plots.COLORS["blue"], lw=2, label="weight w after t steps")
    ax.axhline(0.5, color=plots.COLORS["grey"], ls=":", lw=1, label="half of the start")
    ax.set(xlabel="step t", ylabel="w", ylim=(-0.05, 1.05),
           title=f"lr = {run.lr}, weight_decay = {weight_decay:.3g}\nfactor {run.factor[i]:.4f} "
                 f"per step, half-life {run.half_life[i]:.1f} steps")
    ax.legend(loc="upper right")
    return (f"weight_decay = {weight_decay:.3g}: factor {run.factor[i]:.4f} per step, half-life "
            f"{run.half_life[i]:.1f} steps; after {run.steps[-1]} steps w = {run.w[i][-1]:.3g}")


widgets.live(fig, show_decay, title="pure weight decay",
             weight_decay=widgets.slider("weight_decay", run.grid, 0.1))

# %% [markdown]
# **Every position of a slider is a run that was computed, and drawn, when its cell ran**
# (here 100 decay steps; in later notebooks, a trained model). The slider only picks which
# picture you see, so it also works on the course website, with no Python; GitHub shows the
# default position. A panel is a function that draws the figure for one slider value (here
# `show_decay`), plus the slider; `widgets.live` calls it once per position.
#
# PyTorch's `weight_decay` is 2λ for the course's λ·Σw² (the gradient of λ·Σw² is 2λw):
# [the conventions table](12_conventions.ipynb#conventions).
#
# <details><summary>How to run the course: locally, on Binder, on Colab</summary>
#
# - **Locally**: `make lab` in a clone of the repository installs everything into `.venv`
#   and opens JupyterLab here. `make test` runs every test, notebooks included.
# - **Binder**: the [*launch binder*](https://mybinder.org/v2/gh/ORG/l1-l2-regularization/HEAD?urlpath=lab/tree/notebooks/00_start_here.ipynb)
#   link builds the same environment in the cloud and opens this notebook.
# - **Colab**: run `!pip install -q git+https://github.com/ORG/l1-l2-regularization` in the
#   first cell, then run all cells.
# - Every notebook is seeded: the same numbers every run.
#
# </details>

# %% [markdown]
# ## 2 · The map
#
# **Express path.** Short on time? The first cell of each notebook names its express
# sections: together they tell the source text's whole story, and the rest are deep dives
# for a second pass; about 90 minutes in all. The map's last column lists them.
#
# | # | notebook | the idea | express sections |
# |---|---|---|---|
# | 0 | [Start here](00_start_here.ipynb) (this one) | a first slider, the map | 1 |
# | 1 | [Big weights make a nervous network](01_big_weights.ipynb) | overfitting = wild weights | 1 and 4 |
# | 2 | [The new objective](02_new_objective.ipynb) | loss + λ·penalty, the U-curve | 1 and 3 |
# | 3 | [L2](03_l2.ipynb) | a pull proportional to size: everything shrinks | 1 and 2 |
# | 4 | [L1 and sparsity](04_l1_sparsity.ipynb) | a constant tug: exact zeros | 1, 3 and 4 |
# | 5 | [Fingerprints](05_fingerprints.ipynb) | dense vs sparse, elastic net between | 1, 2 and 3 |
# | 6 | [Weight decay](06_weight_decay.ipynb) | the decay step, one step at a time | 2 and 5 |
# | 7 | [Why AdamW has a W](07_adamw.ipynb) | decoupled decay vs Adam + L2 | 1 to 3 |
# | 8 | [The family](08_family.ipynb) | dropout, early stopping, augmentation | 0, 3 and 5 |
# | 9 | [The classic-ML view](09_classic_ml.ipynb) | diamond vs circle, ridge/lasso/elastic net | 2 and 8 |
# | 10 | [Sensible defaults](10_sensible_defaults.ipynb) | a capstone on real digits | 4, 5 and 7 |
# | 11 | [Wrap-up](11_wrap_up.ipynb) | the whole course on one page | the recap |
# | 12 | [Reference: the conventions table](12_conventions.ipynb) | λ vs `weight_decay`, mean vs sum, library by library | — |
# | 13 | [Questions practitioners ask](13_questions.ipynb) | short answers that run | — |

# %% [markdown]
# ## 3 · Exercise
#
# **Exercise 0.1 · Read the panel.** In the decay panel, raise `weight_decay` one notch at
# a time. At which value does the weight first reach half its start within 10 steps? Type
# the value the slider shows.

# %%
from lessons_lib import exercises

your_answer = ...  # weight_decay
_ = exercises.check("0.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `weight_decay ≈ 0.75`: the title shows a half-life of 8.9 steps (factor 0.9250 per step);
# one notch lower, at 0.562, it is 12.0 steps. Exactly, (1 − 0.1·wd)¹⁰ ≤ ½ needs
# wd ≥ 10·(1 − 2^(−1/10)) ≈ 0.670, which lies between the two notches.
#
# </details>

# %% [markdown]
# ## Summary
#
# - Every slider position is a run computed when the cell ran; the slider picks the picture.
# - Pure weight decay multiplies a weight by (1 − lr·weight_decay) per step: the larger
#   lr·weight_decay (below 1), the shorter the half-life.
# - PyTorch's `weight_decay` = 2λ for the course's λ·Σw²; the rest is in the
#   [conventions table](12_conventions.ipynb#conventions).
#
# Next: [1 · Big weights make a nervous network](01_big_weights.ipynb).
