"""Paired notebooks open in JupyterLab after `git pull` or `make notebook`.

JupyterLab opens a paired notebook through jupytext's contents manager. When the .ipynb is
newer than its script (a pull of re-executed notebooks, or `make notebook`'s in-place run),
jupytext refuses to open it unless the script is exactly what it would write for the
notebook ("File Load Error ... is more recent than ..."). So each script must be
byte-identical to jupytext's output, and every notebook must open with its .ipynb touched.
"""
import os
import shutil
import time
from pathlib import Path

import jupytext
import pytest
from jupytext.config import load_jupytext_config

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_script_is_what_jupytext_writes(path):
    script = ROOT / "notebooks_src" / f"{path.stem}.py"
    config = load_jupytext_config(str(script))
    written = jupytext.writes(jupytext.read(path), fmt="py:percent", config=config)
    assert written == script.read_text(encoding="utf-8"), (
        f"{script.name} is not what jupytext writes for {path.name}; rewrite it with "
        f"`jupytext --to py:percent -o notebooks_src/{script.name} notebooks/{path.name}` "
        "(or open and save the notebook in JupyterLab)")


@pytest.fixture(scope="module")
def pulled_checkout(tmp_path_factory):
    """A copy of the notebooks, their scripts and jupytext.toml, every .ipynb newer than its script."""
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copytree(ROOT / "notebooks_src", root / "notebooks_src")
    shutil.copy(ROOT / "jupytext.toml", root / "jupytext.toml")
    later = time.time() + 60
    for nb in (root / "notebooks").glob("*.ipynb"):
        os.utime(nb, (later, later))
    return root


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_opens_through_jupytext_when_newer_than_its_script(pulled_checkout, path):
    cm = jupytext.TextFileContentsManager(root_dir=str(pulled_checkout))
    model = cm.get(f"notebooks/{path.name}")         # raises HTTPError 400 on a timestamp mismatch
    assert model["type"] == "notebook"
    assert len(model["content"]["cells"]) == len(jupytext.read(path).cells)


def test_a_diverged_script_is_caught(tmp_path):
    """The check above can fail: a script whose cell header is in another order is refused."""
    for name in ("notebooks", "notebooks_src"):
        (tmp_path / name).mkdir()
    shutil.copy(ROOT / "jupytext.toml", tmp_path / "jupytext.toml")
    nb = next(p for p in NOTEBOOKS if "source_hidden" in p.read_text(encoding="utf-8"))
    shutil.copy(nb, tmp_path / "notebooks" / nb.name)
    script = (ROOT / "notebooks_src" / f"{nb.stem}.py").read_text(encoding="utf-8")
    swapped = script.replace('# %% jupyter={"source_hidden": true} tags=["hide-input"]',
                             '# %% tags=["hide-input"] jupyter={"source_hidden": true}')
    assert swapped != script
    (tmp_path / "notebooks_src" / f"{nb.stem}.py").write_text(swapped, encoding="utf-8")
    later = time.time() + 60
    os.utime(tmp_path / "notebooks" / nb.name, (later, later))
    cm = jupytext.TextFileContentsManager(root_dir=str(tmp_path))
    with pytest.raises(Exception, match="more recent than"):
        cm.get(f"notebooks/{nb.name}")
