"""How fast do the panels answer, in a real browser? Key press to new pixels, and redraws
per value change while dragging, for every slider of every panel.

    .venv/bin/python benchmarks/browser_latency.py                  # every notebook, JupyterLab
    .venv/bin/python benchmarks/browser_latency.py notebooks/03_l2.ipynb 04 --samples 40
    .venv/bin/python benchmarks/browser_latency.py --site site      # the built website, no kernel
    .venv/bin/python benchmarks/browser_latency.py --site site --no-baselines --viewport 390x844

In JupyterLab the script starts its own server (127.0.0.1, free port, random token, every
Jupyter folder in a temp dir); with ``--site`` it serves the built site with a plain static
file server instead. It drives Debian's headless Chromium through Playwright.

Per slider it measures

- **redraws per value change while dragging** (first): mouse down on the handle, sweep
  the track back and forth at ~60 moves/s for ``--drag-seconds``, and divide the distinct
  new images shown by the distinct readout values the drag went through (1.0: every value
  the slider passed was shown). A coarse slider changes value rarely, so a rate per
  second would say more about the slider than about the panel.
- **key-to-pixels latency**: focus the slider's handle and step it with the arrow keys,
  sweeping from end to end, so it visits many values. The clock runs in the page from the
  key event's timestamp to the animation frame after the panel's new pixels are ready: for
  a course panel, its canvas's ``drawImage`` then ``requestAnimationFrame``; for an
  ``<img>`` (the ``interact`` baseline), a MutationObserver, ``img.decode()``, then
  ``requestAnimationFrame``.

In the same run and browser (JupyterLab only) it measures three comparison panels:

- the baseline: ``interact`` with the inline backend on a figure of two subplots (8.4 x
  3.2 in: a line and 12 bars), a new figure per change, drawn by the kernel;
- the reference: ``widgets.live`` on that same figure;
- the floor: ``widgets.live`` on an 8 x 8 pixel figure, the same slider, link and frame
  holder with nearly nothing to decode or paint. Its times are what the browser and
  JupyterLab themselves take per key press (their key handlers, the widget link, one
  rendered frame and the wait for the next), which no panel can beat.

A full run is kept to ``--budget`` seconds (300): each slider gets as many key presses as
fit, up to ``--samples`` (30) and never fewer than 10; the "n" column says how many.

Targets: median <= 16 ms and p95 <= 33 ms (one and two display frames at 60 Hz), and a
median at least 6x faster than the baseline's. The machine is noisy: compare with the
baseline of the same run, and read the load averages printed at both ends.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import (
    NOTEBOOKS,
    JupyterLab,
    LabPage,
    NotebookPage,
    SitePage,
    StaticSite,
    find_chromium,
    launch_chromium,
    live_panel_count,
    live_panel_notebooks,
)

TARGET_MEDIAN_MS, TARGET_P95_MS, TARGET_SPEEDUP = 16.0, 33.0, 6.0
WARMUP = 3
MIN_SAMPLES = 10
SLIDER_CALL = re.compile(r"\b(?:log_slider|int_slider|float_slider|slider|play)\(|Slider\(")

SETUP = """\
import numpy as np

x = np.linspace(0.0, 1.0, 200)
k = np.arange(1, 13)
w_true = np.sin(2.0 * k)


def curve(lam):
    return np.sin(6 * x) / (1 + lam) + 0.3 * np.cos(17 * x) / (1 + 10 * lam)


def heights(lam):
    return w_true / (1 + lam * k)
"""

BASELINES = {
    "baseline: interact + inline, new figure per change": """\
%matplotlib inline
import matplotlib.pyplot as plt
from ipywidgets import FloatLogSlider, interact


def show(lam):
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(8.4, 3.2), dpi=100, layout="constrained")
    ax1.plot(x, curve(lam), lw=2)
    ax1.set(xlabel="x", ylabel="y", ylim=(-1.5, 1.5), title=f"lam = {lam:.3g}")
    ax2.bar(k, heights(lam))
    ax2.axhline(0, color="k", lw=0.8)
    ax2.set(xlabel="weight index", ylabel="value", ylim=(-1.1, 1.1))
    plt.show()


_ = interact(show, lam=FloatLogSlider(value=0.1, base=10, min=-3, max=1, step=0.125,
                                      description="lam", continuous_update=True))
""",
    "reference: widgets.live on the same figure": """\
from lessons_lib import plots, widgets

fig, (ax1, ax2) = plots.new_figure(ncols=2)          # 8.4 x 3.2 in at 100 dpi


