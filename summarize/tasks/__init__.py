"""Tasks over the model seam: each builds messages, calls a ``StructuredModel`` and returns our types.

- ``article_summary.summarize_with``: summarize an article (context check, strict-mode re-ask);
- ``same_fact.same_fact``: do two statements report the same fact (the eval's llm judge).
"""
