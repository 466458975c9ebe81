"""Making untrusted text safe to put in a prompt: a delimiter it cannot forge, no chat-template tokens.

- The article is fenced by ``<article-xxxxxxxx>`` ... ``</article-xxxxxxxx>``, where the
  suffix is a digest of the article itself: the text cannot contain its own digest, and the tag
  is the same on every request for that article, so recorded requests replay. The digest is
  spelled in 8 letters: with 12 hex digits in the prompt the bundled 135M model wrote digits
  until its output limit on all 5 corpus articles; with these letters it answers on 2 of 5, as
  it did with the old fixed ``<article>`` tag.
- Any ``<article ...>`` or ``</ARTICLE >`` look-alike in the text (any case, any spacing) is
  neutralized, so the text cannot close or reopen its fence.
- Chat-template control sequences (``<|im_start|>``, ``<|eot_id|>``, ``[INST]``, ``<<SYS>>``,
  ``<start_of_turn>``, ``<s>``, any ``<|...|>`` and bare ``<name>`` tags) are defused: a server
  that tokenizes the formatted prompt with special tokens enabled (llama.cpp does) would
  otherwise turn them into real control tokens.

Defusing swaps the brackets for look-alikes (``<`` -> ``‹``, ``[`` -> ``⟦``), so the model still
sees what the text said.
"""

from __future__ import annotations

import hashlib
import re
import string

TAG_PREFIX = "article-"
_DIGEST_CHARS = 8
# "<article", "< / ARTICLE", "</article\n>": any tag whose name starts with "article".
_ARTICLE_TAG = re.compile(r"<(\s*/?\s*article)([^<>]{0,200}>)?", re.IGNORECASE)
_CONTROL_SEQUENCES = re.compile(
    r"<[|｜][^<>\n]{0,64}?[|｜]>"  # ChatML, Llama 3, Phi, DeepSeek: <|im_start|>, <|eot_id|>, <｜end▁of▁sentence｜>
    r"|<<\s*/?\s*SYS\s*>>"  # Llama 2: <<SYS>>, <</SYS>>
    r"|\[\s*/?\s*(?:INST|SYS|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_RESULTS|TOOL_CALLS|TOOL_CONTENT)\s*\]"  # Llama 2, Mistral
    r"|</?[A-Za-z_][\w.:-]{0,48}>",  # bare tags: <s>, </s>, <start_of_turn>, <bos>, <think>, <filename>
    re.IGNORECASE,
)
_DEFUSE = str.maketrans({"<": "‹", ">": "›", "[": "⟦", "]": "⟧"})


def article_tag(text: str) -> str:
    """The fence's tag name for ``text``: 'article-' and 8 letters from its SHA-256."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    return TAG_PREFIX + "".join(string.ascii_lowercase[byte % 26] for byte in digest[:_DIGEST_CHARS])


def defuse_control_sequences(text: str) -> str:
    """``text`` with every chat-template control sequence made inert."""
    return _CONTROL_SEQUENCES.sub(lambda m: m.group(0).translate(_DEFUSE), text)


def neutralize_article_tags(text: str) -> str:
    """``text`` with every article tag look-alike made inert, whatever its case or spacing."""
    return _ARTICLE_TAG.sub(lambda m: m.group(0).translate(_DEFUSE), text)


def fence_article(text: str) -> tuple[str, str]:
    """The tag and the article text made safe to place between ``<tag>`` and ``</tag>``."""
    return article_tag(text), defuse_control_sequences(neutralize_article_tags(text))
