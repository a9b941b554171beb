"""How much memory does a page of the built site take once every slider has moved, and
how heavy is each page's first load? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/site_memory.py                      # site/, heaviest page
    .venv/bin/python benchmarks/site_memory.py --page notebooks/06_weight_decay.html
    .venv/bin/python benchmarks/site_memory.py --baseline-ref main --repeats 2

The built site (``make site``) is served by a plain static file server on 127.0.0.1 and
opened in Debian's headless Chromium (Playwright), as in ``benchmarks/browser_latency.py``.

1. **First-load weight of every page**: the HTML and every file it loaded from the site
   (the browser's resource timing), each gzip-compressed (level 6, as a static host sends
   it); the budget is 3 MB compressed per page.
2. **Memory after stepping every slider** of one page (by default the heaviest: the most
   decoded bytes, frames × width × height × 4, summed over its panels): each slider is
   stepped with the arrow keys through every position, right to the end and back. Before
   and after, with the garbage collected first (CDP ``HeapProfiler.collectGarbage``), it
   prints the page's JavaScript heap (CDP ``Performance.getMetrics`` JSHeapUsedSize), the
   resident memory (VmRSS) of Chromium's renderer processes and of all its processes
   (the decoded frames live outside the JavaScript heap), and the panels' count of decoded
   frames held (``data-decoded`` on each canvas, when the script sets it).

   The page is measured twice, in a fresh browser each time: with the panels' script as
   the site was built (``lessons_lib/frames.js``), and with the script of ``--baseline-ref``
   (``git show REF:lessons_lib/frames.js``) put into the same page's widget state on the
   way to the browser. The runs alternate (``--repeats``): the machine is noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import (  # noqa: E402
    FRAMES_ESM,
    PAGE_JS,
    WIDGET_STATE,
    NotebookPage,
    SitePage,
    StaticSite,
    find_chromium,
    launch_chromium,
    page_panels,
)

ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 3.0


def decoded_bytes(page: Path) -> tuple[int, int]:
    """The page's panels' frames and their decoded size (frames × width × height × 4)."""
    frames = size = 0
    for panel in page_panels(page):
        width, height = panel["state"]["size"]
        frames, size = frames + len(panel["frames"]), size + len(panel["frames"]) * width * height * 4
    return frames, size


def with_script(html: str, script: str) -> str:
    """``html`` with every panel canvas's script replaced by ``script``."""
    found = WIDGET_STATE.search(html)
    state = json.loads(found.group(2))
    for model in state["state"].values():
        if FRAMES_ESM in str(model.get("state", {}).get("_esm", "")):
            model["state"]["_esm"] = script
    text = json.dumps(state).replace("</", "<\\/")
    return html[:found.start(2)] + text + html[found.end(2):]


def rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(browser, page) -> dict:
    """Garbage-collect, then the JS heap of ``page`` and the RSS of Chromium's processes."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    time.sleep(1.0)
    cdp.send("Performance.enable")
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    cdp.detach()
    info = browser.new_browser_cdp_session()
    processes = info.send("SystemInfo.getProcessInfo")["processInfo"]
    info.detach()
    by_type: dict[str, int] = {}
    for p in processes:
        by_type[p["type"]] = by_type.get(p["type"], 0) + rss_kb(p["id"])
    held = page.evaluate("() => [...document.querySelectorAll('canvas.lessons-frames')]"
                         ".map((c) => c.dataset.decoded === undefined ? null : +c.dataset.decoded)")
    return {"heap": metrics["JSHeapUsedSize"] / 1e6, "renderer": by_type.get("renderer", 0) / 1e3,
            "all": sum(by_type.values()) / 1e3, "held": held}


def step_everything(nb) -> tuple[int, list[int]]:
    """Step every slider of every panel to its right end and back to its left end; return
    the key presses and, per slider, how many positions (readout values) it went through."""
    presses, visited = 0, []
    for panel in nb.panels(at_least=1):
        for slider in panel["sliders"]:
            if slider["disabled"]:
                continue
            i, j = panel["index"], slider["index"]
            nb.focus(i, j)
            seen = {nb.slider(i, j)["readout"]}
            for key in ("ArrowRight", "ArrowLeft"):
                while True:           # until the key no longer moves the slider
                    presses += 1
                    redraw = nb.press(i, j, key, timeout=5.0)
                    if redraw is None or not redraw["moved"]:
                        break
                    seen.add(nb.slider(i, j)["readout"])
            nb.settle(i, quiet=0.2)
            visited.append(len(seen))
    return presses, visited


def measure(label: str, site: StaticSite, name: str, script: str | None, chromium: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw, chromium)
        try:
            url = site.base + name
            tab = SitePage(site, browser)
            page = tab.page = browser.new_page(viewport={"width": 1280, "height": 900})
            if script is not None:          # the same page, with the baseline's script
                html = with_script((site.folder / name).read_text(encoding="utf-8"), script)
                page.route(url, lambda route: route.fulfill(
                    status=200, content_type="text/html; charset=utf-8", body=html))
            page.add_init_script(PAGE_JS)
            nb = NotebookPage(tab, Path(name), name)
            page.goto(url, wait_until="load")
            page.wait_for_load_state("networkidle")
            nb.panels(at_least=1)
            time.sleep(1.0)
            before = memory(browser, page)
            t0 = time.perf_counter()
            presses, visited = step_everything(nb)
            stepped = time.perf_counter() - t0
            after = memory(browser, page)
            page.close()
        finally:
            browser.close()
    print(f"  {label}: {presses} key presses in {stepped:.0f} s; positions per slider {visited}")
    for when, m in (("before", before), ("after", after)):
        print(f"    {when:6}  JS heap {m['heap']:6.1f} MB   renderer RSS {m['renderer']:6.1f} MB   "
              f"all Chromium RSS {m['all']:6.1f} MB   decoded frames held {m['held']}")
    return {"before": before, "after": after}


def page_weights(site: StaticSite, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = ["index.html", "search.html"] + sorted(
        p.relative_to(site.folder).as_posix() for p in (site.folder / "notebooks").glob("*.html"))
    print(f"first load, compressed (gzip -6) / raw, budget {BUDGET_MB:g} MB compressed:")
    with sync_playwright() as pw:
        browser = launch_chromium(pw, chromium)
        try:
            tab = SitePage(site, browser)
            for name in pages:
                tab.open(name).page.wait_for_load_state("networkidle")
                raw, packed = tab.weight()
                flag = "" if packed <= BUDGET_MB * 1e6 else "  OVER BUDGET"
                print(f"  {name:40} {packed / 1e6:5.2f} MB / {raw / 1e6:5.2f} MB{flag}")
            tab.close()
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (site/)")
    parser.add_argument("--page", default=None,
                        help="the page to step through (default: the heaviest in decoded frames)")
    parser.add_argument("--baseline-ref", default="main",
                        help="git revision whose lessons_lib/frames.js is the baseline (main)")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each script (1)")
    parser.add_argument("--no-weights", action="store_true", help="skip the page weights")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROMIUM=/path")
    if not (args.site / "index.html").exists():
        sys.exit(f"{args.site} has no index.html: build the site first (make site)")
    baseline = subprocess.run(["git", "show", f"{args.baseline_ref}:lessons_lib/frames.js"],
                              cwd=ROOT, check=True, capture_output=True, text=True).stdout
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    heavy = sorted(((decoded_bytes(p), p.relative_to(args.site).as_posix())
                    for p in (args.site / "notebooks").glob("*.html")), reverse=True)
    print("decoded size of every frame of a page's panels (frames × width × height × 4):")
    for (frames, size), name in heavy:
        if frames:
            print(f"  {name:40} {frames:4d} frames  {size / 1e6:7.1f} MB")
    page = args.page or heavy[0][1]
    with StaticSite(args.site) as site:
        if not args.no_weights:
            page_weights(site, chromium)
        print(f"memory after stepping every slider of {page} through every position:")
        runs = {"baseline": [], "built": []}
        for r in range(args.repeats):
            runs["baseline"].append(measure(f"frames.js of {args.baseline_ref} (baseline), run {r + 1}",
                                            site, page, baseline, chromium))
            runs["built"].append(measure(f"frames.js as built, run {r + 1}", site, page, None,
                                         chromium))
    print("summary (median over runs), growth from before to after stepping:")
    for label, results in runs.items():
        def med(key, when, results=results):
            values = sorted(m[when][key] for m in results)
            return values[len(values) // 2]
        print(f"  {label:9} renderer RSS {med('renderer', 'before'):6.1f} -> "
              f"{med('renderer', 'after'):6.1f} MB, all Chromium {med('all', 'before'):6.1f} -> "
              f"{med('all', 'after'):6.1f} MB, JS heap {med('heap', 'before'):5.1f} -> "
              f"{med('heap', 'after'):5.1f} MB")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
