"""Sphinx configuration of the course website: MyST-NB renders the executed notebooks,
sphinx-book-theme gives the sidebar of lessons, previous/next, search, dark mode and the
launch buttons.

``scripts/build_site.py`` (``make site``) runs ``sphinx-build -c docs`` on a folder it lays
out: this folder's ``index.md``, the README (the index includes its table of notebooks) and
``notebooks/``, the notebooks as the site build executed them (outputs and widget state).
MyST-NB does not execute them again (``nb_execution_mode = "off"``).

The pages fetch nothing from another host: the widget manager, require.js, the panels'
``anywidget`` module and MathJax 2 come from ``node_modules/`` (``npm ci``; versions in
``package-lock.json``) and are copied into ``_static/`` when the build finishes.
"""
from __future__ import annotations

import html
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "node_modules"
sys.path.insert(0, str(ROOT / "scripts"))
import links  # noqa: E402  (scripts/links.py: the one repository setting)

project = "L1 & L2 regularization (weight decay), live"
language = "en"

extensions = ["myst_nb"]
exclude_patterns = ["README.md", "**/.ipynb_checkpoints"]
suppress_warnings = ["mystnb.unknown_mime_type"]

# --- the notebooks -------------------------------------------------------------------
nb_execution_mode = "off"             # the site build executed them once, widget state kept
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath", "substitution"]
myst_heading_anchors = 3
# Saved widget state is rendered by the ipywidgets HTML manager (require.js + embed-amd.js);
# widgets-config.js tells require.js where the panels' anywidget module is, before the
# manager asks for it (it would otherwise try a CDN). Paths are inside _static/.
nb_ipywidgets_js = {"require.js": {}, "widgets-config.js": {}, "embed-amd.js": {}}

# MathJax 2 from npm: the ipywidgets HTML manager typesets widget labels with MathJax 2's
# API (MathJax.Hub.Queue), which MathJax 3 and 4 (Sphinx's default, from a CDN) lack.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe"
# MyST-NB marks each page tex2jax_ignore and typesets only its maths (class "math").
mathjax2_config = {"tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                               "ignoreClass": "tex2jax_ignore|mathjax_ignore",
                               "processClass": "tex2jax_process|mathjax_process|math|output_area"}}

# --- the theme -----------------------------------------------------------------------
REPOSITORY = links.repository_url()
BRANCH = "main"                        # the branch .github/workflows/pages.yml publishes
# A class's own JupyterHub: with COURSE_JUPYTERHUB_URL=https://hub.example.edu at build time,
# every notebook page gets a JupyterHub button (an nbgitpuller link that copies the repository
# into the reader's hub account and opens the notebook); without it, no such button.
JUPYTERHUB = links.jupyterhub_url()
# For the index (docs/index.md): {{ binder_link }}, {{ repository_link }}, {{ launch_places }}.
myst_substitutions = {
    "binder_link": f"[Launch on Binder]({links.binder_url(repo=REPOSITORY)})",
    "repository_link": f"[the repository]({REPOSITORY})",
    "launch_places": "Binder, your class's JupyterHub or Colab" if JUPYTERHUB else "Binder or Colab",
}

html_theme = "sphinx_book_theme"
html_title = project
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_favicon = "_static/favicon.ico"
html_last_updated_fmt = None
html_show_sphinx = False
html_use_index = False                  # no general index: the course has no API to index
html_context = {"default_mode": "auto"}        # light or dark, as the reader's system says
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": BRANCH,
    "path_to_docs": "",                # a page's path is its notebook's path in the repository
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "navbar_persistent": [],            # search sits in the sidebar (and Ctrl+K) already
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "footer_content_items": [],         # no author or copyright line: the repository says
    "launch_buttons": {
        "notebook_interface": "jupyterlab",
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        **({"jupyterhub_url": JUPYTERHUB} if JUPYTERHUB else {}),
    },
}

