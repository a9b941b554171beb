"""pytest configuration shared by the unit tests and the notebook validation (nbval)."""


def pytest_collectstart(collector):
    # nbval's documented hook: never compare rich outputs that differ across machines
    # (a panel's static PNG fallback, its widget view and HTML). Checked cells compare text.
    if getattr(collector, "fspath", None) is not None and collector.fspath.ext == ".ipynb":
        collector.skip_compare += ("text/html", "image/png",
                                   "application/vnd.jupyter.widget-view+json")
