import { describe, expect, it } from 'vitest';
import { suppressionOf, suppressionsOf } from './suppress.js';
import type { Finding } from './types.js';

const finding = (rule: string, line: number): Finding => ({ rule, path: 'a', line, column: 1, message: '', safety: 'safe', edits: [] });

describe('suppressionsOf', () => {
  it('reads the JS next-line comment, with rule ids and a reason', () => {
    const s = suppressionsOf('// awaitify-ignore-next-line fs-sync-call, sleep-busy-wait -- on purpose\nx();\n  // awaitify-ignore-next-line\ny();\n', 'typescript');
    expect([...s]).toEqual([
      [2, [{ line: 1, target: 2, rules: ['fs-sync-call', 'sleep-busy-wait'] }]],
      [4, [{ line: 3, target: 4 }]],
    ]);
  });

  it('reads the JS form in a block comment too (JSX)', () => {
    expect([...suppressionsOf('{/* awaitify-ignore-next-line fs-sync-call */}\n<X />\n', 'typescript')]).toEqual([[2, [{ line: 1, target: 2, rules: ['fs-sync-call'] }]]]);
  });

  it('reads the Python same-line and next-line forms', () => {
    const s = suppressionsOf('x = f()  # awaitify: ignore[orm-terminal-call]\n# awaitify: ignore-next-line\ny = g()\nz = h()  # awaitify:ignore\n', 'python');
    expect([...s]).toEqual([
      [1, [{ line: 1, target: 1, rules: ['orm-terminal-call'] }]],
      [3, [{ line: 2, target: 3 }]],
      [4, [{ line: 4, target: 4 }]],
    ]);
  });

  it('does not take the other language\'s form, nor a near miss', () => {
    expect(suppressionsOf('x()  # awaitify: ignore\n', 'typescript').size).toBe(0);
    expect(suppressionsOf('# awaitify-ignore-next-line\nx()\n', 'python').size).toBe(0);
    expect(suppressionsOf('// awaitify-ignore-next-lines\nx()\n', 'typescript').size).toBe(0);
  });
});

describe('suppressionOf', () => {
  it('matches the finding on the covered line by rule, or any rule without ids', () => {
    const s = suppressionsOf('a()  # awaitify: ignore[time-sleep]\nb()  # awaitify: ignore\n', 'python');
    expect(suppressionOf(finding('time-sleep', 1), s)?.line).toBe(1);
    expect(suppressionOf(finding('orm-terminal-call', 1), s)).toBeUndefined();
    expect(suppressionOf(finding('orm-terminal-call', 2), s)?.line).toBe(2);
    expect(suppressionOf(finding('time-sleep', 3), s)).toBeUndefined();
  });
});
