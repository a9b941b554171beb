"""Every public function, method and class of ``lessons_lib`` documents its parameters.

A numpydoc ``Parameters`` section must list each parameter of the signature as a
``name : type`` line (several names may share a line: ``X, y : array_like``), and must not
list names the signature does not have (stale docs). ``__init__``'s parameters belong in
the class docstring. ``*args``/``**kwargs`` are required too, spelled with or without their
stars, and may be listed without a type. The parser below is deliberately small: numpydoc
itself is not a dependency of the course.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import lessons_lib

MODULES = sorted(name for _, name, _ in pkgutil.iter_modules(lessons_lib.__path__, "lessons_lib.")
                 if not name.rpartition(".")[2].startswith("_"))

_NAME = re.compile(r"\*{0,2}[A-Za-z_]\w*")


def _is_header(lines: list[str], i: int) -> bool:
    """A numpydoc section header: a line underlined by a line of dashes."""
    return (i + 1 < len(lines) and bool(lines[i].strip())
            and re.fullmatch(r"-{3,}", lines[i + 1].strip()) is not None)


def documented_parameters(doc: str | None) -> list[tuple[str, str]]:
    """``(name, type)`` for each name listed in the docstring's ``Parameters`` section.

    Entries are the section's unindented lines, ``name : type`` or ``a, b : type``;
    indented lines are their descriptions. The type is ``""`` when an entry has none.
    """
    lines = inspect.cleandoc(doc or "").splitlines()
    starts = [i for i in range(len(lines))
              if lines[i].strip() == "Parameters" and _is_header(lines, i)]
    if len(starts) > 1:
        raise AssertionError("the docstring has more than one Parameters section")
    if not starts:
        return []
    indent = len(lines[starts[0]]) - len(lines[starts[0]].lstrip())
    entries = []
    i = starts[0] + 2
    while i < len(lines) and not _is_header(lines, i):
        line = lines[i]
        if line.strip() and len(line) - len(line.lstrip()) == indent:
            names, _, typ = line.strip().partition(" : ")
            if names.endswith(" :"):                 # "name :" with nothing after it
                names = names[:-2]
            for name in names.split(","):
                entries.append((name.strip(), typ.strip()))
        i += 1
    return entries


def problems(obj, expected: list[str]) -> list[str]:
    """What is wrong with ``obj``'s Parameters section, given the names it should list."""
    found = documented_parameters(obj.__doc__)
    out = []
    bare = {name.lstrip("*"): (name, typ) for name, typ in found}
    for name, typ in found:
        if not _NAME.fullmatch(name):
            out.append(f"malformed entry {name!r} (want a 'name : type' line)")
        elif not typ and not name.startswith("*") and name in expected:
            out.append(f"{name!r} has no type (want '{name} : type')")
        elif typ.endswith(".") or "; " in typ:
            out.append(f"{name!r}: {typ!r} reads as a description, not a type (put the "
                       "description on the next, indented line)")
    if len(bare) != len(found):
        out.append("a name is listed twice")
    missing = [n for n in expected if n not in bare]
    stale = [name for name, _ in found if _NAME.fullmatch(name) and name.lstrip("*") not in expected]
    if missing:
        out.append(f"not documented: {', '.join(missing)}")
    if stale:
        out.append(f"documented but not in the signature: {', '.join(stale)}")
    return out


def _expected(func, drop_first: bool) -> list[str]:
    params = list(inspect.signature(func).parameters.values())
    return [p.name for p in params[1 if drop_first else 0:]]


def _init_owner(cls):
    return next(k for k in cls.__mro__ if "__init__" in vars(k))


def _targets():
    """``(id, object, expected parameter names)`` for everything the test covers."""
    seen = set()
    for modname in MODULES:
        module = importlib.import_module(modname)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != modname or id(obj) in seen:
                continue
            seen.add(id(obj))
            if inspect.isfunction(obj):
                yield f"{modname}.{name}", obj, _expected(obj, drop_first=False)
            elif inspect.isclass(obj):
                # __init__'s parameters go in the class docstring; a class that inherits a
                # foreign __init__ (CourseFigure's from Figure, a Warning's) documents none
                owner = _init_owner(obj)
                expected = _expected(owner.__init__, True) if owner.__module__ == modname else []
                yield f"{modname}.{name}", obj, expected
                # public methods of the class and of its bases in this module (the private
                # _Model's copies() and set_params() are what every model offers)
                for klass in obj.__mro__:
                    if klass.__module__ != modname:
                        continue
                    for mname, attr in vars(klass).items():
                        if mname.startswith("_") or id(attr) in seen:
                            continue
                        if isinstance(attr, (staticmethod, classmethod)):
                            func, drop = attr.__func__, isinstance(attr, classmethod)
                        elif inspect.isfunction(attr):
                            func, drop = attr, True
                        else:                      # properties, constants
                            continue
                        if func.__module__ != modname:  # made by a base: Artist's set()
                            continue
                        seen.add(id(attr))
                        yield f"{modname}.{klass.__qualname__}.{mname}", func, _expected(func, drop)


TARGETS = list(_targets())


def _param(target):
    ident, obj, expected = target
    return pytest.param(obj, expected, id=ident)


@pytest.mark.parametrize("obj, expected", [_param(t) for t in TARGETS])
def test_parameters_documented(obj, expected):
    found = problems(obj, expected)
    assert not found, f"{obj.__qualname__}'s docstring: " + "; ".join(found)


def test_every_module_is_walked():
    walked = {".".join(ident.split(".")[:2]) for ident, _, _ in TARGETS}
    assert walked == set(MODULES)
    assert {"lessons_lib.linear", "lessons_lib.train", "lessons_lib.widgets"} <= set(MODULES)
    assert "lessons_lib._validate" not in MODULES


def test_the_checker_catches_bad_docs():
    def f(a, b, *args, c=1, **kwargs):
        """Summary.

        Parameters
        ----------
        a, b : float
            Two numbers.
        *args
            More.
        d : int
            Stale: f has no d.
        c
            No type.

        Returns
        -------
        float
        """

    assert documented_parameters(f.__doc__) == [("a", "float"), ("b", "float"), ("*args", ""),
                                                ("d", "int"), ("c", "")]
    assert problems(f, _expected(f, drop_first=False)) == [
        "'c' has no type (want 'c : type')", "not documented: kwargs",
        "documented but not in the signature: d"]

    def g(x):
        """Summary, no Parameters section."""

    assert problems(g, ["x"]) == ["not documented: x"]

    def h(x):
        """Summary.

        Parameters
        ----------
        the value x, described at the wrong indentation
        """

    assert problems(h, ["x"])[0].startswith("malformed entry")
