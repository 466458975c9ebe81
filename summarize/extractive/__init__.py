"""Rule-based extraction for the offline engine: every string it returns is a span of the article.

Modules: ``sentences`` (spans, lines, sentence splitting), ``boilerplate`` (what is article body),
``names`` (actors and name variants), ``event``, ``motives``, ``hedges`` (uncertainties) and
``views`` (analyst views over :mod:`summarize.attribution`).
"""
