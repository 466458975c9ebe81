"""The top-level ``summarize`` group: a default command, a help screen that lists every command,
and "did you mean" for a mistyped one.

``summarize ARTICLE...`` means ``summarize run ARTICLE...``. The first word is a command when it
names one; otherwise it is an article, unless it can be neither: a bare word (no dot, no slash)
that is no file on disk and no URL is a mistyped command, a usage error (exit 2) that names the
closest commands, raised before any engine starts.
"""

from __future__ import annotations

import difflib
import os

import click
from click.shell_completion import CompletionItem

from ..web.sniffing import is_url

HELP_OPTIONS = ("-h", "--help")
# First words the group itself answers, never handed to the default command.
GROUP_FLAGS = ("--version", *HELP_OPTIONS)


def _could_be_a_file(word: str) -> bool:
    """A missing file is still taken for one when it looks like a path: a dot or a slash in it."""
    return any(ch in word for ch in "./\\") or os.sep in word


def close_commands(word: str, commands: list[str]) -> list[str]:
    """The command names ``word`` is probably a typo of, closest first."""
    lowered = word.lower()
    prefixed = [name for name in commands if name.startswith(lowered) and len(lowered) >= 2]
    return prefixed or difflib.get_close_matches(lowered, commands, n=3, cutoff=0.6)


class DefaultCommandGroup(click.Group):
    """A group where ``summarize ARTICLE...`` means ``summarize run ARTICLE...``.

    Commands are listed in the order they were added (the default one first), not alphabetically.
    """

    default_command = "run"

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args:
            if ctx.resilient_parsing:  # shell completion of the first word: offer the commands
                return super().parse_args(ctx, args)
            raise click.exceptions.NoArgsIsHelpError(ctx)
        first = args[0]
        if first not in self.commands and first not in GROUP_FLAGS:
            self._refuse_a_mistyped_command(ctx, first)
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def _refuse_a_mistyped_command(self, ctx: click.Context, word: str) -> None:
        if word.startswith("-") or is_url(word) or os.path.lexists(word) or ctx.resilient_parsing:
            return
        names = self.list_commands(ctx)
        guesses = close_commands(word, names)
        if guesses:
            hint = " or ".join(repr(name) for name in guesses)
            raise click.UsageError(f"no such command or file: {word!r}. Did you mean {hint}?", ctx)
        if not _could_be_a_file(word):
            raise click.UsageError(
                f"no such command or file: {word!r}. Commands: {', '.join(names)} "
                "('summarize --help' says what each does).",
                ctx,
            )

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] ARTICLE... | COMMAND [ARGS]...")

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            shown = f"{name} (default)" if name == self.default_command else name
            rows.append((shown, command.get_short_help_str(limit=formatter.width)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        # The first word is a command or an article: offer both.
        items = super().shell_complete(ctx, incomplete)
        if not incomplete.startswith("-"):
            items.append(CompletionItem(incomplete, type="file"))
        return items
