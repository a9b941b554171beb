"""Frames: a panel's figure drawn once per slider position and kept as a palette PNG.

:func:`render_frames` calls ``draw`` for every combination of the controls' positions,
the default one first (it fixes the layout), on up to two processes (a forked copy of the
kernel draws half the frames on the second core). Every frame starts from the same axes:
what a frame draws, and the axis state it changes (scales, limits, ticks, aspect), is put
back before the next, so a frame never depends on the order frames were drawn in.

Frames are 64-colour PNGs: the course's figures are flat colours and antialiased lines,
which a palette of 64 keeps sharp at about a quarter of a full PNG's size.
"""
from __future__ import annotations

import io
import itertools
import math
import numbers
import time
import warnings
from collections.abc import Callable

import ipywidgets as W
import numpy as np

from ._validate import check_int
from .controls import WIDTH
from .plots import COLORS
from .tiles import figure_tiles

PALETTE_COLOURS = 64
PROGRESS_AFTER_S = 2.0    # show a progress bar when rendering is expected to take longer
SERIAL_BELOW = 16         # fewer frames than this: a second process costs more than it saves
ERROR_COLOUR = COLORS["vermillion"]   # as plots.message, which warns inside an axes


class FrameRenderer:
    """Draws a figure for one set of values and returns it as a palette PNG.

    Before each frame every axes is emptied (:func:`empty_axes`) and the figure-level
    texts and legends of the previous frame are removed; after the first frame the
    layout is frozen, so all frames share the axes' positions, and ``tiles`` holds the
    rectangles a narrow screen stacks (:func:`lessons_lib.tiles.figure_tiles`).

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
        self._state = {ax: axes_state(ax) for ax in fig.axes}      # where every frame starts
        self._laid_out = False
        self.tiles: list[list[int]] = []
        self.warnings: dict[tuple, tuple] = {}

    def render(self, values: dict) -> tuple[bytes, str | None, str | None]:
        """The frame for ``values`` as PNG bytes, the error message if ``draw`` raised, and
        the sentence ``draw`` returned (its text alternative).

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
        text : str or None
            What ``draw`` returned, if a str: a sentence saying what the frame shows.
        """
        for ax in self.fig.axes:
            empty_axes(ax, self._state.get(ax))
        error = text = None
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                text = self.draw(**values)
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
            self.tiles = figure_tiles(self.fig, self.canvas.get_renderer())
        png = encode_png(self.canvas)
        for kind, own in self._own.items():
            for artist in [a for a in getattr(self.fig, kind) if a not in own]:
                artist.remove()
        return png, error, (text if isinstance(text, str) else None)

    @property
    def size(self) -> tuple[int, int]:
        return self.canvas.get_width_height()


def empty_axes(ax, state: dict | None = None) -> None:
    """Remove what a frame drew on ``ax`` and, given ``state``, put its axis state back.

    The artists, legend, titles and axis labels go; the colour cycle restarts and
    autoscaling is back on with no data. With ``state`` (from :func:`axes_state`, taken
    before the first frame) the scales, limits, tick locators and formatters (unless the
    axis has units, such as categories, which choose its ticks), aspect and axis
    visibility are restored too, so the next frame starts where the first did. This
    is ``ax.cla()`` without rebuilding the axis and its ticks, which is most of the cost
    of a frame.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to empty.
    state : dict, optional
        The axes' state to restore, from :func:`axes_state`.
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
    if state is not None:
        for name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            if axis.get_scale() != state[name]["scale"]:
                getattr(ax, f"set_{name}scale")(state[name]["scale"])
            if axis.units is None:      # categorical or date axes: their units own the ticks
                axis.set_major_locator(state[name]["major"][0])
                axis.set_major_formatter(state[name]["major"][1])
                axis.set_minor_locator(state[name]["minor"][0])
                axis.set_minor_formatter(state[name]["minor"][1])
                for flag, value in state[name]["defaults"].items():
                    setattr(axis, flag, value)
            axis.set_visible(state[name]["visible"])
        ax.set_xlim(state["x"]["lim"], auto=None)
        ax.set_ylim(state["y"]["lim"], auto=None)
        ax.set_aspect(state["aspect"], adjustable=state["adjustable"])
        ax.set_axis_on() if state["axison"] else ax.set_axis_off()
    ax.dataLim.set(Bbox.null())
    ax.ignore_existing_data_limits = True
    ax.set_autoscale_on(True)


def axes_state(ax) -> dict:
    """What :func:`empty_axes` restores: scales, limits, tick locators and formatters,
    aspect and axis visibility of ``ax``, as they are now.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes, before the first frame is drawn on it.
    """
    def axis_state(axis, lim):
        return {"scale": axis.get_scale(), "lim": lim, "visible": axis.get_visible(),
                "defaults": {f: getattr(axis, f) for f in ("isDefault_majloc", "isDefault_majfmt",
                                                           "isDefault_minloc", "isDefault_minfmt")},
                "major": (axis.get_major_locator(), axis.get_major_formatter()),
                "minor": (axis.get_minor_locator(), axis.get_minor_formatter())}

    return {"x": axis_state(ax.xaxis, ax.get_xlim()), "y": axis_state(ax.yaxis, ax.get_ylim()),
            "aspect": ax.get_aspect(), "adjustable": ax.get_adjustable(), "axison": ax.axison}


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
        if get_ipython() is None:
            return
        self.bar = W.IntProgress(value=0, max=self.total, description=f"drawing {self.total} frames",
                                 style={"description_width": "initial"},
                                 layout=W.Layout(width=WIDTH))
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


