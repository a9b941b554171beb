"""Panels: sliders whose every position was trained and drawn when the cell ran.

A panel is a function that draws the figure for one set of slider values, plus its
controls. When the cell runs, :func:`live` calls that function once per position (once
per combination when there are several controls) and keeps each picture as a frame::

    fig, ax = plots.new_figure()

    def draw(lam):                                  # plain matplotlib on the axes
        ax.plot(x_grid, fit_for(lam))
        ax.set(ylim=(-2, 2), title=f"λ = {lam:.3g}")

    widgets.live(fig, draw, lam=widgets.log_slider("λ", 1e-2, -4, 1))

In the browser, a slider picks which frame is shown: its ``index`` is linked
(``ipywidgets.jslink``) to a :class:`Frames` widget, whose short script
(``frames.js``, beside this file) copies that frame onto a canvas. No kernel message sits
between a key press and the new picture, so the sliders keep working while the kernel is
busy, on a slow connection, and in a static HTML page with no kernel at all. The frames
are decoded ahead (the one shown and its neighbours along every slider), so a step only
copies pixels: a few milliseconds, where showing a hidden ``<img>`` (an ipywidgets ``Tab``
of ``Image`` widgets) took one display frame or more in JupyterLab.

Rules for ``draw``:

- it receives one keyword argument per control, the value at that position;
- every axes of ``fig`` is cleared before each call (``ax.cla()``), so ``draw`` draws
  everything, titles and limits included; texts and legends it adds to the figure
  itself are removed after each frame;
- the layout is computed on the default frame and then kept, so the axes do not jump
  from frame to frame; set fixed axis limits where values would otherwise rescale;
- if it raises, that frame shows the error instead, and the other frames are unaffected.

Frames are 64-colour PNGs: the course's figures are flat colours and antialiased lines,
which a palette of 64 keeps sharp at about a quarter of a full PNG's size.
"""
from __future__ import annotations

import base64
import io
import itertools
import math
import numbers
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from ._validate import check_array, check_bool, check_int, check_scalar
from .plots import COLORS

try:
    import anywidget
    import ipywidgets as W
    import traitlets
except ImportError:  # without ipywidgets or anywidget, the course renders static figures
    W = None

MAX_FRAMES = 600          # per panel: more makes the page heavy and the cell slow
MAX_GRID = 10**6          # values in a log_grid: more is a typo for the step
MAX_CONTROLS = 4          # per panel: Frames has one index trait per control, i0 … i3
PALETTE_COLOURS = 64
PROGRESS_AFTER_S = 2.0    # show a progress bar when rendering is expected to take longer
SERIAL_BELOW = 16         # fewer frames than this: a second process costs more than it saves
_WIDTH = "440px"
ERROR_COLOUR = COLORS["vermillion"]   # as plots.message, which warns inside an axes


# -- controls ---------------------------------------------------------------------------

def slider(description: str, values: Sequence, value=None, *, fmt: str = ".3g"):
    """A slider over a fixed grid of ``values``; the readout shows ``format(value, fmt)``.

    Parameters
    ----------
    description : str
        The label left of the slider, in the lesson's terms (``"λ"``, ``"weight_decay"``).
    values : sequence
        The grid, one slider position per value, in slider order (at most ``MAX_FRAMES``;
        numbers must be finite).
    value : object, optional
        The position the slider opens at: one of ``values``, or a number inside the grid's
        range, which opens at the closest grid value (on a log scale when the grid is
        positive and spans more than a decade). A number outside the range is an error.
        Defaults to the first.
    fmt : str, default ".3g"
        A format spec for the readout; it must tell the grid values apart.
    """
    _need_widgets()
    description = _check_description(description)
    values = _check_values(values, description)
    if not isinstance(fmt, str):
        raise TypeError(f"{description!r}: fmt must be a format spec such as '.3g', got {fmt!r}.")
    for v in values:
        if _is_number(v):
            try:
                format(v.item() if isinstance(v, np.generic) else v, fmt)
            except (TypeError, ValueError) as err:
                raise ValueError(f"{description!r}: fmt={fmt!r} cannot format the value {v!r} ({err}); "
                                 "pass a format spec such as '.3g' (or 'd' for integers).") from None
    labels = [_label(v, fmt) for v in values]
    if len(set(labels)) != len(labels):
        dup = next(lab for lab in labels if labels.count(lab) > 1)
        raise ValueError(f"{description!r}: two positions both read {dup!r} with fmt={fmt!r}; "
                         "pass a format with more digits, e.g. fmt='.4g'.")
    index = 0 if value is None else _closest(values, value, description)
    return W.SelectionSlider(options=list(zip(labels, values)), index=index,
                             description=description, continuous_update=True,
                             style={"description_width": "initial"},
                             layout=W.Layout(width=_WIDTH))


