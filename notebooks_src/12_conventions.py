# %% [markdown]
# # 12 · Reference: the conventions table
#
# The course's one table of conventions (where the ½ goes, mean vs sum, λ vs
# `weight_decay`) across PyTorch, Keras, optax and scikit-learn, with code that checks its
# rows. Every notebook links here.
#
# *Time: about 17 minutes (reading, the exercise).*

# %% [markdown]
# <a id="conventions"></a>
# ## The conventions table
#
# Libraries scale "the same" L2 penalty differently: a factor of 2 or n in the wrong place
# regularizes 2 or n times too much (or too little). **The course follows the bold rows.** n is the number
# of training samples, η (`lr`) the learning rate.
#
# | | data loss | L2 term | added to the gradient | to match the course's λ |
# |---|---|---|---|---|
# | **this course, regression** | **mean squared error (1/n)·Σ(ŷ − y)², no ½** | **λ·Σw²** | **2λ·w** | **λ** |
# | **this course, classification** | **mean cross-entropy** | **λ·Σw²** | **2λ·w** | **λ** |
# | PyTorch `SGD(weight_decay=wd)` | your loss (`MSELoss`, `CrossEntropyLoss`: means) | implicit (wd/2)·Σw² | wd·w | **wd = 2λ** |
# | PyTorch `Adam(weight_decay=wd)` | your loss | implicit (wd/2)·Σw², *coupled* | wd·w, before Adam's averages: it enters m̂ and v̂, and the step is η·m̂/(√v̂ + ε) | wd = 2λ: the same full-batch fixed points as loss + λ·Σw², on a path rescaled per weight ([notebook 7](07_adamw.ipynb)) |
# | PyTorch `AdamW(weight_decay=wd)` | your loss | none, *decoupled*: w ← w(1 − η·wd) before the Adam step | nothing | no λ matches; default wd = 0.01 |
# | scikit-learn `Ridge(alpha)` | **sum** Σ(ŷ − y)² | α·Σw² | — (exact solver) | **α = n·λ** |
# | scikit-learn `Lasso(alpha)` | (1/2n)·Σ(ŷ − y)² | (L1) α·Σ\|w\| | — | **α = λ/2** |
# | scikit-learn `ElasticNet(alpha, l1_ratio=r)` | (1/2n)·Σ(ŷ − y)² | α·r·Σ\|w\| + (α(1 − r)/2)·Σw² | — | **α = λ(1 − ρ/2), r = ρ/(2 − ρ)**, [ρ](05_fingerprints.ipynb): the course's L1 share |
# | scikit-learn `LogisticRegression(C)`: 2 classes, one weight vector (sigmoid); more, one per class (softmax) | **sum** C·Σ log-loss | ½·Σw² | — | **C = 1/(2nλ)** (a 2-output softmax: 1/(nλ)) |
#
# 1. **The factor of 2.** The gradient of the course's penalty λ·Σw² is 2λw. PyTorch's
#    `weight_decay` adds weight_decay·w to the gradient, which is the gradient of
#    (weight_decay/2)·Σw². So **`weight_decay = 2λ`**, and one SGD step is
#    w ← w(1 − η·weight_decay) − η∇loss = w(1 − 2ηλ) − η∇loss. The source text's decay step
#    w ← w(1 − ηλ) − η∇loss writes PyTorch's `weight_decay` as λ. Books that write the
#    penalty as (λ/2)·‖w‖² have λ = `weight_decay`.
# 2. **η·weight_decay is what a step feels.** Pure decay multiplies a weight by
#    (1 − η·weight_decay) per step: for η·weight_decay below 1 it shrinks, between 1 and 2 it
#    shrinks but flips sign every step, beyond 2 it blows up ([notebook 6](06_weight_decay.ipynb)).
# 3. **Mean vs sum.** A sum is n times the mean, so `Ridge`'s α and `LogisticRegression`'s
#    1/C grow with n; `Lasso` and `ElasticNet` use (1/2n).
# 4. **Biases.** The course never penalizes intercepts or biases. PyTorch decays every
#    parameter you pass, so put biases in a parameter group with `weight_decay=0`
#    ([notebook 7](07_adamw.ipynb); lessons_lib's helper: `optim.decay_groups`);
#    scikit-learn leaves the intercept out (except solver `liblinear`).
#
# <details><summary>Go deeper: Keras and optax</summary>
#
# | | data loss | L2 term | added to the gradient | to match the course's λ |
# |---|---|---|---|---|
# | Keras `regularizers.L2(l2=c)` | `MeanSquaredError`: mean, no ½ | c·Σw² added to the loss | 2c·w | **c = λ** |
# | Keras 3 optimizers' `weight_decay=wd` (any optimizer, e.g. `SGD`, `AdamW`) | your loss | none, decoupled: w ← w(1 − η·wd) before the optimizer's step, whose gradient was taken at the old w | nothing | plain `SGD`: w(1 − η·wd) − η∇loss(w), PyTorch's `SGD(weight_decay=wd)` step, so wd = 2λ; `SGD` with momentum μ: the course's `optim.SGDW`, another path, ending (full batch) where λ = (1 − μ)·wd/2 does; adaptive optimizers: as PyTorch's AdamW, no λ matches; `AdamW` default wd = 0.004 |
# | optax `add_decayed_weights(wd)` then `sgd(η)` | your loss | implicit (wd/2)·Σw² | wd·w | wd = 2λ |
# | optax `adamw(η, weight_decay=wd)` | your loss | none, decoupled: w ← w(1 − η·wd) with the Adam step | nothing | as PyTorch's AdamW; default wd = 1e-4 |
#
# The defaults, as read in each library's source in 2026: PyTorch `AdamW` 0.01, Keras
# `AdamW` 0.004, optax `adamw` 1e-4. Three libraries, three defaults: check the version you use.
#
# </details>
#
# <details><summary>Go deeper: where the scikit-learn rows come from</summary>
#
# Multiplying an objective by a positive number does not move its minimum, so each row
# matches the scale of the data term. `Ridge`'s objective is n times the course's when
# α = nλ; `Lasso`'s is half of it when α = λ/2. For `ElasticNet`, half the course objective
# is (1/2n)Σ(ŷ − y)² + (λρ/2)Σ|w| + (λ(1 − ρ)/2)Σw²; matching terms gives αr = λρ/2 and
# α(1 − r) = λ(1 − ρ), so α = λ(1 − ρ/2) and r = ρ/(2 − ρ): the course's mix ρ is not
# scikit-learn's `l1_ratio`, except at 0 and 1. `LogisticRegression`
# minimizes C·Σᵢ log-lossᵢ + ½‖w‖²; divided by C·n it is the mean log-loss +
# (1/(2Cn))·‖w‖², the course's objective when C = 1/(2nλ) (`linear.sklearn_C`). Since
# scikit-learn 1.8 `LogisticRegression(penalty=...)` is deprecated: L2 is the default
# (`l1_ratio=0`), `C=np.inf` means no penalty.
#
# With **two classes** scikit-learn fits one weight vector w (a sigmoid, like PyTorch's
# `BCEWithLogitsLoss`). A two-output softmax (`CrossEntropyLoss` on 2 logits) has two
# vectors with w = w₂ − w₁; at its minimum w₁ = −w₂, so its λ·(Σw₁² + Σw₂²) is
# (λ/2)·Σw²: the same fit as the sigmoid model with λ/2, so it matches
# `LogisticRegression(C = 1/(nλ))` (the last check below prints both). With three or more
# classes scikit-learn's softmax penalizes every class's vector, as the course does.
#
# </details>
#
# The next cells check the table; `optim.SGD` is lessons_lib's NumPy copy of PyTorch's,
# tested against `torch.optim`. First the factor of 2, for a regression and a linear
# two-output softmax classifier (`nn.Linear` + `CrossEntropyLoss`) on two moons:

