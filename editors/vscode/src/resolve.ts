// Finding the server: the `dockerlint.path` setting, else the selected Python interpreter's
// environment, else PATH. No `vscode` import, and the file system is injected: unit-tested in plain Node.
import * as path from 'node:path';

export const INSTALL_COMMAND = 'pip install dockerlint';

export interface Launch {
  command: string;
  args: string[];
  /** Where the command came from, for the output channel. */
  source: 'setting' | 'interpreter' | 'PATH';
}

export type Resolution = { launch: Launch } | { error: string };

export interface Probe {
  isExecutable(file: string): Promise<boolean>;
  /** Whether `python` can import `module` (covers `pip install --user`, editable installs, no script dir). */
  hasModule(python: string, module: string): Promise<boolean>;
}

export interface Inputs {
  /** `dockerlint.path`: command then arguments; empty when unset. */
  setting: string[];
  /** The selected interpreter's executable, when the Python extension gives one. */
  python?: string;
  platform: NodeJS.Platform;
  /** The PATH variable (Windows spells it `Path`; pass whichever exists). */
  pathEnv?: string;
  /** The workspace folder: relative paths in the setting are relative to it, as the server's cwd is. */
  cwd?: string;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function hasDir(command: string, platform: NodeJS.Platform): boolean {
  return command.includes('/') || (platform === 'win32' && command.includes('\\'));
}

/** Files that `command` could name, in search order. pip writes `.exe` launchers on Windows. */
export function candidates(command: string, platform: NodeJS.Platform, pathEnv = '', cwd?: string): string[] {
  const p = pathFor(platform);
  const names = platform === 'win32' && p.extname(command) === '' ? [`${command}.exe`] : [command];
  if (hasDir(command, platform)) return names.map((name) => (cwd === undefined ? name : p.resolve(cwd, name)));
  const dirs = pathEnv.split(p.delimiter).filter((d) => d !== '');
  return dirs.flatMap((dir) => names.map((name) => p.join(dir, name)));
}

async function first(files: string[], probe: Probe): Promise<string | undefined> {
  for (const file of files) {
    if (await probe.isExecutable(file)) return file;
  }
  return undefined;
}

/** Where pip puts console scripts for an interpreter: beside it (venv), or in `Scripts` (Windows base/conda). */
export function scriptsNextTo(python: string, platform: NodeJS.Platform): string[] {
  const p = pathFor(platform);
  const dir = p.dirname(python);
  return platform === 'win32'
    ? [p.join(dir, 'dockerlint.exe'), p.join(dir, 'Scripts', 'dockerlint.exe')]
    : [p.join(dir, 'dockerlint')];
}

export function notFoundMessage(python?: string): string {
  const where = python ? `in the selected Python environment (${python}) or on PATH` : 'on PATH';
  return (
    `dockerlint: the language server was not found ${where}. ` +
    `Install it with \`${INSTALL_COMMAND}\`, or set \`dockerlint.path\` to its command.`
  );
}

export async function resolveServer(inputs: Inputs, probe: Probe): Promise<Resolution> {
  const { setting, python, platform, pathEnv, cwd } = inputs;

  if (setting.length > 0) {
    const [command, ...rest] = setting;
    const found = await first(candidates(command, platform, pathEnv, cwd), probe);
    if (found === undefined) {
      return {
        error:
          `dockerlint: \`${command}\` from the \`dockerlint.path\` setting was not found. ` +
          `Fix the setting, or clear it and install the server with \`${INSTALL_COMMAND}\`.`,
      };
    }
    return { launch: { command: found, args: [...rest, 'lsp'], source: 'setting' } };
  }

  if (python !== undefined) {
    const script = await first(scriptsNextTo(python, platform), probe);
    if (script !== undefined) return { launch: { command: script, args: ['lsp'], source: 'interpreter' } };
    if (await probe.hasModule(python, 'dockerlint')) {
      return { launch: { command: python, args: ['-m', 'dockerlint', 'lsp'], source: 'interpreter' } };
    }
  }

  const onPath = await first(candidates('dockerlint', platform, pathEnv), probe);
  if (onPath !== undefined) return { launch: { command: onPath, args: ['lsp'], source: 'PATH' } };

  return { error: notFoundMessage(python) };
}
