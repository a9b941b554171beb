"""Tests for lessons_lib.stopping: the early-stopping rule and divergence."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessons_lib import data, models, train
from lessons_lib.stopping import EarlyStopping


def vectorised_rule(val, patience):
    """An independent statement of the rule: a new best is strictly below all before it;
    stop at the first evaluation that is ``patience`` past the latest new best."""
    val = np.asarray(val, dtype=float)
    i = np.arange(len(val))
    new_best = val < np.minimum.accumulate(np.r_[np.inf, val[:-1]])
    last_best = np.maximum.accumulate(np.where(new_best, i, 0))
    hit = np.flatnonzero(i - last_best >= patience)
    stop = int(hit[0]) if hit.size else None
    return int(last_best[len(val) - 1 if stop is None else stop]), stop


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([0.5, 0.6, 0.7, 0.8, 0.9, 1.0]), min_size=1, max_size=30),
       st.integers(1, 6))
def test_replay_matches_an_independent_statement_of_the_rule(val, patience):
    assert EarlyStopping.replay(val, patience) == vectorised_rule(val, patience)


def test_equal_loss_is_not_an_improvement_and_nan_never_is():
    assert EarlyStopping.replay([1.0, 1.0, 1.0], patience=2) == (0, 2)
    assert EarlyStopping.replay([1.0, np.nan, np.nan, 0.5], patience=2) == (0, 2)
    assert EarlyStopping.replay([], patience=3) == (None, None)


@pytest.mark.parametrize("patience", [0, -1, 2.5, "3", None])
def test_patience_is_checked(patience):
    with pytest.raises((TypeError, ValueError), match="patience"):
        EarlyStopping(patience)


@pytest.mark.parametrize("patience", [1, 3, 10])
def test_train_stops_where_the_rule_says_on_its_own_curve(patience):
    """train(patience=P) against the rule replayed on the full run's validation curve."""
    prob = data.mlp_set()
    kw = dict(lr=0.02, steps=300, optimizer="adamw", X_val=prob.x_val[:, None], y_val=prob.y_val,
              eval_every=5, seed=0)
    full = train.train(models.MLP((1, 16, 16, 1), seed=0), prob.x[:, None], prob.y, **kw)
    net = models.MLP((1, 16, 16, 1), seed=0)
    early = train.train(net, prob.x[:, None], prob.y, patience=patience, **kw)
    best, stop = EarlyStopping.replay(full.val_loss, patience)
    assert early.best_step == full.step[best]
    assert early.stopped_step == (None if stop is None else full.step[stop])
    assert net.loss(prob.x_val[:, None], prob.y_val) == pytest.approx(full.val_loss[best], rel=1e-12)
