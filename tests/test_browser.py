"""The panels work in a real browser (Debian's headless Chromium): in JupyterLab, with the
kernel busy, and in the built course website with no server behind it.

1. In JupyterLab, for every notebook with a ``widgets.live(`` panel, as the test command
   executed it (``build/executed``, widget state saved): JupyterLab restores the panels,
   the browser logs no console error, and every slider of every panel moved one step with
   the keyboard really changes the figure (new image, different pixels), moves the
   readout the right way, and the canvas's accessible name becomes the sentence saved
   for the frame it now shows.
2. Notebook 0 run by Run All in JupyterLab's kernel shows no error, and while the kernel
   runs a cell that sleeps for 20 s, a slider of an earlier panel still changes the
   pixels: the frames are flipped in the browser.
3. In the site built by ``make site`` (``site/``), served by a plain static file server,
   each page is loaded at a phone's 390 px, where it must not scroll sideways nor cut a
   readout off, then widened to 1280 px (one load per page serves both). Every slider of
   every page changes the pixels (and the canvas's name), no page asks for anything off
   the machine or for a file that is missing, and each page's first load is printed and
   within budget (3 MB compressed); the search finds a lesson; the page turns dark with
   the system; axe-core (npm) finds no WCAG 2.1 A/AA violation on any page as loaded at
   390 px, on the pages without panels at 1280 px, nor in the panels after every control
   moved at 1280 px (counts printed), and every picture in the live page has a real text
   alternative; the keyboard alone (Tab from the top of the page, then the arrows, End
   and Home) reaches and moves every slider, the frame and the canvas's name following;
   the old flat site's page names lead to the pages.
4. In JupyterLab, every static figure of a committed (untrusted) notebook (the one with
   the most; every notebook's are checked statically) shows with its text alternative as
   the <img>'s alt.

JupyterLab serves copies of the notebooks from a temp dir (``tests/browser.py``), so the
repository is never written to. Skips only when Chromium (``$CHROMIUM``, default
/usr/bin/chromium) or the playwright package is missing.
"""
from __future__ import annotations

import base64
import io
import re
import sys
import time
from pathlib import Path

import nbformat
import numpy as np
import pytest
from browser import (
    AXE,
    WCAG_21_AA,
    JupyterLab,
    LabPage,
    SitePage,
    StaticSite,
    find_chromium,
    launch_chromium,
    live_panel_count,
    live_panel_notebooks,
    page_panels,
)
from saved_panels import SavedPanel, saved_panels
from test_site import alt_problems

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
EXECUTED = ROOT / "build" / "executed"     # the test command's executed notebooks
NOTEBOOKS = live_panel_notebooks()
KERNEL_START_S = 120     # per notebook: kernel connected and idle
RUN_ALL_S = 240          # per notebook: Run All done
REDRAW_S = 10            # per slider step: the panel shows new pixels
BUSY_REDRAW_S = 2.0      # with the kernel asleep, a flip must not wait for it
PAGE_BUDGET_MB = 3.0      # a page's first load, compressed
PHONE = (390, 844)        # the site tests load each page in a phone's viewport (CSS px),
DESKTOP = (1280, 900)     # then widen it to a desktop's
MAX_TABS = 1000           # Tab presses to go round a page once
MIN_PANEL_SCALE = 0.6     # on a phone, every panel at no less than this of its natural width
PANEL_SCROLL_PX = 10      # ... which may make a panel's own box scroll sideways, a little

# Console errors that say nothing about the course. Each entry: (regex, why it is harmless).
# Empty on purpose: add an entry only with a reason.
HARMLESS_CONSOLE_ERRORS: list[tuple[str, str]] = []


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, one for the whole module (Playwright allows one driver)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not importable: `pip install -r requirements-test.txt`")
    chromium = find_chromium()
    if chromium is None:
        pytest.skip("Chromium not found at $CHROMIUM or /usr/bin/chromium: run "
                    "`bash scripts/ensure-chromium` or set CHROMIUM=/path/to/chromium")
    with sync_playwright() as pw:
        browser = launch_chromium(pw, chromium)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def tab(browser):
    """A JupyterLab server and one Chromium page on it."""
    with JupyterLab(jupyter=Path(sys.executable).with_name("jupyter")) as lab:
        page = LabPage(lab, browser)
        try:
            yield page
        finally:
            page.close()


