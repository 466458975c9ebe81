"""Set an endpoint once: the user config file and [tool.summarize], below options and environment,
and `summarize config show` saying where each setting came from, secrets masked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.config import resolve_settings, resolve_settings_with_sources
from summarize.errors import ConfigError
from summarize.settings_file import read_project_file, settings_files, user_config_path

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user config file where platformdirs puts it (XDG_CONFIG_HOME), not yet written."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    path = tmp_path / "xdg" / "summarize" / "config.toml"
    path.parent.mkdir(parents=True)
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder to work in (its pyproject.toml not yet written), with a subfolder as cwd."""
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    monkeypatch.chdir(root / "src")
    return root


def summarize(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarize", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **env},
        timeout=120,
    )


def test_the_user_file_is_in_the_platform_config_folder(user_file: Path) -> None:
    assert user_config_path() == user_file


def test_an_endpoint_set_once_in_the_user_file_is_used(user_file: Path, project: Path) -> None:
    user_file.write_text('base-url = "http://localhost:11434/v1"\nmodel = "llama3.1"\n', encoding="utf-8")

    settings = resolve_settings(environ={})

    assert (settings.base_url, settings.model, settings.llm_configured) == (
        "http://localhost:11434/v1",
        "llama3.1",
        True,
    )


def test_options_beat_the_environment_beats_the_project_beats_the_user_file(
    user_file: Path, project: Path
) -> None:
    user_file.write_text(
        'model = "user"\ntimeout = 10\nmax-reasks = 1\ngrounding = "off"\n', encoding="utf-8"
    )
    (project / "pyproject.toml").write_text(
        '[tool.summarize]\nmodel = "project"\ntimeout = 20\nmax_reasks = 3\n', encoding="utf-8"
    )

    resolved = resolve_settings_with_sources(environ={"SUMMARIZE_TIMEOUT": "30"}, max_reasks=5)
    s = resolved.settings

    assert (s.max_reasks, s.timeout, s.model, s.grounding) == (5, 30.0, "project", "off")
    assert resolved.sources["max_reasks"] == "--max-reasks"
    assert resolved.sources["timeout"] == "env SUMMARIZE_TIMEOUT"
    assert resolved.sources["model"].endswith("project/pyproject.toml [tool.summarize]")
    assert resolved.sources["grounding"].endswith("summarize/config.toml")
    assert "engine" not in resolved.sources  # the default


def test_the_nearest_pyproject_with_a_summarize_table_wins(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.summarize]\nmodel = "outer"\n', encoding="utf-8")
    inner = project / "src"
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")  # no table: skipped

    found = read_project_file(inner)

    assert found is not None and found.path == project / "pyproject.toml"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("timeot = 3\n", "unknown setting 'timeot' (did you mean 'timeout'?)"),
        ("timeout = 0\n", "timeout=0: must be a finite number of seconds greater than 0"),
        ("timeout = \n", "not valid TOML: Invalid value (at line 1, column 11)"),
        ('fail-on = "sometimes"\n', "'sometimes' is not one of unsupported"),
    ],
)
def test_a_mistake_in_the_user_file_names_the_file_and_the_setting(
    user_file: Path, project: Path, text: str, message: str
) -> None:
    user_file.write_text(text, encoding="utf-8")

    with pytest.raises(ConfigError, match=r"summarize/config\.toml") as info:
        resolve_settings(environ={}, timeout=5)  # checked even though an option overrides it

    assert message in info.value.message


def test_the_api_key_is_refused_in_a_project_file_that_gets_committed(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.summarize]\napi_key = "sk-abcdef123"\n', encoding="utf-8")

    with pytest.raises(ConfigError, match="api_key does not belong in a project file") as info:
        resolve_settings(environ={})

    assert "sk-abcdef123" not in info.value.message


def test_summarize_config_names_a_file_that_must_exist(tmp_path: Path, project: Path) -> None:
    named = tmp_path / "team.toml"
    named.write_text('model = "team-model"\n', encoding="utf-8")

    assert resolve_settings(environ={"SUMMARIZE_CONFIG": str(named)}).model == "team-model"
    with pytest.raises(ConfigError, match=r"SUMMARIZE_CONFIG=.*no such file"):
        settings_files({"SUMMARIZE_CONFIG": str(tmp_path / "missing.toml")})


