// Whether values can cross to a worker thread: `postMessage` structured-clones
// arguments and results, which keeps plain data (primitives, arrays, plain
// objects, Date, RegExp, Map, Set, Buffers) and drops functions, prototypes
// and class identity. awaitify offloads a function only when it can show its
// parameters and its result are plain data: from declared types (TypeScript
// or JSDoc), or from how the values are made and used (a SQLite row, a value
// only ever bound as a query parameter, request params).
import { ts } from 'ts-morph';
import { isFunctionLike, skipOuter, type FunctionLike, type ProjectModel } from '../analysis/model.js';

export type Verdict = 'yes' | 'no' | 'unknown';

const PRIMITIVE_KEYWORDS = new Set([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.UndefinedKeyword,
  ts.SyntaxKind.VoidKeyword,
  ts.SyntaxKind.NeverKeyword,
]);
/** Built-in types structured cloning keeps. */
const CLONEABLE_BUILTINS = new Set([
  'Date',
  'RegExp',
  'Map',
  'ReadonlyMap',
  'Set',
  'ReadonlySet',
  'Array',
  'ReadonlyArray',
  'Record',
  'Partial',
  'Required',
  'Readonly',
  'Pick',
  'Omit',
  'ArrayBuffer',
  'DataView',
  'Buffer',
  'Uint8Array',
  'Int8Array',
  'Uint16Array',
  'Int16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'Uint8ClampedArray',
]);
const NOT_CLONEABLE_BUILTINS = new Set(['Promise', 'PromiseLike', 'Function', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'ReadableStream', 'WritableStream', 'EventEmitter']);
/** Global functions whose result is plain data. */
const PLAIN_GLOBAL_CALLS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'BigInt', 'encodeURIComponent', 'decodeURIComponent', 'isNaN', 'isFinite']);
const PLAIN_STATIC_CALLS = new Set(['JSON.parse', 'JSON.stringify', 'Object.keys', 'Object.values', 'Object.entries', 'Object.fromEntries', 'Array.from', 'Array.isArray', 'Number.parseInt', 'Number.parseFloat', 'Date.now']);
/** Array and string methods that return plain data when called on plain data. */
const PLAIN_METHODS = new Set([
  'filter',
  'slice',
  'concat',
  'sort',
  'reverse',
  'flat',
  'toSorted',
  'toReversed',
  'join',
  'includes',
  'indexOf',
  'some',
  'every',
  'find',
  'findIndex',
  'at',
  'trim',
  'toLowerCase',
  'toUpperCase',
  'split',
  'toString',
  'toFixed',
  'padStart',
  'padEnd',
  'replace',
  'replaceAll',
  'startsWith',
  'endsWith',
  'substring',
  'toISOString',
  'getTime',
]);
const STRING_METHODS = new Set(['trim', 'toLowerCase', 'toUpperCase', 'split', 'startsWith', 'endsWith', 'includes', 'replace', 'replaceAll', 'slice', 'substring', 'padStart', 'padEnd', 'toString', 'toFixed', 'charAt', 'indexOf']);
const PRIMITIVE_OPERATORS = new Set([
  ts.SyntaxKind.PlusToken,
  ts.SyntaxKind.MinusToken,
  ts.SyntaxKind.AsteriskToken,
  ts.SyntaxKind.SlashToken,
  ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AsteriskAsteriskToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
  ts.SyntaxKind.AmpersandToken,
  ts.SyntaxKind.BarToken,
  ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken,
  ts.SyntaxKind.GreaterThanGreaterThanToken,
]);
/** Request members that hold plain data (strings, parsed JSON, plain objects of them). */
const REQUEST_DATA = new Set(['params', 'query', 'body', 'headers', 'cookies', 'signedCookies', 'path', 'url', 'originalUrl', 'method', 'ip', 'ips', 'hostname', 'protocol']);

