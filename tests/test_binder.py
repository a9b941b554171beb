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


def test_post_build_fails_loudly_and_installs_the_package():
    post = ROOT / "binder" / "postBuild"
    lines = post.read_text().splitlines()
    assert lines[0].startswith("#!"), "postBuild needs a shebang"
    assert "set -e" in lines[:3], "postBuild must start with `set -e` or errors are ignored"
    assert any("pip install" in line and "-e ." in line for line in lines)
    assert post.stat().st_mode & 0o111, "postBuild must be executable"


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


def test_start_script_passes_control_on():
    start = ROOT / "binder" / "start"
    text = start.read_text()
    assert text.startswith("#!") and 'exec "$@"' in text, "binder/start must end with exec \"$@\""
    assert start.stat().st_mode & 0o111, "binder/start must be executable"
