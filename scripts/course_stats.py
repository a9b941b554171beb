"""How much a learner reads: visible words and visible code lines per notebook.

    .venv/bin/python scripts/course_stats.py            # a table for every notebook
    .venv/bin/python scripts/course_stats.py --json     # the same, as JSON
    .venv/bin/python scripts/course_stats.py --write    # rewrite the times the text states

Visible means what a learner sees without unfolding anything:

- prose: the words of markdown cells, leaving out what sits inside ``<details>`` folds
  (the "go deeper" sections) and HTML comments; a word is a run of letters or digits,
  so formulas count by their symbols' names, not by their LaTeX;
- code: the non-blank lines of code cells whose input is not collapsed
  (``metadata.jupyter.source_hidden``);
- output: the lines a code cell prints (tables, checks) and its static figures, read from
  the executed notebook (a panel's own output is counted as the panel).

Time for a notebook (what its first cell states): prose at 150 words a minute, the folded
"Go deeper" prose too (a careful reader opens the folds and checks the formulas), code and
printed output at 10 lines a minute each, half a minute per static figure, 2 minutes per
panel (``widgets.live``: dragging and watching) and 3 per exercise (``exercises.check``:
trying, checking, reading the solution), rounded up. Calibrated on two rounds of fresh
readers (three per round, each notebook read by one reader a round, reading every fold and
checking every printed number): each notebook's time is within 25 % of the mean of its two
estimates (14 of 14; 11 of 14 against the later round alone, which read more slowly). An
earlier formula (200 words a minute, no output) stated 342 minutes, about three quarters
of what the first of those rounds took.

The express path: a section whose heading cell holds the HTML comment ``<!-- express -->``
(invisible to a reader) belongs to it, up to the next heading of the same or a higher level.
``express_minutes`` is the same formula over those cells only; each notebook's first cell
states it, and the README and notebook 0 state the sum (``tests/test_course.py``).
"""
from __future__ import annotations

