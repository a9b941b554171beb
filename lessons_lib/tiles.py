"""Tiles: the pieces of a panel's figure that a narrow screen stacks one above the other.

A panel's figure is drawn for a wide screen: two or three axes side by side, a legend
below. On a phone, the whole frame would be shown at a third of its size. The layout is
frozen after the default frame (:mod:`lessons_lib.render`), so every frame has each axes
at the same place: :func:`figure_tiles` finds, once per panel, the rectangle of pixels
each axes occupies with its titles, tick labels and legend (its *tight bbox*), and each
figure-level legend and text. ``frames.js`` then copies those rectangles out of the
same frame, one under the other, when its box is too narrow for the whole frame. No
extra bytes are sent: the tiles are a few numbers, the frames are the same PNGs.

Each rectangle is grown a little, so that what a later frame draws slightly wider than
the default frame (a longer title, a wider tick label) still fits:

- towards a neighbouring tile, up to the middle of the gap between them;
- towards the figure's top or bottom edge, all the way (height costs a narrow screen
  nothing);
- towards the figure's left or right edge, by at most ``PAD`` pixels (width is what
  shrinks the picture on a narrow screen).

Rectangles that overlap (twin axes, an inset, a legend placed over a neighbour) become
one tile, and a colorbar joins the tile of the axes nearest to it.

A figure legend in one wide row may be wider than an axes: its tile also lists where it
can be cut, between its columns of entries, so that a narrow screen shows it in pieces
one under the other, each as wide as the widest axes tile or narrower.
"""
from __future__ import annotations

PAD = 8     # pixels of margin around a tight bbox, towards the figure's side edges


def figure_tiles(fig, renderer) -> list[list[int]]:
    """The tiles of ``fig`` as drawn by ``renderer``: ``[x, y, width, height, *cuts]``
    each, in pixels from the frame's top-left corner, in reading order (top to bottom,
    then left to right).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure that has just been drawn (its layout is the one every frame keeps).
    renderer : matplotlib.backend_bases.RendererBase
        The renderer that drew it, e.g. ``fig.canvas.get_renderer()``.

    Returns
    -------
    list of list of int
        One rectangle per axes (with its colorbars and whatever overlaps it) and per
        figure-level legend or text; empty if the figure shows nothing. After the four
        numbers of a figure legend's tile come the ``cuts``: the distances from its left
        edge at which it may be cut, between two columns of entries.

    Examples
    --------
    >>> from matplotlib.backends.backend_agg import FigureCanvasAgg
    >>> from lessons_lib import plots
    >>> fig, (left, right) = plots.new_figure(ncols=2, width=3, height=2)  # 600 x 200 px
    >>> canvas = FigureCanvasAgg(fig)
    >>> canvas.draw()
    >>> [(x, x + w) for x, y, w, h in figure_tiles(fig, canvas.get_renderer())]
    [(0, 300), (300, 600)]
    """
    width, height = fig.canvas.get_width_height()
    boxes, colorbars = [], []
    for ax in fig.axes:
        if ax.get_visible():
            box = _pixels(ax.get_tightbbox(renderer), height)
            (colorbars if ax.get_label() == "<colorbar>" else boxes).append(box)
    for legend in fig.legends:
        if legend.get_visible():
            boxes.append(_pixels(legend.get_window_extent(renderer), height,
                                 _column_gaps(legend, renderer)))
    for text in fig.texts:
        if text.get_visible() and text.get_text().strip():
            boxes.append(_pixels(text.get_window_extent(renderer), height))
    boxes = [_clip(b, width, height) for b in boxes if b is not None]
    boxes = [b for b in boxes if b[2] > b[0] and b[3] > b[1]]
    for bar in [_clip(b, width, height) for b in colorbars if b is not None]:
        if boxes:
            near = min(range(len(boxes)), key=lambda k: _distance(boxes[k], bar))
            boxes[near] = _union(boxes[near], bar)
    boxes = _reading_order(_merge_overlaps(boxes))
    grown = [_grow(k, boxes, width, height) for k in range(len(boxes))]
    return [[x0, y0, x1 - x0, y1 - y0, *(c - x0 for c in cuts if x0 < c < x1)]
            for x0, y0, x1, y1, cuts in grown]


def _column_gaps(legend, renderer) -> tuple[int, ...]:
    """The x (pixels) of the middle of each gap between a legend's columns of entries."""
    spans = []
    for handle, text in zip(legend.legend_handles, legend.texts):
        parts = [a.get_window_extent(renderer) for a in (handle, text) if a is not None]
        spans.append((min(p.x0 for p in parts), max(p.x1 for p in parts)))
    columns: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if columns and x0 < columns[-1][1]:          # overlaps: the same column
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return tuple(round((a[1] + b[0]) / 2) for a, b in zip(columns, columns[1:]))


def _pixels(bbox, height: int, cuts: tuple = ()) -> tuple | None:
    """A display bbox (origin bottom left) as whole pixels ``(x0, y0, x1, y1, cuts)`` from
    the top left; None if it has no finite extent."""
    import math

    if bbox is None or not all(math.isfinite(v) for v in bbox.extents):
        return None
    return (math.floor(bbox.x0), math.floor(height - bbox.y1),
            math.ceil(bbox.x1), math.ceil(height - bbox.y0), cuts)


def _clip(box, width: int, height: int) -> tuple:
    """``box`` cut to the figure: what lies outside it is not in the frame."""
    x0, y0, x1, y1, cuts = box
    return (max(x0, 0), max(y0, 0), min(x1, width), min(y1, height), cuts)


def _union(a, b):
    """The smallest rectangle holding both (it cannot be cut)."""
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]), ())


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _distance(a, b) -> float:
    dx = max(0, a[0] - b[2], b[0] - a[2])
    dy = max(0, a[1] - b[3], b[1] - a[3])
    return (dx * dx + dy * dy) ** 0.5


def _merge_overlaps(boxes: list) -> list:
    """Union every pair of rectangles that overlap, until none do."""
    boxes = list(boxes)
    merged = True
    while merged:
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                if _overlap(boxes[i], boxes[j]):
                    boxes[i] = _union(boxes[i], boxes.pop(j))
                    merged = True
                    break
            if merged:
                break
    return boxes


def _grow(k: int, boxes: list, width: int, height: int):
    """``boxes[k]`` grown to the middle of the gap to its neighbours (see the module docstring)."""
    x0, y0, x1, y1, cuts = boxes[k]
    others = boxes[:k] + boxes[k + 1:]
    beside = [b for b in others if b[1] < y1 and y0 < b[3]]      # sharing some rows
    above_below = [b for b in others if b[0] < x1 and x0 < b[2]]  # sharing some columns
    left = max([(b[2] + x0) // 2 for b in beside if b[2] <= x0], default=max(0, x0 - PAD))
    right = min([-(-(b[0] + x1) // 2) for b in beside if b[0] >= x1], default=min(width, x1 + PAD))
    top = max([(b[3] + y0) // 2 for b in above_below if b[3] <= y0], default=0)
    bottom = min([-(-(b[1] + y1) // 2) for b in above_below if b[1] >= y1], default=height)
    return (left, top, right, bottom, cuts)


def _reading_order(boxes: list) -> list:
    """Rows of rectangles that share some pixel rows, top to bottom; each row left to right."""
    rows: list[list] = []
    for box in sorted(boxes, key=lambda b: (b[1], b[0])):
        row = next((r for r in rows if any(b[1] < box[3] and box[1] < b[3] for b in r)), None)
        if row is None:
            rows.append([box])
        else:
            row.append(box)
    return [box for row in rows for box in sorted(row, key=lambda b: b[0])]
