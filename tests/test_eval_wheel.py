"""The eval works from an installed wheel, not only from this checkout.

Builds the wheel, installs it (no dependencies) into a fresh virtual environment that borrows
this environment's site-packages for the dependencies (nothing downloaded), and, from a
temporary folder far from the checkout, scaffolds an eval folder, records it against a real
loopback endpoint, replays it offline and checks that the gate passes, then fails on a floor
(exit 9) and on a regression (exit 12).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from tests.summary_server import eval_folder_answers, serve_answers

REPO = Path(__file__).resolve().parent.parent


def _venv_with_wheel(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)]
    if importlib.util.find_spec("hatchling") is not None:
        build.insert(4, "--no-build-isolation")
    subprocess.run(build, check=True, timeout=300)
    (wheel,) = dist.glob("summarize-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # The dependencies come from this environment, after the venv's own site-packages.
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "shared-dependencies.pth").write_text("\n".join(sorted(shared)) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return venv


def test_an_installed_wheel_scaffolds_records_replays_and_gates(tmp_path: Path) -> None:
    venv = _venv_with_wheel(tmp_path)
    work = tmp_path / "project"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZE_", "PYTHON"))}
    env.pop("CI", None)
    summarize = str(venv / "bin" / "summarize")

    def run(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [summarize, *args],
            cwd=work,
            env={**env, **extra_env},
            capture_output=True,
            text=True,
            timeout=300,
        )

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import summarize; print(summarize.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(venv)), f"summarize imported from {where}, not the wheel"

    assert run("eval", "init", "evals").returncode == 0
    evals = work / "evals"
    assert run("eval", "validate").returncode == 0

    def record(answer: Any, *extra: str, expect: int = 0) -> None:
        with serve_answers(answer) as (url, _):
            key = "sk-wheel-test-0123456789"
            done = run("eval", "--record", "--base-url", url, *extra, OPENAI_API_KEY=key)
        assert done.returncode == expect, done.stderr

    perfect = eval_folder_answers(evals)
    record(perfect, "--update-baseline")

    replay = run("eval", CI="true")  # the server is gone: only the recordings can answer
    assert replay.returncode == 0, replay.stderr
    assert "replaying, offline" in replay.stderr
    assert (work / "reports" / "eval-openai.md").read_text(encoding="utf-8").startswith("## ✅")

    def without_uncertainties(body: dict[str, Any]) -> Any:
        summary = perfect(body)
        return {**summary, "uncertainties": []} if "event" in summary else summary

    record(without_uncertainties, expect=12)  # the recording run gates too
    regressed = run("eval", CI="true")
    assert regressed.returncode == 12, regressed.stderr
    assert "uncertainties F1 vs baseline" in regressed.stderr

    thresholds = evals / "thresholds.yaml"
    thresholds.write_text(
        thresholds.read_text(encoding="utf-8").replace("event: 0.5", "event: 0.5\n      uncertainties: 0.9"),
        encoding="utf-8",
    )
    under_floor = run("eval", CI="true")
    assert under_floor.returncode == 9, under_floor.stderr
    assert "uncertainties F1 floor" in under_floor.stderr


@pytest.mark.parametrize(
    "name",
    ["template/README.md", "template/cases/example_ferry_fares.yaml", "template/ci/summarize-eval.yml"],
)
def test_the_template_ships_inside_the_package(name: str) -> None:
    from importlib import resources

    assert resources.files("summarize.evaluation").joinpath(name).is_file()
