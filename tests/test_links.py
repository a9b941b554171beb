"""The Binder and Colab links all come from one setting, ``[project.urls] Repository`` in
pyproject.toml (``scripts/links.py``; ``make links`` rewrites them after it changes).

The committed README and notebook 0 carry exactly the links made from that setting; every
Binder link is well formed and opens a notebook that exists; ``repository_url()`` prefers
GitHub Actions' ``GITHUB_REPOSITORY``, then the ``origin`` remote, then the setting; and the
built website's pages link to Binder without loading anything from it.
"""
from __future__ import annotations

import importlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
sys.path.insert(0, str(ROOT / "scripts"))
links = importlib.import_module("links")

FILES = ["README.md", "notebooks_src/00_start_here.py", "notebooks/00_start_here.ipynb"]
FIX = "set [project.urls] Repository in pyproject.toml and run `make links`"


def text_of(rel: str) -> str:
    return links._text(ROOT, rel)


@pytest.fixture
def no_actions_env(monkeypatch):
    """repository_url() as it behaves outside GitHub Actions."""
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)


# --- the committed files ---------------------------------------------------------------

@pytest.mark.parametrize("rel", FILES)
def test_committed_links_are_made_from_the_setting(rel):
    repo = links.pyproject_url()
    text = text_of(rel)
    want = [links.binder_badge(repo=repo)] if rel == "README.md" else [links.binder_url(repo=repo)]
    want.append(links.colab_install(repo))
    for link in want:
        assert link in text, f"{rel} lacks {link}: run `make links`"
    allowed = {*want, links.binder_url(repo=repo)}
    found = links.ANY_BINDER.findall(text) + links.ANY_COLAB.findall(text)
    stale = [link for link in found if link not in allowed]
    assert not stale, f"{rel} has links not made from {repo}: {stale}; run `make links`"
    assert links.problems(text, repo, badge=rel == "README.md") == []


@pytest.mark.parametrize("rel", FILES)
def test_binder_links_are_well_formed_and_open_a_notebook(rel):
    urls = links.ANY_BINDER.findall(text_of(rel))
    assert urls, f"{rel} has no Binder link"
    for url in urls:
        parts = urlsplit(url)
        path = parts.path.split("/")
        assert (parts.scheme, parts.netloc) == ("https", "mybinder.org"), url
        assert len(path) == 6 and path[:3] == ["", "v2", "gh"] and path[5] == "HEAD", url
        assert links.validate(f"https://github.com/{path[3]}/{path[4]}", url)
        query = parse_qs(parts.query)
        assert set(query) == {"urlpath"} and len(query["urlpath"]) == 1, url
        target = query["urlpath"][0]
        assert target.startswith("lab/tree/notebooks/"), url
        assert (ROOT / target.removeprefix("lab/tree/")).is_file(), f"{url}: no such notebook"


def test_check_passes_on_the_committed_files():
    out = subprocess.run([sys.executable, str(ROOT / "scripts/links.py"), "--check"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_on_github_actions_the_setting_names_this_repository():
    env = os.environ.get("GITHUB_REPOSITORY")
    if not env:
        pytest.skip("not on GitHub Actions (GITHUB_REPOSITORY is unset): nothing to compare to")
    have, want = links.pyproject_url(), f"https://github.com/{env}"
    assert have == want, f"pyproject.toml says {have}, but this is {want}: {FIX}"


# --- write and check on a copy -----------------------------------------------------------

SETTING = "https://github.com/ORG/l1-l2-regularization"


def set_setting(root: Path, url: str) -> None:
    path = root / "pyproject.toml"
    old = links.pyproject_url(root)
    path.write_text(path.read_text().replace(f'Repository = "{old}"', f'Repository = "{url}"'))


@pytest.fixture
def copy(tmp_path):
    """A scratch root laid out like the course, its links made from SETTING: a README, notebook
    0's script, and its notebook (made from the script by jupytext) with one stored output."""
    import jupytext
    import nbformat

    (tmp_path / "pyproject.toml").write_text(
        f'[project]\nname = "x"\n[project.urls]\nRepository = "{SETTING}"\n')
    shutil.copy2(ROOT / "jupytext.toml", tmp_path)
    (tmp_path / "README.md").write_text(
        f"# A course\n\n{links.binder_badge(repo=SETTING)}\n\n"
        f"- **Google Colab**: run `{links.colab_install(SETTING)}`\n  in the first cell.\n")
    for d in ("notebooks", "notebooks_src"):
        (tmp_path / d).mkdir()
    (tmp_path / FILES[1]).write_text(
        "# %% [markdown]\n# # 0 · Start here\n#\n"
        f"# - **Binder**: the [*launch binder*]({links.binder_url(repo=SETTING)})\n"
        "#   link builds the same environment.\n"
        f"# - **Colab**: run `{links.colab_install(SETTING)}` in the\n#   first cell.\n\n"
        "# %%\n1 + 1\n")
    nb = jupytext.read(tmp_path / FILES[1])
    nb.cells[1].execution_count = 1
    nb.cells[1].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                  execution_count=1)]
    nbformat.write(nb, tmp_path / FILES[2])
    assert links.check(tmp_path) == []
    return tmp_path