@pytest.fixture(scope="module")
def site_tab(browser):
    """The built site on a static file server, and one Chromium page on it."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ has not been built: run `make site` (make test builds it first)")
    with StaticSite(SITE) as server:
        page = SitePage(server, browser)
        try:
            yield page
        finally:
            page.close()


def test_some_notebook_has_a_live_panel():
    assert NOTEBOOKS, "no notebook in notebooks/ calls widgets.live(: nothing for the browser to test"


def _number(text: str | None) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _step_slider(nb, panel: dict, slider: dict, timeout: float = REDRAW_S,
                 saved: SavedPanel | None = None) -> list[str]:
    """Move one slider one step; return what went wrong (empty when all is well). With the
    panel as ``saved`` in the executed notebook, the canvas's name must be the sentence
    saved for the frame it shows; without, it must change with the frame."""
    i, j = panel["index"], slider["index"]
    where = f"cell {panel['cell']}, panel {i}, slider {slider['description']!r}"
    nb.focus(i, j)
    nb.settle(i, quiet=0.2)
    before = nb.slider(i, j)
    name_before = nb.js("canvasName", i)
    nb.js("snapshot", i)
    # ArrowRight, or ArrowLeft when the slider cannot go further right.
    redraw = nb.press(i, j, "sweep", timeout=timeout)
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
        problems.append(f"{where}: no new figure within {timeout} s of {key}")
        return problems
    nb.settle(i, quiet=0.3)
    diff = nb.js("compare", i)
    if not diff["srcChanged"]:
        problems.append(f"{where}: the image source did not change")
    if diff["changedPixels"] == 0:
        problems.append(f"{where}: a new image arrived but its pixels are identical "
                        f"(two neighbouring positions draw the same frame)")
    return problems + _name_problems(nb, i, where, saved, name_before)


def _new_frame(nb, i: int, before: dict, where: str, saved: SavedPanel | None) -> list[str]:
    """After a key press: the canvas shows another frame, with new pixels, named by it."""
    try:
        nb.page.wait_for_function("([i, n]) => window.__lab.canvasName(i).frame !== n",
                                  arg=[i, before["frame"]], timeout=REDRAW_S * 1e3)
    except Exception:
        return [f"{where}: no new frame within {REDRAW_S} s"]
    nb.settle(i, quiet=0.2)
    if nb.js("compare", i)["changedPixels"] == 0:
        return [f"{where}: a new frame but no new pixels"]
    return _name_problems(nb, i, where, saved, before)


def _other_controls(nb, panel: dict, saved: SavedPanel | None) -> list[str]:
    """A course panel's choices and Play button, by keyboard: ArrowRight on the chosen
    radio button chooses the next option; Enter on "Play" plays (the button is then named
    "Pause") and Enter again pauses. Each shows a new frame, named by its sentence."""
    i, page, problems = panel["index"], nb.page, []
    for j in range(panel.get("choices", 0)):
        where = f"cell {panel['cell']}, panel {i}, choice {j}"
        radio = page.locator(f'[data-lab-choice="{i}-{j}"] input:checked')
        radio.scroll_into_view_if_needed()
        radio.focus()
        nb.settle(i, quiet=0.2)
        before = nb.js("canvasName", i)
        nb.js("snapshot", i)
        page.keyboard.press("ArrowRight")
        problems += _new_frame(nb, i, before, f"{where}, ArrowRight", saved)
    if panel.get("play"):
        where = f"cell {panel['cell']}, panel {i}, Play"
        button = page.locator(f'[data-lab-play="{i}"]')
        button.scroll_into_view_if_needed()
        button.focus()
        nb.settle(i, quiet=0.2)
        before = nb.js("canvasName", i)
        nb.js("snapshot", i)
        page.keyboard.press("Enter")
        problems += _new_frame(nb, i, before, f"{where}, Enter", saved)
        if button.text_content().strip().split()[-1] != "Pause":
            problems.append(f"{where}: while playing the button reads {button.text_content()!r}")
        page.keyboard.press("Enter")
        if button.text_content().strip().split()[-1] != "Play":
            problems.append(f"{where}: paused, the button reads {button.text_content()!r}")
    return problems


def _name_problems(nb, i: int, where: str, saved: SavedPanel | None, before: dict | None) -> list[str]:
    """The canvas is an image named by the sentence of the frame it shows."""
    now = nb.js("canvasName", i)
    if now is None:                             # not a course canvas
        return []
    if now["role"] != "img":
        return [f"{where}: the canvas has role {now['role']!r}, not 'img'"]
    if saved is not None:
        expected = saved.descriptions[now["frame"]]
        if now["name"] != expected:
            return [f"{where}: the canvas showing frame {now['frame']} is named {now['name']!r}, "
                    f"not that frame's sentence {expected!r}"]
    elif before is not None and now["frame"] != before["frame"] and now["name"] == before["name"]:
        return [f"{where}: the frame changed but the canvas is still named {now['name']!r}"]
    return []


def _check_panels(nb, expected: int, name: str, saved: list[SavedPanel] | None = None) -> list[str]:
    """Step every slider of every panel; return the problems found. ``saved``: the panels
    as saved in the executed notebook the page shows, in page order."""
    panels = nb.panels(at_least=expected, stable=0.3)
    problems = []
    if len(panels) < expected:
        problems.append(f"{name}: {expected} cell(s) call widgets.live( but {len(panels)} "
                        f"panel(s) rendered")
    if saved is not None and len(saved) != len(panels):
        problems.append(f"{name}: {len(saved)} panels saved but {len(panels)} on the page")
        saved = None
    for panel in panels:
        where = f"cell {panel['cell']}, panel {panel['index']}"
        if not panel["sliders"]:
            problems.append(f"{where}: no slider")
        problems += _figure_size(nb, panel)
        for slider in panel["sliders"]:
            if not slider["disabled"]:
                problems += _step_slider(nb, panel, slider,
                                         saved=saved[panel["index"]] if saved else None)
        problems += _other_controls(nb, panel, saved[panel["index"]] if saved else None)
    return problems + _console_problems(nb)


def _figure_size(nb, panel: dict) -> list[str]:
    """A panel's figure is never shown wider than it was drawn (scaled up: blurry)."""
    size = nb.js("figureSize", panel["index"])
    if size and size["shown"][0] > size["natural"][0] + 1:
        return [f"cell {panel['cell']}, panel {panel['index']}: the {size['natural'][0]} px wide "
                f"figure is shown {size['shown'][0]} px wide (scaled up: blurry)"]
    return []


