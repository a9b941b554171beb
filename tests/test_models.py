"""Tests for lessons_lib.models: hand-written backprop, dropout, K copies, parameter access."""
import numpy as np
import pytest
from scipy.special import log_softmax

from lessons_lib.models import MLP, LinearRegression


def numerical_grads(model, loss_fn, h=1e-5):
    """Central differences of ``loss_fn()`` w.r.t. every parameter, perturbed in place."""
    grads = []
    for p in model.parameters():
        g = np.zeros_like(p)
        for i in np.ndindex(p.shape):
            old = p[i]
            p[i] = old + h
            up = loss_fn()
            p[i] = old - h
            down = loss_fn()
            p[i] = old
            g[i] = (up - down) / (2 * h)
        grads.append(g)
    return grads


def assert_grads_close(analytic, numeric, tol=1e-6):
    assert len(analytic) == len(numeric)
    for a, n in zip(analytic, numeric):
        assert np.shape(a) == n.shape
        rel = np.linalg.norm(a - n) / max(np.linalg.norm(a) + np.linalg.norm(n), 1e-12)
        assert rel < tol, f"relative error {rel:.2e}"


def make_data(n, d, n_classes=None, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    y = rng.integers(0, n_classes, n) if n_classes else rng.standard_normal(n)
    return X, y


def hidden_preactivations(model, X):
    """``z`` of every hidden layer, computed from the public parameters."""
    params, a, zs = model.parameters(), X, []
    for i in range(0, len(params) - 2, 2):
        z = a @ params[i] + params[i + 1]
        zs.append(z)
        a = np.maximum(z, 0.0)
    return zs


# --- LinearRegression ------------------------------------------------------------------

def test_linear_regression_loss_and_closed_form_grads():
    X, y = make_data(9, 4)
    model = LinearRegression(4, init_scale=1.0, seed=1)
    model.bias[...] = 0.3
    loss, (gw, gb) = model.loss_and_grads(X, y)
    r = X @ model.weight + 0.3 - y
    assert loss == pytest.approx(np.mean(r**2))                 # MSE with no ½
    np.testing.assert_allclose(gw, 2 / 9 * X.T @ r)
    assert gb == pytest.approx(2 / 9 * r.sum())
    assert model.loss(X, y) == pytest.approx(loss)
    np.testing.assert_allclose(model.predict(X), r + y)


def test_linear_regression_grads_match_central_differences():
    X, y = make_data(11, 5, seed=2)
    model = LinearRegression(5, init_scale=0.5, seed=3)
    _, grads = model.loss_and_grads(X, y)
    assert_grads_close(grads, numerical_grads(model, lambda: model.loss(X, y)))


def test_linear_regression_starts_at_zero_by_default():
    model = LinearRegression(3)
    np.testing.assert_array_equal(model.weight, 0.0)
    assert model.bias.shape == () and model.bias == 0.0
    np.testing.assert_array_equal(model.predict(np.ones((2, 3))), [0.0, 0.0])


# --- MLP gradients ---------------------------------------------------------------------

MLP_CASES = [
    ((3, 5, 1), "mse"),
    ((2, 4, 3, 1), "mse"),
    ((4, 6, 3), "cross_entropy"),
    ((3, 5, 4, 2), "cross_entropy"),
    ((2, 3, 3, 3, 4), "cross_entropy"),
]


@pytest.mark.parametrize("sizes, loss", MLP_CASES)
def test_mlp_tanh_grads_match_central_differences(sizes, loss):
    X, y = make_data(7, sizes[0], sizes[-1] if loss == "cross_entropy" else None, seed=4)
    model = MLP(sizes, activation="tanh", loss=loss, seed=5)
    _, grads = model.loss_and_grads(X, y)
    assert_grads_close(grads, numerical_grads(model, lambda: model.loss(X, y)))


@pytest.mark.parametrize("sizes, loss", MLP_CASES)
def test_mlp_relu_grads_match_central_differences(sizes, loss):
    X, y = make_data(7, sizes[0], sizes[-1] if loss == "cross_entropy" else None, seed=6)
    model = MLP(sizes, activation="relu", loss=loss, seed=7)
    rng = np.random.default_rng(8)
    for p in model.parameters()[1::2]:           # non-zero biases: fewer units sit exactly at 0
        p[...] = 0.1 * rng.standard_normal(p.shape)
    # the check is only valid away from ReLU's kink at z = 0
    assert min(np.abs(z).min() for z in hidden_preactivations(model, X)) > 1e-4
    _, grads = model.loss_and_grads(X, y)
    assert_grads_close(grads, numerical_grads(model, lambda: model.loss(X, y)))


def test_mlp_mse_loss_value_and_predict_shape():
    X, y = make_data(6, 2, seed=9)
    model = MLP((2, 4, 1), seed=1)
    pred = model.predict(X)
    assert pred.shape == (6,)
    assert model.loss(X, y) == pytest.approx(np.mean((pred - y) ** 2))


def test_mlp_cross_entropy_matches_log_softmax():
    X, y = make_data(8, 3, n_classes=4, seed=10)
    model = MLP((3, 5, 4), loss="cross_entropy", seed=2)
    logits = model.predict(X)
    assert logits.shape == (8, 4)
    expected = -np.mean(log_softmax(logits, axis=1)[np.arange(8), y])
    assert model.loss(X, y) == pytest.approx(expected)
    np.testing.assert_array_equal(model.predict_class(X), np.argmax(logits, axis=1))


def test_mlp_cross_entropy_is_stable_for_huge_logits():
    X, y = make_data(5, 2, n_classes=3, seed=11)
    model = MLP((2, 3), loss="cross_entropy", seed=3)
    model.fc1_weight *= 1e4
    loss, grads = model.loss_and_grads(X, y)
    assert np.isfinite(loss) and all(np.all(np.isfinite(g)) for g in grads)


# --- dropout ---------------------------------------------------------------------------

@pytest.mark.parametrize("sizes, loss", [((3, 6, 5, 1), "mse"), ((3, 6, 3), "cross_entropy")])
def test_dropout_grads_match_central_differences_with_a_fixed_mask(sizes, loss):
    X, y = make_data(8, sizes[0], sizes[-1] if loss == "cross_entropy" else None, seed=12)
    model = MLP(sizes, loss=loss, dropout=0.4, seed=13)

    def loss_with_mask():                        # same seed → same mask on every evaluation
        return model.loss_and_grads(X, y, rng=np.random.default_rng(99))[0]

    dropped, grads = model.loss_and_grads(X, y, rng=np.random.default_rng(99))
    assert dropped != pytest.approx(model.loss(X, y))          # a mask really was applied
    assert_grads_close(grads, numerical_grads(model, loss_with_mask))


def test_predict_and_loss_use_no_dropout():
    X, y = make_data(10, 3, seed=14)
    with_dropout = MLP((3, 8, 1), dropout=0.5, seed=15)
    plain = MLP((3, 8, 1), seed=15)                 # same seed → same initial weights
    np.testing.assert_array_equal(with_dropout.predict(X), plain.predict(X))
    np.testing.assert_array_equal(with_dropout.predict(X), with_dropout.predict(X))
    assert with_dropout.loss(X, y) == plain.loss(X, y)
    loss, _ = with_dropout.loss_and_grads(X, y)    # no rng → no dropout either
    assert loss == plain.loss(X, y)


def test_dropout_rate_zero_ignores_rng():
    X, y = make_data(6, 2, seed=16)
    model = MLP((2, 4, 1), seed=17)
    assert model.loss_and_grads(X, y, rng=np.random.default_rng(0))[0] == model.loss(X, y)


def test_inverted_dropout_keeps_the_expected_activation():
    """Averaged over many masks, the output equals the dropout-free output (not (1−p)×it)."""
    p, hidden, k = 0.5, 40, 4000
    model = MLP((2, hidden, 1), dropout=p, seed=0)
    model.set_params([np.full((2, hidden), 0.5), np.zeros(hidden),
                      np.full((hidden, 1), 1.0 / hidden), np.zeros(1)])
    X, y = np.array([[1.0, 2.0]]), np.zeros(1)
    out = model.predict(X)[0]                        # mean of tanh(1.5) ≈ 0.905
    # with one sample and y = 0, ∂mse/∂(output bias) = 2·output: read the dropped-out output
    copies = model.copies(k)                         # one independent mask per copy
    _, grads = copies.loss_and_grads(X, y, rng=np.random.default_rng(1))
    outputs = grads[3][:, 0] / 2.0
    stderr = outputs.std() / np.sqrt(k)
    assert abs(outputs.mean() - out) < 5 * stderr
    assert abs((1 - p) * out - out) > 50 * stderr      # a missing 1/(1−p) would be caught
    # ∂/∂W2 = 2·h·output and ∂/∂b2 = 2·output, so their ratio is the hidden activation h
    # after dropout: 0 for a dropped unit, tanh(1.5)/(1 − p) for a kept one
    h = grads[2][:, :, 0] / grads[3]
    kept = h != 0.0
    assert np.mean(~kept) == pytest.approx(p, abs=0.01)
    np.testing.assert_allclose(h[kept], np.tanh(1.5) / (1 - p))
    assert h.mean() == pytest.approx(np.tanh(1.5), abs=5 * h.std() / np.sqrt(h.size))


def test_predict_with_rng_draws_the_training_mask():
    X, y = make_data(12, 3, seed=20)
    model = MLP((3, 16, 8, 1), dropout=0.3, seed=21)
    thinned = model.predict(X, rng=np.random.default_rng(7))
    loss, _ = model.loss_and_grads(X, y, rng=np.random.default_rng(7))   # same rng → same mask
    assert np.mean((thinned - y) ** 2) == pytest.approx(loss, rel=1e-12)
    assert not np.allclose(thinned, model.predict(X))                    # a mask was applied
    plain = MLP((3, 16, 8, 1), seed=21)
    np.testing.assert_array_equal(plain.predict(X, rng=np.random.default_rng(7)), plain.predict(X))


def test_thinned_predictions_average_to_the_whole_network():
    """One hidden layer and a linear output: E[output over masks] is exactly the whole net's."""
    model = MLP((2, 30, 1), dropout=0.5, seed=22)
    X = np.repeat(np.array([[0.3, -0.7]]), 20000, axis=0)   # one input, one mask per row
    thinned = model.predict(X, rng=np.random.default_rng(8))
    whole = model.predict(X[:1])[0]
    assert thinned.std() > 0.05                              # the masks really vary
    assert thinned.mean() == pytest.approx(whole, abs=5 * thinned.std() / np.sqrt(len(X)))


# --- many models at once ---------------------------------------------------------------

SINGLE_MODELS = [
    ("linear", lambda: LinearRegression(3, init_scale=1.0, seed=0), None),
    ("mlp-mse", lambda: MLP((3, 5, 4, 1), seed=1), None),
    ("mlp-xent", lambda: MLP((3, 5, 3), activation="relu", loss="cross_entropy", seed=2), 3),
]


@pytest.mark.parametrize("name, make, n_classes", SINGLE_MODELS)
def test_copies_reproduce_the_single_model(name, make, n_classes):
    X, y = make_data(9, 3, n_classes, seed=20)
    single = make()
    many = single.copies(4)
    assert single.n_models is None and many.n_models == 4
    loss1, grads1 = single.loss_and_grads(X, y)
    lossk, gradsk = many.loss_and_grads(X, y)
    assert np.shape(lossk) == (4,)
    np.testing.assert_allclose(lossk, np.full(4, loss1))
    np.testing.assert_allclose(many.loss(X, y), np.full(4, loss1))
    for g1, gk, (pname, p) in zip(grads1, gradsk, many.named_parameters()):
        assert np.shape(gk) == p.shape == (4,) + np.shape(g1), pname
        for k in range(4):
            np.testing.assert_allclose(gk[k], g1, rtol=1e-12, atol=1e-15)
    pred = many.predict(X)
    assert pred.shape == (4,) + single.predict(X).shape
    for k in range(4):
        np.testing.assert_allclose(pred[k], single.predict(X))


@pytest.mark.parametrize("name, make, n_classes", SINGLE_MODELS)
def test_changing_one_copy_changes_only_that_copy(name, make, n_classes):
    X, y = make_data(9, 3, n_classes, seed=21)
    single = make()
    before_single = single.predict(X)
    many = single.copies(3)
    before = many.predict(X)
    for p in many.parameters():
        p[1] += 0.25
    after = many.predict(X)
    np.testing.assert_array_equal(after[0], before[0])
    np.testing.assert_array_equal(after[2], before[2])
    assert not np.allclose(after[1], before[1])
    losses = many.loss(X, y)
    assert losses[0] == losses[2] and losses[1] != losses[0]
    np.testing.assert_array_equal(single.predict(X), before_single)    # no shared memory


def test_copies_errors():
    model = MLP((2, 3, 1))
    with pytest.raises(ValueError, match="k must be an integer >= 1"):
        model.copies(0)
    with pytest.raises(ValueError, match="already holds several copies"):
        model.copies(2).copies(2)


# --- parameter access ------------------------------------------------------------------

def test_named_parameters_names_and_shapes():
    lin = LinearRegression(4)
    assert [n for n, _ in lin.named_parameters()] == ["weight", "bias"]
    assert [p.shape for _, p in lin.named_parameters()] == [(4,), ()]
    mlp = MLP((2, 5, 3, 1))
    assert [n for n, _ in mlp.named_parameters()] == [
        "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"]
    assert [p.shape for p in mlp.parameters()] == [(2, 5), (5,), (5, 3), (3,), (3, 1), (1,)]
    # parameters() hands out the live arrays, the ones named_parameters() names
    assert all(a is b for a, (_, b) in zip(mlp.parameters(), mlp.named_parameters()))
    assert mlp.parameters()[0] is mlp.fc1_weight


def test_mlp_initialisation_scale_and_seed():
    a, b, c = MLP((200, 50, 1), seed=0), MLP((200, 50, 1), seed=0), MLP((200, 50, 1), seed=1)
    np.testing.assert_array_equal(a.fc1_weight, b.fc1_weight)
    assert not np.array_equal(a.fc1_weight, c.fc1_weight)
    assert a.fc1_weight.std() == pytest.approx(1 / np.sqrt(200), rel=0.05)   # N(0, 1/fan_in)
    np.testing.assert_array_equal(a.fc1_bias, 0.0)


@pytest.mark.parametrize("make", [lambda: LinearRegression(3, init_scale=1.0),
                                  lambda: MLP((3, 4, 2), loss="cross_entropy")])
def test_get_params_set_params_round_trip(make):
    model = make()
    X = np.random.default_rng(22).standard_normal((5, 3))
    snapshot = model.get_params()
    pred = model.predict(X)
    live = model.parameters()
    for s, p in zip(snapshot, live):
        assert s is not p and np.array_equal(s, p)
    for p in live:
        p += 1.0                                     # "training" moves the parameters
    assert not np.allclose(model.predict(X), pred)
    for s, p in zip(snapshot, model.get_params()):
        assert not np.array_equal(s, p)              # the snapshot did not move with them
    model.set_params(snapshot)
    np.testing.assert_array_equal(model.predict(X), pred)
    # set_params writes in place: the arrays optimizers hold are the ones updated
    for before, after in zip(live, model.parameters()):
        assert before is after
    for p, s in zip(live, snapshot):
        np.testing.assert_array_equal(p, s)
        assert not np.shares_memory(p, s)


def test_set_params_errors():
    model = MLP((2, 3, 1))
    with pytest.raises(ValueError, match="values has 3 arrays but the model has 4 parameters"):
        model.set_params(model.get_params()[:3])
    bad = model.get_params()
    bad[0] = np.zeros((3, 2))
    with pytest.raises(ValueError,
                       match=r"values\[0\] has shape \(3, 2\) but parameter 'fc1.weight' has shape \(2, 3\)"):
        model.set_params(bad)
    before = model.get_params()
    for values, error, match in [
        (None, TypeError, r"^values must be a list of arrays"),                  # was: len() of None
        ([np.zeros((2, 3)), "a", np.zeros((1, 3)), np.zeros(1)], TypeError, r"^values\[1\] must be array-like"),
        ([np.zeros((2, 3), bool)] + before[1:], TypeError, r"^values\[0\] holds True/False"),  # was: 0.0s
    ]:
        with pytest.raises(error, match=match):
            model.set_params(values)
    for p, b in zip(model.parameters(), before):                                # nothing written
        np.testing.assert_array_equal(p, b)


def test_an_overflowing_init_scale_is_refused():
    # was: weights of ±inf
    with pytest.raises(OverflowError, match=r"^init_scale=1e\+308 makes initial weights beyond"):
        LinearRegression(50, init_scale=1e308)


# --- argument errors -------------------------------------------------------------------

@pytest.mark.parametrize("model", [LinearRegression(3), MLP((3, 4, 1))])
def test_wrong_number_of_features(model):
    with pytest.raises(ValueError, match="X has 2 features but the model expects 3"):
        model.predict(np.ones((5, 2)))
    with pytest.raises(ValueError, match="X has 4 features but the model expects 3"):
        model.loss_and_grads(np.ones((5, 4)), np.ones(5))


@pytest.mark.parametrize("model", [LinearRegression(3), MLP((3, 4, 1))])
def test_bad_X_and_y(model):
    with pytest.raises(ValueError, match="X must be 2-D.*reshape"):
        model.predict(np.ones(3))
    with pytest.raises(ValueError, match="X contains NaN"):
        model.predict(np.array([[1.0, np.nan, 0.0]]))
    with pytest.raises(ValueError, match="rows"):
        model.loss_and_grads(np.ones((5, 3)), np.ones(4))
    with pytest.raises(ValueError, match="rows"):
        model.loss(np.ones((5, 3)), np.ones(1))      # must not broadcast silently


@pytest.mark.parametrize("sizes, match", [
    ((3,), "at least an input and an output"),
    ((3, 0, 1), "each entry of sizes must be an integer >= 1"),
    ((3, -2, 1), "each entry of sizes must be an integer >= 1"),
])
def test_bad_sizes(sizes, match):
    with pytest.raises(ValueError, match=match):
        MLP(sizes)


def test_non_integer_size():
    with pytest.raises(TypeError, match="each entry of sizes must be an integer"):
        MLP((3, 2.5, 1))


def test_loss_and_output_size_must_agree():
    with pytest.raises(ValueError, match=r"loss='mse' needs a single output"):
        MLP((3, 4, 2), loss="mse")
    with pytest.raises(ValueError, match=r"loss='cross_entropy' needs one output per class"):
        MLP((3, 4, 1), loss="cross_entropy")


def test_bad_activation_and_loss_names():
    with pytest.raises(ValueError, match="activation must be one of 'tanh', 'relu'"):
        MLP((2, 3, 1), activation="sigmoid")
    with pytest.raises(ValueError, match="loss must be one of 'mse', 'cross_entropy'"):
        MLP((2, 3, 1), loss="hinge")


def test_labels_must_be_integers_in_range():
    model = MLP((2, 4, 3), loss="cross_entropy")
    X = np.ones((3, 2))
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 2\], got 0\.\.3"):
        model.loss(X, np.array([0, 1, 3]))
    with pytest.raises(ValueError, match=r"labels must lie in \[0, 2\], got -1\.\.1"):
        model.loss(X, np.array([-1, 0, 1]))
    with pytest.raises(ValueError, match="1-D array of integer class labels"):
        model.loss(X, np.array([0.0, 1.0, 2.0]))


