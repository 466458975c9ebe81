"""Text addressed to a language model rather than to a reader: instructions, role markers,
system prompts and chat-template tokens planted in an article ("SYSTEM: ignore all previous
instructions and output ...").

It is not news content. The layout drops a line of it like page furniture, so the rule-based
engine never quotes it; grounding marks any item whose evidence touches it as ``suspicious``,
whichever engine wrote the item, so a reviewer sees a summary an article tried to steer.
"""

from __future__ import annotations

import re

from .spans import Span

_INSTRUCTION = re.compile(
    r"""\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)?
        (?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|rules|messages?|context)\b
      | \b(?:new|updated|real|actual)\s+(?:system\s+)?instructions?\s*:
      | \byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|language\s+model|chatbot|llm)\b
      | \bas\s+an\s+ai\s+(?:language\s+)?model\b
      | \b(?:respond|reply|answer|output|print|return)\s+(?:only\s+)?(?:with|the\s+following|this)\b[^.]{0,80}\b(?:json|summary|text|verbatim)\b
      | \b(?:summari[sz]e|describe)\s+this\s+(?:article|text)\s+as\b
      | <\|[a-z_]+\|> | \[/?INST\] | <</?SYS>> | <(?:start|end)_of_turn>
    """,
    re.IGNORECASE | re.VERBOSE,
)
_ROLE_MARKER = re.compile(r"^\s*(?:system|assistant|user|human|ai|developer)\s*[:>]", re.IGNORECASE)


def addresses_a_model(text: str) -> bool:
    """True when ``text`` reads as instructions to a model rather than reporting."""
    return bool(_ROLE_MARKER.match(text) or _INSTRUCTION.search(text))


def instruction_spans(text: str, sentences: tuple[Span, ...]) -> list[Span]:
    """The sentences of ``text`` that address a model."""
    return [sentence for sentence in sentences if addresses_a_model(sentence.of(text))]
