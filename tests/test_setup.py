"""The two commands work on a fresh machine, as root or not, and the site can be published."""
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def dry_run(*targets: str) -> str:
    return subprocess.run(["make", "-n", *targets], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_make_lab_allows_root_only_for_root():
    lab = [line for line in dry_run("lab").splitlines() if "jupyter lab" in line]
    assert lab, "make lab does not start jupyter lab"
    assert ("--allow-root" in lab[-1]) == (os.geteuid() == 0)


def test_make_test_builds_the_site_before_the_tests():
    lines = dry_run("test").splitlines()
    site = next(i for i, line in enumerate(lines) if "build_site.py" in line)
    tests = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert site < tests


def test_make_test_lints_before_the_tests():
    lines = dry_run("test").splitlines()
    lint = next(i for i, line in enumerate(lines) if "ruff check ." in line)
    tests = next(i for i, line in enumerate(lines) if "-m pytest" in line)
    assert lint < tests
    assert "ruff" in (ROOT / "requirements-test.txt").read_text(), "make test installs ruff"


def test_pages_workflow_publishes_the_site():
    text = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "make site" in text and "path: site" in text and "deploy-pages" in text


def test_make_notebook_updates_from_the_script_keeping_outputs_then_executes():
    recipe = dry_run("notebook", "NB=03_l2")
    update = recipe.index("jupytext --update --to ipynb --output notebooks/$nb.ipynb "
                          "notebooks_src/$nb.py")
    execute = recipe.index("nbconvert --to notebook --execute --inplace")
    assert "for nb in 03_l2;" in recipe and update < execute
