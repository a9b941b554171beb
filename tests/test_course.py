"""The editorial budgets of the course (issue 10): how much a learner reads.

Counts come from ``scripts/course_stats.py`` (visible = outside ``<details>`` folds and
collapsed code cells): at most 1,800 visible words per notebook (the recap, 1,000) and
16,000 for the course, at most 100 visible code lines per notebook and 25 per cell.
"""
import importlib.util
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("course_stats", ROOT / "scripts/course_stats.py")
course_stats = sys.modules["course_stats"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(course_stats)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WORDS, WORDS_RECAP, WORDS_COURSE = 1800, 1000, 16000
CODE_LINES, CELL_LINES = 100, 25
READING_TIME = re.compile(r"Time: about (\d+) minutes? \((reading[^)]*)\)")
EXPRESS_TIME = re.compile(r"Express path:[^\n]*?about (\d+) minutes")
EXPRESS_TOTAL = re.compile(r"about (\d+) minutes in all")
EXPRESS_BUDGET = 90


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_collapsed_code_is_collapsed_everywhere(path):
    """A hidden cell carries both the hide-input tag (Jupyter Book) and source_hidden (Lab)."""
    for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
        tagged = "hide-input" in cell.metadata.get("tags", [])
        assert tagged == course_stats.hidden(cell), (
            f"{path.name} cell {i}: set both the 'hide-input' tag and "
            "metadata.jupyter.source_hidden, or neither")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_visible_reading_fits_the_budget(path):
    s = course_stats.stats(path)
    limit = WORDS_RECAP if path.stem.startswith("11_") else WORDS
    assert s.visible_words <= limit, f"{s.visible_words} visible words (budget {limit})"
    assert s.visible_code_lines <= CODE_LINES, f"{s.visible_code_lines} visible code lines"
    assert s.longest_visible_cell <= CELL_LINES, (
        f"a visible code cell of {s.longest_visible_cell} lines (at most {CELL_LINES})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_reading_time_is_stated_at_the_top_and_true(path):
    first = nbformat.read(path, as_version=4).cells[0]
    found = READING_TIME.search(first.source)
    assert found, (f"{path.name}: the first cell should say "
                   "'Time: about N minutes (reading, dragging the sliders, exercises)'")
    s = course_stats.stats(path)
    assert int(found.group(1)) == s.minutes, (
        f"{path.name} says {found.group(1)} minutes; scripts/course_stats.py counts {s.minutes}")
    counted = found.group(2)            # names what the time counts, and only that
    assert ("slider" in counted) == (s.panels > 0) and ("exercise" in counted) == (s.exercises > 0), (
        f"{path.name}: '({counted})' should name what the time counts: reading"
        + (", dragging the sliders" if s.panels else "") + (", exercises" if s.exercises else ""))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_express_time_is_stated_at_the_top_and_true(path):
    """Sections marked <!-- express --> form the express path; the first cell says how long."""
    s = course_stats.stats(path)
    found = EXPRESS_TIME.search(nbformat.read(path, as_version=4).cells[0].source)
    if s.express is None:
        assert not found, f"{path.name} states an express path but marks no section <!-- express -->"
        return
    assert found, (f"{path.name}: the first cell should say 'Express path: <which sections>, about "
                   f"N minutes' (N = {s.express_minutes})")
    assert int(found.group(1)) == s.express_minutes, (
        f"{path.name} says {found.group(1)} express minutes; scripts/course_stats.py counts "
        f"{s.express_minutes}")


def test_express_path_fits_its_budget_and_readme_and_notebook_0_say_so():
    total = sum(course_stats.stats(p).express_minutes for p in NOTEBOOKS)
    assert 0 < total <= EXPRESS_BUDGET, (
        f"the express path takes {total} minutes (budget {EXPRESS_BUDGET}): mark fewer sections")
    start = "\n".join(c.source for c in nbformat.read(NOTEBOOKS[0], as_version=4).cells)
    for name, text in [("README.md", (ROOT / "README.md").read_text()), (NOTEBOOKS[0].name, start)]:
        stated = [int(m) for m in EXPRESS_TOTAL.findall(text)]
        assert stated == [total], (
            f"{name} should say once that the express path takes 'about {total} minutes in all' "
            f"(found {stated})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercises_keep_their_answers_in_the_library(path):
    code = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                     if c.cell_type == "code")
    assert "check_value(" not in code and "check_function(" not in code, (
        f"{path.name}: check exercises with exercises.check('N.k', answer); the expected "
        "value lives in lessons_lib/answers.py")


def test_course_total():
    total = sum(course_stats.stats(p).visible_words for p in NOTEBOOKS)
    assert total <= WORDS_COURSE, f"{total} visible words in the course (budget {WORDS_COURSE})"


SMALL_TEXT = re.compile(r"fontsize\s*=\s*(?:[0-8](?:\.\d*)?\b|[\"'](?:x+-)?small[\"'])")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_text_in_figures_is_at_least_9_points(path):
    source = (ROOT / "notebooks_src" / f"{path.stem}.py").read_text()
    small = [ln.strip() for ln in source.splitlines() if SMALL_TEXT.search(ln)]
    assert not small, f"legends and labels at >= 9 pt: {small[:3]}"


def test_library_text_is_at_least_9_points():
    for module in sorted((ROOT / "lessons_lib").glob("*.py")):
        assert not SMALL_TEXT.search(module.read_text()), module.name


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if 1 <= int(p.stem[:2]) <= 10],
                         ids=lambda p: p.stem)
