"""Tests for lessons_lib.plots: each helper draws on the given Axes and returns its artists."""
import base64
from html.parser import HTMLParser

import matplotlib
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from lessons_lib import plots
from lessons_lib.plots import COLORS

PALETTE = {c.lower() for c in COLORS.values()}


def hexes(colors) -> set[str]:
    return {to_hex(c) for c in colors}


@pytest.fixture()
def ax():
    _, ax = plots.new_figure()
    return ax


def test_palette_is_okabe_ito():
    assert len(PALETTE) == len(COLORS) == 9
    assert COLORS["vermillion"] == "#D55E00" and COLORS["blue"] == "#0072B2"
    for c in (plots.TRAIN, plots.VAL, plots.TRUE, plots.L2C, plots.L1C, plots.ENC):
        assert c.lower() in PALETTE


def test_new_figure_single_and_grid():
    rc_before = dict(matplotlib.rcParams)
    fig, ax = plots.new_figure(width=3.0, height=2.0, dpi=80)
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    assert tuple(fig.get_size_inches()) == (3.0, 2.0) and fig.dpi == 80
    fig2, axes = plots.new_figure(ncols=3, nrows=2, width=2.0, height=1.5)
    assert axes.shape == (2, 3) and len(fig2.axes) == 6
    assert tuple(fig2.get_size_inches()) == (6.0, 3.0)
    _, polar = plots.new_figure(projection="polar")
    assert polar.name == "polar"
    assert dict(matplotlib.rcParams) == rc_before             # no global state changed


def test_new_figure_is_not_managed_by_pyplot():
    fig, _ = plots.new_figure()
    assert fig.canvas.manager is None                        # no pyplot window or figure number


def test_fit_plot(ax):
    x, y = np.array([-0.5, 0.0, 0.5]), np.array([0.1, 0.2, -0.3])
    grid = np.linspace(-1, 1, 11)
    points, line = plots.fit_plot(ax, x, y, grid, 10 * grid, truth=np.sin(grid), label="deg 9")
    assert isinstance(points, PathCollection) and isinstance(line, Line2D)
    np.testing.assert_array_equal(points.get_offsets(), np.c_[x, y])
    np.testing.assert_array_equal(line.get_ydata(), 10 * grid)     # the axes clip, not the data
    assert ax.get_ylim() == (-2.5, 2.5)
    assert len(ax.lines) == 2                                 # the truth and the fit
    assert to_hex(ax.lines[0].get_color()) == COLORS["grey"].lower()
    assert to_hex(line.get_color()) == COLORS["blue"].lower()
    assert hexes(points.get_facecolor()) == {COLORS["black"]}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "true function", "training points", "deg 9"]
    line.set_ydata(np.zeros_like(grid))                       # updatable in place
    assert ax.lines[-1] is line and np.all(line.get_ydata() == 0)


def test_fit_plot_without_truth_and_custom_style(ax):
    _, line = plots.fit_plot(ax, [0.0], [0.0], [0.0, 1.0], [0.0, 1.0], color=COLORS["vermillion"],
                             ylim=(-1, 1))
    assert len(ax.lines) == 1 and ax.get_ylim() == (-1, 1)
    assert to_hex(line.get_color()) == COLORS["vermillion"].lower()


def test_weight_bars(ax):
    bars = plots.weight_bars(ax, [1.0, -2.0, 0.5], ylim=(-3, 3))
    assert isinstance(bars, BarContainer) and len(bars) == 3
    assert [b.get_height() for b in bars] == [1.0, -2.0, 0.5]
    assert [b.get_x() + b.get_width() / 2 for b in bars] == [1, 2, 3]   # 1-based index
    assert hexes(b.get_facecolor() for b in bars) == {COLORS["blue"].lower()}
    assert ax.get_ylim() == (-3, 3)
    assert to_hex(ax.lines[0].get_color()) == COLORS["black"]          # the zero line


def test_weight_bars_colour(ax):
    bars = plots.weight_bars(ax, np.ones(4), color=plots.L1C)
    assert hexes(b.get_facecolor() for b in bars) == {COLORS["vermillion"].lower()}