def draw(lam):
    ax1.plot(x, curve(lam), lw=2)
    ax1.set(xlabel="x", ylabel="y", ylim=(-1.5, 1.5), title=f"lam = {lam:.3g}")
    plots.weight_bars(ax2, heights(lam), ylim=(-1.1, 1.1))


widgets.live(fig, draw, title="baseline", lam=widgets.log_slider("lam", 0.1, -3, 1))
""",
    "floor: widgets.live on an 8 x 8 pixel figure": """\
from matplotlib.figure import Figure

from lessons_lib import widgets

fig = Figure(figsize=(0.08, 0.08), dpi=100)


def draw(lam):
    fig.set_facecolor(str(min(1.0, lam / 10)))


widgets.live(fig, draw, title="floor", lam=widgets.log_slider("lam", 0.1, -3, 1))
""",
}


def count_sliders(path: Path) -> int:
    """Sliders a notebook makes, estimated from its code (for the time budget only)."""
    cells = json.loads(path.read_text())["cells"]
    return sum(len(SLIDER_CALL.findall("".join(c["source"])))
               for c in cells if c["cell_type"] == "code")


class Budget:
    """Share ``seconds`` among the sliders still to measure by choosing how many key
    presses each gets, from the time a press and a notebook took so far."""

    def __init__(self, seconds: float, notebooks: list[Path], drag: float):
        self.deadline = time.perf_counter() + seconds if seconds > 0 else None
        self.sliders_left = sum(count_sliders(p) for p in notebooks)
        self.notebooks_left = len(notebooks)
        self.drag = drag
        self.press_s, self.notebook_s = 0.3, 15.0       # first guesses, then measured

    def opened(self, path: Path, n_sliders: int, seconds: float) -> None:
        self.notebooks_left -= 1
        self.sliders_left += n_sliders - count_sliders(path)
        self.notebook_s = 0.5 * (self.notebook_s + seconds)

    def samples(self, wanted: int) -> int:
        if self.deadline is None:
            return wanted
        left = self.deadline - time.perf_counter() - self.notebooks_left * self.notebook_s
        per_slider = left / max(1, self.sliders_left)
        fit = int((per_slider - self.drag - 1.5) / self.press_s) - WARMUP - 1
        return max(MIN_SAMPLES, min(wanted, fit))

    def measured(self, presses: int, seconds: float) -> None:
        self.sliders_left -= 1
        self.press_s = 0.5 * (self.press_s + seconds / max(1, presses))


@dataclass
class Row:
    widget: str
    latencies: list[float] = field(default_factory=list)
    misses: int = 0
    redraws: int | None = None          # during the drag
    values: int | None = None           # distinct readout values the drag went through
    note: str = ""
    n: int = 0
    baseline: bool = False

    @property
    def median(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None

    @property
    def p95(self) -> float | None:
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def per_change(self) -> float | None:
        return self.redraws / self.values if self.values else None

    def verdict(self, baseline_median: float | None) -> str:
        if self.baseline:
            return "baseline"
        if self.median is None:
            return "n/a"
        checks = [("median", self.median <= TARGET_MEDIAN_MS), ("p95", self.p95 <= TARGET_P95_MS)]
        if baseline_median:
            checks.append((f"{TARGET_SPEEDUP:g}x", baseline_median / self.median >= TARGET_SPEEDUP))
        failed = [name for name, ok in checks if not ok]
        return "yes" if not failed and not self.misses else "no (" + ", ".join(
            failed + ([f"{self.misses} missed"] if self.misses else [])) + ")"


def write_baselines(folder: Path) -> list[tuple[str, Path]]:
    """The comparison notebooks, as ``(label, path)``; each makes one slider."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, (label, code) in enumerate(BASELINES.items()):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP),
                                             nbformat.v4.new_code_cell(code)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        path = folder / f"baseline_{i}.ipynb"
        nbformat.write(nb, path)
        out.append((label, path))
    return out


def measure_keys(nb: NotebookPage, row: Row, i: int, j: int, samples: int) -> None:
    nb.focus(i, j)
    for n in range(WARMUP + samples + 1):
        # Each press first waits until the panel is quiet (the previous image shown).
        result = nb.press(i, j, "sweep", timeout=10.0, quiet=0.1 if n <= WARMUP else 0.03)
        if n < WARMUP or n == WARMUP + samples:
            continue
        if result is None or not result["moved"] or not result["keySeen"]:
            row.misses += 1
        else:
            row.latencies.append(result["ms"])
    nb.settle(i, quiet=0.2)