def _console_problems(nb) -> list[str]:
    return [f"browser console error: {text}" for text in nb.console_errors
            if not any(re.search(rx, text) for rx, _ in HARMLESS_CONSOLE_ERRORS)]


def _executed(path: Path) -> Path:
    run = EXECUTED / path.name
    if not run.exists():
        pytest.fail(f"{run.relative_to(ROOT)} is missing: `make test` executes the notebooks "
                    "first (scripts/build_site.py --executed build/executed)")
    return run


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_panels_flip_in_jupyterlab(tab, path):
    """Each notebook as the test command executed it, with its widget state saved: JupyterLab
    restores every panel from the notebook, and every slider flips frames (no Run All: the
    notebooks run once per test command; the next test runs notebook 0 in the kernel)."""
    with tab.open(_executed(path), trust=True) as nb:
        nb.wait_for_kernel(timeout=KERNEL_START_S)
        problems = _check_panels(nb, live_panel_count(path), path.name,
                                 saved_panels(_executed(path)))
        problems += [f"kernel {m['type']} (from {m['origin']}): {m['text'][-300:]}"
                     for m in nb.kernel_messages()
                     if m["type"] == "error" or "Traceback" in m["text"]]
        assert not problems, f"{path.name}:\n" + "\n".join(problems)


# The committed notebook with the most static figures: how JupyterLab shows them is the
# same for every notebook, and tests/test_outputs.py checks that every figure of every
# committed notebook carries its text alternative in its HTML <img alt>, PNG and text.
FIGURE_NOTEBOOKS = [max(sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")),
                        key=lambda p: p.read_text(encoding="utf-8").count('"alt":'))]


@pytest.mark.parametrize("path", FIGURE_NOTEBOOKS, ids=lambda p: p.name)
def test_static_figures_speak_in_jupyterlab(tab, path):
    """The committed notebook as a fresh clone opens it (not trusted, outputs sanitized):
    every static figure shows (its image decodes) with its text alternative as the alt of
    the <img> JupyterLab draws. JupyterLab's own image renderer sets no alt; plots.show
    stores the figure as an HTML <img alt> too, which JupyterLab shows instead."""
    want = [o["metadata"]["image/png"]["alt"] for c in nbformat.read(path, as_version=4).cells
            for o in c.get("outputs", []) if "alt" in o.get("metadata", {}).get("image/png", {})]
    with tab.open(path) as nb:
        nb.page.wait_for_function(
            "(n) => document.querySelectorAll('.jp-OutputArea-output img[alt]').length >= n",
            arg=len(want), timeout=60_000)
        shown = nb.page.eval_on_selector_all(
            ".jp-OutputArea-output img[alt]", "imgs => imgs.map((i) => [i.alt, i.naturalWidth])")
    assert [alt for alt, _ in shown] == want, f"{path.name}: {shown}"
    assert all(width > 100 for _, width in shown), f"{path.name}: a figure did not decode"


