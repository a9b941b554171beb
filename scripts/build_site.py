"""Build the course website: every notebook executed, with sliders that work with no server.

    python scripts/build_site.py [--out site] [--cdn] [--executed build/executed] [notebooks/NN_name.ipynb ...]

Each notebook is executed with its widget state stored (every panel's frames are in the
page), exported to HTML by nbconvert's ``lab`` template, and its links to other notebooks
point at their pages. The JavaScript a page needs (the ipywidgets HTML manager,
require.js, MathJax 2) comes from ``node_modules/``, installed from the npm registry by
``npm ci`` (see ``package.json``) and copied into ``site/_static/``, so a page asks for
nothing off the machine; ``--cdn`` points the pages at public CDNs instead. Each page, and
the index, has a plain *Launch on Binder* link to the repository ``links.repository_url()``
names: on GitHub Actions, the repository the site is built from.

Why nbconvert and not Jupyter Book: nbconvert is already what executes the notebooks, its
HTML export embeds widget state as it is, and it takes local script paths. The course is
twelve pages and a map, which one short script builds.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

import links
import nbformat

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
MATHJAX_CONFIG = "TeX-AMS_CHTML-full,Safe"
CDN = {"require": "https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.7/require.min.js",
       "widgets": "https://cdn.jsdelivr.net/npm/@jupyter-widgets/html-manager@1.0.15/dist/embed-amd.js",
       "mathjax": "https://cdnjs.cloudflare.com/ajax/libs/mathjax/2.7.9/MathJax.js",
       "anywidget": "https://cdn.jsdelivr.net/npm/anywidget@{version}/dist/index"}
# The parts of MathJax 2 that the TeX-AMS_CHTML configuration loads (the npm package is 73 MB).
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
                 "jax/input/TeX", "jax/output/CommonHTML", "jax/element",
                 "fonts/HTML-CSS/TeX/woff", "localization/en"]
PAGE_BUDGET_MB = 10.0
INDENT = "calc(2 * var(--jp-cell-padding, 5px))"  # where a markdown cell's text starts
# Outside JupyterLab the widgets' labels fall back to the browser's serif font.
WIDGET_CSS = ("<style>.jupyter-widgets, .widget-label, .widget-readout {"
              " font-family: var(--jp-ui-font-family, system-ui, sans-serif); }</style>")


def copy_static(out: Path) -> None:
    """Copy the pages' JavaScript from ``node_modules`` into ``out/_static``."""
    if not NODE.is_dir():
        sys.exit("node_modules/ is missing: run `npm ci` first (make site does).")
    static = out / "_static"
    static.mkdir(parents=True, exist_ok=True)
    manager = NODE / "@jupyter-widgets/html-manager/dist"
    shutil.copy2(manager / "embed-amd.js", static / "embed-amd.js")
    # The bundle asks for its icon fonts (the Play button's symbols) in /@jupyter-widgets/,
    # whatever its own URL is.
    fonts = out / "@jupyter-widgets"
    fonts.mkdir(parents=True, exist_ok=True)
    for f in manager.iterdir():
        if f.suffix in {".woff", ".woff2", ".ttf"}:
            shutil.copy2(f, fonts / f.name)
    shutil.copy2(NODE / "requirejs/require.js", static / "require.js")
    # The panels' canvas is an anywidget: its module, for require.js (see anywidget_path).
    shutil.copy2(NODE / "anywidget/dist/index.js", static / "anywidget.js")
    for part in MATHJAX_PARTS:
        src, dst = NODE / "mathjax" / part, static / "mathjax" / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


