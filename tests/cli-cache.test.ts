// The content-hash cache through the built command line: a run that reads the
// cache prints exactly what a run without it prints, after an edit, with a
// damaged entry, a read-only directory, or none at all.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-cli-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function awaitify(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

// A Django project of a few views and enough plain modules (220; 224 files in all) that the parse runs on worker threads.
const VIEWS = `import time

import requests
from django.http import HttpResponse, JsonResponse

from .helpers import slow


def pause(request):
    time.sleep(1)
    return HttpResponse("ok")


def fetch(request):
    slow()
    return JsonResponse(requests.get("https://example.com/api").json())
`;
const HELPERS = 'import time\n\n\ndef slow():\n    time.sleep(0.5)\n    return 1\n';

function project(): string {
  const dir = mkdtempSync(path.join(scratch, 'p'));
  const files: Record<string, string> = {
    'manage.py': 'import os\n',
    'requirements.txt': 'Django==5.1.4\nrequests==2.32.3\n',
    'shop/__init__.py': '',
    'shop/views.py': VIEWS,
    'shop/helpers.py': HELPERS,
  };
  for (let i = 0; i < 220; i++) files[`shop/parts/m${i}.py`] = `def part_${i}(x):\n    return [y * ${i} for y in range(x)]\n`;
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** The output of a run without the cache: what every cached run must print. */
function cold(dir: string, format: string): string {
  const run = awaitify(dir, 'migrate', '--no-cache', '--format', format);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

function entries(cacheDir: string): string[] {
  return readdirSync(path.join(cacheDir, 'py-tree')).sort();
}

describe('the content-hash cache', () => {
  it('is on by default, in .awaitify-cache that git ignores, and a second run and a run after an edit print what a cold run prints', () => {
    const dir = project();
    const expected = cold(dir, 'json');
    expect(existsSync(path.join(dir, '.awaitify-cache')), '--no-cache writes no cache').toBe(false);
    expect(cold(dir, 'diff')).toContain('+async def pause(request):\n');
    for (let run = 0; run < 2; run++) {
      const r = awaitify(dir, 'migrate', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(expected);
    }
    expect(entries(path.join(dir, '.awaitify-cache')).length).toBe(224);
    expect(execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' })).not.toContain('.awaitify-cache');

    writeFileSync(path.join(dir, 'shop/helpers.py'), HELPERS.replace('return 1', 'return requests_count()\n\n\ndef requests_count():\n    return 2'));
    const edited = awaitify(dir, 'migrate', '--format', 'json');
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toBe(cold(dir, 'json'));
    expect(entries(path.join(dir, '.awaitify-cache')).length).toBe(225);
    const diff = awaitify(dir, 'migrate');
    expect(diff.stdout).toBe(cold(dir, 'diff'));
  });

  it('goes to node_modules/.cache/awaitify when there is node_modules, to --cache-dir, or nowhere with "cache": false', () => {
    const dir = project();
    mkdirSync(path.join(dir, 'node_modules'));
    const expected = cold(dir, 'json');
    expect(awaitify(dir, 'migrate', '--format', 'json').stdout).toBe(expected);
    expect(entries(path.join(dir, 'node_modules/.cache/awaitify')).length).toBe(224);
    expect(existsSync(path.join(dir, '.awaitify-cache'))).toBe(false);

    const elsewhere = path.join(scratch, `elsewhere-${path.basename(dir)}`);
    expect(awaitify(dir, 'migrate', '--format', 'json', '--cache-dir', path.relative(dir, elsewhere)).stdout).toBe(expected);
    expect(entries(elsewhere).length).toBe(224);

    writeFileSync(path.join(dir, 'awaitify.config.json'), JSON.stringify({ cacheDir: 'build-cache' }));
    expect(awaitify(dir, 'migrate', '--format', 'json').stdout).toBe(expected);
    expect(entries(path.join(dir, 'build-cache')).length).toBe(224);

    const off = project();
    writeFileSync(path.join(off, 'awaitify.config.json'), JSON.stringify({ cache: false }));
    expect(awaitify(off, 'migrate', '--format', 'json').stdout).toBe(cold(off, 'json'));
    expect(readdirSync(off).sort()).toEqual(['.git', 'awaitify.config.json', 'manage.py', 'requirements.txt', 'shop']);
    // The flag wins over the configuration.
    expect(awaitify(off, 'migrate', '--format', 'json', '--cache').code).toBe(0);
    expect(entries(path.join(off, '.awaitify-cache')).length).toBe(224);

    writeFileSync(path.join(off, 'awaitify.config.json'), JSON.stringify({ cache: 'no' }));
    const bad = awaitify(off, 'migrate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('awaitify: awaitify.config.json: "cache": expected true or false\n');
  });

  it('prints what a cold run prints with damaged entries and with a cache directory it cannot write', () => {
    const dir = project();
    const expected = cold(dir, 'json');
    expect(awaitify(dir, 'migrate', '--format', 'json').stdout).toBe(expected);
    const store = path.join(dir, '.awaitify-cache/py-tree');
    const names = entries(path.join(dir, '.awaitify-cache'));
    // Every other entry: one cut short, one with a changed byte, one emptied.
    names.forEach((name, i) => {
      const file = path.join(store, name);
      const bytes = readFileSync(file);
      if (i % 6 === 0) writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
      if (i % 6 === 2) writeFileSync(file, Buffer.concat([bytes.subarray(0, 40), Buffer.from([bytes[40]! ^ 1]), bytes.subarray(41)]));
      if (i % 6 === 4) writeFileSync(file, '');
    });
    expect(awaitify(dir, 'migrate', '--format', 'json').stdout).toBe(expected);

    // Read-only (immutable for root, who writes through a mode of 0555): read, never written, no error.
    writeFileSync(path.join(dir, 'shop/helpers.py'), `${HELPERS}\n\ndef other():\n    return 3\n`);
    const readOnly = (on: boolean) =>
      process.getuid?.() === 0 ? execFileSync('chattr', [on ? '+i' : '-i', store]) : chmodSync(store, on ? 0o555 : 0o755);
    readOnly(true);
    try {
      const r = awaitify(dir, 'migrate', '--format', 'json');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(cold(dir, 'json'));
    } finally {
      readOnly(false);
    }
    expect(entries(path.join(dir, '.awaitify-cache')).length).toBe(224);
  });
});
