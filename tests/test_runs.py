"""lessons_lib.runs, and the contract between a notebook's panel and its exercise's answer.

A panel and the exercise that reads it must use the same run: the answer key's slider
position has to be a value of the slider the notebook builds (read from the notebook's
own code, below), and the value the notebook's solution states has to be what the answer
key accepts. Either fails when a grid moves in one place and not the other. The answers
themselves are checked against independent oracles in tests/test_runs_*.py.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest

from lessons_lib import answers, exercises, grading, runs, runs_curves, runs_decay, widgets
from lessons_lib.runs import PathRun, Run, position

ROOT = Path(__file__).resolve().parents[1]


# -- the base ---------------------------------------------------------------------------------

def test_position_finds_grid_values_and_refuses_others():
    grid = widgets.log_grid(-1, 1, 0.5)
    assert [position(grid, v) for v in grid] == list(range(len(grid)))
    assert position(grid, 10 ** -0.5 * (1 + 1e-14)) == 1          # rounding, not a guess
    with pytest.raises(ValueError, match=r"0\.5 is not on this run's grid \(0\.1 … 10, 5 values\)"):
        position(grid, 0.5)
    assert Run(grid=grid).index(1.0) == 2


def test_a_path_run_finds_the_row_of_a_slider_value():
    lams = widgets.log_grid(-2, 1)
    run = PathRun(grid=lams[::4], lams=lams)
    assert [run.row(v) for v in run.grid] == list(range(0, len(lams), 4))
    assert run.index(run.grid[2]) == 2


def test_runs_are_frozen():
    run = Run(grid=np.arange(3))
    with pytest.raises(AttributeError):
        run.grid = np.arange(4)


# -- the slider a notebook builds -------------------------------------------------------------

def notebook_code(stem: str) -> ast.Module:
    """The notebook's code cells, as executed (magics dropped), parsed as one module."""
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]
    code = "\n".join(re.sub(r"^\s*[%!].*$", "", "".join(c["source"]), flags=re.M)
                     for c in cells if c["cell_type"] == "code")
    return ast.parse(code)


def _free_names(node) -> set[str]:
    bound = {n.id for comp in ast.walk(node) if isinstance(comp, ast.comprehension)
             for n in ast.walk(comp.target) if isinstance(n, ast.Name)}
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - bound


