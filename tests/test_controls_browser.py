"""The browser halves of lessons_lib's widgets, alone in a blank page of headless Chromium:
``controls.js`` (sliders, choices, the Play button) and the text alternative of
``frames.js``, each rendered on a stand-in for the widget model (``get``, ``set``,
``save_changes``, ``on``, ``off``: what anywidget hands ``render``).

What a keyboard and a screen reader get is checked the way they get it: keys pressed on
the focused element, and roles and names from Playwright's ``get_by_role`` (the browser's
accessibility tree), plus axe-core's WCAG 2.1 A/AA rules on the page. The panels in the
notebooks and the built site are tests/test_browser.py's business.
"""
from __future__ import annotations

import io

import pytest
from browser import AXE, WCAG_21_AA, find_chromium, launch_chromium

from lessons_lib import controls, widgets

# A stand-in for anywidget's model, and render() of an ES module given as text.
PAGE = """<!doctype html><html lang="en"><head><title>controls</title></head>
<body><main><h1>controls</h1><div id="out"></div></main></body></html>"""
MOUNT = """async ([code, state]) => {
  const handlers = {};
  if (state.frames) state.frames = state.frames.map((f) => new DataView(new Uint8Array(f).buffer));
  const model = window.model = {
    state, saved: 0,
    get: (k) => model.state[k],
    set: (k, v) => { const old = model.state[k]; model.state[k] = v;
                     if (old !== v) (handlers[`change:${k}`] || []).forEach((f) => f()); },
    save_changes: () => { model.saved++; },
    on: (e, f) => { (handlers[e] = handlers[e] || []).push(f); },
    off: (e, f) => { handlers[e] = (handlers[e] || []).filter((g) => g !== f); },
  };
  const url = URL.createObjectURL(new Blob([code], {type: 'text/javascript'}));
  const el = document.createElement('div');
  document.getElementById('out').appendChild(el);
  (await import(url)).default.render({model, el});
}"""


def esm(widget_class) -> str:
    code = widget_class._esm
    return code.read_text() if hasattr(code, "read_text") else str(code)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not importable: `pip install -r requirements-test.txt`")
    if find_chromium() is None:
        pytest.skip("Chromium not found at $CHROMIUM or /usr/bin/chromium")
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 390, "height": 700})       # a phone's width
    page.set_content(PAGE)
    yield page
    page.close()


def mount(page, control: controls.Control):
    """Render ``control`` (its synced state) in the page, with its own CSS."""
    css = controls.Control._css
    page.add_style_tag(content=css.read_text() if hasattr(css, "read_text") else str(css))
    state = control.get_state(("kind", "description", "labels", "index", "interval"))
    page.evaluate(MOUNT, [esm(controls.Control), state])


def index(page) -> int:
    return page.evaluate("() => model.get('index')")


