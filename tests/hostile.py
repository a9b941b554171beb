"""Hostile inputs by class, and the contract every public function keeps with them.

Shared by the ``tests/test_fuzz_<module>.py`` modules. A case replaces one argument of a
valid call by a hostile value of one class:

=========  =====================================================================  =========
class      values                                                                 verdict
=========  =====================================================================  =========
nan        NaN, +inf, -inf (for arrays: one entry of them)                       raise
huge       ±1e308, ±1.7e308, 1e200 (for arrays: one entry, or every entry)        either
bool       True, False, np.True_ (for arrays: a boolean array, a list with one)  raise
str        "0.1", "", "abc" (for arrays: also an array of strings)               raise
none       None                                                                   raise
complex    1+2j (for arrays: a complex array)                                     raise
seq        [0.1], (0.1, 0.2), a 1-D array, where a number is expected             raise
negative   a negative number (for arrays: one negative entry)                    raise
zero       0 (where the argument must be positive)                               raise
float      1.5, 2.0 (where an integer is expected)                               raise
empty      an array with no entries                                               raise
ndim       an array with the wrong number of dimensions                           raise
ragged     a list of lists of different lengths                                  raise
=========  =====================================================================  =========

"raise": TypeError or ValueError (OverflowError for sizes), with a message that names the
argument. "either": a correct, finite result, or such an error (OverflowError where the
result would overflow). Never: another exception, a RuntimeWarning, a NaN or inf in the
result, or an array argument changed in place.
"""
from __future__ import annotations

import dataclasses
import math
import re
import warnings

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Exceptions that count as a clean refusal (when the message names the argument).
ERRORS = (TypeError, ValueError, OverflowError)
#: Classes whose values may be legal (a huge but finite number): a finite result is fine.
MAY_PASS = frozenset({"huge"})


