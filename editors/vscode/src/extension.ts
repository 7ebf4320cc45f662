// Entry point: wires the output channel, the commands and the listeners that restart the server.
import * as vscode from 'vscode';
import { Server } from './client';
import { onInterpreterChange } from './python';
import { SECTION } from './settings';

const FIX_ALL_KIND = 'source.fixAll.dockerlint';

let server: Server | undefined;

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'dockerfile') {
    void vscode.window.showInformationMessage('dockerlint: open a Dockerfile to fix its problems.');
    return;
  }
  // The editor's own command asks every provider for this kind and applies (and resolves) the first.
  await vscode.commands.executeCommand('editor.action.codeAction', { kind: FIX_ALL_KIND, apply: 'first' });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('dockerlint', { log: true });
  const current = new Server(output);
  server = current;

  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('dockerlint.restart', () => current.restart()),
    vscode.commands.registerCommand('dockerlint.showOutput', () => output.show()),
    vscode.commands.registerCommand('dockerlint.fixAll', fixAll),
    // Other settings reach the running server through didChangeConfiguration; the command line cannot.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${SECTION}.path`)) void current.restart();
    }),
  );

  const interpreterWatch = await onInterpreterChange(() => {
    const setting = vscode.workspace.getConfiguration(SECTION).get<string[]>('path') ?? [];
    if (setting.length === 0) void current.restart();
  });
  if (interpreterWatch !== undefined) context.subscriptions.push(interpreterWatch);

  await current.restart();
}

export function deactivate(): Promise<void> | undefined {
  return server?.stop();
}
