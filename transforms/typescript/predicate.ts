// `xs.filter(cb)`, `some`, `every`, `find`, `findIndex` use the callback's
// answer at once, so an async callback (a promise, always truthy) breaks
// them. Where the statement allows it, the callbacks run first, awaited
// together, and the array method reads their answers:
//   const dirs = entries.filter((e) => fs.lstatSync(e).isDirectory());
// becomes
//   const keep = await Promise.all(entries.map(async (e) => (await lstat(e)).isDirectory()));
//   const dirs = entries.filter((_, i) => keep[i]);
// The callback's own text stays where it is (so every other rewrite inside it
// applies): the statement's head moves after it instead.
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { receiverKind } from './foreach.js';
import { isFunctionLike, skipOuter, type ProjectModel } from './analysis/model.js';

export const PREDICATE_METHODS = new Set(['filter', 'some', 'every', 'find', 'findIndex']);

export interface PredicatePlan {
  method: string;
  call: ts.CallExpression;
  receiver: ts.Expression;
  /** A plain name is read twice; anything else is evaluated once into a variable. */
  stableReceiver: boolean;
  /** Whether the receiver is known to be an array (else the finding says it is assumed). */
  knownArray: boolean;
  callback: ts.Expression;
  statement: ts.Statement;
}

/** Whether the call can be restructured, or why not. */
export function analyzePredicate(call: ts.CallExpression, callback: ts.Expression, model: ProjectModel): PredicatePlan | { manual: string } {
  const callee = skipOuter(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !PREDICATE_METHODS.has(callee.name.text)) return { manual: 'it is not an array method call' };
  const method = callee.name.text;
  if (callee.questionDotToken || call.questionDotToken) return { manual: `the call uses optional chaining (\`?.${method}\`)` };
  if (call.arguments.length !== 1 || call.arguments[0] !== callback) return { manual: `\`.${method}()\` is given a \`thisArg\`` };
  const receiver = skipOuter(callee.expression);
  const kind = receiverKind(receiver, model);
  if (kind === 'map' || kind === 'set') return { manual: `its receiver is a ${kind === 'map' ? 'Map' : 'Set'}` };
  if (usesArrayParameter(callback)) return { manual: 'the callback reads its third parameter (the array)' };

  // Up to the statement: no branch that may not run, no function boundary.
  let n: ts.Node = call;
  let statement: ts.Statement | undefined;
  while (n.parent) {
    const p: ts.Node = n.parent;
    if (isFunctionLike(p) || ts.isClassLike(p)) return { manual: 'it is not directly in a statement of the function' };
    if (ts.isConditionalExpression(p) && p.condition !== n) return { manual: 'it is in one branch of a conditional expression' };
    if (ts.isBinaryExpression(p) && p.right === n && isShortCircuit(p.operatorToken.kind)) return { manual: `it is on the right of \`${p.operatorToken.getText()}\`, which may not evaluate it` };
    if (ts.isStatement(p)) {
      statement = p;
      break;
    }
    if (ts.isVariableDeclarationList(p) || ts.isVariableDeclaration(p)) {
      n = p;
      continue;
    }
    n = p;
  }
  if (!statement) return { manual: 'it is not in a statement' };
  const okStatement =
    ts.isVariableStatement(statement) ||
    ts.isExpressionStatement(statement) ||
    ts.isReturnStatement(statement) ||
    ts.isThrowStatement(statement) ||
    (ts.isIfStatement(statement) && contains(statement.expression, call));
  if (!okStatement) return { manual: 'it is part of a loop or other compound statement' };
  const holder = statement.parent;
  if (!holder || !(ts.isBlock(holder) || ts.isSourceFile(holder) || ts.isCaseClause(holder) || ts.isDefaultClause(holder))) return { manual: 'its statement is not in a block' };

  // The statement's text before the callback moves after it: it must hold nothing that runs.
  const sf = call.getSourceFile();
  const headStart = statement.getStart(sf);
  const headEnd = callback.getStart(sf);
  let problem: string | undefined;
  const visit = (node: ts.Node): void => {
    if (problem) return;
    const start = node.getStart(sf);
    if (node.getEnd() <= headStart || start >= headEnd) return;
    if (node === callback || node === receiver) return;
    // An enclosing call (`res.json(xs.filter(cb))`) runs after its arguments: only what it evaluates before them matters.
    if (node !== call && !contains(node, call) && (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node))) {
      if (node.getEnd() > headStart && start < headEnd) problem = `\`${shortText(node)}\` in the same statement runs before it`;
      return;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !ts.isIdentifier(skipOuter(node.left))) {
      problem = 'the statement assigns to a property before it';
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(statement);
  if (problem) return { manual: problem };
  // One restructured call per statement.
  let others = 0;
  const count = (node: ts.Node): void => {
    if (isFunctionLike(node) && node !== callback) return;
    if (node !== call && ts.isCallExpression(node)) {
      const c = skipOuter(node.expression);
      if (ts.isPropertyAccessExpression(c) && PREDICATE_METHODS.has(c.name.text) && node.arguments.length > 0 && !contains(callback, node) && !cannotBecomeAsync(node.arguments[0]!)) others++;
    }
    ts.forEachChild(node, count);
  };
  count(statement);
  if (others) return { manual: 'the statement has another array call with a callback' };
  return { method, call, receiver, stableReceiver: isStableReference(receiver), knownArray: kind === 'array', callback, statement };
}

/**
 * The edits that hoist the callbacks into `const <name> = await Promise.all(<receiver>.map(<callback>));`
 * (after `const <items> = <receiver>;` when the receiver is not a plain name).
 * The receiver's and the callback's text stay in place.
 */
export function predicateEdits(plan: PredicatePlan, names: { keep: string; items: string }, text: string, extraIndent = ''): TextEdit[] {
  const name = names.keep;
  const sf = plan.call.getSourceFile();
  const statementStart = plan.statement.getStart(sf);
  const callbackStart = plan.callback.getStart(sf);
  const callbackEnd = plan.callback.getEnd();
  const callStart = plan.call.getStart(sf);
  const receiverStart = plan.receiver.getStart(sf);
  const receiverEnd = plan.receiver.getEnd();
  const lineStart = text.lastIndexOf('\n', statementStart - 1) + 1;
  const indent = extraIndent + /^[ \t]*/.exec(text.slice(lineStart, statementStart))![0];
  void callStart;
  const answerOf = (receiverText: string, before: string) =>
    plan.method === 'filter' || plan.method === 'find' ? `${before}${receiverText}.${plan.method}((_, i) => ${name}[i]` : `${before}${name}.${plan.method}(Boolean`;
  if (plan.stableReceiver) {
    const receiverText = plan.receiver.getText(sf);
    const before = text.slice(statementStart, receiverStart);
    return [
      { start: statementStart, end: callbackStart, text: `const ${name} = await Promise.all(${receiverText}.map(` },
      { start: callbackEnd, end: callbackEnd, text: `));\n${indent}${answerOf(receiverText, before)}` },
    ];
  }
  const before = text.slice(statementStart, receiverStart);
  return [
    { start: statementStart, end: receiverStart, text: `const ${names.items} = ` },
    { start: receiverEnd, end: callbackStart, text: `;\n${indent}const ${name} = await Promise.all(${names.items}.map(` },
    { start: callbackEnd, end: callbackEnd, text: `));\n${indent}${answerOf(names.items, before)}` },
  ];
}

function isStableReference(e: ts.Expression): boolean {
  const x = skipOuter(e);
  if (ts.isIdentifier(x) || x.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(x) && !x.questionDotToken && isStableReference(x.expression);
}

function usesArrayParameter(callback: ts.Expression): boolean {
  const cb = skipOuter(callback);
  return (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && cb.parameters.length > 2;
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken || kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  for (let n: ts.Node | undefined = inner; n; n = n.parent) if (n === outer) return true;
  return false;
}

function shortText(node: ts.Node): string {
  const t = node.getText().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

const PURE_METHODS = new Set(['slice', 'substring', 'startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'toLowerCase', 'toUpperCase', 'trim', 'test', 'match', 'charAt', 'at', 'has', 'toString', 'split', 'join', 'padStart', 'padEnd']);
const PURE_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);

/** An inline callback that calls nothing that could ever need an await (only string and array accessors). */
function cannotBecomeAsync(arg: ts.Expression): boolean {
  const cb = skipOuter(arg);
  if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return false;
  let pure = true;
  const visit = (n: ts.Node): void => {
    if (!pure) return;
    if (ts.isNewExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isAwaitExpression(n)) pure = false;
    else if (ts.isCallExpression(n)) {
      const c = skipOuter(n.expression);
      if (!((ts.isPropertyAccessExpression(c) && PURE_METHODS.has(c.name.text)) || (ts.isIdentifier(c) && PURE_FUNCTIONS.has(c.text)))) pure = false;
    }
    ts.forEachChild(n, visit);
  };
  visit(cb.body);
  return pure;
}
