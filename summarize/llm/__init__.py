"""The one seam to language models.

``client.StructuredClient`` (the only module importing ``openai`` and ``instructor``) takes chat
messages and a pydantic response model and returns the parsed object with what it cost
(:class:`~summarize.llm.types.Completion`). It owns endpoint probing, mode choice, error mapping
and retries. Tasks (``summarize.tasks``) build messages and call it; engines own lifecycles.
Nothing is imported here, so choosing the rule-based engine never imports openai.
"""
