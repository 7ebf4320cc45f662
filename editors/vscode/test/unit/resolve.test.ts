import assert from 'node:assert/strict';
import { test } from 'node:test';
import { candidates, INSTALL_COMMAND, resolveServer, type Inputs, type Probe } from '../../src/resolve';

// A fake file system: the listed files exist and are executable; `modules` lists interpreters with dockerlint.
function probe(files: string[], modules: string[] = []): Probe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isExecutable: async (file) => files.includes(file),
    hasModule: async (python) => {
      asked.push(python);
      return modules.includes(python);
    },
  };
}

const linux = (extra: Partial<Inputs>): Inputs => ({ setting: [], platform: 'linux', pathEnv: '/usr/local/bin:/usr/bin', ...extra });

test('the setting wins, with its arguments before `lsp`', async () => {
  const result = await resolveServer(
    linux({ setting: ['/opt/dl/bin/dockerlint', '--verbose'], python: '/venv/bin/python' }),
    probe(['/opt/dl/bin/dockerlint', '/venv/bin/dockerlint', '/usr/bin/dockerlint']),
  );
  assert.deepEqual(result, { launch: { command: '/opt/dl/bin/dockerlint', args: ['--verbose', 'lsp'], source: 'setting' } });
});

test('a bare command in the setting is looked up on PATH', async () => {
  const result = await resolveServer(linux({ setting: ['python3', '-m', 'dockerlint'] }), probe(['/usr/bin/python3']));
  assert.deepEqual(result, { launch: { command: '/usr/bin/python3', args: ['-m', 'dockerlint', 'lsp'], source: 'setting' } });
});

test('a relative path in the setting is relative to the workspace folder', async () => {
  const result = await resolveServer(
    linux({ setting: ['.venv/bin/dockerlint'], cwd: '/ws' }),
    probe(['/ws/.venv/bin/dockerlint']),
  );
  assert.ok('launch' in result);
  assert.equal(result.launch.command, '/ws/.venv/bin/dockerlint');
});

test('a setting that names nothing is an error that says how to fix it, with no fallback', async () => {
  const result = await resolveServer(linux({ setting: ['/nope/dockerlint'] }), probe(['/usr/bin/dockerlint']));
  assert.ok('error' in result);
  assert.match(result.error, /\/nope\/dockerlint/);
  assert.match(result.error, /dockerlint\.path/);
  assert.ok(result.error.includes(INSTALL_COMMAND));
});

test('next, the script beside the selected interpreter', async () => {
  const result = await resolveServer(
    linux({ python: '/ws/.venv/bin/python' }),
    probe(['/ws/.venv/bin/dockerlint', '/usr/bin/dockerlint']),
  );
  assert.deepEqual(result, { launch: { command: '/ws/.venv/bin/dockerlint', args: ['lsp'], source: 'interpreter' } });
});

test('next, `python -m dockerlint` when the interpreter has the module but no script beside it', async () => {
  const fake = probe(['/usr/bin/dockerlint'], ['/opt/py/bin/python3']);
  const result = await resolveServer(linux({ python: '/opt/py/bin/python3' }), fake);
  assert.deepEqual(result, { launch: { command: '/opt/py/bin/python3', args: ['-m', 'dockerlint', 'lsp'], source: 'interpreter' } });
});

test('then PATH, in PATH order', async () => {
  const result = await resolveServer(
    linux({ python: '/opt/py/bin/python3' }),
    probe(['/usr/local/bin/dockerlint', '/usr/bin/dockerlint']),
  );
  assert.deepEqual(result, { launch: { command: '/usr/local/bin/dockerlint', args: ['lsp'], source: 'PATH' } });
});

test('nothing found: one message with the install command', async () => {
  const result = await resolveServer(linux({ python: '/opt/py/bin/python3' }), probe([]));
  assert.ok('error' in result);
  assert.ok(result.error.includes(INSTALL_COMMAND));
  assert.ok(result.error.includes('/opt/py/bin/python3'));
  assert.doesNotMatch(result.error, /\n|at .*\(/, 'no stack trace');
});

test('without an interpreter the module probe is skipped', async () => {
  const fake = probe([]);
  await resolveServer(linux({}), fake);
  assert.deepEqual(fake.asked, []);
});

test('Windows: .exe launchers, in a venv and in a base install Scripts folder', async () => {
  const win = (files: string[]) =>
    resolveServer({ setting: [], platform: 'win32', python: 'C:\\Py312\\python.exe', pathEnv: 'C:\\bin;C:\\tools' }, probe(files));
  assert.deepEqual(await win(['C:\\Py312\\Scripts\\dockerlint.exe']), {
    launch: { command: 'C:\\Py312\\Scripts\\dockerlint.exe', args: ['lsp'], source: 'interpreter' },
  });
  assert.deepEqual(await win(['C:\\tools\\dockerlint.exe']), {
    launch: { command: 'C:\\tools\\dockerlint.exe', args: ['lsp'], source: 'PATH' },
  });
});

test('candidates keep an explicit extension and skip empty PATH entries', () => {
  assert.deepEqual(candidates('dl.cmd', 'win32', 'C:\\a;;C:\\b'), ['C:\\a\\dl.cmd', 'C:\\b\\dl.cmd']);
  assert.deepEqual(candidates('dockerlint', 'linux', ':/bin:'), ['/bin/dockerlint']);
  assert.deepEqual(candidates('./bin/dockerlint', 'linux', '/bin'), ['./bin/dockerlint']);
});
