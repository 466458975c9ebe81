"""Escaping untrusted text (the article's words, the model's output) for the Markdown report.

Articles now come from web pages, and a summary quotes them: a quote holding ``<script>``,
``"><img src=x onerror=...>``, ``[click](javascript:...)`` or ``![](https://tracker/...)`` must
show as those characters, not run as HTML, a link or a remote image where the report is viewed.

- control characters (terminal escape codes, bidi overrides) are shown as escapes and secrets
  masked (``redaction.printable``);
- newlines and runs of whitespace become one space, so a value cannot open a heading, a list, a
  quote block, a code fence or a table row of its own;
- ``&``, ``<`` and ``>`` become character references, so no raw HTML tag, autolink or entity
  trick survives (CommonMark shows ``&lt;script&gt;`` as the text ``<script>``);
- the characters that open or close inline syntax (``[ ] * _ ` ~ \\``) get a backslash: no
  link, image, emphasis, code span or strikethrough can form (``!`` and ``(`` are inert without
  ``[``, so ordinary punctuation stays readable in the Markdown source);
- a value that starts like a block (``#``, ``-``, ``+``, ``=``, ``1.``) gets a backslash too, in
  case it is ever placed at the start of a line.
"""

from __future__ import annotations

import re

from .redaction import printable

_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]~])")
_BLOCK_START = re.compile(r"^([#+=-]|\d+[.)])")


def escape_markdown(text: str) -> str:
    """``text`` as one line of inert Markdown that renders as exactly these characters."""
    flat = " ".join(printable(text).split())  # terminal escape codes and bidi overrides shown, secrets masked
    html_safe = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    inline_safe = _INLINE_SYNTAX.sub(r"\\\1", html_safe)
    # Escape the marker's punctuation (1\. not \1.): a backslash before a digit would show.
    return _BLOCK_START.sub(lambda match: match.group(1)[:-1] + "\\" + match.group(1)[-1], inline_safe)
