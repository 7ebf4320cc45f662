from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from dockerlint.rules.api import Finding, RuleMeta, check
from dockerlint.semantics.scripts import commands, run_scripts
from dockerlint.shell.wrappers import SHELLS
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.engine import Context

META = RuleMeta(
    code="DKL809",
    name="remote-script-piped-to-shell",
    severity="warning",
    summary="A downloaded script is run straight from the network (`curl ... | sh`)",
    rationale=(
        "Piping a download into a shell or interpreter runs whatever the server (or anyone "
        "between it and the build) sends today, unreviewed, and a download cut short runs as a "
        "truncated script. Download the file, check it against a known checksum or signature, "
        "then run it."
    ),
    bad="FROM debian:12\nRUN curl -fsSL https://example.com/install.sh | sh\n",
    good="FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\\n"
         " && echo \"6f5c0c1bd3f4e8c2a3c7f1e4b5d8a9e0c1b2a3d4e5f60718293a4b5c6d7e8f90  /tmp/install.sh\" | sha256sum -c - \\\n"
         " && sh /tmp/install.sh\n",
)

_DOWNLOADERS = ("curl", "wget")
_INTERPRETERS = tuple(SHELLS) + ("python", "python3", "perl", "ruby", "node", "php")
_SUBSTITUTED = re.compile(r"""\$\(\s*(curl|wget)\b|`\s*(curl|wget)\b|<\(\s*(curl|wget)\b""")


@check(META, on=nodes.Run)
def remote_script_piped_to_shell(node: nodes.Run, ctx: Context) -> Iterator[Finding]:
    for rs in run_scripts(ctx, node):
        for pipe in rs.script.piped_into(_DOWNLOADERS, _INTERPRETERS):
            yield ctx.finding(META, rs.span(pipe.start, pipe.end),
                              "Download the script, verify its checksum, then run it: a pipe runs it unverified")
    for rs, cmd in commands(ctx, node):
        if cmd.name in _INTERPRETERS and any(_SUBSTITUTED.search(w.text) for w in cmd.args):
            yield ctx.finding(META, rs.command_span(cmd),
                              "Download the script, verify its checksum, then run it: this runs it unverified")
