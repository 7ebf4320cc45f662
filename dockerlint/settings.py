"""Resolved settings for one lint: which rules run, how severe, and their options."""
from __future__ import annotations

from typing import Any


class Settings:
    """Plain data; config files, the command line and the editor all fill one of these."""

    __slots__ = (
        "select", "ignore", "extend_select", "per_file_ignores", "severity", "failure_threshold",
        "trusted_registries", "label_schema", "strict_labels", "rule_options", "shellcheck",
        "no_fail", "disable_ignore_pragma", "source", "exclude", "extend_exclude", "contexts", "context",
    )

    def __init__(self, **kwargs: Any) -> None:
        self.select: list[str] | None = None  # None: every rule enabled by default
        self.ignore: list[str] = []
        self.extend_select: list[str] = []
        self.per_file_ignores: dict[str, list[str]] = {}  # glob -> rule selectors
        self.severity: dict[str, str] = {}  # rule selector -> severity
        self.failure_threshold = "style"
        self.trusted_registries: list[str] = []
        self.label_schema: dict[str, str] = {}  # label -> format (text, url, semver, hash, rfc3339, spdx, email)
        self.strict_labels = False
        self.rule_options: dict[str, dict[str, Any]] = {}  # rule code -> options
        self.shellcheck = True
        self.no_fail = False
        self.disable_ignore_pragma = False  # hadolint's switch: `# ... ignore=` comments have no effect
        self.source: str | None = None  # where these settings came from, for messages
        # gitignore-style patterns of files and folders discovery leaves out, relative to `source`'s folder
        self.exclude: list[str] = []
        self.extend_exclude: list[str] = []
        self.contexts: dict[str, str] = {}  # glob -> the build context folder (absolute) of the Dockerfiles it matches
        self.context: str | None = None  # this file's configured build context, once resolved for it
        for key, value in kwargs.items():
            setattr(self, key, value)

    def __eq__(self, other: object) -> bool:
        return type(other) is Settings and all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def copy(self, **changes: Any) -> Settings:
        clone = Settings(**{k: getattr(self, k) for k in self.__slots__})
        for key, value in changes.items():
            setattr(clone, key, value)
        return clone
