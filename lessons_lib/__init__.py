"""Helpers for the L1 & L2 regularization course.

Small flat modules, one idea each: ``data``, ``models``, ``penalties``, ``optim``,
``linear``, ``train``, ``plots`` and ``widgets``; the notebooks' experiments in ``runs``
and its ``runs_*`` modules, the exercises' checks in ``exercises``, their key in
``answers`` (filed as ``grading`` describes).
Importing the package changes no global state.
"""
__version__ = "0.1.0"

from ._validate import UnwiseValueWarning  # catch it with warnings.catch_warnings

__all__ = ["UnwiseValueWarning"]
