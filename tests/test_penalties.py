"""Tests for lessons_lib.penalties: values, (sub)gradients, prox operators, errors."""
import numpy as np
import pytest

from lessons_lib.penalties import (
    Penalty,
    elastic_net,
    is_penalized,
    l1,
    l2,
    make_penalty,
    soft_threshold,
)

W = np.array([3.0, -2.0, 0.0, 0.5])


def all_penalties(lam):
    """One penalty of each kind with strength ``lam``."""
    return [l2(lam), l1(lam), elastic_net(lam, 0.3)]


def central_diff(f, w, h=1e-6):
    g = np.zeros_like(w)
    for i in range(w.size):
        e = np.zeros_like(w)
        e.flat[i] = h
        g.flat[i] = (f(w + e) - f(w - e)) / (2 * h)
    return g


# --- values and gradients on known numbers ---------------------------------------------

def test_l2_value_and_grad_known_numbers():
    pen = l2(0.5)
    assert pen.value(W) == pytest.approx(0.5 * (9 + 4 + 0 + 0.25))
    # no ½ in the course's L2 penalty: gradient 2λw (= w here, since λ = 0.5)
    np.testing.assert_allclose(pen.grad(W), 2 * 0.5 * W)
    np.testing.assert_allclose(l2(0.1).grad(W), [0.6, -0.4, 0.0, 0.1])


def test_l1_value_and_subgradient_known_numbers():
    pen = l1(0.5)
    assert pen.value(W) == pytest.approx(0.5 * (3 + 2 + 0 + 0.5))
    np.testing.assert_array_equal(pen.grad(W), [0.5, -0.5, 0.0, 0.5])   # 0 at w = 0


def test_elastic_net_value_and_grad_known_numbers():
    pen = elastic_net(0.5, l1_ratio=0.3)
    expected = 0.5 * (0.3 * 5.5 + 0.7 * 13.25)
    assert pen.value(W) == pytest.approx(expected)
    np.testing.assert_allclose(pen.grad(W), 0.5 * (0.3 * np.sign(W) + 2 * 0.7 * W))


def test_value_is_a_python_float_for_scalar_lam():
    for pen in all_penalties(0.2):
        assert type(pen.value(W)) is float


def test_elastic_net_endpoints_are_l1_and_l2():
    rng = np.random.default_rng(0)
    w = rng.standard_normal(7)
    for ratio, pure in [(1.0, l1(0.7)), (0.0, l2(0.7))]:
        en = elastic_net(0.7, ratio)
        assert en.value(w) == pytest.approx(pure.value(w))
        np.testing.assert_allclose(en.grad(w), pure.grad(w))
        np.testing.assert_allclose(en.prox(w, 0.3), pure.prox(w, 0.3))


def test_make_penalty_matches_factories():
    rng = np.random.default_rng(1)
    w = rng.standard_normal(5)
    pairs = [(make_penalty("l2", 0.4), l2(0.4)), (make_penalty("l1", 0.4), l1(0.4)),
             (make_penalty("elastic_net", 0.4, 0.2), elastic_net(0.4, 0.2))]
    for made, direct in pairs:
        assert made == direct
        assert made.value(w) == pytest.approx(direct.value(w))


def test_lam_zero_is_no_penalty():
    rng = np.random.default_rng(2)
    w = rng.standard_normal(6)
    for pen in all_penalties(0.0):
        assert pen.value(w) == 0.0
        np.testing.assert_array_equal(pen.grad(w), 0.0)
        np.testing.assert_array_equal(pen.prox(w, 1.0), w)


@pytest.mark.parametrize("make", [lambda: l2(0.3), lambda: l1(0.3), lambda: elastic_net(0.3, 0.6)])
def test_grad_matches_central_differences_away_from_kinks(make):
    pen = make()
    rng = np.random.default_rng(3)
    w = rng.standard_normal((4, 3))
    w = np.where(np.abs(w) < 0.1, 0.5, w)      # stay away from the kink of |w| at 0
    np.testing.assert_allclose(pen.grad(w), central_diff(pen.value, w), rtol=1e-7, atol=1e-8)


