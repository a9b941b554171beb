"""Tests for lessons_lib.widgets, .render and .controls: panels (no browser), frames, controls."""
import base64
import decimal
import functools
import html
import io
import re
import warnings
from fractions import Fraction

import numpy as np
import pytest
import traitlets

ipywidgets = pytest.importorskip("ipywidgets")
from PIL import Image  # noqa: E402

from lessons_lib import plots, render, widgets  # noqa: E402

PNG_MAGIC = b"\x89PNG"


def decode(png) -> np.ndarray:
    """PNG bytes → an int array of RGB pixels."""
    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGB")).astype(int)


class Lesson:
    """A small two-axes lesson: a curve with a legend and a title, and weight bars."""

    def __init__(self):
        self.fig, (self.ax, self.bar_ax) = self.figure()
        self.x = np.linspace(-1, 1, 60)
        self.calls = []

    @staticmethod
    def figure():
        return plots.new_figure(ncols=2, width=3.0, height=2.4, dpi=60)

    def draw_on(self, ax, bar_ax, amp, freq):
        ax.plot(self.x, amp * np.sin(freq * self.x), label="model")
        ax.legend(loc="upper left")
        ax.set(ylim=(-4, 4), title=f"amp {amp:g}, freq {freq:g}")
        plots.weight_bars(bar_ax, amp * np.cos(np.arange(5)), ylim=(-4, 4))

    def draw(self, amp, freq):
        self.calls.append(dict(amp=amp, freq=freq))
        if amp > 3:
            raise RuntimeError(f"amplitude {amp} is too large")
        self.draw_on(self.ax, self.bar_ax, amp, freq)
        return f"amplitude {amp:.2f}, freq {freq:.3g}: a sine of that amplitude"

    def panel(self, **kw):
        return widgets.live(self.fig, self.draw, title="demo",
                            amp=widgets.float_slider("amplitude", 1.5, 0.5, 3.5, step=1.0),
                            freq=widgets.slider("freq", [1.0, 3.0, 9.0], 3.0), **kw)


@pytest.fixture
def lesson():
    return Lesson()


def test_one_frame_per_combination_default_first(lesson):
    panel = lesson.panel()
    assert panel.shape == (4, 3) and len(panel.frames) == 12
    assert all(png.startswith(PNG_MAGIC) for png in panel.frames.values())
    assert lesson.calls[0] == dict(amp=1.5, freq=3.0)            # the default frame first
    assert panel.index() == (1, 1) and panel.values() == dict(amp=1.5, freq=3.0)
    assert panel.frame() == panel.frames[(1, 1)]
    # every frame differs, except the three at amp 3.5, which show the same error
    assert len({bytes(p) for p in panel.frames.values()}) == 10


def test_frames_equal_a_fresh_figure_drawn_from_scratch(lesson):
    """Emptying the axes between frames leaves nothing behind: each frame is what a new
    figure would show."""
    panel = lesson.panel()
    for (i, j), png in panel.frames.items():
        amp, freq = panel.controls["amp"].options[i][1], panel.controls["freq"].options[j][1]
        if amp > 3:
            continue
        fig, (ax, bar_ax) = Lesson.figure()
        renderer = render.FrameRenderer(fig, functools.partial(lesson.draw_on, ax, bar_ax, amp, freq))
        fresh, err, _ = renderer.render({})
        assert err is None
        diff = np.abs(decode(png) - decode(fresh)).max(axis=-1)
        assert (diff > 0).sum() == 0, f"frame {(i, j)} differs from a fresh figure in {(diff > 0).sum()} px"


def test_the_fresh_figure_check_would_catch_a_leftover(lesson):
    frame = lesson.panel().frames[(0, 0)]

    def with_extra_line():
        lesson.draw_on(ax, bar_ax, 0.5, 1.0)
        ax.plot([0, 1], [0, 1])                     # what a stale artist would leave behind
    fig, (ax, bar_ax) = Lesson.figure()
    stale, *_ = render.FrameRenderer(fig, with_extra_line).render({})
    assert decode(stale).shape == decode(frame).shape
    assert not np.array_equal(decode(stale), decode(frame))


