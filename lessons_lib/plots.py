"""Plot helpers: each takes ``ax`` first and returns the artists it made.

Returning artists lets a live widget update them in place (``set_ydata``,
``set_height``, ``set_text``) instead of drawing a new figure per slider move.
Colours are the Okabe–Ito palette, which stays distinguishable with the common
forms of colour blindness. Nothing here changes matplotlib's global state.
A finished figure is shown with ``show(fig, alt=...)``: the picture and, for whoever cannot
see it, its text alternative.
"""
from __future__ import annotations

import base64
import html
import io
import re

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ._validate import check_array, check_bool, check_int, check_positive


def _check_ax(ax, where: str) -> None:
    if not isinstance(ax, Axes):
        raise TypeError(f"{where}: ax must be a matplotlib Axes (e.g. from plots.new_figure()), got "
                        f"{type(ax).__name__}; the Axes comes first, then the data.")


#: Beyond this size matplotlib's axis transforms (data times a scale) overflow float64.
MAX_PLOTTED = 1e150


def _data(values, name: str, ndim: int) -> np.ndarray:
    """Numbers to draw: NaN and ±inf allowed (matplotlib leaves a gap), finite ones not huge."""
    arr = check_array(values, name, ndim=ndim, finite=False)
    biggest = float(np.max(np.abs(arr[np.isfinite(arr)]), initial=0.0))
    if biggest > MAX_PLOTTED:
        raise OverflowError(f"{name} has values up to {biggest:.3g}: matplotlib's axis transforms "
                            f"overflow float64 near its limit. Rescale {name}, or clip it to the range "
                            "you want to show, e.g. np.clip(y, -10, 10).")
    return arr


def _curve(values, name: str, n: int | None = None, other: str = "") -> np.ndarray:
    """A non-empty 1-D real array (NaN allowed: matplotlib draws it as a gap) of length ``n``."""
    arr = _data(values, name, ndim=1)
    if n is not None and arr.shape[0] != n:
        raise ValueError(f"{name} has {arr.shape[0]} values but {other} has {n}; pass one "
                         f"{name} value per {other} value.")
    return arr

def _log_lams(values) -> np.ndarray:
    """λ values for a log axis: a curve (NaN allowed) of numbers > 0."""
    lams = _curve(values, "lams")
    if np.any(lams <= 0):
        raise ValueError("lams must be > 0 for a log axis; drop λ = 0 or plot it separately.")
    return lams


# Okabe & Ito (2008), "Color Universal Design".
COLORS = {"blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "vermillion": "#D55E00",
          "sky": "#56B4E9", "purple": "#CC79A7", "yellow": "#F0E442", "black": "#000000",
          "grey": "#999999"}
TRAIN, VAL, TRUE, L2C, L1C, ENC = (COLORS["blue"], COLORS["orange"], COLORS["grey"],
                                   COLORS["blue"], COLORS["vermillion"], COLORS["green"])
