"""Tests for lessons_lib.widgets: live panels (no browser), blitting correctness and controls."""
import base64
import io
import re

import numpy as np
import pytest

ipywidgets = pytest.importorskip("ipywidgets")
from PIL import Image  # noqa: E402

from lessons_lib import plots, widgets  # noqa: E402

PNG_MAGIC = b"\x89PNG"
JPEG_MAGIC = b"\xff\xd8\xff"


def decode(png) -> np.ndarray:
    """PNG bytes → an int array of RGBA pixels."""
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGBA")).astype(int)


def full_draw(fig) -> np.ndarray:
    """The figure drawn from scratch, without blitting: animated flags cleared, then savefig."""
    artists = [a for a in fig.findobj() if a is not fig]
    flags = [a.get_animated() for a in artists]
    for a in artists:
        a.set_animated(False)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    for a, flag in zip(artists, flags):
        a.set_animated(flag)
    return decode(buf.getvalue())


def assert_same_pixels(png, fig, max_diff=2, corner_pixels=8):
    """The live PNG equals a full draw up to rounding (stale or missing artists differ by ~255).

    Legends are pasted back from the background as rectangles, so where data passes
    under a legend, the few pixels just outside its rounded corners may differ.
    """
    live, ref = decode(png), full_draw(fig)
    assert live.shape == ref.shape
    bad = np.abs(live - ref).max(axis=-1) > max_diff
    assert bad.sum() <= corner_pixels, f"{bad.sum()} pixels differ"


class Lesson:
    """A small two-axes lesson: a fit curve, weight bars, a message and a title."""

    def __init__(self):
        self.fig, (self.ax, self.bar_ax) = plots.new_figure(2, width=3.0, height=2.4, dpi=60)
        self.x = np.linspace(-1, 1, 60)
        pts = self.x[::6]
        self.points, self.line = plots.fit_plot(self.ax, pts, np.sin(3 * pts), self.x,
                                                np.sin(self.x), truth=np.sin(3 * self.x))
        self.bars = plots.weight_bars(self.bar_ax, np.ones(5), ylim=(-3, 3))
        self.msg = plots.message(self.ax)
        self.calls = []

    def update(self, amp, freq, zoom=1):
        self.calls.append(dict(amp=amp, freq=freq, zoom=zoom))
        if amp > 5:
            raise RuntimeError(f"amplitude {amp} is too large")
        self.line.set_ydata(np.clip(amp * np.sin(freq * self.x), -2.5, 2.5))
        plots.set_bars(self.bars, amp * np.cos(freq * np.arange(5)))
        plots.set_message(self.msg, "clipped" if amp > 2 else "")
        self.ax.set_title(f"amp = {amp:.2f}")
        self.bar_ax.set_ylim(-3 * zoom, 3 * zoom)

    def panel(self, **kwargs):
        controls = dict(amp=widgets.float_slider("amp", 1.0, 0.0, 10.0, step=0.1),
                        freq=widgets.log_slider("freq", 1.0, -1, 1),
                        zoom=widgets.int_slider("zoom", 1, 1, 3))
        controls.update(kwargs)
        return widgets.live(self.fig, self.update, title="demo", **controls)


@pytest.fixture()
def lesson():
    return Lesson()


def test_live_builds_a_panel_and_draws_once(lesson):
    panel = lesson.panel()
    assert isinstance(panel, widgets.LivePanel) and isinstance(panel, ipywidgets.VBox)
    assert lesson.calls == [dict(amp=1.0, freq=1.0, zoom=1)]
    assert bytes(panel.image.value).startswith(JPEG_MAGIC)   # live frames are JPEG
    assert bytes(panel.image.value) == panel.figure.frame
    assert panel.figure.png.startswith(PNG_MAGIC)             # the same frame, lossless
    assert panel.figure.full_redraws == 1
    assert panel.values() == dict(amp=1.0, freq=1.0, zoom=1)
    assert panel.image in panel.children and panel.status in panel.children
    assert re.search(r"last update \d+ ms", panel.status.value)


def test_changing_a_control_calls_update_with_all_values(lesson):
    panel = lesson.panel()
    before = bytes(panel.image.value)
    panel.controls["amp"].value = 2.0
    assert lesson.calls[-1] == dict(amp=2.0, freq=1.0, zoom=1)
    panel.controls["freq"].value = 10.0
    assert lesson.calls[-1] == dict(amp=2.0, freq=10.0, zoom=1)
    assert len(lesson.calls) == 3
    after = bytes(panel.image.value)
    assert after.startswith(JPEG_MAGIC) and after != before
    assert panel.figure.full_redraws == 1                    # blitted: limits did not change
    assert panel.last_ms > 0


