// Small syntax helpers the blocking-call rewrites and the propagation emitter
// share: where an inserted `await` needs parentheses.
import { Node, ts } from 'ts-morph';

/**
 * Whether `await <node>` placed where `node` stands must be written
 * `(await <node>)`. Required for the operand of a property/element access, a
 * call or `new` callee, a tagged template, `!`-style postfix, `extends`; added
 * (as Prettier does, so formatted code stays formatted) for unary, binary and
 * logical operands, spread, `as`/`satisfies` and a conditional's test, where
 * `await x.y ?? z` reads ambiguously even though it parses.
 */
export function awaitNeedsParens(node: Node | ts.Node): boolean {
  const raw: ts.Node = node instanceof Node ? node.compilerNode : node;
  const parent = raw.parent;
  if (!parent) return false;
  switch (parent.kind) {
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
      return (parent as ts.PropertyAccessExpression | ts.ElementAccessExpression).expression === raw;
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
      return (parent as ts.CallExpression | ts.NewExpression).expression === raw;
    case ts.SyntaxKind.TaggedTemplateExpression:
      return (parent as ts.TaggedTemplateExpression).tag === raw;
    case ts.SyntaxKind.ConditionalExpression:
      return (parent as ts.ConditionalExpression).condition === raw;
    case ts.SyntaxKind.BinaryExpression: {
      const op = (parent as ts.BinaryExpression).operatorToken.kind;
      // `x = await y`, `x += await y` and `a, await b` read fine; every other operator gets parentheses.
      if (op === ts.SyntaxKind.CommaToken) return false;
      if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return (parent as ts.BinaryExpression).left === raw;
      return true;
    }
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.DeleteExpression:
    case ts.SyntaxKind.NonNullExpression:
    case ts.SyntaxKind.AsExpression:
    case ts.SyntaxKind.SatisfiesExpression:
    case ts.SyntaxKind.SpreadElement:
    case ts.SyntaxKind.ExpressionWithTypeArguments:
    case ts.SyntaxKind.Decorator:
      return true;
    default:
      return false;
  }
}

/** `await <inner>`, parenthesised when the place of `node` needs it. */
export function awaitedText(node: Node | ts.Node, inner: string): string {
  if (!awaitNeedsParens(node)) return `await ${inner}`;
  return `${asiGuard(node instanceof Node ? node.compilerNode : node)}(await ${inner})`;
}

/**
 * `;` when a `(` inserted at `raw` would start a statement that follows one
 * ended without a semicolon: `const out = {}` then `(await load()).items`
 * would otherwise read as the call `{}(await load())` (no-semicolon style;
 * Prettier writes the same leading `;`).
 */
function asiGuard(raw: ts.Node): string {
  const start = raw.getStart();
  let n: ts.Node = raw;
  while (!ts.isExpressionStatement(n)) {
    const parent = n.parent;
    if (!parent || ts.isSourceFile(parent) || ts.isBlock(parent) || parent.getStart() !== start) return '';
    n = parent;
  }
  const container = n.parent;
  const statements = container && (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container) || ts.isCaseClause(container) || ts.isDefaultClause(container)) ? container.statements : undefined;
  if (!statements) return '';
  const index = statements.indexOf(n as ts.Statement);
  const prev = index > 0 ? statements[index - 1] : undefined;
  if (!prev || prev.getText().trimEnd().endsWith(';')) return '';
  switch (prev.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.ClassDeclaration:
    case ts.SyntaxKind.InterfaceDeclaration:
    case ts.SyntaxKind.EnumDeclaration:
    case ts.SyntaxKind.ModuleDeclaration:
    case ts.SyntaxKind.Block:
    case ts.SyntaxKind.IfStatement:
    case ts.SyntaxKind.ForStatement:
    case ts.SyntaxKind.ForInStatement:
    case ts.SyntaxKind.ForOfStatement:
    case ts.SyntaxKind.WhileStatement:
    case ts.SyntaxKind.TryStatement:
    case ts.SyntaxKind.SwitchStatement:
    case ts.SyntaxKind.LabeledStatement:
    case ts.SyntaxKind.EmptyStatement:
    case ts.SyntaxKind.ImportDeclaration:
    case ts.SyntaxKind.ExportDeclaration:
      return prev.getText().trimEnd().endsWith('}') || prev.getText().trimEnd().endsWith(';') || prev.kind === ts.SyntaxKind.EmptyStatement ? '' : ';';
    default:
      return ';';
  }
}

/**
 * The two insertions that turn the expression `node` into its awaited form
 * without touching its text: `await ` / `(await ` before it, `)` after it when
 * parenthesised. Keeping the inner text untouched lets nested rewrites edit it.
 */
export function awaitWrapEdits(node: Node | ts.Node): { start: number; end: number; text: string }[] {
  const raw: ts.Node = node instanceof Node ? node.compilerNode : node;
  const start = raw.getStart();
  const end = raw.getEnd();
  if (awaitNeedsParens(raw)) {
    return [
      { start, end: start, text: `${asiGuard(raw)}(await ` },
      { start: end, end, text: ')' },
    ];
  }
  return [{ start, end: start, text: 'await ' }];
}

/** Whether an expression can stand as an operand of `-` or `+` without parentheses (an identifier, literal, call, member access...). */
export function isSimpleOperand(expr: ts.Expression): boolean {
  switch (expr.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.PropertyAccessExpression:
    case ts.SyntaxKind.ElementAccessExpression:
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.ThisKeyword:
      return true;
    default:
      return false;
  }
}