# --- prox operators --------------------------------------------------------------------

def test_l2_prox_formula():
    w = np.array([2.0, -1.0, 0.0])
    np.testing.assert_allclose(l2(0.5).prox(w, step=0.2), w / (1 + 2 * 0.2 * 0.5))


def test_l1_prox_is_soft_threshold_docstring_example():
    out = l1(0.5).prox(np.array([2.0, -0.3]), step=1.0)
    np.testing.assert_array_equal(out, [1.5, 0.0])


@pytest.mark.parametrize("lam, step", [(0.5, 1.0), (2.0, 0.1), (0.05, 3.0)])
def test_prox_satisfies_optimality_condition(lam, step):
    """v = prox(w) iff 0 ∈ v − w + step·λ·(ρ·∂|v| + 2(1−ρ)v)."""
    rng = np.random.default_rng(4)
    w = rng.uniform(-3, 3, 400)
    for pen, rho in [(l2(lam), 0.0), (l1(lam), 1.0), (elastic_net(lam, 0.3), 0.3)]:
        v = pen.prox(w, step)
        t = step * lam
        nz = v != 0
        resid = v[nz] - w[nz] + t * (rho * np.sign(v[nz]) + 2 * (1 - rho) * v[nz])
        np.testing.assert_allclose(resid, 0.0, atol=1e-12)
        # at v = 0 the subdifferential of |v| is [-1, 1]: the condition is |w| ≤ step·λ·ρ
        assert np.all(np.abs(w[~nz]) <= t * rho + 1e-12)
        # the prox never moves a weight across zero
        assert np.all(np.sign(v) * np.sign(w) >= 0)
    # L1 and elastic net do zero out small weights; the grid above includes some
    assert np.any(l1(lam).prox(w, step) == 0)


@pytest.mark.parametrize("w0", [-2.3, -0.4, 0.0, 0.15, 0.9, 2.7])
def test_prox_matches_brute_force_scalar_minimisation(w0):
    grid = np.linspace(-4.0, 4.0, 800_001)          # spacing 1e-5
    step = 0.5
    lam = 0.8
    for pen, rho in [(l2(lam), 0.0), (l1(lam), 1.0), (elastic_net(lam, 0.4), 0.4)]:
        objective = 0.5 * (grid - w0) ** 2 + step * lam * (
            rho * np.abs(grid) + (1 - rho) * grid**2)
        best = grid[np.argmin(objective)]
        assert pen.prox(np.array([w0]), step)[0] == pytest.approx(best, abs=2e-5)


def test_soft_threshold_gives_exact_zeros():
    w = np.array([-1.0, -0.5, -0.3, 0.0, 0.2, 0.5, 0.7])
    out = soft_threshold(w, 0.5)
    np.testing.assert_allclose(out, [-0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2])
    assert np.count_nonzero(out) == 2            # exact zeros, not 1e-17
    assert np.all(out[1:6] == 0.0)


def test_l1_prox_sparsifies_exactly():
    rng = np.random.default_rng(5)
    w = rng.standard_normal(1000)
    v = l1(1.0).prox(w, step=0.5)
    assert np.count_nonzero(v) == np.count_nonzero(np.abs(w) > 0.5)


# --- a grid of λ values, one per model along a leading axis ------------------------------

LAMS = np.array([0.0, 0.1, 1.0, 3.0])


@pytest.mark.parametrize("kind", ["l2", "l1", "elastic_net"])
def test_array_lam_broadcasts_per_model(kind):
    rng = np.random.default_rng(6)
    w = rng.standard_normal((4, 5))               # K = 4 models, 5 weights each
    pen = make_penalty(kind, LAMS[:, None], 0.3)
    values = pen.value(w)
    assert values.shape == (4,)
    grads, proxes = pen.grad(w), pen.prox(w, 0.2)
    assert grads.shape == proxes.shape == (4, 5)
    for k, lam in enumerate(LAMS):
        single = make_penalty(kind, float(lam), 0.3)
        assert values[k] == pytest.approx(single.value(w[k]))
        np.testing.assert_allclose(grads[k], single.grad(w[k]))
        np.testing.assert_allclose(proxes[k], single.prox(w[k], 0.2))


