"""What to show over a position: Markdown and the span it describes. Pure; the hover feature wraps it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, NamedTuple

from dockerlint.semantics.references import HEREDOC
from dockerlint.server import _cursor
from dockerlint.server import _instruction_docs as docs
from dockerlint.syntax import nodes
from dockerlint.syntax.span import LineIndex, Span

if TYPE_CHECKING:
    from dockerlint.rules.api import Finding
    from dockerlint.semantics.image_ref import ImageRef
    from dockerlint.semantics.model import Model, Stage
    from dockerlint.semantics.references import References
    from dockerlint.server._sources import Build

_PRAGMA = re.compile(r"\s*#\s*(?:dockerlint|hadolint)\s+(?:global\s+)?ignore\s*=\s*", re.IGNORECASE)
_SELECTOR = re.compile(r"[^,\s]+")


class Hover(NamedTuple):
    markdown: str
    span: Span


def hover(refs: References, offset: int, findings: Iterable[Finding] = (), builds: list[Build] | None = None) -> Hover | None:
    """The hover at `offset` of the parse `refs` indexes (`refs.model`); `builds`: the document's
    build contexts (dockerlint/server/_sources.py)."""
    model = refs.model
    df = model.dockerfile
    main = (_rule_selector(df, offset) or _directive(df, offset) or _symbol(refs, offset)
            or _source(builds or [], offset) or _word(model, offset))
    found = [f for f in findings if f.span.start <= offset <= f.span.end and f.span.start < f.span.end]
    if not found:
        return main
    from dockerlint.explain import url

    notes = "\n\n".join(f"**{f.rule.code}** `{f.rule.name}`: {f.rule.summary} ([docs]({url(f.rule)}))" for f in found)
    if main is None:
        span = found[0].span
        return Hover(notes, Span(max(f.span.start for f in found), min(f.span.end for f in found))
                     if len(found) > 1 else span)
    return Hover(main.markdown + "\n\n---\n\n" + notes, main.span)


def _rule_selector(df: nodes.Dockerfile, offset: int) -> Hover | None:
    """A code, name or alias in `# dockerlint ignore=`, `# hadolint ignore=` or `# check=skip=`."""
    source = df.source
    start = source.rfind("\n", 0, offset) + 1
    end = source.find("\n", offset)
    line = source[start: len(source) if end < 0 else end].rstrip("\r")
    m = _PRAGMA.match(line)
    if m is not None:
        body = m.end()
    else:
        d = next((d for d in df.directives
                  if start <= d.span.start <= start + len(line) and d.name.text.lower() == "check"), None)
        if d is None:
            return None
        body = -1
        for part in re.finditer(r"[^;]+", line[d.value.span.start - start:]):
            key, eq, _ = part.group().partition("=")
            if eq and key.strip().lower() == "skip":
                body = d.value.span.start - start + part.start() + len(key) + 1
                break
        if body < 0:
            return None
    for sel in _SELECTOR.finditer(line, body):
        if sel.start() <= offset - start <= sel.end():
            text = sel.group().split(";")[0]
            from dockerlint.explain import render
            from dockerlint.rules import registry

            meta = registry.resolve(text)
            if meta is None:
                return None
            return Hover(render(meta, heading="####"), Span(start + sel.start(), start + sel.start() + len(text)))
    return None


def _directive(df: nodes.Dockerfile, offset: int) -> Hover | None:
    for d in df.directives:
        if d.name.span.start <= offset <= d.name.span.end:
            known = docs.DIRECTIVES.get(d.name.text.lower())
            if known is not None:
                return Hover(f"**# {d.name.text.lower()}=**: {known[0]}", d.name.span)
    return None


def _symbol(refs: References, offset: int) -> Hover | None:
    model = refs.model
    occ = refs.at(offset)
    if occ is None:
        return None
    sym = refs.symbols[occ.symbol]
    if sym.kind == HEREDOC:
        return None
    if sym.stage is not None:
        return Hover(_stage_markdown(sym.stage), occ.span)
    ins = _cursor.instruction_at(model.dockerfile, offset)
    if ins is None:
        return None
    if isinstance(ins, nodes.Onbuild) and ins.trigger is not None:
        ins = ins.trigger
    lines = LineIndex(model.dockerfile.source)
    if occ.definition:
        pair = next((p for p in getattr(ins, "pairs", ()) if p.key.span == occ.span), None)
        kind = ins.kind.upper()
        if pair is None:
            return None
        if pair.value is None:
            inherited = model.global_args.get(sym.name) if isinstance(ins, nodes.Arg) and model.stage_of(ins) else None
            value = inherited.value if inherited is not None else None
            text = f"`{kind} {sym.name}`" + (f": `{value}` (the global ARG's default)" if value is not None
                                             else ": no default; set with `--build-arg`")
        else:
            value = model.expand(pair.value, ins).value
            text = f"`{kind} {sym.name}` = `{value}`"
        return Hover(text, occ.span)
    if sym.builtin:
        return Hover(f"`{sym.name}`: set by BuildKit for every build.", occ.span)
    var = model.definition(sym.name, ins)
    if var is None:
        return Hover(f"`${sym.name}` is not defined here: it expands to an empty string.", occ.span)
    value = "unknown: no default, set with `--build-arg`" if var.value is None else f"`{var.value}`"
    where = f" (line {lines.position(var.instruction.span.start).line})" if var.instruction is not None else ""
    return Hover(f"`{sym.name}` = {value}\n\nDefined by `{var.kind.upper()}`{where}.", occ.span)


def _source(builds: list[Build], offset: int) -> Hover | None:
    """A COPY/ADD source: what it matches in the build contexts."""
    if not builds:
        return None
    from dockerlint.server._sources import hover

    found = hover(builds, offset)
    return None if found is None else Hover(*found)


def _stage_markdown(stage: Stage) -> str:
    name = f"`{stage.name}`" if stage.name else "(unnamed)"
    base = f"stage `{stage.base_stage.name or stage.base_stage.index}`" if stage.base_stage is not None \
        else f"`{stage.image_text}`"
    return f"Stage {stage.index} {name}, built FROM {base}{_platform_note(stage)}"


def _platform_note(stage: Stage) -> str:
    """FROM lines read the automatic platform ARGs as a linux/amd64 build does: say so."""
    return " in a build for linux/amd64" if stage.platform_args else ""


def _word(model: Model, offset: int) -> Hover | None:
    """An instruction keyword, a flag, a mount option, AS/CMD/NONE, or a FROM image."""
    ins = _cursor.instruction_at(model.dockerfile, offset)
    if ins is None:
        return None
    for current in (ins, getattr(ins, "trigger", None)):
        if current is None:
            continue
        kw = current.keyword
        if kw.span.start <= offset <= kw.span.end:
            text = docs.instruction_markdown(kw.text)
            return Hover(text, kw.span) if text else None
        for flag in current.flags:
            if flag.span.start <= offset <= flag.name.span.end:
                text = docs.flag_markdown(kw.text, flag.name.text)
                return Hover(text, Span(flag.span.start, flag.name.span.end)) if text else None
            if flag.key == "mount" and flag.value is not None and flag.value.span.start <= offset <= flag.value.span.end:
                return _mount_option(flag.value, offset)
        for word in (getattr(current, "as_keyword", None), getattr(current, "mode", None)):
            if word is not None and word.span.start <= offset <= word.span.end:
                return Hover(f"**{word.text.upper()}**: {docs.KEYWORD_WORDS[word.text.upper()]}", word.span)
        if isinstance(current, nodes.From) and current.image is not None \
                and current.image.span.start <= offset <= current.image.span.end:
            stage = model.stage_of(current)
            if stage is not None:
                return Hover(_image_markdown(stage), current.image.span)
    return None


def _mount_option(value: nodes.Word, offset: int) -> Hover | None:
    text = value.text
    options = dict(p.split("=", 1) for p in text.split(",") if "=" in p)
    pos = 0
    for part in text.split(","):
        key = part.split("=", 1)[0]
        span = value.sub_span(pos, pos + len(key))
        if span.start <= offset <= span.end:
            doc = docs.mount_option_markdown(options.get("type", "bind").lower(), key.strip().lower())
            return Hover(doc, span) if doc else None
        pos += len(part) + 1
    return None


def _image_markdown(stage: Stage) -> str:
    if stage.base_stage is not None:
        return _stage_markdown(stage)
    ref = stage.image
    if ref is None:
        return f"Base image `{stage.image_text}`{_platform_note(stage)}"
    if ref.is_scratch:
        return "`scratch`: an empty image, with no files at all: no shell, no package manager, runs as root"
    lines = [f"Base image `{ref.familiar_name}`{_platform_note(stage)}"]
    lines.append(f"- registry: `{ref.domain}`")
    lines.append(f"- repository: `{ref.path}`")
    if ref.tag:
        lines.append(f"- tag: `{ref.tag}`")
    if ref.digest:
        lines.append(f"- digest: `{ref.digest}`")
    if not ref.tag and not ref.digest:
        lines.append("- no tag: `latest` is used")
    lines.extend(_known_lines(ref))
    from dockerlint.server._links import image_url

    link = image_url(ref)
    if link:
        lines.append(f"\n[{link}]({link})")
    return "\n".join(lines)


def _known_lines(ref: ImageRef) -> list[str]:
    """What dockerlint's image tables know of `ref`: OS, package manager, shell, users, end of life."""
    from datetime import date

    from dockerlint.knowledge.images import checked, facts_for
    from dockerlint.knowledge.eol import EOL_TABLE_DATE, describe

    facts = facts_for(ref)
    eol = describe(ref, date.today())
    if facts is None and eol is None:
        return []
    lines = ["", "**What is known of this image**"]
    if facts is not None:
        if facts.os_label is not None:
            os = f"{facts.os_label} {facts.os_version}" if facts.os_version else facts.os_label
            lines.append(f"- OS: {os}")
        if facts.managers is not None:
            managers = sorted(m for m in facts.managers if m not in ("dpkg", "rpm"))  # a set: keep output stable
            lines.append(f"- package manager: {', '.join(f'`{m}`' for m in managers) if managers else 'none'}")
        if facts.shell is not None:
            lines.append(f"- shell: `{facts.shell}`" if facts.shell else "- shell: none (use the exec form)")
        if facts.run_by is not None:
            who, user, source = facts.run_by
            lines.append(f"- runs as: {f'`{user}`' if user else 'an unprivileged user'} when [{who}]({source}) "
                         "runs it, whatever `USER` says")
        elif facts.user is not None:
            numeric = " (a user id with no root rights)" if facts.user.isdigit() and facts.runs_unprivileged else ""
            service = f"`{facts.users[0]}`" if facts.users else "the service's user"
            steps = f", and its entrypoint runs the service as {service}" if facts.steps_down else ""
            lines.append(f"- runs as: `{facts.user}`{numeric}{steps}")
        if facts.users:
            lines.append(f"- unprivileged users: {', '.join(f'`{u}`' for u in facts.users)}")
    if eol is not None:
        for info in (eol, eol.base):
            if info is None:
                continue
            when = "no end date announced" if info.eol_date is None else (
                f"{'ended' if info.is_eol(date.today()) else 'ends'} {info.eol_date.isoformat()}")
            lines.append(f"- end of life: {f'{info.label} {info.cycle}'.rstrip()}, {when}")
    checks = ([f"[image table]({facts.sources[0]}) {checked()}"] if facts is not None else []) + (
        [f"[end-of-life table]({eol.source_url}) {EOL_TABLE_DATE}"] if eol is not None else [])
    lines.append(f"\n_Checked: {', '.join(checks)}_")
    return lines