class _Resolver:
    """Evaluates an expression of a notebook the way the notebook would, from its own lines.

    A name is looked up in the last module-level statement before the panel that binds it
    (``x = ...``, ``a, b = ...``, ``from lessons_lib import m``, ``import numpy as np``) and
    that statement's right-hand side is evaluated in turn. Anything else (a name bound by a
    ``def``, a loop, a lesson's own function) is refused with a message.
    """

    def __init__(self, module: ast.Module, before: int):
        self.statements = [s for s in module.body if s.lineno < before]
        self.env = {"np": np}

    def _bind(self, name: str) -> None:
        for stmt in reversed(self.statements):
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "lessons_lib":
                for alias in stmt.names:
                    if (alias.asname or alias.name) == name:
                        self.env[name] = __import__(f"lessons_lib.{alias.name}", fromlist=["_"])
                        return
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                target = stmt.targets[0]
                names = [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
                if name in names:
                    value = self.eval(stmt.value)
                    if isinstance(target, ast.Name):
                        self.env[name] = value
                    else:                                 # a, b = ...
                        for n, v in zip([e.id if isinstance(e, ast.Name) else None
                                         for e in target.elts], value):
                            if n is not None:
                                self.env[n] = v
                    return
            if isinstance(stmt, (ast.FunctionDef, ast.ClassDef, ast.For)) and name in {
                    stmt.name if not isinstance(stmt, ast.For) else None}:
                break
        raise AssertionError(f"cannot follow {name!r} to an assignment in the notebook")

    def eval(self, node):
        for name in _free_names(node) - set(self.env):
            self._bind(name)
        return eval(compile(ast.Expression(node), "<notebook>", "eval"), self.env)


def slider_values(stem: str, draw: str, control: str) -> list:
    """The values of the slider the notebook passes to ``widgets.live(fig, draw, control=...)``."""
    module = notebook_code(stem)
    calls = [n for n in ast.walk(module) if isinstance(n, ast.Call)
             and ast.unparse(n.func) == "widgets.live" and len(n.args) > 1
             and isinstance(n.args[1], ast.Name) and n.args[1].id == draw]
    assert len(calls) == 1, f"{stem}: expected one widgets.live(…, {draw}, …), found {len(calls)}"
    keyword = next((k for k in calls[0].keywords if k.arg == control), None)
    assert keyword is not None, f"{stem}: the panel drawn by {draw} has no control {control!r}"
    slider = _Resolver(module, calls[0].lineno).eval(keyword.value)
    return [value for _, value in slider.options]


# exercise → (notebook, the panel's draw function, the slider the exercise reads, and the
# other sliders at the value the answer key assumes: the value, or where the key takes it)
SLIDER_EXERCISES = {
    "0.1": ("00_start_here", "show_decay", "weight_decay", {}),
    "1.1": ("01_big_weights", "draw_capacity", "degree", {"n_points": 16}),
    "2.3": ("02_new_objective", "show_objective", "lam", {}),
    "3.2": ("03_l2", "draw", "lam", {"eta": lambda: runs_curves.l2_descent().eta}),
    "4.2": ("04_l1_sparsity", "show_lam", "lam", {}),
    "5.1": ("05_fingerprints", "show_mix", "lam", {"rho": 0.25}),
    "6.2": ("06_weight_decay", "show_run", "weight_decay", {}),
    "7.2": ("07_adamw", "show_adamw", "weight_decay", {"lr": lambda: runs_decay.ADAM.lr}),
    "8.1": ("08_family", "show_patience", "patience", {}),
    "9.2": ("09_classic_ml", "show_lam", "lam", {}),
    "10.1": ("10_sensible_defaults", "show_wd", "weight_decay", {}),
    "11.1": ("11_wrap_up", "draw", "lam", {"penalty": "l1"}),
}


@pytest.mark.parametrize("key", SLIDER_EXERCISES)
def test_the_answer_is_a_position_of_the_slider_the_notebook_builds(key):
    stem, draw, control, others = SLIDER_EXERCISES[key]
    values = slider_values(stem, draw, control)
    expected = answers.ANSWERS[key].value()
    if isinstance(expected, grading.Notch):
        same = len(expected.grid) == len(values) and np.allclose(expected.grid, values,
                                                                 rtol=1e-12, atol=0)
        assert same, (
            f"{key}: the answer key reads a grid of {len(expected.grid)} values "
            f"{np.round(expected.grid, 4).tolist()}, the notebook's slider has {len(values)}: "
            f"{np.round(values, 4).tolist()}")
        expected = expected.value
    assert np.isclose(values, expected, rtol=1e-12, atol=0).any(), (
        f"{key}: the answer {expected!r} is not a position of {stem}'s {control} slider "
        f"{np.round(values, 4).tolist()}")
    for name, value in others.items():
        value = value() if callable(value) else value
        other = slider_values(stem, draw, name)
        assert any(_same(v, value) for v in other), (
            f"{key}: the answer assumes {name} = {value!r}, not on the slider {other}")


def _same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return bool(np.isclose(a, b, rtol=1e-12, atol=0))


def test_the_resolver_reads_a_slider_built_elsewhere():
    """The check above also sees a grid typed into the notebook, bypassing the run."""
    module = ast.parse('from lessons_lib import widgets\nGRID = widgets.log_grid(-3.75, 1.25, 0.5)\n'
                       'widgets.live(fig, draw, lam=widgets.slider("λ", GRID, 1e-2))\n')
    call = module.body[-1].value
    slider = _Resolver(module, call.lineno).eval(call.keywords[0].value)
    assert np.allclose([v for _, v in slider.options], widgets.log_grid(-3.75, 1.25, 0.5))


# -- what the notebook's solution says --------------------------------------------------------

# exercise → the answer as the notebook's folded solution writes it
STATED = {"0.1": "0.75", "1.1": "5", "2.2": "0.01", "2.3": "0.316", "3.2": "λ = 1", "4.2": "4.22",
          "5.1": "3.16", "6.1": "68.97", "6.2": "0.0562", "6.3": "1.0", "7.1": "1.0",
          "7.2": "3.16", "8.1": "3", "9.2": "2.37", "10.1": "0.316", "11.1": "0.133"}


def solution_text(key: str) -> str:
    """The markdown cell after the cell that checks exercise ``key``."""
    stem = next(p.stem for p in (ROOT / "notebooks").glob(f"{int(key.split('.')[0]):02d}_*.ipynb"))
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]
    i = next(i for i, c in enumerate(cells) if c["cell_type"] == "code"
             and f'exercises.check("{key}"' in "".join(c["source"]))
    return next("".join(c["source"]) for c in cells[i + 1:] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("key", STATED)
def test_the_solution_states_what_the_answer_key_expects(key, capsys):
    text = solution_text(key)
    assert "Solution" in text and STATED[key] in text, f"{key}'s solution no longer says {STATED[key]}"
    digits = re.sub(r"[^\d.]", "", STATED[key])
    expected = answers.ANSWERS[key].value()
    if isinstance(expected, grading.Notch):        # the slider position itself, as printed
        significant = len(digits.replace(".", "").lstrip("0"))
        assert float(f"{expected.value:.{significant}g}") == float(digits), (
            f"exercise {key}: the notebook's solution says {STATED[key]}, the answer key's "
            f"slider position is {expected.value:.4g} (accepted: {expected.window()[0]:.4g} "
            f"to {expected.window()[1]:.4g})")
    assert exercises.check(key, float(digits)), (
        f"exercise {key}: the notebook's solution says {STATED[key]}, the answer key expects "
        f"{expected!r}")



def printed_above(key: str) -> str:
    """Everything the notebook prints above the cell that checks exercise ``key``: streams,
    text results and figures' alt texts (a panel's widget view aside)."""
    stem = next(p.stem for p in (ROOT / "notebooks").glob(f"{int(key.split('.')[0]):02d}_*.ipynb"))
    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text())["cells"]
    texts = []
    for cell in cells:
        if cell["cell_type"] == "code" and f'exercises.check("{key}"' in "".join(cell["source"]):
            return "\n".join(texts)
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts.append("".join(out.get("text", "")))
            texts += re.findall(r'alt="([^"]*)"', "".join(data.get("text/html", "")))
            if not {"image/png", "application/vnd.jupyter.widget-view+json"} & set(data):
                texts.append("".join(data.get("text/plain", "")))
    raise AssertionError(f"no cell checks exercise {key}")