def test_array_lam_with_matrix_weights_and_shared_weights():
    rng = np.random.default_rng(7)
    w = rng.standard_normal((4, 3, 2))            # K = 4 models with a (3, 2) weight matrix
    pen = l2(LAMS[:, None, None])
    np.testing.assert_allclose(pen.value(w), LAMS * np.sum(w**2, axis=(1, 2)))
    shared = rng.standard_normal(5)               # one weight vector, K strengths
    np.testing.assert_allclose(l1(LAMS[:, None]).value(shared), LAMS * np.abs(shared).sum())


# --- errors ----------------------------------------------------------------------------

@pytest.mark.parametrize("factory", [l2, l1, elastic_net])
def test_negative_lam_is_rejected(factory):
    with pytest.raises(ValueError, match=r"lam must be in the range \[0, inf.*got -0.1.*lam=0"):
        factory(-0.1)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_inf_lam_is_rejected(bad):
    with pytest.raises(ValueError, match="lam must be a finite number"):
        l2(bad)


def test_non_numeric_lam_is_rejected():
    with pytest.raises(TypeError, match="lam must be a real number"):
        l1("0.1")


@pytest.mark.parametrize("bad", [[0.1, -0.2], [0.1, np.nan]])
def test_bad_array_lam_is_rejected(bad):
    with pytest.raises(ValueError, match="every lam must be a finite number >= 0"):
        l1(np.array(bad)[:, None])


def test_unknown_penalty_name():
    with pytest.raises(ValueError, match="penalty must be one of 'l2', 'l1', 'elastic_net'"):
        make_penalty("ridge", 0.1)


@pytest.mark.parametrize("ratio", [-0.1, 1.5, np.nan])
def test_l1_ratio_outside_unit_interval(ratio):
    with pytest.raises(ValueError, match="l1_ratio must be"):
        elastic_net(0.1, ratio)
    with pytest.raises(ValueError, match="l1_ratio must be"):
        make_penalty("elastic_net", 0.1, ratio)


@pytest.mark.parametrize("step", [0.0, -0.5, np.nan])
def test_prox_step_must_be_positive(step):
    for pen in all_penalties(0.1):
        with pytest.raises(ValueError, match="step must be"):
            pen.prox(W, step)


def test_penalty_is_immutable():
    pen = l2(0.1)
    assert isinstance(pen, Penalty)
    with pytest.raises(AttributeError):
        pen.lam = 0.2


# --- Thresholds, self-validating Penalty, as_penalty ------------------------------------------

@pytest.mark.parametrize("t", [-1.0, -1e-300, np.nan, np.inf])
def test_soft_threshold_refuses_a_bad_threshold(t):
    with pytest.raises(ValueError, match="t must be"):
        soft_threshold(W, t)


def test_soft_threshold_refuses_negative_array_thresholds():
    with pytest.raises(ValueError, match="every t must be a finite number >= 0, got -0.1. The threshold is step·λ"):
        soft_threshold(W, np.array([0.1, -0.1, 0.1, 0.1]))


def test_soft_threshold_refuses_complex_weights():
    with pytest.raises(TypeError, match="w has complex values"):
        soft_threshold(W + 1j, 0.1)


@pytest.mark.parametrize("args, error, match", [
    (("l3", 0.1), ValueError, "penalty must be one of"),
    (("l2", -1.0), ValueError, r"lam must be in the range \[0, inf\)"),
    (("elastic_net", 0.1, 1.5), ValueError, r"l1_ratio must be in the range \[0, 1\]"),
    (("l2", 0.1 + 1j), TypeError, "lam must be a real number"),
])
def test_penalty_validates_itself(args, error, match):
    with pytest.raises(error, match=match):
        Penalty(*args)


def test_l1_ratio_is_checked_even_when_unused():
    with pytest.raises(ValueError, match="l1_ratio must be in the range"):
        make_penalty("l2", 0.1, l1_ratio=2.0)


