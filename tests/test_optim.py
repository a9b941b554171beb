"""Tests for lessons_lib.optim: hand-worked steps, agreement with torch.optim, groups, errors."""
import importlib.util
import math
import warnings
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import optim
from lessons_lib._validate import UnwiseValueWarning
from lessons_lib.optim import SGD, Adam, AdamW, decay_groups

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("make_torch_reference", HERE / "make_torch_reference.py")
ref = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ref)            # numpy only: torch is imported inside its functions


# --- 1. Steps worked out by hand -------------------------------------------------------------

def test_sgd_plain_and_weight_decay_step():
    w = np.array([1.0, -2.0])
    g = np.array([0.5, 1.0])
    SGD([w], lr=0.1).step([g])
    np.testing.assert_allclose(w, [1.0 - 0.1 * 0.5, -2.0 - 0.1 * 1.0], rtol=0, atol=1e-15)

    w = np.array([1.0, -2.0])
    SGD([w], lr=0.1, weight_decay=0.4).step([g])            # g + 0.4·w = [0.9, 0.2]
    np.testing.assert_allclose(w, [1.0 - 0.1 * 0.9, -2.0 - 0.1 * 0.2], rtol=0, atol=1e-15)


def test_sgd_momentum_first_step_uses_g_undampened_then_dampens():
    lr, mu, d = 0.1, 0.9, 0.5
    w0 = np.array([1.0, -2.0])
    g1, g2 = np.array([0.5, 1.0]), np.array([-1.0, 2.0])
    w = w0.copy()
    opt = SGD([w], lr=lr, momentum=mu, dampening=d)
    opt.step([g1])
    np.testing.assert_allclose(opt.state[id(w)]["momentum_buffer"], g1, rtol=0, atol=0)  # buf = g, no (1 − d)
    np.testing.assert_allclose(w, w0 - lr * g1, rtol=1e-15)
    opt.step([g2])
    buf = mu * g1 + (1 - d) * g2
    np.testing.assert_allclose(opt.state[id(w)]["momentum_buffer"], buf, rtol=1e-15)
    np.testing.assert_allclose(w, w0 - lr * g1 - lr * buf, rtol=1e-15)


def test_sgd_momentum_buffer_is_a_copy_of_the_gradient():
    w, g = np.zeros(2), np.ones(2)
    opt = SGD([w], lr=0.1, momentum=0.9)
    opt.step([g])
    g[:] = 100.0                                            # the caller reuses its array
    assert np.all(opt.state[id(w)]["momentum_buffer"] == 1.0)


def test_sgd_nesterov_two_steps():
    lr, mu = 0.1, 0.9
    w0, g1, g2 = np.array([2.0]), np.array([1.0]), np.array([3.0])
    w = w0.copy()
    opt = SGD([w], lr=lr, momentum=mu, nesterov=True)
    opt.step([g1])                                          # buf = g1; step along g1 + μ·g1
    np.testing.assert_allclose(w, w0 - lr * (g1 + mu * g1), rtol=1e-15)
    opt.step([g2])                                          # buf = μ·g1 + g2; step along g2 + μ·buf
    np.testing.assert_allclose(w, w0 - lr * (1 + mu) * g1 - lr * (g2 + mu * (mu * g1 + g2)), rtol=1e-15)


def test_adam_first_step_is_lr_times_g_over_abs_g_plus_eps():
    lr, eps = 0.1, 1e-8
    w0, g = np.array([1.0, -2.0, 0.5]), np.array([3.0, -0.5, 1e-9])
    w = w0.copy()
    opt = Adam([w], lr=lr, eps=eps)
    opt.step([g])
    # m = 0.1·g, v = 0.001·g², bias corrections 0.1 and 0.001: denom = |g| + eps.
    np.testing.assert_allclose(w, w0 - lr * g / (np.abs(g) + eps), rtol=1e-14)
    st = opt.state[id(w)]
    assert st["step"] == 1
    np.testing.assert_allclose(st["exp_avg"], 0.1 * g, rtol=1e-15)
    np.testing.assert_allclose(st["exp_avg_sq"], 0.001 * g * g, rtol=1e-14)


