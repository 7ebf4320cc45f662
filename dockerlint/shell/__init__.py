"""Shell model for RUN commands: parse a script into simple commands.

>>> script = parse_script("apt-get update && sudo apt-get install -y curl")
>>> [c.name for c in script.commands]
['apt-get', 'apt-get']
>>> script.commands[1].wrappers, script.commands[1].subcommand()
(['sudo'], 'install')
"""
from __future__ import annotations

from .model import Command, ParseError, Pipeline, Script, ShellWord, expand_word
from .parse import dialect_for_shell, fallback_parse, parse_script

__all__ = [
    "Command",
    "ParseError",
    "Pipeline",
    "Script",
    "ShellWord",
    "dialect_for_shell",
    "expand_word",
    "fallback_parse",
    "parse_script",
]
