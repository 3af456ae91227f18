// test-done-callback: a test body or hook that takes a `done` callback
// (mocha, jest, node:test) and must await something. Mocha refuses a
// function that both takes `done` and returns a promise ("Resolution method
// is overspecified"), jest fails it too, so the function never becomes async:
// its body moves into an async IIFE whose rejection goes to `done`, or, where
// that cannot be written, it stays sync with a finding.
import { ts } from 'ts-morph';
import type { Finding, Safety, TextEdit } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from '../analysis/graph.js';
import { skipOuter, type ProjectModel } from '../analysis/model.js';
import { wrapLinesEdits } from '../toplevel.js';

import { TEST_DONE_RULE, TEST_DONE_KIND, VERIFY_DONE_KIND } from './test-done-callback-meta.js';
export { TEST_DONE_RULE, TEST_DONE_KIND, VERIFY_DONE_KIND, testDoneCallbackRule } from './test-done-callback-meta.js';

export interface DoneWrapPlan {
  info: FunctionInfo;
  done: string;
  body: ts.Block;
  safety: Safety;
  /** How the finding names the function (`` `it('loads')` ``, the verify callback of `` `new LocalStrategy(...)` ``). */
  label: string;
  /** A test body or hook, or a passport strategy's verify callback. */
  kind: 'test' | 'verify';
}

const plans = new WeakMap<GraphBuilder, Map<string, DoneWrapPlan>>();

/** The wrap planned for a test callback that became async, if any. */
export function testDoneWrapOf(builder: GraphBuilder, id: string): DoneWrapPlan | undefined {
  return plans.get(builder)?.get(id);
}

/**
 * Before planning: each test callback with a `done` parameter either gets a
 * wrap plan (applied if it becomes async) or cannot become async.
 */
export function planTestDoneCallbacks(builder: GraphBuilder, model: ProjectModel, mayReview: boolean): void {
  const out = new Map<string, DoneWrapPlan>();
  plans.set(builder, out);
  const callbacks: { id: string; done: string | undefined; label: string; kind: DoneWrapPlan['kind'] }[] = [];
  for (const [e, call] of builder.testEdges) {
    const info = builder.byId.get(e.to);
    if (info) callbacks.push({ id: e.to, done: doneParameter(call, info, model), label: testLabel(call), kind: 'test' });
  }
  for (const [e, call] of builder.verifyEdges) {
    const info = builder.byId.get(e.to);
    const last = info?.node.parameters.at(-1);
    callbacks.push({ id: e.to, done: last && ts.isIdentifier(last.name) ? last.name.text : undefined, label: `the verify callback of \`new ${call.expression.getText()}(...)\``, kind: 'verify' });
  }
  for (const { id, done, label, kind } of callbacks) {
    const info = builder.byId.get(id);
    if (!info || info.graph.alreadyAsync || info.graph.cannotBeAsync || out.has(id)) continue;
    if (!done) continue;
    const body = info.node.body;
    const why = kind === 'test'
      ? `${label} declares \`${done}\`: mocha and jest fail a test or hook that both takes a done callback and returns a promise ("Resolution method is overspecified"), so it cannot become async`
      : `${label} reports through \`${done}\`, and passport ignores what it returns (an async callback's rejection would be lost and the login would hang), so it does not become async`;
    if (!body || !ts.isBlock(body) || body.statements.length === 0 || info.node.asteriskToken || !startsLine(body.statements[0]!, info)) {
      info.graph.cannotBeAsync = { kind: kind === 'test' ? TEST_DONE_KIND : VERIFY_DONE_KIND, reason: `${why}, and its body cannot be moved into an async IIFE (it is an expression)` };
      continue;
    }
    const safety = doneOnlyAtTheEnd(body, done) ? 'safe' : 'review';
    if (safety === 'review' && !mayReview) {
      info.graph.cannotBeAsync = { kind: kind === 'test' ? TEST_DONE_KIND : VERIFY_DONE_KIND, reason: `${why}, and \`${done}\` is called before statements that would run after an await (review; not applied under --safety safe)` };
      continue;
    }
    out.set(info.id, { info, done, body, safety, label, kind });
  }
}

