"""Rule-based extraction for the offline engine: every evidence string and quote is a span of the
article, and every free-text field a sentence, a clause or a noun phrase of it.

Modules: ``gazetteer`` (word lists), ``names`` (name mentions and variant merging),
``descriptions`` (bodies named in lowercase, "the council" for a named one), ``document`` (the
engine's view of one analysed article, parses on demand), ``clauses`` (where a parsed sentence
can be cut and still read as one), ``sources`` (voices: named speakers, unnamed sources and the
outlets relaying them), ``speakers`` (analysts), ``roles``, ``agents`` (which actor a clause is
about), ``overlap`` (restatements), and one module per summary section: ``event``, ``actors``,
``motives``, ``views``, ``hedges`` (uncertainties), ``statements``.
"""
