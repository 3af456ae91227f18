// parallel-awaits (opt-in): consecutive statements that each await one call,
// where no later call reads an earlier result and none of the calls writes
// state another one touches, become one `await Promise.all([...])`.
// "Writes" is judged conservatively: a call is only trusted as read-only when
// it is a known reading API (fs/promises reads, fetch without a method, a
// method named get/find/read/...) or a project function whose body does
// nothing but local work and such calls.
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { isFunctionLike, skipOuter, type FileInfo, type FunctionLike, type ProjectModel } from './analysis/model.js';

export interface ParallelGroup {
  statements: ts.Statement[];
  edit: TextEdit;
}

interface Candidate {
  statement: ts.Statement;
  call: ts.CallExpression;
  /** `const`/`let` and the binding, or undefined for a bare `await f();`. */
  declaration?: { kind: 'const' | 'let' | 'var'; name: ts.BindingName };
}

const READ_METHOD = /^(get|find|fetch|read|load|list|count|stat|lstat|access|exists|has|lookup|search|head|describe|select|resolve|query)([A-Z_].*)?$/;
const FS_READS = new Set(['readFile', 'readdir', 'stat', 'lstat', 'access', 'realpath', 'readlink', 'opendir']);

export function findParallelAwaits(file: FileInfo, model: ProjectModel): ParallelGroup[] {
  const out: ParallelGroup[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isBlock(n) || ts.isSourceFile(n) || ts.isModuleBlock(n)) scanStatements(n.statements, file, model, out);
    ts.forEachChild(n, visit);
  };
  visit(file.sf);
  return out;
}

function scanStatements(statements: readonly ts.Statement[], file: FileInfo, model: ProjectModel, out: ParallelGroup[]): void {
  let run: Candidate[] = [];
  const flush = () => {
    emitRuns(run, file, model, out);
    run = [];
  };
  for (const st of statements) {
    const c = candidate(st);
    if (!c) {
      flush();
      continue;
    }
    const prev = run[run.length - 1];
    if (prev && hasComment(file.text, prev.statement.getEnd(), st.getStart(file.sf))) flush();
    run.push(c);
  }
  flush();
}

function candidate(st: ts.Statement): Candidate | undefined {
  if (ts.isExpressionStatement(st)) {
    const call = awaitedCall(st.expression);
    return call ? { statement: st, call } : undefined;
  }
  if (ts.isVariableStatement(st) && !(ts.getModifiers(st) ?? []).length) {
    const list = st.declarationList;
    if (list.declarations.length !== 1) return undefined;
    const d = list.declarations[0]!;
    if (d.type || !d.initializer) return undefined;
    const call = awaitedCall(d.initializer);
    if (!call) return undefined;
    // `await using` shares the Const bit: compare the whole block-scope field.
    const scope = list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const | ts.NodeFlags.Using);
    if (scope === ts.NodeFlags.Using || scope === ts.NodeFlags.AwaitUsing) return undefined;
    const kind = scope === ts.NodeFlags.Const ? 'const' : scope === ts.NodeFlags.Let ? 'let' : 'var';
    return { statement: st, call, declaration: { kind, name: d.name } };
  }
  return undefined;
}

function awaitedCall(expr: ts.Expression): ts.CallExpression | undefined {
  const e = skipOuterParens(expr);
  if (!ts.isAwaitExpression(e)) return undefined;
  const inner = skipOuterParens(e.expression);
  return ts.isCallExpression(inner) && !inner.questionDotToken ? inner : undefined;
}

function skipOuterParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

function hasComment(text: string, from: number, to: number): boolean {
  return /\/\/|\/\*/.test(text.slice(from, to));
}

/** Splits a run of candidates into maximal independent groups of two or more. */
function emitRuns(run: Candidate[], file: FileInfo, model: ProjectModel, out: ParallelGroup[]): void {
  let group: Candidate[] = [];
  const close = () => {
    if (group.length >= 2) {
      const edit = groupEdit(group, file);
      if (edit) out.push({ statements: group.map((g) => g.statement), edit });
    }
    group = [];
  };
  for (const c of run) {
    if (!independentOf(c, group, model) || (group[0] && c.declaration && group.some((g) => g.declaration && g.declaration.kind !== c.declaration!.kind))) close();
    if (!readOnlyCall(c.call, model, 0)) {
      close();
      continue;
    }
    group.push(c);
  }
  close();
}

/** No earlier binding of the group is read by this call (or re-bound by its declaration). */
function independentOf(c: Candidate, group: Candidate[], model: ProjectModel): boolean {
  const bound = new Set<string>();
  for (const g of group) if (g.declaration) for (const n of namesOf(g.declaration.name)) bound.add(n);
  if (bound.size === 0) return true;
  let reads = false;
  const visit = (n: ts.Node): void => {
    if (reads) return;
    if (ts.isIdentifier(n) && bound.has(n.text) && !isPropertyName(n)) reads = true;
    ts.forEachChild(n, visit);
  };
  visit(c.call);
  if (c.declaration) for (const n of namesOf(c.declaration.name)) if (bound.has(n)) return false;
  void model;
  return !reads;
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return Boolean(p && ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id)));
}

