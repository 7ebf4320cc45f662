"""Configuration: the nearest `.dockerlint.toml` or `pyproject.toml` `[tool.dockerlint]`, else hadolint's.

For each linted file the search walks up from its directory; the nearest dockerlint config
wins (`.dockerlint.toml` before `pyproject.toml` in one directory). When none exists, the
nearest `.hadolint.yaml`/`.yml` (then hadolint's per-user files) and the `HADOLINT_*`
environment variables are read the way hadolint reads them, so a project can switch with no
change. Command-line flags are applied last. Every problem raises `ConfigError` naming the
file, the line where there is one, and the key.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable, Iterable, Sequence, Union

from dockerlint.rules.api import SEVERITIES
from dockerlint.settings import Settings

LABEL_FORMATS = ("text", "url", "semver", "hash", "rfc3339", "spdx", "email")
DOCKERLINT_FILES = (".dockerlint.toml", "pyproject.toml")
HADOLINT_FILES = (".hadolint.yaml", ".hadolint.yml")


class ConfigError(Exception):
    def __init__(self, file: str | None, message: str, line: int | None = None) -> None:
        where = "" if file is None else _shown(file) + (f":{line}" if line else "") + ": "
        super().__init__(where + message)


def did_you_mean(word: str, options: list[str]) -> str:
    from difflib import get_close_matches  # only on the error path

    close = get_close_matches(word, options, n=1)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


class Overrides:
    """What the command line says; applied over whatever the files say."""

    def __init__(self, *, select: list[str] | None = None, ignore: Sequence[str] = (), extend_select: Sequence[str] = (),
                 severity: dict[str, str] | None = None, failure_threshold: str | None = None,
                 trusted_registries: Sequence[str] = (), label_schema: dict[str, str] | None = None,
                 strict_labels: bool | None = None, shellcheck: bool | None = None, no_fail: bool | None = None,
                 exclude: list[str] | None = None, extend_exclude: Sequence[str] = ()) -> None:
        self.select = select
        self.ignore = list(ignore)
        self.extend_select = list(extend_select)
        self.severity = severity or {}
        self.failure_threshold = failure_threshold
        self.trusted_registries = list(trusted_registries)
        self.label_schema = label_schema or {}
        self.strict_labels = strict_labels
        self.shellcheck = shellcheck
        self.no_fail = no_fail
        # discovery's, relative to the current directory; `exclude` replaces the files' own
        self.exclude = exclude
        self.extend_exclude = list(extend_exclude)

    def validate(self) -> None:
        for flag, selectors in (("--select", self.select or []), ("--ignore", self.ignore),
                                ("--extend-select", self.extend_select)):
            _check_selectors(selectors, lambda s, flag=flag: ConfigError(None, f"{flag}: {_unknown_rule(s)}"))
        for code, level in self.severity.items():
            if _rule(code) is None:
                raise ConfigError(None, f"--severity: {_unknown_rule(code)}")
            if level not in (*SEVERITIES, "off"):
                raise ConfigError(None, f"--severity {code}: `{level}` is not one of {', '.join((*SEVERITIES, 'off'))}")
        for label, fmt in self.label_schema.items():
            if fmt not in LABEL_FORMATS:
                raise ConfigError(None, f"--require-label {label}: `{fmt}` is not one of {', '.join(LABEL_FORMATS)}")

    def apply(self, base: Settings) -> Settings:
        s = base.copy()
        if self.select is not None:
            s.select = list(self.select)
        s.ignore = s.ignore + self.ignore
        s.extend_select = s.extend_select + self.extend_select
        s.severity = {**s.severity, **self.severity}
        s.trusted_registries = s.trusted_registries + self.trusted_registries
        s.label_schema = {**s.label_schema, **self.label_schema}
        for key in ("failure_threshold", "strict_labels", "shellcheck", "no_fail"):
            value = getattr(self, key)
            if value is not None:
                setattr(s, key, value)
        return s


class Resolver:
    """Settings for each linted file, searching and parsing each directory's config once."""

    def __init__(self, overrides: Overrides | None = None, config_file: str | None = None,
                 isolated: bool = False, environ: dict[str, str] | None = None) -> None:
        self.overrides = overrides or Overrides()
        self.isolated = isolated
        self.environ = os.environ if environ is None else environ
        self._by_dir: dict[str, Settings] = {}
        self._files: dict[str, Settings | None] = {}
        self._env: Settings | None = None
        self._fixed: Settings | None = None
        self._exclude_rules: dict[int, list] = {}  # id(settings of a folder) -> its exclude rules
        self.overrides.validate()
        if config_file is not None:
            path = os.path.abspath(config_file)
            if not os.path.isfile(path):
                raise ConfigError(None, f"--config {config_file}: no such file")
            if path.endswith((".yaml", ".yml")):
                self._fixed = self._load_hadolint(path)
            else:
                loaded = _load_dockerlint(path, required=True)
                assert loaded is not None
                self._fixed = loaded
        elif isolated:
            self._fixed = Settings()

    def settings_for(self, path: str | None) -> Settings:
        """The settings for a file (None: standard input without a name, searched from the current directory)."""
        absolute = os.path.abspath(path if path is not None else "-")
        base = self._fixed if self._fixed is not None else self._for_dir(os.path.dirname(absolute))
        settings = self.overrides.apply(base)
        return _apply_context(_apply_per_file_ignores(settings, absolute), absolute)

    def excluded(self, path: str, is_dir: bool) -> bool:
        """Whether the configuration's `exclude`/`extend-exclude` (or --exclude/--extend-exclude)
        leave out the absolute `path` (a file or directory being discovered)."""
        from dockerlint.discovery import is_ignored

        rules = self._rules_for(os.path.dirname(path))
        return bool(rules) and is_ignored(rules, path, is_dir)

    def excludes_file(self, path: str) -> bool:
        """`excluded` for a file named outright, whose folders discovery did not look at."""
        from dockerlint.discovery import is_excluded

        absolute = os.path.abspath(path)
        rules = self._rules_for(os.path.dirname(absolute))
        return bool(rules) and is_excluded(rules, absolute, False)

    def _rules_for(self, folder: str) -> list:
        """The exclude rules in force in `folder`: its configuration's, and the command line's."""
        from dockerlint.discovery import exclude_rules

        settings = self._fixed if self._fixed is not None else self._for_dir(folder)
        rules = self._exclude_rules.get(id(settings))
        if rules is not None:
            return rules
        here = os.getcwd()
        own = os.path.dirname(settings.source) if settings.source else here
        o = self.overrides
        rules = exclude_rules(settings.exclude, own) if o.exclude is None else exclude_rules(o.exclude, here)
        rules += exclude_rules(settings.extend_exclude, own) + exclude_rules(o.extend_exclude, here)
        self._exclude_rules[id(settings)] = rules
        return rules

    def _for_dir(self, directory: str) -> Settings:
        found = self._by_dir.get(directory)
        if found is None:
            found = self._dockerlint_for(directory)
            if found is None:
                hadolint = self._hadolint_file(directory)
                found = self._hadolint_env() if hadolint is None else self._load_hadolint(hadolint)
            self._by_dir[directory] = found
        return found

    def _dockerlint_for(self, directory: str) -> Settings | None:
        current = directory
        while True:
            for name in DOCKERLINT_FILES:
                candidate = os.path.join(current, name)
                if candidate not in self._files:
                    self._files[candidate] = _load_dockerlint(candidate, required=False)
                if self._files[candidate] is not None:
                    return self._files[candidate]
            parent = os.path.dirname(current)
            if parent == current:
                return None
            current = parent

    def _hadolint_file(self, directory: str) -> str | None:
        current = directory
        while True:
            for name in HADOLINT_FILES:
                candidate = os.path.join(current, name)
                if os.path.isfile(candidate):
                    return candidate
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        return next((c for c in _hadolint_user_files(self.environ) if os.path.isfile(c)), None)

    def _load_hadolint(self, path: str) -> Settings:
        if path not in self._files:
            self._files[path] = _load_hadolint(path, self._hadolint_env(), "HADOLINT_FAILURE_THRESHOLD" in self.environ)
        return self._files[path]  # type: ignore[return-value]

    def _hadolint_env(self) -> Settings:
        if self._env is None:
            self._env = _hadolint_from_env(self.environ)
        return self._env