def test_as_penalty_spellings():
    from lessons_lib.penalties import as_penalty
    assert as_penalty("l1", 0.5) == l1(0.5)
    assert as_penalty(l1(0.5)) == l1(0.5)
    assert as_penalty(None, allow_none=True) is None
    assert as_penalty("elastic_net", 0.5, 0.2) == elastic_net(0.5, 0.2)
    with pytest.raises(TypeError, match="penalty is required"):
        as_penalty(None)
    with pytest.raises(TypeError, match="needs a strength"):
        as_penalty("l1")
    with pytest.raises(ValueError, match="already holds its lam"):
        as_penalty(l1(0.5), 0.5)
    with pytest.raises(TypeError, match="a Penalty object is already made"):
        make_penalty(l1(0.5), 0.5)


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("name", [None, 3, ["fc1.weight"], b"bias"])
def test_is_penalized_names_a_bad_name(name):
    # was: AttributeError: 'NoneType' object has no attribute 'endswith'
    with pytest.raises(TypeError, match=r"^name must be a parameter's name as a str, such as 'fc1.weight'"):
        is_penalized(name)
    with pytest.raises(ValueError, match="name is empty"):
        is_penalized("")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("method", ["value", "grad"])
def test_value_and_grad_refuse_non_finite_weights(method, bad):
    # was: nan (or inf) returned silently
    for pen in all_penalties(0.1):
        with pytest.raises(ValueError, match=r"^w contains NaN or infinite values"):
            getattr(pen, method)(np.array([1.0, bad]))
        with pytest.raises(ValueError, match=r"^w contains NaN"):
            pen.prox(np.array([1.0, bad]), 0.1)


@pytest.mark.parametrize("w, error, match", [
    (None, TypeError, "w is None"), ("abc", TypeError, "w must be array-like"), ([], ValueError, "w is empty"),
    (np.array([True, False]), TypeError, "w holds True/False"), (np.ones(2) + 1j, TypeError, "w has complex"),
])
def test_value_grad_prox_name_bad_weights(w, error, match):
    pen = l2(0.1)
    for call in (pen.value, pen.grad, lambda w: pen.prox(w, 0.1), lambda w: soft_threshold(w, 0.1)):
        with pytest.raises(error, match=match):
            call(w)


def test_value_and_grad_raise_instead_of_overflowing():
    # was: inf, with a RuntimeWarning at most
    with pytest.raises(OverflowError, match=r"^value: the result overflows float64.*Rescale w, or lower lam"):
        l2(1.0).value(np.array([1e200, 1.0]))
    with pytest.raises(OverflowError, match=r"^grad: the result overflows.*lower lam"):
        l2(1e200).grad(np.array([1e200]))
    with pytest.raises(OverflowError, match=r"^prox: the result overflows.*step·lam is too large"):
        l1(1e300).prox(np.array([1.0]), 1e300)
    assert l1(1e300).value(np.array([1e5])) == pytest.approx(1e305)    # large but finite: fine


@pytest.mark.parametrize("lam", [np.array([True, False]), [True, 0.5], np.array([[True], [False]])])
def test_boolean_lam_arrays_are_refused(lam):
    # was: Penalty(lam=array([1., 0.])), the booleans read as numbers
    for factory in (l2, l1, elastic_net):
        with pytest.raises(TypeError, match=r"^lam holds True/False where numbers are expected"):
            factory(lam)


def test_array_lam_must_broadcast_against_w():
    with pytest.raises(ValueError,
                       match=r"^lam has shape \(3, 1\), which does not broadcast against w of shape \(2, 4\)"):
        l2(np.array([[0.1], [0.2], [0.3]])).value(np.ones((2, 4)))
    with pytest.raises(ValueError, match=r"^step has shape \(3,\).*w of shape \(4,\)"):
        l1(0.1).prox(np.ones(4), np.array([0.1, 0.2, 0.3]))
    with pytest.raises(TypeError, match=r"^step holds True/False"):
        l1(0.1).prox(np.ones(4), np.array([True]))
