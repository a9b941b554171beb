"""Every public function, method and class of ``lessons_lib`` documents its parameters.

numpydoc's own validator (``numpydoc.validate``) checks each docstring; the checks below
are the ones the course holds its docs to: a docstring exists, every parameter of the
signature is listed (``__init__``'s in the class docstring), none that it lacks (stale
docs), in the signature's order, each with a type, written ``name : type``.
"""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest
from numpydoc.validate import validate

import lessons_lib

# numpydoc walks the members of the widget classes, whose ipywidgets attributes warn.
pytestmark = pytest.mark.filterwarnings("ignore:Widget.* is deprecated:DeprecationWarning")

MODULES = sorted(name for _, name, _ in pkgutil.iter_modules(lessons_lib.__path__, "lessons_lib.")
                 if not name.rpartition(".")[2].startswith("_"))

#: numpydoc's codes enforced here (``python -m numpydoc.validate --help`` lists them all).
CHECKS = {
    "GL08": "no docstring",
    "PR01": "a parameter is not documented",
    "PR02": "a documented parameter is not in the signature",
    "PR03": "parameters documented in another order than the signature's",
    "PR04": "a parameter has no type",
    "PR05": "a parameter's type ends with a period",
    "PR10": "'name : type' needs a space on each side of the colon",
}


def _foreign_init(cls) -> bool:
    """A class whose ``__init__`` comes from another package (CourseFigure's from Figure)."""
    owner = next(k for k in cls.__mro__ if "__init__" in vars(k))
    return not owner.__module__.startswith("lessons_lib")


def _targets():
    """The import path of every public function, class and method, with what to skip."""
    seen = set()
    for modname in MODULES:
        module = importlib.import_module(modname)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != modname or id(obj) in seen:
                continue
            seen.add(id(obj))
            if inspect.isfunction(obj):
                yield f"{modname}.{name}", set()
            elif inspect.isclass(obj):
                yield f"{modname}.{name}", {"PR01", "PR02"} if _foreign_init(obj) else set()
                for klass in obj.__mro__:               # methods, also those of private bases
                    if klass.__module__ != modname:
                        continue
                    for mname, attr in vars(klass).items():
                        func = getattr(attr, "__func__", attr)
                        if mname.startswith("_") or id(attr) in seen or not inspect.isfunction(func):
                            continue
                        if func.__module__ != modname:  # made by a base: Artist's set()
                            continue
                        seen.add(id(attr))
                        yield f"{modname}.{name}.{mname}", set()


TARGETS = list(_targets())


def problems(import_path: str, skip: frozenset | set = frozenset()) -> list[str]:
    """numpydoc's findings for ``import_path`` among the enforced checks."""
    return [f"{code} ({CHECKS[code]}): {msg}" for code, msg in validate(import_path)["errors"]
            if code in CHECKS and code not in skip]


@pytest.mark.parametrize("path, skip", TARGETS, ids=[t[0] for t in TARGETS])
def test_parameters_documented(path, skip):
    found = problems(path, skip)
    assert not found, f"{path}: " + "; ".join(found)


def test_every_module_is_walked():
    walked = {".".join(path.split(".")[:2]) for path, _ in TARGETS}
    assert set(MODULES) - walked == {"lessons_lib.answers"}    # the key: registrations only
    assert {"lessons_lib.linear", "lessons_lib.train", "lessons_lib.widgets"} <= set(MODULES)
    assert "lessons_lib._validate" not in MODULES


def bad_doc(a, b, *args, c=1, **kwargs):
    """Summary.

    Parameters
    ----------
    a, b : float
        Two numbers.
    *args
        More.
    d : int
        Stale: bad_doc has no d.
    c
        No type.

    Returns
    -------
    float
        Nothing really.
    """


def swapped_doc(a, b):
    """Summary.

    Parameters
    ----------
    b : float
        Listed first, second in the signature.
    a : float
        Listed second.
    """


def test_the_checker_catches_bad_docs():
    codes = {p.split(" ")[0] for p in problems(f"{__name__}.bad_doc")}
    assert codes == {"PR01", "PR02", "PR04"}, codes
    assert [p.split(" ")[0] for p in problems(f"{__name__}.swapped_doc")] == ["PR03"]