def log_grid(min_exp: float, max_exp: float, step: float = 0.125) -> np.ndarray:
    """``10**min_exp, 10**(min_exp + step), …, 10**max_exp``: evenly spaced on a log axis.

    Parameters
    ----------
    min_exp : float
        The power of ten of the first value, in [-300, 300].
    max_exp : float
        The power of ten of the last value (> ``min_exp``), in [-300, 300].
    step : float, default 0.125
        The spacing in powers of ten (0.125: 8 values per decade).
    """
    hint = "Beyond 10**±300 the values overflow float64 (or round to 0)."
    min_exp = check_scalar(min_exp, "min_exp", low=-300, high=300, hint=hint)
    max_exp = check_scalar(max_exp, "max_exp", low=-300, high=300, hint=hint)
    if not max_exp > min_exp:
        raise ValueError(f"max_exp must exceed min_exp, got {min_exp:g} and {max_exp:g}.")
    step = check_scalar(step, "step", low=0.0, low_inclusive=False,
                        hint="step is in powers of ten, e.g. 0.25 for 4 positions per decade.")
    if (max_exp - min_exp) / step >= MAX_GRID:
        raise ValueError(f"step={step:g} would make {(max_exp - min_exp) / step:.3g} values, more "
                         f"than {MAX_GRID:,}; use a larger step, e.g. 0.125 (8 per decade).")
    return 10.0 ** np.arange(min_exp, max_exp + step / 2, step)


def log_slider(description: str, value: float, min_exp: float, max_exp: float, *,
               step: float = 0.125, fmt: str = ".3g"):
    """A slider over ``10**min_exp … 10**max_exp``, evenly spaced on a log scale.

    ``step`` is in powers of ten (0.125: 8 positions per decade); the grid is exactly
    :func:`log_grid` ``(min_exp, max_exp, step)``, so a lesson can train on that grid.

    Parameters
    ----------
    description : str
        The label left of the slider, in the lesson's terms (``"λ"``, ``"weight_decay"``).
    value : float
        The value the slider opens at (the closest grid value, on a log scale); it must
        lie in ``[10**min_exp, 10**max_exp]``.
    min_exp, max_exp : float
        The powers of ten of the first and last values.
    step : float, default 0.125
        The spacing in powers of ten.
    fmt : str, default ".3g"
        A format spec for the readout.
    """
    _check_description(description)
    return slider(description, log_grid(min_exp, max_exp, step), value, fmt=fmt)


def int_slider(description: str, value: int, low: int, high: int, *, step: int = 1):
    """A slider over the integers ``low, low + step, …, high``.

    Parameters
    ----------
    description : str
        The label left of the slider, in the lesson's terms (``"λ"``, ``"weight_decay"``).
    value : int
        The value the slider opens at (the closest grid value); it must lie in
        ``[low, high]``.
    low, high : int
        The first and last values (``high`` is included when ``step`` reaches it).
    step : int, default 1
        The spacing (≥ 1).
    """
    _check_description(description)
    low, high = check_int(low, "low", low=-10**9), check_int(high, "high", low=-10**9)
    step = check_int(step, "step", low=1)
    if high < low:
        raise ValueError(f"high must be >= low, got low={low} and high={high}.")
    return slider(description, range(low, high + 1, step), value, fmt="d")


