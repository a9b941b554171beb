"""Build the course website: every notebook executed once, rendered by Sphinx + MyST-NB.

    python scripts/build_site.py [--out site] [--executed build/executed] [--reuse] [--jobs 2]
                                 [notebooks/NN_name.ipynb ...]

1. Each notebook is executed with its widget state stored (every panel's frames are in
   the page), ``--jobs`` of them at a time (each in its own kernel; default 2, one per core
   of a small machine), and the executed copy is kept in ``--executed`` (the test command's tests read
   those copies: ``tests/test_outputs.py``, the JupyterLab browser tests). With ``--reuse``
   nothing is executed: the copies already there are rendered.
2. Sphinx (``docs/conf.py``: MyST-NB, sphinx-book-theme) renders those copies as they are
   (``nb_execution_mode = "off"``) into ``--out``, with the index (``docs/index.md``,
   which includes the README's table of notebooks), a sidebar of lessons, previous/next,
   search, launch buttons (Binder, Colab, and JupyterHub when ``COURSE_JUPYTERHUB_URL`` is
   set) and a download of each notebook; the old flat site's ``NN_name.html`` names lead to
   the pages.
   The pages' JavaScript comes from ``node_modules/`` (npm), so a page asks for nothing
   off the machine.
3. The download button gives the notebook as committed in ``notebooks/`` (outputs, no
   widget state), not the executed copy with every frame in it.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import links
import nbformat

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
SOURCE = BUILD / "site-src"           # what Sphinx reads: index, README, executed notebooks
DOCTREES = BUILD / "site-doctrees"    # Sphinx's cache: an unchanged notebook is not re-read
HTML = BUILD / "site-html"            # where Sphinx writes, before the site is moved to --out
PAGE_BUDGET_MB = 10.0


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom, keeping the state of every widget it displays."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def execute_into(path: Path, copy: Path) -> str:
    """Execute ``path`` and write the executed notebook to ``copy``; returns a line to print."""
    t0 = time.perf_counter()
    nbformat.write(execute(path), copy)
    return f"{path.name}: executed in {time.perf_counter() - t0:.1f} s"


def drop_empty_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A closed progress bar leaves a display with no data: the page shows nothing for it."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if "data" not in o or o["data"]]
    return nb


def lay_out_source(executed: list[Path]) -> None:
    """``SOURCE``: the index and README, and the executed notebooks in ``notebooks/`` (the
    repository's own path, so a launch button opens the same path in the repository).
    Unchanged files keep their times, so Sphinx does not read them again."""
    notebooks = SOURCE / "notebooks"
    if notebooks.is_dir():
        for old in notebooks.iterdir():
            if old.name not in {p.name for p in executed}:
                old.unlink()
    notebooks.mkdir(parents=True, exist_ok=True)
    # The notebooks' own links to the repository (Binder, Colab) follow repository_url():
    # on GitHub Actions the repository the site is built from, whatever pyproject.toml says.
    repo, committed = links.repository_url(), links.pyproject_url()
    texts = {SOURCE / "index.md": (ROOT / "docs/index.md").read_text(encoding="utf-8"),
             SOURCE / "README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    for path in executed:
        texts[notebooks / path.name] = nbformat.writes(
            drop_empty_outputs(nbformat.read(path, as_version=4)))
    for target, text in texts.items():
        text = links.retarget(text, committed, repo)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def render(out: Path) -> None:
    """Sphinx's HTML builder from ``SOURCE`` into ``out``, configured by ``docs/conf.py``.
    Sphinx writes into ``HTML`` (MyST-NB keeps its image files beside it, in
    ``build/jupyter_execute``), which then replaces ``out``."""
    from sphinx.cmd.build import build_main

    if out.exists() and any(out.iterdir()) and not (out / ".nojekyll").exists():
        sys.exit(f"{out} exists and is not a site this script built: not writing into it")
    shutil.rmtree(HTML, ignore_errors=True)     # no page of an older build stays behind
    status = build_main(["-b", "html", "-c", str(ROOT / "docs"), "-d", str(DOCTREES),
                         "--keep-going", "-W", "-q", str(SOURCE), str(HTML)])
    if status:
        sys.exit(f"sphinx-build failed (exit {status}): see the warnings above")
    (HTML / ".nojekyll").write_text("")          # GitHub Pages: serve _static/ as it is
    for path in (HTML / "_sources" / "notebooks").glob("*.ipynb"):
        shutil.copy2(ROOT / "notebooks" / path.name, path)
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(HTML, out)


def build(out: Path, notebooks: list[Path], *, executed: Path, reuse: bool = False,
          jobs: int = 2) -> list[tuple[str, int]]:
    """Execute ``notebooks`` into ``executed``, ``jobs`` at a time (unless ``reuse``), then
    render the executed copies into ``out``; returns each notebook page's name and size in
    bytes."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    executed.mkdir(parents=True, exist_ok=True)
    copies = [executed / path.name for path in notebooks]
    if reuse:
        missing = [str(copy) for copy in copies if not copy.exists()]
        if missing:
            sys.exit(f"--reuse: {', '.join(missing)} missing (run without --reuse to execute)")
    else:
        t0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for line in pool.map(execute_into, notebooks, copies):
                print(line, flush=True)
        print(f"executed {len(copies)} notebooks, {jobs} at a time, in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    lay_out_source(copies)
    render(out)
    print(f"rendered {len(copies)} notebooks in {time.perf_counter() - t0:.1f} s", flush=True)
    return [(f"notebooks/{p.stem}.html", (out / "notebooks" / f"{p.stem}.html").stat().st_size)
            for p in copies]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--executed", type=Path, default=BUILD / "executed",
                        help="where the executed notebooks are kept (the tests read them)")
    parser.add_argument("--reuse", action="store_true",
                        help="render the executed notebooks already in --executed; run nothing")
    parser.add_argument("--jobs", type=int, default=2,
                        help="notebooks executed at a time, each in its own kernel (default 2)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    sizes = build(args.out, notebooks, executed=args.executed, reuse=args.reuse, jobs=args.jobs)
    heavy = [(n, s) for n, s in sizes if s > PAGE_BUDGET_MB * 1e6]
    print(json.dumps({"pages": len(sizes), "largest_MB": round(max(s for _, s in sizes) / 1e6, 2)}))
    if heavy:
        sys.exit(f"pages over the {PAGE_BUDGET_MB:g} MB budget: {heavy}")


if __name__ == "__main__":
    main()
