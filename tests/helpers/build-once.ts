// Builds dist/ once before the suites that run the real CLI as a child process.
// AWAITIFY_NO_BUILD=1 skips it when iterating on unit tests alone.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function buildOnce(): void {
  if (process.env.AWAITIFY_NO_BUILD === '1') return;
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
}