def float_slider(description: str, value: float, low: float, high: float, *, step: float,
                 fmt: str = ".2f"):
    """A slider over ``low, low + step, …, high`` (for quantities that do not span decades).

    Parameters
    ----------
    description : str
        The label left of the slider, in the lesson's terms (``"λ"``, ``"weight_decay"``).
    value : float
        The value the slider opens at (the closest grid value); it must lie in
        ``[low, high]``.
    low, high : float
        The first and last values (``high`` is included when ``step`` reaches it).
    step : float
        The spacing (≥ 1e-10: the positions are rounded to 12 decimals).
    fmt : str, default ".2f"
        A format spec for the readout.
    """
    description = _check_description(description)
    low, high = check_scalar(low, "low"), check_scalar(high, "high")
    step = check_scalar(step, "step", low=1e-10, hint="The positions are rounded to 12 decimals; "
                        "for a finer grid pass its values to slider().")
    if high < low:
        raise ValueError(f"high must be >= low, got low={low:g} and high={high:g}.")
    _check_positions((high - low) / step + 1, description)
    n = int(math.floor((high - low) / step + 1e-9)) + 1
    grid = [float(v) for v in np.round(low + step * np.arange(n), 12)]   # 0.1·3 reads 0.3
    grid[0] = low                                     # exactly as given, however many decimals
    return slider(description, grid, value, fmt=fmt)


def choice(description: str, options, value=None):
    """Toggle buttons for a few named options, e.g. ``[("L2", "l2"), ("L1", "l1")]``.

    Parameters
    ----------
    description : str
        The label left of the buttons.
    options : iterable
        ``(label, value)`` pairs with a str label, or bare values (labelled ``str(value)``).
    value : object, optional
        The value selected at first (one of the options' values); defaults to the first.
    """
    _need_widgets()
    description = _check_description(description)
    options = _check_values(options, description, "options")
    pairs = [o if isinstance(o, tuple) else (str(o), o) for o in options]
    for o in pairs:
        if len(o) != 2 or not isinstance(o[0], str):
            raise TypeError(f"{description!r}: options must be (label, value) pairs with a str "
                            f"label, such as ('L2', 'l2'), or bare values; got {o!r}.")
    values = [v for _, v in pairs]
    index = 0 if value is None else _index_of(values, value, description)
    if index is None:
        raise ValueError(f"{description!r}: value {value!r} is not one of {values}.")
    return W.ToggleButtons(options=pairs, index=index, description=description,
                           style={"description_width": "initial"})


def play(n_steps: int, *, every: int = 1, interval_ms: int = 120, description: str = "step",
         value: int = 0):
    """A Play button driving a step slider over ``0, every, 2·every, … ≤ n_steps``.

    Returns ``(box, slider)``; pass ``header=box`` and the slider as a control to
    :func:`live`. The readout shows the training step; the button moves the slider in the
    browser, so the animation needs no kernel either.

    Parameters
    ----------
    n_steps : int
        The last training step (≥ 1).
    every : int, default 1
        How many steps one frame moves on.
    interval_ms : int, default 120
        Milliseconds between frames while playing.
    description : str, default "step"
        The slider's label.
    value : int, default 0
        The step the slider opens at (the closest grid value), in ``[0, n_steps]``.
    """
    n_steps = check_int(n_steps, "n_steps", low=1)
    every = check_int(every, "every", low=1, hint="every is how many steps one frame moves on.")
    interval_ms = check_int(interval_ms, "interval_ms", low=1)
    step = int_slider(description, value, 0, n_steps, step=every)
    player = W.Play(value=step.index, min=0, max=len(step.options) - 1, step=1,
                    interval=interval_ms)
    box = W.HBox([player, step])
    box.links = [W.jslink((player, "value"), (step, "index"))]
    return box, step


def nearest(grid, value: float, *, log: bool = True) -> int:
    """Index of the grid point closest to ``value`` (on a log scale by default).

    Parameters
    ----------
    grid : array_like of shape (n,)
        Finite numbers (all > 0 when ``log``).
    value : float
        The value to look up (> 0 when ``log``).
    log : bool, default True
        Compare ``log(value)`` with ``log(grid)`` rather than the values themselves.
    """
    grid = check_array(grid, "grid", ndim=1)
    value = check_scalar(value, "value")
    if check_bool(log, "log"):
        if value <= 0 or np.any(grid <= 0):
            raise ValueError("a log-scale lookup needs a positive value and grid; "
                             "pass log=False for a grid that includes 0 or negative numbers.")
        return int(np.argmin(np.abs(np.log(grid) - np.log(value))))
    with np.errstate(over="ignore"):            # |grid − value| = inf only when it is not closest
        return int(np.argmin(np.abs(grid - value)))


def _label(v, fmt: str) -> str:
    v = v.item() if isinstance(v, np.generic) else v
    try:
        return format(v, fmt)
    except (TypeError, ValueError):     # a value the format does not apply to, e.g. a name
        return str(v)