def test_blitted_frames_equal_a_full_draw(lesson):
    panel = lesson.panel()
    assert_same_pixels(panel.figure.png, lesson.fig)
    # (3.5, 0.2): bars beyond the axes' top edge, which must stay under the frame.
    for amp, freq in [(2.0, 3.0), (3.5, 0.2), (0.3, 10.0)]:
        panel.controls["amp"].value = amp
        panel.controls["freq"].value = freq
        assert_same_pixels(panel.figure.png, lesson.fig)    # no stale pixels from old frames
    assert panel.figure.full_redraws == 1


def test_the_pixel_check_would_catch_a_stale_frame(lesson):
    panel = lesson.panel()
    stale = bytes(panel.image.value)
    lesson.update(3.0, 5.0)                                  # change artists without repainting
    with pytest.raises(AssertionError):
        assert_same_pixels(stale, lesson.fig)


def test_same_values_give_the_same_pixels(lesson):
    panel = lesson.panel()
    first = decode(panel.figure.png)
    panel.controls["amp"].value = 3.0
    panel.controls["amp"].value = 1.0
    np.testing.assert_array_equal(decode(panel.figure.png), first)


def test_axis_limit_change_triggers_a_full_redraw(lesson):
    panel = lesson.panel()
    panel.controls["zoom"].value = 2
    assert lesson.bar_ax.get_ylim() == (-6, 6)
    assert panel.figure.full_redraws == 2
    assert_same_pixels(panel.figure.png, lesson.fig)        # new ticks are in the background
    panel.controls["amp"].value = 2.5
    assert panel.figure.full_redraws == 2
    assert_same_pixels(panel.figure.png, lesson.fig)


def test_new_artist_triggers_a_full_redraw(lesson):
    panel = lesson.panel()
    lesson.ax.axvline(0.0, color=plots.COLORS["grey"])
    panel.refresh()
    assert panel.figure.full_redraws == 2
    assert_same_pixels(panel.figure.png, lesson.fig)


def test_an_error_in_update_keeps_the_widget_alive(lesson, capsys):
    panel = lesson.panel()
    panel.controls["amp"].value = 2.0
    good = decode(panel.figure.png)
    panel.controls["amp"].value = 6.0                        # update raises; no exception here
    assert isinstance(panel._error, RuntimeError)
    error_text = lesson.fig._live_error_text
    assert error_text.get_visible()
    assert error_text.get_text() == "RuntimeError: amplitude 6.0 is too large"
    assert "error" in panel.status.value
    assert "RuntimeError" in capsys.readouterr().err         # the traceback is printed
    assert bytes(panel.image.value).startswith(JPEG_MAGIC)
    assert not np.array_equal(decode(panel.figure.png), good)   # the error is in the figure
    assert_same_pixels(panel.figure.png, lesson.fig)
    panel.controls["amp"].value = 2.0                        # the next good value works again
    assert panel._error is None
    assert not error_text.get_visible()                      # and the error is gone
    assert "error" not in panel.status.value
    np.testing.assert_array_equal(decode(panel.figure.png), good)
    panel.controls["amp"].value = 7.0                        # a second error reuses the text
    assert sum(t.get_visible() for t in lesson.fig.texts) == 1
    assert "7.0" in error_text.get_text()


