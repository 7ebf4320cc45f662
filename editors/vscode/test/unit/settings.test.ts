import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  configurationAnswers,
  initializationOptions,
  isSet,
  serverPath,
  serverSettings,
} from '../../src/settings';

const from = (values: Record<string, unknown>) => (key: string) => values[key];

test('nothing is sent when nothing is set', () => {
  assert.deepEqual(serverSettings(from({})), {});
  assert.deepEqual(initializationOptions(from({})), { settings: {} });
});

test('values set to nothing are left out, as if unset', () => {
  assert.deepEqual(serverSettings(from({ select: [], ignore: [' '], severity: {} })), {});
});

test('values pass through in the shape the server reads', () => {
  const options = initializationOptions(
    from({
      select: ['DKL30'],
      ignore: ['DKL301'],
      severity: { DKL101: 'error', SC2086: 'style' },
      'shellcheck.enable': false,
      'format.enable': true,
    }),
  );
  assert.deepEqual(options, {
    settings: {
      select: ['DKL30'],
      ignore: ['DKL301'],
      severity: { DKL101: 'error', SC2086: 'style' },
      shellcheck: { enable: false },
      format: { enable: true },
    },
  });
});

test('hand-edited junk is dropped, not forwarded', () => {
  const settings = serverSettings(
    from({
      select: ['DKL101', 42, ' ', ' DKL102 '],
      ignore: 'DKL301',
      severity: { DKL101: 'fatal', DKL102: 'info', DKL103: null },
      'shellcheck.enable': 'no',
    }),
  );
  assert.deepEqual(settings, { select: ['DKL101', 'DKL102'], severity: { DKL102: 'info' } });
});

test('a setting is set when any level other than the default has a value', () => {
  assert.equal(isSet(undefined), false);
  assert.equal(isSet({}), false);
  assert.equal(isSet({ globalValue: undefined, workspaceValue: undefined }), false);
  assert.equal(isSet({ globalValue: [] }), true);
  assert.equal(isSet({ workspaceFolderValue: false }), true);
  assert.equal(isSet({ workspaceLanguageValue: ['DKL'] }), true);
});

test('configuration answers carry only what is set for our section, others pass through', () => {
  const scopes: (string | undefined)[] = [];
  const answers = configurationAnswers(
    [{ section: 'dockerlint', scopeUri: 'file:///w/Dockerfile' }, { section: 'editor' }, { section: 'dockerlint' }],
    [{ select: [], ignore: [], shellcheck: { enable: true } }, { tabSize: 4 }, null],
    (scopeUri) => {
      scopes.push(scopeUri);
      return scopeUri === undefined ? {} : { ignore: ['DKL301'] };
    },
  );
  assert.deepEqual(answers, [{ ignore: ['DKL301'] }, { tabSize: 4 }, {}]);
  assert.deepEqual(scopes, ['file:///w/Dockerfile', undefined]);
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
