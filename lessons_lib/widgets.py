"""Panels: sliders whose every position was trained and drawn when the cell ran.

A panel is a function that draws the figure for one set of slider values, plus its
controls. When the cell runs, :func:`live` calls that function once per position (once
per combination when there are several controls) and keeps each picture as a frame::

    fig, ax = plots.new_figure()

    def draw(lam):                                  # plain matplotlib on the axes
        fit = fit_for(lam)
        ax.plot(x_grid, fit)
        ax.set(ylim=(-2, 2), title=f"λ = {lam:.3g}")
        return f"λ = {lam:.3g}: the fit stays between {fit.min():.2f} and {fit.max():.2f}"

    widgets.live(fig, draw, lam=widgets.log_slider("λ", 1e-2, -4, 1))

In the browser, a slider picks which frame is shown: its ``index`` is linked
(``ipywidgets.jslink``) to a :class:`Frames` widget, whose short script
(``frames.js``, beside this file) copies that frame onto a canvas. No kernel message sits
between a key press and the new picture, so the sliders keep working while the kernel is
busy, on a slow connection, and in a static HTML page with no kernel at all. The frames
are decoded ahead (the one shown and its neighbours along every slider), so a step only
copies pixels: a few milliseconds, where showing a hidden ``<img>`` (an ipywidgets ``Tab``
of ``Image`` widgets) took one display frame or more in JupyterLab; the others are released.
On a screen too narrow for the whole figure (a phone), the canvas shows each axes and
figure legend one under the other, cut from the same frames (:mod:`lessons_lib.tiles`).

Rules for ``draw``:

- it receives one keyword argument per control, the value at that position, which also
  carries the position as ``.index`` (``runs[lam.index]`` finds the run behind a frame);
- every axes of ``fig`` is emptied before each call and its scales, limits, ticks and
  aspect are put back as they were before the first frame, so ``draw`` draws everything,
  titles and limits included, and a frame never depends on which frames came before;
  texts and legends it adds to the figure itself are removed after each frame;
- the layout is computed on the default frame and then kept, so the axes do not jump
  from frame to frame; set fixed axis limits where values would otherwise rescale;
- if it raises, that frame shows the error instead, and the other frames are unaffected;
- it returns one short sentence saying what the frame shows, with the numbers a reader
  would take from the picture, the control values first as their readouts show them
  (``"λ = 0.1: training MSE 0.021, validation 0.034; 3 of 15 weights exactly 0"``).

The sentence is the frame's text alternative: the canvas is an image (``role="img"``)
named by the sentence of the frame it shows, and once the controls rest for half a second
a visually hidden polite live region reads it out, so a screen reader hears what moving
a slider did. Keep it short (one or two clauses), in the lesson's words and notation, and
say what changes from frame to frame; a frame whose ``draw`` returns nothing is named by
the panel's title and the control values, and one whose ``draw`` raised by its error.

This module is the browser side (:class:`Frames`, :class:`Panel`) and :func:`live`;
the controls are :mod:`lessons_lib.controls` (also reachable here, as ``widgets.slider``
and so on: native HTML controls that keyboards and screen readers know) and the drawing
of frames is :mod:`lessons_lib.render`.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from pathlib import Path

import anywidget
import ipywidgets as W
import traitlets

from . import plots
from .controls import (  # noqa: F401  (the lessons' names: widgets.log_slider, ...)
    MAX_FRAMES,
    Control,
    _readable,
    choice,
    float_slider,
    int_slider,
    log_grid,
    log_slider,
    play,
    slider,
)
from .render import render_frames

MAX_CONTROLS = 4          # per panel: Frames has one index trait per control, i0 … i3


def _check_count(controls: dict) -> None:
    if not 1 <= len(controls) <= MAX_CONTROLS:
        raise ValueError(f"a panel takes 1 to {MAX_CONTROLS} controls, got {len(controls)}; "
                         "split it into several panels.")


class Frames(anywidget.AnyWidget):
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
        The panel's title: the canvas's name when ``descriptions`` is empty.
    descriptions : list of str
        One sentence per frame, in the order of ``frames``: what that frame shows. The
        canvas is named by the sentence of the frame it shows, and a polite live region
        reads it out once the controls rest.
    tiles : list of list of int
        Rectangles ``[x, y, width, height, *cuts]`` of each frame (pixels from its
        top-left corner) that a box too narrow for the whole frame shows one under the
        other, a legend with ``cuts`` in pieces (:func:`lessons_lib.tiles.figure_tiles`);
        empty: always the whole frame.
    i0, i1, i2, i3 : int
        The position of each control, in the order of ``shape``; unused ones stay 0.
    """

    _esm = Path(__file__).with_name("frames.js")
    frames = traitlets.List(traitlets.Bytes()).tag(sync=True)
    shape = traitlets.List(traitlets.Int()).tag(sync=True)
    size = traitlets.List(traitlets.Int()).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    descriptions = traitlets.List(traitlets.Unicode()).tag(sync=True)
    tiles = traitlets.List(traitlets.List(traitlets.Int(), minlen=4)).tag(sync=True)
    i0, i1, i2, i3 = (traitlets.Int(0).tag(sync=True) for _ in range(MAX_CONTROLS))


