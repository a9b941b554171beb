"""The built course website (``make site`` writes ``site/``, Sphinx + MyST-NB from the
executed notebooks): one page per notebook in ``notebooks/``, an index with the course map,
links between pages that resolve (anchors included), launch and download buttons on every
notebook page (JupyterHub only with COURSE_JUPYTERHUB_URL), every code cell in the page
(collapsed ones behind a toggle), no script, style or image fetched from another host, every
picture with a real text alternative, and the old flat site's page names redirecting. The
browser tests in ``test_browser.py`` move every slider of every page, search the site and run
axe-core on it."""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
sys.path.insert(0, str(ROOT / "scripts"))
import build_site  # noqa: E402
import links  # noqa: E402


class Page(HTMLParser):
    """The ids, link targets, fetched resources and code cells of one page."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.resources = set(), [], []
        self.pictures: list[tuple[str, str | None, str]] = []    # (tag, text alternative, src)
        self.meta: dict[str, str] = {}                           # http-equiv/name -> content
        self.lang, self.title, self._in_title = None, "", False
        self.cells: list[dict] = []       # MyST-NB's <div class="cell ...">, in order
        self._divs: list[dict | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" or attrs.get("role") == "img":
            self.pictures.append((tag, attrs.get("alt") if tag == "img" else attrs.get("aria-label"),
                                  attrs.get("src", "")))
        if tag == "meta" and attrs.get("content") is not None:
            self.meta[attrs.get("http-equiv") or attrs.get("name") or ""] = attrs["content"]
        self.lang = attrs.get("lang") if tag == "html" else self.lang
        self._in_title = tag == "title"
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") in (
                "stylesheet", "icon", "preload", "shortcut icon"):
            self.resources.append(attrs["href"])
        classes = (attrs.get("class") or "").split()
        if tag == "div":
            cell = {"classes": classes, "folded": False} if "cell" in classes else None
            if cell is not None:
                self.cells.append(cell)
            self._divs.append(cell)
        if tag == "details" and "hide" in classes and "above-input" in classes:
            inside = [c for c in self._divs if c is not None]
            if inside:
                inside[-1]["folded"] = True

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            self._divs.pop()
        self._in_title = False if tag == "title" else self._in_title

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse(page: Path) -> Page:
    parsed = Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def page_name(notebook: Path) -> str:
    return f"notebooks/{notebook.stem}.html"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    if not (SITE / "index.html").exists():
        pytest.fail("site/ has not been built: run `make site` (make test builds it first)")
    return {p.relative_to(SITE).as_posix(): parse(p) for p in SITE.rglob("*.html")
            if "_static" not in p.parts}


def old_page_name(notebook: Path) -> str:
    """Where the flat nbconvert site (scripts/build_site.py until 2672c57) put the page."""
    return f"{notebook.stem}.html"


def test_one_page_per_notebook_and_an_index(pages):
    want = {page_name(p) for p in NOTEBOOKS}
    assert want | {"index.html"} <= set(pages)
    assert set(pages) - want == {"index.html", "search.html"} | {old_page_name(p) for p in NOTEBOOKS}
    assert set(pages["index.html"].hrefs) >= want, "the index misses a notebook"


def test_the_index_holds_the_readmes_course_map(pages):
    """The README's table of notebooks is the index's course map (included, not copied)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The notebooks", 1)[1].split("## The library", 1)[0]
    index = (SITE / "index.html").read_text(encoding="utf-8")
    for title in re.findall(r"\| \d+ \| \[([^\]]+)\]", table):
        assert html.escape(title, quote=False) in index, title
    for drag in re.findall(r"\| ([^|]+) \|\n", table)[2:]:
        assert html.escape(drag.strip(), quote=False) in index, drag


def _resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(href)))


def test_links_between_pages_resolve(pages):
    bad = []
    for name, page in pages.items():
        for href in page.hrefs:
            if re.match(r"^[a-z]+:", href) or href == "#":
                continue
            target, _, anchor = href.partition("#")
            target = _resolve(name, target) if target else name
            if target.endswith(".ipynb") and not target.startswith("_sources/"):
                bad.append(f"{name}: {href} points at a notebook, not a page")
            elif not (SITE / target).is_file() and not (SITE / target / "index.html").is_file():
                bad.append(f"{name}: {href}: no such file")
            elif anchor and target.endswith(".html") and anchor not in pages[target].ids:
                bad.append(f"{name}: {href}: {target} has no id {anchor!r}")
    assert not bad, "\n".join(bad)
    assert "12_conventions.html#conventions" in pages["notebooks/03_l2.html"].hrefs


