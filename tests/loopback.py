"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, in a thread, for the fault tier.

Unlike tests/fakes.py (an in-memory transport), this is a real socket server, so timeouts,
trickles, dropped connections and a dead server happen exactly as they would on a network.
Every chat request gets the next scripted action; ``/v1/models`` always answers.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.fakes import chat_completion, for_request

MODEL = "loopback-model"
# Bounds so that no scripted misbehaviour can outlive its test.
MAX_HANG_SECONDS = 30.0
MAX_TRICKLE_SECONDS = 60.0

Action = tuple[Any, ...]
_NUMBERED = re.compile(r"^\[\d+\] ")
_FENCED = re.compile(r"<(article-[a-z]{8})>\n(.*)\n</\1>", re.DOTALL)


def fenced_article(body: dict[str, Any]) -> str:
    """The article text a summarize request carries (between its fence tags)."""
    for message in body.get("messages", []):
        found = _FENCED.search(str(message.get("content", "")))
        if found:
            return _unnumbered(found.group(2))
    raise ValueError("no fenced article in the request")


def fenced_sentences(body: dict[str, Any]) -> list[str]:
    """The lines a summarize request shows between its fence tags, sentence numbers removed."""
    for message in body.get("messages", []):
        found = _FENCED.search(str(message.get("content", "")))
        if found:
            return [_NUMBERED.sub("", line) for line in found.group(2).splitlines() if line.strip()]
    raise ValueError("no fenced article in the request")


def _unnumbered(fenced: str) -> str:
    """The article as text: numbered sentences (``--evidence ids``) joined back into paragraphs."""
    paragraphs = fenced.split("\n\n")
    if not all(_NUMBERED.match(line) for paragraph in paragraphs for line in paragraph.splitlines()):
        return fenced
    return "\n\n".join(
        " ".join(_NUMBERED.sub("", line) for line in paragraph.splitlines()) for paragraph in paragraphs
    )


def rules_model(body: dict[str, Any]) -> Action:
    """A stand-in model that reads the article it is sent: the rule-based summary of it."""
    from summarize.engines.rules import summarize_text

    return ("summary", summarize_text(fenced_article(body)).model_dump(mode="json"))


def completion(content: str, *, finish_reason: str = "stop") -> bytes:
    """A chat completion whose message carries ``content`` (never a tool call)."""
    reply = chat_completion(
        {"model": MODEL}, content, finish_reason=finish_reason, reply_id="chatcmpl-loopback"
    )
    return json.dumps(reply).encode()


@dataclass
class ScriptedServer:
    """Answers chat requests with scripted actions.

    ("summary", dict)             200 with that JSON as the model's answer
    ("content", str)              200 with that text as the model's answer
    ("truncated", str)            200, finish_reason "length"
    ("status", code, headers)     that status with a JSON error (headers e.g. {"Retry-After": "1"})
    ("echo_auth", code)           that status with the request's Authorization header in the body
    ("html",)                     200 text/html: a proxy's error page
    ("hang", seconds)             accept, then say nothing
    ("trickle", seconds_per_byte) a valid answer, one byte at a time
    ("close_mid",)                headers and half the body, then close the connection
    ("die",)                      stop the whole server (a crash mid-batch)
    ("after", seconds, action)    wait (a model's latency), then do ``action``

    With ``respond``, each chat request's action is ``respond(body)`` instead of the script's next.
    Arrival times and the most requests in flight at once are recorded (concurrency tests).
    """

    script: list[Action]
    respond: Callable[[dict[str, Any]], Action] | None = None
    chat_bodies: list[dict[str, Any]] = field(default_factory=list)
    arrivals: list[tuple[float, str]] = field(default_factory=list)  # (monotonic time, action kind)
    stopping: threading.Event = field(default_factory=threading.Event)
    stop_server: Callable[[], None] | None = None
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_action(self, body: dict[str, Any]) -> Action:
        with self.lock:
            if self.respond is not None:
                action = self.respond(body)
            else:
                action = self.script.pop(0) if self.script else ("status", 500, {})
            kind = action[2][0] if action[0] == "after" else action[0]
            self.arrivals.append((time.monotonic(), str(kind)))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return action

    def answered(self) -> None:
        with self.lock:
            self.in_flight -= 1


def _handler(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes: without this, the body waits for the client's
        # delayed ACK (40 ms) on every answer.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _send(
            self, code: int, body: bytes, content_type: str = "application/json", **headers: str
        ) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path.endswith("/models"):
                data = {
                    "object": "list",
                    "data": [{"id": MODEL, "object": "model", "created": 0, "owned_by": "library"}],
                }
                self._send(200, json.dumps(data).encode())
            else:
                self._send(404, b'{"error": {"message": "not found"}}')

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            server.chat_bodies.append(body)
            action = server.next_action(body)
            try:
                self._perform(action, body)
            finally:
                server.answered()

        def _perform(self, action: Action, body: dict[str, Any]) -> None:
            kind = action[0]
            if kind == "after":
                if server.stopping.wait(min(float(action[1]), MAX_HANG_SECONDS)):
                    self.close_connection = True
                    return
                self._perform(action[2], body)
                return
            if kind == "summary":
                answer = for_request(action[1], body)  # this request's own body, not the latest
                self._send(200, completion(json.dumps(answer)))
            elif kind == "content":
                self._send(200, completion(action[1]))
            elif kind == "truncated":
                self._send(200, completion(action[1], finish_reason="length"))
            elif kind == "status":
                headers = action[2] if len(action) > 2 else {}
                self._send(
                    action[1], json.dumps({"error": {"message": f"scripted {action[1]}"}}).encode(), **headers
                )
            elif kind == "echo_auth":
                echoed = json.dumps({"error": {"message": f"bad key {self.headers.get('Authorization')}"}})
                self._send(action[1], echoed.encode())
            elif kind == "html":
                self._send(200, b"<html><body><h1>Proxy login required</h1></body></html>", "text/html")
            elif kind == "hang":
                server.stopping.wait(min(action[1], MAX_HANG_SECONDS))
                self.close_connection = True
            elif kind == "trickle":
                self._trickle(float(action[1]))
            elif kind == "close_mid":
                half = completion("{}")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(half)))
                self.end_headers()
                self.wfile.write(half[: len(half) // 2])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
                self.close_connection = True
            elif kind == "die":
                self.close_connection = True
                assert server.stop_server is not None
                threading.Thread(target=server.stop_server, daemon=True).start()

        def _trickle(self, per_byte: float) -> None:
            body = completion("{}")
            raw = (
                f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            ends = time.monotonic() + MAX_TRICKLE_SECONDS
            for byte in raw:
                if server.stopping.is_set() or time.monotonic() > ends:
                    break
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the client gave up: what the test wants
                    break
                time.sleep(per_byte)
            self.close_connection = True

    return Handler


class _Server(ThreadingHTTPServer):
    request_queue_size = 128  # a batch's workers connect at once


@contextmanager
def serve(
    script: list[Action] | None = None, *, respond: Callable[[dict[str, Any]], Action] | None = None
) -> Iterator[tuple[str, ScriptedServer]]:
    """Run a scripted server for the block; yields its base URL and its record of requests."""
    scripted = ScriptedServer(list(script or []), respond=respond)
    handler = _handler(scripted)
    httpd = _Server(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True

    def stop() -> None:
        scripted.stopping.set()
        httpd.shutdown()
        httpd.server_close()

    scripted.stop_server = stop
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", scripted
    finally:
        if not scripted.stopping.is_set():
            stop()
        thread.join(timeout=5)