def test_serial_and_forked_rendering_agree(monkeypatch):
    def panel():
        lesson = Lesson()
        return widgets.live(lesson.fig, lesson.draw,
                            amp=widgets.float_slider("amplitude", 1.5, 0.5, 3.5, step=0.5),
                            freq=widgets.slider("freq", [1.0, 2.0, 3.0, 9.0], 3.0))
    monkeypatch.setenv("LESSONS_FRAME_WORKERS", "1")
    serial = panel()
    monkeypatch.setenv("LESSONS_FRAME_WORKERS", "2")
    assert len(serial.frames) == 28 >= render.SERIAL_BELOW      # enough frames to fork
    forked = panel()
    assert forked.frames == serial.frames
    assert forked.descriptions == serial.descriptions       # the sentences come back too
    assert serial.descriptions[(2, 3)] == "amplitude 1.50, freq 9: a sine of that amplitude"


def test_frame_workers_setting(monkeypatch):
    monkeypatch.setenv("LESSONS_FRAME_WORKERS", "3")
    assert render.frame_workers() == 3
    monkeypatch.setenv("LESSONS_FRAME_WORKERS", "two")
    with pytest.raises(ValueError, match="LESSONS_FRAME_WORKERS must be a whole number"):
        render.frame_workers()


def test_an_error_shows_in_its_frame_only(lesson, capsys):
    panel = lesson.panel()
    assert sorted(panel.errors) == [(3, 0), (3, 1), (3, 2)]
    assert panel.errors[(3, 0)] == "RuntimeError: amplitude 3.5 is too large"
    assert capsys.readouterr().out == ("demo: 3 of 12 frames show an error, the first at amp=3.5, "
                                       "freq=1: RuntimeError: amplitude 3.5 is too large\n")
    good, bad = decode(panel.frames[(2, 0)]), decode(panel.frames[(3, 0)])
    assert not np.array_equal(good, bad)
    assert (bad[..., 0] - bad[..., 2] > 100).sum() > 50              # vermillion error text
    assert len(lesson.fig.texts) == 0                                # removed after the frame


def test_figure_texts_do_not_pile_up():
    fig, ax = plots.new_figure(dpi=50)

    def draw(k):
        fig.text(0.5, 0.5, f"frame {k}")
        fig.legend(handles=ax.plot([0, k], label=f"k = {k}"))
    panel = widgets.live(fig, draw, k=widgets.int_slider("k", 0, 0, 5))
    assert len(fig.texts) == 0 and len(fig.legends) == 0
    assert len(panel.frames) == 6


def test_warnings_from_draw_are_reported_once():
    fig, ax = plots.new_figure(dpi=50)

    def draw(k):
        warnings.warn("k is large", UserWarning, stacklevel=2)
        ax.plot([0, k])
    with pytest.warns(UserWarning, match="k is large") as record:
        widgets.live(fig, draw, k=widgets.int_slider("k", 0, 0, 7))
    assert len([w for w in record if "k is large" in str(w.message)]) == 1


def test_frames_in_row_major_order_linked_to_the_controls(lesson):
    panel = lesson.panel()                      # amp: 4 positions, freq: 3
    view = panel.children[-1]
    assert isinstance(view, widgets.Frames) and view is panel.view
    assert view.shape == [4, 3] and len(view.frames) == 12
    assert view.frames[2 * 3 + 1] == panel.frames[(2, 1)]             # amp index 2, freq 1
    assert [bytes(f) for f in view.frames] == [panel.frames[k] for k in sorted(panel.frames)]
    assert view.size == [360, 144]                                     # natural size: no blur
    assert (view.i0, view.i1) == panel.index() == (1, 1)
    amp, freq = panel.controls["amp"], panel.controls["freq"]
    assert [(w.source, w.target) for w in panel.links] == [((amp, "index"), (view, "i0")),
                                                           ((freq, "index"), (view, "i1"))]
    assert "lessons-panel" in panel._dom_classes and panel.children[:2] == (amp, freq)
    assert view.description == "demo"
    assert view.descriptions[2 * 3 + 1] == panel.descriptions[(2, 1)] == (
        "amplitude 2.50, freq 3: a sine of that amplitude")
    assert len(view.tiles) == 2 and view.tiles == default_frame_tiles()   # one per axes