def fuzz(max_examples: int):
    """Hypothesis settings for a fuzz test: fixed examples (derandomize), no deadline."""
    return settings(max_examples=max_examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --------------------------------------------------------------------------- the classes

_HUGE = [1e308, -1e308, 1.7e308, 1e200]
_SCALAR = {
    "nan": st.sampled_from([math.nan, math.inf, -math.inf]),
    "huge": st.sampled_from(_HUGE),
    "bool": st.sampled_from([True, False, np.True_]),
    "str": st.sampled_from(["0.1", "", "abc"]),
    "none": st.none(),
    "complex": st.just(1 + 2j),
    "seq": st.sampled_from([[0.1], (0.1, 0.2), np.array([0.1, 0.2])]),
}


def number(*, low: str | None = None, exclude=()) -> dict:
    """The hostile classes for a real number; ``low``: "nonneg" (≥ 0) or "pos" (> 0)."""
    kinds = dict(_SCALAR)
    if low in ("nonneg", "pos"):
        kinds["negative"] = st.floats(-1e6, -1e-300) | st.sampled_from([-1.0, -1e308])
    if low == "pos":
        kinds["zero"] = st.sampled_from([0.0, 0])
    return {k: v for k, v in kinds.items() if k not in exclude}


def unit(*, exclude=()) -> dict:
    """The hostile classes for a number in [0, 1] (a ratio, a probability)."""
    return {**number(low="nonneg", exclude=exclude), "above": st.sampled_from([1.5, 2.0, 1e308])}


def name(*lookalikes: str) -> dict:
    """The hostile classes for an option's name: ``lookalikes`` (wrong case, a typo), ""
    and things that are not a str."""
    return {"str": st.sampled_from([*lookalikes, ""]), "none": st.none(), "bool": st.just(True),
            "seq": st.just(["l2"]), "number": st.just(2)}


def flag() -> dict:
    """The hostile classes for a bool option: "False" is truthy, 0 and 1 are not bools."""
    return {"str": st.sampled_from(["False", "True"]), "number": st.sampled_from([0, 1]), "none": st.none(),
            "seq": st.just(np.array([True]))}


def integer(*, low: int = 0, exclude=()) -> dict:
    """The hostile classes for an integer ≥ ``low`` (small ones only: a huge size is a
    MemoryError, not a class fuzzed here)."""
    kinds = {k: _SCALAR[k] for k in ("nan", "bool", "str", "none", "complex", "seq")}
    kinds["float"] = st.sampled_from([1.5, 2.0])
    kinds["negative"] = st.integers(-10, low - 1) if low > -10 else st.just(low - 1)
    return {k: v for k, v in kinds.items() if k not in exclude}


def array(shape: tuple[int, ...], *, nonneg: bool = False, exclude=()) -> dict:
    """The hostile classes for a float array of ``shape`` (entries in [-2, 2], ≥ 0 if ``nonneg``)."""
    def base(draw_el):
        return st.builds(lambda v: np.full(shape, v), draw_el)

    def with_entry(values):
        @st.composite
        def make(draw):
            a = draw(_valid_array(shape, nonneg))
            a.flat[draw(st.integers(0, a.size - 1))] = draw(st.sampled_from(values))
            return a
        return make()

    wrong_ndim = [np.ones(shape + (1,)), np.ones(()) * 0.5] if len(shape) else [np.ones(2)]
    if len(shape) > 1:
        wrong_ndim.append(np.ones(shape[0]))
    kinds = {
        "nan": with_entry([math.nan, math.inf, -math.inf]),
        "huge": with_entry(_HUGE) | base(st.sampled_from([1e200, -1e308])),
        "bool": st.sampled_from([np.ones(shape, dtype=bool), np.zeros(shape, dtype=bool)])
        | st.builds(_with_a_bool, _valid_array(shape, nonneg)),
        "str": st.sampled_from(["abc", "1.0", np.full(shape, "a")]),
        "none": st.none(),
        "complex": st.builds(lambda a: a + 1j, _valid_array(shape, nonneg)),
        "empty": st.sampled_from([np.empty((0,) + shape[1:]), []]),
        "ndim": st.sampled_from(wrong_ndim),
        "ragged": st.just([[1.0, 2.0], [3.0]]),
    }
    if nonneg:
        kinds["negative"] = with_entry([-1.0, -1e-300])
    return {k: v for k, v in kinds.items() if k not in exclude}


def _with_a_bool(a: np.ndarray):
    """``a`` as nested lists with its first entry True: np.asarray would read it as 1.0."""
    if a.ndim == 0:
        return True
    out = a.tolist()
    inner = out
    while isinstance(inner[0], list):
        inner = inner[0]
    inner[0] = True
    return out


def _valid_array(shape, nonneg: bool):
    from hypothesis.extra import numpy as hnp

    low = 0.0 if nonneg else -2.0
    return hnp.arrays(np.float64, shape, elements=st.floats(low, 2.0, allow_subnormal=False))


def one_bad_argument(valid: dict, hostile: dict[str, dict]):
    """A strategy of ``(argument, class, kwargs)``: ``valid`` with one argument replaced by a
    value of one class from ``hostile[argument]`` (class name → strategy)."""
    pairs = sorted((arg, kind) for arg, kinds in hostile.items() for kind in kinds)

    def build(pair):
        arg, kind = pair
        return hostile[arg][kind].map(lambda bad: (arg, kind, {**valid, arg: bad}))

    return st.sampled_from(pairs).flatmap(build)


# --------------------------------------------------------------------------- the contract

def quiet(fn, *categories):
    """``fn`` with warnings of ``categories`` ignored: a legal but unwise value only warns."""
    def call(**kwargs):
        with warnings.catch_warnings():
            for category in categories:
                warnings.simplefilter("ignore", category)
            return fn(**kwargs)
    return call


def names(arg: str, aliases: dict | None = None) -> str:
    """A regex matching the argument's name (or an alias) as a whole word in a message."""
    options = (aliases or {}).get(arg, arg)
    return rf"(?<![\w.])({options})(?![\w])"


def keeps_contract(fn, kwargs: dict, arg: str, kind: str, *, aliases: dict | None = None):
    """Call ``fn(**kwargs)`` and check the contract of the module docstring for a value of
    class ``kind`` in ``arg``. Returns the result, or None if the call was refused."""
    before = {k: v.copy() for k, v in kwargs.items() if isinstance(v, np.ndarray)}
    try:
        result = fn(**kwargs)
    except ERRORS as err:
        assert re.search(names(arg, aliases), str(err)), (
            f"{type(err).__name__} for {arg} ({kind}) does not name {arg!r}: {err}")
        result = None
    else:
        assert kind in MAY_PASS, f"{arg}={kwargs[arg]!r:.60} ({kind}) was accepted: {result!r:.200}"
        assert_finite(result, f"the result for {arg} ({kind})")
    for k, v in before.items():
        np.testing.assert_array_equal(kwargs[k], v, err_msg=f"{k} was changed in place")
    return result


def assert_finite(result, what: str = "the result") -> None:
    """Every number inside ``result`` (tuples, lists, dicts, dataclasses, arrays) is finite."""
    if isinstance(result, (tuple, list)):
        for r in result:
            assert_finite(r, what)
    elif isinstance(result, dict):
        for r in result.values():
            assert_finite(r, what)
    elif dataclasses.is_dataclass(result) and not isinstance(result, type):
        for f in dataclasses.fields(result):
            assert_finite(getattr(result, f.name), f"{what}.{f.name}")
    elif isinstance(result, (float, complex, np.ndarray, np.generic)):
        arr = np.asarray(result)
        if arr.dtype.kind in "fc":
            assert np.all(np.isfinite(arr)), f"{what} is not finite: {result!r:.200}"


def contract_test(fn, valid: dict, hostile: dict[str, dict], *, max_examples: int,
                  aliases: dict | None = None):
    """A test: ``fn`` keeps the contract for ``valid`` with any one argument made hostile.

    Every class meets every argument (a hypothesis run per pair, one test item for all);
    the ``max_examples`` are shared among the pairs (at least one each).
    """
    pairs = sorted((arg, kind) for arg, kinds in hostile.items() for kind in kinds)
    per_pair = max(1, round(max_examples / len(pairs)))

    def one_class(arg: str, kind: str):
        @fuzz(per_pair)
        @given(hostile[arg][kind])
        def run(bad):
            keeps_contract(fn, {**valid, arg: bad}, arg, kind, aliases=aliases)
        return run

    def test():
        for arg, kind in pairs:
            one_class(arg, kind)()
    return test
