import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initializationOptions, serverPath, serverSettings } from '../../src/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

test('defaults when nothing is set', () => {
  assert.deepEqual(serverSettings(from({})), {
    select: [],
    ignore: [],
    severity: {},
    shellcheck: { enable: true },
    format: { enable: true },
  });
});

test('values pass through in the shape the server reads', () => {
  const options = initializationOptions(
    from({
      select: ['DL30'],
      ignore: ['DL3059'],
      severity: { DL3008: 'error', SC2086: 'style' },
      'shellcheck.enable': false,
      'format.enable': false,
    }),
  );
  assert.deepEqual(options, {
    settings: {
      select: ['DL30'],
      ignore: ['DL3059'],
      severity: { DL3008: 'error', SC2086: 'style' },
      shellcheck: { enable: false },
      format: { enable: false },
    },
  });
});

test('hand-edited junk is dropped, not forwarded', () => {
  const settings = serverSettings(
    from({
      select: ['DL3008', 42, ' ', ' DL3009 '],
      ignore: 'DL3059',
      severity: { DL3008: 'fatal', DL3009: 'info', DL3010: null },
      'shellcheck.enable': 'no',
    }),
  );
  assert.deepEqual(settings.select, ['DL3008', 'DL3009']);
  assert.deepEqual(settings.ignore, []);
  assert.deepEqual(settings.severity, { DL3009: 'info' });
  assert.equal(settings.shellcheck.enable, true);
});

test('path setting expands ${workspaceFolder} and ${userHome}', () => {
  const get = from({ path: ['${workspaceFolder}/.venv/bin/dockerlint', '--config', '${userHome}/dl.toml'] });
  assert.deepEqual(serverPath(get, { workspaceFolder: '/ws', userHome: '/home/me' }), [
    '/ws/.venv/bin/dockerlint',
    '--config',
    '/home/me/dl.toml',
  ]);
  assert.deepEqual(serverPath(from({}), { userHome: '/home/me' }), []);
});
