"""Notebook 7's optional PyTorch cells (tagged "torch") agree with lessons_lib.optim.

torch is not a course dependency: without it these tests are skipped.
"""
from pathlib import Path

import jupytext
import numpy as np
import pytest

from lessons_lib import optim

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "notebooks_src" / "07_adamw.py"


@pytest.fixture(scope="module")
def namespace():
    pytest.importorskip("torch", reason="torch is not installed (optional for the course)")
    cells = [c for c in jupytext.read(SOURCE).cells
             if c.cell_type == "code" and "torch" in c.metadata.get("tags", [])]
    assert len(cells) == 2, f"expected 2 cells tagged 'torch' in {SOURCE.name}, found {len(cells)}"
    ns = {"np": np, "optim": optim}
    for cell in cells:
        exec(compile(cell.source, f"{SOURCE.name}:torch-cell", "exec"), ns)
    return ns


def test_adamw_steps_match_torch(namespace):
    assert namespace["torch"] is not None
    assert namespace["max_diff"] < 1e-6


def test_parameter_groups_decay_only_matrices(namespace):
    assert namespace["decayed"] == ["0.weight", "2.weight"]
    assert namespace["not_decayed"] == ["0.bias", "1.weight", "1.bias", "2.bias"]
    groups = namespace["opt_torch"].param_groups
    assert [g["weight_decay"] for g in groups] == [0.1, 0.0]
    # lessons_lib decays by name (everything but biases): the LayerNorm's weight as well
    assert set(namespace["ours_decayed"]) - set(namespace["decayed"]) == {"1.weight"}