export interface CloneContext {
  model: ProjectModel;
  checker: () => ts.TypeChecker;
  /** Calls that return query results (rows and run info: plain data). */
  isQueryResult(call: ts.CallExpression): boolean;
  /** Calls whose arguments are query parameters (bound values: plain data by the library's own rules). */
  isQueryCall(call: ts.CallExpression): boolean;
  /** Whether a function is a framework handler (its first parameter is the request). */
  isHandler(fn: ts.Node): boolean;
}

/** A type annotation's verdict. */
export function typeNodeVerdict(node: ts.TypeNode | undefined, ctx: CloneContext, depth = 0): Verdict {
  if (!node || depth > 8) return 'unknown';
  if (PRIMITIVE_KEYWORDS.has(node.kind)) return 'yes';
  if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.ObjectKeyword) return 'unknown';
  if (node.kind === ts.SyntaxKind.SymbolKeyword) return 'no';
  if (ts.isLiteralTypeNode(node)) return 'yes';
  if (ts.isParenthesizedTypeNode(node)) return typeNodeVerdict(node.type, ctx, depth + 1);
  if (ts.isArrayTypeNode(node)) return typeNodeVerdict(node.elementType, ctx, depth + 1);
  if (ts.isTypeOperatorNode(node)) return typeNodeVerdict(node.type, ctx, depth + 1);
  if (ts.isTupleTypeNode(node)) return all(node.elements.map((e) => typeNodeVerdict(ts.isNamedTupleMember(e) ? e.type : e, ctx, depth + 1)));
  if (ts.isUnionTypeNode(node) || ts.isIntersectionTypeNode(node)) return all(node.types.map((t) => typeNodeVerdict(t, ctx, depth + 1)));
  if (ts.isFunctionTypeNode(node) || ts.isConstructorTypeNode(node)) return 'no';
  if (ts.isTypeLiteralNode(node)) return membersVerdict(node.members, ctx, depth);
  if (ts.isTypeReferenceNode(node)) {
    const name = ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text;
    const declared = declarationOf(node.typeName, ctx);
    if (!declared) {
      if (NOT_CLONEABLE_BUILTINS.has(name)) return 'no';
      if (CLONEABLE_BUILTINS.has(name)) return all((node.typeArguments ?? []).map((t, i) => (name === 'Pick' || name === 'Omit') && i > 0 ? 'yes' : typeNodeVerdict(t, ctx, depth + 1)));
      return 'unknown';
    }
    if (ts.isInterfaceDeclaration(declared)) {
      if ((declared.heritageClauses ?? []).length) return 'unknown';
      return membersVerdict(declared.members, ctx, depth);
    }
    if (ts.isTypeAliasDeclaration(declared)) return declared.typeParameters?.length ? 'unknown' : typeNodeVerdict(declared.type, ctx, depth + 1);
    if (ts.isEnumDeclaration(declared)) return 'yes';
    // A class instance arrives as a plain object: its methods and `instanceof` are gone.
    if (ts.isClassLike(declared)) return 'no';
    return 'unknown';
  }
  return 'unknown';
}

function membersVerdict(members: readonly ts.TypeElement[], ctx: CloneContext, depth: number): Verdict {
  const verdicts: Verdict[] = [];
  for (const m of members) {
    if (ts.isMethodSignature(m) || ts.isCallSignatureDeclaration(m) || ts.isConstructSignatureDeclaration(m)) return 'no';
    if (ts.isPropertySignature(m)) verdicts.push(typeNodeVerdict(m.type, ctx, depth + 1));
    else if (ts.isIndexSignatureDeclaration(m)) verdicts.push(typeNodeVerdict(m.type, ctx, depth + 1));
    else verdicts.push('unknown');
  }
  return all(verdicts);
}

function declarationOf(name: ts.EntityName, ctx: CloneContext): ts.Declaration | undefined {
  let symbol: ts.Symbol | undefined;
  try {
    const checker = ctx.checker();
    symbol = checker.getSymbolAtLocation(name);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  } catch {
    return undefined;
  }
  const decl = symbol?.declarations?.[0];
  // Only declarations in the run's files count: a library's types are not loaded.
  return decl && ctx.model.fileOf(decl) ? decl : undefined;
}