def test_sliders_work_while_the_kernel_is_busy(tab):
    """Run All in JupyterLab's kernel (the learner's path: live widgets, not restored ones),
    then a slider flips frames while a cell keeps the kernel asleep."""
    path = NOTEBOOKS[0]
    with tab.open(path) as nb:
        nb.wait_for_kernel(timeout=KERNEL_START_S)
        nb.run_all(timeout=RUN_ALL_S)
        bad_cells = [f"cell {o['cell']}: {o['kind']} {o['text'][-300:]}" for o in nb.cell_outputs()
                     if o["kind"] != "stderr" or "Traceback" in o["text"]]
        assert not bad_cells, f"{path.name} ran with errors:\n" + "\n".join(bad_cells)
        panels = nb.panels(at_least=1, timeout=60)
        assert panels, f"{path.name}: no panel on the page 60 s after Run All ({nb._state()})"
        panel = panels[0]
        nb.js("executeInBackground", "import time; time.sleep(20)")
        deadline = time.monotonic() + 5
        while nb.js("kernelStatus") != "busy" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert nb.js("kernelStatus") == "busy", "the sleeping cell did not make the kernel busy"
        problems, times = [], []
        for _ in range(3):
            nb.focus(panel["index"], 0)
            nb.js("snapshot", panel["index"])
            redraw = nb.press(panel["index"], 0, "sweep", timeout=BUSY_REDRAW_S)
            if redraw is None or not redraw["moved"]:
                problems.append(f"no new frame within {BUSY_REDRAW_S} s while the kernel sleeps")
                continue
            nb.settle(panel["index"], quiet=0.2)
            times.append(redraw["ms"])
            if nb.js("compare", panel["index"])["changedPixels"] == 0:
                problems.append("the frame shown while the kernel sleeps did not change")
        assert nb.js("kernelStatus") == "busy", "the kernel finished sleeping before the test ended"
        print(f"\nkey to new frame with the kernel asleep: {', '.join(f'{t:.1f}' for t in times)} ms")
        assert not problems, "\n".join(problems)


def _site_pages():
    return [f"notebooks/{p.stem}.html" for p in NOTEBOOKS]


# Every page of the site: the index, Sphinx's search page, one per notebook.
ALL_SITE_PAGES = ["index.html", "search.html"] + [
    f"notebooks/{p.stem}.html" for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]


def test_site_search_finds_the_adamw_lesson(site_tab):
    """Sphinx's search runs in the page from the static files (searchindex.js, loaded by a
    script tag, so it also works from file://): a query finds the lesson that teaches it."""
    site_tab.open("search.html?q=decoupled+weight+decay")
    page = site_tab.page
    page.wait_for_selector("#search-results ul.search li a", timeout=30_000)
    page.wait_for_function("() => /Search finished/.test("
                           "document.querySelector('#search-results').textContent)")
    found = page.eval_on_selector_all("#search-results ul.search li a",
                                      "links => links.map((a) => a.getAttribute('href'))")
    assert any(href.split("#")[0].endswith("notebooks/07_adamw.html") for href in found), found
    assert not site_tab.offsite, site_tab.offsite


def test_site_dark_mode_follows_the_system(site_tab):
    """The theme starts in "auto" mode: the page turns dark or light as the system says."""
    site_tab.open("index.html")                 # the same theme on every page
    page = site_tab.page
    for scheme in ("dark", "light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("(s) => document.documentElement.dataset.theme === s", arg=scheme,
                               timeout=10_000)
    assert page.evaluate("() => document.documentElement.dataset.mode") == "auto"


# Fixed by the engine (theme, CSS, conf.py), with their counts on the nbconvert site:
# color-contrast (649 nodes), link-in-text-block (83); and label-content-name-mismatch, which
# the theme's search button and MyST-NB's code toggles broke until docs/ fixed them. Fixed by
# lessons_lib's native controls (controls.js), with their counts on the Sphinx site built
# with ipywidgets' controls: aria-input-field-name (22 slider handles with no name, on all
# 12 notebook pages) and button-name (the Play widget's 3 icon-only buttons, notebook 6).


