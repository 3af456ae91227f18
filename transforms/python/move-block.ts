// Moves a block of a function that must stay synchronous (a transaction.atomic
// block, file I/O) into a nested sync function placed where the block was,
// and runs it in a thread: locals it reads are passed in, locals it assigns
// that later code reads are returned, and a `return` inside still returns.
import type { PyNode as Node } from './tree.js';
import type { TextEdit } from '../core/types.js';
import { indentUnit, lineIndent, lineStartsWithin, type FunctionContext } from './context.js';
import { childrenOf, field } from './parser.js';
import { boundNames } from './project.js';

const SCOPES = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);

export type Moved = { edits: TextEdit[]; name: string; io: string } | { problem: string };

/**
 * `runner(name, args)` is the expression that runs the nested function and yields its result.
 * `block` is one statement, or adjacent statements of one block that move together.
 */
export function moveBlock(fc: FunctionContext, blockOrStatements: Node | Node[], base: string, runner: (name: string, args: string[]) => string): Moved {
  const text = fc.module.text;
  const statements = Array.isArray(blockOrStatements) ? blockOrStatements : [blockOrStatements];
  const block = { startIndex: statements[0].startIndex, endIndex: statements[statements.length - 1].endIndex };
  const first = statements[0];
  const own = statements.flatMap((s) => [s, ...ownNodes(s)]);
  const problem = own.find(
    (n) =>
      n.type === 'yield' ||
      n.type === 'await' ||
      n.type === 'global_statement' ||
      n.type === 'nonlocal_statement' ||
      ((n.type === 'break_statement' || n.type === 'continue_statement') && !statements.some((s) => insideLoop(n, s))),
  );
  if (problem) {
    return { problem: problem.type === 'yield' ? 'yields' : problem.type === 'await' ? 'awaits' : /global|nonlocal/.test(problem.type) ? 'declares a global or nonlocal name' : 'leaves a surrounding loop' };
  }

  const locals = fc.fn.locals;
  const boundBefore = new Set<string>(fc.fn.paramNames);
  const assignedInside = new Set<string>();
  const unconditional = new Set<string>();
  const readInside: string[] = [];
  // Bound on every path that reaches the block: a parameter, or a binding whose enclosing
  // statement list also holds the block (a binding under an earlier `if` may not have run).
  const definitelyBefore = new Set<string>(fc.fn.paramNames);
  // Where the block first binds each name on every path through it (an unconditional assignment).
  const setInsideAt = new Map<string, number>();
  for (const n of bindingNodes(fc.fn.body)) {
    for (const name of n.names) {
      if (n.node.startIndex < block.startIndex) {
        boundBefore.add(name);
        if (bindsOnPathTo(n.node, first)) definitelyBefore.add(name);
      } else if (n.node.startIndex < block.endIndex) {
        assignedInside.add(name);
        // Bound by an assignment that runs whenever the block runs to its end (not under an if, a loop or a try).
        if (n.node.type === 'assignment' && onEveryPath(n.node, statements)) {
          unconditional.add(name);
          if (!setInsideAt.has(name)) setInsideAt.set(name, n.node.endIndex);
        }
      }
    }
  }
  for (const n of own) {
    if (n.type !== 'identifier' || !locals.has(n.text) || !isRead(n)) continue;
    if (!readInside.includes(n.text)) readInside.push(n.text);
  }
  // Inside a loop, a name set here may be read by the next iteration, before the block.
  const inLoop = Boolean(enclosingLoop(first, fc.fn.body));
  const outside = fc.fn.body
    .descendantsOfType('identifier')
    .filter((n): n is Node => Boolean(n) && (n!.startIndex >= block.endIndex || (inLoop && n!.endIndex <= block.startIndex)) && isRead(n!));
  const outputs = [...assignedInside].filter((name) => outside.some((n) => n.text === name)).sort();
  // A name the block may leave unset is passed in when it has a value before, so the nested
  // function returns that value on the paths that do not set it; otherwise it cannot move.
  const unset = outputs.find((name) => !boundBefore.has(name) && !unconditional.has(name));
  if (unset) return { problem: `sets ${unset} on some paths only, which later code reads` };
  // Only a name set on some paths needs its earlier value passed in (an unconditional one may
  // be unbound on this path: `form` set in the if-branch, set again here in the else-branch).
  // A name read in the block only after the block itself set it needs no value from before.
  const firstRead = new Map<string, number>();
  for (const n of own) if (n.type === 'identifier' && locals.has(n.text) && isRead(n) && !firstRead.has(n.text)) firstRead.set(n.text, n.startIndex);
  const setFirst = (name: string) => (setInsideAt.get(name) ?? Infinity) <= (firstRead.get(name) ?? -1);
  const inputs = [...readInside.filter((name) => boundBefore.has(name) && !setFirst(name)), ...outputs.filter((name) => boundBefore.has(name) && !readInside.includes(name) && !unconditional.has(name))];
  // Passing a name that may still be unset where the block starts would raise UnboundLocalError
  // at the call, where the original code only read it on paths that had set it.
  const maybeUnset = inputs.find((name) => !definitelyBefore.has(name));
  if (maybeUnset) return { problem: `needs ${maybeUnset}, which may be unset where it starts` };
  const returns = own.filter((n) => n.type === 'return_statement');

  const indent = lineIndent(text, block.startIndex);
  const unit = indentUnit(fc.fn);
  const taken = new Set([...locals, ...fc.fn.body.descendantsOfType('identifier').map((n) => n!.text)]);
  const fname = fresh(base, taken);
  const call = runner(fname, inputs);
  const packed = outputs.length === 0 ? 'None' : outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`;

  // Black's (and pycodestyle's E306) layout: a blank line before a nested def that follows
  // other statements, and one after it.
  const edits: TextEdit[] = [];
  const blankBefore = blankLineBefore(text, first);
  if (blankBefore !== undefined) edits.push({ start: blankBefore, end: blankBefore, text: '\n' });
  edits.push({ start: block.startIndex, end: block.startIndex, text: `def ${fname}(${inputs.join(', ')}):\n${indent}${unit}` });
  for (const at of lineStartsWithin(text, block.startIndex, block.endIndex)) edits.push({ start: at, end: at, text: unit });
  let tail: string;
  const last = statements[statements.length - 1];
  if (returns.length && last.type === 'return_statement') {
    // The block ends by returning: every path through it returns (or raises), so its result is the function's.
    tail = `\n\n${indent}return ${call}`;
  } else if (returns.length) {
    for (const r of returns) {
      const kw = r.child(0)!;
      const value = childrenOf(r)[0];
      edits.push({ start: kw.endIndex, end: kw.endIndex, text: value ? ' True,' : ' True, None' });
    }
    const flag = fresh('returned', taken);
    const value = fresh('result', taken);
    tail =
      `\n${indent}${unit}return False, ${packed}\n` +
      `\n${indent}${flag}, ${value} = ${call}` +
      `\n${indent}if ${flag}:\n${indent}${unit}return ${value}` +
      (outputs.length ? `\n${indent}${outputs.join(', ')} = ${value}` : '');
  } else if (outputs.length) {
    tail = `\n${indent}${unit}return ${outputs.join(', ')}\n\n${indent}${outputs.join(', ')} = ${call}`;
  } else {
    tail = `\n\n${indent}${call}`;
  }
  edits.push({ start: block.endIndex, end: block.endIndex, text: tail });
  const io = [inputs.length ? `reads ${inputs.join(', ')} (passed in)` : '', outputs.length ? `sets ${outputs.join(', ')} (returned)` : '', returns.length ? 'returns from the function (preserved)' : '']
    .filter(Boolean)
    .join('; ');
  return { edits, name: fname, io };
}

/**
 * Where a blank line goes before the nested def that replaces `block` (the
 * start of its line, or of the comments directly above it), or undefined when
 * the block is the first statement of its body or a blank line is there already.
 */
function blankLineBefore(text: string, block: Node): number | undefined {
  let first = block;
  let prev = block.previousNamedSibling;
  while (prev?.type === 'comment' && prev.endPosition.row === first.startPosition.row - 1) {
    first = prev;
    prev = prev.previousNamedSibling;
  }
  if (!prev || prev.endPosition.row !== first.startPosition.row - 1) return undefined;
  return text.lastIndexOf('\n', first.startIndex - 1) + 1;
}

function fresh(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

function ownNodes(root: Node): Node[] {
  const out: Node[] = [];
  const visit = (n: Node) => {
    for (const c of childrenOf(n)) {
      if (SCOPES.has(c.type)) continue;
      out.push(c);
      visit(c);
    }
  };
  visit(root);
  return out;
}

function insideLoop(node: Node, block: Node): boolean {
  if (node.startIndex < block.startIndex || node.endIndex > block.endIndex) return false;
  for (let p = node.parent; p && p.id !== block.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') return true;
  return false;
}

function enclosingLoop(node: Node, body: Node): Node | undefined {
  for (let p = node.parent; p && p.id !== body.id; p = p.parent) if (p.type === 'for_statement' || p.type === 'while_statement') return p;
  return undefined;
}

function bindingNodes(body: Node): { node: Node; names: string[] }[] {
  const out: { node: Node; names: string[] }[] = [];
  for (const n of ownNodes(body)) {
    if (n.type === 'assignment' || n.type === 'augmented_assignment' || n.type === 'for_statement') {
      const left = field(n, 'left');
      if (left) out.push({ node: n, names: boundNames(left) });
    } else if (n.type === 'as_pattern') {
      const alias = field(n, 'alias');
      if (alias) out.push({ node: n, names: boundNames(alias) });
    } else if (n.type === 'named_expression') {
      const name = field(n, 'name');
      if (name) out.push({ node: n, names: [name.text] });
    }
  }
  return out;
}

/** Whether an identifier occurrence reads the variable (not an attribute name, keyword or pure assignment target). */
function isRead(n: Node): boolean {
  const p = n.parent;
  if (!p) return true;
  if (p.type === 'attribute' && field(p, 'attribute')?.id === n.id) return false;
  if (p.type === 'keyword_argument' && field(p, 'name')?.id === n.id) return false;
  if (p.type === 'assignment' && field(p, 'left')?.id === n.id) return false;
  if ((p.type === 'pattern_list' || p.type === 'tuple_pattern') && p.parent?.type === 'assignment' && field(p.parent, 'left')?.id === p.id) return false;
  if (p.type === 'for_statement' && field(p, 'left')?.id === n.id) return false;
  if (p.type === 'as_pattern_target') return false;
  if (p.type === 'function_definition' || p.type === 'class_definition') return false;
  return true;
}

/** Whether a binding before `target` runs on every path to it: the statement list holding the binding's statement also holds `target`. */
function bindsOnPathTo(binding: Node, target: Node): boolean {
  // A loop variable is bound inside its loop, and after it only if the loop ran at least once.
  if (binding.type === 'for_statement') return binding.startIndex <= target.startIndex && target.endIndex <= binding.endIndex;
  // A `with` body runs whenever the with statement does (as onEveryPath counts it), so its
  // bindings count in the statement list around the with.
  for (let stmt: Node = binding; ; ) {
    while (stmt.parent && ['expression_statement', 'assignment', 'augmented_assignment', 'with_statement', 'with_clause', 'with_item'].includes(stmt.parent.type)) stmt = stmt.parent;
    const list = stmt.parent;
    if (!list || (list.type !== 'block' && list.type !== 'module')) return false;
    if (list.startIndex <= target.startIndex && target.endIndex <= list.endIndex) return true;
    if (list.parent?.type !== 'with_statement') return false;
    stmt = list.parent;
  }
}

function onEveryPath(node: Node, statements: Node[]): boolean {
  for (let p: Node | null = node.parent; p; p = p.parent) {
    if (statements.some((s) => s.id === p!.id)) return true;
    // Only a `with` body always runs; the body of an if, a loop or a try may not.
    if (p.type === 'block' && p.parent?.type !== 'with_statement') return false;
    if (!['expression_statement', 'block', 'with_statement', 'with_clause', 'with_item'].includes(p.type)) return false;
  }
  return false;
}