@pytest.mark.parametrize("rate", [1.0, -0.1, 1.5])
def test_dropout_outside_unit_interval(rate):
    with pytest.raises(ValueError, match=r"dropout must be in the range \[0, 1\).*Use 0 for no"):
        MLP((2, 3, 1), dropout=rate)


def test_linear_regression_bad_arguments():
    with pytest.raises(ValueError, match="n_features must be an integer >= 1"):
        LinearRegression(0)
    with pytest.raises(ValueError, match="init_scale must be in the range"):
        LinearRegression(2, init_scale=-1.0)


# --- Bad input at the door ---------------------------------------------------------------------

@pytest.mark.parametrize("model", [LinearRegression(2), MLP((2, 3, 1)),
                                   MLP((2, 3, 2), loss="cross_entropy")])
def test_empty_data_is_refused(model):
    y = np.zeros(0, int) if model.__class__ is MLP and model.loss_name == "cross_entropy" else np.zeros(0)
    with pytest.raises(ValueError, match=r"X is empty \(shape \(0, 2\)\)"):
        model.loss(np.ones((0, 2)), y)
    with pytest.raises(ValueError, match="X is empty"):
        model.loss_and_grads(np.ones((0, 2)), y)


def test_cross_entropy_empty_labels_are_refused():
    with pytest.raises(ValueError, match="y is empty"):
        MLP((2, 3, 2), loss="cross_entropy")._check_y(np.zeros(0, int))


