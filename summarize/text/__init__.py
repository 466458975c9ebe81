"""The ground floor for text: spans, folding, words, segmentation, layout, names and attribution.

Everything above (the rule-based engine, grounding, the eval, the outlet comparison) reads an
article through one ``AnalysedArticle``. This package imports nothing else from ``summarize``.

- ``spans``: the one span type; ``fold``: normalization with offset maps; ``words``: the one
  tokenizer and stopword list; ``quotes``: quotation marks; ``segment``: lines and sentences;
  ``layout``: headline, body and page furniture; ``names``: name identity; ``attribution``:
  who said what; ``language``: which language a text is in; ``parse``: spaCy's dependency
  parse, on demand; ``analysed``: the shared, lazily computed analysis.
"""

from .analysed import AnalysedArticle
from .attribution import Attribution, attribution_at
from .names import same_name
from .spans import Span

__all__ = ["AnalysedArticle", "Attribution", "Span", "attribution_at", "same_name"]