def _hadolint_user_files(environ: Any) -> list[str]:
    home = environ.get("HOME") or os.path.expanduser("~")
    xdg = environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    names = []
    for directory, stems in ((xdg, ("hadolint",)), (os.path.join(home, ".hadolint"), ("hadolint", "config"))):
        names += [os.path.join(directory, f"{stem}.{ext}") for stem in stems for ext in ("yaml", "yml")]
    return names + [os.path.join(home, f".hadolint.{ext}") for ext in ("yaml", "yml")]


def _apply_per_file_ignores(settings: Settings, path: str) -> Settings:
    if not settings.per_file_ignores:
        return settings
    extra = [code for glob in _globs_matching(settings, settings.per_file_ignores, path)
             for code in settings.per_file_ignores[glob]]
    return settings.copy(ignore=settings.ignore + extra, per_file_ignores={})


def _apply_context(settings: Settings, path: str) -> Settings:
    """The build context of the first `context` glob that matches the file."""
    if not settings.contexts:
        return settings
    first = next(iter(_globs_matching(settings, settings.contexts, path)), None)
    return settings.copy(context=None if first is None else settings.contexts[first], contexts={})


def _globs_matching(settings: Settings, globs: Iterable[str], path: str) -> list[str]:
    """The globs (relative to the settings' file) that match a file, in order."""
    root = os.path.dirname(settings.source) if settings.source else os.getcwd()
    rel = os.path.relpath(path, root).replace(os.sep, "/")
    return [glob for glob in globs if _glob_matches(glob, rel)]


