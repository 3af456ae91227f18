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
  return awaitNeedsParens(node) ? `(await ${inner})` : `await ${inner}`;
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
      { start, end: start, text: '(await ' },
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
