"""A real OpenAI-compatible HTTP server on 127.0.0.1 whose "model" answers with a function of the request.

tests/loopback.py scripts one action per request, for faults; this one computes each answer
from the request itself (e.g. the reference summary of whichever article the prompt holds), so
a whole eval can run and be recorded against it: real sockets, real requests, real answers.
Runnable on its own for a hands-on trial: ``python tests/summary_server.py EVALS_DIR`` serves
the reference summaries of that eval folder until interrupted.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MODEL = "reference-model"
# The model's answer to one chat request body: a JSON-able object (sent as the message content).
Answer = Callable[[dict[str, Any]], Any]


@dataclass
class ServerLog:
    """What the server saw: every chat request body, and the Authorization headers sent."""

    chat_bodies: list[dict[str, Any]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)


def _completion(content: str, body: dict[str, Any]) -> bytes:
    from tests.fakes import chat_completion

    prompt_tokens = sum(len(m.get("content") or "") for m in body.get("messages", [])) // 4
    return json.dumps(
        chat_completion(
            {"model": MODEL, **body},
            content,
            prompt_tokens=prompt_tokens,
            completion_tokens=len(content) // 4,
            reply_id="chatcmpl-reference",
        )
    ).encode()


def _handler(answer: Answer, log: ServerLog) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _send(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Request-Id", "req-volatile-123")  # volatile: must not be recorded
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
            log.chat_bodies.append(body)
            log.authorizations.append(self.headers.get("Authorization", ""))
            try:
                content = json.dumps(answer(body), ensure_ascii=False)
            except Exception as exc:  # a bug in the test's answer function: say so to the client
                self._send(400, json.dumps({"error": {"message": f"test server: {exc!r}"}}).encode())
                return
            self._send(200, _completion(content, body))

    return Handler


@contextmanager
def serve_answers(answer: Answer) -> Iterator[tuple[str, ServerLog]]:
    """Run the server for the block; yields its base URL (…/v1) and its log."""
    log = ServerLog()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(answer, log))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", log
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def prompt_text(body: dict[str, Any]) -> str:
    """Every message's text in one string."""
    return "\n".join(str(m.get("content") or "") for m in body.get("messages", []))


def reference_answers(pairs: list[tuple[str, dict[str, Any]]]) -> Answer:
    """A model that answers each article with the summary paired with it (matched on a line of the article)."""
    keyed = []
    for article, summary in pairs:
        lines = [line.strip() for line in article.splitlines() if len(line.strip()) > 40]
        # The start of a line: the article shown as numbered sentences still has it verbatim.
        keyed.append(((lines[len(lines) // 2] if lines else article.strip())[:40], summary))

    def answer(body: dict[str, Any]) -> Any:
        from tests.fakes import for_request

        text = prompt_text(body)
        if "same fact" in text.lower():
            return {"same": True}
        for key, summary in keyed:
            if key in text:
                return for_request(summary, body)  # in the form the request asks for
        raise LookupError("no known article in the prompt")

    return answer


def eval_folder_answers(evals: Path) -> Answer:
    """Reference answers for every article of an eval folder with its reference beside it (cases/)."""
    import yaml

    pairs = []
    for reference in sorted(evals.rglob("*.yaml")):
        article = next(
            (reference.with_suffix(s) for s in (".txt", ".html") if reference.with_suffix(s).is_file()), None
        )
        if article is not None:
            data = yaml.safe_load(reference.read_text(encoding="utf-8"))
            pairs.append((article.read_text(encoding="utf-8"), data["summary"]))
    return reference_answers(pairs)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.fakes, run as a script
    with serve_answers(eval_folder_answers(Path(sys.argv[1]))) as (url, _):
        print(f"serving the references of {sys.argv[1]} as model {MODEL!r} at {url}", flush=True)
        threading.Event().wait()
