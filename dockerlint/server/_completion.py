"""What to offer at a cursor: plain items the completion feature turns into LSP ones.

Reads only the cached parse and semantic model (no lint), so it answers in well under a
millisecond on long files.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from dockerlint.server import _cursor
from dockerlint.server import _instruction_docs as docs
from dockerlint.syntax import nodes

if TYPE_CHECKING:
    from dockerlint.server._sources import Build, PathItem
    from dockerlint.semantics.model import Model

# Item kinds, mapped to LSP CompletionItemKind by the feature.
KEYWORD, FLAG, VALUE, VARIABLE, STAGE, DIRECTIVE, RULE = "keyword", "flag", "value", "variable", "stage", "directive", "rule"
FILE, FOLDER = "file", "folder"

_PRAGMA = re.compile(r"(dockerlint|hadolint)\s+(global\s+)?ignore\s*=\s*(?:[^,\s]+[,\s]+)*", re.IGNORECASE)
_REPEATABLE = frozenset({"mount", "exclude"})


class Item(NamedTuple):
    label: str
    kind: str
    insert: str  # plain text, or an LSP snippet when `snippet`
    detail: str = ""
    documentation: str = ""  # Markdown
    snippet: bool = False
    deprecated: bool = False
    preselect: bool = False
    retrigger: bool = False  # ask the client for completion again after inserting (after `--mount=`...)


class Completions(NamedTuple):
    start: int  # the items replace source[start:offset]
    items: list[Item]


def complete(model: Model, offset: int, snippets: bool = True, builds: list[Build] | None = None) -> Completions:
    df = model.dockerfile
    cur = _cursor.locate(df, offset)
    if cur.kind == _cursor.DIRECTIVE:
        return _directives(df, cur)
    if cur.kind == _cursor.COMMENT:
        return _pragma(cur)
    if cur.kind == _cursor.KEYWORD:
        return Completions(cur.start, _keywords(df, cur, snippets))
    var = _cursor.variable_prefix(cur.prefix)
    if var is not None and cur.instruction is not None:
        if cur.kind == _cursor.HEREDOC and not _expands(cur.instruction, offset):
            return Completions(offset, [])
        return _variables(model, cur, *var)
    if cur.kind == _cursor.HEREDOC:
        return Completions(offset, [])
    return _arguments(model, cur, snippets, builds or [])


# -- keywords and directives -----------------------------------------------------------


def _keywords(df: nodes.Dockerfile, cur: _cursor.Cursor, snippets: bool) -> list[Item]:
    if cur.onbuild:
        names = [k for k in docs.INSTRUCTIONS if k not in docs.NOT_IN_ONBUILD]
    elif not _cursor.stages_before(df, cur.offset):
        names = ["FROM", "ARG"]  # only ARG may come before the first FROM
    else:
        names = list(docs.INSTRUCTIONS)
    upper = not cur.prefix or not cur.prefix.islower()
    items = []
    for name in names:
        doc = docs.INSTRUCTIONS[name]
        label = name if upper else name.lower()
        body = doc.snippet if snippets else " "
        items.append(Item(label, KEYWORD, label + body, doc.signature, docs.instruction_markdown(name) or "",
                          snippets, name == "MAINTAINER", name == "FROM"))
        if name == "HEALTHCHECK":
            none = label + (" NONE" if upper else " none")
            items.append(Item(none, KEYWORD, none, "HEALTHCHECK NONE", docs.KEYWORD_WORDS["NONE"]))
    return items


def _directives(df: nodes.Dockerfile, cur: _cursor.Cursor) -> Completions:
    name, eq, value = cur.prefix.partition("=")
    if eq:
        known = docs.DIRECTIVES.get(name.strip().lower())
        if known is None:
            return Completions(cur.offset, [])
        return Completions(cur.offset - len(value), [Item(v, VALUE, v, name.strip()) for v in known[1]
                                                     if v.startswith(value.strip())])
    present = {d.name.text.lower() for d in df.directives}
    items = [Item(f"{n}=", DIRECTIVE, f"{n}=", "parser directive", doc, retrigger=True)
             for n, (doc, _) in docs.DIRECTIVES.items() if n not in present]
    return Completions(cur.start, items)


def _pragma(cur: _cursor.Cursor) -> Completions:
    m = _PRAGMA.match(cur.prefix)
    if m is None:
        return Completions(cur.offset, [])
    from dockerlint.rules import registry

    typed = cur.prefix[m.end():]
    items = []
    for meta in registry.all_rules():
        name = next((n for n in meta.names if n.lower().startswith(typed.lower())), None)
        if name is not None:
            items.append(Item(name, RULE, name, f"{meta.code} {meta.name}", meta.summary))
    return Completions(cur.offset - len(typed), items)


# -- arguments -------------------------------------------------------------------------


def _arguments(model: Model, cur: _cursor.Cursor, snippets: bool, builds: list[Build]) -> Completions:
    keyword = cur.keyword
    flags = docs.FLAGS.get(keyword, {})
    in_flags = not cur.flags_done
    if cur.prefix.startswith("-") and in_flags:
        if "=" in cur.prefix:
            return _flag_value(model, cur)
        used = {t.text[2:].split("=", 1)[0].lower() for t in cur.tokens if t.text.startswith("--")}
        return Completions(cur.start, [_flag_item(keyword, name, doc) for name, doc in flags.items()
                                       if name not in used or name in _REPEATABLE])
    args = [t for t in cur.tokens if not t.text.startswith("--")]
    if keyword == "FROM":
        if not args:
            return Completions(cur.start, _stage_items(model, cur, by_index=False))
        if len(args) == 1 and "AS".startswith(cur.prefix.upper()):
            return Completions(cur.start, [Item("AS", KEYWORD, "AS ", "FROM <image> AS <name>", docs.KEYWORD_WORDS["AS"])])
    elif keyword == "RUN" and (not args or args[-1].text.endswith(_COMMAND_SEPARATORS)):
        return Completions(cur.start, _install_items(model, cur, not args, snippets))
    elif keyword == "HEALTHCHECK" and not args:
        modes = [Item(m, KEYWORD, m + " ", "HEALTHCHECK", docs.KEYWORD_WORDS[m]) for m in ("CMD", "NONE")
                 if m.startswith(cur.prefix.upper())]
        used = {t.text[2:].split("=", 1)[0].lower() for t in cur.tokens}
        extra = [_flag_item(keyword, n, d) for n, d in flags.items() if n not in used] if not cur.prefix else []
        return Completions(cur.start, modes + extra)
    elif keyword in ("COPY", "ADD") and builds and not any(t.text.lower().startswith("--from") for t in cur.tokens):
        return _paths(builds, cur)
    return Completions(cur.offset, [])


# What comes before a new command in a shell-form RUN.
_COMMAND_SEPARATORS = ("&&", "||", ";", "|")
# How each package manager installs, written the way the package rules want it (non-interactive, no
# recommends, caches removed in the same RUN): (refresh first, install, clean up). Preferred managers first.
_INSTALLS = {
    # Bitnami minideb's wrapper: refreshes, installs without recommends, cleans the lists itself
    "install_packages": ("", "install_packages ", ""),
    "apt-get": ("apt-get update && ", "apt-get install -y --no-install-recommends ", " && rm -rf /var/lib/apt/lists/*"),
    "apk": ("", "apk add --no-cache ", ""),
    "dnf": ("", "dnf install -y ", " && dnf clean all"),
    "microdnf": ("", "microdnf install -y ", " && microdnf clean all"),
    "tdnf": ("", "tdnf install -y ", " && tdnf clean all"),
    "yum": ("", "yum install -y ", " && yum clean all"),
    "zypper": ("", "zypper --non-interactive install ", " && zypper clean --all"),
}


def _install_items(model: Model, cur: _cursor.Cursor, at_start: bool, snippets: bool) -> list[Item]:
    """The install command of the package manager the stage's base image has (from the image table)."""
    if cur.instruction is None:
        return []
    from dockerlint.knowledge.images import stage_facts

    facts = stage_facts(model, model.stage_of(cur.instruction))
    if facts is None or not facts.managers:
        return []
    version = f" {facts.os_version}" if facts.os_version else ""
    items = []
    for tool, (refresh, install, cleanup) in _INSTALLS.items():
        if tool in facts.managers and tool.startswith(cur.prefix):
            text = f"{refresh if at_start else ''}{install}${{1:package}}{cleanup}" if snippets else install
            items.append(Item(" ".join(install.split()[:2]), VALUE, text, f"{facts.os_label}{version}",
                              f"Install packages with `{tool}`, the package manager of this stage's base image "
                              f"`{facts.image}` ({facts.os_label}{version}).", snippet=snippets))
    return items