def default_frame_tiles():
    """The tiles of a fresh lesson figure laid out on the panel's default frame."""
    fresh = Lesson()
    renderer = render.FrameRenderer(fresh.fig, fresh.draw)
    renderer.render({"amp": 1.5, "freq": 3.0})
    return renderer.tiles


def script(widget_class) -> str:
    esm = widget_class._esm
    return esm.read_text() if hasattr(esm, "read_text") else str(esm)


def test_the_canvas_script_is_shipped_and_reads_the_traits_it_is_sent():
    text = script(widgets.Frames)
    for trait in ("frames", "shape", "size", "description", "descriptions", "tiles"):
        assert f'model.get("{trait}")' in text
    assert "i${k}" in text and widgets.MAX_CONTROLS == 4
    assert all(hasattr(widgets.Frames, f"i{k}") for k in range(widgets.MAX_CONTROLS))
    # the frame's sentence names the canvas and is read out politely once the sliders rest
    for needle in ('"role", "img"', '"aria-label", text', '"aria-live", "polite"', "SETTLE_MS"):
        assert needle in text


# --------------------------------------------------------------------------- text alternatives

def test_draw_returns_each_frame_s_text_alternative():
    fig, ax = plots.new_figure(dpi=20)

    def draw(k, name):
        ax.plot([0, k])
        if k == 3:
            raise ValueError("k = 3 is not drawn")
        return {0: f"  k = {k},\n {name}: a line up to {k} ", 1: None, 2: ["not", "a", "str"]}[k]

    panel = widgets.live(fig, draw, title="lines", k=widgets.int_slider("k", 1, 0, 3),
                         name=widgets.choice("name", [("A", "a"), ("B", "b")]))
    assert panel.descriptions[(0, 1)] == "k = 0, b: a line up to 0"        # one line, trimmed
    assert panel.descriptions[(1, 0)] == "lines: k = 1, name = A"           # no sentence
    assert panel.descriptions[(2, 1)] == "lines: k = 2, name = B"           # not a sentence
    assert panel.descriptions[(3, 0)] == ("lines: k = 3, name = A: this frame shows an error, "
                                          "ValueError: k = 3 is not drawn")
    assert panel.view.descriptions == [panel.descriptions[key] for key in sorted(panel.frames)]


# --------------------------------------------------------------------------- the controls

def test_a_control_refuses_a_position_it_does_not_have():
    s = widgets.slider("λ", [0.1, 0.2, 0.4], 0.2)
    for index in (3, -1):
        with pytest.raises(traitlets.TraitError, match=rf"^'λ': index {index} is not one of the "
                                                       r"control's positions 0 … 2; pick one"):
            s.index = index
    with pytest.raises(ValueError, match=r"^'λ': value 0.3 is not one of the control's values "
                                         r"\[0.1, 0.2, 0.4\]"):
        s.value = 0.3                                  # was not clamped, nor rounded
    assert (s.index, s.value, s.label) == (1, 0.2, "0.2")
    s.value = 0.4
    assert (s.index, s.value, s.label) == (2, 0.4, "0.4")


def test_only_the_index_crosses_to_the_browser_and_jslink_takes_it():
    s = widgets.log_slider("λ", 0.1, -2, 0, step=0.5)
    state = s.get_state()
    assert {k: state[k] for k in ("kind", "description", "labels", "index")} == {
        "kind": "slider", "description": "λ", "labels": ["0.01", "0.0316", "0.1", "0.316", "1"],
        "index": 2}
    assert "value" not in state and "options" not in state
    seen = []
    s.observe(lambda change: seen.append(change["new"]), "index")
    s.index = 4
    assert seen == [4] and s.value == 1.0
    view = widgets.Frames(shape=[5])
    link = ipywidgets.jslink((s, "index"), (view, "i0"))
    assert link.source == (s, "index") and link.target == (view, "i0")


