// Settings → what the server is sent. No `vscode` import: unit-tested in plain Node.

export const SECTION = 'dockerlint';

/** Keys the server reads (under `initializationOptions.settings` and `workspace/configuration`). */
export const SERVER_KEYS = ['select', 'ignore', 'severity', 'shellcheck.enable', 'format.enable'] as const;

/** Keys only the client reads: how to start the server, and the client library's trace switch. */
export const CLIENT_KEYS = ['path', 'trace.server'] as const;

export const SEVERITIES = ['error', 'warning', 'info', 'style'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Same shape as the `dockerlint` section returned by `workspace/configuration`, minus client-only keys. */
export interface ServerSettings {
  select: string[];
  ignore: string[];
  severity: Record<string, Severity>;
  shellcheck: { enable: boolean };
  format: { enable: boolean };
}

export type Getter = (key: string) => unknown;

// settings.json is hand-edited: keep only well-typed values so the server never sees junk.
function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => v !== '');
}

function severities(value: unknown): Record<string, Severity> {
  const out: Record<string, Severity> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [code, level] of Object.entries(value)) {
    if ((SEVERITIES as readonly unknown[]).includes(level)) out[code] = level as Severity;
  }
  return out;
}

function flag(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

export function serverSettings(get: Getter): ServerSettings {
  return {
    select: strings(get('select')),
    ignore: strings(get('ignore')),
    severity: severities(get('severity')),
    shellcheck: { enable: flag(get('shellcheck.enable'), true) },
    format: { enable: flag(get('format.enable'), true) },
  };
}

export function initializationOptions(get: Getter): { settings: ServerSettings } {
  return { settings: serverSettings(get) };
}

/** `dockerlint.path` as given, with `${workspaceFolder}` and `${userHome}` expanded. */
export function serverPath(get: Getter, vars: { workspaceFolder?: string; userHome: string }): string[] {
  return strings(get('path')).map((part) =>
    part
      .replace(/\$\{userHome\}/g, vars.userHome)
      .replace(/\$\{workspaceFolder\}/g, vars.workspaceFolder ?? '${workspaceFolder}'),
  );
}