/** The finding that wraps a test callback's body in an async IIFE ending in `.catch(done)`. */
export function testDoneWrapFinding(plan: DoneWrapPlan, replaced: readonly [number, number][], why: string): Omit<Finding, 'line' | 'column'> | undefined {
  const { info, done, body } = plan;
  const sf = info.file.sf;
  const first = body.statements[0]!;
  const last = body.statements[body.statements.length - 1]!;
  // One level deeper than the body is indented relative to the line the function starts on.
  const text = info.file.text;
  const lineIndent = (pos: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', pos - 1) + 1))![0];
  const outer = lineIndent(info.node.getStart(sf));
  const inner = lineIndent(first.getStart(sf));
  const unit = inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : undefined;
  const semi = usesSemicolons(text) ? ';' : '';
  const edits: TextEdit[] | undefined = wrapLinesEdits(info.file, first.getStart(sf), last.getEnd(), '(async () => {\n', `\n})().catch(${done})${semi}`, replaced, unit);
  if (!edits) return undefined;
  const review = plan.safety === 'review' ? ` Review: \`${done}\` is called before statements that now run after an await, so ${plan.kind === 'test' ? 'the runner' : 'passport'} may go on before they finish.` : '';
  return {
    rule: TEST_DONE_RULE,
    path: info.file.path,
    message: plan.kind === 'test'
      ? `${plan.label} must await (${why}) but declares \`${done}\`: mocha and jest fail a test that takes a done callback and returns a promise ("Resolution method is overspecified"), so instead of becoming async its body runs in an async IIFE whose rejection is passed to \`${done}\`.${review}`
      : `${plan.label} must await (${why}); passport ignores its return value and learns the outcome through \`${done}\`, so instead of becoming async its body runs in an async IIFE whose rejection is passed to \`${done}\` (passport treats an error the callback throws as it treats \`${done}(err)\`).${review}`,
    safety: plan.safety,
    edits,
  };
}

/** Whether the file ends its statements with semicolons (most lines that end a statement do). */
function usesSemicolons(text: string): boolean {
  // Lines that end a call or an assignment: with a semicolon, or without.
  const withSemi = (text.match(/\)\s*;[ \t]*$/gm) ?? []).length;
  const without = (text.match(/\)[ \t]*$/gm) ?? []).length;
  return withSemi >= without;
}

/** The name of the done callback, when the runner passes one. */
function doneParameter(call: ts.CallExpression, info: FunctionInfo, model: ProjectModel): string | undefined {
  let e: ts.Expression = skipOuter(call.expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(e)) {
      if (e.name.text === 'each') return undefined;
      e = skipOuter(e.expression);
    } else if (ts.isCallExpression(e)) e = skipOuter(e.expression);
    else if (ts.isTaggedTemplateExpression(e)) return undefined;
    else break;
  }
  if (!ts.isIdentifier(e)) return undefined;
  let index = 0;
  const decl = model.lookup(e.text, e);
  if (decl) {
    const v = model.valueOfDeclaration(decl);
    if (v?.kind !== 'external') return undefined;
    if (v.module === 'test') index = 1; // node:test: (t, done)
    else if (v.module !== 'mocha' && v.module !== '@jest/globals' && v.module !== 'bun:test') return undefined;
  }
  const param = info.node.parameters[index];
  return param && ts.isIdentifier(param.name) ? param.name.text : undefined;
}

function testLabel(call: ts.CallExpression): string {
  const callee = call.expression.getText().replace(/\s+/g, '');
  const first = call.arguments[0];
  return first && ts.isStringLiteralLike(first) ? `\`${callee}('${first.text}')\`` : `the \`${callee}\` callback`;
}

function startsLine(node: ts.Node, info: FunctionInfo): boolean {
  const text = info.file.text;
  const start = node.getStart(info.file.sf);
  return text.slice(text.lastIndexOf('\n', start - 1) + 1, start).trim() === '';
}

/** Whether `done` appears only in the last statement or in `return` statements (after which nothing runs). */
function doneOnlyAtTheEnd(body: ts.Block, done: string): boolean {
  const last = body.statements[body.statements.length - 1];
  let ok = true;
  const visit = (n: ts.Node, inReturn: boolean): void => {
    if (!ok) return;
    if (n === last) return;
    if (ts.isReturnStatement(n)) inReturn = true;
    if (ts.isIdentifier(n) && n.text === done && !inReturn) ok = false;
    ts.forEachChild(n, (c) => visit(c, inReturn));
  };
  for (const st of body.statements) visit(st, false);
  return ok;
}
