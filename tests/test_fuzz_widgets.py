"""lessons_lib.widgets' controls under hostile input, by class (see tests/hostile.py).

A slider's opening value is never changed silently: a value inside the grid's range opens
at the closest grid value, one outside is an error that names the range.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from hostile import contract_test, fuzz, integer, keeps_contract, number
from hypothesis import given
from hypothesis import strategies as st

from lessons_lib import plots, widgets

pytest.importorskip("ipywidgets")

LABEL = {"none": st.none(), "number": st.just(3), "seq": st.just(["λ"]), "bool": st.just(True),
         "empty": st.sampled_from(["", "  "])}
#: value=None opens at the first position (slider's default); a huge value: see the tests below
VALUE = {k: v for k, v in number().items() if k not in ("huge", "seq", "none")}
FMT = {"number": st.just(3), "none": st.none(), "str": st.sampled_from(["zz", ".3q"])}
ALIASES = {"values": "values|positions", "value": "value"}

test_slider = contract_test(
    widgets.slider,
    dict(description="λ", values=[0.1, 0.2, 0.4], value=0.2, fmt=".3g"),
    dict(description=LABEL, values={"none": st.none(), "str": st.just("abc"), "number": st.just(3),
                                    "empty": st.just([]), "nan": st.just([0.1, math.nan]),
                                    "too many": st.just(range(10**6))},
         value=VALUE, fmt=FMT),
    max_examples=80, aliases=ALIASES)

test_log_slider = contract_test(
    widgets.log_slider,
    dict(description="λ", value=0.1, min_exp=-3, max_exp=1, step=0.5),
    dict(description=LABEL, value=number(low="pos", exclude=("none",)),
         min_exp={**number(exclude=("huge",)), "far": st.sampled_from([-400.0, 1e6])},
         max_exp={**number(exclude=("huge",)), "far": st.sampled_from([400.0, -5.0])},
         step={**number(low="pos", exclude=("huge",)), "tiny": st.just(1e-9)}),
    max_examples=100, aliases=ALIASES)

test_int_slider = contract_test(
    widgets.int_slider,
    dict(description="n", value=2, low=0, high=5, step=1),
    dict(description=LABEL, value=VALUE, low=integer(low=-10**9), high=integer(low=-10**9),
         step=integer(low=1)),
    max_examples=80, aliases=ALIASES)

test_float_slider = contract_test(
    widgets.float_slider,
    dict(description="p", value=0.3, low=0.0, high=0.6, step=0.1),
    dict(description=LABEL, value=VALUE, low=number(exclude=("huge",)), high=number(exclude=("huge",)),
         step={**number(low="pos", exclude=("huge",)), "tiny": st.just(1e-9)}),
    max_examples=80, aliases=ALIASES)

test_choice = contract_test(
    widgets.choice,
    dict(description="penalty", options=[("L2", "l2"), ("L1", "l1")], value="l1"),
    dict(description=LABEL, options={"none": st.none(), "str": st.just("l2"), "empty": st.just([]),
                                     "pair": st.just([("L2",)]), "label": st.just([(2, "l2")])},
         value={"str": st.just("l3"), "number": st.just(1), "bool": st.just(True)}),
    max_examples=60, aliases={"options": "options", "value": "value"})

test_play = contract_test(
    widgets.play,
    dict(n_steps=10, every=2, interval_ms=100, description="step", value=4),
    dict(n_steps=integer(low=1), every=integer(low=1), interval_ms=integer(low=1), description=LABEL,
         value={**integer(low=0, exclude=("none", "float")), "above": st.just(11)}),
    max_examples=80, aliases=ALIASES)

test_log_grid = contract_test(
    widgets.log_grid,
    dict(min_exp=-2, max_exp=1, step=0.25),
    dict(min_exp=number(exclude=("huge",)), max_exp=number(exclude=("huge",)),
         step={**number(low="pos", exclude=("huge",)), "tiny": st.just(1e-9)}),
    max_examples=60)


# --- the opening value: the closest grid value inside the range, an error outside

@fuzz(150)
@given(st.floats(-1e3, 1e3), st.floats(0.0, 1e3), st.sampled_from([0.1, 0.25, 1.0, 7.0]),
       st.floats(-3e3, 3e3))
def test_float_slider_never_moves_a_value_silently(low, span, step, value):
    high = low + span
    try:
        s = widgets.float_slider("x", value, low, high, step=step)
    except ValueError as err:
        grid = low + step * np.arange(math.floor(span / step + 1e-9) + 1)
        if len(grid) > widgets.MAX_FRAMES:
            assert "positions, more than a panel's" in str(err)
        else:
            assert "is outside the slider's range" in str(err)
            assert not grid.min() - 1e-9 * abs(grid.max()) <= value <= grid.max() + 1e-9 * abs(grid.max())
        return
    grid = np.array([v for _, v in s.options])
    assert grid.min() - 1e-6 <= value <= grid.max() + 1e-6           # inside the range
    assert abs(s.value - value) <= np.min(np.abs(grid - value)) + 1e-9  # at the closest position


@fuzz(100)
@given(st.floats(-6, 2), st.floats(0.25, 6), st.floats(1e-9, 1e4))
def test_log_slider_opens_at_the_closest_position_in_log_scale(min_exp, span, value):
    max_exp = min_exp + span
    grid = widgets.log_grid(min_exp, max_exp, 0.25)
    try:
        s = widgets.log_slider("λ", value, min_exp, max_exp, step=0.25)
    except ValueError as err:
        assert "outside the slider's range" in str(err)
        assert not grid[0] * (1 - 1e-9) <= value <= grid[-1] * (1 + 1e-9)
        return
    assert grid[0] * (1 - 1e-9) <= value <= grid[-1] * (1 + 1e-9)
    assert s.value == grid[np.argmin(np.abs(np.log(grid) - np.log(value)))]


@fuzz(40)
@given(st.sampled_from(["value", "fig", "draw", "title", "header"]), st.data())
def test_live_arguments(arg, draw):
    fig, ax = plots.new_figure(dpi=20)
    kwargs = dict(fig=fig, draw=lambda a: ax.plot([0, a]), title="t", header=None,
                  a=widgets.float_slider("a", 0.5, 0, 1, step=0.5))
    bad = {"value": dict(a=draw.draw(st.sampled_from([0.1, None, "a", [0.1], True]))),
           "fig": dict(fig=draw.draw(st.sampled_from([None, "fig", ax]))),
           "draw": dict(draw=draw.draw(st.sampled_from([None, 3, "draw"]))),
           "title": dict(title=draw.draw(st.sampled_from([None, 3, ["t"]]))),
           "header": dict(header=draw.draw(st.sampled_from(["box", 3])))}[arg]
    name = {"value": "a"}.get(arg, arg)
    keeps_contract(lambda **kw: widgets.live(**kw), {**kwargs, **bad}, name, "none")

