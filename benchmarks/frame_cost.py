"""Where a panel's cell time goes: the cost of one frame, split into its parts.

    .venv/bin/python benchmarks/frame_cost.py notebooks/03_l2.ipynb [more notebooks ...]

Runs each notebook's code cells in this process (serial rendering, no worker processes)
and, for every panel, prints the frames it rendered and the milliseconds per frame spent
in the lesson's ``draw`` function, in ``canvas.draw`` (matplotlib), and in PNG encoding.
Then it draws the default frame's figure again with the axes' furniture hidden (ticks,
tick labels and axis labels), to show what share of ``canvas.draw`` that furniture costs:
the lever for a faster cell, since most panels keep their axis limits fixed.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
import time
from pathlib import Path

os.environ["LESSONS_FRAME_WORKERS"] = "1"
import matplotlib  # noqa: E402

matplotlib.use("agg")
import nbformat  # noqa: E402

from lessons_lib import render  # noqa: E402


def canvas_ms(canvas, repeats: int = 5) -> float:
    t0 = time.perf_counter()
    for _ in range(repeats):
        canvas.draw()
    return (time.perf_counter() - t0) / repeats * 1e3


def profile(path: Path) -> None:
    panels = []
    original_init, original_encode = render.FrameRenderer.__init__, render.encode_png

    def timed(part, stats, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                stats[part] += time.perf_counter() - t0
        return wrapper

    def init(self, fig, draw):
        stats = {"draw": 0.0, "canvas": 0.0, "encode": 0.0, "frames": 0}
        panels.append((self, stats))

        def counted(**values):
            stats["frames"] += 1
            return draw(**values)
        original_init(self, fig, timed("draw", stats, counted))
        self.canvas.draw = timed("canvas", stats, self.canvas.draw)

    def encode(canvas, *args, **kwargs):
        stats = next(s for r, s in panels if r.canvas is canvas)
        return timed("encode", stats, original_encode)(canvas, *args, **kwargs)

    render.FrameRenderer.__init__, render.encode_png = init, encode
    namespace: dict = {}
    cells = nbformat.read(path, as_version=4).cells
    cwd = os.getcwd()
    try:
        os.chdir(path.parent)             # the notebooks run from their own folder
        with contextlib.redirect_stdout(io.StringIO()):
            for cell in cells:
                if cell.cell_type == "code":
                    lines = [ln for ln in cell.source.splitlines()
                             if not ln.lstrip().startswith(("%", "!"))]
                    exec(compile("\n".join(lines), f"{path.name} cell", "exec"), namespace)
    finally:
        os.chdir(cwd)
        render.FrameRenderer.__init__, render.encode_png = original_init, original_encode
    for k, (renderer, stats) in enumerate(panels):
        n = max(stats.pop("frames"), 1)
        per = {part: seconds / n * 1e3 for part, seconds in stats.items()}
        full = canvas_ms(renderer.canvas)
        hidden = []
        for ax in renderer.fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                if axis.get_visible():
                    axis.set_visible(False)
                    hidden.append(axis)
        bare = canvas_ms(renderer.canvas)
        for axis in hidden:
            axis.set_visible(True)
        print(f"{path.stem} panel {k}: {n} frames; per frame: draw {per['draw']:.0f} ms, "
              f"canvas.draw {per['canvas']:.0f} ms, encode {per['encode']:.0f} ms | "
              f"canvas.draw of the last frame {full:.0f} ms, {bare:.0f} ms without the axes' "
              f"ticks and labels ({1 - bare / full:.0%} of it is furniture)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name in sys.argv[1:]:
        profile(Path(name))
