// Tests are bundled to out/test/<dir>/; the extension's root is three levels up.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