@pytest.mark.parametrize("name", [p for p in ALL_SITE_PAGES if p not in _site_pages()])
def test_site_pages_pass_axe_core(site_tab, name, capsys):
    """Every page with no panel (the index, the search page, the appendices), loaded on a
    phone (390 px), fits it (:func:`_phone_problems`); axe-core from npm, WCAG 2.0/2.1 A and
    AA, finds nothing there nor with the window widened to 1280 px (the counts per rule are
    printed), and every picture has a real text alternative. The pages with panels are
    checked the same way by test_site_panels_work_by_keyboard_alone_with_no_server."""
    nb = site_tab.open(name, viewport=PHONE)
    nb.page.wait_for_load_state("networkidle")
    problems = _phone_problems(site_tab, name, capsys)
    found = {f"at {PHONE[0]} px": site_tab.axe()}
    site_tab.resize(DESKTOP)
    found[f"at {DESKTOP[0]} px"] = site_tab.axe()
    problems += _axe_problems(nb, name, found, capsys)
    assert not problems, "\n".join(problems)


def _axe_problems(nb, name: str, found: dict, capsys) -> list[str]:
    """Print axe-core's counts per rule (``found``: when → violations) and the pictures
    of the open page; return the violations and the pictures with no real text alternative."""
    pictures = nb.page.evaluate(PICTURES_JS)
    with capsys.disabled():                     # shown in every run, not only on failure
        for when, violations in found.items():
            counts = {rule: len(nodes) for rule, nodes in sorted(violations.items())}
            print(f"\n{name}: axe-core WCAG 2.1 AA violations {when}: {counts or 'none'}")
        print(f"{name}: {len(pictures)} pictures, {len(alt_problems(pictures))} without a real "
              "text alternative")
    return ([f"{name} breaks WCAG 2.1 AA rule {rule} {when}: {nodes[:5]}"
             for when, v in found.items() for rule, nodes in v.items()]
            + [f"{name}: {p}" for p in alt_problems(pictures)])


# Every picture in the live page (widgets' included): tag, text alternative, src.
PICTURES_JS = """() => [...document.querySelectorAll('img, [role=img]')].map((e) => [
  e.tagName.toLowerCase(),
  e.tagName === 'IMG' ? e.getAttribute('alt') : (e.getAttribute('aria-label') ||
    (e.getAttribute('aria-labelledby') || '').split(' ').map((id) =>
      (document.getElementById(id) || {}).textContent || '').join(' ').trim() || null),
  (e.getAttribute('src') || '').slice(0, 200)])"""


def test_site_old_page_names_lead_to_the_pages(site_tab):
    """A link to the old flat site (``NN_name.html``, with an #anchor) lands on the notebook's
    page at that anchor; the redirect page itself, held still, passes axe-core. Every
    redirect page is the same template (``docs/conf.py``), and tests/test_site.py checks each
    one's refresh and link; the browser follows one, the conventions appendix's (the
    anchor every notebook links to)."""
    old = "12_conventions.html"
    page = site_tab.browser.new_page()
    try:
        page.goto(site_tab.site.base + old + "#conventions")
        page.wait_for_url(f"**/notebooks/{old}#conventions", timeout=30_000)
        # Hold the redirect page still: a 204 answer to a navigation leaves the page where it is.
        page.route("**/notebooks/**", lambda route: route.fulfill(status=204))
        page.goto(site_tab.site.base + old, wait_until="commit")
        deadline = time.monotonic() + 30
        while page.evaluate("() => document.readyState") != "complete" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert page.url == site_tab.site.base + old, page.url
        page.evaluate("(axe) => { const s = document.createElement('script'); s.textContent = axe; "
                      "document.head.append(s); }", AXE.read_text(encoding="utf-8"))
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
            ".violations.map((v) => v.id)", list(WCAG_21_AA))
        link = page.evaluate("() => { const a = document.querySelector('main a'); "
                             "return [a.getAttribute('href'), a.getClientRects().length > 0]; }")
        assert link == [f"notebooks/{old}", True], link
    finally:
        page.close()
    assert violations == [], f"{old}: {violations}"