def _paths(builds: list[Build], cur: _cursor.Cursor) -> Completions:
    """The build contexts' files and folders, for a COPY/ADD source; excluded ones marked, and
    those not every service's context has say which have them."""
    from dockerlint.server._sources import paths

    ins = cur.instruction if isinstance(cur.instruction, (nodes.Copy, nodes.Add)) else None
    found = paths(builds, cur.prefix, ins) or []
    typed = cur.prefix.rpartition("/")[2]
    items = [Item(p.name, FOLDER if p.is_dir else FILE, p.name, _path_detail(p),
                  deprecated=p.excluded_by is not None, retrigger=p.is_dir)
             for p in sorted(found, key=lambda p: p.excluded_by is not None)]
    return Completions(cur.offset - len(typed), items)


def _path_detail(item: PathItem) -> str:
    from dockerlint.semantics.context import describe

    only = describe(list(item.builds)) if item.builds else ""
    excluded = f"excluded by {item.excluded_by}" if item.excluded_by is not None else ""
    return "; ".join(filter(None, (excluded, f"only in {only}" if only else "")))


def _flag_item(keyword: str, name: str, doc: docs.FlagDoc) -> Item:
    insert = f"--{name}=" if doc.value else f"--{name}"
    return Item(f"--{name}", FLAG, insert, f"{keyword} --{name}" + (f"={doc.value}" if doc.value else ""),
                docs.flag_markdown(keyword, name) or "", retrigger=bool(doc.value))


