"""The Binder environment is well formed and in step with requirements.txt."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#")[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_requirements_match_the_course():
    assert requirement_lines(ROOT / "binder" / "requirements.txt") == \
        requirement_lines(ROOT / "requirements.txt"), \
        "binder/requirements.txt drifted from requirements.txt: copy the requirement lines over."


def test_runtime_pins_a_supported_python():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime in {"python-3.11", "python-3.12"}, runtime


def _fake_python(tmp_path, exit_code: int) -> dict:
    """A PATH whose ``python`` records its arguments and exits with ``exit_code``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/calls"\nexit {exit_code}\n')
    fake.chmod(0o755)
    return {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)}


def test_post_build_installs_the_package(tmp_path):
    """Run as repo2docker runs it, in the repository: it installs lessons_lib, editable."""
    env = _fake_python(tmp_path, 0)
    run = subprocess.run([str(ROOT / "binder" / "postBuild")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "-m pip install --no-deps -e ." in (tmp_path / "calls").read_text()


def test_post_build_fails_loudly(tmp_path):
    """A failing install fails the Binder build (repo2docker ignores errors without set -e)."""
    env = _fake_python(tmp_path, 3)
    run = subprocess.run([str(ROOT / "binder" / "postBuild")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0


def test_start_sets_one_blas_thread_and_runs_the_command():
    run = subprocess.run([str(ROOT / "binder" / "start"), "sh", "-c",
                          'echo "$OPENBLAS_NUM_THREADS $OMP_NUM_THREADS"'],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == "1 1"


def test_readme_badge_opens_the_first_notebook():
    readme = (ROOT / "README.md").read_text()
    first = sorted(p.name for p in (ROOT / "notebooks").glob("00_*.ipynb"))[0]
    assert f"urlpath=lab/tree/notebooks/{first}" in readme


def test_repo2docker_generates_a_dockerfile():
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    if not exe.exists():
        exe = shutil.which("jupyter-repo2docker")
    if exe is None:
        pytest.skip("jupyter-repo2docker is not installed (pip install -r requirements-test.txt)")
    out = subprocess.run([str(exe), "--no-build", str(ROOT)], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    dockerfile = out.stdout
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip().split("-")[1]
    assert f"python={runtime}" in out.stderr + dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