def test_repr_mimebundle_has_png_and_widget_view(lesson):
    panel = lesson.panel()
    bundle = panel._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == panel.figure.png
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_MAGIC)
    view = bundle["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == panel.model_id
    assert "demo" in bundle["text/plain"]


def test_static_panel_without_ipywidgets(lesson, monkeypatch):
    monkeypatch.setattr(widgets, "LivePanel", None)
    panel = widgets.live(lesson.fig, lesson.update, title="demo", amp=2.0, freq=3.0)
    assert isinstance(panel, widgets.StaticPanel)
    assert lesson.calls == [dict(amp=2.0, freq=3.0, zoom=1)]
    bundle = panel._repr_mimebundle_()
    assert set(bundle) == {"image/png", "text/plain"}
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(PNG_MAGIC)
    assert_same_pixels(png, lesson.fig)


def test_live_errors(lesson):
    with pytest.raises(TypeError, match="update must be a function"):
        widgets.live(lesson.fig, None, amp=widgets.float_slider("a", 1.0, 0, 2, step=0.1))
    with pytest.raises(TypeError, match="control 'amp' must be an ipywidgets control"):
        widgets.live(lesson.fig, lesson.update, amp=1.0)


# --------------------------------------------------------------------------- controls

def test_log_slider():
    s = widgets.log_slider("λ", 1e-2, -4, 1, step=0.25, fmt=".2e")
    assert isinstance(s, ipywidgets.FloatLogSlider)
    assert (s.base, s.min, s.max, s.step) == (10, -4, 1, 0.25)
    assert s.value == pytest.approx(1e-2)
    assert s.readout_format == ".2e" and s.continuous_update and s.description == "λ"


@pytest.mark.parametrize("args, kwargs, match", [
    ((1.0, 1, 1), {}, "max_exp must exceed min_exp"),
    ((1.0, 2, -1), {}, "max_exp must exceed min_exp"),
    ((1.0, -1, 1), dict(step=0.0), "step must be in the range \\(0, inf\\)"),
    ((1.0, -1, 1), dict(step=-0.5), "step must be in the range"),
])
def test_log_slider_errors(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        widgets.log_slider("λ", *args, **kwargs)


def test_int_and_float_sliders():
    i = widgets.int_slider("degree", 3, 1, 15)
    assert isinstance(i, ipywidgets.IntSlider) and (i.value, i.min, i.max) == (3, 1, 15)
    f = widgets.float_slider("ρ", 0.5, 0.0, 1.0, step=0.05)
    assert isinstance(f, ipywidgets.FloatSlider) and (f.value, f.step) == (0.5, 0.05)
    assert i.continuous_update and f.continuous_update


def test_play():
    box, slider = widgets.play(40, interval_ms=50)
    assert isinstance(box, ipywidgets.HBox) and isinstance(slider, ipywidgets.IntSlider)
    player = box.children[0]
    assert isinstance(player, ipywidgets.Play) and player.interval == 50
    assert (player.max, slider.max, slider.value) == (40, 40, 0)
    with pytest.raises(ValueError, match="n_steps must be an integer >= 1"):
        widgets.play(0)


def test_live_with_a_play_header(lesson):
    box, step = widgets.play(5)
    seen = []
    panel = widgets.live(lesson.fig, lambda t, amp: seen.append((t, amp)), header=box, t=step,
                         amp=widgets.float_slider("amp", 1.0, 0.0, 2.0, step=0.1))
    assert panel.children[0] is box                          # Play button + slider on top
    shown = panel.children[1].children
    assert step not in shown and panel.controls["amp"] in shown   # the step slider once only
    step.value = 3                                           # what the Play button does
    assert seen == [(0, 1.0), (3, 1.0)]
    with pytest.raises(TypeError, match="header must be an ipywidgets widget"):
        widgets.live(lesson.fig, lesson.update, header="play", amp=widgets.float_slider(
            "amp", 1.0, 0.0, 2.0, step=0.1))


# --------------------------------------------------------------------------- nearest

def test_nearest_log_and_linear():
    grid = [1.0, 10.0, 100.0]
    assert widgets.nearest(grid, 40.0) == 2                  # log: 40 is nearer 100 than 10
    assert widgets.nearest(grid, 40.0, log=False) == 1       # linear: 40 is nearer 10
    assert widgets.nearest(grid, 10.0) == 1
    assert widgets.nearest(grid, 1e-6) == 0 and widgets.nearest(grid, 1e6) == 2
    lams = np.logspace(-4, 1, 41)
    for i in (0, 7, 40):
        assert widgets.nearest(lams, lams[i] * 1.01) == i
    assert widgets.nearest([-1.0, 0.0, 2.0], -0.4, log=False) == 1


def test_nearest_errors():
    with pytest.raises(ValueError, match="positive value and grid"):
        widgets.nearest([1.0, 10.0], 0.0)
    with pytest.raises(ValueError, match="pass log=False"):
        widgets.nearest([0.0, 1.0], 0.5)
    with pytest.raises(ValueError, match="non-empty 1-D"):
        widgets.nearest([], 1.0)
    with pytest.raises(ValueError, match="non-empty 1-D"):
        widgets.nearest([1.0, np.nan], 1.0)
    with pytest.raises(ValueError, match="value must be a finite number"):
        widgets.nearest([1.0, 2.0], np.nan)