# %%
# NBVAL_CHECK_OUTPUT
import numpy as np

from lessons_lib import conventions, data, linear, models, optim, penalties, train

lam = 0.05


def same_run(make_model, X, y, lr):
    """400 steps with the course's λ·Σw² vs optim.SGD(weight_decay=2λ): the same weights?"""
    course, torch_like = make_model(), make_model()
    train.train(course, X, y, lr=lr, steps=400, penalty=penalties.l2(lam))
    opt = optim.SGD(optim.decay_groups(torch_like.named_parameters(),
                                       conventions.weight_decay_from_lam(lam)), lr=lr)
    for _ in range(400):
        opt.step(torch_like.loss_and_grads(X, y)[1])
    return all(np.allclose(a, b, rtol=0, atol=1e-12) for (_, a), (_, b)
               in zip(course.named_parameters(), torch_like.named_parameters()))


X, y, _ = data.sparse_linear(n_samples=60, n_features=8, n_informative=3, seed=0)
Xc, yc = data.two_moons(n=100, seed=0)
print("mean squared error + λ·Σw²  ==  optim.SGD(weight_decay=2λ):",
      same_run(lambda: models.LinearRegression(8), X, y, lr=0.05))
print("mean cross-entropy + λ·Σw²  ==  optim.SGD(weight_decay=2λ):",
      same_run(lambda: models.MLP((2, 2), loss="cross_entropy", seed=0), Xc, yc, lr=0.5))