function all(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('no')) return 'no';
  if (verdicts.includes('unknown')) return 'unknown';
  return 'yes';
}

/** The declared type of a parameter: its annotation or a JSDoc `@param {T}`. */
function parameterType(p: ts.ParameterDeclaration): ts.TypeNode | undefined {
  return p.type ?? ts.getJSDocType(p);
}

function returnType(fn: FunctionLike): ts.TypeNode | undefined {
  return fn.type ?? ts.getJSDocReturnType(fn);
}

/** Why a parameter of `fn` may not survive cloning, or undefined when every one does. */
export function parameterProblem(fn: FunctionLike, ctx: CloneContext): { name: string; verdict: Verdict } | undefined {
  for (const p of fn.parameters) {
    const name = p.name.getText();
    const declared = typeNodeVerdict(parameterType(p), ctx);
    if (declared === 'yes') continue;
    if (declared === 'no') return { name, verdict: 'no' };
    if (ts.isIdentifier(p.name) && !p.dotDotDotToken && usedAsPlainData(p, p.name, fn, ctx)) continue;
    return { name, verdict: 'unknown' };
  }
  return undefined;
}

/** Every use of the parameter treats it as a primitive or binds it as a query parameter. */
function usedAsPlainData(p: ts.ParameterDeclaration, id: ts.Identifier, fn: FunctionLike, ctx: CloneContext): boolean {
  let ok = true;
  let uses = 0;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(n) && n.text === id.text && n !== id && isExpressionUse(n) && ctx.model.lookup(n.text, n) === p) {
      uses++;
      if (!plainUse(n, ctx)) ok = false;
    }
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return ok && uses > 0;
}

function isExpressionUse(n: ts.Identifier): boolean {
  const parent = n.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === n) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === n) return false;
  return true;
}

function plainUse(n: ts.Expression, ctx: CloneContext): boolean {
  let cur: ts.Node = n;
  // Inside array/object literals that are query parameters: `stmt.get({ id })`, `db.all(sql, [id])`.
  while (ts.isArrayLiteralExpression(cur.parent) || ts.isShorthandPropertyAssignment(cur.parent) || ts.isPropertyAssignment(cur.parent) || ts.isObjectLiteralExpression(cur.parent) || ts.isParenthesizedExpression(cur.parent)) {
    cur = cur.parent;
  }
  const parent = cur.parent;
  if (ts.isCallExpression(parent) && parent.arguments.includes(cur as ts.Expression)) {
    if (ctx.isQueryCall(parent)) return true;
    const callee = skipOuter(parent.expression);
    if (cur === n && ts.isIdentifier(callee) && PLAIN_GLOBAL_CALLS.has(callee.text) && !ctx.model.lookup(callee.text, callee)) return true;
    return false;
  }
  if (cur !== n) return false;
  if (ts.isTemplateSpan(parent)) return true;
  if (ts.isBinaryExpression(parent) && PRIMITIVE_OPERATORS.has(parent.operatorToken.kind)) return true;
  if (ts.isPrefixUnaryExpression(parent) || ts.isTypeOfExpression(parent)) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === n) {
    if (parent.name.text === 'length') return true;
    return STRING_METHODS.has(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
  }
  if ((ts.isIfStatement(parent) || ts.isConditionalExpression(parent) || ts.isWhileStatement(parent)) && (parent as { expression?: ts.Node; condition?: ts.Node }).expression === n) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === n) return true;
  return false;
}

/**
 * Why the result of `fn` may not survive cloning, or undefined when it does.
 * With `paramsArePlain`, a returned parameter counts as plain data: the
 * offloaded function's arguments are checked where it is called.
 */
