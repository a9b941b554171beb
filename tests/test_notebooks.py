"""Guards on the committed notebooks (tests/test_outputs.py checks a fresh run of them).

nbval (and a naive output check) passes a checked cell that was stored without output,
so this file makes sure
every ``# NBVAL_CHECK_OUTPUT`` cell carries its stored output, that notebooks are
committed executed and error-free, and that they import rather than redefine.
"""
import ast
import json
import re
from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
LIB_NAMES = set()
for module in ("data", "models", "penalties", "optim", "linear", "train", "plots", "widgets",
               "runs", "runs_curves", "runs_sparse", "runs_decay", "runs_nets", "runs_practice"):
    mod = __import__(f"lessons_lib.{module}", fromlist=["_"])
    LIB_NAMES |= {n for n in vars(mod) if not n.startswith("_") and callable(getattr(mod, n))}


def cells(path):
    return json.loads(path.read_text())["cells"]


def source(cell):
    return "".join(cell["source"])


def test_there_are_notebooks_numbered_from_zero():
    assert NOTEBOOKS, "no notebooks found in notebooks/"
    numbers = [int(p.name[:2]) for p in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), f"notebook numbers have gaps: {numbers}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_checked_cells_have_stored_output(path):
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] == "code" and "# NBVAL_CHECK_OUTPUT" in source(cell):
            assert cell.get("outputs"), f"{path.name} cell {i} is checked but has no stored output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_executed_without_errors(path):
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] != "code" or not source(cell).strip():
            continue
        assert cell.get("execution_count") is not None, f"{path.name} cell {i} was not executed"
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} cell {i} stored an error"
            text = "".join(out.get("text", ""))
            assert "Traceback" not in text, f"{path.name} cell {i} printed a traceback"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_imports_lessons_lib_and_redefines_nothing(path):
    code = "\n".join(re.sub(r"^\s*[%!].*$", "", source(c), flags=re.M)
                     for c in cells(path) if c["cell_type"] == "code")
    assert "sys.path" not in code, f"{path.name} must import lessons_lib without sys.path tricks"
    assert "lessons_lib" in code, f"{path.name} does not import lessons_lib"
    defined = {n.name for n in ast.walk(ast.parse(code))
               if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    clash = defined & LIB_NAMES
    assert not clash, f"{path.name} redefines {sorted(clash)}: import them from lessons_lib"


REFERENCE = ("12_", "13_")   # the appendices: the conventions table, practitioners' questions


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_has_goals_summary_and_links_the_conventions(path):
    text = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown").lower()
    if not path.name.startswith(REFERENCE):
        assert "learning goals" in text or path.name.startswith(("00_", "11_")), path.name
        assert "summary" in text or "recap" in text, f"{path.name} has no summary"
    if not path.name.startswith("12_"):
        assert "12_conventions.ipynb#conventions" in text, \
            f"{path.name} should link to the conventions table, 12_conventions.ipynb#conventions"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_links_to_other_notebooks_resolve(path):
    text = "\n".join(source(c) for c in cells(path) if c["cell_type"] == "markdown")
    for target in re.findall(r"\]\((\d\d_[\w.-]+\.ipynb)(?:#[\w-]+)?\)", text):
        assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_live_panel_leaves_a_static_image(path):
    """GitHub, nbviewer and HTML exports cannot run widgets: each panel stores a PNG."""
    for i, cell in enumerate(cells(path)):
        if cell["cell_type"] == "code" and "widgets.live(" in source(cell):
            kinds = [k for out in cell.get("outputs", []) for k in out.get("data", {})]
            assert "image/png" in kinds, f"{path.name} cell {i}: live panel without a static image"
            assert "application/vnd.jupyter.widget-view+json" in kinds, \
                f"{path.name} cell {i}: the panel is not the cell's value (no widget view)"


def script_cells(nb, config):
    """What a paired script says about each cell: type, source and cell metadata.

    The notebook is written to its script's format and read back, so the cell metadata left
    is what jupytext.toml's cell_metadata_filter carries (tags, jupyter.source_hidden, ...),
    without the run records (execution timings) that only the .ipynb keeps.
    """
    text = jupytext.writes(nb, fmt="py:percent", config=config)
    return [(c.cell_type, c.source, dict(c.metadata))
            for c in jupytext.reads(text, fmt="py:percent", config=config).cells]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_paired_with_its_source_script(path):
    """jupytext.toml pairs notebooks/NN_name.ipynb with notebooks_src/NN_name.py."""
    from jupytext.config import load_jupytext_config
    from jupytext.paired_paths import paired_paths

    config = load_jupytext_config(str(path))
    assert config is not None, "no jupytext configuration found (jupytext.toml)"
    pairs = {Path(p): fmt.get("format_name") for p, fmt in
             paired_paths(str(path), "ipynb", config.default_formats(str(path)))}
    script = ROOT / "notebooks_src" / f"{path.stem}.py"
    assert pairs.get(script) == "percent", f"{path.name} is not paired with {script.name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_matches_its_source_script(path):
    """notebooks_src/NN_name.py is the source: the committed notebook's cells must be its cells,
    with the same types, sources and cell metadata (tags, collapsed inputs)."""
    from jupytext.config import load_jupytext_config

    script = ROOT / "notebooks_src" / f"{path.stem}.py"
    assert script.exists(), f"no source script {script.name} for {path.name}"
    config = load_jupytext_config(str(script))
    want = script_cells(jupytext.read(script, config=config), config)
    have = script_cells(jupytext.read(path), config)
    fix = (f"update it with `make notebook NB={path.stem}` (jupytext --update, then re-execute)")
    assert len(have) == len(want), \
        f"{path.name} has {len(have)} cells, {script.name} {len(want)}: {fix}"
    for i, (h, w) in enumerate(zip(have, want)):
        assert h[:2] == w[:2], f"{path.name} cell {i} differs from {script.name}: {fix}"
        assert h[2] == w[2], \
            f"{path.name} cell {i} has metadata {h[2]}, {script.name} says {w[2]}: {fix}"
