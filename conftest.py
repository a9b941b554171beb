"""pytest configuration shared by the unit tests and the notebook validation (nbval)."""
import pytest


def pytest_collectstart(collector):
    # nbval's documented hook: never compare rich outputs that differ across machines
    # (a panel's static PNG fallback, its widget view and HTML). Checked cells compare text.
    if getattr(collector, "fspath", None) is not None and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "image/png",
                                   "application/vnd.jupyter.widget-view+json")


def pytest_collection_modifyitems(items):
    # `make test` spreads the tests over two processes (pytest-xdist, --dist loadgroup). The
    # tests that drive the JupyterLab server (fixture `tab`) stay together, on one worker and
    # in file order: they share one server and one tab, and a notebook restored from its saved
    # widget state must not meet the kernels other tests left in that server in another order.
    for item in items:
        if "tab" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("jupyterlab"))