def test_every_notebook_page_has_previous_next_and_the_sidebar(pages):
    names = ["index.html"] + [page_name(p) for p in NOTEBOOKS]
    for before, name, after in zip(names, names[1:], names[2:] + [None]):
        hrefs = {_resolve(name, h) for h in pages[name].hrefs if not re.match(r"^[a-z]+:", h)}
        assert before in hrefs, f"{name} has no link back to {before}"
        if after:
            assert after in hrefs, f"{name} has no link on to {after}"
        assert {page_name(p) for p in NOTEBOOKS} <= hrefs | {name}, f"{name}: sidebar"


def hub_problems(hrefs: list[str], hub: str | None, repo: str, path: str) -> list[str]:
    """What is wrong with a page's JupyterHub launch link, for the hub set (or None) when the
    site was built. The link, as nbgitpuller documents it: ``<hub>/hub/user-redirect/git-pull``
    with the repository, its branch, and the notebook to open inside the folder nbgitpuller
    clones into (named after the repository)."""
    pulls = [h for h in hrefs if "git-pull" in h or "jupyterhub" in h.lower()]
    if hub is None:
        return [f"a JupyterHub link with no hub set: {h}" for h in pulls]
    if len(pulls) != 1:
        return [f"{len(pulls)} JupyterHub links, not 1: {pulls}"]
    link = urlparse(pulls[0])
    query = parse_qs(link.query)
    want = {"repo": [repo], "branch": ["main"],
            "urlpath": [f"lab/tree/{repo.rsplit('/', 1)[1]}/{path}"]}
    problems = [] if f"{link.scheme}://{link.netloc}{link.path}" == \
        f"{hub}/hub/user-redirect/git-pull" else [f"{pulls[0]} is not on {hub}"]
    return problems + [f"{key}={query.get(key)}, not {value}" for key, value in want.items()
                       if query.get(key) != value]


def test_launch_and_download_buttons_on_every_notebook_page(pages):
    """Binder, Colab and the .ipynb, all from the one repository setting
    (``links.repository_url()``), on the notebook the page shows; and a JupyterHub
    (nbgitpuller) link exactly when COURSE_JUPYTERHUB_URL is set (build and test alike)."""
    repo, hub = links.repository_url(), links.jupyterhub_url()
    owner_name = repo.removeprefix("https://github.com/")
    for notebook in NOTEBOOKS:
        name, path = page_name(notebook), f"notebooks/{notebook.name}"
        hrefs = pages[name].hrefs
        assert f"https://mybinder.org/v2/gh/{owner_name}/main?urlpath=lab/tree/{path}" in hrefs
        assert not hub_problems(hrefs, hub, repo, path), (
            f"{name}: {hub_problems(hrefs, hub, repo, path)} (was the site built with another "
            f"{links.HUB_SETTING} than the tests see?)")
        assert f"https://colab.research.google.com/github/{owner_name}/blob/main/{path}" in hrefs
        assert f"../_sources/{path}" in hrefs, f"{name}: no download of the notebook"
        # The download is the notebook as committed (outputs, no widget state).
        assert (SITE / "_sources" / path).read_bytes() == notebook.read_bytes()
        other = [h for h in hrefs if "github.com/" in h and owner_name not in h
                 and "colab" not in h]
        assert not other, f"{name} links to another repository: {other}"


def test_pages_fetch_nothing_from_another_host(pages):
    remote = [(name, src) for name, page in pages.items() for src in page.resources
              if re.match(r"^(https?:)?//", src)]
    assert not remote, remote
    for name, page in pages.items():
        for src in page.resources:
            if not src.startswith("data:"):
                path = _resolve(name, src.split("?")[0])
                assert (SITE / path).is_file(), f"{name} loads {src}, which the site does not have"


def _heading(notebook: Path) -> str:
    return next(re.search(r"^# (.+)$", c.source, flags=re.M).group(1).strip()
                for c in nbformat.read(notebook, as_version=4).cells
                if c.cell_type == "markdown" and re.search(r"^# ", c.source, flags=re.M))


def test_pages_are_titled_by_their_notebook():
    """A browser tab, a bookmark and a search result show the lesson's title first."""
    for path in NOTEBOOKS:
        page = (SITE / page_name(path)).read_text(encoding="utf-8")
        assert f"<title>{html.escape(_heading(path), quote=False)} &#8212; " in page, path.stem


