"""Tests for lessons_lib.tiles: the rectangles a narrow screen stacks cover what is drawn.

Two oracles that do not use the tiles code: matplotlib's own bounding boxes (each axes'
tight bbox, each figure legend's extent) must lie inside a tile, and every pixel a frame
draws (anything not the figure's background colour) must lie inside a tile.
"""
import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox
from PIL import Image

pytest.importorskip("ipywidgets")
from lessons_lib import plots, tiles, widgets  # noqa: E402


def drawn(png: bytes) -> np.ndarray:
    """Pixels that differ from the top-left pixel (the figure's background), as a mask."""
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    return np.any(rgb != rgb[0, 0], axis=-1)


def uncovered(mask: np.ndarray, rects) -> int:
    """How many True pixels of ``mask`` lie in none of ``rects`` ([x, y, w, h] each)."""
    left = mask.copy()
    for x, y, w, h, *_ in rects:
        left[y:y + h, x:x + w] = False
    return int(left.sum())


def inside(box, rect) -> bool:
    x, y, w, h, *_ = rect
    return x <= box[0] and y <= box[1] and box[2] <= x + w and box[3] <= y + h


def pixel_box(bbox, height):
    """A matplotlib display bbox as (x0, y0, x1, y1) from the top left, rounded inwards."""
    return (np.ceil(bbox.x0), np.ceil(height - bbox.y1), np.floor(bbox.x1), np.floor(height - bbox.y0))


def three_axes_with_legend_and_colorbar():
    """A course-style figure: three axes, a colorbar, a suptitle, a figure legend below."""
    fig, axes = plots.new_figure(ncols=3, width=3.0, height=2.6)
    x = np.linspace(0, 1, 50)
    for k, ax in enumerate(axes):
        ax.plot(x, np.sin(3 * x + k), label="fit")
        ax.plot(x, x ** 2, label="truth")
        ax.set(title=f"axes {k}", xlabel="x", ylabel="value (a long label)")
    image = axes[2].imshow(np.outer(x, x), extent=(0, 1, 0, 1), aspect="auto")
    fig.colorbar(image, ax=axes[2], label="level")
    fig.suptitle("a title for the whole figure")
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return fig, axes, canvas


def test_tiles_hold_every_axes_and_figure_legend():
    fig, axes, canvas = three_axes_with_legend_and_colorbar()
    renderer, height = canvas.get_renderer(), canvas.get_width_height()[1]
    found = tiles.figure_tiles(fig, renderer)
    boxes = [pixel_box(ax.get_tightbbox(renderer), height) for ax in fig.axes]
    boxes += [pixel_box(leg.get_window_extent(renderer), height) for leg in fig.legends]
    boxes += [pixel_box(t.get_window_extent(renderer), height) for t in fig.texts]
    for box in boxes:
        assert any(inside(box, t) for t in found), (box, found)
    # one tile per axes (the colorbar joins its axes), the suptitle, the legend
    assert len(found) == 5, found


def test_tiles_cover_every_drawn_pixel_and_are_narrow():
    fig, axes, canvas = three_axes_with_legend_and_colorbar()
    found = tiles.figure_tiles(fig, canvas.get_renderer())
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    mask = drawn(buf.getvalue())
    assert mask.sum() > 1000
    assert uncovered(mask, found) == 0
    width = canvas.get_width_height()[0]
    assert max(t[2] for t in found) < 0.45 * width    # an axes, not the whole figure


def test_reading_order_title_first_legend_last():
    fig, axes, canvas = three_axes_with_legend_and_colorbar()
    found = tiles.figure_tiles(fig, canvas.get_renderer())
    title, *middle, legend = found
    assert title[1] == 0 and legend[1] + legend[3] == canvas.get_width_height()[1]
    assert [t[0] for t in middle] == sorted(t[0] for t in middle)    # left to right


def test_a_wide_figure_legend_may_be_cut_between_its_columns_only():
    """Each cut runs through background pixels of the legend, and no entry (handle and
    text, as matplotlib places them) straddles a cut."""
    fig, axes = plots.new_figure(ncols=2, width=3.0, height=2.4)
    for k in range(6):
        axes[0].plot([0, 1], [k, k + 1], label=f"a long entry {k}")
    legend = fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=3)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer, height = canvas.get_renderer(), canvas.get_width_height()[1]
    *_, tile = tiles.figure_tiles(fig, renderer)
    x, y, w, h, *cuts = tile
    assert len(cuts) == 2 and 0 < cuts[0] < cuts[1] < w
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    mask = drawn(buf.getvalue())
    entries = [pixel_box(Bbox.union([a.get_window_extent(renderer) for a in pair]), height)
               for pair in zip(legend.legend_handles, legend.texts)]
    top, bottom = int(min(e[1] for e in entries)), int(max(e[3] for e in entries))
    for cut in cuts:               # (the legend's frame, above and below, is cut through)
        assert not mask[top:bottom, x + cut].any(), f"the cut at {cut} runs through an entry"
        for box in entries:
            assert box[2] <= x + cut or box[0] >= x + cut, (box, x + cut)
    assert all(len(t) == 4 for t in tiles.figure_tiles(fig, renderer)[:-1])    # axes: no cuts


def test_twin_axes_and_an_inset_share_one_tile():
    fig, (left, right) = plots.new_figure(ncols=2, width=3.0, height=2.5)
    left.twinx().set_ylabel("right-hand scale")
    right.inset_axes([0.6, 0.6, 0.35, 0.35]).plot([0, 1])
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    assert len(tiles.figure_tiles(fig, canvas.get_renderer())) == 2


def test_an_empty_figure_has_no_tiles():
    fig, ax = plots.new_figure()
    ax.set_visible(False)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    assert tiles.figure_tiles(fig, canvas.get_renderer()) == []


def test_every_frame_of_a_panel_fits_its_tiles():
    """The tiles come from the default frame; frames with a longer title, wider tick
    labels or another figure legend still draw inside them."""
    fig, (ax_fit, ax_w) = plots.new_figure(ncols=2, width=3.4, height=2.6)
    x = np.linspace(0, 1, 40)

    def draw(scale):
        ax_fit.plot(x, scale * np.sin(6 * x), label="fit")
        ax_fit.set(title=f"scale = {scale:g}" + " (large)" * (scale > 10), ylabel="y")
        plots.weight_bars(ax_w, scale * np.cos(np.arange(8)))
        fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower center")

    panel = widgets.live(fig, draw, scale=widgets.slider("scale", [0.5, 1, 2, 40], 1))
    assert len(panel.view.tiles) == 3
    for key, png in panel.frames.items():
        assert uncovered(drawn(png), panel.view.tiles) == 0, key


def test_tiles_stay_inside_the_frame():
    """Artists placed beyond the figure's edges are not in the frame: no tile reaches out,
    and one wholly outside makes no tile."""
    fig, ax = plots.new_figure()
    fig.set_layout_engine("none")
    ax.set_title("a title above the top edge", y=1.5)
    fig.text(1.2, 0.5, "wholly outside the figure")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height()
    ((x, y, w, h),) = tiles.figure_tiles(fig, canvas.get_renderer())
    assert x >= 0 and y >= 0 and x + w <= width and y + h <= height
