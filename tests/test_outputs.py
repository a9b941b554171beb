"""Every notebook runs without error and prints the numbers it is committed with.

The test command executes each notebook once (``scripts/build_site.py --executed
build/executed``, the same run that makes the website) and these tests read those
copies; nbval would execute every notebook a second time. The comparison is nbval's
``--nbval-lax`` rule: every cell must run without an error (nor a panel that drew an
error in some of its frames, which ``widgets.live`` prints), and a cell marked
``# NBVAL_CHECK_OUTPUT`` must show the same text as in the committed notebook: the same
output types and, for each, its stream text or ``text/plain`` (figures, HTML and widget
views differ across machines and are not compared), after the substitutions in
``tests/sanitize.cfg`` (floats to 6 significant digits, figure sizes, addresses).
``make test-min`` runs nbval itself on the oldest allowed versions.
"""
from __future__ import annotations

import difflib
import html
import re
from pathlib import Path
from types import SimpleNamespace

import nbformat
import pytest

from conftest import FRAME_ERRORS

ROOT = Path(__file__).resolve().parents[1]
EXECUTED = ROOT / "build" / "executed"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MARK = "# NBVAL_CHECK_OUTPUT"
COMPARED = ("text/plain",)       # of a display or result; streams compare their text


def sanitizers(path: Path = ROOT / "tests" / "sanitize.cfg") -> list[tuple[re.Pattern, str]]:
    """The ``regex:`` / ``replace:`` pairs of an nbval sanitize file."""
    pairs, regex = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("regex:"):
            regex = re.compile(line.removeprefix("regex:").strip())
        elif line.startswith("replace:") and regex is not None:
            pairs.append((regex, line.removeprefix("replace:").strip()))
            regex = None
    return pairs


SANITIZE = sanitizers()


def clean(text: str) -> str:
    for regex, replace in SANITIZE:
        text = regex.sub(replace, text)
    return text


def shown(cell) -> list[str]:
    """What nbval compares of a cell's outputs, one string per output, sanitized.

    Consecutive stream outputs of the same name are one text (as nbval coalesces them):
    where a print lands across two messages depends on timing.
    """
    raw = []                                  # (stream name or None, text)
    for o in cell.get("outputs", []):
        if o["output_type"] == "stream":
            if raw and raw[-1][0] == o["name"]:
                raw[-1] = (o["name"], raw[-1][1] + o["text"])
            else:
                raw.append((o["name"], o["text"]))
        elif o["output_type"] == "error":
            raw.append((None, f"[error] {o['ename']}: {o['evalue']}"))
        else:
            data = o.get("data", {})
            raw.append((None, f"[{o['output_type']}] " + " | ".join(
                str(data[k]) if k in COMPARED else k for k in sorted(data))))
    return [clean(f"[{name}]\n{text}" if name else text) for name, text in raw]


def differences(committed, executed) -> list[str]:
    """What is wrong with an executed notebook, given the committed one."""
    problems = []
    if [c.source for c in committed.cells] != [c.source for c in executed.cells]:
        return ["the executed copy has other cells than the committed notebook: rebuild it "
                "(make test does)"]
    for i, (old, new) in enumerate(zip(committed.cells, executed.cells)):
        errors = [o for o in new.get("outputs", []) if o["output_type"] == "error"]
        if errors:
            problems.append(f"cell {i} raised {errors[0]['ename']}: {errors[0]['evalue']}")
        problems += [f"cell {i}: a panel drew errors: {o['text'].strip()}"
                     for o in new.get("outputs", [])
                     if o["output_type"] == "stream" and FRAME_ERRORS.search(o["text"])]
        if new.cell_type != "code" or MARK not in new.source:
            continue
        if not old.get("outputs"):
            problems.append(f"cell {i} is checked but committed without output: run "
                            "`make notebook NB=...` so the notebook carries its numbers")
            continue
        want, have = shown(old), shown(new)
        if want != have:
            diff = "\n".join(difflib.unified_diff("\n".join(want).splitlines(),
                                                  "\n".join(have).splitlines(),
                                                  "committed", "this run", lineterm="", n=1))
            problems.append(f"cell {i} printed something else:\n{diff}")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_prints_its_committed_numbers(path):
    run = EXECUTED / path.name
    if not run.exists():
        pytest.fail(f"{run.relative_to(ROOT)} is missing: `make test` executes the notebooks "
                    "first (scripts/build_site.py --executed build/executed)")
    problems = differences(nbformat.read(path, as_version=4), nbformat.read(run, as_version=4))
    assert not problems, (f"{path.name}:\n" + "\n".join(problems) +
                          f"\nIf the change is intended, `make notebook NB={path.stem}` and commit it.")