def test_no_files_are_read_when_the_api_passes_none(user_file: Path, project: Path) -> None:
    user_file.write_text('model = "user"\n', encoding="utf-8")

    assert resolve_settings(environ={}, config_files=()).model is None


def test_config_show_says_where_each_setting_came_from_with_secrets_masked(
    user_file: Path, project: Path
) -> None:
    user_file.write_text(
        'base-url = "http://bob:hunter22@localhost:11434/v1?api_key=qwerty99"\n'
        'model = "llama3.1"\napi-key = "sk-secret-123456"\n',
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text('[tool.summarize]\ngrounding = "strict"\n', encoding="utf-8")

    done = summarize(
        "config", "show", "--timeout", "9", cwd=project / "src", SUMMARIZE_MAX_REASKS="1", HOME=str(project)
    )

    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split(maxsplit=2)[1:] for line in done.stdout.splitlines()[1:-1]}
    assert rows["model"][0] == "llama3.1" and rows["model"][1].endswith("summarize/config.toml")
    assert rows["grounding"] == ["strict", "~/pyproject.toml [tool.summarize]"]
    assert rows["timeout"] == ["9", "--timeout"]
    assert rows["max-reasks"] == ["1", "env SUMMARIZE_MAX_REASKS"]
    assert rows["engine"] == ["auto", "default"]
    assert rows["api-key"][0] == "***"
    assert rows["base-url"][0] == "http://***@localhost:11434/v1?api_key=***"
    for secret in ("hunter22", "qwerty99", "sk-secret-123456", "bob"):
        assert secret not in done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].startswith("files: ~/pyproject.toml [tool.summarize]; ")


def test_config_show_as_json(user_file: Path, project: Path) -> None:
    user_file.write_text('model = "llama3.1"\n', encoding="utf-8")

    done = summarize("config", "show", "--format", "json", cwd=project)

    data = json.loads(done.stdout)
    assert data["settings"]["model"]["value"] == "llama3.1"
    assert data["settings"]["fail-on"] == {"value": "never", "from": "default"}
    assert data["files"] == [str(user_file).replace(str(Path.home()), "~", 1)]


def test_config_path_prints_where_to_create_the_file(user_file: Path, tmp_path: Path) -> None:
    done = summarize("config", "path", cwd=tmp_path)

    assert done.stdout.strip() == str(user_file)


def test_the_commands_use_the_file_without_retyping_the_endpoint(user_file: Path, project: Path) -> None:
    # An endpoint in the file makes `auto` pick it (here an unreachable one: the run fails to
    # connect, exit 6, instead of falling back to the offline engine with its notice).
    user_file.write_text(
        'base-url = "http://127.0.0.1:9/v1"\nmodel = "m"\nmax-attempts = 1\ntimeout = 2\n', encoding="utf-8"
    )
    article = project / "a.txt"
    article.write_text("Officials said the bridge was closed on Monday after cracks were found.\n")

    done = summarize(str(article), cwd=project)

    assert done.returncode == 6, done.stderr
    assert "rule-based engine" not in done.stderr
    assert "127.0.0.1:9" in done.stderr


def test_eval_uses_the_endpoint_in_the_file_too(user_file: Path, project: Path) -> None:
    user_file.write_text(
        'base-url = "http://127.0.0.1:9/v1"\nmodel = "m"\nmax-attempts = 1\ntimeout = 2\n', encoding="utf-8"
    )

    done = summarize("eval", "--engine", "openai", "--report", "r.json", "--junit", "r.xml", cwd=project)

    report = json.loads((project / "r.json").read_text(encoding="utf-8"))
    assert done.returncode == 9  # nothing summarized: the gate fails
    assert report["engine"] == "openai"
    assert "cannot connect to http://127.0.0.1:9/v1" in report["articles"][0]["error"]
