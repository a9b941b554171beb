"""The live panels saved in an executed notebook's widget state, read from the JSON alone
(no kernel, no browser): what the site and JupyterLab restore.

Test support for ``tests/test_descriptions.py`` and ``tests/test_browser.py``. A panel is
a ``VBox`` with the class ``lessons-panel`` shown by a cell; its canvas is the anywidget
model with ``descriptions``, and its controls are the models that ``jslink`` links to
the canvas's ``i0``, ``i1``, … (the order of the frames' row-major positions).
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path

VIEW = "application/vnd.jupyter.widget-view+json"
STATE = "application/vnd.jupyter.widget-state+json"


@dataclass
class SavedPanel:
    """One panel as saved: its cell, title, frames (PNG bytes, row-major), the sentence per
    frame, and its controls (each a dict of the control's saved state)."""

    cell: int
    title: str
    shape: list[int]
    frames: list[bytes]
    descriptions: list[str]
    controls: list[dict]

    def position(self, n: int) -> tuple[int, ...]:
        """The controls' positions of frame ``n`` (row-major, as numpy.unravel_index)."""
        pos = []
        for size in reversed(self.shape):
            n, p = divmod(n, size)
            pos.append(p)
        return tuple(reversed(pos))

    def number(self, pos) -> int:
        """The frame number of the controls' positions ``pos``."""
        n = 0
        for p, size in zip(pos, self.shape):
            n = n * size + p
        return n


def _model(ref: str) -> str:
    return ref.removeprefix("IPY_MODEL_")


def saved_panels(path: Path) -> list[SavedPanel]:
    """The panels of the executed notebook ``path``, in the order the page shows them."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    state = nb.get("metadata", {}).get("widgets", {}).get(STATE, {}).get("state", {})
    links = {tuple(m["state"]["target"]): _model(m["state"]["source"][0])
             for m in state.values() if m["model_name"] == "LinkModel"}
    panels = []
    for number, cell in enumerate(nb["cells"]):
        for output in cell.get("outputs", []):
            ref = output.get("data", {}).get(VIEW, {}).get("model_id")
            box = state.get(ref, {}).get("state", {})
            if "lessons-panel" not in box.get("_dom_classes", ()):
                continue
            canvas_id = next(_model(c) for c in box["children"]
                             if "descriptions" in state[_model(c)]["state"])
            canvas = state[canvas_id]
            frames = [b""] * len(canvas["state"]["frames"])
            for buf in canvas.get("buffers", []):
                if buf["path"][0] == "frames":
                    frames[buf["path"][1]] = base64.b64decode(buf["data"])
            shape = canvas["state"]["shape"]
            controls = [state[links[(f"IPY_MODEL_{canvas_id}", f"i{k}")]]["state"]
                        for k in range(len(shape))]
            panels.append(SavedPanel(number, canvas["state"]["description"], shape, frames,
                                     canvas["state"]["descriptions"], controls))
    return panels