def test_the_controls_script_uses_native_accessible_controls():
    text = script(widgets.Control)
    for needle in (
        'type: "range"', "label.htmlFor = id",                  # a slider named by its label
        '"aria-valuetext", labels()[i]', "readout.textContent = labels()[i]",  # says its readout
        'addEventListener("input", moved)',                       # follows a drag, not just its end
        '"PageUp"', '"PageDown"',                                 # Home/End/arrows are native
        'createElement("fieldset")', 'createElement("legend")', 'type: "radio"',   # a choice
        'createElement("button")', '"Play"', '"Pause"',          # a Play button with a name
    ):
        assert needle in text, needle


def test_more_controls_than_the_canvas_takes_is_an_error(lesson):
    fig, ax = plots.new_figure(dpi=20)
    controls = {f"c{k}": widgets.int_slider(f"c{k}", 0, 0, 1) for k in range(5)}
    with pytest.raises(ValueError, match="1 to 4 controls, got 5; split it"):
        widgets.live(fig, lambda **v: ax.plot(list(v.values())), **controls)


def test_repr_mimebundle_has_the_frame_shown_with_its_sentence_and_a_widget_view(lesson):
    """Without the widget (no kernel), a viewer shows the frame now selected as an <img>
    whose alt is that frame's sentence, or the PNG with the sentence in its metadata."""
    panel = lesson.panel()
    panel.controls["freq"].index = 2
    bundle, metadata = panel._repr_mimebundle_()
    shown, sentence = panel.frames[(1, 2)], panel.descriptions[(1, 2)]
    assert base64.b64decode(bundle["image/png"]) == shown and panel.frames[(1, 1)] != shown
    assert metadata == {"image/png": {"alt": sentence}}
    img = re.fullmatch(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)">', bundle["text/html"])
    assert base64.b64decode(img.group(1)) == shown and html.unescape(img.group(2)) == sentence
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == panel.model_id
    assert bundle["text/plain"] == "<live panel: demo>"


def test_live_errors(lesson):
    amp = widgets.float_slider("a", 1.0, 0, 2, step=0.5)
    with pytest.raises(TypeError, match="draw must be a function"):
        widgets.live(lesson.fig, None, amp=amp)
    with pytest.raises(TypeError, match="control 'amp' must be a slider"):
        widgets.live(lesson.fig, lesson.draw, amp=1.0)
    with pytest.raises(TypeError, match="at least one control"):
        widgets.live(lesson.fig, lesson.draw)
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        widgets.live("fig", lesson.draw, amp=amp)
    with pytest.raises(TypeError, match="header must be an ipywidgets widget"):
        widgets.live(lesson.fig, lesson.draw, header="box", amp=amp)
    big = widgets.int_slider("n", 0, 0, 99)
    with pytest.raises(ValueError, match=r"100 n × 100 m = 10000 frames, more than 600"):
        widgets.live(lesson.fig, lesson.draw, n=big, m=widgets.int_slider("m", 0, 0, 99))


# --------------------------------------------------------------------------- controls

def test_log_slider_is_log_spaced_with_readable_labels():
    s = widgets.log_slider("λ", 1e-2, -4, 1, step=0.25)
    values = [v for _, v in s.options]
    np.testing.assert_array_equal(values, widgets.log_grid(-4, 1, 0.25))
    np.testing.assert_allclose(np.diff(np.log10(values)), 0.25)
    assert s.value == pytest.approx(1e-2) and s.label == "0.01"
    assert s.options[3][0] == "0.000562" and s.description == "λ"
    assert s.labels == [label for label, _ in s.options] and s.kind == "slider"


# Every grid the course builds (lessons_lib.answers and notebooks_src), and a few more.
COURSE_GRIDS = [(-7, 2, 0.125), (-7, 2, 0.5), (-4, 1, 0.5), (-4, 1, 0.25), (-3, 1, 0.125),
                (-3, 0, 1), (-3, -2, 0.5), (-3, 0.375, 0.125), (-2, 0.5, 0.125), (-2, 0.5, 0.25),
                (-2, -0.5, 0.25), (-2, -0.5, 0.75), (-2, -0.75, 0.125), (-2, 1, 0.5),
                (-2.375, 0.25, 0.375), (-1, 0.75, 0.125), (-1, 1, 0.5)]


