"""Write tests/data/torch_reference.npz: torch.optim trajectories that test_optim.py must match.

torch is not a dependency of the course, so run this once in a throwaway venv::

    python3 -m venv /tmp/torchvenv
    /tmp/torchvenv/bin/pip install torch==2.13.0 numpy      # the CPU build is enough
    /tmp/torchvenv/bin/python tests/make_torch_reference.py

The problem (two logistic-regression heads on fixed data), its closed-form gradient and
the optimizer configurations are plain numpy and live only here: ``test_optim.py`` loads
this file and recomputes exactly the same gradients, step after step, for its own
optimizers. Everything is float64; torch runs its single-tensor path (``foreach=False``).

The ``mlp_*`` entries check ``lessons_lib.optim``'s own recipe end to end: a tanh MLP
(3, 8, 8, 1) on fixed data, weights decayed and biases not (two param groups), gradients
from torch's autograd here and from the course's hand-written backprop in the test.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name("data") / "torch_reference.npz"
STEPS = 300
SNAPSHOTS = (1, 2, 10, 100, 300)      # steps after which the parameters are recorded
K = 3                                 # models along the leading axis in the "batched" configs

# name: (optimizer, options, groups or None, batched). A group lists parameter names.
CONFIGS = {
    "sgd": ("SGD", dict(lr=0.5), None, False),
    "sgd_momentum_wd": ("SGD", dict(lr=0.2, momentum=0.9, weight_decay=0.05), None, False),
    "sgd_dampening": ("SGD", dict(lr=0.3, momentum=0.8, dampening=0.3, weight_decay=0.02), None, False),
    "sgd_nesterov": ("SGD", dict(lr=0.2, momentum=0.9, nesterov=True, weight_decay=0.01), None, False),
    "sgd_groups": ("SGD", dict(lr=0.3, momentum=0.9),
                   [dict(params=["weight"], weight_decay=0.1),
                    dict(params=["bias"], lr=0.1, momentum=0.5)], False),
    "adam": ("Adam", dict(lr=0.05), None, False),
    # eps=1e-3 matters here: once Adam + L2 sits at the minimum, v shrinks, lr/√v grows and with
    # a tiny eps the iteration turns unstable, amplifying rounding differences ~2x per step.
    "adam_wd": ("Adam", dict(lr=0.05, betas=(0.8, 0.99), eps=1e-3, weight_decay=0.1), None, False),
    "adam_amsgrad": ("Adam", dict(lr=0.05, weight_decay=0.01, amsgrad=True), None, False),
    "adamw": ("AdamW", dict(lr=0.05), None, False),
    "adamw_groups": ("AdamW", dict(lr=0.05, weight_decay=0.5),
                     [dict(params=["weight"]), dict(params=["bias"], weight_decay=0.0, lr=0.02)], False),
    "adamw_amsgrad": ("AdamW", dict(lr=0.05, betas=(0.5, 0.9), weight_decay=0.2, amsgrad=True),
                      None, False),
    "sgd_batched": ("SGD", dict(lr=0.2, momentum=0.9, weight_decay=0.05), None, True),
    "adamw_batched": ("AdamW", dict(lr=0.05, weight_decay=0.3), None, True),
}


# name: (optimizer, options). The groups are always decay_groups': weights, then biases at 0.
MLP_SIZES = (3, 8, 8, 1)
MLP_WEIGHT_DECAY = 0.1
MLP_CONFIGS = {
    "mlp_sgd_momentum": ("SGD", dict(lr=0.05, momentum=0.9)),
    "mlp_adam": ("Adam", dict(lr=1e-2)),
    "mlp_adamw": ("AdamW", dict(lr=1e-2)),
}


def make_mlp_problem(seed: int = 1) -> dict[str, np.ndarray]:
    """Fixed data ``X`` (30, 3), targets ``y`` (30,) and the MLP's initial parameters, by name."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((30, 3))
    y = np.sin(X @ np.array([1.0, -2.0, 0.5])) + 0.1 * rng.standard_normal(30)
    params = {}
    for i, (fan_in, fan_out) in enumerate(zip(MLP_SIZES[:-1], MLP_SIZES[1:]), start=1):
        params[f"fc{i}.weight"] = rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)
        params[f"fc{i}.bias"] = 0.1 * rng.standard_normal(fan_out)
    return {"X": X, "y": y, **params}


def mlp_names() -> list[str]:
    """The MLP's parameter names in model order (fc1.weight, fc1.bias, …)."""
    return [f"fc{i}.{kind}" for i in range(1, len(MLP_SIZES)) for kind in ("weight", "bias")]


