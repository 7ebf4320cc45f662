// Runs after `npm run package`: the .vsix must hold the bundle and the manifest, and nothing from the build.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../root';

/** Entry names from a zip's central directory (enough for vsce output: no zip64, no archive comment games). */
function zipEntries(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, 'bad central directory entry');
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

const entries = zipEntries(readFileSync(path.join(ROOT, 'dockerlint.vsix')));

test('the vsix ships the bundled client and the manifest', () => {
  for (const required of ['extension/dist/extension.js', 'extension/package.json', 'extension.vsixmanifest']) {
    assert.ok(entries.includes(required), `${required} missing from ${entries.join(', ')}`);
  }
});

test('the vsix ships no sources, tests or dependencies', () => {
  const leaked = entries.filter((name) => /^extension\/(src|test|out|node_modules)\//.test(name) || name.endsWith('.ts'));
  assert.deepEqual(leaked, []);
});

test('the vsix ships exactly the bundle, manifest, README and LICENSE', () => {
  const shipped = entries.filter((name) => name.startsWith('extension/')).sort();
  assert.deepEqual(shipped, [
    'extension/LICENSE.txt',
    'extension/dist/extension.js',
    'extension/package.json',
    'extension/readme.md',
  ]);
});