# answers with 3 or more significant digits: a match above is no coincidence
PRECISE = [key for key, said in STATED.items()
           if len(re.sub(r"[^\d]", "", said).lstrip("0")) >= 3]


@pytest.mark.parametrize("key", PRECISE)
def test_no_output_above_an_exercise_prints_its_answer(key):
    """An exercise must make the learner drag or compute: its answer, as the solution writes
    it, is not already printed (a table, a check, a figure's alt text) above it."""
    digits = re.sub(r"[^\d.]", "", STATED[key])
    hits = re.findall(rf"(?<![\d.]){re.escape(digits)}(?!\d)", printed_above(key))
    assert not hits, f"exercise {key}: its answer {digits} is printed above it"


def test_12_1_is_the_tables_three_conversions_worked_by_hand(capsys):
    """Exercise 12.1 (n = 200, λ = 0.01), from the conventions table's formulas written out
    here: PyTorch weight_decay = 2λ, Ridge alpha = n·λ, LogisticRegression C = 1/(2nλ)."""
    n, lam = 200, 0.01
    by_hand = (2 * lam, n * lam, 1 / (2 * n * lam))
    assert exercises.check("12.1", by_hand), f"12.1's answer key is not {by_hand}"
    stated = "(0.02, 2.0, 0.25)"
    assert stated in solution_text("12.1") and np.allclose(ast.literal_eval(stated), by_hand), (
        f"12.1's solution should state {by_hand}")

def test_every_run_module_is_listed_in_the_runs_docstring():
    listed = set(re.findall(r"lessons_lib\.(runs_\w+)", runs.__doc__))
    present = {p.stem for p in (ROOT / "lessons_lib").glob("runs_*.py")}
    assert listed == present
