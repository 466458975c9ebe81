"""An in-memory OpenAI-compatible endpoint for pipeline tests (tier 1: no network, no model).

It speaks real HTTP semantics through an httpx MockTransport, so the real openai client,
instructor and tenacity code paths run; only the server is scripted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx

from summarize.schema import Summary
from summarize.text.fold import normalize

_NUMBERED_LINE = re.compile(r"^\[(\d+)\] (.*)$", re.MULTILINE)
_NULLABLE = {
    "event": ("where", "when"),
    "analyst_views": ("affiliation",),
    "uncertainties": ("attributed_to",),
    "statements": ("role",),
}
_SECTIONS = ("event", "actors", "stated_motives", "analyst_views", "uncertainties", "statements")

ARTICLE = (
    "Moscow, Russia – Russia has begun withdrawing its forces from Qamishli airport, Reuters reported on Monday.\n\n"
    "“The base is no longer needed,” said Anna Petrova, an analyst at the Example Institute.\n\n"
    "A Syrian source, who asked not to be named, said Damascus could ask Russia to leave."
)


def good_summary() -> dict[str, Any]:
    """A summary of ARTICLE whose every quote is verbatim."""
    return {
        "event": {
            "what": "Russia began withdrawing its forces from Qamishli airport.",
            "where": "Qamishli airport",
            "when": "Monday",
            "evidence": ["Russia has begun withdrawing its forces from Qamishli airport"],
        },
        "actors": [
            {
                "name": "Russia",
                "kind": "state",
                "role": "withdrawing its forces",
                "evidence": ["Russia has begun withdrawing its forces"],
            },
        ],
        "stated_motives": [],
        "analyst_views": [
            {
                "analyst": "Anna Petrova",
                "affiliation": "Example Institute",
                "view": "The base is no longer needed.",
                "quote": "The base is no longer needed",
            },
        ],
        "uncertainties": [
            {
                "claim": "Damascus could ask Russia to leave.",
                "reason": "unnamed_source",
                "attributed_to": "A Syrian source",
                "evidence": ["Damascus could ask Russia to leave"],
            },
        ],
    }


def as_requested(answer: dict[str, Any], messages: list[dict[str, Any]]) -> dict[str, Any]:
    """A scripted summary (verbatim evidence, as users see it) in the form the request asks for.

    When the prompt shows the article as numbered sentences (``--evidence ids``), each evidence
    quote becomes the number of the sentence holding it, and analyst quotes and statement texts
    get theirs; nullable fields the script leaves out, and the sections a whole summary leaves out,
    are filled in (the draft schema requires them). Anything else is returned unchanged, so a
    malformed script stays malformed.
    """
    if not all(isinstance(answer.get(section, []), dict | list) for section in _SECTIONS):
        return answer
    text = "\n".join(str(m.get("content") or "") for m in messages)
    numbered = {int(n): normalize(sentence) for n, sentence in _NUMBERED_LINE.findall(text)}
    present = [section for section in _SECTIONS if section in answer]
    if not present:
        return answer
    whole = "event" in answer and len(present) > 1  # a whole summary: the sections it leaves out are empty

    def number_of(words: str) -> Any:
        folded = normalize(words)
        return next((n for n, sentence in numbered.items() if folded in sentence), words)

    converted: dict[str, Any] = {}
    for section in _SECTIONS if whole else present:
        value = answer.get(section, [] if section != "event" else None)
        items = [value] if section == "event" else value
        done = []
        for item in items or []:
            item = dict(item) if isinstance(item, dict) else item
            if isinstance(item, dict):
                for name in _NULLABLE.get(section, ()):
                    item.setdefault(name, None)
                if numbered and isinstance(item.get("evidence"), list):
                    item["evidence"] = [
                        found if isinstance(found := number_of(e), int) else _first_part(e, numbered)[0]
                        for e in item["evidence"]
                    ]
                words = "quote" if section == "analyst_views" else "text" if section == "statements" else None
                if numbered and words and isinstance(item.get(words), str):
                    item["sentence"] = number_of(item[words])
                    if not isinstance(item["sentence"], int):  # a quotation over several sentences
                        item["sentence"], item[words] = _first_part(item[words], numbered)
            done.append(item)
        converted[section] = done[0] if section == "event" else done
    picked = converted.get("event")
    if "number of the opening sentence" in text and isinstance(picked, dict) and picked.get("evidence"):
        converted["event"] = {"sentence": picked["evidence"][0]}  # a small model picks the event's sentence
    return {**answer, **converted}


def _first_part(words: str, numbered: dict[int, str]) -> tuple[Any, str]:
    """What a model citing one sentence does with a quotation over several: the sentence where it
    begins, and the quotation's words up to that sentence's end."""
    tokens = words.split()
    for n, sentence in numbered.items():
        for end in range(len(tokens), 2, -1):
            if normalize(" ".join(tokens[:end])) in sentence:
                return n, " ".join(tokens[:end])
    return words, words


def for_request(answer: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """``as_requested``, as a model bound by the request's schema writes it: only the sections the
    schema asks for (a section at a time, as small models are asked), lists and strings within
    its caps. A request without a schema gets the whole answer."""
    converted = as_requested(answer, body.get("messages", []))
    schema = _requested_schema(body)
    if not schema:
        return converted
    properties = set(schema.get("properties", {}))
    if properties <= set(_SECTIONS):
        converted = {key: value for key, value in converted.items() if key in properties}
    obeyed = _within(converted, schema, schema.get("$defs", {}))
    return obeyed if isinstance(obeyed, dict) else converted


def _requested_schema(body: dict[str, Any]) -> dict[str, Any]:
    response_format = body.get("response_format") or {}
    schema = response_format.get("json_schema", {}).get("schema") or response_format.get("schema")
    if schema is None and body.get("tools"):
        schema = body["tools"][0].get("function", {}).get("parameters")
    return schema or {}


def _within(value: Any, schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    """``value`` cut to the schema's maxItems and maxLength (a grammar would have stopped there)."""
    if "$ref" in schema:
        schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
    for option in schema.get("anyOf", []):
        if option.get("type") != "null" and value is not None:
            return _within(value, option, defs)
    if isinstance(value, str) and "maxLength" in schema:
        return value[: schema["maxLength"]].strip() or value[:1]
    if isinstance(value, list):
        kept = value[: schema.get("maxItems", len(value))]
        return [_within(item, schema.get("items", {}), defs) for item in kept]
    if isinstance(value, dict):
        fields = schema.get("properties", {})
        return {key: _within(item, fields.get(key, {}), defs) for key, item in value.items()}
    return value


