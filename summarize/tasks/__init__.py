"""Tasks over the model seam: each builds messages, calls a ``StructuredModel`` and returns our types.

- ``article_summary.summarize_with``: summarize an article (context check, strict-mode re-ask);
- ``same_fact.same_fact``: do two statements report the same fact (the eval's llm judge);
- ``claim_verdict.judge_claim``: does a passage support a claim (the checker's llm judge).
"""