def _flag_value(model: Model, cur: _cursor.Cursor) -> Completions:
    name, _, value = cur.prefix[2:].partition("=")
    name = name.lower()
    if cur.keyword == "RUN" and name == "mount":
        return _mount(model, cur, value)
    start = cur.offset - len(value)
    if cur.keyword == "COPY" and name == "from":
        return Completions(start, _stage_items(model, cur, by_index=True))
    doc = docs.FLAGS.get(cur.keyword, {}).get(name)
    if doc is None:
        return Completions(start, [])
    return Completions(start, [Item(v, VALUE, v, f"--{name}", retrigger=v.endswith("=")) for v in doc.values])


def _mount(model: Model, cur: _cursor.Cursor, value: str) -> Completions:
    parts = value.split(",")
    current = parts[-1]
    options = dict(p.split("=", 1) for p in parts[:-1] if "=" in p)
    mount_type = options.get("type", "bind").lower()
    key, eq, typed = current.partition("=")
    if eq:
        start = cur.offset - len(typed)
        key = key.strip().lower()
        if key == "from":
            return Completions(start, _stage_items(model, cur, by_index=True))
        if key == "type":
            return Completions(start, [Item(t, VALUE, t, "mount type", doc) for t, doc in docs.MOUNT_TYPES.items()])
        return Completions(start, [Item(v, VALUE, v, key) for v in docs.MOUNT_VALUES.get(key, ())])
    known = docs.MOUNT_OPTIONS.get(mount_type, {})
    present = {p.split("=", 1)[0].strip().lower() for p in parts[:-1]}
    items = [] if "type" in present else [Item("type", VALUE, "type=", "mount option",
                                                docs.mount_option_markdown(None, "type") or "", retrigger=True)]
    items += [Item(k, VALUE, f"{k}=", f"{mount_type} mount option", doc, retrigger=True)
              for k, doc in known.items() if k not in present]
    return Completions(cur.offset - len(current), items)


def _stage_items(model: Model, cur: _cursor.Cursor, by_index: bool) -> list[Item]:
    """Stages before the one the cursor is in, by name (or by index when unnamed and `by_index`)."""
    earlier = [stage for stage in model.stages if stage.node.span.start < cur.offset][:-1]
    items = []
    for stage in earlier:
        base = stage.image_text or ""
        if stage.name:
            items.append(Item(stage.name, STAGE, stage.name, f"stage {stage.index}", f"`FROM {base}`"))
        elif by_index:
            items.append(Item(str(stage.index), STAGE, str(stage.index), "unnamed stage", f"`FROM {base}`"))
    return items


def _variables(model: Model, cur: _cursor.Cursor, typed: str, braced: bool) -> Completions:
    from dockerlint.semantics.model import PLATFORM_ARGS

    ins = cur.instruction
    assert ins is not None
    scope = dict(model.scope(ins))
    if not isinstance(ins, nodes.From):
        # Platform ARGs become visible in a stage once declared: offer them, saying so.
        for name in PLATFORM_ARGS:
            scope.setdefault(name, None)
    lines = None
    items = []
    # Variables of the file first, then BuildKit's.
    for name, var in sorted(scope.items(), key=lambda kv: kv[1] is None or kv[1].kind == "builtin"):
        if var is None:
            detail, doc = "automatic platform ARG", f"Declare `ARG {name}` in the stage to use it."
        elif var.kind == "builtin":
            detail, doc = "predefined ARG", "Set by BuildKit." if name in PLATFORM_ARGS else "A proxy setting passed with `--build-arg`."
        else:
            if lines is None:
                from dockerlint.syntax.span import LineIndex

                lines = LineIndex(model.dockerfile.source)
            where = lines.position(var.instruction.span.start).line if var.instruction is not None else 0
            value = "unknown (no default)" if var.value is None else f"`{var.value}`" if var.value else "empty"
            detail, doc = f"{var.kind.upper()} {name}", f"Value: {value}\n\nDefined on line {where}."
        items.append(Item(name, VARIABLE, name + ("}" if braced else ""), detail, doc))
    return Completions(cur.offset - len(typed), items)


def _expands(ins: nodes.Instruction, offset: int) -> bool:
    from dockerlint.semantics.references import heredoc_expands

    return any(heredoc_expands(ins, h) for h in getattr(ins, "heredocs", ())
               if h.body.start <= offset <= h.body.end)