# The JavaScript from node_modules that pages load, copied into _static/ (MathJax 2: the
# parts the TeX-AMS_CHTML configuration loads; the npm package is 73 MB).
NODE_FILES = {
    "@jupyter-widgets/html-manager/dist/embed-amd.js": "embed-amd.js",
    "requirejs/require.js": "require.js",
    "anywidget/dist/index.js": "anywidget.js",
    **{f"mathjax/{part}": f"mathjax/{part}" for part in [
        "MathJax.js", "config/TeX-AMS_CHTML-full.js", "config/Safe.js", "extensions",
        "jax/input/TeX", "jax/output/CommonHTML", "jax/element", "fonts/HTML-CSS/TeX/woff",
        "localization/en"]},
}


def copy_node_files(app, exception) -> None:
    """Copy ``NODE_FILES`` into the built site's ``_static/``, and the widget manager's icon
    fonts where it asks for them."""
    if exception is not None or app.builder.format != "html":
        return
    if not NODE.is_dir():
        raise RuntimeError("node_modules/ is missing: run `npm ci` first (make site does).")
    static = Path(app.outdir) / "_static"
    for src, dst in NODE_FILES.items():
        src, dst = NODE / src, static / dst
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)
    # The manager's icon fonts (the Play button's symbols): its two style sheets ask for them
    # in @jupyter-widgets/ and @jupyter-widgets/html-manager/dist/ beside the page (all
    # pages with widgets are in notebooks/), whatever the script's own URL.
    for fonts in ("notebooks/@jupyter-widgets", "notebooks/@jupyter-widgets/html-manager/dist"):
        (Path(app.outdir) / fonts).mkdir(parents=True, exist_ok=True)
        for font in (NODE / "@jupyter-widgets/html-manager/dist").iterdir():
            if font.suffix in {".woff", ".woff2", ".ttf"}:
                shutil.copy2(font, Path(app.outdir) / fonts / font.name)


# The site was once one flat folder (nbconvert): NN_name.html beside index.html. Links to
# those pages, handed to a class, must not break: each old name is now a small page that
# sends the reader on to notebooks/NN_name.html (at once, keeping any #anchor; a plain link
# for a browser that does not follow the refresh).
REDIRECT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Moved: {title}</title>
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<main>
<h1>This page has moved</h1>
<p><a href="{target}">{title}</a> is now at {target}.</p>
</main>
<script>location.replace("{target}" + location.hash);</script>
</body>
</html>
"""
NOTEBOOK_PAGE = re.compile(r"notebooks/(\d\d_[\w-]+)")


def write_redirects(app, exception) -> None:
    """``NN_name.html`` at the site's root for every notebook page, redirecting to it."""
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        page = NOTEBOOK_PAGE.fullmatch(docname)
        if page:
            title = html.escape(app.env.titles[docname].astext())
            (Path(app.outdir) / f"{page[1]}.html").write_text(
                REDIRECT.format(title=title, target=f"{docname}.html"), encoding="utf-8")


# A notebook marks a link target as Jupyter renders it, with raw HTML: <a id="conventions"></a>.
RAW_ANCHOR = re.compile(r'<a\s+id="([\w-]+)"\s*>')


def raw_anchors_as_labels(app, doctree) -> None:
    """Make each raw ``<a id="x"></a>`` of a page (MyST keeps its opening tag) a label, so ``page.ipynb#x`` and ``#x``
    links resolve (the id itself is in the page: the raw HTML is copied as it is)."""
    from docutils import nodes

    std = app.env.domaindata["std"]
    for raw in doctree.findall(nodes.raw):
        for anchor in RAW_ANCHOR.findall(raw.astext()):
            std["labels"][anchor] = (app.env.docname, anchor, anchor)
            std["anonlabels"][anchor] = (app.env.docname, anchor)


def name_the_code_toggles(app, pagename, templatename, context, doctree) -> None:
    """MyST-NB names the toggle of a collapsed cell "Toggle hidden content", which is not
    the text it shows ("Show code cell source"): WCAG 2.5.3 wants the visible text in the
    name (axe: label-content-name-mismatch). Without the aria-label the name is that text."""
    if "body" in context:
        context["body"] = context["body"].replace(
            '<summary aria-label="Toggle hidden content">', "<summary>")


def setup(app):
    app.connect("doctree-read", raw_anchors_as_labels)
    app.connect("html-page-context", name_the_code_toggles)
    app.connect("build-finished", copy_node_files)
    app.connect("build-finished", write_redirects)