def test_write_follows_a_new_setting_everywhere_and_is_idempotent(copy):
    new = "https://github.com/some-one/l1_l2.course"
    set_setting(copy, new)
    problems = links.check(copy)
    assert len(problems) == 6 and all("stale" in p for p in problems), problems
    assert sorted(links.write(copy)) == sorted(FILES)
    assert links.check(copy) == []
    readme = (copy / "README.md").read_text()
    assert links.binder_badge(repo=new) in readme and links.colab_install(new) in readme
    assert "ORG" not in links._text(copy, FILES[2])
    before = {rel: (copy / rel).read_bytes() for rel in FILES}
    assert links.write(copy) == []
    assert {rel: (copy / rel).read_bytes() for rel in FILES} == before
    cells = json.loads((copy / FILES[2]).read_text())["cells"]
    assert "".join(cells[1]["outputs"][0]["data"]["text/plain"]) == "2", "outputs were lost"


@pytest.mark.parametrize("broken, says", [
    ("https://mybinder.org/v2/gh/ORG/l1-l2-regularization/HEAD?urlpath=lab/tree/notebooks/99_x.ipynb",
     "does not exist"),
    ("https://mybinder.org/v2/gh/ORG/l1-l2-regularization/main?urlpath=lab/tree/notebooks/",
     "malformed"),
    ("https://mybinder.org/v2/gh/someone/l1-l2-regularization/HEAD?urlpath=lab/tree/notebooks/"
     "00_start_here.ipynb", "stale Binder link"),
])
def test_check_reports_a_hand_edited_binder_link(copy, broken, says):
    readme = copy / "README.md"
    readme.write_text(readme.read_text().replace(links.binder_url(repo=SETTING), broken))
    found = links.check(copy)
    assert len(found) == 1 and found[0].startswith("README.md: ") and says in found[0], found


def test_check_reports_a_missing_badge_and_colab_line(copy):
    readme = copy / "README.md"
    text = readme.read_text().replace(links.binder_badge(repo=SETTING), "").replace(
        links.colab_install(SETTING), "pip install .")
    readme.write_text(text)
    assert links.check(copy) == ["README.md: no Binder link", "README.md: no Colab install line "
                                 "(!pip install -q git+https://github.com/...)"]


def test_retarget_moves_only_links_to_the_repository():
    text = (f"{links.binder_url(repo='https://github.com/ORG/course')} "
            "https://github.com/ORG/course https://github.com/ORG/course-notes "
            f"{links.colab_install('https://github.com/ORG/course')}")
    moved = links.retarget(text, "https://github.com/ORG/course", "https://github.com/me/c")
    assert moved == (f"{links.binder_url(repo='https://github.com/me/c')} "
                     "https://github.com/me/c https://github.com/ORG/course-notes "
                     f"{links.colab_install('https://github.com/me/c')}")


# --- where the URL comes from ------------------------------------------------------------