_WORKER = {}     # in a forked worker process only: its renderer and grids (see _start_worker)


def _start_worker(fig, draw, grids, start) -> None:
    """A worker's initializer: a renderer (and font handles) of its own.

    The pool forks the kernel, so ``fig`` and ``draw`` arrive as they are, not pickled; the
    parent process keeps no state between panels. ``start`` is the parent renderer's axes
    state from before its first frame: every frame starts there, in any process."""
    renderer = FrameRenderer(fig, draw)
    renderer._state = start
    renderer._laid_out = True                        # the parent froze the layout
    _WORKER.update(renderer=renderer, grids=grids)


def _render_chunk(combos):
    """In a worker: render ``combos``; return them with the warnings and printed text."""
    import contextlib

    renderer, grids, out = _WORKER["renderer"], _WORKER["grids"], io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        results = [(combo, *renderer.render(_values(grids, combo))) for combo in combos]
    return results, list(renderer.warnings.values()), out.getvalue()


def _values(grids: dict, combo: tuple) -> dict:
    """``draw``'s keywords at ``combo``: each value knows its position (``value.index``)."""
    return {name: at(grids[name][i], i) for name, i in zip(grids, combo)}


class _FloatAt(float):
    index: int


class _IntAt(int):
    index: int


class _StrAt(str):
    index: int


def at(value, index: int):
    """``value`` that also carries its slider position as ``.index``.

    ``draw(lam)`` can then look a run up by position, ``runs[lam.index]``, instead of by
    the float (which is fragile) or by searching the grid. Numbers stay numbers (a float, an
    int) and names stay strings; other values (True, None, tuples) come as they are.

    Parameters
    ----------
    value : object
        A control's value.
    index : int
        Its position on the control.

    Examples
    --------
    >>> lam = at(0.1, 4)
    >>> lam * 2, lam.index, f"{lam:.2f}"
    (0.2, 4, '0.10')
    """
    if isinstance(value, (bool, np.bool_)):
        return value
    for kind, wrapper in ((numbers.Integral, _IntAt), (numbers.Real, _FloatAt), (str, _StrAt)):
        if isinstance(value, kind):
            out = wrapper(value)
            out.index = int(index)
            return out
    return value


def render_frames(fig, draw: Callable[..., object], grids: dict, default: tuple, *,
                  workers: int | None = None) -> tuple[dict, dict, tuple[int, int], dict, list]:
    """Render every combination of ``grids`` (name → values), the ``default`` one first.

    Returns ``(frames, errors, size, texts, tiles)``: ``frames`` maps a tuple of indices to
    PNG bytes, ``errors`` maps the tuples whose ``draw`` raised to the message, ``size`` is
    the frames' (width, height) in pixels, ``texts`` maps the tuples whose ``draw`` returned
    a str to that sentence, ``tiles`` the rectangles a narrow screen stacks
    (:func:`lessons_lib.tiles.figure_tiles`, on the default frame).

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
    import multiprocessing

    workers = frame_workers() if workers is None else check_int(workers, "workers", low=1)
    renderer = FrameRenderer(fig, draw)
    combos = list(itertools.product(*(range(len(v)) for v in grids.values())))
    combos.remove(default)
    progress = _Progress(len(combos) + 1)
    frames, errors, texts, found, printed = {}, {}, {}, {}, []
    first = [([(default, *renderer.render(_values(grids, default)))], [], "")]   # lays out
    progress.update(1)
    try:
        if workers == 1 or len(combos) < SERIAL_BELOW:
            serial = (([(c, *renderer.render(_values(grids, c)))], [], "") for c in combos)
            results = first + list(_tracked(serial, progress))
        else:
            size = max(1, math.ceil(len(combos) / (4 * workers)))
            chunks = [combos[i:i + size] for i in range(0, len(combos), size)]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # fork with kernel threads
                pool = multiprocessing.get_context("fork").Pool(
                    workers, initializer=_start_worker,
                    initargs=(fig, draw, grids, renderer._state))
            with pool:
                results = pool.imap_unordered(_render_chunk, chunks)
                results = first + list(_tracked(results, progress))
        for rendered, caught, text in results:
            for combo, png, err, said in rendered:
                frames[combo] = png
                if err:
                    errors[combo] = err
                if said is not None:
                    texts[combo] = said
            found.update({(w[0], w[1]): w for w in caught})
            if text:
                printed.append(text)
    finally:
        progress.close()
    found.update(renderer.warnings)
    for category, message, filename, lineno in found.values():
        warnings.warn_explicit(message, category, filename, lineno)
    for text in dict.fromkeys(printed):
        print(text, end="")
    return frames, errors, renderer.size, texts, renderer.tiles


def _tracked(results, progress):
    done = 1
    for r in results:
        done += len(r[0])
        progress.update(done)
        yield r
