// Generator functions: calling one runs no code and returns an iterator, so a
// call of an async generator is consumed with `async for`, never awaited, and a
// sync generator cannot become async without changing every consumer.
import type { PyNode as Node } from './tree.js';
import { childrenOf, hasDescendantOfType } from './parser.js';

const NESTED_SCOPES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

/** Whether a function body yields (itself, not a nested function or class). */
export function containsYield(body: Node): boolean {
  if (!hasDescendantOfType(body, 'yield')) return false;
  const visit = (node: Node): boolean => {
    for (const child of childrenOf(node)) {
      if (NESTED_SCOPES.has(child.type)) continue;
      if (child.type === 'yield') return true;
      if (visit(child)) return true;
    }
    return false;
  };
  return visit(body);
}