def _glob_matches(pattern: str, rel: str) -> bool:
    from dockerlint.glob import per_file_glob

    # As in .gitignore, a pattern without a slash matches the file name at any depth.
    return per_file_glob(pattern, "/" not in pattern).match(rel)


# --- rules and selectors ------------------------------------------------------------------------

def _rule(selector: str):
    from dockerlint.rules import registry

    return registry.resolve(selector)


def _unknown_rule(selector: str) -> str:
    from dockerlint.rules import registry

    names = [n for r in registry.all_rules() for n in r.names]
    return f"unknown rule `{selector}`" + did_you_mean(selector, names)


def _check_selectors(selectors: list[str], error: Callable[[str], ConfigError]) -> None:
    from dockerlint.rules import registry

    _, unknown = registry.resolve_many(selectors)
    if unknown:
        raise error(unknown[0])


# --- dockerlint TOML ----------------------------------------------------------------------------

def _load_dockerlint(path: str, *, required: bool) -> Settings | None:
    """The settings in a dockerlint TOML file; None when it holds no dockerlint config."""
    from dockerlint.files import read_bytes

    try:
        data = read_bytes(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise ConfigError(path, f"cannot read: {err.strerror or err}") from None
    is_pyproject = os.path.basename(path) == "pyproject.toml"
    if is_pyproject and not required and not _MAYBE_OURS.search(data):
        return None  # most pyproject.toml files have nothing for us: skip the TOML parse
    text = data.decode("utf-8", "replace")
    doc = _parse_toml(path, text)
    if is_pyproject:
        tool = doc.get("tool", {})
        if not isinstance(tool, dict) or "dockerlint" not in tool:
            if required:
                raise ConfigError(path, "no [tool.dockerlint] table")
            return None
        table, prefix = tool["dockerlint"], "tool.dockerlint"
    else:
        table, prefix = doc, ""
    return _TomlReader(path, text, prefix).settings(table)


# `[tool.dockerlint...]` headers, a `[tool]` table that could hold a `dockerlint` key, or a dotted `tool.dockerlint` key.
_MAYBE_OURS = re.compile(
    rb"""^[ \t]*(?:\[[ \t]*["']?tool["']?[ \t]*(?:\.[ \t]*["']?dockerlint\b|\])|["']?tool["']?[ \t]*\.[ \t]*["']?dockerlint\b)""",
    re.MULTILINE)


def _parse_toml(path: str, text: str) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise ConfigError(path, "invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as err:
        msg = str(err)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        line = int(m.group(1)) if m else None
        raise ConfigError(path, f"invalid TOML: {msg}", line) from None


Key = Union[str, tuple[str, ...]]  # a top-level key, or the path to a nested one


def _toml_key(part: str) -> str:
    return part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else '"' + part.replace('"', '\\"') + '"'


class _TomlReader:
    """Checks and converts a `[tool.dockerlint]` table, with the line of each offending key."""

    def __init__(self, path: str, text: str, prefix: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.prefix = prefix

    def error(self, key: Key, message: str, value: str | None = None) -> ConfigError:
        parts = (key,) if isinstance(key, str) else key
        dotted = ".".join([*([self.prefix] if self.prefix else []), *map(_toml_key, parts)])
        return ConfigError(self.path, f"`{dotted}`: {message}", self._line(parts, value))

    def _line(self, parts: tuple[str, ...], value: str | None) -> int | None:
        """The line of a key (each part found after the one before), or of `value` quoted after it."""
        start = 0
        header = self.prefix.split(".") if self.prefix else []
        for i, line in enumerate(self.lines):
            if _is_header(line, header):
                start = i
                break
        found = None
        for part in parts:
            pattern = re.compile(r'(?:^|[\s{,.\[])["\']?' + re.escape(part) + r'["\']?\s*(?:=|\]|\.)')
            for i in range(start, len(self.lines)):
                if pattern.search(self.lines[i]):
                    found = start = i
                    break
        if found is not None and value is not None:
            quoted = re.compile(r'["\']' + re.escape(value) + r'["\']')
            for i in range(found, len(self.lines)):
                if quoted.search(self.lines[i]):
                    return i + 1
        return None if found is None else found + 1

    def settings(self, table: Any) -> Settings:
        if not isinstance(table, dict):
            raise ConfigError(self.path, f"`{self.prefix or 'dockerlint'}` must be a table")
        s = Settings(source=self.path)
        for key, value in table.items():
            if key not in _TOML_KEYS:
                hint = did_you_mean(key, list(_TOML_KEYS)) or f"; known keys: {', '.join(_TOML_KEYS)}"
                raise self.error(key, "unknown key" + hint)
            _TOML_KEYS[key](self, s, key, value)
        return s

    # Each key's reader checks the type, then the contents.
    def strings(self, key: Key, value: Any) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"expected a list of strings, got {_type(value)}")
        return value

    def selectors(self, key: Key, value: Any) -> list[str]:
        items = self.strings(key, value)
        _check_selectors(items, lambda s: self.error(key, _unknown_rule(s), s))
        return items

    def table(self, key: Key, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(key, f"expected a table, got {_type(value)}")
        return value

    def globs(self, key: Key, value: Any) -> dict[str, Any]:
        """A table keyed by file globs (relative to this file), each glob checked."""
        from dockerlint.glob import GlobError, per_file_glob

        for glob in self.table(key, value):
            try:
                per_file_glob(glob, "/" not in glob)
            except GlobError as err:
                raise self.error((*((key,) if isinstance(key, str) else key), glob), str(err)) from None
        return value

    def boolean(self, key: Key, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {_type(value)}")
        return value

    def choice(self, key: Key, value: Any, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise self.error(key, f"expected one of {', '.join(choices)}, got {_type(value)}")
        return value


def _set(attr: str, read: Callable[..., Any]) -> Callable[[_TomlReader, Settings, str, Any], None]:
    def apply(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
        setattr(s, attr, read(r, key, value))
    return apply


def _per_file_ignores(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
    s.per_file_ignores = {glob: r.selectors((key, glob), codes) for glob, codes in r.globs(key, value).items()}


def _severity(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
    levels = (*SEVERITIES, "off")
    for code, level in r.table(key, value).items():
        if _rule(code) is None:
            raise r.error((key, code), _unknown_rule(code))
        r.choice((key, code), level, levels)
    s.severity = dict(value)


def _label_schema(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
    schema = r.table(key, value)
    for label, fmt in schema.items():
        r.choice((key, label), fmt, LABEL_FORMATS)
    s.label_schema = dict(schema)


def _contexts(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
    base = os.path.dirname(os.path.abspath(r.path))
    contexts = {}
    for glob, folder in r.globs(key, value).items():
        if not isinstance(folder, str) or not folder:
            raise r.error((key, glob), f"expected the path of a folder, got {_type(folder)}")
        path = os.path.normpath(os.path.join(base, os.path.expanduser(folder)))
        if not os.path.isdir(path):
            raise r.error((key, glob), f"`{folder}` is not a folder (paths are relative to this file)", folder)
        contexts[glob] = path
    s.contexts = contexts


def _rule_options(r: _TomlReader, s: Settings, key: str, value: Any) -> None:
    for selector, options in r.table(key, value).items():
        meta = _rule(selector)
        if meta is None:
            raise r.error((key, selector), _unknown_rule(selector))
        for option, setting in r.table((key, selector), options).items():
            if option in _TOML_KEYS:
                raise r.error((key, selector, option), f"`{option}` is a top-level setting: write `{option} = ...` "
                                                       "before any table")
            if option not in meta.options:
                known = ", ".join(meta.options) or "none"
                raise r.error((key, selector, option), f"{meta.code} has no option `{option}` (options: {known})")
            read = _OPTION_TYPES.get(option)
            if read is not None:
                read(r, (key, selector, option), setting)
        s.rule_options[meta.code] = {**s.rule_options.get(meta.code, {}), **options}


# The types of the built-in rules' options (a plugin rule checks its own).
_OPTION_TYPES: dict[str, Callable[[_TomlReader, Key, Any], Any]] = {
    "known-env": _TomlReader.strings,
}


_TOML_KEYS: dict[str, Callable[[_TomlReader, Settings, str, Any], None]] = {
    "select": _set("select", _TomlReader.selectors),
    "ignore": _set("ignore", _TomlReader.selectors),
    "extend-select": _set("extend_select", _TomlReader.selectors),
    "per-file-ignores": _per_file_ignores,
    "severity": _severity,
    "failure-threshold": _set("failure_threshold", lambda r, k, v: r.choice(k, v, SEVERITIES)),
    "trusted-registries": _set("trusted_registries", _TomlReader.strings),
    "label-schema": _label_schema,
    "strict-labels": _set("strict_labels", _TomlReader.boolean),
    "shellcheck": _set("shellcheck", _TomlReader.boolean),
    "no-fail": _set("no_fail", _TomlReader.boolean),
    "exclude": _set("exclude", _TomlReader.strings),
    "extend-exclude": _set("extend_exclude", _TomlReader.strings),
    "context": _contexts,
    "rules": _rule_options,
}


def _is_header(line: str, parts: list[str]) -> bool:
    m = re.match(r"\s*\[\s*([^\[\]]+?)\s*\]", line)
    return bool(parts) and m is not None and [p.strip().strip("\"'") for p in m.group(1).split(".")] == parts


def _type(value: Any) -> str:
    return {bool: "a boolean", str: "a string", int: "an integer", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), type(value).__name__) + (f" ({_short(value)})" if isinstance(value, (str, int, float)) else "")


def _short(value: Any) -> str:
    """A scalar as a message shows it: its repr, cut short (a value may be megabytes)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --- hadolint -----------------------------------------------------------------------------------

_HADOLINT_CODE = re.compile(r"(?:DL|SC)\d{4}", re.IGNORECASE)
_HADOLINT_THRESHOLDS = {**{s: s for s in SEVERITIES}, "ignore": "style", "none": "style"}
_TRUE = ("1", "y", "on", "true", "yes")


def _hadolint_codes(codes: list[str], error: Callable[[str], ConfigError]) -> list[str]:
    """Our rules for hadolint's codes; hadolint codes we have no rule for are skipped, not errors."""
    out = []
    for code in codes:
        meta = _rule(code)
        if meta is not None:
            out.append(meta.code)
        elif not _HADOLINT_CODE.fullmatch(code):
            raise error(code)
    return out


def _load_hadolint(path: str, env: Settings, env_threshold: bool) -> Settings:
    """A hadolint YAML file read over the environment's settings: its scalars win, lists add up.

    Its absent failure threshold is hadolint's default, `info`, so style findings fail neither tool."""
    try:
        import yaml
    except ModuleNotFoundError:  # pragma: no cover - PyYAML is a dependency
        raise ConfigError(path, "reading hadolint configuration needs PyYAML (pip install pyyaml)") from None
    from dockerlint.files import read_text

    try:
        text = read_text(path)
        doc = yaml.load(text, Loader=_bounded_loader(yaml))  # noqa: S506 - a SafeLoader
    except RecursionError:
        raise ConfigError(path, "invalid YAML: nested too deeply") from None
    except _TooLarge as err:
        raise ConfigError(path, f"invalid YAML: {err}", err.line) from None
    except OSError as err:
        raise ConfigError(path, f"cannot read: {err.strerror or err}") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise ConfigError(path, f"invalid YAML: {problem}", mark.line + 1 if mark else None) from None
    lines = text.splitlines()

    def error(key: str, message: str) -> ConfigError:
        line = next((i + 1 for i, ln in enumerate(lines) if re.match(r"\s*['\"]?" + re.escape(key) + r"['\"]?\s*:", ln)), None)
        return ConfigError(path, f"`{key}`: {message}", line)

    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError(path, f"expected a mapping of hadolint settings, got {_type(doc)}", 1)
    s = _fresh(env, source=path)
    if not env_threshold:
        s.failure_threshold = "info"
    for key, value in doc.items():
        if key not in _HADOLINT_KEYS:
            shown = str(key)[:60]
            raise error(shown, "unknown hadolint key" + did_you_mean(shown, list(_HADOLINT_KEYS)))
        _HADOLINT_KEYS[key](s, value, lambda msg, key=key: error(key, msg))
    return s


_YAML_NODES = 100_000  # values a hadolint file may stand for once its aliases are expanded


class _TooLarge(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


_LOADER: Any = None


def _bounded_loader(yaml: Any) -> Any:
    """PyYAML's SafeLoader, refusing a document whose aliases expand to more than _YAML_NODES
    values: a few hundred bytes of nested anchors ("billion laughs") stand for billions."""
    global _LOADER
    if _LOADER is None:
        class Loader(yaml.SafeLoader):
            def compose_document(self) -> Any:
                node = super().compose_document()
                _check_expansion(node, yaml)
                return node

        _LOADER = Loader
    return _LOADER


def _check_expansion(root: Any, yaml: Any) -> None:
    """Count the values `root` stands for, each node once (memoised) and without recursion."""
    sizes: dict[int, int] = {}
    todo: list[tuple[Any, bool]] = [(root, False)]
    while todo:
        node, children_done = todo.pop()
        if id(node) in sizes and not children_done:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [c for pair in node.value for c in pair] if isinstance(node, yaml.MappingNode) else node.value
        if not children_done:
            sizes[id(node)] = -1  # in progress: meeting it again below means an alias inside itself
            todo.append((node, True))
            for child in children:
                if sizes.get(id(child)) == -1:
                    raise _TooLarge("an alias refers to a value that contains it", node.start_mark.line + 1)
                if id(child) not in sizes:
                    todo.append((child, False))
            continue
        total = 1 + sum(sizes[id(c)] for c in children)
        if total > _YAML_NODES:
            raise _TooLarge(f"its aliases expand to more than {_YAML_NODES:,} values", node.start_mark.line + 1)
        sizes[id(node)] = total


def _yaml_strings(value: Any, error: Callable[[str], ConfigError]) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise error(f"expected a list of strings, got {_type(value)}")
    return value


def _yaml_bool(value: Any, error: Callable[[str], ConfigError]) -> bool:
    if not isinstance(value, bool):
        raise error(f"expected true or false, got {_type(value)}")
    return value


def _h_ignored(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    s.ignore += _hadolint_codes(_yaml_strings(value, error), lambda c: error(_unknown_rule(c)))


def _h_override(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    if not isinstance(value, dict):
        raise error(f"expected a mapping of error/warning/info/style to rule lists, got {_type(value)}")
    for level, codes in value.items():
        if level not in SEVERITIES:
            raise error(f"unknown level `{str(level)[:60]}` (expected {', '.join(SEVERITIES)})")
        for code in _hadolint_codes(_yaml_strings(codes or [], error), lambda c: error(_unknown_rule(c))):
            s.severity[code] = level


def _h_threshold(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    if not isinstance(value, str) or value not in _HADOLINT_THRESHOLDS:
        raise error(f"expected one of {', '.join(_HADOLINT_THRESHOLDS)}, got {_type(value)}")
    s.failure_threshold = _HADOLINT_THRESHOLDS[value]


def _h_labels(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    if not isinstance(value, dict):
        raise error(f"expected a mapping of label to format, got {_type(value)}")
    for label, fmt in value.items():
        fmt = fmt or "text"
        if not isinstance(fmt, str) or fmt not in LABEL_FORMATS:
            raise error(f"label `{str(label)[:60]}`: expected one of {', '.join(LABEL_FORMATS)}, got {_type(fmt)}")
        s.label_schema[str(label)] = fmt


def _h_registries(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    s.trusted_registries += _yaml_strings(value, error)


def _h_ignored_key(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
    """Keys about hadolint's own output (format, colour, verbosity): the command line decides here."""


def _h_set(attr: str, read: Callable[[Any, Callable[[str], ConfigError]], Any]):
    def apply(s: Settings, value: Any, error: Callable[[str], ConfigError]) -> None:
        setattr(s, attr, read(value, error))
    return apply


_HADOLINT_KEYS: dict[str, Callable[[Settings, Any, Callable[[str], ConfigError]], None]] = {
    "ignored": _h_ignored,
    "override": _h_override,
    "trustedRegistries": _h_registries,
    "label-schema": _h_labels,
    "strict-labels": _h_set("strict_labels", _yaml_bool),
    "failure-threshold": _h_threshold,
    "no-fail": _h_set("no_fail", _yaml_bool),
    "disable-ignore-pragma": _h_set("disable_ignore_pragma", _yaml_bool),
    # Accepted so that hadolint files load; about hadolint's own output, so not applied.
    "no-color": _h_ignored_key,
    "verbose": _h_ignored_key,
    "format": _h_ignored_key,
    "formats": _h_ignored_key,
}


def _hadolint_from_env(environ: Any) -> Settings:
    s = Settings(source=None)

    def error(var: str) -> Callable[[str], ConfigError]:
        return lambda msg: ConfigError(None, f"environment variable {var}: {msg}")

    def listed(var: str) -> list[str]:
        return [v.strip() for v in environ.get(var, "").split(",") if v.strip()]

    s.ignore = _hadolint_codes(listed("HADOLINT_IGNORE"), lambda c: error("HADOLINT_IGNORE")(_unknown_rule(c)))
    for level in SEVERITIES:
        var = f"HADOLINT_OVERRIDE_{level.upper()}"
        for code in _hadolint_codes(listed(var), lambda c, var=var: error(var)(_unknown_rule(c))):
            s.severity[code] = level
    s.trusted_registries = listed("HADOLINT_TRUSTED_REGISTRIES")
    for item in listed("HADOLINT_REQUIRE_LABELS"):
        label, _, fmt = item.partition(":")
        _h_labels(s, {label: fmt}, error("HADOLINT_REQUIRE_LABELS"))
    if "HADOLINT_FAILURE_THRESHOLD" in environ:
        _h_threshold(s, environ["HADOLINT_FAILURE_THRESHOLD"].strip().lower(), error("HADOLINT_FAILURE_THRESHOLD"))
    if "HADOLINT_NOFAIL" in environ:
        s.no_fail = environ["HADOLINT_NOFAIL"].strip().lower() in _TRUE
    if "HADOLINT_DISABLE_IGNORE_PRAGMA" in environ:
        s.disable_ignore_pragma = environ["HADOLINT_DISABLE_IGNORE_PRAGMA"].strip().lower() in _TRUE
    if "HADOLINT_STRICT_LABELS" in environ:
        s.strict_labels = environ["HADOLINT_STRICT_LABELS"].strip().lower() in _TRUE
    return s


def _fresh(base: Settings, **changes: Any) -> Settings:
    """A copy whose lists and tables can be changed without touching `base`'s."""
    return base.copy(ignore=list(base.ignore), severity=dict(base.severity), label_schema=dict(base.label_schema),
                     trusted_registries=list(base.trusted_registries), **changes)
