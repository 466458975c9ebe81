"""Subcommands of the ``summarize`` CLI beyond the default one (each module exposes one click command)."""

from __future__ import annotations

import importlib

import click

# module name -> attribute holding its click.Command
_SUBCOMMANDS = {
    "batch": "batch_command",
    "check": "check_command",
    "compare": "compare_command",
    "eval": "eval_command",
    "extract": "extract_command",
    "config_cmd": "config_command",
}


def registered_commands() -> list[click.Command]:
    """The subcommands whose modules are present."""
    commands = []
    for module_name, attribute in _SUBCOMMANDS.items():
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{module_name}":
                raise
            continue
        commands.append(getattr(module, attribute))
    return commands