def test_adam_two_steps_with_l2_match_formula():
    lr, b1, b2, eps, wd = 0.01, 0.8, 0.9, 1e-3, 0.5
    w0 = np.array([1.0, -2.0])
    g1, g2 = np.array([0.3, 0.1]), np.array([-0.2, 0.4])
    # Written out: the L2 term enters g, hence m and v.
    w, m, v = w0.copy(), np.zeros(2), np.zeros(2)
    for t, g in ((1, g1), (2, g2)):
        g = g + wd * w
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr / (1 - b1 ** t) * m / (np.sqrt(v) / math.sqrt(1 - b2 ** t) + eps)
    p = w0.copy()
    opt = Adam([p], lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd)
    opt.step([g1])
    opt.step([g2])
    np.testing.assert_allclose(p, w, rtol=1e-14)
    np.testing.assert_allclose(opt.state[id(p)]["exp_avg"], m, rtol=1e-14)
    assert opt.state[id(p)]["step"] == 2


def test_adamw_decays_weights_and_leaves_gradient_alone():
    lr, b1, b2, eps, wd = 0.01, 0.9, 0.999, 1e-8, 0.5
    w0, g1, g2 = np.array([1.0, -2.0]), np.array([0.3, 0.1]), np.array([-0.2, 0.4])
    w, m, v = w0.copy(), np.zeros(2), np.zeros(2)
    for t, g in ((1, g1), (2, g2)):
        w = w * (1 - lr * wd)                               # decay first, g untouched
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        w = w - lr / (1 - b1 ** t) * m / (np.sqrt(v) / math.sqrt(1 - b2 ** t) + eps)
    p = w0.copy()
    opt = AdamW([p], lr=lr, weight_decay=wd)
    opt.step([g1])
    np.testing.assert_allclose(opt.state[id(p)]["exp_avg"], (1 - b1) * g1, rtol=1e-15)  # no wd·w in m
    opt.step([g2])
    np.testing.assert_allclose(p, w, rtol=1e-14)


def test_decoupled_vs_coupled_decay_with_zero_gradient():
    # With g = 0, AdamW only shrinks: w·(1 − lr·wd)ᵗ. Adam's L2 term is normalised by √v,
    # so each weight moves by about lr whatever its size (the decay is not proportional).
    lr, wd = 0.01, 0.5
    w0 = np.array([4.0, -0.5])
    w = w0.copy()
    opt = AdamW([w], lr=lr, weight_decay=wd)
    for _ in range(3):
        opt.step([np.zeros(2)])
    np.testing.assert_allclose(w, w0 * (1 - lr * wd) ** 3, rtol=1e-14)
    w = w0.copy()
    Adam([w], lr=lr, weight_decay=wd).step([np.zeros(2)])
    np.testing.assert_allclose(w0 - w, lr * np.sign(w0), rtol=1e-6)


def test_amsgrad_uses_running_max_of_second_moment():
    lr, b1, b2, eps = 0.1, 0.9, 0.5, 1e-8
    w0, g1, g2 = np.array([1.0]), np.array([4.0]), np.array([0.1])
    p = w0.copy()
    opt = Adam([p], lr=lr, betas=(b1, b2), eps=eps, amsgrad=True)
    opt.step([g1])
    w1 = p.copy()
    opt.step([g2])
    st = opt.state[id(p)]
    v1 = (1 - b2) * g1 ** 2
    v2 = b2 * v1 + (1 - b2) * g2 ** 2                       # smaller than v1: the max keeps v1
    np.testing.assert_allclose(st["exp_avg_sq"], v2, rtol=1e-15)
    np.testing.assert_allclose(st["max_exp_avg_sq"], v1, rtol=1e-15)
    m2 = b1 * (1 - b1) * g1 + (1 - b1) * g2
    expected = w1 - lr / (1 - b1 ** 2) * m2 / (np.sqrt(v1) / math.sqrt(1 - b2 ** 2) + eps)
    np.testing.assert_allclose(p, expected, rtol=1e-14)


def test_sgd_state_has_no_buffer_without_momentum():
    w = np.ones(2)
    opt = SGD([w], lr=0.1)
    opt.step([np.ones(2)])
    assert opt.state[id(w)] == {}


# --- 2. Agreement with torch.optim (float64, hundreds of steps) ------------------------------