def power_of_ten(exponent: Fraction) -> float:
    """The reference: 10**exponent to 80 significant digits, rounded once to a float."""
    with decimal.localcontext(decimal.Context(prec=80)):
        e = decimal.Decimal(exponent.numerator) / exponent.denominator
        return float(decimal.Decimal(10) ** e)


@pytest.mark.parametrize("grid", COURSE_GRIDS)
def test_log_grid_values_are_powers_of_ten_correctly_rounded(grid):
    # The old 10.0 ** np.arange(...) missed 7 of (-7, 2, 0.125)'s 73 values by one ulp with
    # NumPy 2.4 on an AVX-512 machine, and 22 with NumPy 1.26 (10**-1.0 = 0.09999999999999999).
    low, high, step = (Fraction(x) for x in grid)
    n = int((high - low) / step) + 1
    values = widgets.log_grid(*grid)
    assert values.dtype == np.float64
    assert values.tolist() == [power_of_ten(low + k * step) for k in range(n)]


def test_log_grid_decades_are_the_floats_typed_in_code():
    assert widgets.log_grid(-2, -0.5, 0.25)[4] == 0.1                  # notebook 6's grid
    assert widgets.log_grid(-7, 2, 0.125)[::8].tolist() == [float(f"1e{k}") for k in range(-7, 3)]
    assert widgets.log_grid(-4, 1, 0.5)[::2].tolist() == [1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0]


def test_log_grid_reads_its_arguments_as_the_decimals_they_print_as():
    grid = widgets.log_grid(0, 1, 0.1)                  # one tenth, not 0.1000000000000000055…
    assert len(grid) == 11 and grid[0] == 1.0 and grid[-1] == 10.0
    assert grid[3] == power_of_ten(Fraction(3, 10))
    assert len(widgets.log_grid(-1, 0.3, 0.25)) == 6    # stops at the last exponent < 0.3 + 0.125
    assert widgets.log_grid(np.float64(-1.0), np.float64(0.0), np.float64(0.5)).tolist() == \
        widgets.log_grid(-1, 0, 0.5).tolist()


def test_slider_opens_at_the_closest_value():
    assert widgets.slider("x", [0.0, 0.5, 1.0], 0.6).index == 1
    assert widgets.log_slider("λ", 0.002, -3, 0, step=1).value == pytest.approx(1e-3)
    assert widgets.slider("x", [1, 2, 3]).index == 0


@pytest.mark.parametrize("make, match", [
    (lambda: widgets.log_slider("λ", 1.0, 1, 1), "max_exp must exceed min_exp"),
    (lambda: widgets.log_slider("λ", 1.0, -3, 1, step=0), "step must be in the range"),
    (lambda: widgets.slider("x", []), "values is empty"),
    (lambda: widgets.slider("x", [0.001, 0.0011], fmt=".1g"), "both read '0.001'.*fmt='.4g'"),
    (lambda: widgets.int_slider("n", 5, 10, 0), "high must be >= low"),
    (lambda: widgets.float_slider("p", 0.1, 0.5, 0.0, step=0.1), "high must be >= low"),
    (lambda: widgets.choice("penalty", [("L2", "l2")], "l3"), "'l3' is not one of"),
    (lambda: widgets.slider("x", ["a", "b"], "c"), "'c' is not one of the slider's values"),
])
def test_control_errors(make, match):
    with pytest.raises((TypeError, ValueError), match=match):
        make()


def test_int_float_and_choice_controls():
    n = widgets.int_slider("points", 16, 8, 60, step=4)
    assert [v for _, v in n.options] == list(range(8, 61, 4)) and n.value == 16 and n.label == "16"
    p = widgets.float_slider("p", 0.3, 0.0, 0.6, step=0.1, fmt=".1f")
    assert [v for _, v in p.options] == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] and p.label == "0.3"
    c = widgets.choice("penalty", [("L2", "l2"), ("L1", "l1")], "l1")
    assert c.kind == "choice" and c.index == 1 and c.value == "l1" and c.labels == ["L2", "L1"]


