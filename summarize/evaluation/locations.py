"""Where a value sits in a YAML (or JSON) file the user edits: a path of keys and indexes to line:column.

Problems in a reference are reported as ``file:line:column: summary.actors[1].kind: ...`` so an
editor jumps to them. The file is composed once into YAML nodes (JSON is read the same way) and
each path is walked through them; a path that does not exist (a missing field) resolves to the
nearest enclosing node that does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

PathPart = str | int
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dotted(path: Sequence[PathPart]) -> str:
    """('summary', 'actors', 1, 'kind') -> 'summary.actors[1].kind'."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


class FileLocations:
    """Line and column of any value in one YAML/JSON document (1-based), or the file alone."""

    def __init__(self, path: Path, text: str | None = None) -> None:
        self.path = path
        self._text = text
        self._composed = False
        self._root: yaml.Node | None = None

    def _document(self) -> yaml.Node | None:
        # Composed on first use: most files have no problem to point at.
        if not self._composed:
            self._composed = True
            try:
                source = self.path.read_text(encoding="utf-8") if self._text is None else self._text
                self._root = yaml.compose(source, Loader=_Loader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError):
                self._root = None
        return self._root

    def node(self, path: Sequence[PathPart]) -> yaml.Node | None:
        """The deepest node along ``path``."""
        node = self._document()
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((value for key, value in node.value if key.value == str(part)), None)
            elif (
                isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value)
            ):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node

    def where(self, path: Sequence[PathPart] = ()) -> str:
        """'file:line:column' of the value at ``path`` (or of its nearest existing parent)."""
        node = self.node(path)
        if node is None:
            return str(self.path)
        mark = node.start_mark
        return f"{self.path}:{mark.line + 1}:{mark.column + 1}"
