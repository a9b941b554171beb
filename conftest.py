"""pytest configuration shared by the unit tests and the notebook validation (nbval)."""
import re

import pytest

# What widgets.live prints when ``draw`` raised for some slider positions: the panel lives
# on and those frames show the error, so no cell fails; a notebook run must still fail.
FRAME_ERRORS = re.compile(r"\d+ of \d+ frames show an error")


def pytest_collectstart(collector):
    # nbval's documented hook: never compare rich outputs that differ across machines
    # (a panel's static PNG fallback, its widget view and HTML). Checked cells compare text.
    if getattr(collector, "fspath", None) is not None and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "image/png",
                                   "application/vnd.jupyter.widget-view+json")


def pytest_collection_modifyitems(items):
    # `make test` spreads the tests over two processes (pytest-xdist, --dist loadgroup). The
    # tests that drive a JupyterLab server (fixture `tab`, one server and one tab per process)
    # go in two groups, even- and odd-numbered notebooks (a test of no one notebook goes with
    # the even ones): each group runs on one process, in file order, so a notebook restored
    # from its saved widget state never meets kernels that another process's tests left in
    # its server, and the two halves run side by side (they are the slowest tests).
    for item in items:
        if "tab" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(f"jupyterlab-{_parity(item)}"))


def _parity(item) -> str:
    """"odd" for a test parametrized with an odd-numbered notebook (``path``), else "even"."""
    path = getattr(getattr(item, "callspec", None), "params", {}).get("path")
    name = getattr(path, "name", "")
    return "odd" if name[:2].isdigit() and int(name[:2]) % 2 else "even"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    # nbval passes a cell whose panel drew errors in some frames (its print is not compared
    # under --nbval-lax): fail it, saying which frames (make test-min runs nbval).
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.passed or not hasattr(item, "test_outputs"):
        return
    said = [o.get("text", "") for o in item.test_outputs or []
            if o.get("output_type") == "stream" and FRAME_ERRORS.search(o.get("text", ""))]
    if said:
        report.outcome = "failed"
        report.longrepr = f"{item.nodeid}: a panel drew errors: {said[0].strip()}"
