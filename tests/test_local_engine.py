"""The local engine without a real model: model lookup, the server's command line and environment,
and what the engine reports when its server is gone. Tests with the real server: test_local_engine_live.py.
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from summarize.article import Article
from summarize.config import resolve_settings
from summarize.engines import local
from summarize.engines.llama_server import (
    LOOPBACK,
    LlamaServer,
    ServerConfig,
    free_loopback_port,
    server_command,
    server_environment,
)
from summarize.errors import ConfigError, LocalServerError


def test_server_environment_drops_variables_that_reconfigure_the_server() -> None:
    environ = {"PATH": "/usr/bin", "API_KEY": "secret", "Port": "9999", "HOST": "0.0.0.0", "n_ctx": "1"}
    reserved = frozenset({"api_key", "n_ctx", "host", "port"})

    assert server_environment(environ, reserved) == {"PATH": "/usr/bin"}


def test_server_command_listens_on_loopback_with_the_requested_context(tmp_path: Path) -> None:
    config = ServerConfig(model_path=tmp_path / "m.gguf", model_alias="tiny", context_tokens=4096, threads=2)

    command = server_command(config, 54321)

    options = dict(zip(command[3::2], command[4::2], strict=True))
    assert command[1:3] == ["-m", "llama_cpp.server"]
    assert options["--host"] == LOOPBACK
    assert options["--port"] == "54321"
    assert options["--n_ctx"] == "4096"
    assert options["--model_alias"] == "tiny"
    assert options["--n_threads"] == "2"


def test_free_loopback_port_can_be_bound() -> None:
    port = free_loopback_port()

    with socket.socket() as listener:
        listener.bind((LOOPBACK, port))


def test_missing_default_model_names_the_extra_and_gguf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "DEFAULT_MODEL", local.BundledModel("no-such-distribution", "x.gguf", "x"))

    with pytest.raises(ConfigError, match=r"summarize\[local\].*--gguf"):
        local.server_config_for(resolve_settings(environ={}, engine="local"))


def test_gguf_setting_overrides_the_default_model(tmp_path: Path) -> None:
    model = tmp_path / "My-Model.Q4_K_M.gguf"
    model.write_bytes(b"GGUF")

    config = local.server_config_for(
        resolve_settings(environ={}, engine="local", gguf=model, context_tokens=2048)
    )

    assert (config.model_path, config.model_alias, config.context_tokens) == (model, "My-Model.Q4_K_M", 2048)


def test_missing_gguf_file_is_a_config_error(tmp_path: Path) -> None:
    settings = resolve_settings(environ={}, engine="local", gguf=tmp_path / "absent.gguf")

    with pytest.raises(ConfigError, match=r"absent\.gguf"):
        local.server_config_for(settings)


def test_starting_without_a_model_file_fails_before_spawning(tmp_path: Path) -> None:
    server = LlamaServer(
        ServerConfig(model_path=tmp_path / "absent.gguf", model_alias="x", context_tokens=512)
    )

    with pytest.raises(ConfigError, match=r"absent\.gguf"):
        server.start()
    assert server.pid is None


class DeadServer:
    """A server that started, then died: nothing listens on its port any more."""

    def __init__(self) -> None:
        self.config = ServerConfig(model_path=Path("unused.gguf"), model_alias="tiny", context_tokens=8192)
        self.port = free_loopback_port()
        self.stopped = False

    def start(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/v1"

    def stop(self) -> None:
        self.stopped = True

    def is_running(self) -> bool:
        return False

    def stderr_tail(self) -> str:
        return "server output (last lines):\nGGML_ASSERT failed"


def test_a_dead_server_is_reported_with_its_output_and_is_stopped() -> None:
    settings = resolve_settings(environ={}, engine="local", max_attempts=1, max_retry_seconds=1)
    server = DeadServer()
    engine = local.LocalEngine(settings, server=server)

    with pytest.raises(LocalServerError, match="GGML_ASSERT failed") as raised:
        engine.summarize(Article("Some article text.", "a.txt"))
    engine.close()

    assert "a.txt" in str(raised.value)
    assert server.stopped


def test_local_engine_reports_the_served_model_and_context() -> None:
    settings = resolve_settings(environ={}, engine="local")
    server = DeadServer()

    with local.LocalEngine(settings, server=server) as engine:
        assert (engine.name, engine.model, engine.context_tokens) == ("local", "tiny", 8192)
    assert server.stopped