def _readable(v) -> str:
    return _label(v, "g") if isinstance(v, (float, np.floating)) else repr(v)


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))


def _check_description(description) -> str:
    if not isinstance(description, str):
        raise TypeError(f"description must be the control's label as a str, such as 'λ' or "
                        f"'weight_decay', got {description!r} of type {type(description).__name__}.")
    if not description.strip():
        raise ValueError("description is empty; label the control in the lesson's terms, e.g. 'λ'.")
    return description


def _check_positions(n: float, description: str) -> None:
    if not n <= MAX_FRAMES:
        raise ValueError(f"{description!r}: {n:.3g} positions, more than a panel's {MAX_FRAMES} "
                         "frames; use a coarser grid (a larger step).")


def _check_values(values, description: str, name: str = "values") -> list:
    """A control's positions: a non-empty sequence of at most MAX_FRAMES, finite if numbers."""
    if isinstance(values, (str, bytes, dict)) or not hasattr(values, "__iter__"):
        raise TypeError(f"{description!r}: {name} must be a sequence of the control's positions, "
                        f"e.g. np.linspace(0, 1, 11), got {type(values).__name__}.")
    if hasattr(values, "__len__"):
        _check_positions(len(values), description)      # before a huge range is listed
    values = list(values)
    if not values:
        raise ValueError(f"{description!r}: {name} is empty; pass the control's positions, "
                         "e.g. np.linspace(0, 1, 11).")
    _check_positions(len(values), description)
    for i, v in enumerate(values):
        if _is_number(v) and not math.isfinite(v):
            raise ValueError(f"{description!r}: {name}[{i}] is {v}; every position must be a "
                             "finite number (or a name).")
    return values


def _index_of(values: list, value, description: str) -> int | None:
    """The position holding ``value`` itself (True is not taken for 1), or None."""
    is_bool = isinstance(value, (bool, np.bool_))
    if is_bool and not any(isinstance(v, (bool, np.bool_)) for v in values):
        raise TypeError(f"{description!r}: value={value!r} is a bool, but the positions are "
                        f"{values[:5]}; pass one of them.")
    for i, v in enumerate(values):
        same = v == value
        # np.float64(0.1) == [0.1] is array([True]): an elementwise answer is not a match
        if isinstance(same, (bool, np.bool_)) and same and isinstance(v, (bool, np.bool_)) == is_bool:
            return i
    return None


def _closest(values: list, value, description: str) -> int:
    """``value``'s position, or the closest grid value to a number inside the grid's range."""
    index = _index_of(values, value, description)
    if index is not None:
        return index
    if not (_is_number(value) and all(_is_number(v) for v in values)):
        raise ValueError(f"{description!r}: value {value!r} is not one of the slider's "
                         f"values {values[:5]}…")
    v = check_scalar(value, "value")
    grid = np.asarray(values, dtype=float)
    lo, hi = grid.min(), grid.max()
    slack = 1e-9 * max(abs(lo), abs(hi))        # 10.0**-7 need not equal the literal 1e-7
    if not lo - slack <= v <= hi + slack:
        raise ValueError(f"{description!r}: value={v:g} is outside the slider's range "
                         f"[{lo:g}, {hi:g}]; pass a value in it (the slider opens at the closest "
                         "position), or widen the grid.")
    spans_decades = lo > 0 and hi / lo > 10
    return nearest(grid, v, log=bool(spans_decades))


def _need_widgets():
    if W is None:
        raise ImportError("ipywidgets or anywidget is not installed; run `pip install -r "
                          "requirements.txt` to get the live sliders (figures still render "
                          "statically).")


# -- frames -----------------------------------------------------------------------------