@pytest.mark.parametrize("with_val", [False, True])
def test_loss_curves(ax, with_val):
    steps = np.arange(5)
    train, val = np.array([4.0, 2, 1, 0.5, 0.25]), np.array([5.0, 3, 2, 2, 2.5])
    lines = plots.loss_curves(ax, steps, train, val if with_val else None)
    assert len(lines) == (2 if with_val else 1)
    assert all(isinstance(ln, Line2D) for ln in lines)
    np.testing.assert_array_equal(lines[0].get_ydata(), train)
    assert to_hex(lines[0].get_color()) == COLORS["blue"].lower()
    if with_val:
        np.testing.assert_array_equal(lines[1].get_ydata(), val)
        assert to_hex(lines[1].get_color()) == COLORS["orange"].lower()
    assert ax.get_yscale() == "log"


def test_loss_curves_linear(ax):
    plots.loss_curves(ax, [0, 1], [1.0, 0.0], log=False)
    assert ax.get_yscale() == "linear"


def test_lam_curves(ax):
    lams = np.logspace(-3, 0, 4)
    train, val = np.array([0.1, 0.2, 0.3, 0.4]), np.array([0.5, 0.3, 0.35, 0.6])
    tl, vl, marker = plots.lam_curves(ax, lams, train, val)
    assert all(isinstance(a, Line2D) for a in (tl, vl, marker))
    np.testing.assert_array_equal(tl.get_ydata(), train)
    np.testing.assert_array_equal(vl.get_ydata(), val)
    assert (list(marker.get_xdata()), list(marker.get_ydata())) == ([lams[0]], [val[0]])
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert hexes([tl.get_color(), vl.get_color(), marker.get_color()]) <= PALETTE
    marker.set_data([lams[2]], [val[2]])
    assert list(marker.get_xdata()) == [lams[2]]


def test_coef_paths(ax):
    lams = np.logspace(-3, 0, 5)
    coefs = np.outer(1 / (1 + lams), [1.0, -0.5, 0.2])
    lines = plots.coef_paths(ax, lams, coefs)
    assert len(lines) == 3 and all(isinstance(ln, Line2D) for ln in lines)
    for j, ln in enumerate(lines):
        np.testing.assert_array_equal(ln.get_ydata(), coefs[:, j])
    assert hexes(ln.get_color() for ln in lines) <= PALETTE   # the palette, not matplotlib's cycle
    assert len(hexes(ln.get_color() for ln in lines)) == 3   # and distinguishable
    assert ax.get_xscale() == "log"


def test_coef_paths_many_features_stay_in_palette(ax):
    lines = plots.coef_paths(ax, [0.1, 1.0], np.ones((2, 12)))
    assert hexes(ln.get_color() for ln in lines) <= PALETTE


def test_coef_paths_highlight(ax):
    highlight = np.array([True, False, True, False])
    lines = plots.coef_paths(ax, [0.1, 1.0], np.ones((2, 4)), highlight=highlight)
    colors = [to_hex(ln.get_color()) for ln in lines]
    assert colors == [COLORS["vermillion"].lower(), COLORS["grey"].lower()] * 2
    assert lines[0].get_linewidth() > lines[1].get_linewidth()


def test_message(ax):
    text = plots.message(ax, "diverged at step 12")
    assert isinstance(text, Text) and text.get_visible()
    assert text.get_text() == "diverged at step 12"
    assert to_hex(text.get_color()) == COLORS["vermillion"].lower()
    assert text in ax.texts
    assert not plots.message(ax, "").get_visible()           # an empty message is hidden


def test_empty_message_starts_hidden(ax):
    assert not plots.message(ax).get_visible()


# --- Inputs are checked (the helpers used to draw whatever they got, or raise IndexError) -----

def test_lam_curves_refuses_empty_input(ax):
    with pytest.raises(ValueError, match=r"lams is empty"):
        plots.lam_curves(ax, [], [], [])


