// One running language client; restart re-resolves the server, since `dockerlint.path` or the
// interpreter may have changed.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { nodeProbe } from './probe';
import { selectedInterpreter } from './python';
import { resolveServer, type Launch } from './resolve';
import { SECTION, initializationOptions, serverPath } from './settings';

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function config(): (key: string) => unknown {
  const section = vscode.workspace.getConfiguration(SECTION);
  return (key) => section.get(key);
}

async function findServer(output: vscode.LogOutputChannel): Promise<Launch | undefined> {
  const cwd = workspaceDir();
  const resolution = await resolveServer(
    {
      setting: serverPath(config(), { workspaceFolder: cwd, userHome: os.homedir() }),
      python: await selectedInterpreter(vscode.workspace.workspaceFolders?.[0]?.uri),
      platform: process.platform,
      pathEnv: process.env.PATH ?? process.env.Path,
      cwd,
    },
    nodeProbe,
  );
  if ('error' in resolution) {
    output.error(resolution.error);
    void vscode.window.showErrorMessage(resolution.error);
    return undefined;
  }
  return resolution.launch;
}

function createClient(launch: Launch, output: vscode.LogOutputChannel): LanguageClient {
  // No `transport`: TransportKind.stdio would append `--stdio` to the arguments.
  const serverOptions: ServerOptions = { command: launch.command, args: launch.args, options: { cwd: workspaceDir() } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    // A function, so every (re)start sends the current settings.
    initializationOptions: () => initializationOptions(config()),
    // Sends workspace/didChangeConfiguration with the `dockerlint` section on every change.
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
  };
  // The id makes the client library honour `dockerlint.trace.server`.
  return new LanguageClient(SECTION, 'dockerlint', serverOptions, clientOptions);
}

export class Server {
  private client: LanguageClient | undefined;
  // Serialises start/stop so overlapping restarts cannot leave two servers running.
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly output: vscode.LogOutputChannel) {}

  restart(): Promise<void> {
    this.queue = this.queue.then(() => this.stopNow()).then(() => this.startNow());
    return this.queue;
  }

  stop(): Promise<void> {
    this.queue = this.queue.then(() => this.stopNow());
    return this.queue;
  }

  private async startNow(): Promise<void> {
    const launch = await findServer(this.output);
    if (launch === undefined) return;
    this.output.info(`Starting ${[launch.command, ...launch.args].join(' ')} (found via ${launch.source})`);
    const client = createClient(launch, this.output);
    this.client = client;
    try {
      await client.start();
    } catch (error) {
      // The client library has already shown one message and logged the details.
      this.output.error(`The server did not start: ${String(error)}`);
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    try {
      await client.dispose();
    } catch (error) {
      this.output.warn(`Stopping the server failed: ${String(error)}`);
    }
  }
}