_CYCLE = [COLORS[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]


class CourseFigure(Figure):
    """A matplotlib ``Figure`` that shows itself as a PNG when it is a cell's last value.

    Figures made without pyplot are not known to Jupyter's inline backend; this small
    ``_repr_png_`` lets a notebook display one by ending a cell with ``fig``.
    """

    def _repr_png_(self) -> bytes:
        buf = io.BytesIO()
        self.savefig(buf, format="png")
        return buf.getvalue()


#: Text alternatives that say a picture is there but not what it shows (refused by ``show``).
GENERIC_ALT = frozenset({"figure", "plot", "image", "picture", "graph", "chart", "png",
                         "no description has been provided for this image"})


def _check_alt(alt) -> str:
    if not isinstance(alt, str):
        raise TypeError(f"alt must be a str, the figure's text alternative, got {type(alt).__name__}.")
    said = alt.strip().rstrip(".").lower().removeprefix("a ").removeprefix("the ")
    if not said or said in GENERIC_ALT or re.fullmatch(r"\S*/\S*|\S+\.(png|jpe?g|svg|gif)", said):
        raise ValueError(f"alt={alt!r} does not say what the figure shows: write its finding, with "
                         "its numbers, e.g. alt=\"Training error falls to 0 by degree 15 while "
                         "validation error rises to 40 times the noise.\"")
    return alt.strip()


def figure_bundle(fig: Figure, alt: str) -> tuple[dict, dict]:
    """The output a notebook stores for ``fig``: its data by MIME type, and their metadata.

    - ``text/html``: ``<img src="data:image/png;base64,..." alt="...">``, what JupyterLab, the
      course website (MyST-NB) and nbconvert show; JupyterLab's own image renderer sets no
      ``alt``, and its sanitizer keeps ``data:`` images and ``alt`` in untrusted notebooks;
    - ``image/png``, with ``alt`` in its metadata as ``IPython.display.Image(alt=...)``
      stores it, for viewers that show only the PNG (GitHub);
    - ``text/plain``: the text alternative itself.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, drawn as Jupyter's inline backend draws it (``bbox_inches="tight"``).
    alt : str
        What the figure shows: its finding, with its numbers.

    Returns
    -------
    data, metadata : dict
        As ``IPython.display.display(data, metadata=metadata, raw=True)`` takes them.
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure (e.g. from plots.new_figure()), got "
                        f"{type(fig).__name__}.")
    alt = _check_alt(alt)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    return png_bundle(buf.getvalue(), alt)


def png_bundle(png: bytes, alt: str) -> tuple[dict, dict]:
    """A PNG and its text alternative as a notebook output, as :func:`figure_bundle` says.

    Parameters
    ----------
    png : bytes
        The picture, PNG-encoded.
    alt : str
        What it shows.

    Returns
    -------
    data, metadata : dict
        As ``IPython.display.display(data, metadata=metadata, raw=True)`` takes them.
    """
    alt = _check_alt(alt)
    encoded = base64.b64encode(png).decode("ascii")
    tag = f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}">'
    return {"text/html": tag, "image/png": encoded, "text/plain": alt}, {"image/png": {"alt": alt}}


def show(fig: Figure, *, alt: str) -> None:
    """Display ``fig`` in the notebook with ``alt``, its text alternative (see ``figure_bundle``).

    A screen reader reads ``alt`` instead of the picture, so it says what a sighted reader
    learns from the figure, with the numbers, e.g. "Degree 15 passes through all 16 points;
    its validation MSE is 40 times degree 3's". Use it where a cell would end with ``fig``.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure to show.
    alt : str
        What the figure shows: its finding, with its numbers (not "a plot", not a file name).
    """
    from IPython.display import display

    data, metadata = figure_bundle(fig, alt)
    display(data, metadata=metadata, raw=True)


#: matplotlib's Agg renderer refuses images this many pixels (2¹⁶) a side or more.
MAX_PIXELS = 2**16


def new_figure(*, ncols: int = 1, nrows: int = 1, width: float = 4.2, height: float = 3.2,
               dpi: float = 100, sharex: bool = False, sharey: bool = False, **subplot_kw):
    """A figure that belongs to no pyplot state machine (safe to reuse in widgets).

    Returns ``(fig, axes)``; ``axes`` is a single Axes when ``ncols == nrows == 1``.
    ``width``/``height`` are per subplot, in inches; ``subplot_kw`` goes to every Axes
    (e.g. ``aspect="equal"``).

    Parameters
    ----------
    ncols : int, default 1
        Number of subplot columns.
    nrows : int, default 1
        Number of subplot rows.
    width : float, default 4.2
        Width of each subplot, in inches.
    height : float, default 3.2
        Height of each subplot, in inches.
    dpi : float, default 100
        Resolution in dots per inch (> 0); the figure must stay below 2¹⁶ pixels a side,
        matplotlib's limit.
    sharex, sharey : bool, default False
        Share the x (y) axis between subplots, as in ``Figure.subplots``.
    **subplot_kw
        Keyword arguments for every Axes, e.g. ``aspect="equal"``.
    """
    ncols, nrows = check_int(ncols, "ncols", low=1), check_int(nrows, "nrows", low=1)
    width, height = check_positive(width, "width"), check_positive(height, "height")
    dpi = check_positive(dpi, "dpi", hint="Pass the resolution in dots per inch, e.g. dpi=100.")
    pixels = (width * ncols * dpi, height * nrows * dpi)
    if max(pixels) >= MAX_PIXELS:
        raise ValueError(f"the figure would be {pixels[0]:.3g} × {pixels[1]:.3g} pixels (width·ncols·dpi "
                         f"× height·nrows·dpi); matplotlib draws fewer than {MAX_PIXELS} a side. "
                         "Lower width, height, ncols, nrows or dpi (width=4.2, dpi=100 is typical).")
    fig = CourseFigure(figsize=(width * ncols, height * nrows), dpi=dpi, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, sharex=sharex, sharey=sharey,
                        subplot_kw=subplot_kw or None)
    return fig, axes


def fit_plot(ax, x, y, x_grid, y_grid, *, truth=None, label: str = "model",
             color: str = TRAIN, ylim=(-2.5, 2.5)):
    """Training points, the model's curve and optionally the true curve.

    Returns ``(points, line)``; update the fit with ``line.set_ydata(new_y_grid)``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    x, y : array_like of shape (n,)
        The training points.
    x_grid, y_grid : array_like of shape (m,)
        The model's curve: its predictions ``y_grid`` at ``x_grid``.
    truth : array_like of shape (m,), optional
        The true function at ``x_grid``, drawn dashed.
    label : str, default "model"
        Legend label of the model's curve.
    color : str, default TRAIN
        Color of the model's curve.
    ylim : tuple of float, default (-2.5, 2.5)
        The y-axis limits; the curve is clipped to them.
    """
    _check_ax(ax, "fit_plot")
    x = _curve(x, "x")
    _curve(y, "y", len(x), "x")
    x_grid = _curve(x_grid, "x_grid")
    _curve(y_grid, "y_grid", len(x_grid), "x_grid")
    if truth is not None:
        _curve(truth, "truth", len(x_grid), "x_grid")
        ax.plot(x_grid, truth, color=TRUE, ls="--", lw=1.5, label="true function")
    points = ax.scatter(x, y, color=COLORS["black"], s=22, zorder=3, label="training points")
    (line,) = ax.plot(x_grid, y_grid, color=color, lw=2, label=label)   # the axes clip it
    ax.set(xlabel="x", ylabel="y", ylim=ylim)
    ax.legend(loc="upper left", fontsize=9)
    return points, line


def weight_bars(ax, w, *, color: str = TRAIN, ylim=None, label: str = "weight"):
    """One bar per weight (index on x). Returns the ``BarContainer``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    w : array_like of shape (n_weights,)
        The weights.
    color : str, default TRAIN
        Color of the bars.
    ylim : tuple of float, optional
        Fixed y-axis limits; autoscaled when ``None``.
    label : str, default "weight"
        Legend label of the bars.
    """
    _check_ax(ax, "weight_bars")
    w = _data(w, "w", ndim=1)
    bars = ax.bar(np.arange(1, w.size + 1), w, color=color, label=label)
    ax.axhline(0.0, color=COLORS["black"], lw=0.8)
    ax.set(xlabel="weight index", ylabel="value")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if ylim is not None:
        ax.set_ylim(*ylim)
    return bars


def paired_bars(ax, series: dict, *, colors=None, ylim=None, legend: bool = True):
    """Side-by-side bars per weight for several weight vectors, e.g. no penalty vs L2 vs L1.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    series : dict of str to array_like
        Legend label → weights; every vector has the same length.
    colors : sequence of str, optional
        One color per series; the course palette's order by default.
    ylim : tuple of float, optional
        Fixed y-axis limits; autoscaled when ``None``.
    legend : bool, default True
        Draw a legend (9 pt, above the bars).

    Returns
    -------
    list of matplotlib.container.BarContainer
        One per series, in order.
    """
    _check_ax(ax, "paired_bars")
    if not isinstance(series, dict) or not series:
        raise TypeError("series must be a non-empty dict such as {'no penalty': w0, 'L2': w2}.")
    arrays = [_data(w, f"series[{k!r}]", ndim=1) for k, w in series.items()]
    n = arrays[0].size
    for k, a in zip(series, arrays):
        if a.size != n:
            raise ValueError(f"series[{k!r}] has {a.size} weights but the first has {n}; pass "
                             "weight vectors of one length.")
    colors = list(colors) if colors is not None else _CYCLE
    width = 0.8 / len(arrays)
    index = np.arange(1, n + 1)
    containers = [ax.bar(index + (i - (len(arrays) - 1) / 2) * width, a, width=width,
                         color=colors[i % len(colors)], label=label)
                  for i, (label, a) in enumerate(zip(series, arrays))]
    ax.axhline(0.0, color=COLORS["black"], lw=0.8)
    ax.set(xlabel="weight index", ylabel="value")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if ylim is not None:
        ax.set_ylim(*ylim)
    if check_bool(legend, "legend"):
        ax.legend(fontsize=9, ncols=len(arrays), loc="lower center", bbox_to_anchor=(0.5, 1.0),
                  frameon=False)
    return containers


def loss_curves(ax, steps, train, val=None, *, log: bool = True):
    """Training (and validation) loss against step. Returns the line artists.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    steps : array_like of shape (T,)
        The steps at which the losses were recorded.
    train : array_like of shape (T,)
        Training loss.
    val : array_like of shape (T,), optional
        Validation loss.
    log : bool, default True
        Log-scale y-axis.
    """
    _check_ax(ax, "loss_curves")
    steps = _curve(steps, "steps")
    _curve(train, "train", len(steps), "steps")
    if val is not None:
        _curve(val, "val", len(steps), "steps")
    log = check_bool(log, "log")
    (tl,) = ax.plot(steps, train, color=TRAIN, lw=2, label="training loss")
    lines = [tl]
    if val is not None:
        (vl,) = ax.plot(steps, val, color=VAL, lw=2, label="validation loss")
        lines.append(vl)
    ax.set(xlabel="step", ylabel="loss (MSE)")
    if log:
        ax.set_yscale("log")
    ax.legend(fontsize=9)
    return lines


def lam_curves(ax, lams, train, val, *, xlabel: str = "λ (log scale)"):
    """Training and validation loss against λ on a log axis, plus a marker for the current λ.

    Returns ``(train_line, val_line, marker)``; move the marker with ``marker.set_data``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    lams : array_like of shape (n_lams,)
        The λ values, all > 0.
    train, val : array_like of shape (n_lams,)
        Training and validation loss at each λ.
    xlabel : str, default "λ (log scale)"
        The x-axis label.
    """
    _check_ax(ax, "lam_curves")
    lams = _log_lams(lams)
    train, val = _curve(train, "train", len(lams), "lams"), _curve(val, "val", len(lams), "lams")
    (tl,) = ax.plot(lams, train, color=TRAIN, lw=2, label="training loss")
    (vl,) = ax.plot(lams, val, color=VAL, lw=2, label="validation loss")
    (marker,) = ax.plot([lams[0]], [val[0]], "o", color=VAL, ms=9, mec=COLORS["black"],
                        label="current λ")
    ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel="loss (MSE)")
    ax.legend(fontsize=9)
    return tl, vl, marker


def coef_paths(ax, lams, coefs, *, highlight=None, xlabel: str = "λ (log scale)"):
    """Each coefficient against λ (log x). ``coefs`` has shape (len(lams), n_features).

    Returns the list of lines; ``highlight`` (a boolean mask) draws those features in colour
    and the rest in grey. Without it the lines cycle through the palette.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    lams : array_like of shape (n_lams,)
        The λ values, all > 0.
    coefs : array_like of shape (n_lams, n_features)
        The coefficients at each λ, as :func:`lessons_lib.linear.regularization_path` returns.
    highlight : array_like of bool of shape (n_features,), optional
        Which features to draw in color.
    xlabel : str, default "λ (log scale)"
        The x-axis label.
    """
    _check_ax(ax, "coef_paths")
    lams = _log_lams(lams)
    coefs = _data(coefs, "coefs", ndim=2)
    if coefs.shape[0] != len(lams):
        raise ValueError(f"coefs has {coefs.shape[0]} rows but lams has {len(lams)} values; pass "
                         "coefs of shape (len(lams), n_features), as regularization_path returns.")
    if highlight is not None:
        highlight = np.asarray(highlight)
        if highlight.shape != (coefs.shape[1],) or highlight.dtype != bool:
            raise ValueError(f"highlight must be a boolean mask with one entry per feature "
                             f"({coefs.shape[1]}), got shape {highlight.shape}, dtype {highlight.dtype}.")
    lines = []
    for j in range(coefs.shape[1]):
        on = highlight is None or highlight[j]
        color = (_CYCLE[j % len(_CYCLE)] if highlight is None else
                 COLORS["vermillion"] if on else COLORS["grey"])
        (ln,) = ax.plot(lams, coefs[:, j], lw=1.6 if on else 1.0, color=color,
                        alpha=1.0 if on else 0.6)
        lines.append(ln)
    ax.axhline(0.0, color=COLORS["black"], lw=0.8)
    ax.set(xscale="log", xlabel=xlabel, ylabel="coefficient")
    return lines


def message(ax, text: str = ""):
    """A centred text box for warnings such as 'diverged at step 12'. Returns the Text artist.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw on.
    text : str, default ""
        The message; the box is hidden while it is empty.
    """
    _check_ax(ax, "message")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}.")
    return ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center",
                   fontsize=10, color=COLORS["vermillion"], wrap=True, zorder=10,
                   bbox=dict(boxstyle="round", fc="white", ec=COLORS["vermillion"], alpha=0.95),
                   visible=bool(text))