def run_numpy(name: str, problem: dict) -> dict[str, np.ndarray]:
    """The numpy twin of ``ref.run_torch``: same problem, same gradients, our optimizers."""
    config = ref.CONFIGS[name]
    opt_name, options, _, batched = config
    params = ref.initial_params(problem, batched)
    opt = getattr(optim, opt_name)(ref.build_params(config, params), **options)
    names = ref.param_names(config)
    snaps = {n: [] for n in params}
    for t in range(1, ref.STEPS + 1):
        grads = ref.gradient(params, problem["X"], problem["y"])
        opt.step([grads[n] for n in names])
        if t in ref.SNAPSHOTS:
            for n, p in params.items():
                snaps[n].append(p.copy())
    if options.get("amsgrad"):              # the running max must have mattered somewhere
        st = opt.state[id(params["weight"])]
        assert np.any(st["max_exp_avg_sq"] > st["exp_avg_sq"])
    return {n: np.stack(s) for n, s in snaps.items()}


def max_rel_dev(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)))


@pytest.fixture(scope="module")
def reference():
    with np.load(HERE / "data" / "torch_reference.npz") as data:
        return {k: data[k] for k in data.files}


def test_reference_file_is_complete(reference):
    assert str(reference["torch_version"]).startswith("2.")
    for name in ref.CONFIGS:
        assert reference[f"{name}/weight"].shape[0] == len(ref.SNAPSHOTS)


@pytest.mark.parametrize("name", list(ref.CONFIGS))
def test_matches_saved_torch_trajectory(reference, name):
    problem = {k: reference[k] for k in ("X", "y", "weight", "bias")}
    ours = run_numpy(name, problem)
    for n, snaps in ours.items():
        theirs = reference[f"{name}/{n}"]
        assert snaps.shape == theirs.shape
        assert not np.allclose(theirs[-1], ref.initial_params(problem, ref.CONFIGS[name][3])[n])  # it moved
        assert max_rel_dev(snaps, theirs) < 1e-9, (name, n, max_rel_dev(snaps, theirs))


@pytest.mark.parametrize("name", ["sgd_groups", "sgd_nesterov", "adam_amsgrad", "adamw_groups"])
def test_matches_live_torch(name):
    pytest.importorskip("torch")
    problem = ref.make_problem()
    ours, theirs = run_numpy(name, problem), ref.run_torch(name, problem)
    for n in ours:
        assert max_rel_dev(ours[n], theirs[n]) < 1e-9, (name, n)


# --- 3. Parameter groups and decay_groups ----------------------------------------------------

def test_param_groups_are_filled_from_defaults_and_overrides_honoured():
    a, b = np.ones(2), np.ones(2)
    opt = SGD([{"params": [a]}, {"params": [b], "lr": 0.5, "weight_decay": 1.0}], lr=0.1, momentum=0.0)
    assert opt.param_groups[0] == {"params": [a], "lr": 0.1, "momentum": 0.0, "dampening": 0.0,
                                   "weight_decay": 0.0, "nesterov": False}
    assert opt.param_groups[1]["lr"] == 0.5 and opt.param_groups[1]["weight_decay"] == 1.0
    opt.step([np.ones(2), np.ones(2)])
    np.testing.assert_allclose(a, 1 - 0.1 * 1.0)
    np.testing.assert_allclose(b, 1 - 0.5 * (1.0 + 1.0 * 1.0))


def test_adamw_group_without_decay_is_not_decayed():
    w, bias = np.full(2, 3.0), np.full(2, 3.0)
    opt = AdamW([{"params": [w]}, {"params": [bias], "weight_decay": 0.0}], lr=0.1, weight_decay=0.5)
    opt.step([np.zeros(2), np.zeros(2)])
    np.testing.assert_allclose(w, 3.0 * (1 - 0.1 * 0.5))
    np.testing.assert_array_equal(bias, 3.0)


