"""The oldest versions requirements.txt allows, as pins: every ``name>=X`` becomes ``name==X``.

    python scripts/min_requirements.py                       # the pins, on stdout
    python scripts/min_requirements.py --tools pytest nbval  # and those lines of
                                                             # requirements-test.txt, as they are

``make test-min`` installs this list into ``.venv-min`` and runs the notebooks and the unit
tests there, so the lower bounds in requirements.txt are tested, not hoped for. The pins
are made from requirements.txt on every run: there is no second list to keep in step.

Every requirement must have a lower bound (``>=X``, or an exact ``==X``). ``>=X`` is
replaced by ``==X``; the other specifiers (``<Y``), extras and environment markers are
kept, so pip itself refuses a pin that the rest of the line excludes. Comments go.
A test tool is copied with its own range (it is not part of what a learner installs);
pip resolves it together with the pins.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# name[extras] specifiers ; marker   (PEP 508, the subset requirements files use)
LINE = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?P<extras>\[[^\]]*\])?\s*"
                  r"(?P<specs>[^;]*?)\s*(?P<marker>;.*)?")
SPEC = re.compile(r"(?P<op>~=|===|==|!=|<=|>=|<|>)\s*(?P<version>\S+)")


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines of a requirements file, without comments and blank lines.
    (pip starts a comment at ``#`` at the start of a line or after whitespace.)"""
    lines = (re.sub(r"(^|\s)#.*", "", line).strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def name_of(line: str) -> str:
    """The project name of a requirement line, normalized (PEP 503: ``scikit_learn`` →
    ``scikit-learn``)."""
    match = LINE.fullmatch(line)
    return re.sub(r"[-_.]+", "-", match["name"]).lower() if match else ""


def pin(line: str, where: str = "requirements.txt") -> str:
    """``name>=X,<Y ; marker`` → ``name==X,<Y ; marker``.

    >>> pin("numpy>=1.26.4,<3")
    'numpy==1.26.4,<3'
    >>> pin("pywin32>=306 ; sys_platform == 'win32'")
    "pywin32==306 ; sys_platform == 'win32'"
    >>> pin("jupytext==1.19.0")
    'jupytext==1.19.0'
    """
    match = LINE.fullmatch(line)
    if line.startswith("-") or match is None:
        raise SystemExit(f"{where}: cannot pin {line!r}: write one requirement per line, "
                         "as name>=lowest,<next_major (options such as -r are not supported).")
    specs = [s.strip() for s in match["specs"].split(",") if s.strip()]
    parsed = [SPEC.fullmatch(s) for s in specs]
    if not all(parsed):
        raise SystemExit(f"{where}: cannot read the version specifiers of {line!r}.")
    lows = [m for m in parsed if m["op"] in (">=", "==")]
    if len(lows) != 1:
        raise SystemExit(f"{where}: {line!r} needs exactly one lower bound, name>=X (the oldest "
                         "release the course is tested with), e.g. numpy>=1.26.4,<3.")
    low = lows[0]
    new = [f"=={low['version']}" if m is low else f"{m['op']}{m['version']}" for m in parsed]
    out = match["name"] + (match["extras"] or "") + ",".join(new)
    return out + (f" {match['marker']}" if match["marker"] else "")


def min_requirements(requirements: Path, tests: Path | None = None,
                     tools: tuple[str, ...] = ()) -> list[str]:
    """The pinned lines of ``requirements``, then the lines of ``tests`` naming ``tools``."""
    lines = [pin(line, requirements.name) for line in requirement_lines(requirements)]
    if tools:
        found = {name_of(line): line for line in _with_includes(tests)}
        missing = [t for t in tools if name_of(t) not in found]
        if missing:
            raise SystemExit(f"{tests.name} has no line for {', '.join(missing)}.")
        lines += [found[name_of(t)] for t in tools]
    return lines


def _with_includes(path: Path) -> list[str]:
    """The requirement lines of ``path`` and of the files it includes with ``-r``."""
    out = []
    for line in requirement_lines(path):
        if line.startswith("-r "):
            out += _with_includes(path.parent / line[3:].strip())
        else:
            out.append(line)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="?", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument("--tests", type=Path, default=ROOT / "requirements-test.txt",
                        help="where --tools are listed (default: requirements-test.txt)")
    parser.add_argument("--tools", nargs="*", default=(),
                        help="test tools to add with their own ranges, e.g. pytest nbval")
    args = parser.parse_args(argv)
    sys.stdout.write("".join(f"{line}\n" for line in
                             min_requirements(args.requirements, args.tests, tuple(args.tools))))


if __name__ == "__main__":
    main()