def _keyboard_moves(nb, i: int, j: int, saved: SavedPanel) -> list[str]:
    """End, Home and ArrowRight on the focused slider j of panel i: each moves the slider
    where it should, the canvas then shows that frame (new pixels where the saved frames
    differ), named by its sentence; once the slider rests, the live region says it."""
    page, problems = nb.page, []
    k = [n for n, c in enumerate(saved.controls) if c["kind"] == "slider"][j]   # its control
    where = f"panel {i}, slider {saved.controls[k]['description']!r}"
    for key in ("End", "Home", "ArrowRight"):
        before, shown = nb.slider(i, j), nb.js("canvasName", i)
        target = {"End": before["max"], "Home": before["min"],
                  "ArrowRight": min(before["now"] + 1, before["max"])}[key]
        pos = list(saved.position(shown["frame"]))
        pos[k] = int(target)
        frame = saved.number(pos)
        nb.js("snapshot", i)
        page.keyboard.press(key)
        try:
            page.wait_for_function("([i, n]) => window.__lab.canvasName(i).frame === n",
                                   arg=[i, frame], timeout=REDRAW_S * 1e3)
        except Exception:
            problems.append(f"{where}: {key} did not show frame {frame} within {REDRAW_S} s "
                            f"(slider at {nb.slider(i, j)['now']}, expected {target})")
            continue
        after = nb.slider(i, j)
        label = saved.controls[k]["labels"][int(target)]
        if (after["now"], after["readout"], after["valuetext"]) != (target, label, label):
            problems.append(f"{where}: after {key} the slider is at {after['now']}, reads "
                            f"{after['readout']!r}, says {after['valuetext']!r}; expected "
                            f"{target}, {label!r}")
        nb.settle(i, quiet=0.2)
        changed = nb.js("compare", i)["changedPixels"]
        if saved.frames[frame] != saved.frames[shown["frame"]] and changed == 0:
            problems.append(f"{where}: {key} showed frame {frame} but no pixel changed")
        problems += _name_problems(nb, i, f"{where}, after {key}", saved, shown)
    try:                                        # at rest (0.5 s), the live region speaks
        page.wait_for_function("(i) => { const c = window.__lab.canvasName(i); "
                               "return c.said === c.name; }", arg=i, timeout=3_000)
    except Exception:
        said = nb.js("canvasName", i)
        problems.append(f"{where}: 3 s at rest, the live region says {said['said']!r}, "
                        f"not the canvas's name {said['name']!r}")
    return problems


@pytest.mark.parametrize("name", _site_pages())
def test_site_panels_work_by_keyboard_alone_with_no_server(site_tab, name, capsys):
    """A page with panels, served as static files, loaded on a phone (390 px): its first
    load is printed and within budget, it fits the phone (:func:`_phone_problems`) and
    axe-core (WCAG 2.0/2.1 A and AA) finds nothing. Then, the window widened to a
    desktop's 1280 px (a panel that fits the page's column leaves its stacked phone layout; one
    too wide for it, such as notebook 2's, stays stacked): from the top of the
    page, Tab alone reaches every slider of every panel (each shows where the focus is);
    there End, Home and ArrowRight move it, the frame follows (new pixels) and the canvas
    is named by the sentence saved for the frame it shows; each panel's choices and Play
    button work by keyboard too; no figure is scaled up; the console stays clean; the page
    asks for nothing off the machine and no missing file; and axe-core finds nothing after
    all that in the panels (canvases renamed, live regions filled: the rest of the page
    is as loaded; the theme at 1280 px is checked on the pages without panels, by
    test_site_pages_pass_axe_core). Every picture has a real text alternative. One page
    load serves both widths."""
    saved = saved_panels(_executed(ROOT / name.replace(".html", ".ipynb")))
    nb = site_tab.open(name, viewport=PHONE)
    nb.page.wait_for_load_state("networkidle")
    raw, packed = site_tab.weight()             # first load: before any slider moves
    with capsys.disabled():                     # shown in every run, not only on failure
        print(f"\n{name}: first load {packed / 1e6:.2f} MB compressed, {raw / 1e6:.2f} MB raw "
              f"(HTML {(SITE / name).stat().st_size / 1e6:.2f} MB)")
    panels = nb.panels(at_least=len(saved), stable=0)
    assert len(panels) == len(saved), f"{len(saved)} panels saved, {len(panels)} on the page"
    problems = _phone_problems(site_tab, name, capsys)
    if packed > PAGE_BUDGET_MB * 1e6:
        problems.append(f"the page's first load is {packed / 1e6:.2f} MB compressed, over the "
                        f"{PAGE_BUDGET_MB:g} MB budget")
    found = {f"as loaded, at {PHONE[0]} px": site_tab.axe()}
    page, reached = nb.page, set()
    site_tab.resize(DESKTOP)            # a panel too wide for the page's column stays stacked
    sliders = {(p["index"], s["index"]) for p in panels for s in p["sliders"]}
    page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        at = page.evaluate("""() => {
          const e = document.activeElement, s = e && e.closest('[data-lab-slider]');
          return s && e.matches('input[type=range]')
            ? {slider: s.dataset.labSlider, visible: e.matches(':focus-visible')} : null;
        }""")
        if at is None:
            continue
        i, j = map(int, at["slider"].split("-"))
        if (i, j) in reached:
            break                               # round the page once
        reached.add((i, j))
        if not at["visible"]:
            problems.append(f"panel {i}, slider {j}: focused by Tab but shows no focus ring")
        problems += _keyboard_moves(nb, i, j, saved[i])
        if reached == sliders:
            break
    problems += [f"panel {i}, slider {j} ({panels[i]['sliders'][j]['description']!r}): never "
                 f"reached by Tab" for i, j in sorted(sliders - reached)]
    for panel in panels:
        problems += _figure_size(nb, panel) + _other_controls(nb, panel, saved[panel["index"]])
    # The whole page was checked as loaded; what the controls changed is in the panels.
    found[f"in the panels after every control moved, at {DESKTOP[0]} px"] = site_tab.axe(
        within="[data-lab-panel]")
    problems += _axe_problems(nb, name, found, capsys)
    problems += [f"asked for a file off the machine: {url}" for url in site_tab.offsite]
    problems += [f"asked for a missing file: {path}" for path in site_tab.site.missing]
    problems += _console_problems(nb)
    site_tab.offsite.clear()
    site_tab.site.missing.clear()
    assert sliders and not problems, f"{name}:\n" + "\n".join(problems)


