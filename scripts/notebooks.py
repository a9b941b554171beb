"""Author and execute the course notebooks.

    python scripts/notebooks.py build notebooks_src/NN_name.py notebooks/NN_name.ipynb
        Turn a "percent" script (cells separated by ``# %%`` and ``# %% [markdown]`` lines,
        markdown written as ``# ``-prefixed comment lines) into a notebook.
    python scripts/notebooks.py execute [notebooks/NN_name.ipynb ...]
        Run notebooks top to bottom in place (all of them by default) so the committed
        copies carry their outputs, as nbval and GitHub expect. Outputs are deterministic:
        every notebook seeds what it draws.
"""
from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def build(source: Path, target: Path) -> None:
    text = source.read_text()
    chunks = re.split(r"^# %%(.*)$", text, flags=re.M)
    cells = []
    if chunks[0].strip():
        cells.append(nbformat.v4.new_code_cell(chunks[0].strip()))
    for header, body in zip(chunks[1::2], chunks[2::2]):
        body = body.strip("\n")
        if "[markdown]" in header:
            lines = [re.sub(r"^# ?", "", line) for line in body.splitlines()]
            cells.append(nbformat.v4.new_markdown_cell("\n".join(lines).strip()))
        elif body.strip():
            cells.append(nbformat.v4.new_code_cell(body.strip()))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
    nbformat.write(nb, target)
    print(f"wrote {target} ({len(cells)} cells)")


def execute(paths: list[Path]) -> None:
    from nbclient import NotebookClient

    # Small arrays: one BLAS thread is faster (the Makefile sets the same for `make lab/test`).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")

    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t0 = time.perf_counter()
        NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        nb.metadata.pop("widgets", None)
        nbformat.write(nb, path)
        print(f"executed {path.name} in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "build" and len(sys.argv) == 4:
        build(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) >= 2 and sys.argv[1] == "execute":
        targets = [Path(p) for p in sys.argv[2:]] or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
        execute(targets)
    else:
        sys.exit(__doc__)
