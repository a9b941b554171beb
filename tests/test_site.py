"""The built course website (``make site`` writes ``site/``): one page per notebook, an
index with the course map, links between pages that resolve (anchors included), and no
script, style or image fetched from another host. The browser tests in
``test_browser.py`` move every slider of every page."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


class Links(HTMLParser):
    """The ids, link targets and fetched resources of one page."""

    def __init__(self):
        super().__init__()
        self.ids, self.hrefs, self.resources = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.resources.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.resources.append(attrs["href"])


def parse(page: Path) -> Links:
    links = Links()
    links.feed(page.read_text(encoding="utf-8"))
    return links


@pytest.fixture(scope="module")
def pages():
    if not (SITE / "index.html").exists():
        pytest.fail("site/ has not been built: run `make site` (make test builds it first)")
    return {p.name: parse(p) for p in SITE.glob("*.html")}


def test_one_page_per_notebook_and_an_index(pages):
    want = {p.with_suffix(".html").name for p in NOTEBOOKS} | {"index.html"}
    assert set(pages) == want
    assert set(pages["index.html"].hrefs) >= want - {"index.html"}, "the index misses a notebook"


def test_links_between_pages_resolve(pages):
    bad = []
    for name, links in pages.items():
        for href in links.hrefs:
            if re.match(r"^[a-z]+:", href) or href == "#":
                continue
            target, _, anchor = href.partition("#")
            target = target or name
            if target.endswith(".ipynb"):
                bad.append(f"{name}: {href} points at a notebook, not a page")
            elif target.endswith(".html"):
                if target not in pages:
                    bad.append(f"{name}: {href}: no such page")
                elif anchor and anchor not in pages[target].ids:
                    bad.append(f"{name}: {href}: {target} has no id {anchor!r}")
    assert not bad, "\n".join(bad)
    assert any("00_start_here.html#conventions" in h for h in pages["03_l2.html"].hrefs)


def test_pages_fetch_nothing_from_another_host(pages):
    remote = [(name, src) for name, links in pages.items() for src in links.resources
              if re.match(r"^(https?:)?//", src)]
    assert not remote, remote
    for src in {s.split("?")[0] for links in pages.values() for s in links.resources}:
        if not src.startswith("data:"):
            assert (SITE / src).is_file(), f"pages load {src}, which the site does not have"


def test_pages_are_titled_by_their_notebook():
    """A browser tab, a bookmark and a search result show the lesson's title."""
    import nbformat

    for path in NOTEBOOKS:
        heading = next(re.search(r"^# (.+)$", c.source, flags=re.M).group(1)
                       for c in nbformat.read(path, as_version=4).cells
                       if c.cell_type == "markdown" and re.search(r"^# ", c.source, flags=re.M))
        page = (SITE / f"{path.stem}.html").read_text(encoding="utf-8")
        assert f"<title>{html.escape(heading.strip(), quote=False)}</title>" in page, path.stem


def test_the_canvas_module_is_local_and_the_python_version():
    """The panels' canvas is an anywidget: its page module comes from node_modules (npm),
    in the version of the Python package that wrote the widget state."""
    import sys
    from importlib.metadata import version

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_site

    assert build_site.anywidget_version() == version("anywidget"), \
        "package.json and the installed anywidget differ"
    assert (SITE / "_static/anywidget.js").is_file()
    config = build_site.anywidget_path(cdn=False)
    assert '"_static/anywidget"' in config
    for path in NOTEBOOKS:
        page = (SITE / f"{path.stem}.html").read_text(encoding="utf-8")
        assert config in page, path.stem


def test_export_drops_empty_output_bundles():
    """A closed progress bar leaves a display with no data; the page shows nothing for it
    (nbconvert would warn that it "is not able to be represented")."""
    import sys
    import warnings

    import nbformat

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_site

    cell = nbformat.v4.new_code_cell("1", outputs=[
        nbformat.v4.new_output("display_data", data={}),
        nbformat.v4.new_output("stream", name="stdout", text="kept\n")])
    nb = nbformat.v4.new_notebook(cells=[cell])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        html = build_site.export(nb, cdn=False)
    assert "kept" in html and [o["output_type"] for o in cell.outputs] == ["stream"]


def test_collapsed_cells_show_only_their_output(pages):
    """A cell collapsed in JupyterLab (tag hide-input) shows no code on the site either."""
    import nbformat

    checked = 0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        html = (SITE / f"{path.stem}.html").read_text()
        for cell in nbformat.read(path, as_version=4).cells:
            if "hide-input" not in cell.metadata.get("tags", []):
                continue
            for name in re.findall(r"^def (\w+)", cell.source, flags=re.M):
                assert f'class="nf">{name}<' not in html, f"{path.stem}: {name} is shown"
                checked += 1
    assert checked > 10                     # the course has many collapsed helper functions