class FrameRenderer:
    """Draws a figure for one set of values and returns it as a palette PNG.

    Before each frame every axes is emptied (:func:`empty_axes`) and the figure-level
    texts and legends of the previous frame are removed; after the first frame the
    layout is frozen, so all frames share the axes' positions.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure ``draw`` draws on.
    draw : callable
        Called as ``draw(**values)`` for each frame.
    """

    def __init__(self, fig, draw: Callable[..., object]):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        self.fig, self.draw = fig, draw
        self.canvas = FigureCanvasAgg(fig)      # a canvas (and font handles) of our own
        self._own = {"texts": list(fig.texts), "legends": list(fig.legends)}
        self._laid_out = False
        self.warnings: dict[tuple, tuple] = {}

    def render(self, values: dict) -> tuple[bytes, str | None]:
        """The frame for ``values`` as PNG bytes, and the error message if ``draw`` raised.

        Parameters
        ----------
        values : dict
            The keyword arguments for ``draw``, one per control.

        Returns
        -------
        png : bytes
            The frame.
        error : str or None
            ``"ExceptionType: message"`` if ``draw`` raised (the frame then shows it).
        """
        for ax in self.fig.axes:
            empty_axes(ax)
        error = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                self.draw(**values)
            except Exception as err:  # the frame says what went wrong; the panel lives on
                error = f"{type(err).__name__}: {err}"
                self.fig.text(0.5, 0.5, _wrap(error, 70), ha="center", va="center",
                              color=ERROR_COLOUR, fontsize=11,
                              bbox=dict(boxstyle="round", fc="white", ec=ERROR_COLOUR))
        for w in caught:
            self.warnings.setdefault((w.category, str(w.message)),
                                     (w.category, str(w.message), w.filename, w.lineno))
        self.canvas.draw()
        if not self._laid_out:
            self._laid_out = True
            _freeze_layout(self.fig)
        png = encode_png(self.canvas)
        for kind, own in self._own.items():
            for artist in [a for a in getattr(self.fig, kind) if a not in own]:
                artist.remove()
        return png, error

    @property
    def size(self) -> tuple[int, int]:
        return self.canvas.get_width_height()


def empty_axes(ax) -> None:
    """Remove what a frame drew on ``ax``, keeping its scales, ticks and limits.

    The artists, legend, titles and axis labels go; the colour cycle restarts and
    autoscaling is back on with no data. This is ``ax.cla()`` without rebuilding the
    axis and its ticks, which is most of the cost of a frame.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to empty.
    """
    from matplotlib.transforms import Bbox

    for group in (ax.lines, ax.patches, ax.collections, ax.texts, ax.images, ax.artists,
                  ax.tables):
        for artist in list(group):
            artist.remove()
    ax.containers.clear()
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    for loc in ("left", "center", "right"):
        ax.set_title("", loc=loc)
    ax.set(xlabel="", ylabel="")
    ax.set_prop_cycle(None)
    ax.dataLim.set(Bbox.null())
    ax.ignore_existing_data_limits = True
    ax.set_autoscale_on(True)


def encode_png(canvas, colours: int = PALETTE_COLOURS) -> bytes:
    """The canvas's pixels as a PNG with a ``colours``-entry palette (no dithering).

    Parameters
    ----------
    canvas : matplotlib.backends.backend_agg.FigureCanvasAgg
        A canvas that has been drawn.
    colours : int, default PALETTE_COLOURS
        The number of palette entries (64).
    """
    from PIL import Image

    w, h = canvas.get_width_height()
    rgb = Image.frombuffer("RGBA", (w, h), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    buf = io.BytesIO()
    rgb.quantize(colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        buf, format="png", compress_level=6)
    return buf.getvalue()


def _freeze_layout(fig) -> None:
    """Keep the positions the layout engine just computed for every later frame."""
    try:
        fig.set_layout_engine("none")
    except RuntimeError:   # an engine that cannot be switched off (colorbars): keep it
        pass


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.fill(part, width) for part in text.split("\n"))


class _Progress:
    """A progress bar under the cell while frames render, shown only when it will be slow.

    The estimate starts after the first frame, which pays for the layout once.
    """

    def __init__(self, total: int):
        self.total, self.handle, self.bar = total, None, None
        self.t0, self.done0 = None, 0

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if self.t0 is None:
            self.t0, self.done0 = now, done
            return
        rate = (now - self.t0) / max(done - self.done0, 1)          # seconds per frame
        if self.handle is None and rate * (self.total - done) > PROGRESS_AFTER_S:
            self._show()
        if self.bar is not None:
            self.bar.value = done

    def _show(self) -> None:
        try:
            from IPython import get_ipython
            from IPython.display import display
        except ImportError:
            return
        if get_ipython() is None or W is None:
            return
        self.bar = W.IntProgress(value=0, max=self.total, description=f"drawing {self.total} frames",
                                 style={"description_width": "initial"},
                                 layout=W.Layout(width=_WIDTH))
        self.handle = display(self.bar, display_id=True)

    def close(self) -> None:
        if self.handle is not None:     # leave nothing behind in the saved notebook
            self.handle.update({}, raw=True)           # an empty bundle: no output at all
            self.bar.close()