def measure_drag(nb: NotebookPage, row: Row, i: int, j: int, seconds: float,
                 rate: float = 60.0) -> None:
    page = nb.page
    nb.js("watchReadout", [i, j])
    x, y = nb.grab(i, j)
    track = nb.track(i, j).bounding_box()
    left, right = track["x"] + 1, track["x"] + track["width"] - 1
    step = (right - left) / (rate / 2)             # a full sweep every half second
    direction = 1 if x - left < right - x else -1
    t0, start = nb.js("now"), time.perf_counter()
    moves = 0
    while time.perf_counter() - start < seconds:
        x += direction * step
        if not left <= x <= right:
            direction = -direction
            x = min(max(x, left), right)
        page.mouse.move(x, y)
        moves += 1
        delay = start + moves / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
    page.mouse.up()
    t1 = nb.js("now")
    span = (t1 - t0) / 1e3
    nb.settle(i, quiet=0.3, timeout=15.0)      # count the last images of the drag too
    row.redraws = nb.js("changesBetween", [i, t0, nb.js("now")])
    row.values = nb.js("readoutChangesBetween", [i, j, t0, t1])
    if moves / span < 0.8 * rate:
        row.note = f"only {moves / span:.0f} mouse moves/s"


def screenshot(nb: NotebookPage, panel: int, path: Path) -> None:
    nb.page.locator(f'[data-lab-panel="{panel}"]').scroll_into_view_if_needed()
    nb.page.screenshot(path=str(path))
    print(f"  screenshot {path}")


def measure_notebook(tab: LabPage | SitePage, path: Path, label: str, args: argparse.Namespace,
                     budget: Budget) -> list[Row]:
    rows = []
    t0 = time.perf_counter()
    on_site = isinstance(tab, SitePage)
    with tab.open(f"notebooks/{path.stem}.html" if on_site else path) as nb:
        if on_site:
            nb.page.wait_for_load_state("networkidle")
            opened, ran, problems = time.perf_counter() - t0, 0.0, []
        else:
            nb.wait_for_kernel()
            opened = time.perf_counter() - t0
            ran = nb.run_all(timeout=args.run_timeout)
            problems = [f"cell {o['cell']}: {o['kind']} {o['text'][:200]}"
                        for o in nb.cell_outputs() if o["kind"] != "stderr"]
        panels = nb.panels(at_least=max(1, live_panel_count(path)))
        budget.opened(path, sum(len(p["sliders"]) for p in panels), time.perf_counter() - t0)
        print(f"{label}: opened in {opened:.1f} s, ran in {ran:.1f} s, {len(panels)} panel(s)")
        for problem in problems:
            print(f"  ! {problem}")
        if args.screenshots and panels:
            args.screenshots.mkdir(parents=True, exist_ok=True)
            stem = path.stem
            screenshot(nb, 0, args.screenshots / f"{stem}_1_after_run_all.png")
            if panels[0]["sliders"]:
                nb.focus(0, 0)
                nb.press(0, 0, "sweep")
                nb.settle(0, quiet=0.3)
                screenshot(nb, 0, args.screenshots / f"{stem}_2_after_moving_slider.png")
        for p in panels:
            for s in p["sliders"]:
                name = f"{label} / panel {p['index']} / {s['description'] or 'slider ' + str(s['index'])}"
                row = Row(name, baseline=label.startswith("baseline"))
                if s["disabled"]:
                    row.note = "disabled slider, skipped"
                    rows.append(row)
                    continue
                t_slider = time.perf_counter()
                measure_drag(nb, row, p["index"], s["index"], args.drag_seconds)
                row.n = budget.samples(args.samples)
                t_keys = time.perf_counter()
                measure_keys(nb, row, p["index"], s["index"], row.n)
                budget.measured(WARMUP + row.n + 1, time.perf_counter() - t_keys)
                rows.append(row)
                print(f"  {name}: median {fmt(row.median, 1)} ms, p95 {fmt(row.p95, 1)} ms, "
                      f"drag {row.redraws}/{row.values} redraws per value change "
                      f"({time.perf_counter() - t_slider:.0f} s)")
        if nb.console_errors:
            print(f"  browser console errors: {nb.console_errors[:5]}")
    return rows


