"""Draw docs/overview.png, the README's figure: one overfit curve, then L2 and L1 taming it,
and write its text alternative (what it shows, with its numbers) into the README.

    python scripts/make_readme_figure.py
"""
import re
from pathlib import Path

import numpy as np

from lessons_lib import data, linear, plots

ROOT = Path(__file__).resolve().parents[1]
README_IMAGE = re.compile(r"!\[[^\]]*\]\(docs/overview\.png\)")
DEGREE = 15
FITS = [("no penalty (λ = 0)", "l2", 0.0, plots.COLORS["black"]),
        ("L2, λ = 1e-2: everything shrinks", "l2", 1e-2, plots.L2C),
        ("L1, λ = 1e-2: most weights exactly 0", "l1", 1e-2, plots.L1C)]


def fits():
    """The data, and each fit of ``FITS`` as (title, penalty, λ, colour, weights, intercept)."""
    x, y = data.noisy_curve(15, seed=0)
    X = data.polynomial_features(x, DEGREE)
    return x, y, [(*fit, *linear.fit_linear(X, y, penalty=fit[1], lam=fit[2])) for fit in FITS]


def alt_text() -> str:
    """What the figure shows, with its numbers: the README's alt text for it."""
    x, _, (none, l2, l1) = fits()
    w0, w2, w1 = none[4], l2[4], l1[4]
    return (f"Three degree-{DEGREE} fits to the same {len(x)} noisy points on a wave, their weights "
            f"below. No penalty: the curve shoots far off the plot between the points, weights up "
            f"to {np.abs(w0).max():,.0f} in size (Σw² = {np.sum(w0**2):.2g}). L2, λ = {l2[2]:g}: a "
            f"calm curve close to the true wave, every weight at most {np.abs(w2).max():.2f} in size "
            f"(Σw² = {np.sum(w2**2):.2f}), none exactly 0. L1, λ = {l1[2]:g}: a calm curve too, "
            f"with {np.sum(w1 == 0)} of the {DEGREE} weights exactly 0 (Σw² = {np.sum(w1**2):.2f}).")


def main() -> None:
    x, y, results = fits()
    grid = np.linspace(-1, 1, 400)
    G = data.polynomial_features(grid, DEGREE)
    fig, axes = plots.new_figure(ncols=3, nrows=2, width=3.6, height=2.6)
    for col, (title, _, _, color, coef, b) in enumerate(results):
        plots.fit_plot(axes[0, col], x, y, grid, G @ coef + b, truth=data.true_curve(grid),
                       color=color, label="fit")
        axes[0, col].set_title(title, fontsize=9)
        plots.weight_bars(axes[1, col], np.clip(coef, -4, 4), color=color, ylim=(-4, 4))
        zeros = int(np.sum(coef == 0))
        clipped = " (bars clipped at ±4)" if np.abs(coef).max() > 4 else ""
        axes[1, col].set_title(f"weights{clipped}: Σw² = {np.sum(coef ** 2):.3g}, "
                               f"exact zeros = {zeros}", fontsize=9)
        if col:
            axes[0, col].get_legend().remove()
    fig.savefig(ROOT / "docs" / "overview.png", dpi=90)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    readme.write_text(README_IMAGE.sub(lambda _: f"![{alt_text()}](docs/overview.png)", text),
                      encoding="utf-8")
    print("wrote docs/overview.png and its alt text in README.md")


if __name__ == "__main__":
    main()