def test_play_drives_the_step_slider_in_the_browser():
    box, step = widgets.play(10, interval_ms=50, value=3)
    player = box.children[0]
    assert isinstance(player, widgets.Control) and player.kind == "play"
    assert (player.index, player.labels, player.interval) == (3, step.labels, 50)
    assert step.value == 3 and len(step.options) == 11
    (link,) = box.links
    assert link.source == (player, "index") and link.target == (step, "index")


def test_play_every_few_steps():
    box, step = widgets.play(99, every=3, value=24)
    assert [v for _, v in step.options] == list(range(0, 100, 3)) and step.value == 24
    assert len(box.children[0].labels) == 34 and box.children[0].index == 8


def test_a_play_header_is_shown_once():
    fig, ax = plots.new_figure(dpi=40)
    box, step = widgets.play(3)
    panel = widgets.live(fig, lambda t: ax.plot([0, t]), header=box, t=step)
    assert panel.children[0] is box and step not in panel.children[1:]
    assert len(panel.frames) == 4


def test_progress_bar_shows_only_when_slow_and_leaves_no_output(monkeypatch):
    import IPython
    import IPython.display

    shown, clock = [], iter([0.0, 0.5, 1.0])                 # 0.5 s per frame after the first

    class Handle:
        def update(self, data, raw=False):
            shown.append(("update", data, raw))

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display",
                        lambda obj, display_id=False: shown.append(("display", obj)) or Handle())
    monkeypatch.setattr(render.time, "perf_counter", lambda: next(clock))
    fast = render._Progress(total=3)                        # 2 frames left × 0.5 s < 2 s
    fast.update(1)
    fast.update(2)
    fast.close()
    assert shown == []
    clock = iter([0.0, 0.5])
    slow = render._Progress(total=20)                       # 18 left × 0.5 s > 2 s
    slow.update(1)
    slow.update(2)
    assert shown[0][0] == "display" and isinstance(shown[0][1], ipywidgets.IntProgress)
    assert shown[0][1].value == 2 and shown[0][1].max == 20
    slow.close()
    assert shown[-1] == ("update", {}, True)                 # an empty bundle: no output left


# --------------------------------------------------------------------------- hostile input

CONTROLS = {
    "slider": lambda description, **kw: widgets.slider(description, [0.1, 0.2, 0.3], **kw),
    "log_slider": lambda description, **kw: widgets.log_slider(description, 0.1, -2, 0, **kw),
    "int_slider": lambda description, **kw: widgets.int_slider(description, 1, 0, 3, **kw),
    "float_slider": lambda description, **kw: widgets.float_slider(description, 0.5, 0, 1, step=0.25, **kw),
    "choice": lambda description, **kw: widgets.choice(description, ["l2", "l1"], **kw),
}


@pytest.mark.parametrize("make", CONTROLS.values(), ids=CONTROLS)
@pytest.mark.parametrize("description", [None, 3, ["λ"]])
def test_a_control_names_a_bad_description(make, description):
    # was: traitlets' "The 'description' trait of a SelectionSlider instance expected a unicode string"
    with pytest.raises(TypeError, match=r"^description must be the control's label as a str, such as 'λ'"):
        make(description)
    with pytest.raises(ValueError, match=r"^description is empty"):
        make("  ")


@pytest.mark.parametrize("make, shown", [
    (lambda: widgets.slider("x", [1, 2, 3], 10), r"value=10 is outside the slider's range \[1, 3\]"),
    (lambda: widgets.log_slider("λ", 1e5, -2, 0), r"value=100000 is outside the slider's range \[0.01, 1\]"),
    (lambda: widgets.log_slider("λ", 1e-3, -2, 0), r"value=0.001 is outside the slider's range \[0.01, 1\]"),
    (lambda: widgets.int_slider("n", 100, 0, 3), r"value=100 is outside the slider's range \[0, 3\]"),
    (lambda: widgets.float_slider("p", -0.5, 0, 1, step=0.25), r"value=-0.5 is outside the slider's range \[0, 1\]"),
    (lambda: widgets.play(10, value=11), r"value=11 is outside the slider's range \[0, 10\]"),
])
def test_a_value_outside_the_range_is_an_error(make, shown):
    # was: clamped to the nearest end of the grid
    with pytest.raises(ValueError, match=shown + r"; pass a value in it"):
        make()


