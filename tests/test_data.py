"""Tests for lessons_lib.data: seeded generators, Legendre features, splits and scaling."""
import numpy as np
import pytest
from scipy.special import eval_legendre

from lessons_lib import data
from lessons_lib.data import (
    Standardizer,
    correlated_features,
    digits,
    noisy_curve,
    polynomial_features,
    sparse_linear,
    split,
    true_curve,
    two_moons,
)

GENERATORS = {
    "noisy_curve": lambda seed: noisy_curve(15, seed=seed),
    "sparse_linear": lambda seed: sparse_linear(40, 10, 3, seed=seed),
    "correlated_features": lambda seed: correlated_features(40, 2, 3, seed=seed),
    "two_moons": lambda seed: two_moons(50, seed=seed),
    "split": lambda seed: split(np.arange(20.0).reshape(10, 2), np.arange(10), seed=seed),
}


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_arrays_different_seed_different_arrays(name):
    make = GENERATORS[name]
    first, again, other = make(0), make(0), make(1)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert any(not np.array_equal(a, b) for a, b in zip(first, other))


def test_generators_leave_global_random_state_alone():
    state = np.random.get_state()[1].copy()
    for make in GENERATORS.values():
        make(3)
    np.testing.assert_array_equal(np.random.get_state()[1], state)


# --- noisy_curve -----------------------------------------------------------------------

def test_noisy_curve_shapes_sorted_and_in_range():
    x, y = noisy_curve(25, seed=1, x_range=(2.0, 5.0))
    assert x.shape == y.shape == (25,)
    assert np.all(np.diff(x) >= 0)
    assert x.min() >= 2.0 and x.max() <= 5.0


def test_noisy_curve_without_noise_lies_on_the_true_curve():
    x, y = noisy_curve(10, noise=0.0, seed=2)
    np.testing.assert_allclose(y, np.sin(np.pi * x) + 0.3 * x)
    np.testing.assert_array_equal(y, true_curve(x))


def test_noisy_curve_noise_level():
    x, y = noisy_curve(4000, noise=0.25, seed=3)
    assert np.std(y - true_curve(x)) == pytest.approx(0.25, rel=0.05)


# --- polynomial_features ---------------------------------------------------------------

def test_polynomial_features_are_legendre_values():
    x = np.linspace(-1.0, 1.0, 9)
    P = polynomial_features(x, 4)
    assert P.shape == (9, 4)                     # P_1..P_4: no constant column
    np.testing.assert_allclose(P[:, 0], x)
    np.testing.assert_allclose(P[:, 1], (3 * x**2 - 1) / 2)
    np.testing.assert_allclose(P[:, 2], (5 * x**3 - 3 * x) / 2)
    np.testing.assert_allclose(P[:, 3], (35 * x**4 - 30 * x**2 + 3) / 8)


def test_polynomial_features_high_degree_match_scipy():
    x = np.random.default_rng(4).uniform(-1, 1, 30)
    P = polynomial_features(x, 15)
    expected = np.column_stack([eval_legendre(k, x) for k in range(1, 16)])
    np.testing.assert_allclose(P, expected, atol=1e-12)
    assert np.all(np.abs(P) <= 1.0 + 1e-12)       # Legendre values stay in [-1, 1]


def test_polynomial_features_map_x_range_onto_unit_interval():
    x = np.array([0.0, 2.5, 5.0, 10.0])
    np.testing.assert_allclose(polynomial_features(x, 6, x_range=(0.0, 10.0)),
                               polynomial_features((x - 5.0) / 5.0, 6))
    np.testing.assert_allclose(polynomial_features(np.array([0.0, 10.0]), 3, x_range=(0, 10)),
                               [[-1.0, 1.0, -1.0], [1.0, 1.0, 1.0]])


def test_polynomial_features_are_well_conditioned():
    # measured: Legendre ≈ 8, raw powers x..x^15 ≈ 3e5 on these 30 points in [-1, 1]
    x, _ = noisy_curve(30, seed=0)
    legendre = np.linalg.cond(polynomial_features(x, 15))
    raw = np.linalg.cond(np.vander(x, 16, increasing=True)[:, 1:])
    assert legendre < 50
    assert raw > 1e5
    # on [0, 10] raw powers are hopeless (≈ 2e18), Legendre features are not (≈ 7)
    x = np.linspace(0.0, 10.0, 30)
    assert np.linalg.cond(polynomial_features(x, 15, x_range=(0.0, 10.0))) < 50
    assert np.linalg.cond(np.vander(x, 16, increasing=True)[:, 1:]) > 1e15


