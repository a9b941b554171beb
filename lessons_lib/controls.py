"""The controls of a panel: sliders over fixed grids, a choice of options, a Play button.

Every control is a :class:`Control` over a fixed list of values (its grid):
:func:`lessons_lib.widgets.live` draws one frame per position, so a slider can only stop
where a frame exists. :func:`log_grid` gives the same floats on every machine, so a
lesson can train on the grid the slider shows and look its runs up by position.

In the browser a control is a native HTML control (``controls.js``, beside this file): a
range input with its ``<label>`` and a readout, radio buttons in a ``<fieldset>``, a
``<button>``. Keyboards, touch screens and screen readers work with them as with any
form: a slider is named by its description, says its readout (``aria-valuetext``), and
steps with the arrow keys, Home/End and Page Up/Down.
"""
from __future__ import annotations

import decimal
import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import anywidget
import ipywidgets as W
import numpy as np
import traitlets

from ._validate import check_int, check_scalar

MAX_FRAMES = 600          # per panel: more makes the page heavy and the cell slow
MAX_GRID = 10**6          # values in a log_grid: more is a typo for the step
WIDTH = "440px"           # a control's width on a wide screen (controls.css: narrower on a phone)


class Control(anywidget.AnyWidget):
    """A control over a fixed list of positions: a slider, a choice, or a Play button.

    Made by :func:`slider` (and the sliders built on it), :func:`choice` and :func:`play`.
    ``index`` is the one trait the browser and the kernel share: ``ipywidgets.jslink``
    links it to a panel's canvas, and :meth:`traitlets.HasTraits.observe` watches it.
    A position that does not exist is refused, never clamped to the nearest end.

    Parameters
    ----------
    options : sequence of (str, object)
        The positions as ``(label, value)`` pairs, in order; the labels are the readouts.
    index : int, default 0
        The position to open at.
    **traits
        ``kind``, ``description`` and ``interval``, below.

    Attributes
    ----------
    kind : str
        ``"slider"`` (a range input), ``"choice"`` (radio buttons) or ``"play"`` (a button
        that steps ``index`` every ``interval`` ms).
    description : str
        The control's name, shown beside it and read out by screen readers.
    index : int
        The current position.
    interval : int
        Milliseconds between steps while a Play button plays.
    """

    _esm = Path(__file__).with_name("controls.js")
    _css = Path(__file__).with_name("controls.css")
    kind = traitlets.Enum(("slider", "choice", "play"), "slider").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    labels = traitlets.List(traitlets.Unicode()).tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    interval = traitlets.Int(120).tag(sync=True)

    def __init__(self, options: Sequence, index: int = 0, **traits):
        self._options = tuple((str(label), value) for label, value in options)
        super().__init__(labels=[label for label, _ in self._options], index=index, **traits)

    @traitlets.validate("index")
    def _check_index(self, proposal):
        i, n = proposal["value"], len(self.labels)
        if not 0 <= i < n:
            raise traitlets.TraitError(f"{self.description!r}: index {i} is not one of the "
                                       f"control's positions 0 … {n - 1}; pick one of them.")
        return i

    @property
    def options(self) -> tuple:
        """The positions as ``(label, value)`` pairs, in order."""
        return self._options

    @property
    def value(self):
        """The value at ``index``; set it to one of the options' values to move there."""
        return self._options[self.index][1]

    @value.setter
    def value(self, value) -> None:
        values = [v for _, v in self._options]
        index = _index_of(values, value, self.description)
        if index is None:
            more = "…" if len(values) > 5 else ""
            raise ValueError(f"{self.description!r}: value {value!r} is not one of the "
                             f"control's values {values[:5]}{more}; pick one of them.")
        self.index = index

    @property
    def label(self) -> str:
        """The readout at ``index``."""
        return self.labels[self.index]


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
    return Control(zip(labels, values), index, description=description)


def log_grid(min_exp: float, max_exp: float, step: float = 0.125) -> np.ndarray:
    """``10**min_exp, 10**(min_exp + step), …, 10**max_exp``: evenly spaced on a log axis.

    A grid is the same floats on every machine, so a lesson can look its runs up by
    position and the printed numbers do not change with NumPy or the CPU. Each value is
    ``10**e`` computed with :mod:`decimal` to 40 significant digits, then rounded once to
    the nearest float: whole powers are exact (``10**-1`` is the float ``0.1``), the others
    correctly rounded. ``10.0 ** np.arange(…)`` is not: NumPy's ``pow`` varies with its
    version and the CPU (NumPy 1.26 gave ``0.09999999999999999`` for ``10**-1.0``).
    The exponents ``min_exp + k·step`` are exact as well: each argument counts as the
    decimal it prints as, so ``step=0.1`` is one tenth.

    Parameters
    ----------
    min_exp : float
        The power of ten of the first value, in [-300, 300].
    max_exp : float
        The power of ten of the last value (> ``min_exp``), in [-300, 300]; the grid stops
        at the last exponent below ``max_exp + step/2``.
    step : float, default 0.125
        The spacing in powers of ten (0.125: 8 values per decade).

    Examples
    --------
    >>> [float(v) for v in log_grid(-2, 0, 0.5)]
    [0.01, 0.03162277660168379, 0.1, 0.31622776601683794, 1.0]
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
    low, high, step = (Fraction(repr(x)) for x in (min_exp, max_exp, step))   # as printed
    n = math.ceil((high - low) / step + Fraction(1, 2))
    return np.array([_power_of_ten(low + k * step) for k in range(n)])


def _power_of_ten(exponent: Fraction) -> float:
    """``10**exponent`` to 40 significant digits (integer arithmetic: the same everywhere),
    rounded once to the nearest float."""
    ctx = decimal.Context(prec=40)
    e = ctx.divide(decimal.Decimal(exponent.numerator), decimal.Decimal(exponent.denominator))
    return float(ctx.power(decimal.Decimal(10), e))


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
    """Radio buttons for a few named options, e.g. ``[("L2", "l2"), ("L1", "l1")]``.

    In the browser the options are a ``<fieldset>`` named by ``description``: Tab reaches
    the chosen one, the arrow keys choose another.

    Parameters
    ----------
    description : str
        The label left of the options.
    options : iterable
        ``(label, value)`` pairs with a str label, or bare values (labelled ``str(value)``).
    value : object, optional
        The value selected at first (one of the options' values); defaults to the first.
    """
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
    return Control(pairs, index, kind="choice", description=description)


def play(n_steps: int, *, every: int = 1, interval_ms: int = 120, description: str = "step",
         value: int = 0):
    """A Play button driving a step slider over ``0, every, 2·every, … ≤ n_steps``.

    Returns ``(box, slider)``; pass ``header=box`` and the slider as a control to
    :func:`live`. The readout shows the training step; the button (named "Play", or
    "Pause" while it plays; at the last step it starts again from the first) moves the
    slider in the browser, so the animation needs no kernel either.

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
    player = Control(step.options, step.index, kind="play", description=description,
                     interval=interval_ms)
    box = W.HBox([player, step])
    box.links = [W.jslink((player, "index"), (step, "index"))]
    return box, step


def _nearest(grid: np.ndarray, value: float, log: bool) -> int:
    """Index of the grid point closest to ``value``, comparing logarithms when ``log``."""
    if log:
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
    spans_decades = lo > 0 and hi / lo > 10 and v > 0
    return _nearest(grid, v, log=bool(spans_decades))
