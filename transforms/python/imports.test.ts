import { beforeAll, describe, expect, it } from 'vitest';
import { applyEdits } from '../core/edits.js';
import type { ImportRequest } from '../core/types.js';
import { renderPythonImports } from './imports.js';
import { loadPythonParser } from './parser.js';

beforeAll(async () => {
  await loadPythonParser();
});

const render = (text: string, requests: ImportRequest[]) => applyEdits(text, renderPythonImports(text, requests));
const asyncio: ImportRequest = { module: 'asyncio', kind: 'namespace', local: 'asyncio' };
const s2a: ImportRequest = { module: 'asgiref.sync', kind: 'named', name: 'sync_to_async', local: 'sync_to_async' };

describe('renderPythonImports', () => {
  it('adds after the last top-level import', () => {
    expect(render('import os\nfrom x import y\n\n\ndef f():\n    import json\n', [asyncio, s2a])).toBe(
      'import os\nfrom x import y\nimport asyncio\nfrom asgiref.sync import sync_to_async\n\n\ndef f():\n    import json\n',
    );
  });

  it('merges into an existing from-import, also a parenthesised one', () => {
    expect(render('from asgiref.sync import async_to_sync\n', [s2a])).toBe('from asgiref.sync import async_to_sync, sync_to_async\n');
    expect(render('from asgiref.sync import (\n    async_to_sync,\n)\n', [s2a])).toBe('from asgiref.sync import (\n    async_to_sync,\n    sync_to_async,\n)\n');
  });

  it('adds nothing that is already imported', () => {
    expect(render('import asyncio\nfrom asgiref.sync import sync_to_async\n', [asyncio, s2a])).toBe('import asyncio\nfrom asgiref.sync import sync_to_async\n');
  });

  it('goes after the module docstring, or first when there is nothing else', () => {
    expect(render('"""Doc."""\n\nX = 1\n', [asyncio])).toBe('"""Doc."""\n\nimport asyncio\n\nX = 1\n');
    expect(render('# a comment\nX = 1\n', [asyncio])).toBe('# a comment\nimport asyncio\n\n\nX = 1\n');
  });

  it('renders an alias the edits chose', () => {
    expect(render('import os\n', [{ module: 'asyncio', kind: 'namespace', local: 'aio' }])).toBe('import os\nimport asyncio as aio\n');
  });
});