# %% [markdown]
# scikit-learn's regressors with the table's α against the course's exact solutions:

# %%
# NBVAL_CHECK_OUTPUT
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge

tight = {"tol": 1e-12, "max_iter": 100_000}
rho = 0.5                                     # the course's ρ (fit_linear calls it l1_ratio)
for name, Est, extra in [("l2", Ridge, {}), ("l1", Lasso, tight), ("elastic_net", ElasticNet, tight)]:
    coef, _ = linear.fit_linear(X, y, penalty=name, lam=lam, l1_ratio=rho)
    kwargs = linear.sklearn_alpha(name, lam=lam, n_samples=len(y), l1_ratio=rho)
    sk = Est(**kwargs, **extra).fit(X, y)
    course = f"course λ = {lam:g}" + (f", ρ = {rho:g}" if name == "elastic_net" else "")
    print(f"{course:24} → scikit-learn {Est.__name__}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())}):",
          "same coefficients:", np.allclose(coef, sk.coef_, atol=1e-6))

# %% [markdown]
# At `LogisticRegression`'s fit the course objective's gradient is zero with C = 1/(2nλ)
# for its model (one weight vector w, a sigmoid), with C = 1/(nλ) for the two-output softmax
# above (w₂ = −w₁ = w/2):

# %%
# NBVAL_CHECK_OUTPUT
n = len(yc)
softmax = models.MLP((2, 2), loss="cross_entropy")                  # the classifier above
for rule, C in [("1/(2nλ)", linear.sklearn_C(lam, n)["C"]), ("1/(nλ)", 1 / (n * lam))]:
    sk = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(Xc, yc)
    w, b = sk.coef_[0], sk.intercept_[0]
    p = 1 / (1 + np.exp(-(Xc @ w + b)))                                  # P(class 1)
    grad = np.r_[Xc.T @ (p - yc) / n + 2 * lam * w, np.mean(p - yc)]    # ∂/∂w, ∂/∂b
    W = np.c_[-w, w] / 2                                                 # w₂ − w₁ = w
    softmax.set_params([W, np.r_[-b, b] / 2])
    gW, gb = softmax.loss_and_grads(Xc, yc)[1]
    grad_softmax = np.r_[(gW + 2 * lam * W).ravel(), gb]
    print(f"LogisticRegression(C = {rule} = {C:g}): gradient of the course objective is 0\n"
          f"    for the sigmoid model (one w): {np.allclose(grad, 0, atol=1e-6)}"
          f"    for the two-output softmax: {np.allclose(grad_softmax, 0, atol=1e-6)}")

# %% [markdown]
# ## Exercise
#
# **Exercise 12.1 · Convert once.** n = 200 training points, λ = 0.01. Which `weight_decay`
# gives PyTorch's `SGD` the same run, which `alpha` the same `Ridge` model, which `C` the
# same binary `LogisticRegression` classifier (one weight vector, a sigmoid)?

# %%
from lessons_lib import exercises

your_answer = ...  # (weight_decay, alpha, C)
_ = exercises.check("12.1", your_answer)

# %% [markdown]
# <details><summary>Solution</summary>
#
# `(0.02, 2.0, 0.25)`: `weight_decay` = 2λ = 0.02, because the gradient of 0.01·Σw² is
# 0.02·w; `Ridge` sums the squared errors, so α = n·λ = 2.0; `LogisticRegression` sums the
# log-loss and halves the penalty, so C = 1/(2nλ) = 1/4 (for a two-output softmax with this
# λ it would be 1/(nλ) = 1/2).
#
# </details>

# %% [markdown]
# Back to [0 · Start here](00_start_here.ipynb) and its map of the course.