def test_the_canvas_module_is_local_and_the_python_version():
    """The panels' canvas is an anywidget: its page module comes from node_modules (npm),
    in the version of the Python package that wrote the widget state, and require.js is
    told where it is before the widget manager loads. A page without a panel (an appendix)
    loads none of them."""
    from importlib.metadata import version

    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["anywidget"]
    assert pinned == version("anywidget"), "package.json and the installed anywidget differ"
    assert (SITE / "_static/anywidget.js").is_file()
    with_panels = 0
    for path in NOTEBOOKS:
        page = (SITE / page_name(path)).read_text(encoding="utf-8")
        order = [page.find(f'src="../_static/{js}') for js in
                 ("require.js", "widgets-config.js", "embed-amd.js")]
        if "widgets.live(" not in path.read_text(encoding="utf-8"):
            assert order == [-1, -1, -1], f"{path.stem} has no panel but loads the widget scripts"
            continue
        with_panels += 1
        assert -1 not in order and order == sorted(order), path.stem
    assert with_panels >= 10, f"only {with_panels} pages with panels: is widgets.live( still used?"


def test_empty_output_bundles_are_dropped():
    """A closed progress bar leaves a display with no data; the page shows nothing for it."""
    cell = nbformat.v4.new_code_cell("1", outputs=[
        nbformat.v4.new_output("display_data", data={}),
        nbformat.v4.new_output("stream", name="stdout", text="kept\n")])
    nb = build_site.drop_empty_outputs(nbformat.v4.new_notebook(cells=[cell]))
    assert [o["output_type"] for o in nb.cells[0].outputs] == ["stream"]


def test_every_code_cell_is_in_the_page_collapsed_ones_folded(pages):
    """All code is in the page: a cell collapsed in JupyterLab (tag hide-input) sits behind
    a "Show code cell source" toggle, the others are shown."""
    folded = 0
    for path in NOTEBOOKS:
        page, name = pages[page_name(path)], page_name(path)
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        assert len(page.cells) == len(code), f"{name}: {len(page.cells)} of {len(code)} code cells"
        text = (SITE / name).read_text(encoding="utf-8")
        for cell, shown in zip(code, page.cells):
            hidden = "hide-input" in cell.metadata.get("tags", [])
            assert shown["folded"] == hidden, f"{name}: {cell.source[:60]!r}"
            for fn in re.findall(r"^def (\w+)", cell.source, flags=re.M):
                assert f'class="nf">{fn}<' in text, f"{name}: {fn} is missing"
            folded += hidden
    assert folded > 50                     # the course has many collapsed plotting cells


def build_small_site(tmp: Path, env: dict) -> Path:
    """docs/conf.py on a one-notebook site (Sphinx in a subprocess, so conf.py reads ``env``
    as ``make site`` would); returns the notebook's page."""
    src = tmp / "src"
    (src / "notebooks").mkdir(parents=True)
    (src / "index.md").write_text("# A course\n\n```{toctree}\n:glob:\n\nnotebooks/*\n```\n")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 1 · A lesson"),
                                         nbformat.v4.new_code_cell("1 + 1")])
    nbformat.write(nb, src / "notebooks" / "01_lesson.ipynb")
    out = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-c", str(ROOT / "docs"),
                          "-d", str(tmp / "doctrees"), str(src), str(tmp / "html")],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return tmp / "html" / "notebooks" / "01_lesson.html"


@pytest.fixture(scope="module")
def small_sites(tmp_path_factory) -> dict[str, Path]:
    """The one-notebook site built without and with COURSE_JUPYTERHUB_URL (the address bar of
    a hub page), for repository some-one/course; each maps to the notebook's page."""
    env = {k: v for k, v in os.environ.items() if k != links.HUB_SETTING}
    env["GITHUB_REPOSITORY"] = "some-one/course"            # the repository the links name
    return {"without": build_small_site(tmp_path_factory.mktemp("without"), env),
            "with": build_small_site(tmp_path_factory.mktemp("with"), {
                **env, links.HUB_SETTING: "https://uni.example.edu/jupyter/hub/home"})}


def test_one_setting_gives_every_page_a_hub_button(small_sites):
    """With COURSE_JUPYTERHUB_URL (as the browser shows the hub) the page has one JupyterHub
    link, correct for nbgitpuller; without it, none."""
    repo, path = "https://github.com/some-one/course", "notebooks/01_lesson.ipynb"
    hrefs = parse(small_sites["without"]).hrefs
    assert hub_problems(hrefs, None, repo, path) == [] and len(hrefs) > 5
    assert "mybinder.org/v2/gh/some-one/course" in " ".join(hrefs)       # the other buttons stay
    page = parse(small_sites["with"])
    assert hub_problems(page.hrefs, "https://uni.example.edu/jupyter", repo, path) == []
    # the check itself can fail: a link to another hub, or none where one is wanted
    assert hub_problems(page.hrefs, "https://other.example.edu", repo, path)
    assert hub_problems(hrefs, "https://uni.example.edu/jupyter", repo, path)


