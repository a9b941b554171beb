"""lessons_lib.plots under hostile input, by class (see tests/hostile.py for the contract).

Curves may hold NaN (matplotlib draws a gap), so NaN is not a hostile class for them.
"""
from __future__ import annotations

import numpy as np
from hostile import array, contract_test, flag, integer, number
from hypothesis import strategies as st

from lessons_lib import plots

FIG, AX = plots.new_figure(dpi=20)
CURVE = array((6,), exclude=("nan",))
OPTIONAL = {k: v for k, v in CURVE.items() if k != "none"}      # None: not drawn
LAMS = {**array((6,), nonneg=True, exclude=("nan",)), "zero": st.just(np.zeros(6))}    # a log axis
AXES = {"none": st.none(), "str": st.just("ax"), "figure": st.just(FIG), "seq": st.just([AX])}
X6 = np.linspace(-1, 1, 6)


def _on_fresh_axes(fn):
    def call(**kwargs):
        AX.cla()
        return fn(**kwargs)
    return call


test_new_figure = contract_test(
    plots.new_figure,
    dict(ncols=1, nrows=1, width=2.0, height=1.5, dpi=20),
    dict(ncols=integer(low=1), nrows=integer(low=1), width=number(low="pos"), height=number(low="pos"),
         dpi=number(low="pos")),
    max_examples=60)

test_fit_plot = contract_test(
    _on_fresh_axes(plots.fit_plot),
    dict(ax=AX, x=X6, y=X6**2, x_grid=X6, y_grid=X6**2, truth=X6),
    dict(ax=AXES, x=CURVE, y=CURVE, x_grid=CURVE, y_grid=CURVE, truth={**OPTIONAL, "length": st.just(np.ones(5))}),
    max_examples=50)

test_weight_bars = contract_test(
    _on_fresh_axes(plots.weight_bars), dict(ax=AX, w=X6), dict(ax=AXES, w=CURVE), max_examples=30)

test_loss_curves = contract_test(
    _on_fresh_axes(plots.loss_curves),
    dict(ax=AX, steps=np.arange(6.0), train=X6 + 2, val=X6 + 3, log=True),
    dict(ax=AXES, steps=CURVE, train=CURVE, val={**OPTIONAL, "length": st.just(np.ones(5))}, log=flag()),
    max_examples=40)

test_lam_curves = contract_test(
    _on_fresh_axes(plots.lam_curves),
    dict(ax=AX, lams=np.logspace(-3, 0, 6), train=X6 + 2, val=X6 + 3),
    dict(ax=AXES, lams=LAMS,
         train=CURVE, val=CURVE),
    max_examples=40)

test_coef_paths = contract_test(
    _on_fresh_axes(plots.coef_paths),
    dict(ax=AX, lams=np.logspace(-3, 0, 6), coefs=np.ones((6, 2)), highlight=np.array([True, False])),
    dict(ax=AXES, lams=LAMS, coefs=array((6, 2), exclude=("nan",)),
         highlight={"number": st.just(np.ones(2)), "length": st.just(np.ones(3, bool)), "str": st.just("ab")}),
    max_examples=40)

test_paired_bars = contract_test(
    _on_fresh_axes(plots.paired_bars),
    dict(ax=AX, series={"a": X6, "b": X6}, legend=True),
    dict(ax=AXES, series={"none": st.none(), "empty": st.just({}), "seq": st.just([X6]),
                          "length": st.just({"a": X6, "b": X6[:5]}), "str": st.just({"a": "abc"})},
         legend=flag()),
    max_examples=40)

test_message = contract_test(
    _on_fresh_axes(plots.message), dict(ax=AX, text="hi"),
    dict(ax=AXES, text={"none": st.none(), "number": st.just(3), "seq": st.just(["a"])}), max_examples=20)



test_figure_bundle = contract_test(
    plots.figure_bundle, dict(fig=FIG, alt="Training MSE falls from 1.2 to 0.3."),
    dict(fig={"none": st.none(), "str": st.just("fig"), "axes": st.just(AX), "seq": st.just([FIG])},
         alt={"none": st.none(), "number": st.sampled_from([3, 0.5, float("nan")]),
              "seq": st.just(["a description"]), "blank": st.sampled_from(["", " ", "\n\t"]),
              "generic": st.sampled_from(sorted(plots.GENERIC_ALT) + ["A figure.", "the plot"]),
              "path": st.sampled_from(["../_images/3f2a.png", "overview.png", "docs/overview"])}),
    max_examples=20)
