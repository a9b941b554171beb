"""Live panels: sliders that retrain a model and redraw its figure while you drag.

How a panel stays fast (measured by ``benchmarks/browser_latency.py``):

1. **One figure, updated in place.** The lesson's ``update`` function changes artists
   (``line.set_ydata``, bar heights, text) and never makes a new figure.
2. **Blitting.** The figure is drawn once with Agg; axes, ticks and labels are kept as a
   background bitmap, and each redraw only paints the artists that hold data onto a copy
   of it (a full redraw happens only when axis limits change).
3. **A plain image widget.** The pixels go to the browser as one image in an
   ``ipywidgets.Image``: a single message, no round trip, and it works in every front
   end that shows ipywidgets (JupyterLab, Notebook 7, VS Code, Colab). Live frames are
   JPEG at quality 95 without chroma subsampling (about 4 ms to encode, against about
   18 ms for PNG); the static fallback is a lossless PNG.
4. **Latest value wins.** The browser sends at most one slider message at a time and
   merges newer values into the next, so a fast drag never builds a queue of stale
   redraws; each callback takes a few milliseconds (precomputed sweeps, cached fits).

In a static context (nbval, nbconvert, GitHub) a panel leaves a PNG of its default state,
and a callback that raises shows its error inside the figure instead of killing the widget.
"""
from __future__ import annotations

import base64
import io
import time
import traceback
from typing import Callable

import numpy as np

from ._validate import check_int, check_scalar

try:
    import ipywidgets as W
except ImportError:  # the course still renders static figures without ipywidgets
    W = None


def log_slider(description: str, value: float, min_exp: float, max_exp: float, *,
               step: float = 0.125, fmt: str = ".3g"):
    """A ``FloatLogSlider`` over ``10**min_exp … 10**max_exp`` with a live readout.

    ``step`` is in powers of ten (0.125: 8 positions per decade).
    """
    _need_widgets()
    if not max_exp > min_exp:
        raise ValueError(f"max_exp must exceed min_exp, got {min_exp} and {max_exp}.")
    check_scalar(step, "step", low=0.0, low_inclusive=False)
    return W.FloatLogSlider(value=value, base=10, min=min_exp, max=max_exp, step=step,
                            description=description, readout_format=fmt,
                            continuous_update=True, style={"description_width": "initial"},
                            layout=W.Layout(width="420px"))


def int_slider(description: str, value: int, low: int, high: int, *, step: int = 1):
    """An ``IntSlider`` with a readout that updates while dragging."""
    _need_widgets()
    return W.IntSlider(value=value, min=low, max=high, step=step, description=description,
                       continuous_update=True, style={"description_width": "initial"},
                       layout=W.Layout(width="420px"))


def float_slider(description: str, value: float, low: float, high: float, *, step: float,
                 fmt: str = ".2f"):
    """A linear ``FloatSlider`` (for quantities that do not span decades, e.g. a mix ratio)."""
    _need_widgets()
    return W.FloatSlider(value=value, min=low, max=high, step=step, description=description,
                         readout_format=fmt, continuous_update=True,
                         style={"description_width": "initial"}, layout=W.Layout(width="420px"))


def play(n_steps: int, *, interval_ms: int = 120, description: str = "step"):
    """A Play button linked to a step slider; returns ``(box, slider)``. Observe ``slider``."""
    _need_widgets()
    n_steps = check_int(n_steps, "n_steps", low=1)
    player = W.Play(value=0, min=0, max=n_steps, step=1, interval=interval_ms)
    slider = int_slider(description, 0, 0, n_steps)
    W.jslink((player, "value"), (slider, "value"))
    return W.HBox([player, slider]), slider


def nearest(grid, value: float, *, log: bool = True) -> int:
    """Index of the grid point closest to ``value`` (on a log scale by default)."""
    grid = np.asarray(grid, dtype=float)
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)):
        raise ValueError(f"grid must be a non-empty 1-D array of finite numbers, got shape {grid.shape}.")
    value = check_scalar(value, "value")
    if log:
        if value <= 0 or np.any(grid <= 0):
            raise ValueError("a log-scale lookup needs a positive value and grid; "
                             "pass log=False for a grid that includes 0 or negative numbers.")
        return int(np.argmin(np.abs(np.log(grid) - np.log(value))))
    return int(np.argmin(np.abs(grid - value)))


def _need_widgets():
    if W is None:
        raise ImportError("ipywidgets is not installed; run `pip install -r requirements.txt` "
                          "to get the live sliders (figures still render statically).")