def test_an_exercise_is_an_experiment(path):
    """At least one exercise's answer comes from a run (a function in lessons_lib.answers)."""
    from lessons_lib.answers import ANSWERS

    number = str(int(path.stem[:2]))
    computed = [key for key, a in ANSWERS.items() if key.split(".")[0] == number
                and a.cases is None and callable(a.expected)]
    assert computed, f"{path.stem}: no exercise whose answer is computed from a run or a panel"


def test_an_express_section_runs_to_the_next_heading_of_its_level():
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [md("# Title\nintro"), md("## 1 · First <!-- express -->"), code("x = 1"),
             md("### 1.1 detail"), md("## 2 · Second"), code("y = 2"),
             md("## 3 · Third\n<!-- express -->"), md("# Appendix")]
    chosen = course_stats.express_cells(cells)
    assert [c.source for c in chosen] == [cells[i].source for i in (1, 2, 3, 6)]
    assert course_stats.count("x", chosen).visible_code_lines == 1


def test_notebook_0_reaches_its_first_slider_within_two_minutes():
    """Notebook 0 is an on-ramp (issue 20): a learner drags the first slider within two
    minutes of opening it, so at most a minute and a half of reading (course_stats' pace:
    150 visible words a minute, code at 10 lines a minute) comes before the first panel's
    cell, leaving half a minute to find the slider and drag it."""
    cells = nbformat.read(NOTEBOOKS[0], as_version=4).cells
    first = next(i for i, c in enumerate(cells)
                 if c.cell_type == "code" and "widgets.live(" in c.source)
    before = course_stats.count("before the first panel", cells[:first])
    reading = (before.visible_words / course_stats.WORDS_PER_MINUTE
               + before.visible_code_lines / course_stats.CODE_LINES_PER_MINUTE)
    assert reading <= 1.5, (
        f"{NOTEBOOKS[0].name}: {reading:.1f} minutes of reading ({before.visible_words} words, "
        f"{before.visible_code_lines} code lines) before the first slider; move the rest after it")


def test_the_readme_table_states_each_notebooks_times():
    """The README's table of notebooks: each row's time and express minutes are course_stats'."""
    rows = re.findall(r"^\| \d+ \| \[[^\n]*?\]\(notebooks/(\d\d_\w+)\.ipynb\)[^\n]*?\| (\d+) min \| "
                      r"([^\n|]*?) \|$", (ROOT / "README.md").read_text(), flags=re.M)
    assert [stem for stem, _, _ in rows] == [p.stem for p in NOTEBOOKS], "one README row per notebook"
    for stem, minutes, express in rows:
        s = course_stats.stats(ROOT / "notebooks" / f"{stem}.ipynb")
        assert int(minutes) == s.minutes, f"README says {stem} takes {minutes} min; it is {s.minutes}"
        stated = re.search(r"(\d+) min$", express)
        assert (int(stated.group(1)) if stated else 0) == s.express_minutes, (
            f"README's express path for {stem}: {express!r}; course_stats counts {s.express_minutes} min")