# --- sparse_linear ---------------------------------------------------------------------

def test_sparse_linear_shapes_support_and_noiseless_targets():
    X, y, coef = sparse_linear(60, 25, 4, noise=0.0, seed=5)
    assert X.shape == (60, 25) and y.shape == (60,) and coef.shape == (25,)
    assert np.count_nonzero(coef) == 4
    nz = np.abs(coef[coef != 0])
    assert np.all((nz >= 1.0) & (nz <= 3.0))
    np.testing.assert_allclose(y, X @ coef)


def test_sparse_linear_noise_is_added():
    X, y, coef = sparse_linear(3000, 5, 2, noise=0.5, seed=6)
    assert np.std(y - X @ coef) == pytest.approx(0.5, rel=0.05)


def test_sparse_linear_edge_supports():
    X, y, coef = sparse_linear(10, 4, 0, noise=0.0, seed=7)
    np.testing.assert_array_equal(coef, 0.0)
    np.testing.assert_array_equal(y, 0.0)
    _, _, coef = sparse_linear(10, 4, 4, seed=7)
    assert np.count_nonzero(coef) == 4


# --- correlated_features ---------------------------------------------------------------

def test_correlated_features_correlation_within_and_between_groups():
    X, y, groups = correlated_features(3000, n_groups=3, group_size=4, rho=0.8, seed=8)
    assert X.shape == (3000, 12) and y.shape == (3000,)
    np.testing.assert_array_equal(groups, np.repeat([0, 1, 2], 4))
    C = np.corrcoef(X, rowvar=False)
    same = groups[:, None] == groups[None, :]
    off_diag = ~np.eye(12, dtype=bool)
    np.testing.assert_allclose(C[same & off_diag], 0.8, atol=0.03)
    np.testing.assert_allclose(C[~same], 0.0, atol=0.07)


def test_correlated_features_only_group_zero_drives_y():
    # noiseless y = 3·z₀ and each group-0 feature is √ρ·z₀ + noise: correlation √ρ
    X, y, groups = correlated_features(3000, 2, 3, rho=0.64, noise=0.0, seed=9)
    corr = np.array([np.corrcoef(X[:, j], y)[0, 1] for j in range(X.shape[1])])
    np.testing.assert_allclose(corr[groups == 0], 0.8, atol=0.03)
    np.testing.assert_allclose(corr[groups == 1], 0.0, atol=0.07)
    assert np.std(y) == pytest.approx(3.0, rel=0.05)


def test_correlated_features_rho_extremes():
    X, _, _ = correlated_features(50, 2, 3, rho=1.0, seed=10)
    np.testing.assert_allclose(X[:, 0], X[:, 1])       # exact copies
    X, _, _ = correlated_features(3000, 1, 3, rho=0.0, seed=10)
    C = np.corrcoef(X, rowvar=False)
    np.testing.assert_allclose(C[~np.eye(3, dtype=bool)], 0.0, atol=0.07)


# --- two_moons -------------------------------------------------------------------------

@pytest.mark.parametrize("n", [2, 51, 200])
def test_two_moons_shapes_and_balanced_labels(n):
    X, y = two_moons(n, seed=11)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert np.issubdtype(y.dtype, np.integer)
    assert set(np.unique(y)) == {0, 1}
    assert np.sum(y == 0) == n // 2 and np.sum(y == 1) == n - n // 2


def test_two_moons_without_noise_lie_on_half_circles_and_are_shuffled():
    X, y = two_moons(100, noise=0.0, seed=12)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)
    assert not np.all(np.diff(y) >= 0)                  # labels are not sorted


# --- digits ----------------------------------------------------------------------------

def test_digits_shape_and_range():
    X, y = digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == np.float64 and np.issubdtype(y.dtype, np.integer)
    assert X.min() == 0.0 and X.max() == 16.0
    np.testing.assert_array_equal(np.unique(y), np.arange(10))


# --- split -----------------------------------------------------------------------------

def test_split_sizes_disjoint_and_covering():
    ids = np.arange(100)
    X = np.column_stack([ids, -ids]).astype(float)
    parts = split(X, ids, (0.6, 0.2, 0.2), seed=13)
    assert len(parts) == 6
    Xs, ys = parts[0::2], parts[1::2]
    assert [len(p) for p in ys] == [60, 20, 20]
    for Xp, yp in zip(Xs, ys):
        np.testing.assert_array_equal(Xp[:, 0], yp)         # rows stay paired with labels
    all_ids = np.concatenate(ys)
    assert len(np.unique(all_ids)) == 100                   # disjoint ...
    np.testing.assert_array_equal(np.sort(all_ids), ids)    # ... and covering
    assert not np.array_equal(ys[0], np.arange(60))         # shuffled, not cut in order


