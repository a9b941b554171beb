"""The live panels work in a real browser: JupyterLab in Debian's headless Chromium.

For every notebook with a ``widgets.live(`` panel: run all cells in JupyterLab, check that
no cell shows an error and the browser logged no console error, then move every slider of
every panel one step with the keyboard and check that the panel's figure really changed
(new image, different pixels) and that the slider's readout shows the new value. The
figure must not be shown wider than its PNG (scaled up, it looks blurry).

One JupyterLab server and one browser page serve the whole module (started by
``benchmarks/lab_browser.py``, the helper the latency benchmark uses too); the notebooks
are copied to a temp dir first, so the repository is never written to. Skips only when
Chromium (``$CHROMIUM``, default /usr/bin/chromium) or the playwright package is missing.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from benchmarks.lab_browser import (JupyterLab, LabPage, find_chromium, launch_chromium,
                                    live_panel_count, live_panel_notebooks)

NOTEBOOKS = live_panel_notebooks()
KERNEL_START_S = 120     # per notebook: kernel connected and idle
RUN_ALL_S = 240          # per notebook: Run All done
REDRAW_S = 20            # per slider step: the panel shows new pixels

# Console errors that say nothing about the course. Each entry: (regex, why it is harmless).
# Empty on purpose: add an entry only with a reason.
HARMLESS_CONSOLE_ERRORS: list[tuple[str, str]] = []


@pytest.fixture(scope="module")
def tab():
    """A JupyterLab server and one Chromium page on it, for the whole module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not importable: `pip install -r requirements-test.txt`")
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium not found at $CHROMIUM or /usr/bin/chromium: run "
                    "`bash scripts/ensure-chromium` or set CHROMIUM=/path/to/chromium")
    with JupyterLab(jupyter=Path(sys.executable).with_name("jupyter")) as lab, \
            sync_playwright() as pw:
        browser = launch_chromium(pw, chromium)
        page = LabPage(lab, browser)
        try:
            yield page
        finally:
            page.close()
            browser.close()


def test_some_notebook_has_a_live_panel():
    assert NOTEBOOKS, "no notebook in notebooks/ calls widgets.live(: nothing for the browser to test"


def _number(text: str | None) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _step_slider(nb, panel: dict, slider: dict) -> list[str]:
    """Move one slider one step; return what went wrong (empty when all is well)."""
    i, j = panel["index"], slider["index"]
    where = f"cell {panel['cell']}, panel {i}, slider {slider['description']!r}"
    nb.focus(i, j)
    nb.settle(i, quiet=0.2)
    before = nb.slider(i, j)
    nb.js("snapshot", i)
    # ArrowRight, or ArrowLeft when the slider cannot go further right.
    redraw = nb.press(i, j, "sweep", timeout=REDRAW_S)
    key = redraw["key"] if redraw else "ArrowRight"
    after = nb.slider(i, j)
    problems = []
    if after["readout"] == before["readout"]:
        problems.append(f"{where}: {key} left the readout at {before['readout']!r}")
    else:
        old, new = _number(before["readout"]), _number(after["readout"])
        if old is not None and new is not None and (new > old) != (key == "ArrowRight"):
            problems.append(f"{where}: {key} moved the readout the wrong way: "
                            f"{before['readout']} -> {after['readout']}")
    if redraw is not None and not redraw["moved"]:
        problems.append(f"{where}: neither ArrowRight nor ArrowLeft moves the slider")
        return problems
    if redraw is None:
        problems.append(f"{where}: no new figure within {REDRAW_S} s of {key}; an update "
                        f"that changes nothing visible sends no new image "
                        f"(status line: {nb.js('status', i)!r})")
        return problems
    nb.settle(i, quiet=0.3)
    diff = nb.js("compare", i)
    if not diff["srcChanged"]:
        problems.append(f"{where}: the image source did not change")
    if diff["changedPixels"] == 0:
        problems.append(f"{where}: a new image arrived but its pixels are identical "
                        f"(the update changes nothing visible)")
    if "error" in nb.js("status", i).lower():
        problems.append(f"{where}: the panel reports an error: {nb.js('status', i)!r}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_live_panels_redraw_in_jupyterlab(tab, path):
    with tab.open(path) as nb:
        nb.wait_for_kernel(timeout=KERNEL_START_S)
        nb.run_all(timeout=RUN_ALL_S)

        bad_cells = [f"cell {o['cell']}: {o['kind']} {o['text'][-300:]}" for o in nb.cell_outputs()
                     if o["kind"] != "stderr" or "Traceback" in o["text"]]
        assert not bad_cells, f"{path.name} ran with errors:\n" + "\n".join(bad_cells)

        expected = live_panel_count(path)
        panels = nb.panels(at_least=expected)
        assert len(panels) >= expected, (
            f"{path.name}: {expected} cell(s) call widgets.live( but {len(panels)} live "
            f"panel(s) rendered in JupyterLab")

        problems = []
        for panel in panels:
            where = f"cell {panel['cell']}, panel {panel['index']}"
            if not panel["sliders"]:
                problems.append(f"{where}: no slider")
            size = nb.js("figureSize", panel["index"])
            if size and size["shown"][0] > size["natural"][0] + 1:
                problems.append(f"{where}: the {size['natural'][0]} px wide figure is shown "
                                f"{size['shown'][0]} px wide (scaled up: blurry)")
            for slider in panel["sliders"]:
                if not slider["disabled"]:
                    problems += _step_slider(nb, panel, slider)
        problems += [f"kernel {m['type']} (from {m['origin']}): {m['text'][-300:]}"
                     for m in nb.kernel_messages()
                     if m["type"] == "error" or "Traceback" in m["text"]]
        problems += [f"browser console error: {text}" for text in nb.console_errors
                     if not any(re.search(rx, text) for rx, _ in HARMLESS_CONSOLE_ERRORS)]
        assert not problems, f"{path.name}:\n" + "\n".join(problems)