def test_redirects_are_made_from_the_notebooks_the_site_has(small_sites):
    """A site of one notebook gets exactly one old-name page, for that notebook: the names
    come from the notebooks Sphinx found, not from a list."""
    root = small_sites["without"].parents[1]
    assert sorted(p.name for p in root.glob("*.html")) == ["01_lesson.html", "index.html", "search.html"]
    old = parse(root / "01_lesson.html")
    assert old.meta["refresh"] == "0; url=notebooks/01_lesson.html" and old.title == "Moved: 1 · A lesson"


# --- old links, and pictures -------------------------------------------------------------

def test_old_page_names_redirect_to_the_pages(pages):
    """Each page of the old flat site (``NN_name.html`` beside index.html) still answers: a
    page in English with a title, a refresh to ``notebooks/NN_name.html`` (which exists) and a
    link there a reader can follow. The browser test follows it and runs axe-core on it."""
    for notebook in NOTEBOOKS:
        old, new = old_page_name(notebook), page_name(notebook)
        page = pages.get(old)
        assert page is not None, f"{old} is gone: an old link to it would 404"
        assert page.lang == "en" and _heading(notebook) in page.title, (old, page.lang, page.title)
        assert page.meta.get("refresh") == f"0; url={new}", (old, page.meta)
        assert (SITE / new).is_file() and new in page.hrefs, (old, page.hrefs)


#: Text alternatives that name no content: nbconvert's default and bare words for a picture.
GENERIC = {"", "no description has been provided for this image", "png", "image", "img",
           "figure", "plot", "picture", "graph", "chart"}


def alt_problems(pictures) -> list[str]:
    """The pictures (``<img>`` or role img) whose text alternative is missing, empty, generic,
    or a file name or path."""
    bad = []
    for tag, alt, src in pictures:
        said = (alt or "").strip().rstrip(".").lower()
        if (alt is None or said in GENERIC or re.fullmatch(r"\S*/\S*|\S+\.(png|jpe?g|svg|gif|webp)", said)
                or said == src.lower()):
            bad.append(f"<{tag} src={src[:50]!r}> has alt {alt!r}")
    return bad


def test_every_picture_has_a_real_text_alternative(pages):
    """No <img> (or role img) on any page has an alt that is missing, empty, generic ("No
    description has been provided...", "png", "figure") or a file path. The static figures'
    alt is written where each figure is made (``plots.show(fig, alt=...)``)."""
    bad = {name: alt_problems(page.pictures) for name, page in pages.items()}
    bad = {name: problems for name, problems in bad.items() if problems}
    assert not bad, "\n".join(f"{name}: {len(p)} without a real text alternative: {p[:3]}"
                               for name, p in bad.items())
    for notebook in NOTEBOOKS:                       # and every static figure is in its page
        static = [o for c in nbformat.read(notebook, as_version=4).cells
                  for o in c.get("outputs", []) if "image/png" in o.get("data", {})
                  and "application/vnd.jupyter.widget-view+json" not in o["data"]]
        shown = [src for _, _, src in pages[page_name(notebook)].pictures
                 if src.startswith("data:image/png")]
        assert len(shown) == len(static), f"{notebook.name}: {len(static)} figures, {len(shown)} shown"


def test_the_alt_check_catches_what_nbconvert_and_sphinx_wrote():
    """The check above can fail: nbconvert's default, a Sphinx image path, an empty alt, a
    missing one, a bare word."""
    page = Page()
    page.feed('<img src="x.png" alt="No description has been provided for this image">'
              '<img src="../_images/ab12.png" alt="../_images/ab12.png"><img src="a.png" alt="">'
              '<img src="b.png"><img src="c.png" alt="Figure."><div role="img"></div>'
              '<img src="d.png" alt="The weights shrink by 10 % a step.">')
    assert len(alt_problems(page.pictures)) == 6


def test_the_readme_figure_says_what_it_shows():
    """The README's overview image (GitHub shows it) has the alt text its script computes from
    the fits it draws (``python scripts/make_readme_figure.py`` rewrites both)."""
    import make_readme_figure

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [image] = make_readme_figure.README_IMAGE.findall(readme)
    alt = make_readme_figure.alt_text()
    assert image == f"![{alt}](docs/overview.png)", "run `python scripts/make_readme_figure.py`"
    assert not alt_problems([("img", alt, "docs/overview.png")]) and "9 of the 15" in alt