def test_float_slider_keeps_low_exactly():
    # was: the grid started at round(low, 12), so float_slider("x", 3.7e-44, 3.7e-44, 1, ...)
    # refused its own low as outside the range [0, 1]
    s = widgets.float_slider("x", 3.7e-44, 3.7e-44, 1.0, step=0.5)
    assert s.value == 3.7e-44


def test_a_value_inside_the_range_opens_at_the_closest_position():
    assert widgets.float_slider("p", 0.3, 0, 1, step=0.25).value == 0.25
    assert widgets.log_slider("λ", 10**0.3, -2, 0.5, step=0.5).value == pytest.approx(10**0.5)
    assert widgets.log_slider("λ", 1e-7, -7, 2, step=0.5).index == 0       # 10.0**-7 vs the literal 1e-7
    assert widgets.int_slider("n", 2.6, 0, 3).value == 3


@pytest.mark.parametrize("make, error, match", [
    (lambda: widgets.slider("x", [1, 2, 3], True), TypeError, r"'x': value=True is a bool"),   # was: index 0
    (lambda: widgets.choice("n", [0, 1], False), TypeError, r"'n': value=False is a bool"),      # was: 0
    (lambda: widgets.slider("x", [0.1, float("nan")]), ValueError, r"'x': values\[1\] is nan"),
    (lambda: widgets.slider("x", None), TypeError, r"'x': values must be a sequence"),
    (lambda: widgets.slider("x", "abc"), TypeError, r"'x': values must be a sequence"),
    (lambda: widgets.slider("x", [0.1, 0.2], fmt=3), TypeError, r"'x': fmt must be a format spec"),
    (lambda: widgets.slider("x", [0.1, 0.2], fmt="zz"), ValueError, r"'x': fmt='zz' cannot format the value 0.1"),
    (lambda: widgets.slider("x", range(10**9)), ValueError, r"'x': 1e\+09 positions, more than a panel's 600"),
    (lambda: widgets.float_slider("x", 0.5, 0, 1, step=1e-9), ValueError, r"'x': 1e\+09 positions"),
    (lambda: widgets.float_slider("x", 0.5, 0, 1, step=1e-12), ValueError, r"step must be in the range \[1e-10"),
    (lambda: widgets.log_slider("λ", [0.1], -2, 0), ValueError, r"value \[0.1\] is not one of"),  # was: 0.1
    (lambda: widgets.float_slider("x", 0, -1e308, 1e308, step=1), ValueError, r"'x': inf positions"),
    (lambda: widgets.log_slider("λ", 0.1, -4, 1, step=1e-9), ValueError, r"step=1e-09 would make 5e\+09 values"),
    (lambda: widgets.log_grid(-1, 400), ValueError, r"max_exp must be in the range \[-300, 300\].*overflow"),
    (lambda: widgets.choice("c", [("L2", "l2"), ("L1",)]), TypeError, r"'c': options must be \(label, value\) pairs"),
    (lambda: widgets.choice("c", "ab"), TypeError, r"'c': options must be a sequence"),
])
def test_control_arguments_are_checked_by_name(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_live_says_how_to_make_a_control_from_a_bare_number(lesson):
    # was: "...; got float." without saying what to write instead
    with pytest.raises(TypeError, match=r"^control 'lam' must be a slider from lessons_lib.widgets, got 0.1 of "
                                        r"type float. Wrap the values in one, e.g. lam=widgets.log_slider\('lam'"):
        widgets.live(lesson.fig, lesson.draw, lam=0.1)
    with pytest.raises(TypeError, match=r"^title must be a str"):
        widgets.live(lesson.fig, lesson.draw, title=None, amp=widgets.float_slider("a", 1.0, 0, 2, step=0.5))