export function resultProblem(fn: FunctionLike, ctx: CloneContext, paramsArePlain = true): { line: number; verdict: Verdict } | undefined {
  const declared = typeNodeVerdict(returnType(fn), ctx);
  if (declared === 'yes') return undefined;
  const sf = fn.getSourceFile();
  if (declared === 'no') return { line: sf.getLineAndCharacterOfPosition(fn.getStart(sf)).line + 1, verdict: 'no' };
  const returned: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) returned.push(fn.body);
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) returned.push(n.expression);
    ts.forEachChild(n, visit);
  };
  if (fn.body && ts.isBlock(fn.body)) visit(fn.body);
  const plain = new Set<ts.Node>(paramsArePlain ? fn.parameters.filter((p) => ts.isIdentifier(p.name) && !p.dotDotDotToken) : []);
  for (const e of returned) {
    const v = valueVerdict(e, ctx, plain, 0);
    if (v !== 'yes') return { line: sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1, verdict: v };
  }
  return undefined;
}

/** Whether an argument expression at a call site is plain data. */
export function argumentVerdict(e: ts.Expression, ctx: CloneContext): Verdict {
  return valueVerdict(e, ctx, new Set(), 0);
}

function valueVerdict(expr: ts.Expression, ctx: CloneContext, plainNames: Set<ts.Node>, depth: number): Verdict {
  if (depth > 12) return 'unknown';
  const e = skipOuter(expr);
  const next = (x: ts.Expression) => valueVerdict(x, ctx, plainNames, depth + 1);
  switch (e.kind) {
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
    case ts.SyntaxKind.TemplateExpression:
    case ts.SyntaxKind.TrueKeyword:
    case ts.SyntaxKind.FalseKeyword:
    case ts.SyntaxKind.NullKeyword:
    case ts.SyntaxKind.RegularExpressionLiteral:
    case ts.SyntaxKind.TypeOfExpression:
    case ts.SyntaxKind.VoidExpression:
    case ts.SyntaxKind.PrefixUnaryExpression:
    case ts.SyntaxKind.PostfixUnaryExpression:
      return 'yes';
    default:
      break;
  }
  if (ts.isFunctionExpression(e) || ts.isArrowFunction(e) || ts.isClassExpression(e)) return 'no';
  if (ts.isAwaitExpression(e)) return 'unknown';
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (PRIMITIVE_OPERATORS.has(op) || op === ts.SyntaxKind.InKeyword || op === ts.SyntaxKind.InstanceOfKeyword) return 'yes';
    if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return all([next(e.left), next(e.right)]);
    if (op === ts.SyntaxKind.CommaToken) return next(e.right);
    return 'unknown';
  }
  if (ts.isConditionalExpression(e)) return all([next(e.whenTrue), next(e.whenFalse)]);
  if (ts.isArrayLiteralExpression(e)) return all(e.elements.map((x) => (ts.isSpreadElement(x) ? next(x.expression) : ts.isOmittedExpression(x) ? 'yes' : next(x))));
  if (ts.isObjectLiteralExpression(e)) {
    const vs: Verdict[] = [];
    for (const p of e.properties) {
      if (ts.isPropertyAssignment(p)) vs.push(next(p.initializer));
      else if (ts.isShorthandPropertyAssignment(p)) vs.push(next(p.name));
      else if (ts.isSpreadAssignment(p)) vs.push(next(p.expression));
      else return 'no';
    }
    return all(vs);
  }
  if (ts.isIdentifier(e)) {
    if (e.text === 'undefined' || e.text === 'NaN' || e.text === 'Infinity') return ctx.model.lookup(e.text, e) ? 'unknown' : 'yes';
    const decl = ctx.model.lookup(e.text, e);
    if (!decl) return 'unknown';
    if (plainNames.has(decl)) return 'yes';
    if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isIdentifier(decl.name)) {
      const declared = typeNodeVerdict(decl.type, ctx);
      if (declared !== 'unknown') return declared;
      return next(decl.initializer);
    }
    if (ts.isParameter(decl)) {
      const owner = decl.parent;
      const declared = typeNodeVerdict(parameterType(decl), ctx);
      if (declared !== 'unknown') return declared;
      if (isFunctionLike(owner) && ts.isIdentifier(decl.name) && usedAsPlainData(decl, decl.name, owner, ctx)) return 'yes';
      return 'unknown';
    }
    if (ts.isFunctionDeclaration(decl) || ts.isClassDeclaration(decl)) return 'no';
    return 'unknown';
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    if (ts.isPropertyAccessExpression(e) && e.name.text === 'length') return 'yes';
    if (requestData(e, ctx)) return 'yes';
    // A member of plain data is plain data.
    return next(e.expression) === 'yes' ? 'yes' : 'unknown';
  }
  if (ts.isNewExpression(e)) {
    const callee = skipOuter(e.expression);
    return ts.isIdentifier(callee) && ['Date', 'Map', 'Set', 'RegExp'].includes(callee.text) && !ctx.model.lookup(callee.text, callee) ? 'yes' : 'unknown';
  }
  if (ts.isCallExpression(e)) {
    if (ctx.isQueryResult(e)) return 'yes';
    // A query call that returns no rows but an iterator over them.
    if (ctx.isQueryCall(e)) return 'no';
    const callee = skipOuter(e.expression);
    if (ts.isIdentifier(callee) && PLAIN_GLOBAL_CALLS.has(callee.text) && !ctx.model.lookup(callee.text, callee)) return 'yes';
    if (ts.isPropertyAccessExpression(callee)) {
      const dotted = ts.isIdentifier(callee.expression) ? `${callee.expression.text}.${callee.name.text}` : undefined;
      if (dotted && PLAIN_STATIC_CALLS.has(dotted) && !ctx.model.lookup((callee.expression as ts.Identifier).text, callee)) return 'yes';
      if (PLAIN_METHODS.has(callee.name.text)) return next(callee.expression) === 'yes' ? 'yes' : 'unknown';
      if (callee.name.text === 'map' || callee.name.text === 'flatMap') {
        const cb = e.arguments[0] && skipOuter(e.arguments[0]);
        if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) || next(callee.expression) !== 'yes') return 'unknown';
        const inner = new Set(plainNames);
        for (const p of cb.parameters) inner.add(p);
        const bodies: ts.Expression[] = [];
        if (!ts.isBlock(cb.body)) bodies.push(cb.body);
        else {
          const visit = (n: ts.Node): void => {
            if (isFunctionLike(n)) return;
            if (ts.isReturnStatement(n) && n.expression) bodies.push(n.expression);
            ts.forEachChild(n, visit);
          };
          visit(cb.body);
        }
        return all(bodies.map((b) => valueVerdict(b, ctx, inner, depth + 1)));
      }
    }
    // A project function: what it returns.
    const target = ctx.model.functionOf(ctx.model.valueOf(callee));
    if (target && !target.node.asteriskToken && !hasAsync(target.node)) {
      const problem = resultProblem(target.node, ctx, false);
      return problem ? problem.verdict : 'yes';
    }
    return 'unknown';
  }
  return 'unknown';
}

function hasAsync(fn: FunctionLike): boolean {
  return (ts.getModifiers(fn as ts.HasModifiers) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** `req.params.id`, `request.body`: data a framework parsed from the request. */
function requestData(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, ctx: CloneContext): boolean {
  let cur: ts.Expression = e;
  let first: string | undefined;
  while (ts.isPropertyAccessExpression(cur) || ts.isElementAccessExpression(cur)) {
    if (ts.isPropertyAccessExpression(cur)) first = cur.name.text;
    else first = ts.isStringLiteralLike(cur.argumentExpression) ? cur.argumentExpression.text : undefined;
    cur = skipOuter(cur.expression);
  }
  if (!ts.isIdentifier(cur) || first === undefined || !REQUEST_DATA.has(first)) return false;
  const decl = ctx.model.lookup(cur.text, cur);
  if (!decl || !ts.isParameter(decl)) return false;
  const owner = decl.parent;
  return ctx.isHandler(owner) && owner.parameters[0] === decl;
}