def test_decay_groups_splits_by_name():
    W1, b1, W2, b2 = np.ones((2, 3)), np.ones(3), np.ones((3, 1)), np.ones(1)
    groups = decay_groups([("fc1.weight", W1), ("fc1.bias", b1), ("fc2.weight", W2), ("fc2.bias", b2)], 0.1)
    assert len(groups) == 2
    assert groups[0]["weight_decay"] == 0.1 and groups[1]["weight_decay"] == 0.0
    assert [id(p) for p in groups[0]["params"]] == [id(W1), id(W2)]
    assert [id(p) for p in groups[1]["params"]] == [id(b1), id(b2)]
    only_weights = decay_groups([("weight", W1)], 0.1)
    assert len(only_weights) == 1 and only_weights[0]["params"][0] is W1


def test_decay_groups_with_a_model_and_an_optimizer():
    models = pytest.importorskip("lessons_lib.models")
    model = models.MLP((2, 4, 1), seed=0)
    groups = decay_groups(model.named_parameters(), weight_decay=0.2)
    opt = SGD(groups, lr=0.5)
    before = model.get_params()
    with pytest.raises(ValueError, match="shape"):          # a plain list goes in group order
        opt.step([np.zeros_like(p) for p in model.parameters()])
    # Gradients in model order, tied to their parameters, as loss_and_grads returns them:
    opt.step(optim.Gradients(model.parameters(), [np.zeros_like(p) for p in model.parameters()]))
    for (name, p), p0 in zip(model.named_parameters(), before):
        factor = 1.0 if name.endswith("bias") else 1 - 0.5 * 0.2
        np.testing.assert_allclose(p, p0 * factor)


# --- 3b. The module docstring's recipe on an MLP, against torch.optim and autograd -----------

def run_recipe(name: str, problem: dict) -> dict[str, np.ndarray]:
    """The recipe of optim's docstring, typed as written, on the reference MLP."""
    from lessons_lib import models

    opt_name, options = ref.MLP_CONFIGS[name]
    model = models.MLP(ref.MLP_SIZES, activation="tanh", seed=0)
    model.set_params([problem[n] for n in ref.mlp_names()])
    opt = getattr(optim, opt_name)(decay_groups(model.named_parameters(),
                                                weight_decay=ref.MLP_WEIGHT_DECAY), **options)
    X, y = problem["X"], problem["y"]
    snaps = {n: [] for n in ref.mlp_names()}
    for t in range(1, ref.STEPS + 1):
        loss, grads = model.loss_and_grads(X, y)
        opt.step(grads)
        if t in ref.SNAPSHOTS:
            for n, p in model.named_parameters():
                snaps[n].append(p.copy())
    return {n: np.stack(s) for n, s in snaps.items()}


@pytest.mark.parametrize("name", list(ref.MLP_CONFIGS))
def test_recipe_on_an_mlp_matches_saved_torch(reference, name):
    problem = {k.removeprefix("mlp/"): v for k, v in reference.items() if k.startswith("mlp/")}
    ours = run_recipe(name, problem)
    for n in ref.mlp_names():
        theirs = reference[f"{name}/{n}"]
        assert not np.allclose(theirs[-1], problem[n])                # it moved
        assert max_rel_dev(ours[n], theirs) < 1e-9, (name, n, max_rel_dev(ours[n], theirs))


@pytest.mark.parametrize("name", list(ref.MLP_CONFIGS))
def test_recipe_on_an_mlp_matches_live_torch(name):
    pytest.importorskip("torch")
    problem = ref.make_mlp_problem()
    ours, theirs = run_recipe(name, problem), ref.run_torch_mlp(name, problem)
    for n in ref.mlp_names():
        assert max_rel_dev(ours[n], theirs[n]) < 1e-9, (name, n)


def test_recipe_breaks_if_gradients_are_paired_by_position():
    """The mistake the identity match prevents: model-order gradients fed in group order."""
    from lessons_lib import models

    problem = ref.make_mlp_problem()
    model = models.MLP((3, 8, 8, 1), seed=0)
    model.set_params([problem[n] for n in ref.mlp_names()])
    opt = SGD(decay_groups(model.named_parameters(), weight_decay=0.1), lr=0.05)
    _, grads = model.loss_and_grads(problem["X"], problem["y"])
    with pytest.raises(ValueError, match="shape"):
        opt.step(list(grads))                      # a plain list loses the pairing: refused


