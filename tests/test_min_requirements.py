"""``make test-min`` tests the lower bounds of requirements.txt: scripts/min_requirements.py
pins every ``name>=X`` to ``name==X``, and the Makefile installs exactly those pins."""
from __future__ import annotations

import doctest
import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
min_requirements = importlib.import_module("min_requirements")

TOOLS = ["pytest", "pytest-xdist", "nbval", "nbclient", "hypothesis"]


def test_examples_in_the_docstrings():
    assert doctest.testmod(min_requirements).failed == 0


def test_every_requirement_is_pinned_at_its_lower_bound():
    lines = min_requirements.requirement_lines(ROOT / "requirements.txt")
    pins = min_requirements.min_requirements(ROOT / "requirements.txt")
    assert len(pins) == len(lines) > 0
    for line, pinned in zip(lines, pins):
        low = next(s for s in line.split(",") if ">=" in s).split(">=")[1]
        assert min_requirements.name_of(pinned) == min_requirements.name_of(line)
        assert f"=={low}" in pinned and ">=" not in pinned, (line, pinned)


def test_the_test_tools_keep_their_own_ranges():
    pins = min_requirements.min_requirements(ROOT / "requirements.txt",
                                             ROOT / "requirements-test.txt", TOOLS)
    tools = pins[-len(TOOLS):]
    assert [min_requirements.name_of(t) for t in tools] == list(TOOLS)
    test_lines = (min_requirements.requirement_lines(ROOT / "requirements-test.txt")
                  + min_requirements.requirement_lines(ROOT / "requirements-site.txt"))  # its -r
    assert all(t in test_lines for t in tools)


@pytest.mark.parametrize("line, match", [
    ("numpy", "needs exactly one lower bound"),
    ("numpy<3", "needs exactly one lower bound"),
    ("numpy>1.26", "needs exactly one lower bound"),
    ("-r other.txt", "cannot pin"),
    ("numpy>=1.26 >= 2", "cannot read the version specifiers"),
])
def test_lines_it_cannot_pin_say_how_to_write_them(line, match):
    with pytest.raises(SystemExit, match=match):
        min_requirements.pin(line)


def test_the_command_prints_the_pins_and_the_tools():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "min_requirements.py"),
                          "--tools", *TOOLS], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == min_requirements.min_requirements(
        ROOT / "requirements.txt", ROOT / "requirements-test.txt", TOOLS)


def test_make_test_min_installs_the_pins_and_runs_the_notebooks_and_unit_tests():
    recipe = subprocess.run(["make", "-n", "-B", "test-min"], cwd=ROOT, capture_output=True,
                            text=True, check=True).stdout
    recipe = re.sub(r"[ \t]+", " ", recipe.replace("\\\n", " "))   # join continued lines
    assert f"scripts/min_requirements.py --tools {' '.join(TOOLS)}" in recipe
    assert "pip install --quiet --no-deps -e ." in recipe
    pytest_line = next(line for line in recipe.splitlines() if "-m pytest" in line)
    assert re.search(r"\.venv-min/bin/python -m pytest (-n \d+ --dist loadfile )?lessons_lib tests notebooks",
                     pytest_line), pytest_line       # loadfile: one notebook's cells, one kernel
    browser_tests = [p.name for p in (ROOT / "tests").glob("test_*.py")   # they drive Chromium,
                     if p.name != Path(__file__).name                      # with a package
                     and "playwright" in p.read_text(encoding="utf-8")]    # .venv-min lacks
    assert {"test_browser.py", "test_controls_browser.py"} <= set(browser_tests)
    for name in browser_tests + ["test_site.py"]:
        assert f"--ignore=tests/{name}" in pytest_line, f"make test-min must ignore {name}"
    ignored = subprocess.run(["git", "check-ignore", "-q", ".venv-min/"], cwd=ROOT)
    assert ignored.returncode == 0, "add .venv-min/ to .gitignore"