def axe(page) -> dict:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return dict(page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map((v) => [v.id, v.nodes.map((n) => n.target.join(' '))])", list(WCAG_21_AA)))


def test_a_slider_is_named_says_its_readout_and_steps_by_keyboard(page):
    lam = widgets.log_slider("λ", 0.1, -2, 0.5, step=0.125)          # 21 positions, opens at 8
    mount(page, lam)
    slider = page.get_by_role("slider", name="λ")       # the accessible name is the label
    page.keyboard.press("Tab")                          # the first stop on the page
    assert slider.evaluate("(e) => e === document.activeElement")
    readout = page.locator(".lessons-readout")

    def says() -> tuple:
        return index(page), slider.get_attribute("aria-valuetext"), readout.text_content()

    assert says() == (8, "0.1", "0.1")
    for key, at in [("ArrowRight", 9), ("ArrowUp", 10), ("ArrowLeft", 9), ("PageUp", 11),
                    ("PageDown", 9), ("End", 20), ("PageUp", 20), ("Home", 0), ("ArrowLeft", 0)]:
        page.keyboard.press(key)
        assert says() == (at, lam.labels[at], lam.labels[at]), key
    assert page.evaluate("() => model.saved") == 7       # one message per move, none otherwise
    page.evaluate("() => model.set('index', 5)")        # moved from elsewhere (jslink, Play)
    assert says() == (5, lam.labels[5], lam.labels[5]) == (5, "0.0422", "0.0422")
    assert axe(page) == {}


def test_a_slider_follows_a_drag_and_a_tap(page):
    mount(page, widgets.int_slider("patience", 10, 0, 40, step=2))
    box = page.get_by_role("slider", name="patience").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    seen = set()
    for k in range(1, 11):                              # the index follows the drag itself
        page.mouse.move(box["x"] + box["width"] * k / 10, y)
        seen.add(index(page))
    page.mouse.up()
    assert len(seen) >= 8 and index(page) == 20
    page.mouse.click(box["x"] + 4, y)                   # a tap near the left end
    assert index(page) == 0


def test_a_slider_and_its_readout_fit_a_phone(page):
    mount(page, widgets.float_slider("patience (evaluations)", 0.25, 0, 0.3, step=0.05))
    fit = page.evaluate("""() => {
      const r = document.querySelector('.lessons-readout').getBoundingClientRect();
      const c = document.querySelector('.lessons-control').getBoundingClientRect();
      return {right: r.right, width: document.documentElement.clientWidth, control: c.width,
              sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth};
    }""")
    assert fit["right"] <= fit["width"] and fit["sideways"] == 0
    assert fit["control"] <= 440


def test_a_choice_is_a_named_group_of_radio_buttons(page):
    mount(page, widgets.choice("penalty", [("none", None), ("L2", "l2"), ("L1", "l1")], "l2"))
    group = page.get_by_role("group", name="penalty")
    assert group.get_by_role("radio", name="L2").is_checked()
    page.keyboard.press("Tab")                          # Tab reaches the chosen option
    page.keyboard.press("ArrowRight")                   # arrows choose the next one
    assert index(page) == 2 and group.get_by_role("radio", name="L1").is_checked()
    page.keyboard.press("ArrowRight")                   # and wrap round
    assert index(page) == 0
    page.evaluate("() => model.set('index', 1)")
    assert group.get_by_role("radio", name="L2").is_checked()
    assert axe(page) == {}


def test_the_play_button_is_named_and_plays_to_the_end(page):
    box, step = widgets.play(9, interval_ms=100, value=6)
    mount(page, box.children[0])
    button = page.get_by_role("button", name="Play")
    button.focus()
    # Every word the button shows (its name: the icon is aria-hidden), recorded as it
    # changes: three steps can end before a poll of a busy machine's page sees "Pause".
    page.evaluate("""() => { const b = document.querySelector('button'); window.names = [];
      new MutationObserver(() => names.push(b.lastChild.textContent)).observe(
        b, {subtree: true, childList: true, characterData: true}); }""")
    page.keyboard.press("Enter")
    page.wait_for_function("() => model.get('index') === 9")
    assert page.evaluate("() => names")[:1] == ["Pause"]  # named Pause while it plays
    page.get_by_role("button", name="Play").wait_for()    # stops at the last step
    page.keyboard.press(" ")                            # again: from the start
    page.wait_for_function("() => model.get('index') >= 2")
    page.keyboard.press(" ")                            # pause
    paused = index(page)
    page.wait_for_timeout(150)
    assert index(page) == paused < 9
    assert axe(page) == {}


def frames_state(n: int) -> dict:
    """A Frames model's state with n tiny frames, each with its own sentence."""
    from PIL import Image

    pngs = []
    for k in range(n):
        buf = io.BytesIO()
        Image.new("RGB", (8, 4), (30 * k, 0, 0)).save(buf, format="png")
        pngs.append(list(buf.getvalue()))
    return {"frames": pngs, "shape": [n], "size": [8, 4], "description": "demo",
            "descriptions": [f"k = {k}: the {k}th frame" for k in range(n)],
            "i0": 1, "i1": 0, "i2": 0, "i3": 0}


def test_the_canvas_is_named_by_its_frame_and_read_out_once_the_slider_rests(page):
    page.evaluate(MOUNT, [esm(widgets.Frames), frames_state(6)])
    canvas = page.get_by_role("img", name="k = 1: the 1th frame")
    canvas.wait_for()
    region = page.locator("[aria-live=polite]")
    assert region.text_content() == ""                  # nothing is read out on load
    named = page.evaluate("""() => {
      const region = document.querySelector('[aria-live=polite]');
      window.said = [];
      new MutationObserver(() => said.push(region.textContent))
        .observe(region, {childList: true, characterData: true, subtree: true});
      for (const i of [2, 3, 4]) model.set('i0', i);   // a quick drag over three frames
      return document.querySelector('canvas[role=img]').getAttribute('aria-label');
    }""")
    assert named == "k = 4: the 4th frame"      # at once: in the same task as the change
    page.wait_for_function("() => said.length > 0", timeout=2000)
    page.wait_for_timeout(700)
    assert page.evaluate("() => said") == ["k = 4: the 4th frame"]   # once, the last frame
    assert axe(page) == {}
