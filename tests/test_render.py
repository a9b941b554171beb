"""Tests for lessons_lib.render: a frame does not depend on the frames drawn before it."""
import numpy as np
import pytest

pytest.importorskip("ipywidgets")
from lessons_lib import plots, render, widgets  # noqa: E402


def restless_draw(ax):
    """A draw whose frames change what empty_axes used to keep: scale, limits, ticks, aspect."""
    x = np.linspace(0.1, 10, 50)

    def draw(k):
        ax.plot(x, x ** (k + 1), color="C0")
        if k == 0:
            ax.set_yscale("log")
            ax.set_xlim(0, 20)
            ax.set_xticks([0, 5, 10, 15, 20])
            ax.set_aspect(0.01)
        elif k == 1:
            ax.set_axis_off()
        ax.set_title(f"frame {k}")
    return draw


@pytest.mark.parametrize("k", [0, 1, 2, 3])
def test_a_frame_is_the_same_first_or_last(k):
    """Frame k rendered right after the default frame, and after all the others: same bytes."""
    pngs = []
    for order in ([k], [j for j in range(4) if j != k] + [k]):
        fig, ax = plots.new_figure(dpi=40)
        renderer = render.FrameRenderer(fig, restless_draw(ax))
        renderer.render({"k": 3})                 # the default frame lays the figure out
        for j in order:
            png, error, _ = renderer.render({"k": j})
        assert error is None
        pngs.append(png)
    assert pngs[0] == pngs[1]


def test_frames_are_order_independent_in_a_panel_too(monkeypatch):
    """Serial and forked rendering visit frames in other orders: the frames agree."""
    frames = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("LESSONS_FRAME_WORKERS", workers)
        fig, ax = plots.new_figure(dpi=30)
        panel = widgets.live(fig, restless_draw(ax), k=widgets.slider("k", list(range(4)) * 1, 3))
        frames[workers] = panel.frames
    assert frames["1"] == frames["2"]


def test_draw_gets_each_value_with_its_position():
    seen = []
    fig, ax = plots.new_figure(dpi=20)

    def draw(lam, penalty):
        seen.append((lam.index, penalty.index, float(lam), str(penalty)))
        ax.plot([0, lam])

    widgets.live(fig, draw, lam=widgets.slider("λ", [0.1, 0.2, 0.4], 0.2),
                 penalty=widgets.choice("penalty", [("L2", "l2"), ("L1", "l1")]))
    assert sorted(seen) == [(i, j, lam, p) for i, lam in enumerate([0.1, 0.2, 0.4])
                            for j, p in enumerate(["l2", "l1"])]


def test_at_keeps_numbers_numbers_and_leaves_other_values_alone():
    assert isinstance(render.at(np.float64(0.5), 2), float) and render.at(0.5, 2).index == 2
    assert isinstance(render.at(3, 1), int) and render.at(3, 1) + 1 == 4
    assert render.at("l1", 0) == "l1" and render.at("l1", 0).index == 0
    assert render.at(True, 1) is True and render.at(None, 0) is None


def test_the_parent_keeps_no_rendering_state(monkeypatch):
    monkeypatch.setenv("LESSONS_FRAME_WORKERS", "2")
    fig, ax = plots.new_figure(dpi=20)
    widgets.live(fig, lambda v: ax.plot([0, v]), v=widgets.int_slider("v", 0, 0, 40))
    assert render._WORKER == {}
