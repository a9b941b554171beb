"""Tests for lessons_lib.conventions: λ ↔ weight_decay, the decay factor and the half-life."""
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import conventions, optim, penalties
from lessons_lib._validate import UnwiseValueWarning
from lessons_lib.conventions import (
    decay_factor,
    half_life,
    lam_from_weight_decay,
    weight_decay_from_lam,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("lam", [0.0, 1e-4, 0.01, 0.5, 3.0])
def test_weight_decay_is_twice_lam_and_round_trips(lam):
    wd = weight_decay_from_lam(lam)
    assert wd == 2 * lam
    assert lam_from_weight_decay(wd) == lam
    assert weight_decay_from_lam(lam_from_weight_decay(0.3)) == 0.3
    assert isinstance(wd, float)


def test_factor_two_matches_the_gradients():
    # The course's L2 gradient 2λw equals SGD's weight_decay·w with weight_decay = 2λ.
    lam, lr = 0.05, 0.1
    w_pen, w_wd = np.array([1.0, -2.0, 0.5]), np.array([1.0, -2.0, 0.5])
    data_grad = np.array([0.3, 0.1, -0.2])
    optim.SGD([w_pen], lr=lr).step([data_grad + 2 * lam * w_pen])
    optim.SGD([w_wd], lr=lr, weight_decay=weight_decay_from_lam(lam)).step([data_grad])
    np.testing.assert_array_equal(w_pen, w_wd)


@pytest.mark.parametrize("fn, name", [(weight_decay_from_lam, "lam"),
                                      (lam_from_weight_decay, "weight_decay")])
def test_conversion_errors(fn, name):
    with pytest.raises(ValueError, match=f"{name} must be in the range \\[0, inf\\)"):
        fn(-0.1)
    with pytest.raises(ValueError, match=f"{name} must be a finite number"):
        fn(float("nan"))
    with pytest.raises(TypeError, match=f"{name} must be a real number"):
        fn("0.1")


@pytest.mark.parametrize("lr, wd, expected", [(0.1, 0.0, 1.0), (0.1, 0.5, 0.95), (1e-3, 0.01, 0.99999),
                                              (0.5, 1.0, 0.5)])
def test_decay_factor_values(lr, wd, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert decay_factor(lr, wd) == pytest.approx(expected, rel=1e-15)


def test_decay_factor_is_the_effect_of_pure_decay():
    w = np.array([1.0, -3.0])
    optim.SGD([w], lr=0.2, weight_decay=0.7).step([np.zeros(2)])
    np.testing.assert_allclose(w, np.array([1.0, -3.0]) * decay_factor(0.2, 0.7), rtol=1e-15)


@pytest.mark.parametrize("lr, wd, expected, match", [
    (1.0, 1.0, 0.0, "oscillates"),                           # factor 0: wiped out in one step
    (0.5, 3.0, -0.5, "oscillates"),                          # flips sign each step
    (1.0, 2.5, -1.5, "oscillates and blows up"),
])
def test_decay_factor_warns_outside_zero_one(lr, wd, expected, match):
    with pytest.warns(UnwiseValueWarning, match=match):
        assert decay_factor(lr, wd) == pytest.approx(expected)


def test_decay_factor_errors():
    with pytest.raises(ValueError, match="lr must be in the range \\(0, inf\\)"):
        decay_factor(0.0, 0.1)
    with pytest.raises(ValueError, match="weight_decay must be in the range"):
        decay_factor(0.1, -0.1)
    with pytest.raises(ValueError, match="lr must be a finite number"):
        decay_factor(float("inf"), 0.1)


def steps_to_halve(factor: float) -> int:
    """Simulate pure decay ``w ← factor·w`` from 1 and count the steps until |w| ≤ ½."""
    w, n = 1.0, 0
    while abs(w) > 0.5:
        w *= factor
        n += 1
    return n


@pytest.mark.parametrize("lr, wd", [(0.1, 0.5), (0.01, 0.1), (0.3, 2.0), (0.5, 1.5), (1e-3, 0.05)])
def test_half_life_matches_simulated_decay(lr, wd):
    h = half_life(lr, wd)
    assert steps_to_halve(decay_factor(lr, wd)) == math.ceil(h)
    assert decay_factor(lr, wd) ** h == pytest.approx(0.5, rel=1e-12)


@pytest.mark.parametrize("lr, wd", [(1e-3, 0.01), (1e-2, 0.1), (1e-3, 0.1)])
def test_half_life_small_values_approximation(lr, wd):
    assert half_life(lr, wd) == pytest.approx(0.693 / (lr * wd), rel=2e-3)


def test_half_life_approximation_is_poor_for_large_decay():
    assert half_life(0.5, 1.0) == pytest.approx(1.0)      # factor ½: one step
    assert abs(half_life(0.5, 1.0) - 0.693 / 0.5) > 0.3


def test_half_life_errors():
    with pytest.raises(ValueError, match="half-life needs 0 < 1 − lr·weight_decay < 1, got 1"):
        half_life(0.1, 0.0)                                  # no decay: never halves
    with pytest.warns(UnwiseValueWarning):
        with pytest.raises(ValueError, match="half-life needs"):
            half_life(1.0, 1.5)                              # factor −0.5: oscillates
    with pytest.raises(ValueError, match="lr must be in the range"):
        half_life(-1.0, 0.1)


def test_the_docstrings_decay_step_is_a_gradient_step_on_the_penalized_loss():
    """The module docstring's step, w(1 − η·weight_decay) − η·∇loss with weight_decay from
    weight_decay_from_lam(λ), is a gradient step on loss + λ·Σw², its gradient taken by
    central differences of the penalty's value (no formula shared with the code)."""
    lam, lr, h = 0.05, 0.1, 1e-6
    w, data_grad = np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.1, -0.2])
    value = penalties.l2(lam).value
    fd = np.array([(value(w + h * e) - value(w - h * e)) / (2 * h) for e in np.eye(3)])
    decayed = w * (1 - lr * weight_decay_from_lam(lam)) - lr * data_grad
    np.testing.assert_allclose(decayed, w - lr * (data_grad + fd), rtol=1e-8)


