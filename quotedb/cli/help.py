"""Help and usage errors in the command line's own words.

Typer describes a parameter by its Python type (`<str>`, `<int range> [x>=1]`, `<bool>` for
a flag) and prints a usage error as a box of several lines. quotedb's commands use the
classes here instead:

- help in click's plain layout: `TEXT`, `INTEGER`, `PATH` placeholders (each option names
  its own `metavar`), flags without a value, arguments written as they are typed
  (`PHRASE`, `PATH...`), and the docstring's `Examples:` block as its last section, line by
  line as written;
- a usage error (a missing argument, an unknown option, a bad value) as one line on stderr,
  `Error: ... Try 'quotedb who-said --help'.`, and exit status 2.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperCommand, TyperGroup

if TYPE_CHECKING:
    from typer._click import Context, HelpFormatter, Parameter

EXAMPLES = "Examples:"
"""The line in a command's docstring after which come its example command lines."""


def split_help(text: str | None) -> tuple[str, list[str]]:
    """A docstring's description and its example lines (the lines after `Examples:`)."""
    description, _, examples = inspect.cleandoc(text or "").partition(f"\n{EXAMPLES}\n")
    return description.strip(), [line.strip() for line in examples.splitlines() if line.strip()]


def _placeholder(param: Parameter) -> str:
    """What stands for the parameter's value: its metavar (`TEXT`), else its name in capitals."""
    return param.metavar or (param.name or "").upper()


def usage_name(param: Parameter) -> str:
    """An argument as the usage line shows it: its metavar (`PHRASE`), `...` if repeatable."""
    name = _placeholder(param)
    return name if param.nargs == 1 or name.endswith("...") else f"{name}..."


def _option_record(param: Parameter) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=len))
    if not getattr(param, "is_flag", False):
        names += f" {_placeholder(param)}"
    notes = []
    default = _shown_default(param)
    if default:
        notes.append(f"default: {default}")
    if getattr(param, "show_envvar", False) and param.envvar:
        notes.append(f"env var: {param.envvar}")
    if param.required:
        notes.append("required")
    text = param.help or ""  # type: ignore[attr-defined]
    return names, f"{text}  [{'; '.join(notes)}]" if notes else text


def _shown_default(param: Parameter) -> str:
    shown: Any = getattr(param, "show_default", None)
    if isinstance(shown, str):
        return shown
    default = param.default
    if shown is False or default is None or getattr(param, "is_flag", False):
        return ""
    if isinstance(default, Enum):
        return str(default.value)
    if isinstance(default, Sequence) and not isinstance(default, str):
        return ""
    return str(default)


class _PlainHelp:
    """What the help of a command and of the group share (a mixin for click's `Command`)."""

    help: str | None
    options_metavar: str | None

    if TYPE_CHECKING:  # click's Command provides it

        def get_params(self, ctx: Context) -> list[Parameter]: ...

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        pieces += [
            usage_name(param)
            for param in self.get_params(ctx)
            if param.param_type_name == "argument"
        ]
        return pieces

    def format_help_text(self, ctx: Context, formatter: HelpFormatter) -> None:
        description, _ = split_help(self.help)
        if description:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(description)

    def format_parameters(self, ctx: Context, formatter: HelpFormatter) -> None:
        params = [param for param in self.get_params(ctx) if not getattr(param, "hidden", False)]
        arguments = [
            (usage_name(param), getattr(param, "help", None) or "")
            for param in params
            if param.param_type_name == "argument"
        ]
        options = [_option_record(param) for param in params if param.param_type_name == "option"]
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)

    def format_epilog(self, ctx: Context, formatter: HelpFormatter) -> None:
        _, examples = split_help(self.help)
        if examples:
            with formatter.section(EXAMPLES.rstrip(":")):
                for line in examples:
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")


class Command(_PlainHelp, TyperCommand):
    """A quotedb command: plain help (see the module's docstring)."""

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        self.format_parameters(ctx, formatter)


class Group(_PlainHelp, TyperGroup):
    """The `quotedb` group: plain help, and usage errors on one line with exit status 2."""

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        return [*super().collect_usage_pieces(ctx), self.subcommand_metavar]

    def format_options(self, ctx: Context, formatter: HelpFormatter) -> None:
        self.format_parameters(ctx, formatter)
        self.format_commands(ctx, formatter)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, **extra)
        except typer.TyperException as exc:
            sys.exit(_report_usage_error(exc))
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)


def _report_usage_error(exc: typer.TyperException) -> int:
    """Print `exc` (one of click's errors: a usage error, or a file it could not open) and
    return its exit status. `quotedb` alone prints the help."""
    context = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and context is not None:
        typer.echo(context.get_help())
        return int(exc.exit_code)
    # Typer validates values with pydantic, whose messages start with the error's kind.
    message = " ".join(exc.format_message().replace("Value error, ", "").split())
    if context is not None and context.command.get_help_option(context) is not None:
        message = message.rstrip(".") + f". Try '{context.command_path} --help'."
    typer.echo(f"Error: {message}", err=True)
    return int(exc.exit_code)