def test_step_errors_name_the_mismatch():
    from lessons_lib import models

    X, y = np.ones((4, 2)), np.zeros(4)
    model, other = models.MLP((2, 3, 1), seed=0), models.MLP((2, 3, 1), seed=1)
    opt = Adam(decay_groups(model.named_parameters(), weight_decay=0.1))
    with pytest.raises(ValueError, match="does not hold"):
        opt.step(other.loss_and_grads(X, y)[1])
    weights_only = SGD([model.fc1_weight, model.fc2_weight], lr=0.1)
    with pytest.raises(ValueError, match="does not hold"):
        weights_only.step(model.loss_and_grads(X, y)[1])
    bigger = SGD(model.parameters() + [np.zeros(3)], lr=0.1)
    with pytest.raises(ValueError, match="no gradient for parameter 4"):
        bigger.step(model.loss_and_grads(X, y)[1])
    for bad in (None, np.zeros(3), {"w": np.zeros(3)}, 1.0):
        with pytest.raises(TypeError, match="loss_and_grads"):
            opt.step(bad)
    with pytest.raises(ValueError, match="one gradient per parameter"):
        optim.Gradients([np.zeros(2)], [])


def test_decay_groups_rejects_unnamed_parameters():
    with pytest.raises(TypeError, match="named_parameters"):
        decay_groups([np.ones(2), np.ones(2)], 0.1)
    with pytest.raises(ValueError, match="weight_decay"):
        decay_groups([("weight", np.ones(2))], -1.0)


# --- 4. Bad input: errors and warnings -------------------------------------------------------

@pytest.mark.parametrize("lr", [0.0, -0.1, float("nan"), float("inf")])
def test_bad_lr(lr):
    for cls in (SGD, Adam, AdamW):
        with pytest.raises(ValueError, match=r"lr .*positive lr"):
            cls([np.ones(2)], lr=lr)


def test_bad_lr_type_and_missing_sgd_lr():
    with pytest.raises(TypeError, match="lr must be a real number"):
        SGD([np.ones(2)], lr="0.1")
    with pytest.raises(TypeError, match="lr"):
        SGD([np.ones(2)])                                   # required, as in torch


@pytest.mark.parametrize("betas, match", [((1.0, 0.999), r"betas\[0\]"), ((0.9, -0.1), r"betas\[1\]"),
                                          ((0.9,), "pair"), (0.9, "pair")])
def test_bad_betas(betas, match):
    with pytest.raises(ValueError, match=match):
        Adam([np.ones(2)], betas=betas)


@pytest.mark.parametrize("kwargs, match", [
    (dict(eps=0.0), "eps"), (dict(weight_decay=-0.1), "weight_decay"),
    (dict(weight_decay=float("nan")), "weight_decay"), (dict(amsgrad=1), "amsgrad")])
def test_bad_adam_options(kwargs, match):
    for cls in (Adam, AdamW):
        with pytest.raises((ValueError, TypeError), match=match):
            cls([np.ones(2)], **kwargs)


@pytest.mark.parametrize("kwargs, match", [
    (dict(momentum=-0.1), "momentum"), (dict(weight_decay=-1.0), "weight_decay"),
    (dict(dampening=1.5), "dampening"), (dict(nesterov=True), "Nesterov momentum requires"),
    (dict(nesterov=True, momentum=0.9, dampening=0.1), "zero dampening")])
def test_bad_sgd_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SGD([np.ones(2)], lr=0.1, **kwargs)


def test_group_options_are_validated_too():
    with pytest.raises(ValueError, match="lr"):
        SGD([{"params": [np.ones(2)], "lr": -1.0}], lr=0.1)
    with pytest.raises(ValueError, match="unknown option"):
        Adam([{"params": [np.ones(2)], "weight_dacay": 0.1}])
    with pytest.raises(ValueError, match="no 'params' key"):
        Adam([{"weight_decay": 0.1}])


@pytest.mark.parametrize("params, err, match", [
    (np.ones(3), TypeError, r"wrap it in a list"),
    ([[1.0, 2.0]], TypeError, r"np\.asarray\(p, dtype=float\)"),
    ([np.arange(3)], TypeError, r"dtype int64.*np\.asarray"),
    ([], ValueError, "empty parameter list"),
    ([np.ones(2), {"params": [np.ones(2)]}], TypeError, "mixes arrays"),
    ([np.array([1.0, np.nan])], ValueError, "NaN"),
    (5, TypeError, "list of arrays"),
])
def test_bad_params(params, err, match):
    with pytest.raises(err, match=match):
        SGD(params, lr=0.1)