def _phone_problems(site_tab, name: str, capsys) -> list[str]:
    """The open page at a phone's width: no sideways scrolling, every slider's readout on
    screen with its text whole, and every panel shown at MIN_PANEL_SCALE of its natural
    width or more (a panel too wide for that stacks its tiles: frames.js); a tile still
    too wide is kept at that scale in a box that scrolls sideways, by no more than
    PANEL_SCROLL_PX. The scales of the panels and static figures are printed."""
    fit = site_tab.layout()
    panels = [f"{scale} {layout}" + (f" scrolls {px} px" if px else "")
              for scale, layout, px in zip(fit["panels"], fit["layouts"], fit["panelScroll"])]
    with capsys.disabled():
        print(f"\n{name} at {fit['width']} px: sideways {fit['sideways']} px, panels at "
              f"{panels or '-'} of their width, figures at {fit['figures'] or '-'}")
    where = f"at {fit['width']} px"
    problems = [f"{where} the page scrolls {fit['sideways']} px sideways"] if fit["sideways"] > 0 else []
    problems += [f"{where} readout {r['text']!r} is {'off-screen' if r['offscreen'] else 'cut'}"
                 for r in fit["readouts"] if r["offscreen"] or r["cut"]]
    problems += [f"{where} panel {k} is shown at {scale} of its width ({layout}), under "
                 f"{MIN_PANEL_SCALE}" for k, (scale, layout) in enumerate(zip(fit["panels"], fit["layouts"]))
                 if scale < MIN_PANEL_SCALE]
    problems += [f"{where} panel {k} scrolls {px} px sideways in its box: an axes too wide "
                 "for a phone" for k, px in enumerate(fit["panelScroll"]) if px > PANEL_SCROLL_PX]
    return problems


def _pieces(tile: list, limit: int) -> list[tuple]:
    """A tile ``[x, y, w, h, *cuts]`` cut, left to right, into the fewest pieces no wider
    than ``limit`` that its cuts allow (greedily: each piece as wide as it may be)."""
    x, y, w, h, *cuts = tile
    edges, start, out = [*cuts, w], 0, []
    for k, edge in enumerate(edges):
        if k == len(edges) - 1 or edges[k + 1] - start > limit:
            out.append((x + start, y, edge - start, h))
            start = edge
    return out


