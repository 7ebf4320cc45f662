// The real file-system and interpreter checks behind resolve.ts. Node only, no `vscode`.
import { execFile } from 'node:child_process';
import { constants, promises as fs } from 'node:fs';
import type { Probe } from './resolve';

async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    // Windows has no execute bit; there a regular file is enough.
    if (process.platform !== 'win32') await fs.access(file, constants.X_OK);
    return stat.isFile();
  } catch {
    return false;
  }
}

function hasModule(python: string, module: string): Promise<boolean> {
  // find_spec does not import the package, so a broken install cannot hang or print here.
  const code = `import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(${JSON.stringify(module)}) else 1)`;
  return new Promise((resolve) => {
    execFile(python, ['-c', code], { timeout: 10_000, windowsHide: true }, (error) => resolve(error === null));
  });
}

export const nodeProbe: Probe = { isExecutable, hasModule };
