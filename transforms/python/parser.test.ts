import { describe, expect, it } from 'vitest';
import { loadPythonParser, parsePython, pythonSyntaxError } from './parser.js';

describe('pythonSyntaxError', () => {
  it('accepts valid Python 3', async () => {
    expect(await pythonSyntaxError('async def f():\n    await g()\n')).toBeUndefined();
  });

  it('rejects a Python 2 print statement with its line', async () => {
    expect(await pythonSyntaxError('x = 1\nprint "x"\n')).toMatchObject({ line: 2 });
  });

  it('rejects merge-conflict markers', async () => {
    const text = 'a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> branch\n';
    expect((await pythonSyntaxError(text))?.line).toBe(2);
  });

  it('rejects an unclosed parameter list', async () => {
    expect(await pythonSyntaxError('def f(:\n    pass\n')).toMatchObject({ line: 1 });
  });
});

describe('node offsets', () => {
  it('are UTF-16 indexes into the JS string, also after non-ASCII text', async () => {
    const parser = await loadPythonParser();
    const text = 's = "héllo 😀 wörld"\nx = time.sleep(1)\n';
    const tree = parsePython(parser, text);
    const call = tree.rootNode.descendantsOfType('call')[0]!;
    expect(text.slice(call.startIndex, call.endIndex)).toBe('time.sleep(1)');
    tree.delete();
  });
});
