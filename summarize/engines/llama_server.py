"""Runs llama-cpp-python's OpenAI-compatible server as a child process and guarantees it stops.

The server lives in its own process group on a free loopback port. It is stopped by
:meth:`LlamaServer.stop`, by an ``atexit`` hook, when this process gets SIGTERM or SIGHUP
(turned into ``SystemExit`` so ``finally`` blocks and ``atexit`` run), and on Linux by the
kernel when this process dies without cleaning up (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from ..errors import ConfigError, LocalServerError

LOOPBACK = "127.0.0.1"
STDERR_TAIL_LINES = 25
_PR_SET_PDEATHSIG = 1
# Names read from the environment by uvicorn.run in llama_cpp.server.__main__, on top of
# the pydantic-settings fields: a stray HOST or PORT would override our command line.
_UVICORN_ENV = frozenset({"host", "port", "config_file"})
# The user's credentials for remote endpoints: the local server has no use for them.
_CREDENTIALS_ENV = frozenset({"openai_api_key", "openai_base_url"})
_SignalHandler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


@dataclass(frozen=True)
class ServerConfig:
    """How to start one llama.cpp server."""

    model_path: Path
    model_alias: str
    context_tokens: int
    threads: int | None = None
    startup_timeout: float = 180.0
    # Seconds between SIGTERM and SIGKILL: an idle server exits at once, a generating one
    # would finish its answer first, which nobody is waiting for any more.
    stop_timeout: float = 3.0


def available_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_threads() -> int:
    """Half the cores, as llama.cpp itself defaults to.

    llama.cpp's threads spin while they wait for each other, so when anything else needs a core
    a thread per core collapses: on 2 shared cores, 2 threads generated 3.1 tokens/s against
    39.4 with 1 thread (bench/local_models.py --threads N).
    """
    return max(1, available_cores() // 2)


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        port: int = probe.getsockname()[1]
        return port


def server_settings_names() -> frozenset[str]:
    """Lower-case names the server reads from the environment; fails clearly without the extra."""
    try:
        from llama_cpp.server.settings import ModelSettings, ServerSettings
    except ImportError as exc:
        raise ConfigError(
            "the local engine needs llama-cpp-python's server: pip install 'summarize[local]'",
            original=exc,
        ) from exc
    fields = set(ModelSettings.model_fields) | set(ServerSettings.model_fields)
    return frozenset(name.lower() for name in fields) | _UVICORN_ENV | _CREDENTIALS_ENV


def server_environment(environ: Mapping[str, str], reserved: frozenset[str]) -> dict[str, str]:
    """The child's environment without variables that would silently reconfigure the server.

    pydantic-settings reads every setting (API_KEY, MODEL, N_CTX, ...) from the environment,
    so a user's unrelated API_KEY would otherwise switch on authentication.
    """
    return {key: value for key, value in environ.items() if key.lower() not in reserved}


def server_command(config: ServerConfig, port: int) -> list[str]:
    """The command line that starts the server for ``config`` on ``port``."""
    threads = config.threads or default_threads()
    return [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(config.model_path),
        "--model_alias",
        config.model_alias,
        "--host",
        LOOPBACK,
        "--port",
        str(port),
        "--n_ctx",
        str(config.context_tokens),
        "--n_threads",
        str(threads),
        "--n_threads_batch",
        str(threads),
    ]


def _die_with_parent(parent_pid: int) -> Callable[[], None]:
    """A preexec hook asking Linux to kill the child when the process that started it dies."""
    libc = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None

    def arrange() -> None:
        if libc is not None:
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        # The parent may have died between fork and prctl; then nobody would stop us.
        if os.getppid() != parent_pid:
            os._exit(1)

    return arrange


class LlamaServer:
    """One llama.cpp server child process: start, wait until it answers, stop without orphans."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        # Re-entrant: a signal may interrupt stop() and atexit then calls it again in the same thread.
        self._lock = threading.RLock()
        self._restore_signals: dict[int, _SignalHandler] = {}

    @property
    def base_url(self) -> str:
        """The OpenAI-compatible base URL (``http://127.0.0.1:PORT/v1``)."""
        if self.port is None:
            raise LocalServerError("the llama.cpp server has not been started")
        return f"http://{LOOPBACK}:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process is not None else None

    def is_running(self) -> bool:
        """True while the server process is alive."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> str:
        """Start the server and block until it answers; return its base URL."""
        if not self.config.model_path.is_file():
            raise ConfigError(f"{self.config.model_path}: no such GGUF model file")
        reserved = server_settings_names()
        # Registered before the child exists, so an interrupt at any later point still stops it.
        atexit.register(self.stop)
        self._install_signal_handlers()
        self.port = free_loopback_port()
        # Kept open for the server's lifetime (closed in stop()), so no context manager.
        self._stderr = tempfile.TemporaryFile(prefix="summarize-llama-server-")  # noqa: SIM115
        use_pdeathsig = threading.current_thread() is threading.main_thread()
        try:
            self._process = subprocess.Popen(
                server_command(self.config, self.port),
                stdin=subprocess.DEVNULL,
                stdout=self._stderr,
                stderr=self._stderr,
                env=server_environment(os.environ, reserved),
                # Own process group: Ctrl-C in the terminal reaches only us, and stop() can
                # signal the server together with anything it spawned.
                start_new_session=True,
                # PDEATHSIG fires when the *thread* that forked exits, so only the main thread asks.
                preexec_fn=_die_with_parent(os.getpid()) if use_pdeathsig else None,
            )
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self.base_url

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + self.config.startup_timeout
        models_url = f"{self.base_url}/models"
        while True:
            if not self.is_running():
                code = self._process.returncode if self._process is not None else None
                raise LocalServerError(
                    f"the llama.cpp server exited with status {code} before answering.\n{self.stderr_tail()}"
                )
            if self._answers(models_url):
                return
            if time.monotonic() > deadline:
                raise LocalServerError(
                    f"the llama.cpp server did not answer {models_url} within "
                    f"{self.config.startup_timeout:.0f} s.\n{self.stderr_tail()}"
                )
            time.sleep(0.2)

    @staticmethod
    def _answers(models_url: str) -> bool:
        try:
            with urllib.request.urlopen(models_url, timeout=2) as response:
                payload = json.load(response)
        except (urllib.error.URLError, ConnectionError, TimeoutError, ValueError):
            return False
        return isinstance(payload, dict) and "data" in payload

    def stderr_tail(self, lines: int = STDERR_TAIL_LINES) -> str:
        """The last lines the server wrote, for error messages."""
        if self._stderr is None or self._stderr.closed:
            return "(no server output)"
        self._stderr.flush()
        self._stderr.seek(0)
        text = self._stderr.read().decode("utf-8", "replace")
        tail = text.splitlines()[-lines:]
        return "server output (last lines):\n" + "\n".join(tail) if tail else "(no server output)"

    def stop(self) -> None:
        """Stop the server and everything in its process group; safe to call more than once."""
        with self._lock:
            process = self._process
            if process is not None and process.poll() is None:
                self._signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=self.config.stop_timeout)
                except subprocess.TimeoutExpired:
                    pass
                finally:
                    # uvicorn waits for a running generation before it exits; and a second
                    # Ctrl-C may interrupt the wait above. Either way, the server must go.
                    if process.poll() is None:
                        self._signal_group(process.pid, signal.SIGKILL)
                        process.wait()
            self._process = None
            if self._stderr is not None:
                self._stderr.close()
                self._stderr = None
            self._uninstall_signal_handlers()
            atexit.unregister(self.stop)

    @staticmethod
    def _signal_group(pid: int, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signum)

    def _install_signal_handlers(self) -> None:
        # Python's default for SIGTERM/SIGHUP kills the interpreter without running finally
        # blocks or atexit, which would orphan the server; SIGINT already raises KeyboardInterrupt.
        if threading.current_thread() is not threading.main_thread():
            return
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) is signal.SIG_DFL:
                self._restore_signals[signum] = signal.signal(signum, _exit_on_signal)

    def _uninstall_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum, previous in self._restore_signals.items():
            if signal.getsignal(signum) is _exit_on_signal:
                signal.signal(signum, previous)
        self._restore_signals.clear()

    def __enter__(self) -> LlamaServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