def frame_workers() -> int:
    """How many processes render frames: ``$LESSONS_FRAME_WORKERS``, else up to 2 on Linux.

    Rendering is plain matplotlib and costs ~50 ms per axes; a forked copy of the kernel
    draws half of the frames on the second core. Elsewhere (no ``fork``) it is serial.
    """
    import os
    import sys

    env = os.environ.get("LESSONS_FRAME_WORKERS")
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ValueError(f"LESSONS_FRAME_WORKERS must be a whole number such as 1 or 2, "
                             f"got {env!r}.") from None
    return min(2, os.cpu_count() or 1) if sys.platform.startswith("linux") else 1


_JOB = None      # (fig, draw, grids) for the forked workers, which inherit it
_CHILD = {}


def _render_chunk(combos):
    """In a worker: render ``combos`` with a renderer (and font handles) of its own."""
    import contextlib

    fig, draw, grids = _JOB
    if "renderer" not in _CHILD:
        _CHILD["renderer"] = FrameRenderer(fig, draw)
        _CHILD["renderer"]._laid_out = True          # the parent froze the layout
    renderer, out = _CHILD["renderer"], io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        results = [(combo, *renderer.render(_values(grids, combo))) for combo in combos]
    return results, list(renderer.warnings.values()), out.getvalue()


def _values(grids: dict, combo: tuple) -> dict:
    return {name: grids[name][i] for name, i in zip(grids, combo)}


def render_frames(fig, draw: Callable[..., object], grids: dict, default: tuple, *,
                  workers: int | None = None) -> tuple[dict, dict, tuple[int, int]]:
    """Render every combination of ``grids`` (name → values), the ``default`` one first.

    Returns ``(frames, errors, size)``: ``frames`` maps a tuple of indices to PNG bytes,
    ``errors`` maps the tuples whose ``draw`` raised to the message, ``size`` is the
    frames' (width, height) in pixels.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure ``draw`` draws on.
    draw : callable
        Called as ``draw(**values)`` for each combination.
    grids : dict
        The values of each control, by the keyword ``draw`` receives them as.
    default : tuple of int
        The indices of the default combination; it is rendered first and fixes the layout.
    workers : int, optional
        The number of processes; defaults to :func:`frame_workers`.
    """
    global _JOB
    import multiprocessing

    workers = frame_workers() if workers is None else check_int(workers, "workers", low=1)
    renderer = FrameRenderer(fig, draw)
    combos = list(itertools.product(*(range(len(v)) for v in grids.values())))
    combos.remove(default)
    progress = _Progress(len(combos) + 1)
    frames, errors, found, printed = {}, {}, {}, []
    frames[default], err = renderer.render(_values(grids, default))   # lays out, then freezes
    if err:
        errors[default] = err
    progress.update(1)
    try:
        if workers == 1 or len(combos) < SERIAL_BELOW:
            serial = (([(c, *renderer.render(_values(grids, c)))], [], "") for c in combos)
            results = list(_tracked(serial, progress))
        else:
            size = max(1, math.ceil(len(combos) / (4 * workers)))
            chunks = [combos[i:i + size] for i in range(0, len(combos), size)]
            _JOB = (fig, draw, grids)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with kernel threads
                pool = multiprocessing.get_context("fork").Pool(workers)
            with pool:
                results = pool.imap_unordered(_render_chunk, chunks)
                results = list(_tracked(results, progress))
        for rendered, caught, text in results:
            for combo, png, err in rendered:
                frames[combo] = png
                if err:
                    errors[combo] = err
            found.update({(w[0], w[1]): w for w in caught})
            if text:
                printed.append(text)
    finally:
        _JOB = None
        progress.close()
    found.update(renderer.warnings)
    for category, message, filename, lineno in found.values():
        warnings.warn_explicit(message, category, filename, lineno)
    for text in dict.fromkeys(printed):
        print(text, end="")
    return frames, errors, renderer.size


def _tracked(results, progress):
    done = 1
    for r in results:
        done += len(r[0])
        progress.update(done)
        yield r


class _Static:
    """The default frame as a PNG: what GitHub, nbviewer and nbval show."""

    def _repr_mimebundle_(self, **kwargs):
        widget_bundle = getattr(super(), "_repr_mimebundle_", None)   # none without ipywidgets
        bundle = widget_bundle(**kwargs) if widget_bundle else {}
        bundle["image/png"] = base64.b64encode(self.frame()).decode("ascii")
        bundle["text/plain"] = f"<{self._kind}: {self.title}>"
        return bundle


