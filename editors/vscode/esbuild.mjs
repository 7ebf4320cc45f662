// Bundles the extension into dist/extension.js, or (with --tests) each test file into out/test/.
import * as esbuild from 'esbuild';

const tests = process.argv.includes('--tests');

await esbuild.build({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  ...(tests
    ? // No `external: vscode` here: a test that reaches `vscode` fails to build instead of passing vacuously.
      { entryPoints: ['test/**/*.test.ts'], outbase: 'test', outdir: 'out/test' }
    : { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true }),
});