class Panel(W.VBox):
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
    texts : dict, optional
        The sentence saying what a frame shows, by tuple of slider indices (what ``draw``
        returned); frames without one are described by :meth:`fallback`.
    tiles : list, optional
        The frames' tiles for narrow screens (see :class:`Frames`).
    """

    _kind = "live panel"

    def __init__(self, frames: dict, errors: dict, controls: dict, size: tuple[int, int], *,
                 title: str = "", header=None, texts: dict | None = None,
                 tiles: list | None = None):
        _check_count(controls)
        self.frames, self.errors, self.controls, self.title = frames, errors, controls, title
        self.shape = tuple(len(c.options) for c in controls.values())
        every = list(itertools.product(*(range(n) for n in self.shape)))   # row-major order
        self.descriptions = {key: self._describe(key, (texts or {}).get(key)) for key in every}
        self.view = Frames(frames=[frames[key] for key in every], shape=list(self.shape),
                           size=[int(s) for s in size], description=title or "figure",
                           descriptions=[self.descriptions[key] for key in every],
                           tiles=[list(t) for t in tiles or []],
                           **{f"i{k}": c.index for k, c in enumerate(controls.values())})
        self.links = [W.jslink((c, "index"), (self.view, f"i{k}"))
                      for k, c in enumerate(controls.values())]
        in_header = {id(w) for w in getattr(header, "children", ())}   # don't show twice
        shown = [c for c in controls.values() if id(c) not in in_header]
        super().__init__(([] if header is None else [header]) + shown + [self.view])
        self.add_class("lessons-panel")

    def fallback(self, index: tuple) -> str:
        """What a frame whose ``draw`` returned no sentence is called: the title and the
        control values, ``"pure decay: weight_decay = 0.1"``.

        Parameters
        ----------
        index : tuple of int
            One slider index per control.
        """
        values = ", ".join(f"{c.description} = {c.labels[i]}"
                           for c, i in zip(self.controls.values(), index))
        return f"{self.title or 'figure'}: {values}"

    def _describe(self, index: tuple, text: str | None) -> str:
        if index in self.errors:
            return f"{self.fallback(index)}: this frame shows an error, {self.errors[index]}"
        return " ".join(text.split()) if text and text.strip() else self.fallback(index)

    def index(self) -> tuple:
        """The slider positions now selected, one index per control."""
        return tuple(c.index for c in self.controls.values())

    def values(self) -> dict:
        """The controls' current values, by keyword."""
        return {name: c.value for name, c in self.controls.items()}

    def _repr_mimebundle_(self, **kwargs):
        """The widget, plus the frame shown now as a picture with its sentence as alt text:
        what JupyterLab shows when the widget cannot be rebuilt (a notebook opened without
        its kernel), and what GitHub, nbviewer and nbval show (see plots.png_bundle)."""
        data, metadata = plots.png_bundle(self.frame(), self.descriptions[self.index()])
        data["text/plain"] = f"<{self._kind}: {self.title}>"
        return {**super()._repr_mimebundle_(**kwargs), **data}, metadata

    def frame(self, index: tuple | None = None) -> bytes:
        """The PNG shown at ``index`` (default: the current positions).

        Parameters
        ----------
        index : tuple of int, optional
            One slider index per control.
        """
        return self.frames[self.index() if index is None else tuple(index)]


def live(fig, draw: Callable[..., object], *, title: str = "", header=None, **controls):
    """A panel: ``draw(**values)`` is called for every slider position, each kept as a frame.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure ``draw`` draws on, e.g. from :func:`lessons_lib.plots.new_figure`.
    draw : callable
        Called with one keyword argument per control; it draws the whole figure on
        cleared axes and returns a sentence saying what that frame shows, its text
        alternative (see the module docstring for its rules).
    title : str, default ""
        A short name, used in the static fallback's text and in the message that reports
        frames whose ``draw`` raised.
    header : ipywidgets.Widget, optional
        A widget shown above the controls, e.g. the ``box`` from :func:`play`; a control
        that sits inside it is not shown twice.
    **controls
        The controls, by the keyword ``draw`` receives them as: sliders from
        :func:`slider`, :func:`log_slider`, :func:`int_slider`, :func:`float_slider`,
        or :func:`choice` options.

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
    for name, c in controls.items():
        if not isinstance(c, Control):
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
    frames, errors, size, texts, tiles = render_frames(fig, draw, grids, default)
    if errors:
        combo, message = min(errors.items())
        at = ", ".join(f"{n}={_readable(grids[n][i])}" for n, i in zip(grids, combo))
        print(f"{title or 'panel'}: {len(errors)} of {n} frames show an error, the first at "
              f"{at}: {message}")
    return Panel(frames, errors, controls, size, title=title, header=header, texts=texts,
                 tiles=tiles)