def fmt(value, digits: int = 0) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(rows: list[Row]) -> None:
    base = next((r.median for r in rows if r.baseline and r.median), None)
    headers = ["widget (notebook / panel / slider)", "n", "median ms", "p95 ms",
               "x faster than baseline", "drag: redraws / value changes", "meets targets"]
    table = [[r.widget, str(r.n), fmt(r.median, 1), fmt(r.p95, 1),
              fmt(base / r.median, 1) if base and r.median and not r.baseline else "-",
              f"{r.redraws}/{r.values} = {fmt(r.per_change, 2)}" if r.values else "-",
              r.verdict(base) + (f"; {r.note}" if r.note else "")] for r in rows]
    widths = [max(len(h), *(len(t[c]) for t in table)) for c, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.ljust(w) if k in (0, 6) else c.rjust(w)
                         for k, (c, w) in enumerate(zip(cells, widths)))

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for t in table:
        print(line(t))


def resolve(names: list[str]) -> list[Path]:
    if not names:
        return live_panel_notebooks()
    out = []
    for name in names:
        path = Path(name)
        if not path.exists():
            matches = sorted(NOTEBOOKS.glob(f"{name}*.ipynb"))
            if not matches:
                sys.exit(f"no notebook matches {name!r} (give a path or a prefix such as 03)")
            path = matches[0]
        out.append(path.resolve())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*",
                        help="notebook paths or prefixes (default: every notebook with a panel)")
    parser.add_argument("--samples", type=int, default=30, help="key presses per slider (30)")
    parser.add_argument("--drag-seconds", type=float, default=3.0, help="drag length (3 s)")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="seconds for the whole run; fewer presses per slider (down to "
                             f"{MIN_SAMPLES}) if needed to fit; 0: no budget (300)")
    parser.add_argument("--no-baselines", action="store_true", help="skip the baselines")
    parser.add_argument("--windowing", default="contentVisibility",
                        choices=["contentVisibility", "defer", "full", "none"],
                        help="JupyterLab's notebook windowingMode (default: JupyterLab's own "
                        "default, contentVisibility, which learners get; the tests use none)")
    parser.add_argument("--site", type=Path, default=None,
                        help="measure the pages of this built site (make site) instead of "
                             "JupyterLab; the baselines need a kernel and are measured in "
                             "JupyterLab first")
    parser.add_argument("--viewport", type=lambda v: tuple(int(n) for n in v.split("x")),
                        default=(1280, 900), help="the site's page size, WIDTHxHEIGHT "
                        "(1280x900; 390x844: a phone, where panels stack their tiles)")
    parser.add_argument("--run-timeout", type=float, default=300.0,
                        help="seconds allowed for a notebook's Run All (300)")
    parser.add_argument("--screenshots", type=Path, default=None,
                        help="save a screenshot of each notebook after Run All and after one step")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROMIUM=/path")
    from playwright.sync_api import sync_playwright

    notebooks = resolve(args.notebooks)
    load_start, t_start = os.getloadavg(), time.perf_counter()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)} "
          f"({os.cpu_count()} cores); JupyterLab windowingMode {args.windowing}")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="browser-latency-") as tmp, \
            JupyterLab(workdir=Path(tmp) / "lab", windowing=args.windowing) as lab, \
            sync_playwright() as pw:
        browser = launch_chromium(pw, chromium)
        tabs = {"lab": LabPage(lab, browser)}
        try:
            jobs = [] if args.no_baselines else [("lab", *job) for job in
                                                 write_baselines(Path(tmp) / "baselines")]
            if args.site is not None:
                tabs["site"] = SitePage(StaticSite(args.site).__enter__(), browser,
                                        viewport=args.viewport)
            where = "site" if args.site is not None else "lab"
            jobs += [(where, p.stem + (" (site)" if where == "site" else ""), p) for p in notebooks]
            budget = Budget(args.budget - (time.perf_counter() - t_start),
                            [path for _, _, path in jobs], args.drag_seconds)
            for where, label, path in jobs:
                try:
                    rows += measure_notebook(tabs[where], path, label, args, budget)
                except Exception as err:  # report and go on with the next notebook
                    print(f"{label}: FAILED: {type(err).__name__}: {err}")
                    rows.append(Row(label, note=f"failed: {type(err).__name__}"))
        finally:
            for tab in tabs.values():
                tab.close()
            if "site" in tabs:
                tabs["site"].site.__exit__(None)
            browser.close()
    print()
    print_table(rows)
    print()
    print(f"targets: median <= {TARGET_MEDIAN_MS:.0f} ms, p95 <= {TARGET_P95_MS:.0f} ms, "
          f">= {TARGET_SPEEDUP:g}x faster than the baseline; n key presses per slider (after "
          f"{WARMUP} warm-ups), after a {args.drag_seconds:g} s drag")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in load_start)}; at end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"total {time.perf_counter() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
