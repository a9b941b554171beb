"""Every panel says what each of its frames shows (the rule in lessons_lib/widgets.py's
docstring), checked on the notebooks as the test command executed them
(``build/executed``, widget state saved): what the website and JupyterLab restore, and
what a screen reader hears as the canvas's name.

For every panel of every notebook, each frame's sentence

- is the lesson's own (``draw`` returned it), not the library's fallback (the title and
  the control values) nor an error, and short;
- names each control's value as its readout shows it, wherever that control matters
  (moving it one position draws other pixels);
- differs from the sentence of every frame that shows other pixels.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import live_panel_count, live_panel_notebooks
from saved_panels import SavedPanel, saved_panels

ROOT = Path(__file__).resolve().parents[1]
EXECUTED = ROOT / "build" / "executed"
NOTEBOOKS = live_panel_notebooks()
LONGEST = 320          # characters: one or two clauses, read out at every slider stop


def mentions(text: str, readout: str) -> bool:
    """``readout`` appears in ``text`` as a whole value: "0.1" in "λ = 0.1:", not in "0.15"."""
    return re.search(rf"(?<![\w.]){re.escape(readout)}(?!\w|\.\d)", text) is not None


def fallback(panel: SavedPanel, pos) -> str:
    """What lessons_lib names a frame whose draw returned no sentence (Panel.fallback)."""
    values = ", ".join(f"{c['description']} = {c['labels'][p]}" for c, p in zip(panel.controls, pos))
    return f"{panel.title or 'figure'}: {values}"


def problems_of(panel: SavedPanel) -> list[str]:
    """What is wrong with one panel's sentences (empty when all is well)."""
    found = []
    if len(panel.descriptions) != len(panel.frames):
        return [f"{len(panel.descriptions)} sentences for {len(panel.frames)} frames"]
    said: dict[str, set[bytes]] = {}
    for n, text in enumerate(panel.descriptions):
        pos = panel.position(n)
        where = ", ".join(f"{c['description']} = {c['labels'][p]}" for c, p in zip(panel.controls, pos))
        if text.startswith(fallback(panel, pos)):
            found.append(f"at {where}: no sentence from draw ({text!r})")
            continue
        if len(text) > LONGEST:
            found.append(f"at {where}: {len(text)} characters, more than {LONGEST}: {text!r}")
        for k, control in enumerate(panel.controls):
            near = [pos[:k] + (pos[k] + s,) + pos[k + 1:] for s in (-1, 1)
                    if 0 <= pos[k] + s < panel.shape[k]]
            matters = any(panel.frames[panel.number(q)] != panel.frames[n] for q in near)
            if matters and not mentions(text, control["labels"][pos[k]]):
                found.append(f"at {where}: {text!r} does not say {control['description']} = "
                             f"{control['labels'][pos[k]]}")
        said.setdefault(text, set()).add(panel.frames[n])
    found += [f"{len(pictures)} different frames share one sentence: {text!r}"
              for text, pictures in said.items() if len(pictures) > 1]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_frame_of_every_panel_says_what_it_shows(path):
    run = EXECUTED / path.name
    if not run.exists():
        pytest.fail(f"{run.relative_to(ROOT)} is missing: `make test` executes the notebooks "
                    "first (scripts/build_site.py --executed build/executed)")
    panels = saved_panels(run)
    assert len(panels) >= live_panel_count(path), (
        f"{live_panel_count(path)} cells call widgets.live( but {len(panels)} panels were saved")
    problems = [f"cell {p.cell} ({p.title}): {msg}" for p in panels for msg in problems_of(p)]
    assert not problems, f"{path.name}:\n" + "\n".join(problems[:20])


def test_the_check_catches_a_fallback_a_missing_value_and_a_shared_sentence():
    lam = [{"description": "λ", "labels": ["0.1", "1", "10"], "kind": "slider"}]
    frames = [b"a", b"b", b"b"]                  # the last two frames are the same picture
    good = SavedPanel(0, "demo", [3], frames, ["λ = 0.1: a", "λ = 1: b", "λ = 10: b"], lam)
    assert problems_of(good) == []
    bad = SavedPanel(0, "demo", [3], frames, ["demo: λ = 0.1", "b, at λ = 0.15", "b"], lam)
    assert [p.split(":")[0] for p in problems_of(bad)] == ["at λ = 0.1", "at λ = 1"]
    assert "no sentence from draw" in problems_of(bad)[0]
    assert "does not say λ = 1" in problems_of(bad)[1]       # 0.15 is not 1; at 10, λ no
    shared = SavedPanel(0, "demo", [3], frames, ["λ: a curve"] * 3, lam)   # longer matters
    assert any("2 different frames share one sentence" in p for p in problems_of(shared))
    assert mentions("λ = 0.1.", "0.1") and not mentions("λ = 0.15", "0.1")