def test_read_only_and_duplicate_params():
    ro = np.ones(2)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        Adam([ro])
    w = np.ones(2)
    with pytest.raises(ValueError, match="already given"):
        Adam([w, w])
    with pytest.raises(ValueError, match="already given"):
        Adam([{"params": [w]}, {"params": [w], "weight_decay": 0.0}])


def test_step_checks_count_and_shapes_before_changing_anything():
    a, b = np.ones(2), np.ones((2, 3))
    opt = SGD([a, b], lr=0.1)
    with pytest.raises(ValueError, match="expected 2 gradients"):
        opt.step([np.ones(2)])
    with pytest.raises(ValueError, match=r"parameter 1 has shape \(3, 2\).*\(2, 3\)"):
        opt.step([np.ones(2), np.ones((3, 2))])
    with pytest.raises(TypeError, match=r"grads: the gradient for parameter 0 has dtype <U1"):
        opt.step([np.array(["a", "b"]), np.ones((2, 3))])
    np.testing.assert_array_equal(a, 1.0)                   # nothing was half-updated
    np.testing.assert_array_equal(b, 1.0)


def test_unwise_values_warn():
    with pytest.warns(UnwiseValueWarning, match=r"lr·weight_decay = 2\.5 >= 2"):
        SGD([np.ones(2)], lr=0.5, weight_decay=5.0)
    with pytest.warns(UnwiseValueWarning, match=r"lr·weight_decay = 1 >= 1"):
        AdamW([np.ones(2)], lr=0.1, weight_decay=10.0)
    with pytest.warns(UnwiseValueWarning, match="momentum"):
        SGD([np.ones(2)], lr=0.1, momentum=1.0)
    with pytest.warns(UnwiseValueWarning, match="lr·weight_decay"):   # checked per group
        SGD([{"params": [np.ones(2)]}, {"params": [np.ones(2)], "weight_decay": 30.0}], lr=0.1)


def test_warning_points_at_the_caller():
    with pytest.warns(UnwiseValueWarning) as record:
        AdamW([np.ones(2)], lr=1.0, weight_decay=1.0)
        SGD([np.ones(2)], lr=1.0, weight_decay=2.0)
    assert [r.filename for r in record] == [__file__, __file__]


def test_sensible_values_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        SGD([np.ones(2)], lr=0.5, momentum=0.9, weight_decay=3.0)   # lr·wd = 1.5: shrinks with sign flips
        Adam([np.ones(2)], lr=1.0, weight_decay=5.0)             # coupled L2: no decay factor
        AdamW([np.ones(2)], lr=1e-3, weight_decay=0.1)


# --- 5. In place, dtypes and a leading model axis --------------------------------------------

@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=0.1, momentum=0.9), lambda ps: Adam(ps),
                                  lambda ps: AdamW(ps)])
def test_updates_the_arrays_passed_in(make):
    w = np.ones((2, 2))
    opt = make([w])
    opt.step([np.ones((2, 2))])
    assert opt.param_groups[0]["params"][0] is w
    assert np.all(w < 1.0)


def test_float32_params_stay_float32():
    w = np.ones(3, dtype=np.float32)
    opt = Adam([w], lr=0.1)
    opt.step([np.ones(3)])
    assert w.dtype == np.float32 and opt.state[id(w)]["exp_avg"].dtype == np.float32
    np.testing.assert_allclose(w, 0.9, rtol=1e-6)


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1),
                                  lambda ps: Adam(ps, lr=0.1, weight_decay=0.1, amsgrad=True),
                                  lambda ps: AdamW(ps, lr=0.1, weight_decay=0.1)])
