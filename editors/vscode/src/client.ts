// One running language client; restart re-resolves the server, since `dockerlint.path` or the
// interpreter may have changed.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { nodeProbe } from './probe';
import { selectedInterpreter } from './python';
import { resolveServer, type Launch } from './resolve';
import { SECTION, configurationAnswers, initializationOptions, isSet, serverPath, serverSettings, type Getter } from './settings';

function workspaceDir(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The settings someone set for `scope` (user, workspace or folder); keys at their default read as unset. */
function config(scope?: vscode.Uri): Getter {
  const section = vscode.workspace.getConfiguration(SECTION, scope);
  return (key) => (isSet(section.inspect(key)) ? section.get(key) : undefined);
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
    // No `synchronize`: the server registers for didChangeConfiguration itself.
    middleware: {
      workspace: {
        // The library answers with the whole section, defaults included: send only what is set.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers; // an error: pass it on
          return configurationAnswers(params.items, answers, (scopeUri) =>
            serverSettings(config(scopeUri === undefined ? undefined : vscode.Uri.parse(scopeUri))),
          );
        },
        // The library would push the whole section, defaults included; `null` makes the server
        // ask through workspace/configuration above.
        didChangeConfiguration: (_sections, next) => next(undefined),
      },
    },
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
