"""Subcommands of the ``summarize`` CLI beyond the default one (each a thin click command)."""