def test_batched_params_equal_separate_runs(make):
    rng = np.random.default_rng(0)
    K = 4
    W0, b0 = rng.standard_normal((K, 3, 2)), rng.standard_normal((K, 2))
    grads = [(rng.standard_normal((K, 3, 2)), rng.standard_normal((K, 2))) for _ in range(5)]
    W, b = W0.copy(), b0.copy()
    opt = make([W, b])
    for gW, gb in grads:
        opt.step([gW, gb])
    for k in range(K):
        Wk, bk = W0[k].copy(), b0[k].copy()
        opt_k = make([Wk, bk])
        for gW, gb in grads:
            opt_k.step([gW[k], gb[k]])
        np.testing.assert_allclose(W[k], Wk, rtol=1e-15)
        np.testing.assert_allclose(b[k], bk, rtol=1e-15)


def test_repr_lists_groups():
    text = repr(AdamW(decay_groups([("weight", np.ones(2)), ("bias", np.ones(1))], 0.1)))
    assert text.startswith("AdamW (") and "group 1: 1 params" in text and "weight_decay=0.0" in text


# --- 6. Bad gradients, huge lr, one decay contract --------------------------------------------

@pytest.mark.parametrize("cls", [SGD, Adam, AdamW])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_gradients_are_refused_by_name(cls, bad):
    a, b = np.ones(2), np.ones((2, 3))
    opt = cls([a, b], lr=0.1)
    g = np.ones((2, 3))
    g[1, 2] = bad
    with pytest.raises(ValueError, match=r"gradient for parameter 1 \(shape \(2, 3\)\) contains NaN or inf"):
        opt.step([np.ones(2), g])
    np.testing.assert_array_equal(a, 1.0)                 # nothing was half-updated
    np.testing.assert_array_equal(b, 1.0)
    assert opt.state == {}


@pytest.mark.parametrize("cls", [SGD, Adam, AdamW])
def test_a_huge_lr_warns_at_the_caller(cls):
    with pytest.warns(UnwiseValueWarning, match=r"lr=1e\+300 is huge") as record:
        cls([np.ones(2)], lr=1e300, **({"weight_decay": 0.0} if cls is AdamW else {}))
    assert record[0].filename == __file__


def test_an_overflowing_step_warns_naming_the_parameter():
    w = np.array([1e300, 1.0])
    with pytest.warns(UnwiseValueWarning, match=r"parameter 0 \(shape \(2,\)\) overflowed"):
        opt = SGD([w], lr=5.0)
        opt.step([np.array([-1e308, 0.0])])


def test_decay_is_one_flag_as_in_torch():
    assert Adam.decoupled_weight_decay is False and AdamW.decoupled_weight_decay is True
    # the same numbers, through the flag: Adam's decay is in g, AdamW's on w
    wa, ww = np.array([1.0, -2.0]), np.array([1.0, -2.0])
    Adam([wa], lr=0.1, weight_decay=0.5).step([np.zeros(2)])
    AdamW([ww], lr=0.1, weight_decay=0.5).step([np.zeros(2)])
    np.testing.assert_allclose(ww, [0.95, -1.9])
    np.testing.assert_allclose(wa, [0.9, -1.9], rtol=1e-6)        # g = wd·w: first step ≈ lr·sign


def test_optimizer_decay_warnings_come_from_conventions(monkeypatch):
    seen = []
    monkeypatch.setattr(optim, "warn_decay", lambda lr, wd, **kw: seen.append((lr, wd, kw["rule"])))
    SGD([np.ones(2)], lr=0.5, weight_decay=5.0)
    AdamW([np.ones(2)], lr=0.1, weight_decay=10.0)
    Adam([np.ones(2)], lr=0.1, weight_decay=10.0)                  # coupled: no decay factor
    assert seen == [(0.5, 5.0, "sgd"), (0.1, 10.0, "adamw")]


@pytest.mark.parametrize("flag", ["False", 0, None])
def test_boolean_options_must_be_bools(flag):
    with pytest.raises(TypeError, match="nesterov must be True or False"):
        SGD([np.ones(2)], lr=0.1, momentum=0.9, nesterov=flag)
    with pytest.raises(TypeError, match="amsgrad must be True or False"):
        Adam([np.ones(2)], amsgrad=flag)


# -- SGDW: decoupled weight decay for SGD ---------------------------------------------------

