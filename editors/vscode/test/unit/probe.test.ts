import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { nodeProbe } from '../../src/probe';

function python(): string | undefined {
  for (const candidate of ['python3', 'python']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next name
    }
  }
  return undefined;
}

test('isExecutable: files with the execute bit only, not directories', { skip: process.platform === 'win32' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dockerlint-probe-'));
  const script = path.join(dir, 'dockerlint');
  const plain = path.join(dir, 'notes.txt');
  writeFileSync(script, '#!/bin/sh\n');
  chmodSync(script, 0o755);
  writeFileSync(plain, '');
  assert.equal(await nodeProbe.isExecutable(script), true);
  assert.equal(await nodeProbe.isExecutable(plain), false);
  assert.equal(await nodeProbe.isExecutable(dir), false);
  assert.equal(await nodeProbe.isExecutable(path.join(dir, 'missing')), false);
});

const py = python();
test('hasModule asks the interpreter', { skip: py === undefined && 'no python on PATH' }, async () => {
  assert.equal(await nodeProbe.hasModule(py!, 'json'), true);
  assert.equal(await nodeProbe.hasModule(py!, 'no_such_module_dockerlint_test'), false);
  assert.equal(await nodeProbe.hasModule('/no/such/python', 'json'), false);
});
