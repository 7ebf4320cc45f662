"""The command line: `dockerlint [PATH...]` lints; subcommands parse, format, rules, rule, lsp.

Each subcommand imports only what it uses: `parse` never loads the rules, and only
`lsp` loads pygls.
"""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs start-up time; it is only needed by type checkers
if TYPE_CHECKING:
    from typing import Sequence

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
SUBCOMMANDS = ("parse", "format", "rules", "rule", "lsp", "check")


class OutputError(Exception):
    """The report could not be written (a full disk, a closed file): exit 2 with this message."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in SUBCOMMANDS:
            command, rest = args[0], args[1:]
        else:
            command, rest = "check", args
        if command == "parse":
            return _parse(rest)
        from dockerlint import commands

        return commands.run(command, rest)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OutputError as err:
        sys.stderr.write(f"dockerlint: error: {err}\n")
        _drop_stdout()
        return EXIT_USAGE
    except Exception:  # pragma: no cover - the last line of defence
        import traceback

        sys.stderr.write(
            "dockerlint: internal error. Please report it at https://github.com/dockerlint/dockerlint/issues "
            "with the file that caused it and this trace:\n"
        )
        traceback.print_exc()
        return EXIT_INTERNAL


def _drop_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit cannot fail a second time."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


_PARSE_FORMATS = ("buildkit", "ast")


def _parse_args(argv: list[str]) -> tuple[str, list[str]]:
    """`[--format F] FILE...`; plain cases are read by hand because argparse alone costs
    a noticeable share of a cold `dockerlint parse`; anything else (help, errors) goes to argparse."""
    fmt, files, i = "ast", [], 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--format" and i + 1 < len(argv):
            fmt, i = argv[i + 1], i + 2
        elif arg.startswith("--format="):
            fmt, i = arg[len("--format="):], i + 1
        elif arg.startswith("-") and arg != "-":
            break
        else:
            files.append(arg)
            i += 1
    else:
        if fmt in _PARSE_FORMATS and files:
            return fmt, files
    import argparse

    ap = argparse.ArgumentParser(prog="dockerlint parse", description="Print the parse of Dockerfiles as JSON.")
    ap.add_argument("--format", choices=_PARSE_FORMATS, default="ast",
                    help="buildkit: BuildKit's instruction fields, one JSON object per file per line; "
                         "ast: dockerlint's AST with every range")
    ap.add_argument("files", nargs="+", metavar="FILE", help="Dockerfiles to parse ('-' reads standard input)")
    ns = ap.parse_args(argv)
    return ns.format, ns.files


def _parse(argv: list[str]) -> int:
    from dockerlint import output
    from dockerlint.files import read_source
    from dockerlint.syntax import ast_json, buildkit
    from dockerlint.syntax.parser import parse

    fmt, files = _parse_args(argv)
    status = EXIT_OK
    for path in files:
        try:
            text = read_source(path).text
        except OSError as err:
            sys.stderr.write(f"dockerlint: {output.name(path)}: {err.strerror or err}\n")
            status = EXIT_USAGE
            continue
        df = parse(text)
        doc = buildkit.document(df) if fmt == "buildkit" else ast_json.document(df)
        output.write((output.dumps({"file": path, **doc}) + "\n").encode())
    return status

