"""The course's Binder and Colab links, all derived from one setting: the repository's URL.

    python scripts/links.py --write    # rewrite the links in README.md and notebook 0
    python scripts/links.py --check    # exit 1 listing any stale or malformed link

The setting is ``[project.urls] Repository`` in ``pyproject.toml``; ``make links`` runs
``--write`` after it changes. The committed files follow that setting. Code that builds
something at run time (the course website) calls ``repository_url()``, which prefers what
GitHub Actions says (``GITHUB_REPOSITORY``), then the clone's ``origin`` remote, then the
setting: so the published site points at the repository it was built from.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_NOTEBOOK = "00_start_here.ipynb"
# The files that carry the links. The notebook is updated from its script (jupytext).
README = "README.md"
SCRIPT = "notebooks_src/00_start_here.py"
NOTEBOOK = "notebooks/00_start_here.ipynb"

# GitHub's characters: an owner is 1-39 letters, digits and hyphens, not starting with a
# hyphen (new names also take no double or trailing hyphen, but some old ones do); a
# repository name is 1-100 letters, digits, '.', '-' and '_' (not '.' or '..', and '.git'
# is a suffix that git adds, not part of the name).
OWNER = r"[A-Za-z0-9][A-Za-z0-9-]{0,38}"
NAME = r"(?!\.{1,2}(?![\w.-]))(?![\w.-]*\.git(?![\w.-]))[A-Za-z0-9._-]{1,100}"
REPO_URL = re.compile(rf"https://github\.com/(?P<owner>{OWNER})/(?P<name>{NAME})")
# `git remote get-url origin`, in the forms GitHub hands out.
REMOTE = re.compile(r"(?:git@github\.com:|ssh://git@github\.com/|https://(?:[^@/]+@)?github\.com/)"
                    r"(?P<path>[^/]+/[^/]+?)(?:\.git)?/?")
NOTEBOOK_NAME = r"\d\d_[\w-]+\.ipynb"
BINDER_URL = re.compile(rf"https://mybinder\.org/v2/gh/(?P<owner>{OWNER})/(?P<name>{NAME})"
                        rf"/HEAD\?urlpath=lab/tree/notebooks/(?P<notebook>{NOTEBOOK_NAME})")

# What --write and --check look for: any Binder launch link, and any Colab install line,
# well formed or not (they end where markdown, HTML or a code span would end them).
ANY_BINDER = re.compile(r"https?://(?:www\.)?mybinder\.org/v2/[^\s()<>\[\]\"'`]*")
ANY_COLAB = re.compile(r"!pip install(?:[ \t]+-[\w-]+)*[ \t]+git\+[^\s()<>\[\]\"'`]*")
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"
BADGE = re.compile(rf"\[!\[Launch on Binder\]\({re.escape(BADGE_IMAGE)}\)\]\(")
SETTING = "[project.urls] Repository in pyproject.toml"


def validate(url: str, source: str, fix: str = f"set {SETTING}, then run `make links`") -> str:
    """``url`` if it is ``https://github.com/<owner>/<name>``; else a ValueError naming the fix."""
    if not isinstance(url, str) or not REPO_URL.fullmatch(url):
        raise ValueError(f"{source} gives {url!r}, which is not a GitHub repository URL of the "
                         f"form https://github.com/<owner>/<name>: {fix}")
    return url


def pyproject_url(root: Path = ROOT) -> str:
    """The committed setting: ``[project.urls] Repository`` in ``root/pyproject.toml``."""
    with open(root / "pyproject.toml", "rb") as f:
        urls = tomllib.load(f).get("project", {}).get("urls", {})
    if "Repository" not in urls:
        raise ValueError(f"pyproject.toml has no repository URL: set {SETTING}, e.g. "
                         'Repository = "https://github.com/<owner>/<name>"')
    return validate(urls["Repository"], SETTING)


