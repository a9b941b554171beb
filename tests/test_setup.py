"""The Makefile's commands do what the README says, run for real in a scratch directory.

`make test` and `make lab` are run with their tools replaced by stubs that log how they
were called (the real ones take minutes, or start a server); `make notebook` is run for
real on a two-cell notebook, with the course's own .venv.
"""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAMPS = [".venv/.course", ".venv/.site", ".venv/.tests", "node_modules/.installed",
          ".venv-min/.installed"]


INPUTS = ["Makefile", "jupytext.toml", "pyproject.toml", "requirements.txt",
          "requirements-site.txt", "requirements-test.txt", "package.json", "package-lock.json",
          "scripts/min_requirements.py"]


def scratch(workdir: Path) -> Path:
    """The Makefile and what its install steps read, copied to ``workdir``, with every
    install stamp newer: make takes the installs as done."""
    for name in INPUTS:
        (workdir / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, workdir / name)
    for stamp in STAMPS:
        (workdir / stamp).parent.mkdir(parents=True, exist_ok=True)
        (workdir / stamp).touch()
    return workdir


def make(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """``make ARGS`` in ``workdir``."""
    return subprocess.run(["make", "--no-print-directory", *args], cwd=workdir,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


@pytest.fixture
def stubbed(tmp_path):
    """A scratch copy of the Makefile whose tools only log their arguments to ``calls``."""
    scratch(tmp_path)
    log = tmp_path / "calls"
    for tool in [".venv/bin/python", ".venv/bin/ruff", ".venv/bin/jupyter",
                 ".venv-min/bin/python", "scripts/ensure-chromium"]:
        stub = tmp_path / tool
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
        stub.chmod(0o755)
    tmp_path.joinpath("calls").touch()
    return tmp_path


def calls(workdir: Path) -> list[str]:
    return workdir.joinpath("calls").read_text().splitlines()


def test_make_test_lints_builds_the_site_then_tests_with_both_version_sets(stubbed):
    done = make(stubbed, "test")
    assert done.returncode == 0, done.stderr
    steps = calls(stubbed)
    where = {needle: next(i for i, call in enumerate(steps) if needle in call) for needle in
             [".venv/bin/ruff check .", "scripts/build_site.py --out site --executed build/executed",
              ".venv/bin/python -m pytest", ".venv-min/bin/python -m pytest"]}
    lint, build, main, low = where.values()
    assert lint < build < min(main, low), steps       # the two test runs go side by side
    assert "--nbval-lax" in steps[low], "make test-min runs the notebooks under nbval"
    assert "make test-min" in done.stdout and ".venv-min/bin/python -m pytest" in done.stdout


@pytest.mark.parametrize("failing", [".venv/bin/python", ".venv-min/bin/python"])
def test_make_test_fails_when_either_test_run_fails(stubbed, failing):
    """The oldest-versions run goes beside the main one; a failure in either fails make test."""
    tool = stubbed / failing
    tool.write_text(f'#!/bin/sh\necho "{failing} $*" >> "{stubbed / "calls"}"\n'
                    'case "$*" in *"-m pytest"*) exit 1;; esac\n')
    done = make(stubbed, "test")
    assert done.returncode != 0, done.stdout
    assert any(".venv/bin/python -m pytest" in c for c in calls(stubbed))
    assert any(".venv-min/bin/python -m pytest" in c for c in calls(stubbed))


def test_make_test_stops_at_a_lint_error(stubbed):
    ruff = stubbed / ".venv/bin/ruff"
    ruff.write_text(f'#!/bin/sh\necho "ruff $*" >> "{stubbed / "calls"}"\n'
                    'echo "x.py:1:8: F401 unused import"; exit 1\n')
    done = make(stubbed, "test")
    assert done.returncode != 0 and "F401" in done.stdout
    assert not any("pytest" in call or "build_site" in call for call in calls(stubbed))


def test_make_lab_allows_root_only_for_root(stubbed):
    done = make(stubbed, "lab")
    assert done.returncode == 0, done.stderr
    [lab] = [call for call in calls(stubbed) if "jupyter lab" in call]
    assert ("--allow-root" in lab) == (os.geteuid() == 0)
    assert lab.endswith("notebooks/00_start_here.ipynb")


def test_pages_workflow_publishes_the_site():
    text = (ROOT / ".github/workflows/pages.yml").read_text()
    assert "make site" in text and "path: site" in text and "deploy-pages" in text


TINY = '''# %% [markdown]
# # A tiny notebook

# %% tags=["hide-input"]
print({n} + {n})
'''


@pytest.mark.skipif(not (ROOT / ".venv/bin/jupytext").exists(),
                    reason="needs the course's .venv (make test creates it)")
def test_make_notebook_updates_from_the_script_keeping_cell_ids_then_executes(tmp_path):
    """A script edited by hand reaches its notebook: same cells (ids, tags), new outputs,
    and the script is left as jupytext writes it, so JupyterLab opens the pair."""
    for name in INPUTS:                         # no stamps: .venv is the course's own
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / "notebooks").mkdir()
    script = tmp_path / "notebooks_src" / "99_tiny.py"
    script.parent.mkdir()
    notebook = tmp_path / "notebooks" / "99_tiny.ipynb"

    script.write_text(TINY.format(n=1))
    jupytext = [str(ROOT / ".venv/bin/jupytext"), "--quiet"]
    subprocess.run([*jupytext, "--to", "ipynb", "--output", notebook, script], check=True)
    first = json.loads(notebook.read_text())
    script.write_text(TINY.format(n=20))                          # the edit
    done = make(tmp_path, "-o", ".venv/.course", "notebook", "NB=99_tiny")  # no reinstall
    assert done.returncode == 0, done.stdout + done.stderr
    second = json.loads(notebook.read_text())
    assert [c["id"] for c in first["cells"]] == [c["id"] for c in second["cells"]]
    code = second["cells"][1]
    assert code["metadata"]["tags"] == ["hide-input"]
    assert code["outputs"][0]["text"] == ["40\n"]           # executed after the update
    rewritten = subprocess.run([*jupytext, "--to", "py:percent", "--output", "-", notebook],
                               capture_output=True, text=True, check=True)
    assert script.read_text() == rewritten.stdout