def test_split_two_parts_and_rounding():
    parts = split(np.zeros((7, 1)), np.arange(7), (0.7, 0.3))
    assert [len(p) for p in parts] == [5, 5, 2, 2]


@pytest.mark.parametrize("n, fractions", [
    (10, (0.5, 0.01, 0.49)),
    (3, (0.98, 0.01, 0.01)),
    (3, (0.01, 0.01, 0.98)),
    (4, (0.01, 0.97, 0.01, 0.01)),
])
def test_split_every_part_gets_a_sample(n, fractions):
    parts = split(np.zeros((n, 1)), np.arange(n), fractions)
    sizes = [len(p) for p in parts[1::2]]
    assert min(sizes) >= 1 and sum(sizes) == n
    np.testing.assert_array_equal(np.sort(np.concatenate(parts[1::2])), np.arange(n))


@pytest.mark.parametrize("fractions, match", [
    ((0.6, 0.2), "summing to 1"),
    ((1.0,), "two or more"),
    ((1.2, -0.2), "positive numbers"),
    ((0.5, np.nan, 0.5), "summing to 1"),
])
def test_split_bad_fractions(fractions, match):
    with pytest.raises(ValueError, match=match):
        split(np.zeros((10, 1)), np.zeros(10), fractions)


def test_split_length_errors():
    with pytest.raises(ValueError, match="same length, got 10 and 9"):
        split(np.zeros((10, 1)), np.zeros(9))
    with pytest.raises(ValueError, match="need at least 3 samples to make 3 parts, got 2"):
        split(np.zeros((2, 1)), np.zeros(2))


# --- Standardizer ----------------------------------------------------------------------

def test_standardizer_uses_training_statistics():
    rng = np.random.default_rng(14)
    train = rng.normal([1.0, -5.0, 100.0], [2.0, 0.1, 30.0], size=(50, 3))
    test = rng.normal(0.0, 1.0, size=(7, 3))
    s = Standardizer().fit(train)
    Z = s.transform(train)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0)
    np.testing.assert_allclose(s.transform(test), (test - train.mean(0)) / train.std(0))
    np.testing.assert_allclose(Standardizer().fit_transform(train), Z)


@pytest.mark.parametrize("value", [0.0, 0.1, 1 / 3, 7.0])
def test_standardizer_constant_columns_are_centred_not_blown_up(value):
    X = np.column_stack([np.full(7, value), np.arange(7.0)])
    s = Standardizer().fit(X)
    assert s.scale_[0] == 1.0                       # even if round-off makes std ≈ 1e-17
    Z = s.transform(X)
    assert np.all(np.isfinite(Z))
    np.testing.assert_allclose(Z[:, 0], 0.0, atol=1e-12)
    np.testing.assert_allclose(s.transform(np.array([[value + 2.0, 0.0]]))[0, 0], 2.0)


def test_standardizer_errors():
    with pytest.raises(RuntimeError, match=r"not fitted yet; call \.fit\(X_train\) first"):
        Standardizer().transform(np.ones((2, 2)))
    s = Standardizer().fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match="X has 3 features but the Standardizer was fitted on 2"):
        s.transform(np.ones((3, 3)))
    with pytest.raises(ValueError, match="X must be 2-D"):
        Standardizer().fit(np.ones(3))
    with pytest.raises(ValueError, match="NaN"):
        Standardizer().fit(np.array([[1.0], [np.nan]]))


# --- argument errors -------------------------------------------------------------------