def git_remote_url(root: Path = ROOT) -> str | None:
    """``https://github.com/<owner>/<name>`` if the clone's ``origin`` is on GitHub, else None."""
    try:
        out = subprocess.run(["git", "remote", "get-url", "origin"], cwd=root,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    m = REMOTE.fullmatch(out.stdout.strip()) if out.returncode == 0 else None
    if m is None:
        return None
    return validate(f"https://github.com/{m['path']}", "git remote get-url origin",
                    "fix it: `git remote set-url origin https://github.com/<owner>/<name>`")


def repository_url(root: Path = ROOT) -> str:
    """The repository's URL: GitHub Actions' ``GITHUB_REPOSITORY`` (``owner/name``), else the
    ``origin`` remote if it is on GitHub, else ``[project.urls] Repository`` in pyproject.toml.
    Raises ValueError, saying what to set, if the value found is not a GitHub repository URL."""
    env = os.environ.get("GITHUB_REPOSITORY")
    if env:
        return validate(f"https://github.com/{env}", f"GITHUB_REPOSITORY={env!r}",
                        "set GITHUB_REPOSITORY to <owner>/<name> (GitHub Actions does), or unset "
                        f"it to use {SETTING}")
    return git_remote_url(root) or pyproject_url(root)


def _parts(repo: str | None) -> tuple[str, str]:
    m = REPO_URL.fullmatch(validate(repo, "repo", "pass https://github.com/<owner>/<name>")
                           if repo else repository_url())
    return m["owner"], m["name"]


def binder_url(notebook: str = DEFAULT_NOTEBOOK, repo: str | None = None) -> str:
    """The link that opens ``notebooks/<notebook>`` in JupyterLab on mybinder.org."""
    if not re.fullmatch(NOTEBOOK_NAME, notebook):
        raise ValueError(f"{notebook!r} is not a notebook name like {DEFAULT_NOTEBOOK}")
    owner, name = _parts(repo)
    return f"https://mybinder.org/v2/gh/{owner}/{name}/HEAD?urlpath=lab/tree/notebooks/{notebook}"


def binder_badge(notebook: str = DEFAULT_NOTEBOOK, repo: str | None = None) -> str:
    """The README's markdown badge for ``binder_url`` (the image is loaded from mybinder.org)."""
    return f"[![Launch on Binder]({BADGE_IMAGE})]({binder_url(notebook, repo)})"


def colab_install(repo: str | None = None) -> str:
    """The line a Colab notebook's first cell runs to install the course."""
    owner, name = _parts(repo)
    return f"!pip install -q git+https://github.com/{owner}/{name}"


#: The environment variable that gives the website a class's own JupyterHub (nbgitpuller).
HUB_SETTING = "COURSE_JUPYTERHUB_URL"
HUB_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d{1,5})?(?:/[\w.~%!$&'()*+,;=:@-]*)*")


def jupyterhub_url(value: str | None = None) -> str | None:
    """A class's JupyterHub, for the website's JupyterHub launch button, or None if none is set.

    ``value`` defaults to the environment variable ``COURSE_JUPYTERHUB_URL``; empty means
    none. The hub's address is kept up to its ``/hub/`` or ``/user/`` part, so the address
    bar of any hub page works (``https://hub.example.edu/hub/home`` gives
    ``https://hub.example.edu``); the theme appends ``/hub/user-redirect/git-pull?...``.
    Raises ValueError, saying what to set, for anything that is not an http(s) address.
    """
    value = os.environ.get(HUB_SETTING, "") if value is None else value
    value = value.strip()
    if not value:
        return None
    base = re.split(r"/(?:hub|user)(?:/|$)", value, maxsplit=1)[0].rstrip("/")
    if not HUB_URL.fullmatch(base):
        raise ValueError(f"{HUB_SETTING}={value!r} is not a JupyterHub address: set it to the hub's "
                         "https:// address as your browser shows it, e.g. "
                         f"{HUB_SETTING}=https://hub.example.edu (or leave it unset for no "
                         "JupyterHub button)")
    return base


def retarget(text: str, old: str, new: str) -> str:
    """``text`` with its links to repository ``old`` (Binder's included) pointing at ``new``."""
    (o1, n1), (o2, n2) = _parts(old), _parts(new)
    binder = "https://mybinder.org/v2/gh"
    for a, b in ((f"{binder}/{o1}/{n1}", f"{binder}/{o2}/{n2}"),
                 (f"https://github.com/{o1}/{n1}", f"https://github.com/{o2}/{n2}")):
        text = re.sub(re.escape(a) + r"(?![\w.-])", lambda _, b=b: b, text)
    return text


# --- the committed files ---------------------------------------------------------------

def _text(root: Path, rel: str) -> str:
    text = (root / rel).read_text(encoding="utf-8")
    if rel.endswith(".ipynb"):              # the cells' sources, not the JSON around them
        text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
    return text


def problems(text: str, repo: str, root: Path = ROOT, *, badge: bool = False) -> list[str]:
    """What is stale, malformed or missing among one file's links, given the setting ``repo``."""
    out = []
    binders = ANY_BINDER.findall(text)
    for url in binders:
        m = BINDER_URL.fullmatch(url)
        if m is None:
            out.append(f"malformed Binder link {url} (want {binder_url(repo=repo)})")
        elif not (root / "notebooks" / m["notebook"]).is_file():
            out.append(f"Binder link {url} names notebooks/{m['notebook']}, which does not exist")
        elif url != binder_url(m["notebook"], repo):
            out.append(f"stale Binder link {url} (want {binder_url(m['notebook'], repo)})")
    colabs = ANY_COLAB.findall(text)
    out += [f"stale Colab line {line} (want {colab_install(repo)})"
            for line in colabs if line != colab_install(repo)]
    if not binders:
        out.append("no Binder link")
    elif badge and not BADGE.search(text):
        out.append(f"no Binder badge [![Launch on Binder]({BADGE_IMAGE})](...)")
    if not colabs:
        out.append("no Colab install line (!pip install -q git+https://github.com/...)")
    return out


def rewrite(text: str, repo: str, root: Path = ROOT) -> str:
    """``text`` with every Binder link and Colab line made from ``repo``; a Binder link keeps
    the notebook it names if that notebook exists, else opens notebook 0."""
    def binder(m: re.Match) -> str:
        named = re.search(rf"notebooks/({NOTEBOOK_NAME})$", m[0])
        exists = named and (root / "notebooks" / named[1]).is_file()
        return binder_url(named[1] if exists else DEFAULT_NOTEBOOK, repo)

    text = ANY_BINDER.sub(binder, text)
    return ANY_COLAB.sub(lambda _: colab_install(repo), text)


def check(root: Path = ROOT) -> list[str]:
    """Every problem with the committed links, as ``file: problem`` lines (empty: all good)."""
    repo = pyproject_url(root)
    return [f"{rel}: {p}" for rel in (README, SCRIPT, NOTEBOOK)
            for p in problems(_text(root, rel), repo, root, badge=rel == README)]


def write(root: Path = ROOT) -> list[str]:
    """Rewrite the links in README.md and notebook 0's script from the setting, then update
    the notebook from its script (jupytext, outputs kept). Returns the files changed."""
    repo = pyproject_url(root)
    changed = []
    for rel in (README, SCRIPT):
        path = root / rel
        old = path.read_text(encoding="utf-8")
        new = rewrite(old, repo, root)
        if new != old:
            path.write_text(new, encoding="utf-8")
            changed.append(rel)
    if SCRIPT in changed or problems(_text(root, NOTEBOOK), repo, root):
        subprocess.run([sys.executable, "-m", "jupytext", "--update", "--to", "ipynb",
                        "--output", NOTEBOOK, SCRIPT], cwd=root, check=True)
        changed.append(NOTEBOOK)
    return changed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true",
                      help="rewrite the links from [project.urls] Repository in pyproject.toml")
    mode.add_argument("--check", action="store_true",
                      help="exit 1 listing any stale, malformed or missing link")
    args = parser.parse_args(argv)
    try:
        if args.write:
            for rel in write():
                print(f"updated {rel}")
        found = check()
    except ValueError as e:
        print(e, file=sys.stderr)
        return 1
    for line in found:
        print(line, file=sys.stderr)
    if not found and pyproject_url().startswith("https://github.com/ORG/"):
        print(f"note: {SETTING} is still the placeholder {pyproject_url()}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
