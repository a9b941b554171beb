"""How long does a slider-sized retrain take on this machine?

    python benchmarks/retrain.py [--repeats 7]

Prints the median wall time (and min–max over repeats) of the retrains a live panel does:
polynomial regression by gradient descent and the small MLP, for one λ and for a whole
50-value λ grid trained at once with ``sweep.sweep``; plus the exact ridge and lasso
paths. Figures depend on the machine and its load: compare rows from the same run.
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np

from lessons_lib import data, linear, models, penalties, sweep, train


def timed(fn, repeats: int) -> tuple[float, float, float]:
    fn()                                             # warm-up (imports, caches)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(1e3 * (time.perf_counter() - t0))
    return float(np.median(times)), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    x, y = data.noisy_curve(15, seed=0)
    X = data.polynomial_features(x, 15)
    xv, yv = data.noisy_curve(100, seed=1)
    Xv = data.polynomial_features(xv, 15)
    lams = np.logspace(-6, 1, 50)
    mlp_x, mlp_xv = x[:, None], xv[:, None]
    l1_lams = linear.lam_max(X, y) * np.logspace(0, -4, 50)

    cases = [
        ("polynomial deg 15, GD 300 steps, one λ",
         lambda: train.train(models.LinearRegression(15), X, y, lr=0.1, steps=300,
                             penalty=penalties.l2(1e-3), X_val=Xv, y_val=yv)),
        ("polynomial deg 15, GD 300 steps, 50-λ sweep",
         lambda: sweep.sweep(models.LinearRegression(15), X, y, lams=lams, lr=0.1, steps=300,
                             X_val=Xv, y_val=yv)),
        ("MLP 1-32-32-1, Adam 300 steps (val every 10), one λ",
         lambda: train.train(models.MLP((1, 32, 32, 1), seed=0), mlp_x, y, lr=0.01, steps=300,
                             optimizer="adam", penalty=penalties.l2(1e-3), X_val=mlp_xv, y_val=yv)),
        ("MLP 1-32-32-1, Adam 300 steps (val every 10), 50 λ",
         lambda: sweep.sweep(models.MLP((1, 32, 32, 1), seed=0), mlp_x, y, lams=lams, lr=0.01,
                             steps=300, optimizer="adam", X_val=mlp_xv, y_val=yv, eval_every=10)),
        ("exact ridge path, 50 λ",
         lambda: linear.regularization_path(X, y, lams, penalty="l2")),
        ("exact lasso path, 50 λ (lam_max … 1e-4·lam_max)",
         lambda: linear.regularization_path(X, y, l1_lams, penalty="l1")),
    ]
    load = os.getloadavg()[0]
    print(f"retrain times on {os.cpu_count()} cores (load average {load:.2f}), "
          f"{args.repeats} repeats after a warm-up")
    print(f"{'case':48s} {'median ms':>10s} {'min–max ms':>16s} {'per λ ms':>9s}")
    for name, fn in cases:
        med, lo, hi = timed(fn, args.repeats)
        per = med / 50 if "50" in name else med
        print(f"{name:48s} {med:10.1f} {lo:7.1f} – {hi:6.1f} {per:9.2f}")


if __name__ == "__main__":
    main()