def _check_count(controls: dict) -> None:
    if not 1 <= len(controls) <= MAX_CONTROLS:
        raise ValueError(f"a panel takes 1 to {MAX_CONTROLS} controls, got {len(controls)}; "
                         "split it into several panels.")


_WidgetBase = W.VBox if W is not None else object
_AnyWidget = anywidget.AnyWidget if W is not None else object


class Frames(_AnyWidget):
    """A canvas that shows one of ``frames``, picked in the browser by ``i0`` … ``i3``.

    Frame number ``n`` belongs to the controls' positions ``(i0, i1, …)`` in row-major
    order, ``n = ((i0·shape[1]) + i1)·shape[2] + …``, as ``numpy.ravel_multi_index``.
    :class:`Panel` links each control's ``index`` to one of ``i0`` … ``i3`` with
    ``ipywidgets.jslink``; the drawing is done by ``frames.js``. Its traits are passed as
    keywords.

    Attributes
    ----------
    frames : list of bytes
        One PNG per combination of positions, in row-major order.
    shape : list of int
        The number of positions of each control.
    size : list of int
        The frames' ``[width, height]`` in pixels.
    description : str
        What the figure shows, read out by screen readers.
    i0, i1, i2, i3 : int
        The position of each control, in the order of ``shape``; unused ones stay 0.
    """

    _esm = Path(__file__).with_name("frames.js")
    if W is not None:
        frames = traitlets.List(traitlets.Bytes()).tag(sync=True)
        shape = traitlets.List(traitlets.Int()).tag(sync=True)
        size = traitlets.List(traitlets.Int()).tag(sync=True)
        description = traitlets.Unicode("").tag(sync=True)
        i0, i1, i2, i3 = (traitlets.Int(0).tag(sync=True) for _ in range(MAX_CONTROLS))


class Panel(_Static, _WidgetBase):
    """Controls above a :class:`Frames` canvas; built by :func:`live`.

    ``frames`` maps a tuple of slider indices to PNG bytes, ``errors`` the tuples whose
    drawing raised to the message, ``controls`` the controls by keyword, ``view`` the
    canvas and ``links`` the browser-side links from each control's ``index`` to it.

    Parameters
    ----------
    frames : dict
        PNG bytes by tuple of slider indices, one per combination.
    errors : dict
        The error message by tuple of slider indices, for frames whose ``draw`` raised.
    controls : dict
        The controls by keyword, in the order of the tuples' indices (at most 4).
    size : tuple of int
        The frames' (width, height) in pixels.
    title : str, default ""
        A short name, shown in the static fallback's text.
    header : ipywidgets.Widget, optional
        A widget shown above the controls (see :func:`live`).
    """

    _kind = "live panel"

    def __init__(self, frames: dict, errors: dict, controls: dict, size: tuple[int, int], *,
                 title: str = "", header=None):
        _check_count(controls)
        self.frames, self.errors, self.controls, self.title = frames, errors, controls, title
        self.shape = tuple(len(c.options) for c in controls.values())
        every = itertools.product(*(range(n) for n in self.shape))     # row-major order
        self.view = Frames(frames=[frames[key] for key in every], shape=list(self.shape),
                           size=[int(s) for s in size], description=title or "figure",
                           **{f"i{k}": c.index for k, c in enumerate(controls.values())})
        self.links = [W.jslink((c, "index"), (self.view, f"i{k}"))
                      for k, c in enumerate(controls.values())]
        in_header = {id(w) for w in getattr(header, "children", ())}   # don't show twice
        shown = [c for c in controls.values() if id(c) not in in_header]
        super().__init__(([] if header is None else [header]) + shown + [self.view])
        self.add_class("lessons-panel")

    def index(self) -> tuple:
        """The slider positions now selected, one index per control."""
        return tuple(c.index for c in self.controls.values())

    def values(self) -> dict:
        """The controls' current values, by keyword."""
        return {name: c.value for name, c in self.controls.items()}

    def frame(self, index: tuple | None = None) -> bytes:
        """The PNG shown at ``index`` (default: the current positions).

        Parameters
        ----------
        index : tuple of int, optional
            One slider index per control.
        """
        return self.frames[self.index() if index is None else tuple(index)]


