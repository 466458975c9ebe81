"""Rule-based extraction for the offline engine: every string it quotes is a span of the article.

Modules: ``sentences`` (spans and sentence splitting), ``boilerplate`` (body vs page furniture),
``gazetteer`` (word lists), ``names`` (name mentions and variant merging), ``document`` (one
analysed article), ``speakers`` (over :mod:`summarize.attribution`), and one module per summary
section: ``event``, ``actors``, ``motives``, ``views``, ``hedges`` (uncertainties).
"""
