"""Engines: the one seam between the pipeline and whatever writes a summary.

Each engine module is imported lazily by :func:`summarize.engines.registry.create_engine`,
so a missing optional extra (llama-cpp-python) only matters when its engine is chosen.
"""