@pytest.mark.parametrize("rule, u, warns", [("factor", 0.99, False), ("factor", 1.0, True),
                                            ("adamw", 0.99, False), ("adamw", 1.0, True),
                                            ("sgd", 1.99, False), ("sgd", 2.0, True)])
def test_warn_decay_thresholds(rule, u, warns):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        conventions.warn_decay(u, 1.0, rule=rule)
    assert [issubclass(w.category, UnwiseValueWarning) for w in caught] == ([True] if warns else [])
    if warns:
        assert f"lr·weight_decay = {u:g}" in str(caught[0].message)


# --- hostile input, found by a fuzz of the public API ----------------------------------------

def test_conversions_raise_instead_of_overflowing():
    # was: inf, and decay_factor -inf after warning about "lr·weight_decay = inf"
    with pytest.raises(OverflowError, match=r"^weight_decay_from_lam: the result overflows.*lam is too large"):
        weight_decay_from_lam(1e308)
    with warnings.catch_warnings():
        warnings.simplefilter("error")               # refused before any warning about it
        with pytest.raises(OverflowError,
                           match=r"^lr·weight_decay overflows float64 \(lr=1e\+200, weight_decay=1e\+200\)"):
            decay_factor(1e200, 1e200)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(lr=np.nan, weight_decay=0.1), ValueError, "lr must be a finite number"),     # was: no warning
    (dict(lr="0.1", weight_decay=0.1), TypeError, "lr must be a real number"),         # was: str * float
    (dict(lr=0.1, weight_decay=-1.0), ValueError, r"weight_decay must be in the range \[0, inf\)"),
    (dict(lr=0.1, weight_decay=0.1, rule="SGD"), ValueError, "rule must be one of 'factor', 'sgd', 'adamw'"),
    (dict(lr=0.1, weight_decay=0.1, stacklevel=0), ValueError, "stacklevel must be an integer >= 1"),
])
def test_warn_decay_checks_its_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        conventions.warn_decay(**kwargs)


def test_half_life_of_a_tiny_decay():
    # was: "use a smaller lr·weight_decay (below 1)" when the factor 1 − 1e-20 rounded to 1
    assert half_life(1e-10, 1e-10) == pytest.approx(math.log(2) / 1e-20)
    assert half_life(1.0, 1e-15) == pytest.approx(math.log(2) / 1e-15, rel=1e-12)   # was 0.08 % off
    with pytest.raises(OverflowError, match=r"^lr·weight_decay = 1e-200·1e-200 is so small that the half-life"):
        half_life(1e-200, 1e-200)


# -- momentum_decay_factor: an idle weight under SGD + momentum, L2 in the buffer ------------

@pytest.mark.parametrize("lr, wd, mu", [(0.01, 0.1, 0.9), (0.1, 0.01, 0.5), (0.05, 0.2, 0.0),
                                        (0.0001, 0.1, 0.99)])