class StaticPanel(_Static):
    """What :func:`live` returns without ipywidgets: the figure at its default values.

    Parameters
    ----------
    png : bytes
        The frame at the default values.
    error : str or None
        The error message if ``draw`` raised on it.
    title : str, default ""
        A short name, shown in the text fallback.
    """

    _kind = "static figure (install ipywidgets for sliders)"

    def __init__(self, png: bytes, error: str | None, title: str = ""):
        self._png, self.errors, self.title = png, ({(): error} if error else {}), title

    def frame(self, index=None) -> bytes:
        """The PNG of the figure; there is only one frame.

        Parameters
        ----------
        index : tuple of int, optional
            Ignored (accepted so that a StaticPanel can stand in for a :class:`Panel`).
        """
        return self._png


def live(fig, draw: Callable[..., object], *, title: str = "", header=None, **controls):
    """A panel: ``draw(**values)`` is called for every slider position, each kept as a frame.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure ``draw`` draws on, e.g. from :func:`lessons_lib.plots.new_figure`.
    draw : callable
        Called with one keyword argument per control; it draws the whole figure on
        cleared axes (see the module docstring for its rules).
    title : str, default ""
        A short name, used in the static fallback's text and in the message that reports
        frames whose ``draw`` raised.
    header : ipywidgets.Widget, optional
        A widget shown above the controls, e.g. the ``box`` from :func:`play`; a control
        that sits inside it is not shown twice.
    **controls
        The controls, by the keyword ``draw`` receives them as: sliders from
        :func:`slider`, :func:`log_slider`, :func:`int_slider`, :func:`float_slider`,
        or :func:`choice` buttons (any ipywidgets selection widget).

    Returns
    -------
    Panel
        A widget; as a cell's value it shows the controls and the frames, and leaves a
        static PNG of the default frame.
    """
    if not callable(draw):
        raise TypeError("draw must be a function taking the controls' values as keywords, "
                        f"got {type(draw).__name__}.")
    if not isinstance(title, str):
        raise TypeError(f"title must be a str (a short name for the panel), got {title!r}.")
    if not controls:
        raise TypeError("live needs at least one control, e.g. lam=widgets.log_slider(...).")
    if not hasattr(fig, "axes") or not hasattr(fig, "savefig"):
        raise TypeError(f"fig must be a matplotlib Figure (plots.new_figure()), got "
                        f"{type(fig).__name__}.")
    if W is None:
        values = {name: getattr(c, "value", c) for name, c in controls.items()}
        renderer = FrameRenderer(fig, draw)
        return StaticPanel(*renderer.render(values), title)
    for name, c in controls.items():
        if not isinstance(c, W.widgets.widget_selection._Selection):
            raise TypeError(f"control {name!r} must be a slider from lessons_lib.widgets, got "
                            f"{c!r:.40} of type {type(c).__name__}. Wrap the values in one, e.g. "
                            f"{name}=widgets.log_slider({name!r}, 0.1, -3, 1) (log scale), "
                            f"{name}=widgets.float_slider({name!r}, 0.5, 0, 1, step=0.1), "
                            f"{name}=widgets.slider({name!r}, [...]) or widgets.choice(...); "
                            "a fixed value belongs inside draw.")
    _check_count(controls)
    if header is not None and not isinstance(header, W.Widget):
        raise TypeError(f"header must be an ipywidgets widget such as the box from play(); "
                        f"got {type(header).__name__}.")
    n = math.prod(len(c.options) for c in controls.values())
    if n > MAX_FRAMES:
        sizes = " × ".join(f"{len(c.options)} {name}" for name, c in controls.items())
        raise ValueError(f"{sizes} = {n} frames, more than {MAX_FRAMES}: use a coarser step "
                         "on one of the sliders.")
    grids = {name: [v for _, v in c.options] for name, c in controls.items()}
    default = tuple(c.index for c in controls.values())
    frames, errors, size = render_frames(fig, draw, grids, default)
    if errors:
        combo, message = min(errors.items())
        at = ", ".join(f"{n}={_readable(grids[n][i])}" for n, i in zip(grids, combo))
        print(f"{title or 'panel'}: {len(errors)} of {n} frames show an error, the first at "
              f"{at}: {message}")
    return Panel(frames, errors, controls, size, title=title, header=header)