def run_torch_mlp(name: str, problem: dict) -> dict[str, np.ndarray]:
    """Train the MLP with ``torch.optim`` and autograd; return ``{param name: snapshots}``."""
    import torch

    opt_name, options = MLP_CONFIGS[name]
    t = {n: torch.tensor(problem[n], dtype=torch.float64, requires_grad=True) for n in mlp_names()}
    X = torch.tensor(problem["X"], dtype=torch.float64)
    y = torch.tensor(problem["y"], dtype=torch.float64)
    groups = [{"params": [t[n] for n in mlp_names() if n.endswith("weight")],
               "weight_decay": MLP_WEIGHT_DECAY},
              {"params": [t[n] for n in mlp_names() if n.endswith("bias")], "weight_decay": 0.0}]
    opt = getattr(torch.optim, opt_name)(groups, foreach=False, **options)
    layers = len(MLP_SIZES) - 1
    snaps = {n: [] for n in t}
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        a = X
        for i in range(1, layers + 1):
            a = a @ t[f"fc{i}.weight"] + t[f"fc{i}.bias"]
            if i < layers:
                a = torch.tanh(a)
        torch.mean((a[:, 0] - y) ** 2).backward()
        opt.step()
        if step in SNAPSHOTS:
            for n, p in t.items():
                snaps[n].append(p.detach().numpy().copy())
    return {n: np.stack(s) for n, s in snaps.items()}


def make_problem(seed: int = 0) -> dict[str, np.ndarray]:
    """Fixed data ``X`` (40, 5), 0/1 targets ``y`` (40, 2) and initial parameters."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((40, 5))
    y = (X @ rng.standard_normal((5, 2)) + rng.standard_normal((40, 2)) > 0).astype(float)
    return {"X": X, "y": y, "weight": 0.5 * rng.standard_normal((K, 5, 2)),
            "bias": 0.5 * rng.standard_normal((K, 2))}


def initial_params(problem: dict, batched: bool) -> dict[str, np.ndarray]:
    """Fresh copies of the starting parameters (all K models, or the first one)."""
    return {name: (problem[name] if batched else problem[name][0]).copy() for name in ("weight", "bias")}


def gradient(params: dict[str, np.ndarray], X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    """Gradient of the mean logistic loss of ``sigmoid(X @ weight + bias)`` vs ``y``.

    Broadcasts over a leading model axis of ``weight`` (…, 5, 2) and ``bias`` (…, 2).
    """
    z = X @ params["weight"] + params["bias"][..., None, :]
    dz = (0.5 * (1.0 + np.tanh(0.5 * z)) - y) / y.size         # sigmoid(z) − y, averaged
    return {"weight": X.T @ dz, "bias": dz.sum(axis=-2)}


def param_names(config: tuple) -> list[str]:
    """Parameter names in optimizer order (groups concatenated)."""
    groups = config[2]
    return ["weight", "bias"] if groups is None else [n for g in groups for n in g["params"]]


def build_params(config: tuple, params: dict) -> list:
    """The ``params`` argument for an optimizer: a list, or param-group dicts."""
    groups = config[2]
    if groups is None:
        return [params[n] for n in param_names(config)]
    return [{**g, "params": [params[n] for n in g["params"]]} for g in groups]


def run_torch(name: str, problem: dict) -> dict[str, np.ndarray]:
    """Run ``torch.optim`` on one configuration; return ``{param name: snapshots}``."""
    import torch

    config = CONFIGS[name]
    opt_name, options, _, batched = config
    tensors = {n: torch.tensor(a, dtype=torch.float64, requires_grad=True)
               for n, a in initial_params(problem, batched).items()}
    opt = getattr(torch.optim, opt_name)(build_params(config, tensors), foreach=False, **options)
    snaps = {n: [] for n in tensors}
    for t in range(1, STEPS + 1):
        current = {n: p.detach().numpy() for n, p in tensors.items()}
        for n, g in gradient(current, problem["X"], problem["y"]).items():
            tensors[n].grad = torch.from_numpy(np.ascontiguousarray(g))
        opt.step()
        if t in SNAPSHOTS:
            for n, p in tensors.items():
                snaps[n].append(p.detach().numpy().copy())
    return {n: np.stack(s) for n, s in snaps.items()}


def main() -> None:
    import torch

    torch.set_default_dtype(torch.float64)
    problem = make_problem()
    out = {**problem, "torch_version": np.array(torch.__version__),
           "numpy_version": np.array(np.__version__)}
    for name in CONFIGS:
        for n, s in run_torch(name, problem).items():
            out[f"{name}/{n}"] = s
    mlp = make_mlp_problem()
    out.update({f"mlp/{k}": v for k, v in mlp.items()})
    for name in MLP_CONFIGS:
        for n, s in run_torch_mlp(name, mlp).items():
            out[f"{name}/{n}"] = s
    OUT.parent.mkdir(exist_ok=True)
    np.savez_compressed(OUT, **out)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.1f} KB) with torch {torch.__version__}")


if __name__ == "__main__":
    main()
