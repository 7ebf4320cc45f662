"""Rule metadata rendered as Markdown: docs/rules.md, `dockerlint rule CODE`, the LSP hover."""
from __future__ import annotations

from dockerlint.rules.api import RuleMeta

DOCS_URL = "https://github.com/dockerlint/dockerlint/blob/main/docs/rules.md"

FAMILIES = {
    "syntax": "Syntax",
    "base_image": "Base images",
    "stages": "Stages",
    "user": "Users and privileges",
    "copy_add": "COPY and ADD",
    "args_env": "ARG, ENV and secrets",
    "instructions": "Instructions and structure",
    "labels": "Labels",
    "shell": "RUN: shell and package managers",
    "shellcheck": "ShellCheck",
    "plugin": "Plugins",
}


def anchor(meta: RuleMeta) -> str:
    return f"{meta.code.lower()}-{meta.name}"


def url(meta: RuleMeta) -> str:
    return f"{DOCS_URL}#{anchor(meta)}"


def _fix_line(meta: RuleMeta) -> str:
    if meta.fix == "none":
        return "No automatic fix."
    kind = {"safe": "Safe fix", "unsafe": "Unsafe fix (`--unsafe-fixes`)", "sometimes": "Fix, safe in some cases"}[meta.fix]
    return f"{kind}: {meta.fix_description}" if meta.fix_description else f"{kind}."


def render(meta: RuleMeta, heading: str = "###") -> str:
    """One rule's section."""
    lines = [f'{heading} {meta.code} {meta.name}', "", f"*{meta.summary}*", ""]
    facts = [f"**Severity:** {meta.severity}"]
    if meta.aliases:
        facts.append("**Aliases:** " + ", ".join(f"`{a}`" for a in meta.aliases))
    if not meta.implemented:
        facts.append("**Not implemented**")
    elif not meta.default_enabled:
        facts.append("**Off by default:** select it by code, name or alias")
    lines += [" · ".join(facts), "", meta.rationale.strip(), ""]
    if meta.bad:
        lines += ["**Bad:**", "", "```dockerfile", meta.bad.rstrip("\n"), "```", ""]
    if meta.good:
        lines += ["**Good:**", "", "```dockerfile", meta.good.rstrip("\n"), "```", ""]
    if meta.example_context:
        lines += ["**Build context of the examples:**", ""]
        lines += [f"- `{name}`" + (f": `{content.strip()}`" if content.strip() else "")
                  for name, content in meta.example_context.items()] + [""]
    if meta.implemented:
        lines += [f"**Fix:** {_fix_line(meta)}", ""]
    if meta.options:
        lines += ["**Options:**", ""] + [f"- `{k}`: {v}" for k, v in meta.options.items()] + [""]
    if meta.example_settings:
        shown = ", ".join(f"`{k.replace('_', '-')} = {_toml(v)}`" for k, v in meta.example_settings.items())
        lines += [f"**The examples assume:** {shown}", ""]
    if meta.divergence:
        lines += [f"**Differences from other tools:** {meta.divergence.strip()}", ""]
    if meta.references:
        lines += ["**References:** " + ", ".join(f"<{r}>" for r in meta.references), ""]
    return "\n".join(lines)


def _toml(value: object) -> str:
    """A setting's value as written in the configuration file."""
    import json

    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value)


def render_all(rules: list[RuleMeta]) -> str:
    out = [
        "# dockerlint rules",
        "",
        "<!-- Generated from the rules' metadata by `python -m dockerlint.docs`; do not edit by hand. -->",
        "",
        f"{sum(r.implemented for r in rules)} rules implemented, {sum(not r.implemented for r in rules)} documented "
        "but not implemented (each says why).",
        "",
        "| Code | Name | Severity | Aliases | Fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        name = f"[{r.name}](#{anchor(r)})" + ("" if r.implemented else " (not implemented)")
        out.append(f"| {r.code} | {name} | {r.severity} | {', '.join(r.aliases)} | {r.fix} |")
    out.append("")
    families: dict[str, list[RuleMeta]] = {}
    for r in rules:
        families.setdefault(r.family, []).append(r)
    for family in sorted(families, key=lambda f: min(r.code for r in families[f])):
        out += [f"## {FAMILIES.get(family, family.replace('_', ' ').title())}", ""]
        for r in families[family]:
            out.append(render(r))
    return "\n".join(out).rstrip("\n") + "\n"