def _data_artists(fig):
    """Everything that can change between frames: lines, collections, patches, texts.

    Listed in the order a full draw paints them: each Axes' artists by zorder, then the
    figure's texts on top. The spines are included because they are drawn over the data
    (bars clipped at the axes edge must not hide the frame).
    """
    by_zorder = lambda artists: sorted(artists, key=lambda a: a.get_zorder())
    out = []
    for ax in fig.axes:
        mine = ax.lines + ax.collections + ax.patches + ax.texts + ax.images
        mine += [ax.title, ax._left_title, ax._right_title, *ax.spines.values()]
        out += by_zorder(mine)
    return out + by_zorder(fig.texts)


class LiveFigure:
    """A matplotlib figure rendered by Agg with blitting, as PNG bytes.

    ``render()`` repaints only the data artists over a cached background and returns the
    PNG; it redraws everything when the axes' limits, scales or artists changed.
    """

    def __init__(self, fig):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self._background = None
        self._signature = None
        self.frame = b""           # the last frame sent to the browser (JPEG)
        self._frame_id, self._png, self._png_of = 0, b"", -1
        self.full_redraws = 0

    def _legends(self):
        return [ax.get_legend() for ax in self.fig.axes if ax.get_legend() is not None] \
            + list(self.fig.legends)

    def _layout_signature(self):
        axes = tuple((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(),
                      len(ax.lines), len(ax.collections), len(ax.patches), len(ax.texts))
                     for ax in self.fig.axes)
        return axes, tuple(tuple(t.get_text() for t in leg.get_texts()) for leg in self._legends())

    def render(self) -> bytes:
        """Repaint (blitting when the layout is unchanged) and return the frame as JPEG."""
        artists = _data_artists(self.fig)
        signature = self._layout_signature()
        if self._background is None or signature != self._signature:
            for a in artists:
                a.set_animated(True)
            for legend in self._legends():           # opaque, so pasting it back is exact
                legend.get_frame().set_alpha(1.0)
            self.canvas.draw()                       # background: frame, ticks, labels, legends
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            # Legends are drawn once and pasted back over the data each frame (cheaper
            # than re-laying-out their text every time).
            self._legend_pixels = [self.canvas.copy_from_bbox(leg.get_window_extent())
                                   for leg in self._legends() if leg.get_visible()]
            self._signature = signature
            self.full_redraws += 1
        else:
            self.canvas.restore_region(self._background)
        renderer = self.canvas.get_renderer()
        for a in artists:
            if a.get_visible():
                a.draw(renderer)
        for pixels in self._legend_pixels:
            self.canvas.restore_region(pixels)
        self._frame_id += 1
        self.frame = self._encode("jpeg", quality=95, subsampling=0)
        return self.frame

    def _encode(self, fmt: str, **options) -> bytes:
        from PIL import Image

        w, h = self.canvas.get_width_height()
        rgba = Image.frombuffer("RGBA", (w, h), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        rgba.convert("RGB").save(buf, format=fmt, **options)
        return buf.getvalue()

    @property
    def png(self) -> bytes:
        """The current frame as a lossless PNG (the static fallback), encoded on demand."""
        if self._png_of != self._frame_id:
            self._png, self._png_of = self._encode("png", compress_level=1), self._frame_id
        return self._png


STATUS_LIVE = ("<span style='color:#777;font-size:11px'>live: drag a slider and the figure "
               "redraws in place · last update {:.0f} ms</span>")
STATUS_ERROR = ("<span style='color:#D55E00;font-size:11px'>the last update raised an error: "
                "see the figure; move a slider to try another value</span>")


class _Panel:
    """Mixin for a live panel's static fallback: a PNG of the current figure."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) if W is not None else {}
        bundle["image/png"] = base64.b64encode(self.figure.png).decode("ascii")
        bundle["text/plain"] = f"<live panel: {self.title}>"
        return bundle


if W is not None:
    class LivePanel(_Panel, W.VBox):
        """Controls, the figure as an image, and a status line. Build it with :func:`live`."""

        def __init__(self, figure: LiveFigure, update: Callable[..., object],
                     controls: dict, title: str = "", header=None):
            self.figure, self.update, self.controls, self.title = figure, update, controls, title
            # A VBox stretches its children to its full width, which scaled a narrower PNG
            # up (blurry text). align_self keeps the PNG's own size; max_width shrinks it to fit.
            self.image = W.Image(format="jpeg",
                                 layout=W.Layout(max_width="100%", align_self="flex-start"))
            self.status = W.HTML(layout=W.Layout(margin="0 0 0 8px"))
            self.last_ms = 0.0
            self._error = None
            in_header = {id(w) for w in getattr(header, "children", ())}   # don't show twice
            shown = [c for c in controls.values() if id(c) not in in_header]
            top = [] if header is None else [header]
            super().__init__(top + [W.VBox(shown), self.image, self.status])
            for control in controls.values():
                control.observe(self._on_change, names="value")
            self.refresh()

        def values(self) -> dict:
            return {name: c.value for name, c in self.controls.items()}

        def _on_change(self, change) -> None:
            self.refresh()

        def refresh(self) -> None:
            """Call ``update`` with the current control values, then repaint."""
            t0 = time.perf_counter()
            self._error = None
            _hide_error(self.figure.fig)
            try:
                self.update(**self.values())
            except Exception as err:  # keep the widget alive and say what went wrong
                self._error = err
                _show_error(self.figure.fig, err)
            png = self.figure.render()
            self.last_ms = 1e3 * (time.perf_counter() - t0)
            self.image.value = png
            # (An Image's tooltip would carry the timing in the same message, but setting it
            # stops ipywidgets 8.1 from creating the image's view in JupyterLab.)
            self.status.value = STATUS_ERROR if self._error else STATUS_LIVE.format(self.last_ms)
else:
    LivePanel = None


class StaticPanel(_Panel):
    """What :func:`live` returns without ipywidgets: the figure at its default values."""

    def __init__(self, figure: LiveFigure, update, values: dict, title: str = ""):
        self.figure, self.title = figure, title
        update(**values)
        figure.render()

    def _repr_mimebundle_(self, **kwargs):
        return {"image/png": base64.b64encode(self.figure.png).decode("ascii"),
                "text/plain": f"<static figure: {self.title} (install ipywidgets for sliders)>"}


def _show_error(fig, err: Exception) -> None:
    """Write the error into the figure (one text artist reused across errors)."""
    text = getattr(fig, "_live_error_text", None)
    if text is None:
        text = fig.text(0.5, 0.5, "", ha="center", va="center", color="#D55E00", fontsize=10,
                        wrap=True, bbox=dict(boxstyle="round", fc="white", ec="#D55E00"))
        fig._live_error_text = text
    text.set_text(f"{type(err).__name__}: {err}")
    text.set_visible(True)
    traceback.print_exc()


def _hide_error(fig) -> None:
    """Remove a previous error from the figure (the next update may well succeed)."""
    text = getattr(fig, "_live_error_text", None)
    if text is not None:
        text.set_visible(False)


def live(fig, update: Callable[..., object], *, title: str = "", header=None, **controls):
    """A live panel: ``update(**values)`` runs whenever a control moves, then the figure repaints.

    Parameters
    ----------
    fig : a figure from :func:`lessons_lib.plots.new_figure` whose artists ``update`` changes.
    update : called with one keyword argument per control; it changes artists in place.
    title : a short name used in the static fallback's text.
    header : an optional widget shown above the controls, e.g. the ``box`` from
        :func:`play`; a control that sits inside it (the play slider) is not shown twice.
    controls : the sliders, by the keyword ``update`` receives them as.

    Examples
    --------
    In a notebook cell (the panel is the cell's value, so it is displayed)::

        fig, ax = plots.new_figure()
        (line,) = ax.plot(x, 0 * x)
        def update(lam):
            line.set_ydata(fit_for(lam))
        live(fig, update, lam=log_slider("λ", 1e-2, -4, 1))

    An animation: a Play button drives the step slider, which is an ordinary control::

        box, step = play(100)
        live(fig, draw_step, header=box, t=step)
    """
    if not callable(update):
        raise TypeError("update must be a function taking the controls' values as keywords.")
    figure = LiveFigure(fig)
    if LivePanel is None:
        values = {name: getattr(c, "value", c) for name, c in controls.items()}
        return StaticPanel(figure, update, values, title)
    for name, c in controls.items():
        if not isinstance(c, W.ValueWidget):
            raise TypeError(f"control {name!r} must be an ipywidgets control with a value, "
                            f"e.g. log_slider(...); got {type(c).__name__}.")
    if header is not None and not isinstance(header, W.Widget):
        raise TypeError(f"header must be an ipywidgets widget such as the box from play(); "
                        f"got {type(header).__name__}.")
    return LivePanel(figure, update, controls, title, header)