def _stacked(png: bytes, tiles: list) -> np.ndarray:
    """The oracle for frames.js's narrow layout: the frame's tiles cut out with PIL, one
    under the other, each centred, on the frame's background colour (its top-left pixel);
    a legend in pieces no wider than the widest part of any tile that cannot be cut."""
    from PIL import Image

    frame = Image.open(io.BytesIO(png)).convert("RGB")
    limit = max(max(np.diff([0, *t[4:], t[2]])) for t in tiles)
    parts = [p for t in tiles for p in _pieces(t, limit)]
    wide = max(w for _, _, w, _ in parts)
    out = Image.new("RGB", (wide, sum(h for *_, h in parts)), frame.getpixel((0, 0)))
    y = 0
    for x0, y0, w, h in parts:
        out.paste(frame.crop((x0, y0, x0 + w, y0 + h)), ((wide - w) // 2, y))
        y += h
    return np.asarray(out)


def _canvas_pixels(nb, panel: int) -> tuple[int, np.ndarray]:
    """The frame number a panel's canvas shows and its pixels (RGB)."""
    from PIL import Image

    canvas = nb.locator(panel, None, "canvas.lessons-frames")
    url = canvas.evaluate("(c) => c.toDataURL('image/png')")
    png = base64.b64decode(url.split(",", 1)[1])
    return int(canvas.get_attribute("data-frame")), np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


# A three-axes panel with two sliders; three axes and a legend wider than any of them.
PHONE_PAGES = ["notebooks/03_l2.html", "notebooks/10_sensible_defaults.html"]


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_a_phone_shows_a_panels_tiles_stacked_and_they_flip(site_tab, name):
    """At 390 px a panel shows its tiles one under the other: the canvas holds exactly the
    tiles of the frame the sliders pick (cut out of the saved PNG with PIL), before and
    after each slider steps, and each step changes the pixels."""
    saved = page_panels(SITE / name)
    assert saved and all(p["state"]["tiles"] for p in saved), "no tiles saved in the page"
    nb = site_tab.open(name, viewport=PHONE)
    nb.page.wait_for_load_state("networkidle")
    panels = nb.panels(at_least=len(saved), stable=0)
    problems = []
    for panel in panels:
        i = panel["index"]
        layout = nb.locator(i, None, "canvas.lessons-frames").get_attribute("data-layout")
        assert layout == "stacked", f"panel {i} at 390 px: layout {layout!r}"
        for slider in [None] + panel["sliders"]:
            if slider is not None:
                problems += _step_slider(nb, panel, slider)
            frame, shown = _canvas_pixels(nb, i)
            if not any(frame < len(p["frames"]) and shown.shape == _stacked(
                    p["frames"][frame], p["state"]["tiles"]).shape and np.array_equal(
                    shown, _stacked(p["frames"][frame], p["state"]["tiles"])) for p in saved):
                problems.append(f"panel {i}, frame {frame}: the canvas is not that frame's tiles")
    assert not problems, "\n".join(problems)


WINDOW_PAGE = "notebooks/00_start_here.html"     # one slider of many positions


def test_decoded_frames_stay_in_a_window_around_the_slider(site_tab):
    """Stepping a slider end to end keeps no more decoded frames (data-decoded) than the
    window around its position (data-window: the frame and 2 neighbours each side), and
    once the page is idle the whole window is decoded ahead."""
    (saved,) = page_panels(SITE / WINDOW_PAGE)
    positions = saved["state"]["shape"][0]
    assert positions > 5, "the window test needs a slider longer than the window"
    nb = site_tab.open(WINDOW_PAGE)
    nb.page.wait_for_load_state("networkidle")
    panel = nb.panels(at_least=1, stable=0)[0]
    canvas = nb.locator(panel["index"], None, "canvas.lessons-frames")
    nb.focus(panel["index"], 0)
    held, windows, shown = [], [], set()
    for key in ["Home"] + ["ArrowRight"] * (positions - 1):
        nb.page.keyboard.press(key)
        nb.settle(panel["index"], quiet=0.15)
        held.append(int(canvas.get_attribute("data-decoded") or -1))
        windows.append(int(canvas.get_attribute("data-window") or -1))
        shown.add(canvas.get_attribute("data-frame"))
    assert len(shown) == positions, f"the sweep showed {len(shown)} of {positions} frames"
    assert min(held) >= 0, f"no data-decoded on the canvas: {held}"   # 0 just after a jump
    assert all(h <= w <= 5 for h, w in zip(held, windows)), list(zip(held, windows))
    nb.page.wait_for_function("(c) => c.dataset.decoded === c.dataset.window",
                              arg=canvas.element_handle(), timeout=5_000)
    assert canvas.get_attribute("data-window") == "3"      # at the right end: itself and 2