@pytest.mark.parametrize("call, error, match", [
    (lambda ax: plots.lam_curves(ax, [0.1, 1.0], [1.0], [1.0, 2.0]), ValueError,
     "train has 1 values but lams has 2"),
    (lambda ax: plots.lam_curves(ax, [0.0, 1.0], [1.0, 2.0], [1.0, 2.0]), ValueError, "lams must be > 0"),
    (lambda ax: plots.loss_curves(ax, [0, 1, 2], [1.0, 2.0]), ValueError, "train has 2 values but steps has 3"),
    (lambda ax: plots.loss_curves(ax, [0, 1], [1.0, 2.0], log="yes"), TypeError, "log must be True or False"),
    (lambda ax: plots.fit_plot(ax, [0.0], [1.0, 2.0], [0.0], [0.0]), ValueError, "y has 2 values but x has 1"),
    (lambda ax: plots.fit_plot(ax, [0.0], [1.0], [0.0, 1.0], [0.0, 1.0], truth=[1.0]), ValueError,
     "truth has 1 values but x_grid has 2"),
    (lambda ax: plots.weight_bars(ax, []), ValueError, "w is empty"),
    (lambda ax: plots.weight_bars(ax, [1.0 + 1j]), TypeError, "w has complex values"),
    (lambda ax: plots.coef_paths(ax, [0.1, 1.0], np.ones((3, 2))), ValueError, "coefs has 3 rows but lams has 2"),
    (lambda ax: plots.coef_paths(ax, [0.1, 1.0], np.ones((2, 2)), highlight=[1, 0]), ValueError,
     "highlight must be a boolean mask"),
    (lambda ax: plots.message(ax, 3), TypeError, "text must be a str"),
    (lambda ax: plots.new_figure(ncols=0), ValueError, "ncols must be an integer >= 1"),
    # keyword-only: matplotlib's subplots(nrows, ncols) order would make new_figure(2, 3) ambiguous
    (lambda ax: plots.new_figure(2, 3), TypeError, "positional argument"),
    (lambda ax: plots.new_figure(width=-1.0), ValueError, r"width must be in the range \(0, inf\)"),
])
def test_bad_plot_inputs_are_named(ax, call, error, match):
    with pytest.raises(error, match=match):
        call(ax)


@pytest.mark.parametrize("call", [
    lambda fig: plots.fit_plot(fig, [0.0], [1.0], [0.0], [0.0]),
    lambda fig: plots.weight_bars(None, [1.0]),
    lambda fig: plots.loss_curves("ax", [0], [1.0]),
    lambda fig: plots.lam_curves(fig, [0.1], [1.0], [1.0]),
    lambda fig: plots.coef_paths([fig], [0.1], [[1.0]]),
    lambda fig: plots.message(fig, "hi"),
])
def test_ax_must_be_an_axes(call):
    fig, _ = plots.new_figure()
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        call(fig)


def test_nan_stays_a_legal_gap(ax):
    lines = plots.loss_curves(ax, [0, 1, 2], [1.0, np.nan, 0.5])
    assert np.isnan(lines[0].get_ydata()[1])


def test_paired_bars_one_group_per_weight():
    fig, ax = plots.new_figure()
    out = plots.paired_bars(ax, {"none": [3.0, -1.0, 0.5], "L2": [1.0, -0.5, 0.2],
                                 "L1": [2.0, 0.0, 0.0]}, ylim=(-2, 4))
    assert len(out) == 3 and all(len(c) == 3 for c in out)
    assert [b.get_height() for b in out[2]] == [2.0, 0.0, 0.0]
    centres = [[b.get_x() + b.get_width() / 2 for b in c] for c in out]
    assert np.allclose(np.mean(centres, axis=0), [1, 2, 3])      # each group centred on its index
    assert ax.get_ylim() == (-2, 4)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["none", "L2", "L1"]
    assert ax.get_legend().get_texts()[0].get_fontsize() >= 9
    with pytest.raises(ValueError, match=r"series\['b'\] has 2 weights but the first has 3"):
        plots.paired_bars(ax, {"a": [1.0, 2.0, 3.0], "b": [1.0, 2.0]})
    with pytest.raises(TypeError, match="non-empty dict"):
        plots.paired_bars(ax, [1.0, 2.0])


# --- hostile input, found by a fuzz of the public API ----------------------------------------

@pytest.mark.parametrize("kw, error, match", [
    (dict(dpi=0), ValueError, r"^dpi must be in the range \(0, inf\), got 0. Pass the resolution"),
    (dict(dpi=-50), ValueError, r"^dpi must be in the range"),
    (dict(dpi=float("nan")), ValueError, r"^dpi must be a finite number"),
    (dict(dpi=True), TypeError, r"^dpi must be a real number"),
    (dict(dpi="100"), TypeError, r"^dpi must be a real number"),
    (dict(dpi=1e6), ValueError,
     r"^the figure would be 4.2e\+06 × 3.2e\+06 pixels.*Lower width, height, ncols, nrows or dpi"),
    (dict(ncols=10**6), ValueError, r"^the figure would be 4.2e\+08 × 320 pixels"),
])
def test_new_figure_refuses_a_bad_size(kw, error, match):
    # was: dpi=0 made a 0×0 figure, dpi=nan a nan×nan one; too many pixels failed only when drawn
    with pytest.raises(error, match=match):
        plots.new_figure(**kw)