def _run(opt_class, steps=20, **kw):
    rng = np.random.default_rng(3)
    w = np.array([1.5, -2.0, 0.5])
    opt = opt_class([w], **kw)
    for _ in range(steps):
        opt.step([rng.standard_normal(3)])
    return w, opt


def test_sgdw_without_momentum_is_sgd_with_the_same_weight_decay():
    w_sgd, _ = _run(SGD, lr=0.1, weight_decay=0.3)
    w_sgdw, _ = _run(optim.SGDW, lr=0.1, weight_decay=0.3)
    assert np.allclose(w_sgd, w_sgdw, rtol=1e-13, atol=1e-15)


def test_sgdw_keeps_the_decay_out_of_the_momentum_buffer():
    lr, wd, mu = 0.1, 0.3, 0.9
    w, opt = _run(optim.SGDW, steps=5, lr=lr, weight_decay=wd, momentum=mu)
    rng, ref, buf = np.random.default_rng(3), np.array([1.5, -2.0, 0.5]), None
    for _ in range(5):                                    # the documented update, by hand
        g = rng.standard_normal(3)
        ref = ref * (1 - lr * wd)
        buf = g.copy() if buf is None else mu * buf + g
        ref = ref - lr * buf
    assert np.allclose(w, ref, rtol=1e-13)
    assert np.allclose(opt.state[id(w)]["momentum_buffer"], buf)   # gradients only, no wd·w
    w_sgd, _ = _run(SGD, steps=5, lr=lr, weight_decay=wd, momentum=mu)
    assert not np.allclose(w, w_sgd, rtol=1e-3)


def test_momentum_multiplies_coupled_decay_but_not_decoupled():
    # decay alone (zero data gradient): SGD's wd·w piles up in the buffer, about
    # lr·wd/(1 − momentum) per step once it is full (for lr·wd ≪ (1 − momentum)²); SGDW's
    # stays lr·wd per step.
    lr, wd, mu, steps = 0.01, 0.01, 0.9, 3000
    rates = {}
    for cls in (SGD, optim.SGDW):
        w = np.array([1.0])
        opt = cls([w], lr=lr, weight_decay=wd, momentum=mu)
        for _ in range(steps):
            opt.step([np.zeros(1)])
        rates[cls.__name__] = -math.log(w[0]) / steps
    assert rates["SGDW"] == pytest.approx(-math.log(1 - lr * wd), rel=1e-9)
    assert rates["SGD"] / rates["SGDW"] == pytest.approx(1 / (1 - mu), rel=0.03)


def test_sgdw_warns_when_its_factor_leaves_zero_to_one():
    with pytest.warns(UnwiseValueWarning, match="decoupled decay"):
        optim.SGDW([np.ones(2)], lr=1.0, weight_decay=1.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        optim.SGDW([np.ones(2)], lr=0.1, weight_decay=0.5)     # factor 0.95: fine


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("grads", [None, 3.0, "g", np.ones(2), {"w": np.ones(2)}])
def test_step_without_a_gradient_list_says_what_to_pass(grads):
    w = np.ones(2)
    with pytest.raises(TypeError, match=r"^step needs one gradient per parameter: pass grads from "
                                        r"`loss, grads = model.loss_and_grads\(X, y\)`, or a list of arrays"):
        SGD([w], lr=0.1).step(grads)
    np.testing.assert_array_equal(w, 1.0)


@pytest.mark.parametrize("g, match", [
    ([True, 0.5], r"^grads\[0\] holds True/False"),                 # was: read as [1.0, 0.5]
    ([[1.0], [2.0, 3.0]], r"^grads\[0\] must be array-like"),       # was: numpy's unnamed ValueError
])
def test_a_gradient_list_is_checked_like_an_array(g, match):
    w = np.ones(2)
    with pytest.raises(TypeError, match=match):
        SGD([w], lr=0.1).step([g])
    np.testing.assert_array_equal(w, 1.0)


@pytest.mark.parametrize("pairs", [None, 3, "fc.weight", np.ones(2)])
def test_decay_groups_names_what_it_needs(pairs):
    # was: TypeError: 'NoneType' object is not iterable
    with pytest.raises(TypeError,
                       match=r"^named_params must be \(name, array\) pairs: pass model.named_parameters\(\)"):
        decay_groups(pairs, 0.1)