@pytest.mark.parametrize("call, error, match", [
    (lambda: noisy_curve(0), ValueError, "n must be an integer >= 1"),
    (lambda: noisy_curve(5, noise=-1.0), ValueError, "noise must be in the range.*noise=0"),
    (lambda: noisy_curve(2.5), TypeError, "n must be an integer"),
    (lambda: polynomial_features(np.ones(3), 0), ValueError, "degree must be an integer >= 1"),
    (lambda: polynomial_features(np.ones((3, 1)), 2), ValueError, "x must be 1-D"),
    (lambda: polynomial_features(np.ones(3), 2, x_range=(1.0, 1.0)), ValueError,
     "x_range must be .low, high. with high > low"),
    (lambda: polynomial_features(np.array([0.0, np.inf]), 2), ValueError, "x contains NaN"),
    (lambda: sparse_linear(10, 3, 4), ValueError,
     r"n_informative \(4\) cannot exceed n_features \(3\)"),
    (lambda: sparse_linear(0), ValueError, "n_samples must be an integer >= 1"),
    (lambda: sparse_linear(noise=np.nan), ValueError, "noise must be a finite number"),
    (lambda: correlated_features(rho=1.5), ValueError, r"rho must be in the range \[0, 1\]"),
    (lambda: correlated_features(group_size=0), ValueError, "group_size must be an integer >= 1"),
    (lambda: two_moons(1), ValueError, "n must be an integer >= 2"),
    (lambda: two_moons(10, noise=-0.1), ValueError, "noise must be in the range"),
])
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()


# --- Seeds and ranges are named ----------------------------------------------------------------

@pytest.mark.parametrize("make", [lambda s: noisy_curve(5, seed=s), lambda s: sparse_linear(5, 3, 1, seed=s),
                                  lambda s: correlated_features(5, seed=s), lambda s: two_moons(5, seed=s),
                                  lambda s: split(np.ones((4, 1)), np.ones(4), seed=s)])
@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError),
                                         (True, TypeError), (None, TypeError)])
def test_bad_seed_is_named(make, seed, error):
    with pytest.raises(error, match=r"^seed must be an integer >= 0"):
        make(seed)


def test_a_generator_works_as_a_seed():
    a = noisy_curve(5, seed=np.random.default_rng(3))
    b = noisy_curve(5, seed=3)
    np.testing.assert_array_equal(a[0], b[0])


@pytest.mark.parametrize("x_range, error, match", [
    ((1.0, 1.0), ValueError, "high > low"), ((0.0, np.nan), ValueError, r"x_range\[1\] must be a finite"),
    ("ab", TypeError, "x_range must be a pair"), ((0.0, 1j), TypeError, r"x_range\[1\] must be a real"),
])
def test_bad_x_range_is_named(x_range, error, match):
    with pytest.raises(error, match=match):
        polynomial_features(np.zeros(3), 2, x_range=x_range)
    with pytest.raises(error, match=match):
        noisy_curve(3, x_range=x_range)


@pytest.mark.parametrize("x, error, match", [([], ValueError, "x is empty"), (np.ones(3) + 1j, TypeError,
                                              "x has complex values"), (["a"], TypeError, "x must be array-like")])
def test_polynomial_features_bad_x(x, error, match):
    with pytest.raises(error, match=match):
        polynomial_features(x, 2)


def test_split_refuses_complex_fractions():
    with pytest.raises(TypeError, match="fractions has complex values"):
        split(np.ones((4, 1)), np.ones(4), (0.5 + 1j, 0.5))


# -- the course's recurring problems ------------------------------------------------------

def test_overfit_set_is_notebook_ones_twelve_points():
    s = data.overfit_set()
    x, y = data.noisy_curve(12, 0.25, seed=0)
    assert np.array_equal(s.x, x) and np.array_equal(s.y, y) and s.noise == 0.25
    assert s.x_val.shape == (200,) and s.x_test.size == 0
    assert np.allclose(s.truth, data.true_curve(s.x_grid))
    X, X_val, X_grid = s.features(15)
    assert X.shape == (12, 15) and X_val.shape == (200, 15) and X_grid.shape == (400, 15)


def test_mlp_set_has_train_validation_and_test():
    s = data.mlp_set()
    assert (s.x.size, s.x_val.size, s.x_test.size, s.noise) == (20, 100, 1000, 0.4)
    assert not np.array_equal(s.x_val[:20], s.x)          # three independent draws


def test_busy_quiet_scales_columns_not_weights():
    X, y, w_true = data.busy_quiet([-1, 0, 1], n_samples=400)
    scales = X.std(axis=0)
    assert np.allclose(scales / scales[1], [0.1, 1.0, 10.0], rtol=0.15)
    assert np.all((np.abs(w_true) >= 1) & (np.abs(w_true) <= 3))
    w_ls = np.linalg.lstsq(np.c_[X, np.ones(len(y))], y, rcond=None)[0][:3]
    assert np.allclose(w_ls, w_true, atol=0.05)            # every least-squares weight is O(1)
    with pytest.raises(ValueError, match="scale_exp"):
        data.busy_quiet([])


