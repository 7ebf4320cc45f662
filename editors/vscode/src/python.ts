// The selected interpreter, from the ms-python.python extension when it is installed.
// A soft dependency: no extensionDependencies, and every failure means "no interpreter".
import * as vscode from 'vscode';

// The slice of the Python extension's `environments` API used here (see @vscode/python-extension).
interface Environments {
  getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
  resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

async function environments(): Promise<Environments | undefined> {
  const extension = vscode.extensions.getExtension<{ environments?: Environments }>('ms-python.python');
  if (extension === undefined) return undefined;
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return api?.environments;
  } catch {
    return undefined;
  }
}

export async function selectedInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  const envs = await environments();
  if (envs === undefined) return undefined;
  try {
    const resolved = await envs.resolveEnvironment(envs.getActiveEnvironmentPath(resource));
    return resolved?.executable.uri?.fsPath;
  } catch {
    return undefined;
  }
}

export async function onInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  return (await environments())?.onDidChangeActiveEnvironmentPath(listener);
}