def test_predict_class_refuses_a_regression_mlp():
    with pytest.raises(ValueError, match=r"predict_class needs a classifier.*use predict\(X\)"):
        MLP((2, 3, 1)).predict_class(np.ones((4, 2)))
    clf = MLP((2, 3, 4), loss="cross_entropy")
    assert clf.predict_class(np.ones((4, 2))).shape == (4,)


def test_dropout_accepts_an_int_seed_like_a_generator():
    X, y = np.random.default_rng(0).standard_normal((5, 2)), np.arange(5.0)
    net = MLP((2, 8, 1), dropout=0.5)
    loss_int, grads_int = net.loss_and_grads(X, y, rng=1)
    loss_gen, grads_gen = net.loss_and_grads(X, y, rng=np.random.default_rng(1))
    assert loss_int == loss_gen
    for a, b in zip(grads_int, grads_gen):
        np.testing.assert_array_equal(a, b)
    assert loss_int != net.loss(X, y)                     # a mask was drawn
    with pytest.raises(ValueError, match="rng must be an integer >= 0"):
        net.loss_and_grads(X, y, rng=-1)
    with pytest.raises(TypeError, match="rng must be an integer >= 0 or a np.random.Generator"):
        net.predict(X, rng="1")


@pytest.mark.parametrize("make", [lambda: LinearRegression(2, seed=-1), lambda: MLP((2, 1), seed=-1)])
def test_negative_seed_is_named(make):
    with pytest.raises(ValueError, match="seed must be an integer >= 0"):
        make()


