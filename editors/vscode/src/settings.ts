// Settings → what the server is sent. No `vscode` import: unit-tested in plain Node.
//
// Only what the user set (in user, workspace or folder settings) is sent: a key left at its
// default is left out, so the server applies the project's configuration file, else its own
// defaults. Sending VS Code's defaults (`"select": []`) would override the file's choice.

export const SECTION = 'dockerlint';

/** Keys the server reads (under `initializationOptions.settings` and `workspace/configuration`). */
export const SERVER_KEYS = ['select', 'ignore', 'severity', 'shellcheck.enable', 'format.enable'] as const;

/** Keys only the client reads: how to start the server, and the client library's trace switch. */
export const CLIENT_KEYS = ['path', 'trace.server'] as const;

export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Same shape as the `dockerlint` section the server reads, minus client-only keys; each key only when set. */
export interface ServerSettings {
  select?: string[];
  ignore?: string[];
  severity?: Record<string, Severity>;
  shellcheck?: { enable: boolean };
  format?: { enable: boolean };
}

/** A setting's value where the user set one; `undefined` where only the default applies. */
export type Getter = (key: string) => unknown;

/** Where VS Code's `inspect()` can find a value someone set (the rest are defaults). */
export interface Inspected {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
  globalLanguageValue?: unknown;
  workspaceLanguageValue?: unknown;
  workspaceFolderLanguageValue?: unknown;
}

/** Whether `inspect()` found a value other than the default at any level. */
export function isSet(inspected: Inspected | undefined): boolean {
  if (inspected === undefined) return false;
  return [
    inspected.globalValue,
    inspected.workspaceValue,
    inspected.workspaceFolderValue,
    inspected.globalLanguageValue,
    inspected.workspaceLanguageValue,
    inspected.workspaceFolderLanguageValue,
  ].some((value) => value !== undefined);
}

// settings.json is hand-edited: keep only well-typed values so the server never sees junk;
// a value with nothing left in it is left out, as if unset.
function strings(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const kept = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
  return kept.length > 0 ? kept : undefined;
}

function severities(value: unknown): Record<string, Severity> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, Severity> = {};
  for (const [code, level] of Object.entries(value)) {
    if ((SEVERITIES as readonly unknown[]).includes(level)) out[code] = level as Severity;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function flag(value: unknown): { enable: boolean } | undefined {
  return typeof value === 'boolean' ? { enable: value } : undefined;
}

export function serverSettings(get: Getter): ServerSettings {
  const settings: ServerSettings = {
    select: strings(get('select')),
    ignore: strings(get('ignore')),
    severity: severities(get('severity')),
    shellcheck: flag(get('shellcheck.enable')),
    format: flag(get('format.enable')),
  };
  for (const key of Object.keys(settings) as (keyof ServerSettings)[]) {
    if (settings[key] === undefined) delete settings[key];
  }
  return settings;
}

export function initializationOptions(get: Getter): { settings: ServerSettings } {
  return { settings: serverSettings(get) };
}

/**
 * The answers to a `workspace/configuration` request, with our section replaced by only what
 * the user set for that scope (`ours`); other sections' answers (`answers`) pass through.
 */
export function configurationAnswers(
  items: readonly { section?: string | null; scopeUri?: string | null }[],
  answers: readonly unknown[],
  ours: (scopeUri: string | undefined) => ServerSettings,
): unknown[] {
  return items.map((item, i) => (item.section === SECTION ? ours(item.scopeUri ?? undefined) : answers[i]));
}

/** `dockerlint.path` as given, with `${workspaceFolder}` and `${userHome}` expanded. */
export function serverPath(get: Getter, vars: { workspaceFolder?: string; userHome: string }): string[] {
  return (strings(get('path')) ?? []).map((part) =>
    part
      .replace(/\$\{userHome\}/g, vars.userHome)
      .replace(/\$\{workspaceFolder\}/g, vars.workspaceFolder ?? '${workspaceFolder}'),
  );
}