import argparse
import json
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
WORDS_PER_MINUTE = 150
CODE_LINES_PER_MINUTE = 10
OUTPUT_LINES_PER_MINUTE = 10
MINUTES_PER_FIGURE = 0.5
MINUTES_PER_PANEL = 2
MINUTES_PER_EXERCISE = 3
_PANEL = re.compile(r"\bwidgets\.live\(")
_EXERCISE = re.compile(r"\bexercises\.check\(")
EXPRESS = "<!-- express -->"
_HEADING = re.compile(r"^(#{1,6})\s", re.M)
_FOLD = re.compile(r"<details\b.*?</details>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


@dataclass
class Stats:
    notebook: str
    visible_words: int
    folded_words: int
    visible_code_lines: int
    hidden_code_lines: int
    longest_visible_cell: int
    panels: int = 0
    exercises: int = 0
    output_lines: int = 0
    figures: int = 0
    express: Stats | None = None

    @property
    def minutes(self) -> int:
        """The notebook's time: everything, the folds included."""
        return self._minutes(self.visible_words + self.folded_words)

    @property
    def express_minutes(self) -> int:
        """The sections marked ``<!-- express -->``, without their folds (deep dives); 0 if
        none is marked."""
        return self.express._minutes(self.express.visible_words) if self.express else 0

    def _minutes(self, prose_words: int) -> int:
        return math.ceil(prose_words / WORDS_PER_MINUTE
                         + self.visible_code_lines / CODE_LINES_PER_MINUTE
                         + self.output_lines / OUTPUT_LINES_PER_MINUTE
                         + self.figures * MINUTES_PER_FIGURE
                         + self.panels * MINUTES_PER_PANEL
                         + self.exercises * MINUTES_PER_EXERCISE)


def words(markdown: str) -> int:
    text = _TAG.sub(" ", _MATH.sub(" formula ", _COMMENT.sub(" ", markdown)))
    return len(_WORD.findall(text))


def hidden(cell) -> bool:
    return bool(cell.get("metadata", {}).get("jupyter", {}).get("source_hidden", False))


def heading_level(cell) -> int | None:
    """1 for a markdown cell that starts with ``# ...``, 2 for ``## ...``; None otherwise."""
    found = _HEADING.match(cell.source.lstrip()) if cell.cell_type == "markdown" else None
    return len(found.group(1)) if found else None


def express_cells(cells) -> list:
    """The cells of the sections whose heading cell is marked ``<!-- express -->``."""
    chosen, level = [], None
    for cell in cells:
        here = heading_level(cell)
        if here is not None and (level is None or here <= level):
            level = here if EXPRESS in cell.source else None
        if level is not None:
            chosen.append(cell)
    return chosen


_WIDGET = "application/vnd.jupyter.widget-view+json"


def printed(cell) -> tuple[int, int]:
    """(lines of text, static figures) a code cell's stored outputs show; a panel's output
    (a widget view with its static fallback) counts as neither."""
    lines = figures = 0
    for out in cell.get("outputs", []):
        data = out.get("data", {})
        if out.get("output_type") == "stream":
            lines += sum(1 for line in out.get("text", "").splitlines() if line.strip())
        elif _WIDGET in data:
            continue
        elif "image/png" in data or "image/svg+xml" in data:
            figures += 1
        elif "text/plain" in data:
            lines += sum(1 for line in data["text/plain"].splitlines() if line.strip())
    return lines, figures


def count(name: str, cells) -> Stats:
    """Visible and folded words, code lines, printed output, panels and exercises of
    ``cells``."""
    s = Stats(name, 0, 0, 0, 0, 0)
    for cell in cells:
        if cell.cell_type == "markdown":
            total = words(cell.source)
            visible = words(_FOLD.sub(" ", cell.source))
            s.visible_words += visible
            s.folded_words += total - visible
        elif cell.cell_type == "code":
            s.panels += len(_PANEL.findall(cell.source))
            s.exercises += len(_EXERCISE.findall(cell.source))
            lines, figures = printed(cell)
            s.output_lines += lines
            s.figures += figures
            n = sum(1 for line in cell.source.splitlines() if line.strip())
            if hidden(cell):
                s.hidden_code_lines += n
            else:
                s.visible_code_lines += n
                s.longest_visible_cell = max(s.longest_visible_cell, n)
    return s


def stats(path: Path) -> Stats:
    cells = nbformat.read(path, as_version=4).cells
    s = count(path.stem, cells)
    express = express_cells(cells)
    s.express = count(path.stem, express) if express else None
    return s


def course(folder: Path = ROOT / "notebooks") -> list[Stats]:
    return [stats(p) for p in sorted(folder.glob("[0-9][0-9]_*.ipynb"))]


_TIME = re.compile(r"(Time: about )\d+( minutes? \()")
_EXPRESS_TIME = re.compile(r"(Express path:[^\n]*?about )\d+( minutes)")
_TOTAL = re.compile(r"(about )\d+( minutes in all)")


def _first(pattern: re.Pattern, minutes: int, text: str) -> str:
    return pattern.sub(lambda m: f"{m.group(1)}{minutes}{m.group(2)}", text, count=1)


def write_times(rows: list[Stats]) -> list[Path]:
    """Rewrite the stated times: each notebook's first cell (its script and its .ipynb, whose
    first cell comes first in both), the README's table and the express total in the README
    and notebook 0. Returns the files changed."""
    total = sum(r.express_minutes for r in rows)
    edits = {}
    for r in rows:
        for path in (ROOT / "notebooks" / f"{r.notebook}.ipynb",
                     ROOT / "notebooks_src" / f"{r.notebook}.py"):
            text = _first(_TIME, r.minutes, path.read_text(encoding="utf-8"))
            if r.express:
                text = _first(_EXPRESS_TIME, r.express_minutes, text)
            edits[path] = _TOTAL.sub(lambda m: f"{m.group(1)}{total}{m.group(2)}", text)
    readme = ROOT / "README.md"
    text = _TOTAL.sub(lambda m: f"{m.group(1)}{total}{m.group(2)}", readme.read_text(encoding="utf-8"))
    for r in rows:
        text = re.sub(rf"^(\| \d+ \| \[[^\n]*?\(notebooks/{r.notebook}\.ipynb\)[^\n]*?\| )\d+ min \| "
                      rf"(?:([^\n|]*?, )\d+ min|—) \|$",
                      lambda m, r=r: (f"{m.group(1)}{r.minutes} min | "
                                      + (f"{m.group(2)}{r.express_minutes} min" if r.express else "—")
                                      + " |"), text, flags=re.M)
    edits[readme] = text
    changed = [p for p, t in edits.items() if p.read_text(encoding="utf-8") != t]
    for path in changed:
        path.write_text(edits[path], encoding="utf-8")
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--write", action="store_true",
                        help="rewrite the times the notebooks and the README state")
    args = parser.parse_args()
    rows = course()
    if args.write:
        for path in write_times(rows):
            print(f"updated {path.relative_to(ROOT)}")
        return
    if args.json:
        print(json.dumps([asdict(r) | {"minutes": r.minutes, "express_minutes": r.express_minutes}
                          for r in rows], indent=1))
        return
    print(f"{'notebook':24} {'words':>6} {'folded':>6} {'code':>5} {'hidden':>6} {'longest':>7} "
          f"{'output':>6} {'figs':>4} {'panels':>6} {'exer.':>5} {'min':>4} {'express':>7}")
    for r in rows:
        print(f"{r.notebook:24} {r.visible_words:6d} {r.folded_words:6d} {r.visible_code_lines:5d} "
              f"{r.hidden_code_lines:6d} {r.longest_visible_cell:7d} {r.output_lines:6d} "
              f"{r.figures:4d} {r.panels:6d} {r.exercises:5d} "
              f"{r.minutes:4d} {r.express_minutes:7d}")
    print(f"{'course':24} {sum(r.visible_words for r in rows):6d} "
          f"{sum(r.folded_words for r in rows):6d} {sum(r.visible_code_lines for r in rows):5d} "
          f"{sum(r.hidden_code_lines for r in rows):6d} {'':7} "
          f"{sum(r.output_lines for r in rows):6d} {sum(r.figures for r in rows):4d} "
          f"{sum(r.panels for r in rows):6d} "
          f"{sum(r.exercises for r in rows):5d} {sum(r.minutes for r in rows):4d} "
          f"{sum(r.express_minutes for r in rows):7d}")


if __name__ == "__main__":
    main()
