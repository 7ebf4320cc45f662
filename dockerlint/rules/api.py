"""What a rule is made of: its metadata, its check, its findings and their fixes.

A rule module defines `META = RuleMeta(...)` and one function decorated with
`@check(META, on=...)`. The metadata is the documentation: docs/rules.md,
`dockerlint rule CODE` and the language server's hover are rendered from it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, NamedTuple

from dockerlint.syntax.span import Span

if TYPE_CHECKING:
    from dockerlint.syntax.nodes import Instruction

SEVERITIES = ("style", "info", "warning", "error")  # ascending


class Severity:
    """A severity name with its order; `Severity.rank("warning") > Severity.rank("info")`."""

    STYLE, INFO, WARNING, ERROR = SEVERITIES

    @staticmethod
    def rank(name: str) -> int:
        return SEVERITIES.index(name)


FIX_KINDS = ("none", "safe", "unsafe", "sometimes")


class RuleMeta:
    """Everything about a rule but its check. Keyword-only; see the fields below."""

    __slots__ = (
        "code", "name", "severity", "summary", "rationale", "bad", "good", "aliases", "fix",
        "fix_description", "references", "divergence", "options", "tags", "implemented",
        "example_settings", "default_enabled", "example_context", "family", "check", "on", "per_stage",
    )

    def __init__(
        self,
        *,
        code: str,
        name: str,
        severity: str,
        summary: str,
        rationale: str,
        bad: str = "",
        good: str = "",
        aliases: tuple[str, ...] = (),
        fix: str = "none",
        fix_description: str = "",
        references: tuple[str, ...] = (),
        divergence: str = "",
        options: dict[str, str] | None = None,
        tags: tuple[str, ...] = (),
        implemented: bool = True,
        example_settings: dict[str, Any] | None = None,
        default_enabled: bool = True,
        example_context: dict[str, str] | None = None,
    ) -> None:
        self.code = code  # stable, never reused
        self.name = name  # kebab-case, names the pattern flagged
        self.severity = severity  # default: style | info | warning | error
        self.summary = summary  # one line
        self.rationale = rationale  # why: Markdown paragraphs
        self.bad = bad  # a Dockerfile the rule reports (tests run it)
        self.good = good  # its fixed form, which the rule leaves alone
        self.aliases = aliases  # hadolint DL codes, BuildKit check names, Trivy/Checkov IDs
        self.fix = fix  # none | safe | unsafe | sometimes
        self.fix_description = fix_description
        self.references = references
        self.divergence = divergence  # where and why we differ from hadolint/BuildKit
        self.options = options or {}  # config keys the rule reads -> description
        self.tags = tags  # LSP diagnostic tags: "unnecessary", "deprecated"
        self.implemented = implemented  # False: documented only (rationale says why)
        # False: runs only when selected by code, name or alias (not by ALL or a prefix)
        self.default_enabled = default_enabled
        # build-context files (path -> content) the bad/good examples assume, e.g. a .dockerignore
        self.example_context = example_context or {}
        self.example_settings = example_settings or {}  # Settings fields the bad/good examples need
        self.family = ""  # set by the registry from the module path
        self.check: Callable[..., Iterable[Finding]] | None = None
        self.on: tuple[type[Instruction], ...] | None = None
        self.per_stage = False  # see `check`

    def __repr__(self) -> str:
        return f"<rule {self.code} {self.name}>"

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that selects this rule: code, name and aliases."""
        return (self.code, self.name, *self.aliases)


def check(meta: RuleMeta, *, on: type[Instruction] | tuple[type[Instruction], ...] | None = None,
          per_stage: bool = False):
    """Register the decorated function as `meta`'s check.

    With `on`, it is called as `fn(node, ctx)` for each instruction of those types
    (ONBUILD triggers included); with `per_stage`, as `fn(stage, ctx)` for each stage of
    the model (a check that looks at one stage's instructions together); with neither,
    once per file as `fn(ctx)`.

    An editor's re-lint reuses the findings of an instruction (or stage) check while the
    instruction's (stage's) text and its context (the FROM lines, global ARGs, and its
    stage's ARG, ENV, SHELL, WORKDIR and USER instructions: see dockerlint/reuse.py) stay
    the same, so their messages must not quote anything outside, such as line numbers.
    A check that reads anything else, such as files on disk, is a whole-file check: those
    run on every lint.
    """
    if per_stage and on is not None:
        raise ValueError(f"{meta.code}: a stage check takes no `on`")

    def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        meta.check = fn
        meta.on = on if on is None or isinstance(on, tuple) else (on,)
        meta.per_stage = per_stage
        return fn

    return register


class Edit(NamedTuple):
    """Replace source[start:end] with text (offsets into the decoded text)."""

    start: int
    end: int
    text: str


class Fix(NamedTuple):
    title: str  # imperative: "Add `--no-install-recommends`"
    edits: tuple[Edit, ...]
    safe: bool = True


class Related(NamedTuple):
    """A further place a finding is about (one unpinned package of an install command)."""

    span: Span
    message: str


class Finding:
    __slots__ = ("rule", "span", "message", "fix", "severity", "sub_code", "origin", "anchor", "related")

    def __init__(self, rule: RuleMeta, span: Span, message: str, fix: Fix | None = None,
                 severity: str | None = None, sub_code: str | None = None,
                 origin: object | None = None, anchor: int = 0, related: tuple[Related, ...] = ()) -> None:
        self.rule = rule
        self.span = span
        self.message = message
        if fix is not None and fix.safe and rule.fix not in ("safe", "sometimes"):
            fix = fix._replace(safe=False)  # the rule's META decides: a shared helper cannot make it safe
        self.fix = fix
        self.severity = severity or rule.severity
        # a finer code under the rule (ShellCheck's "SC2086"), selectable on its own in ignores
        self.sub_code = sub_code
        # Set by dockerlint/reuse.py: the record the finding is kept as, or re-created from,
        # the same object from lint to lint, and the offset the record is relative to.
        self.origin = origin
        self.anchor = anchor
        # the places inside the finding's instruction it is about besides `span` (LSP relatedInformation)
        self.related = related

    def __repr__(self) -> str:
        return f"<{self.rule.code} {self.span} {self.message!r}>"

    def sort_key(self) -> tuple[int, int, str, str, str]:
        # total, so the order never depends on which check ran first (reused findings come first)
        return (self.span.start, self.span.end, self.rule.code, self.sub_code or "", self.message)


def replace(span: Span, text: str) -> Edit:
    return Edit(span.start, span.end, text)


def insert(offset: int, text: str) -> Edit:
    return Edit(offset, offset, text)


Check = Callable[..., Iterator[Finding]]
Options = dict[str, Any]