def write_favicon(path: Path) -> None:
    """A 32 px icon (browsers ask for /favicon.ico): the course's blue, a vermillion bar."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGB", (32, 32), "#0072B2")
    ImageDraw.Draw(icon).rectangle([6, 18, 25, 25], fill="#D55E00")
    icon.save(path, format="ICO")


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom, keeping the state of every widget it displays."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def anywidget_version() -> str:
    """The anywidget version package.json pins; requirements.txt allows the same minor."""
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["anywidget"]


def anywidget_path(*, cdn: bool) -> str:
    """A script telling require.js where the ``anywidget`` module is, before the widget
    manager asks for it (it would otherwise try the page's folder, then a CDN)."""
    where = CDN["anywidget"].format(version=anywidget_version()) if cdn else "_static/anywidget"
    return f'<script>require.config({{paths: {{anywidget: "{where}"}}}});</script>'


def export(nb: nbformat.NotebookNode, *, cdn: bool) -> str:
    """The notebook as one HTML page; links to ``NN_name.ipynb`` become ``NN_name.html``."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    # Collapsed cells (tag hide-input, as in JupyterLab and Jupyter Book) show only their output.
    hide = Config({"TagRemovePreprocessor": {"enabled": True, "remove_input_tags": {"hide-input"}}})
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True,
                            exclude_output_prompt=True, config=hide)
    if cdn:
        exporter.require_js_url, exporter.widget_renderer_url = CDN["require"], CDN["widgets"]
        exporter.mathjax_url = f"{CDN['mathjax']}?config={MATHJAX_CONFIG}"
    else:
        exporter.require_js_url = "_static/require.js"
        exporter.widget_renderer_url = "_static/embed-amd.js"
        exporter.mathjax_url = f"_static/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    for cell in nb.cells:       # a closed progress bar leaves an empty bundle: nothing to show
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs
                            if "data" not in o or o["data"]]
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title_of(nb)}})
    body = body.replace("</head>", f"{WIDGET_CSS}\n{anywidget_path(cdn=cdn)}\n</head>", 1)
    return re.sub(r'href="(\d\d_[\w-]+)\.ipynb(#[\w-]+)?"', r'href="\1.html\2"', body)


def title_of(nb: nbformat.NotebookNode) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^# (.+)$", cell.source, flags=re.M)
            if m:
                return m.group(1).strip()
    return "untitled"


def launch_link(notebook: str, repo: str) -> str:
    """A text link (not the badge: pages fetch nothing remote) opening ``notebook`` on Binder."""
    return (f'<a class="launch" href="{html.escape(links.binder_url(notebook, repo))}">'
            "Launch on Binder</a>")


def launch_bar(body: str, notebook: str, repo: str) -> str:
    """A notebook's page with a line on top that opens the notebook itself on Binder."""
    # Styled, and indented, as the notebook's markdown is; outside any cell (not a .jp-Cell).
    bar = (f'<div class="launch-bar jp-RenderedHTMLCommon" style="margin-left: {INDENT}">'
           f"<p>{launch_link(notebook, repo)} to "
           "run and edit this notebook in JupyterLab in the cloud (it takes a minute to start)."
           "</p></div>")
    return body.replace("<main>", "<main>\n" + bar, 1)


def index_page(pages: list[tuple[str, str]], repo: str) -> str:
    """The course map: one link per notebook page, and links to the notebooks on Binder and
    to the repository ``repo`` (``https://github.com/<owner>/<name>``)."""
    items = "\n".join(f'    <li><a href="{html.escape(href)}">{html.escape(title)}</a></li>'
                      for href, title in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>L1 &amp; L2 regularization (weight decay), live</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto;
         padding: 0 1rem; line-height: 1.5; color: #222; }}
  li {{ margin: 0.3rem 0; }}
  a {{ color: #0072B2; }}
</style>
</head>
<body>
<h1>L1 &amp; L2 regularization (weight decay), live</h1>
<p>An interactive course: every slider position is a model that was trained when the page
was built, so the sliders respond at once, with nothing to install.
All notebooks share <a href="00_start_here.html#conventions">one conventions table</a>.</p>
<ol start="0">
{items}
</ol>
<p>{launch_link(links.DEFAULT_NOTEBOOK, repo)} to edit and run the notebooks in JupyterLab in
the cloud, or clone <a href="{html.escape(repo)}">the repository</a> and run
<code>make lab</code>.</p>
</body>
</html>
"""


def build(out: Path, notebooks: list[Path], *, cdn: bool = False,
          executed: Path | None = None) -> list[tuple[str, int]]:
    """Write the site to ``out``; returns each page's name and size in bytes.

    With ``executed``, each executed notebook (outputs and widget state) is also written
    there: the test command executes every notebook once, here, and its tests read these
    copies (``tests/test_outputs.py`` compares their checked outputs with the committed
    ones, ``tests/test_browser.py`` opens them in JupyterLab).

    The Binder links point at ``links.repository_url()``: on GitHub Actions the repository
    the site is built from, whatever pyproject.toml says; the notebooks' own links to the
    repository are retargeted to it too."""
    repo, committed = links.repository_url(), links.pyproject_url()
    out.mkdir(parents=True, exist_ok=True)
    if not cdn:
        copy_static(out)
    (out / ".nojekyll").write_text("")          # GitHub Pages: serve _static/ as it is
    write_favicon(out / "favicon.ico")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    pages, sizes = [], []
    for path in notebooks:
        t0 = time.perf_counter()
        nb = execute(path)
        if executed is not None:
            executed.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, executed / path.name)
        page = out / f"{path.stem}.html"
        body = launch_bar(links.retarget(export(nb, cdn=cdn), committed, repo), path.name, repo)
        page.write_text(body, encoding="utf-8")
        pages.append((page.name, title_of(nb)))
        size = page.stat().st_size
        sizes.append((page.name, size))
        print(f"{page.name}: {size / 1e6:.2f} MB, built in {time.perf_counter() - t0:.1f} s",
              flush=True)
    if len(notebooks) > 1 or not (out / "index.html").exists():
        (out / "index.html").write_text(index_page(pages, repo), encoding="utf-8")
    return sizes


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "site")
    parser.add_argument("--cdn", action="store_true", help="load the pages' JavaScript from CDNs")
    parser.add_argument("--executed", type=Path, default=None,
                        help="also keep the executed notebooks in this folder (for the tests)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    sizes = build(args.out, notebooks, cdn=args.cdn, executed=args.executed)
    heavy = [(n, s) for n, s in sizes if s > PAGE_BUDGET_MB * 1e6]
    print(json.dumps({"pages": len(sizes), "largest_MB": round(max(s for _, s in sizes) / 1e6, 2)}))
    if heavy:
        sys.exit(f"pages over the {PAGE_BUDGET_MB:g} MB budget: {heavy}")


if __name__ == "__main__":
    main()
