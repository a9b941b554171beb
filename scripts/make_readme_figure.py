"""Draw docs/overview.png, the README's figure: one overfit curve, then L2 and L1 taming it.

    python scripts/make_readme_figure.py
"""
from pathlib import Path

import numpy as np

from lessons_lib import data, linear, plots

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    x, y = data.noisy_curve(15, seed=0)
    degree = 15
    X = data.polynomial_features(x, degree)
    grid = np.linspace(-1, 1, 400)
    G = data.polynomial_features(grid, degree)
    fits = [("no penalty (λ = 0)", "l2", 0.0, plots.COLORS["black"]),
            ("L2, λ = 1e-2: everything shrinks", "l2", 1e-2, plots.L2C),
            ("L1, λ = 1e-2: most weights exactly 0", "l1", 1e-2, plots.L1C)]
    fig, axes = plots.new_figure(ncols=3, nrows=2, width=3.6, height=2.6)
    for col, (title, penalty, lam, color) in enumerate(fits):
        coef, b = linear.fit_linear(X, y, penalty=penalty, lam=lam)
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
    print("wrote docs/overview.png")


if __name__ == "__main__":
    main()