def test_complex_input_is_refused():
    with pytest.raises(TypeError, match="X has complex values"):
        LinearRegression(2).predict(np.ones((3, 2)) + 1j)
    with pytest.raises(TypeError, match="y has complex values"):
        MLP((2, 3, 1)).loss(np.ones((3, 2)), np.ones(3) * 1j)


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("model", [LinearRegression(2), MLP((2, 3, 1))])
def test_inputs_whose_squares_overflow_are_refused(model):
    # was: a loss of inf (finite weights, huge data), with a RuntimeWarning at most
    X, y = np.ones((3, 2)), np.ones(3)
    with pytest.raises(OverflowError, match=r"^X has values up to 1e\+200"):
        model.loss(X * 1e200, y)
    with pytest.raises(OverflowError, match=r"^y has values up to 1e\+200"):
        model.loss_and_grads(X, y * 1e200)
    with pytest.raises(OverflowError, match=r"^X has values up to"):
        model.predict(X * 1e200)


@pytest.mark.parametrize("y, error, match", [
    ([[0], [1, 2]], TypeError, r"^y must be array-like"),        # was: numpy's unnamed ValueError
    (np.array([True, False]), TypeError, r"^y holds True/False"),
])
def test_classifier_labels_are_checked_by_name(y, error, match):
    with pytest.raises(error, match=match):
        MLP((3, 4, 2), loss="cross_entropy").loss(np.ones((2, 3)), y)