def test_coef_paths_needs_positive_lams_like_lam_curves():
    # was: drawn on a log axis with matplotlib's "Data has no positive values" warning (found by the fuzz)
    fig, ax = plots.new_figure(dpi=20)
    with pytest.raises(ValueError, match=r"^lams must be > 0 for a log axis"):
        plots.coef_paths(ax, np.array([0.0, 0.1, 1.0]), np.ones((3, 2)))


def test_values_too_large_to_draw_are_refused_by_name():
    # was: matplotlib's LinAlgError "Singular matrix" (log axis) or overflow warnings (found by the fuzz)
    fig, ax = plots.new_figure(dpi=20)
    with pytest.raises(OverflowError, match=r"^lams has values up to 1.7e\+308: matplotlib's axis transforms"):
        plots.coef_paths(ax, np.array([1.7e308, 1.0, 2.0]), np.ones((3, 2)))
    with pytest.raises(OverflowError, match=r"^y_grid has values up to 1e\+200.*np.clip"):
        plots.fit_plot(ax, [0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1e200])
    plots.loss_curves(ax, [0, 1, 2], [1.0, np.inf, np.nan])        # inf and NaN: gaps, still fine


# --- a figure's text alternative ---------------------------------------------------------------

class _Img(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_figure_bundle_carries_the_text_alternative_everywhere():
    """One output: an <img alt> (JupyterLab, the site, nbconvert), the PNG with IPython's
    ``alt`` metadata (viewers that show only the PNG), and the text itself as text/plain.
    The PNG is what Jupyter's inline backend draws for the same figure."""
    from IPython.core.pylabtools import print_figure

    def drawn():
        fig, ax = plots.new_figure(width=2.0, height=1.5, dpi=50)
        ax.plot([0, 1], [0, 2])
        return fig

    alt = 'Validation MSE <0.1 & "flat" from λ = 1e-3 on.'
    data, metadata = plots.figure_bundle(drawn(), "  " + alt + "\n")
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert data["text/plain"] == alt and metadata == {"image/png": {"alt": alt}}
    # a fresh figure each: the constrained layout moves a little after a figure's first draw
    assert base64.b64decode(data["image/png"]) == print_figure(drawn(), "png", bbox_inches="tight")
    parsed = _Img()
    parsed.feed(data["text/html"])
    [(tag, attrs)] = parsed.tags
    assert tag == "img" and attrs["alt"] == alt                # escaped in the HTML, whole when parsed
    assert attrs["src"] == "data:image/png;base64," + data["image/png"]


def test_show_displays_the_bundle(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda *a, **kw: shown.append((a, kw)))
    fig, _ = plots.new_figure(dpi=20)
    assert plots.show(fig, alt="Nothing drawn yet: empty axes from 0 to 1.") is None
    [((data,), kw)] = shown
    assert kw == {"metadata": {"image/png": {"alt": data["text/plain"]}}, "raw": True}
    with pytest.raises(TypeError, match="positional"):
        plots.show(fig, "the alt text must be named")


@pytest.mark.parametrize("fig, alt, error, match", [
    ("fig", "Weights shrink by half.", TypeError, "fig must be a matplotlib Figure"),
    (None, None, TypeError, "fig must be a matplotlib Figure"),
    (True, None, TypeError, "alt must be a str"),
    (True, 3, TypeError, "alt must be a str"),
    (True, "", ValueError, "does not say what the figure shows"),
    (True, "  \n", ValueError, "does not say what the figure shows"),
    (True, "Figure", ValueError, "does not say what the figure shows"),
    (True, "A plot.", ValueError, "does not say what the figure shows"),
    (True, "png", ValueError, "does not say what the figure shows"),
    (True, "No description has been provided for this image", ValueError, "its numbers"),
    (True, "../_images/9fca49e7.png", ValueError, "does not say what the figure shows"),
    (True, "overview.png", ValueError, "does not say what the figure shows"),
])
def test_a_text_alternative_must_say_something(fig, alt, error, match):
    real, _ = plots.new_figure(dpi=20)
    with pytest.raises(error, match=match):
        plots.figure_bundle(real if fig is True else fig, alt)
