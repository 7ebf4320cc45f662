// package.json must match what the code reads: a setting key the server never sees is a silent bug.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLIENT_KEYS, SECTION, SERVER_KEYS, SEVERITIES, serverSettings } from '../../src/settings';
import { ROOT } from '../root';

interface Property {
  type: string;
  default?: unknown;
  scope?: string;
  enum?: string[];
  description?: string;
  markdownDescription?: string;
  additionalProperties?: { enum?: string[] };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;
const extensionSource = readFileSync(path.join(ROOT, 'src', 'extension.ts'), 'utf8');

test('contributed settings are exactly the keys the server and client read', () => {
  const expected = [...SERVER_KEYS, ...CLIENT_KEYS].map((key) => `${SECTION}.${key}`).sort();
  assert.deepEqual(Object.keys(properties).sort(), expected);
});

test('every setting has a description', () => {
  for (const [key, property] of Object.entries(properties)) {
    assert.ok(property.description || property.markdownDescription, `${key} has no description`);
  }
});

test('setting types and enums', () => {
  assert.equal(properties['dockerlint.path'].type, 'array');
  assert.equal(properties['dockerlint.path'].scope, 'machine-overridable');
  assert.equal(properties['dockerlint.select'].type, 'array');
  assert.equal(properties['dockerlint.ignore'].type, 'array');
  assert.deepEqual(properties['dockerlint.severity'].additionalProperties?.enum, [...SEVERITIES]);
  assert.equal(properties['dockerlint.shellcheck.enable'].default, true);
  assert.equal(properties['dockerlint.format.enable'].type, 'boolean');
  assert.deepEqual(properties['dockerlint.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('a user who sets the manifest defaults by hand gets what the server does with nothing', () => {
  // Empty lists and objects are left out; the switches' defaults are the server's (both on).
  const fromManifest = serverSettings((key) => properties[`${SECTION}.${key}`]?.default);
  assert.deepEqual(fromManifest, { shellcheck: { enable: true }, format: { enable: true } });
});

test('examples in descriptions name dockerlint codes, and unset means the project configuration', () => {
  for (const key of SERVER_KEYS) {
    if (key === 'format.enable') continue; // not a configuration file key
    const text = properties[`${SECTION}.${key}`].markdownDescription ?? '';
    assert.doesNotMatch(text, /\bDL\d/, `${key} names a hadolint code`);
    assert.match(text, /[Uu]nset: the project's configuration file, else the defaults/, `${key} says what unset means`);
  }
});

test('the dockerfile language covers Dockerfile and Containerfile names', () => {
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
  assert.ok(language, 'dockerfile language contributed');
  assert.deepEqual(language.filenames, ['Dockerfile', 'Containerfile']);
  assert.deepEqual(language.filenamePatterns, ['Dockerfile.*', '*.Dockerfile', 'Containerfile.*', '*.Containerfile']);
  assert.deepEqual(language.extensions, ['.dockerfile', '.containerfile']);
  assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
});

test('every contributed command is registered, and no other', () => {
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(registered, contributed);
  assert.deepEqual(contributed, ['dockerlint.fixAll', 'dockerlint.restart', 'dockerlint.showOutput']);
});

test('the bundle entry point and the engine floor match the language client', () => {
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.engines.vscode, '^1.82.0');
  assert.equal(manifest.dependencies['vscode-languageclient'], '9.0.1');
  assert.equal(manifest.devDependencies['@types/vscode'], '1.82.0');
});