def test_the_comparison_catches_a_changed_number_and_an_error():
    """The check above can fail: a changed digit, an error, a panel's frames that show an
    error and a missing output are caught."""
    nb = next(nb for nb in (nbformat.read(p, as_version=4) for p in NOTEBOOKS)
              if any(MARK in c.source and c.get("outputs") for c in nb.cells))
    i = next(k for k, c in enumerate(nb.cells) if MARK in c.source and c.get("outputs"))
    changed = nbformat.from_dict(nb)
    texts = [o for o in changed.cells[i].outputs if o["output_type"] == "stream"
             or "text/plain" in o.get("data", {})]
    assert texts, "the first checked cell shows no text"
    o = texts[0]
    if o["output_type"] == "stream":
        o["text"] = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), o["text"], count=1)
    else:
        o["data"]["text/plain"] = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10),
                                         o["data"]["text/plain"], count=1)
    assert any("printed something else" in p for p in differences(nb, changed))
    broken = nbformat.from_dict(nb)
    broken.cells[i].outputs.append(nbformat.v4.new_output("error", ename="KeyError",
                                                          evalue="0.1", traceback=[]))
    assert any("raised KeyError" in p for p in differences(nb, broken))
    drawn = nbformat.from_dict(nb)        # what widgets.live prints when draw raised
    drawn.cells[i].outputs.append(nbformat.v4.new_output(
        "stream", name="stdout", text="panel: 2 of 12 frames show an error, the first at "
        "lam=1: ValueError: boom\n"))
    assert any("a panel drew errors" in p for p in differences(nb, drawn))
    bare = nbformat.from_dict(nb)
    bare.cells[i].outputs = []
    assert any("committed without output" in p for p in differences(bare, nb))
    assert differences(nb, nbformat.from_dict(nb)) == []


def test_a_panel_that_drew_errors_fails_its_nbval_cell():
    """make test-min runs nbval, which passes a cell whose panel printed that some frames
    show an error; conftest.py's report hook fails it, and leaves other cells alone."""
    import conftest

    def report_for(text: str):
        item = SimpleNamespace(nodeid="03_l2.ipynb::Cell 7", test_outputs=[
            {"output_type": "stream", "name": "stdout", "text": text}])
        report = SimpleNamespace(when="call", passed=True, outcome="passed", longrepr=None)
        hook = conftest.pytest_runtest_makereport(item, None)
        next(hook)
        with pytest.raises(StopIteration):
            hook.send(SimpleNamespace(get_result=lambda: report))
        return report

    bad = report_for("fit: 2 of 12 frames show an error, the first at lam=1: ValueError: x\n")
    assert bad.outcome == "failed" and "2 of 12 frames show an error" in bad.longrepr
    assert report_for("lambda = 0.1: train MSE 0.52\n").outcome == "passed"


def test_sanitize_trims_float_noise():
    assert clean("0.1234567891") == clean("0.1234599999") == "0.12345"
    assert clean("<Figure size 640x480 with 2 Axes>") == "<Figure>"


# --- every static figure carries its text alternative --------------------------------------

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def figure_problems(nb) -> list[str]:
    """Static figures (a PNG that is not a panel's fallback) stored without their text
    alternative: ``plots.show(fig, alt=...)`` stores it as ``<img alt>`` in text/html (what
    JupyterLab and the site show), as the PNG's ``alt`` metadata and as text/plain."""
    problems = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            if "image/png" not in data or WIDGET_VIEW in data:
                continue
            alt = o.get("metadata", {}).get("image/png", {}).get("alt", "")
            tag = re.fullmatch(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]*)">',
                               data.get("text/html", ""))
            if len(alt.split()) < 8:
                problems.append(f"cell {i}: a figure with no real text alternative ({alt!r}): end "
                                "the cell with plots.show(fig, alt=...) instead of fig")
            elif not tag or tag[1] != data["image/png"] or html.unescape(tag[2]) != alt \
                    or data.get("text/plain") != alt:
                problems.append(f"cell {i}: the figure's <img alt>, PNG and text differ")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_static_figure_has_its_text_alternative(path):
    """In the committed notebook and in the test command's executed copy."""
    problems = figure_problems(nbformat.read(path, as_version=4))
    run = EXECUTED / path.name
    if run.exists():
        problems += [f"executed copy, {p}" for p in figure_problems(nbformat.read(run, as_version=4))]
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_the_figure_check_catches_a_bare_figure():
    from lessons_lib import plots

    fig, ax = plots.new_figure(dpi=20)
    ax.plot([0, 1])
    data, metadata = plots.figure_bundle(fig, "A line rising from 0 to 1 over the whole axis.")
    good = nbformat.v4.new_output("display_data", data=data, metadata=metadata)
    bare = nbformat.v4.new_output("execute_result", data={"image/png": data["image/png"],
                                                          "text/plain": "<Figure>"}, execution_count=1)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[good, bare])])
    assert figure_problems(nb) == ["cell 0: a figure with no real text alternative (''): end the "
                                   "cell with plots.show(fig, alt=...) instead of fig"]
    good["data"]["text/plain"] = "something else"
    assert len(figure_problems(nb)) == 2