def chat_completion(
    body: dict[str, Any],
    content: str,
    *,
    finish_reason: str = "stop",
    prompt_tokens: int = 100,
    completion_tokens: int = 50,
    reply_id: str = "chatcmpl-fake",
) -> dict[str, Any]:
    """An OpenAI chat completion answering ``body`` with ``content``: a tool call when the
    request offers tools, else a message; the model the request names."""
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if body.get("tools"):
        name = body["tools"][0]["function"]["name"]
        message = {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": name, "arguments": content}}
            ],
        }
    return {
        "id": reply_id,
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "x"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


Action = tuple[Any, ...]


@dataclass
class FakeEndpoint:
    """Answers each chat request with the next scripted action.

    Actions: ("summary", dict) a reply carrying that JSON; ("content", str) a reply with that raw
    text; ("status", code, headers) an HTTP error; ("disconnect",) a dropped connection.
    """

    script: list[Action]
    models: list[dict[str, str]] = field(
        default_factory=lambda: [{"id": "fake-model", "owned_by": "library"}]
    )
    requests: list[dict[str, Any]] = field(default_factory=list)
    prompt_tokens: int = 100
    completion_tokens: int = 50
    error_message: str | None = None

    def transport(self) -> httpx.MockTransport:
        """The in-memory transport to hand to the client (``transport=``)."""
        return httpx.MockTransport(self._handle)

    @property
    def chat_requests(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r.get("_path", "").endswith("/chat/completions")]

    def _handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        body = json.loads(request.content or b"{}")
        body["_path"] = path
        self.requests.append(body)
        if path.endswith("/models"):
            return httpx.Response(
                200,
                json={
                    "object": "list",
                    "data": [{"object": "model", "created": 0, **m} for m in self.models],
                },
            )
        if not self.script:
            raise AssertionError("the fake endpoint was called more times than scripted")
        action = self.script.pop(0)
        kind = action[0]
        if kind == "disconnect":
            raise httpx.ConnectError("connection dropped", request=request)
        if kind == "status":
            code, headers = action[1], action[2] if len(action) > 2 else {}
            return httpx.Response(
                code, headers=headers, json={"error": {"message": self.error_message or f"scripted {code}"}}
            )
        content = json.dumps(for_request(action[1], body)) if kind == "summary" else str(action[1])
        return httpx.Response(200, json=self._completion(body, content))

    def _completion(self, body: dict[str, Any], content: str) -> dict[str, Any]:
        return chat_completion(
            body, content, prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens
        )


def no_sleep(_: float) -> None:
    """Tenacity's sleep, replaced so retry tests run instantly."""


Sleep = Callable[[float], None]


def validate(data: dict[str, Any]) -> Summary:
    return Summary.model_validate(data)


@dataclass
class FakeModel:
    """A scripted StructuredModel (the seam's protocol): no HTTP at all, for task tests.

    Each ``complete`` validates the next scripted dict against the requested response model,
    as the real client does, so a task's validators (the strict-mode check) run for real.
    """

    answers: list[dict[str, Any]]
    context_tokens: int | None = None
    max_reasks: int = 2
    calls: list[list[dict[str, str]]] = field(default_factory=list)

    def estimate_prompt_tokens(self, messages: Any, response_model: Any) -> int:
        return sum(len(m["content"]) for m in messages) // 3

    def complete(self, messages: Any, response_model: Any, *, temperature: float | None = None) -> Any:
        from pydantic import ValidationError

        from summarize.errors import InvalidOutputError
        from summarize.llm.types import Completion
        from summarize.usage import TokenUsage

        self.calls.append([dict(m) for m in messages])
        usage = TokenUsage.none()
        reasks = 0
        while True:
            usage.add_completion(10, 5)
            usage.requests += 1
            try:
                value = response_model.model_validate(as_requested(self.answers.pop(0), messages))
            except ValidationError:
                if reasks == self.max_reasks:  # as the client does after the last re-ask
                    error = InvalidOutputError(
                        f"the model's answers did not validate after {reasks + 1} attempts",
                        attempts=reasks + 1,
                    )
                    error.usage = usage
                    raise error from None
                reasks += 1
                continue
            return Completion(value=value, model="fake", mode="json", usage=usage, reasks=reasks)

    def close(self) -> None:
        pass
