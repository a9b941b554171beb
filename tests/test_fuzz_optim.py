"""lessons_lib.optim under hostile input, by class (see tests/hostile.py for the contract)."""
from __future__ import annotations

import warnings

import numpy as np
from hostile import array, flag, fuzz, keeps_contract, number, one_bad_argument, quiet, unit
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import optim
from lessons_lib._validate import UnwiseValueWarning

OPTIMIZERS = {"sgd": optim.SGD, "sgdw": optim.SGDW, "adam": optim.Adam, "adamw": optim.AdamW}
PARAMS = {"nan": st.builds(lambda: [np.array([np.nan, 1.0])]), "str": st.sampled_from(["ab", ["ab"]]),
          "none": st.sampled_from([None, [None]]), "empty": st.sampled_from([[], [{"params": []}]]),
          "bool": st.builds(lambda: [np.ones(2, bool)]), "float": st.builds(lambda: [np.ones(2, int)]),
          "ndim": st.builds(lambda: np.ones(2)), "complex": st.builds(lambda: [np.ones(2) + 1j]),
          "seq": st.just([[1.0, 2.0]]), "number": st.just(1.0)}
BETAS = {"seq": st.sampled_from([(0.9,), 0.9, (0.9, 0.99, 0.9)]), "nan": st.just((np.nan, 0.9)),
         "above": st.just((0.9, 1.0)), "str": st.just((0.9, "a")), "none": st.none(), "bool": st.just((True, 0.9))}



@fuzz(120)
@given(one_bad_argument(dict(params=None, lr=0.01, momentum=0.5, dampening=0.0, weight_decay=0.1),
                        dict(params=PARAMS, lr=number(low="pos"), momentum=number(low="nonneg"),
                             dampening=unit(), weight_decay=number(low="nonneg"), nesterov=flag())),
       st.sampled_from(["sgd", "sgdw"]))
def test_sgd(case, which):
    arg, kind, kwargs = case
    if arg != "params":
        kwargs["params"] = [np.ones(2)]
    keeps_contract(quiet(OPTIMIZERS[which], UnwiseValueWarning), kwargs, arg, kind,
                   aliases={"params": "params|parameter", "nesterov": "nesterov|Nesterov"})


@fuzz(120)
@given(one_bad_argument(dict(params=None, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01),
                        dict(params=PARAMS, lr=number(low="pos"), betas=BETAS, eps=number(low="pos"),
                             weight_decay=number(low="nonneg"), amsgrad=flag())),
       st.sampled_from(["adam", "adamw"]))
def test_adam(case, which):
    arg, kind, kwargs = case
    if arg != "params":
        kwargs["params"] = [np.ones(2)]
    keeps_contract(quiet(OPTIMIZERS[which], UnwiseValueWarning), kwargs, arg, kind,
                   aliases={"params": "params|parameter"})


@fuzz(120)
@given(st.sampled_from(sorted(OPTIMIZERS)), st.sampled_from(sorted(array((3,)))), st.data())
def test_step(which, kind, draw):
    """One hostile gradient: refused by name with nothing changed, or (huge) a step that is
    finite or flagged with an UnwiseValueWarning."""
    w, b = np.array([1.0, -2.0, 0.5]), np.zeros(())
    opt = OPTIMIZERS[which]([w, b], lr=0.1)
    g = draw.draw(array((3,))[kind])
    before = [w.copy(), b.copy()]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            opt.step([g, np.zeros(())])
        except (TypeError, ValueError) as err:
            assert "grads" in str(err), err
            np.testing.assert_array_equal(w, before[0])           # checked before any change
            return
    assert kind == "huge", f"a {kind} gradient was accepted"
    flagged = any(issubclass(c.category, UnwiseValueWarning) for c in caught)
    assert np.all(np.isfinite(w)) or flagged


@fuzz(60)
@given(one_bad_argument(dict(named_params=None, weight_decay=0.1),
                        dict(named_params={"seq": st.builds(lambda: [np.ones(2)]),
                                           "triple": st.builds(lambda: [("w", np.ones(2), 1)]),
                                           "number": st.builds(lambda: [(1, np.ones(2))]),
                                           "none": st.sampled_from([None, [None]])},
                             weight_decay=number(low="nonneg"))))
def test_decay_groups(case):
    arg, kind, kwargs = case
    if arg != "named_params":
        kwargs["named_params"] = [("fc.weight", np.ones(2)), ("fc.bias", np.zeros(1))]
    keeps_contract(optim.decay_groups, kwargs, arg, kind, aliases={"named_params": "named_params|pairs"})