function namesOf(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : namesOf(e.name)));
}

/** Whether a call is trusted to only read (see the module comment). */
function readOnlyCall(call: ts.CallExpression, model: ProjectModel, depth: number): boolean {
  if (depth > 4) return false;
  if (call.arguments.some((a) => containsWrite(a))) return false;
  const callee = skipOuter(call.expression);
  const target = model.functionOf(model.valueOf(callee));
  if (target) return readOnlyFunction(target.node, model, depth + 1);
  const v = model.valueOf(callee);
  if (v?.kind === 'external') {
    const last = v.path[v.path.length - 1];
    if (v.module === 'fs/promises' || (v.module === 'fs' && v.path[0] === 'promises')) return Boolean(last && FS_READS.has(last));
  }
  if (ts.isIdentifier(callee) && callee.text === 'fetch' && !model.lookup('fetch', callee)) {
    const init = call.arguments[1];
    if (!init) return true;
    return ts.isObjectLiteralExpression(init) && !init.properties.some((p) => p.name && ts.isIdentifier(p.name) && (p.name.text === 'method' || p.name.text === 'body'));
  }
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  return Boolean(name && READ_METHOD.test(name));
}

/** A project function whose body only computes locally and makes read-only calls. */
function readOnlyFunction(fn: FunctionLike, model: ProjectModel, depth: number): boolean {
  if (!fn.body) return false;
  const locals = new Set<string>();
  for (const p of fn.parameters) for (const n of namesOf(p.name)) locals.add(n);
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (n !== fn && isFunctionLike(n)) return; // a nested function only matters if called, and then its call is checked
    if (ts.isVariableDeclaration(n)) for (const name of namesOf(n.name)) locals.add(name);
    if (isAssignmentLike(n)) {
      const target = assignmentTarget(n);
      if (!target || !ts.isIdentifier(target) || !locals.has(target.text)) ok = false;
    }
    if (ts.isDeleteExpression(n)) ok = false;
    if (ts.isCallExpression(n) && !readOnlyCall(n, model, depth)) ok = false;
    if (ts.isNewExpression(n)) ok = false;
    ts.forEachChild(n, visit);
  };
  visit(fn.body);
  return ok;
}

function isAssignmentLike(n: ts.Node): boolean {
  if (ts.isBinaryExpression(n)) return n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  return (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === ts.SyntaxKind.PlusPlusToken || n.operator === ts.SyntaxKind.MinusMinusToken);
}

function assignmentTarget(n: ts.Node): ts.Expression | undefined {
  if (ts.isBinaryExpression(n)) return skipOuter(n.left);
  if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) return skipOuter(n.operand);
  return undefined;
}

function containsWrite(n: ts.Node): boolean {
  let found = false;
  const visit = (c: ts.Node): void => {
    if (found || isFunctionLike(c)) return;
    if (isAssignmentLike(c) || ts.isDeleteExpression(c) || ts.isAwaitExpression(c) || ts.isYieldExpression(c)) found = true;
    else ts.forEachChild(c, visit);
  };
  visit(n);
  return found;
}

function groupEdit(group: Candidate[], file: FileInfo): TextEdit | undefined {
  const sf = file.sf;
  const text = file.text;
  const first = group[0]!.statement;
  const last = group[group.length - 1]!.statement;
  const start = first.getStart(sf);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const calls = group.map((g) => g.call.getText(sf));
  if (calls.some((c) => c.includes('\n'))) return undefined;
  const declared = group.filter((g) => g.declaration);
  const semi = text[last.getEnd() - 1] === ';' ? ';' : '';
  let head = 'await ';
  if (declared.length) {
    // Trailing bare awaits need no hole.
    let lastDeclared = group.length - 1;
    while (!group[lastDeclared]!.declaration) lastDeclared--;
    const pattern = group
      .slice(0, lastDeclared + 1)
      .map((g) => (g.declaration ? g.declaration.name.getText(sf) : ''))
      .join(', ');
    head = `${declared[0]!.declaration!.kind} [${pattern}] = await `;
  }
  const oneLine = `${head}Promise.all([${calls.join(', ')}])${semi}`;
  const unit = /\t/.test(indent) ? '\t' : '  ';
  const body = indent.length + oneLine.length <= 100 ? oneLine : `${head}Promise.all([\n${calls.map((c) => `${indent}${unit}${c},`).join('\n')}\n${indent}])${semi}`;
  return { start, end: last.getEnd(), text: body };
}
