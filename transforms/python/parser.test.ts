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

  it("rejects 'await await' that tree-sitter parses without an error", async () => {
    expect(await pythonSyntaxError('async def f():\n    x = 1\n    await await g()\n')).toEqual({
      line: 3,
      message: "'await await': the operand of 'await' must be a primary (parenthesise it)",
    });
  });

  it("rejects 'await -x' and accepts the parenthesised and the power forms", async () => {
    expect(await pythonSyntaxError('async def f():\n    return await -g()\n')).toMatchObject({ line: 2 });
    expect(await pythonSyntaxError('async def f():\n    await (await g())\n')).toBeUndefined();
    expect(await pythonSyntaxError('async def f():\n    return await a ** b\n')).toBeUndefined();
  });
});

describe('node offsets', () => {
  it('are UTF-16 indexes into the JS string, also after non-ASCII text', async () => {
    const parser = await loadPythonParser();
    const text = 's = "héllo 😀 wörld"\nx = time.sleep(1)\n';
    const tree = parsePython(parser, text);
    const call = tree.rootNode.descendantsOfType('call')[0]!;
    expect(text.slice(call.startIndex, call.endIndex)).toBe('time.sleep(1)');
  });
});