def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.fixture
def clone(tmp_path, no_actions_env):
    """A scratch repository whose pyproject.toml names https://github.com/from/pyproject."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[project.urls]\nRepository = "https://github.com/from/pyproject"\n')
    git(tmp_path, "init", "-q")
    return tmp_path


def test_the_setting_when_there_is_no_remote(clone):
    assert links.repository_url(clone) == "https://github.com/from/pyproject"


@pytest.mark.parametrize("remote", ["git@github.com:from-git/the.repo.git",
                                    "https://github.com/from-git/the.repo.git",
                                    "https://github.com/from-git/the.repo",
                                    "ssh://git@github.com/from-git/the.repo.git"])
def test_a_github_remote_beats_the_setting(clone, remote):
    git(clone, "remote", "add", "origin", remote)
    assert links.repository_url(clone) == "https://github.com/from-git/the.repo"


def test_a_remote_elsewhere_is_ignored(clone):
    git(clone, "remote", "add", "origin", "https://gitlab.com/from-git/repo.git")
    assert links.repository_url(clone) == "https://github.com/from/pyproject"


def test_github_actions_beats_the_remote(clone, monkeypatch):
    git(clone, "remote", "add", "origin", "git@github.com:from-git/repo.git")
    monkeypatch.setenv("GITHUB_REPOSITORY", "from-actions/repo")
    assert links.repository_url(clone) == "https://github.com/from-actions/repo"


@pytest.mark.parametrize("value", ["ORG/l1-l2-regularization", "https://github.com/ORG",
                                   "https://gitlab.com/o/n", "https://github.com/o/n.git",
                                   "https://github.com/o/n/", "https://github.com/-o/n",
                                   "https://github.com/o w/n", "http://github.com/o/n"])
def test_a_malformed_setting_says_what_to_set(clone, value):
    set_setting(clone, value)
    with pytest.raises(ValueError, match=r"set \[project\.urls\] Repository in pyproject\.toml"):
        links.repository_url(clone)


def test_a_missing_setting_says_what_to_set(tmp_path, no_actions_env):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    with pytest.raises(ValueError, match=r"set \[project\.urls\] Repository in pyproject\.toml"):
        links.repository_url(tmp_path)


@pytest.mark.parametrize("value", ["just-a-name", "o/n/extra", "o/n.git", "a b/c"])
def test_a_malformed_github_repository_says_so(clone, monkeypatch, value):
    monkeypatch.setenv("GITHUB_REPOSITORY", value)
    with pytest.raises(ValueError, match="GITHUB_REPOSITORY"):
        links.repository_url(clone)


def test_a_malformed_github_remote_says_so(clone):
    git(clone, "remote", "add", "origin", "git@github.com:an owner/repo.git")
    with pytest.raises(ValueError, match="git remote"):
        links.repository_url(clone)


# --- the website --------------------------------------------------------------------------

class Page(HTMLParser):
    """A page's link targets and the resources it fetches."""

    def __init__(self, path: Path):
        super().__init__()
        self.hrefs, self.resources = [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag in ("script", "img", "iframe", "link") and (attrs.get("src") or attrs.get("href")):
            self.resources.append(attrs.get("src") or attrs.get("href"))


def binder_problems(site: Path, repo: str) -> list[str]:
    """What is wrong with the Binder links of the site built in ``site`` for ``repo``: each
    notebook page opens its own notebook (the theme's launch button), the index notebook 0,
    and no page links to another repository's Binder or loads anything from Binder."""
    bad = []
    prefix = links.binder_url(repo=repo).partition("/HEAD?")[0] + "/"
    for path in sorted(site.rglob("*.html")):
        if "_static" in path.parts:
            continue
        name, page = path.relative_to(site).as_posix(), Page(path)
        binders = [h for h in page.hrefs if "mybinder.org" in h]
        if name == "index.html" and links.binder_url(repo=repo) not in binders:
            bad.append(f"index.html has no link to {links.binder_url(repo=repo)}")
        if name.startswith("notebooks/") and not any(
                h.startswith(prefix) and h.endswith(f"?urlpath=lab/tree/{name[:-5]}.ipynb")
                for h in binders):
            bad.append(f"{name} has no Binder link that opens {name[:-5]}.ipynb")
        bad += [f"{name} links to {h}, another repository's Binder" for h in binders
                if not h.startswith(prefix)]
        bad += [f"{name} loads {r} from Binder" for r in page.resources if "mybinder" in r]
    return bad


def test_built_site_links_every_page_to_binder():
    if not (SITE / "index.html").exists():
        pytest.skip("site/ has not been built (`make site`; tests/test_site.py fails on that)")
    assert binder_problems(SITE, links.repository_url()) == []


def site_conf():
    """docs/conf.py, read afresh (it reads the environment when loaded, as Sphinx loads it)."""
    spec = importlib.util.spec_from_file_location("site_conf", ROOT / "docs" / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf


def test_the_site_configuration_takes_the_repository_from_repository_url(monkeypatch):
    """docs/conf.py (Sphinx) makes the launch buttons and the index's links from
    ``links.repository_url()``: here GitHub Actions' repository, not pyproject.toml's."""
    monkeypatch.setenv("GITHUB_REPOSITORY", "some-one/course")
    monkeypatch.delenv(links.HUB_SETTING, raising=False)
    conf = site_conf()
    repo = "https://github.com/some-one/course"
    assert conf.html_theme_options["repository_url"] == repo
    assert set(conf.html_theme_options["launch_buttons"]) >= {"binderhub_url", "colab_url"}
    assert conf.myst_substitutions["binder_link"] == \
        f"[Launch on Binder]({links.binder_url(repo=repo)})"
    assert conf.myst_substitutions["repository_link"] == f"[the repository]({repo})"


# --- a class's own JupyterHub: one setting, COURSE_JUPYTERHUB_URL ---------------------------

@pytest.mark.parametrize("value, hub", [
    (None, None), ("", None), ("   ", None),
    ("https://hub.example.edu", "https://hub.example.edu"),
    ("https://hub.example.edu/", "https://hub.example.edu"),
    (" https://hub.example.edu/hub/home\n", "https://hub.example.edu"),
    ("https://uni.edu/jupyter/hub/login?next=%2Fhub%2F", "https://uni.edu/jupyter"),
    ("https://uni.edu:8443/jupyter/user/alice/lab/tree/x.ipynb", "https://uni.edu:8443/jupyter"),
    ("http://localhost:8000", "http://localhost:8000"),
    ("https://hubble.edu/hubspot", "https://hubble.edu/hubspot"),   # /hub/ only as a whole part
])
def test_the_hub_is_read_from_the_setting(monkeypatch, value, hub):
    """The address bar of any hub page gives the hub: its path up to /hub/ or /user/."""
    monkeypatch.delenv(links.HUB_SETTING, raising=False)
    if value is not None:
        monkeypatch.setenv(links.HUB_SETTING, value)
    assert links.jupyterhub_url() == hub


@pytest.mark.parametrize("value", ["hub.example.edu", "ftp://hub.example.edu", "javascript:alert(1)",
                                   "https://hub.example.edu/?next=x", "https://hub.example.edu/#x",
                                   "https://hub example.edu", "https://"])
def test_a_malformed_hub_is_refused_saying_what_to_set(value):
    with pytest.raises(ValueError, match=r"COURSE_JUPYTERHUB_URL=.* is not a JupyterHub address: "
                                         r"set it to the hub's https:// address"):
        links.jupyterhub_url(value)


def test_the_site_configuration_has_a_hub_button_only_with_the_setting(monkeypatch):
    """conf.py passes the hub to the theme's launch buttons, and the index names it, only
    when COURSE_JUPYTERHUB_URL is set: no placeholder hub, no dead button."""
    monkeypatch.delenv(links.HUB_SETTING, raising=False)
    conf = site_conf()
    assert "jupyterhub_url" not in conf.html_theme_options["launch_buttons"]
    assert "JupyterHub" not in conf.myst_substitutions["launch_places"]
    monkeypatch.setenv(links.HUB_SETTING, "https://hub.example.edu/hub/home")
    conf = site_conf()
    assert conf.html_theme_options["launch_buttons"]["jupyterhub_url"] == "https://hub.example.edu"
    assert "JupyterHub" in conf.myst_substitutions["launch_places"]
