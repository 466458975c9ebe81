"""Who said what: quotations and reported speech in a text, and their speakers.

``cues`` (the words that signal speech), ``speakers`` (speaker phrases, titles, affiliations,
and the coreference registry for short names and pronouns), ``finder`` (the pass over the
sentences). Read through ``AnalysedArticle.attributions``, computed once per text.
"""

from .finder import Attribution, attribution_at, find_attributions

__all__ = ["Attribution", "attribution_at", "find_attributions"]