def test_two_weights_is_standardized_and_centred():
    X, y = data.two_weights()
    assert X.shape == (100, 2) and np.allclose(X.mean(0), 0) and np.allclose(X.std(0), 1)
    assert abs(y.mean()) < 1e-12
    assert 0.5 < np.corrcoef(X.T)[0, 1] < 0.8                 # population correlation 0.6
    w = np.linalg.lstsq(X, y, rcond=None)[0]
    assert w[0] > w[1] > 0                                    # x₁ carries most of y


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("X, y, name", [
    (np.array([[np.nan]] * 6), np.ones(6), "X"), (np.ones((6, 1)), np.full(6, np.nan), "y"),
    (np.ones((6, 1)), np.array([1.0, np.inf, 2, 3, 4, 5]), "y"), (np.ones((6, 1)) > 0, np.ones(6), "X"),
])
def test_split_refuses_non_finite_or_boolean_data(X, y, name):
    # was: the NaN rows were shuffled into the parts silently
    with pytest.raises((ValueError, TypeError), match=rf"^{name} (contains NaN|holds True/False)"):
        split(X, y)


def test_split_returns_the_inputs_unchanged_in_type():
    X, labels = np.arange(12).reshape(6, 2), np.array([0, 1, 2, 0, 1, 2])
    parts = split(X, labels, (0.5, 0.5))
    assert parts[0].dtype == X.dtype and parts[1].dtype == labels.dtype


def test_true_curve_checks_x():
    with pytest.raises(ValueError, match=r"^x contains NaN"):
        true_curve(np.array([0.0, np.nan]))        # was: nan returned
    with pytest.raises(TypeError, match=r"^x must be array-like of numbers, got the string 'abc'; pass numbers"):
        true_curve("abc")                          # was: can't multiply sequence by non-int of type 'float'
    with pytest.raises(OverflowError, match=r"^true_curve: the result overflows.*meant for x in \[-1, 1\]"):
        true_curve(np.array([1e308]))              # was: nan (π·x = inf, sin(inf) = nan)
    assert true_curve(0.5) == pytest.approx(1.15)


def test_a_too_wide_x_range_raises_instead_of_giving_zeros():
    # was: polynomial_features returned rows of 0 and -0.5 (high − low = inf); noisy_curve
    # raised numpy's "high - low range exceeds valid bounds" without naming x_range
    with pytest.raises(OverflowError, match=r"^x_range=\(-1e\+308, 1e\+308\) is too wide"):
        polynomial_features(np.ones(3), 3, x_range=(-1e308, 1e308))
    with pytest.raises(OverflowError, match=r"^x_range=.* is too wide"):
        noisy_curve(5, x_range=(-1e308, 1e308))
    with pytest.raises(OverflowError,
                       match=r"^x_range=\(0.0, 1e\+308\) reaches so far that true_curve's π·x overflows"):
        noisy_curve(5, x_range=(0.0, 1e308))      # was: true_curve's error, blaming x


def test_generators_raise_instead_of_overflowing():
    # was: inf in the features / targets, with a RuntimeWarning at most
    with pytest.raises(OverflowError, match=r"^polynomial_features: the result overflows.*x_range that contains x"):
        polynomial_features(np.array([1e300, 1.0]), 3)
    with pytest.raises(OverflowError, match=r"^sparse_linear: the result overflows.*noise is too large"):
        sparse_linear(50, 3, 2, noise=1e308)
    with pytest.raises(OverflowError, match=r"^two_moons: the result overflows.*noise is too large"):
        two_moons(50, noise=1e308)
    with pytest.raises(ValueError, match=r"^scale_exp must lie in \[-150, 150\], got 0 to 400"):
        data.busy_quiet((400, 0))                  # was: a column of inf (and one of 0 for -400)


def test_standardizer_refuses_what_it_cannot_square_or_scale():
    with pytest.raises(OverflowError, match=r"^X has values up to 1e\+308: their squares"):
        Standardizer().fit(np.array([[1e308], [-1e308]]))      # was: scale_ = [inf]
    with pytest.raises(ValueError, match=r"^X's column 0 varies by only 1e-300: its standard deviation rounds to 0"):
        Standardizer().fit(np.array([[0.0], [1e-300]]))         # was: scale_ = [0.], then inf
    s = Standardizer().fit(np.array([[0.0], [1e-100]]))
    with pytest.raises(OverflowError, match=r"^transform: the result overflows.*Fit the Standardizer on data like X"):
        s.transform(np.array([[1e250]]))