def test_momentum_decay_factor_is_what_torch_style_sgd_does(lr, wd, mu):
    """optim.SGD with ∇loss = 0: the ratio of late steps is the slow root, and the loss per
    step is at least lr·wd/(1 − μ)."""
    w = np.array([1.0])
    opt = optim.SGD([w], lr=lr, momentum=mu, weight_decay=wd)
    for _ in range(3000):
        before = w[0]
        opt.step([np.zeros(1)])
    z = conventions.momentum_decay_factor(lr, wd, mu)
    assert w[0] / before == pytest.approx(z, rel=1e-9)
    assert 1 - z >= lr * wd / (1 - mu) * (1 - 1e-12)


def test_momentum_decay_factor_in_notebook_6s_run():
    z = conventions.momentum_decay_factor(0.01, 0.1, 0.9)
    assert round(1 - z, 4) == 0.0111 and round(0.01 * 0.1 / (1 - 0.9), 4) == 0.01


def test_momentum_decay_factor_refuses_complex_roots_and_bad_momentum():
    with pytest.raises(ValueError, match="complex"):
        conventions.momentum_decay_factor(0.1, 0.1, 0.9)        # 0.01 > (1 − √0.9)² ≈ 0.0026
    with pytest.raises(ValueError, match="momentum"):
        conventions.momentum_decay_factor(0.01, 0.1, 1.0)


# -- Keras 3's weight_decay, in its own order -----------------------------------------------

def keras_sgd(grad, w, lr, weight_decay, momentum, steps):
    """Keras 3's order, as notebook 12's Keras row states it: the gradient at the old w, then
    w ← w − w·wd·lr, then SGD's step (m ← momentum·m − lr·g; w ← w + m). Every iterate."""
    w, m, path = w.copy(), np.zeros_like(w), []
    for _ in range(steps):
        g = grad(w)
        w = w - w * weight_decay * lr
        m = momentum * m - lr * g
        w = w + m
        path.append(w)
    return np.array(path)


def course_sgd(cls, grad, w, lr, weight_decay, momentum, steps):
    w, path = w.copy(), []
    opt = cls([w], lr=lr, weight_decay=weight_decay, momentum=momentum)
    for _ in range(steps):
        opt.step([grad(w)])
        path.append(w.copy())
    return np.array(path)


def test_keras_weight_decay_with_plain_sgd_is_pytorchs_and_with_momentum_sgdw():
    """Notebook 12's Keras row: plain SGD(weight_decay=wd) takes PyTorch's SGD steps (λ = wd/2);
    with momentum μ the steps are optim.SGDW's, not SGD's, and the full-batch end point is
    ridge with λ = (1 − μ)·wd/2 (solved here in closed form)."""
    rng = np.random.default_rng(0)
    A = rng.standard_normal((20, 3))
    G, c = A.T @ A / 20, A.T @ rng.standard_normal(20) / 20
    grad = lambda w: 2 * (G @ w - c)                   # noqa: E731  the MSE's gradient
    w0, lr, wd = rng.standard_normal(3), 0.05, 0.3
    plain = keras_sgd(grad, w0, lr, wd, 0.0, 2000)
    np.testing.assert_allclose(plain, course_sgd(optim.SGD, grad, w0, lr, wd, 0.0, 2000), rtol=1e-12)
    lam = conventions.lam_from_weight_decay(wd)
    np.testing.assert_allclose(plain[-1], np.linalg.solve(G + lam * np.eye(3), c), rtol=1e-8)
    mu = 0.9
    heavy = keras_sgd(grad, w0, lr, wd, mu, 3000)
    np.testing.assert_allclose(heavy, course_sgd(optim.SGDW, grad, w0, lr, wd, mu, 3000), rtol=1e-10)
    coupled = course_sgd(optim.SGD, grad, w0, lr, wd, mu, 3000)
    assert np.abs(heavy - coupled).max() > 1e-2
    lam_mu = (1 - mu) * wd / 2
    np.testing.assert_allclose(heavy[-1], np.linalg.solve(G + lam_mu * np.eye(3), c), rtol=1e-8)
    row = next(line for line in (ROOT / "notebooks_src" / "12_conventions.py").read_text().splitlines()
               if line.startswith("# | Keras 3 optimizers'"))
    for said in ("PyTorch's `SGD(weight_decay=wd)` step, so wd = 2λ", "the course's `optim.SGDW`",
                 "where λ = (1 − μ)·wd/2", "adaptive optimizers: as PyTorch's AdamW, no λ matches"):
        assert said in row, said
