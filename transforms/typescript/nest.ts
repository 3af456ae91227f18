// NestJS providers construct synchronously, so I/O in a constructor cannot be
// awaited there. Nest awaits `onModuleInit()` before the application serves
// requests: the constructor's trailing `this.x = ...` assignments can move
// into an async `onModuleInit`, where their blocking calls are awaited. The
// move is done in place (the constructor is closed before the first moved
// statement and `onModuleInit` opened), so the statements keep their offsets
// and the other rules' edits inside them still apply.
import { ts } from 'ts-morph';
import type { Finding, ImportRequest, TextEdit } from '../core/types.js';
import type { GraphBuilder } from './analysis/graph.js';
import { isFunctionLike, propertyNameText, type FileInfo, type ProjectModel } from './analysis/model.js';

export interface NestInitPlan {
  file: FileInfo;
  cls: ts.ClassLikeDeclaration;
  ctor: ts.ConstructorDeclaration;
  /** The constructor's trailing statements that move into `onModuleInit`, in order. */
  tail: ts.ExpressionStatement[];
  /** Bare references to parameter properties in the tail: `this.` goes before them. */
  parameterRefs: ts.Identifier[];
  /** The class already has an `onModuleInit`: the tail becomes the method `name`, which it awaits first. */
  merge?: { method: ts.MethodDeclaration; name: string };
}

/** `plan`: the tail that moves; `stays`: why the statements before it (or all of them) stay in the constructor. */
export interface NestInitAnalysis {
  plan?: NestInitPlan;
  stays?: string;
}

/**
 * Which of a Nest provider's constructor statements can move into
 * `onModuleInit`: the longest tail of `this.x = <expr>;` statements that use
 * no constructor locals (parameter properties are read through `this`), in a
 * class without an `onModuleInit` of its own. Undefined for a constructor
 * with nothing to consider.
 */
export function analyzeNestConstructor(cls: ts.ClassLikeDeclaration, ctor: ts.ConstructorDeclaration, file: FileInfo, model: ProjectModel): NestInitAnalysis | undefined {
  const body = ctor.body;
  if (!body || body.statements.length === 0) return undefined;
  let merge: NestInitPlan['merge'];
  const existing = cls.members.find((m) => propertyNameText(m.name) === 'onModuleInit');
  if (existing) {
    const problem = mergeProblem(existing) ?? calledDirectly(model);
    if (problem) return { stays: `the class already has an \`onModuleInit\`, and awaitify cannot make it await the moved statements: ${problem}` };
    merge = { method: existing as ts.MethodDeclaration, name: freshMemberName(cls, 'initFromConstructor') };
  }
  const sf = file.sf;
  const tail: ts.ExpressionStatement[] = [];
  const parameterRefs: ts.Identifier[] = [];
  let blocker: { stmt: ts.Statement; why: string } | undefined;
  for (let i = body.statements.length - 1; i >= 0; i--) {
    const stmt = body.statements[i]!;
    const check = movable(stmt, ctor, model);
    if ('why' in check) {
      blocker = { stmt, why: check.why };
      break;
    }
    tail.unshift(stmt as ts.ExpressionStatement);
    parameterRefs.push(...check.parameterRefs);
  }
  // Only a tail that calls something can come to await (and then needs the method).
  const plan = tail.some(containsCall) ? { file, cls, ctor, tail, parameterRefs, ...(merge ? { merge } : {}) } : undefined;
  if (!blocker) return plan ? { plan } : {};
  const line = sf.getLineAndCharacterOfPosition(blocker.stmt.getStart(sf)).line + 1;
  const text = blocker.stmt.getText(sf).replace(/\s+/g, ' ');
  const short = text.length > 50 ? `${text.slice(0, 47)}...` : text;
  const stays = `\`${short}\` (line ${line}) cannot move into \`onModuleInit\`: ${blocker.why}`;
  if (tail.length === 0) return { stays };
  return { ...(plan ? { plan } : {}), stays: `${stays}, so it and the statements before it stay in the constructor` };
}

function containsCall(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return true;
  return ts.forEachChild(node, containsCall) ?? false;
}

function movable(stmt: ts.Statement, ctor: ts.ConstructorDeclaration, model: ProjectModel): { parameterRefs: ts.Identifier[] } | { why: string } {
  if (!ts.isExpressionStatement(stmt)) return { why: 'only `this.x = ...` assignments move' };
  const e = stmt.expression;
  if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return { why: 'only `this.x = ...` assignments move' };
  if (!ts.isPropertyAccessExpression(e.left) || e.left.expression.kind !== ts.SyntaxKind.ThisKeyword) return { why: 'only `this.x = ...` assignments move' };
  const name = e.left.name.text;
  const cls = ctor.parent;
  const readonlyDecl =
    cls.members.some((m) => ts.isPropertyDeclaration(m) && propertyNameText(m.name) === name && hasModifier(m, ts.SyntaxKind.ReadonlyKeyword)) ||
    ctor.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === name && hasModifier(p, ts.SyntaxKind.ReadonlyKeyword));
  if (readonlyDecl) return { why: `\`${name}\` is readonly, and only the constructor may assign it` };
  const parameterRefs: ts.Identifier[] = [];
  let why: string | undefined;
  const visit = (n: ts.Node): void => {
    if (why) return;
    if (n.kind === ts.SyntaxKind.SuperKeyword) why = 'it uses `super`';
    if (ts.isIdentifier(n) && n.text === 'arguments') why = 'it uses `arguments`';
    if (ts.isIdentifier(n) && !isPropertyName(n)) {
      const decl = model.lookup(n.text, n);
      if (decl && isInside(decl, ctor) && !isInside(decl, stmt)) {
        if (ts.isParameter(decl) && decl.parent === ctor && isParameterProperty(decl)) {
          if (ts.isShorthandPropertyAssignment(n.parent)) why = `it uses the parameter property \`${n.text}\` in a shorthand property`;
          else parameterRefs.push(n);
        } else why = `it uses the constructor's local \`${n.text}\``;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(e.right);
  return why ? { why } : { parameterRefs };
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || (ts.isMethodDeclaration(p) && p.name === id) || ts.isPropertyDeclaration(p);
}

function isInside(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

function isParameterProperty(p: ts.ParameterDeclaration): boolean {
  return (ts.getModifiers(p) ?? []).some((m) =>
    [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword, ts.SyntaxKind.ReadonlyKeyword].includes(m.kind),
  );
}

/**
 * The edits that turn the constructor's tail into `async onModuleInit()`:
 * close the constructor before the tail and open the method, read parameter
 * properties through `this`, mark TypeScript property declarations the
 * constructor no longer assigns with `!`, and declare `implements
 * OnModuleInit` (TypeScript, or a class that already has an implements
 * clause).
 */
export function nestOnModuleInitEdits(plan: NestInitPlan, existingBecomesAsync = false): { edits: TextEdit[]; imports: ImportRequest[]; moved: string[] } {
  const { file, cls, ctor, tail } = plan;
  const sf = file.sf;
  const text = sf.text;
  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const indentOf = (pos: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', pos - 1) + 1))![0];
  const memberIndent = indentOf(ctor.getStart(sf));
  const first = tail[0]!;
  const lineStart = text.lastIndexOf('\n', first.getStart(sf) - 1) + 1;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart, first.getStart(sf)));
  const name = plan.merge ? `${file.isTypeScript ? 'private ' : ''}async ${plan.merge.name}` : 'async onModuleInit';
  const header = `${name}()${file.isTypeScript ? ': Promise<void>' : ''} {`;
  const opening = `${memberIndent}}${eol}${eol}${memberIndent}${header}`;
  const body = ctor.body!;
  if (onOwnLine && tail.length === body.statements.length && ctor.parameters.length === 0 && !/\/[/*]/.test(text.slice(body.getStart(sf), first.getStart(sf)))) {
    // Nothing would stay: the constructor itself becomes the method.
    edits.push({ start: ctor.getStart(sf), end: body.getStart(sf) + 1, text: header });
  } else if (onOwnLine) edits.push({ start: lineStart, end: lineStart, text: `${opening}${eol}` });
  else edits.push({ start: first.getStart(sf), end: first.getStart(sf), text: `${eol}${opening}${eol}${indentOf(first.getStart(sf))}  ` });
  for (const ref of plan.parameterRefs) edits.push({ start: ref.getStart(sf), end: ref.getStart(sf), text: 'this.' });
  if (plan.merge) edits.push(...awaitMovedFirst(plan.merge, sf, eol, memberIndent, existingBecomesAsync));

  const moved = new Set(tail.map((s) => ((s.expression as ts.BinaryExpression).left as ts.PropertyAccessExpression).name.text));
  if (file.isTypeScript) {
    // Assigned in onModuleInit now: strictPropertyInitialization would flag a declaration without initializer.
    for (const m of cls.members) {
      if (!ts.isPropertyDeclaration(m) || m.initializer || m.questionToken || m.exclamationToken || !m.type) continue;
      const name = propertyNameText(m.name);
      if (!name || !moved.has(name) || assignedInConstructorBefore(name, ctor, first)) continue;
      edits.push({ start: m.name.getEnd(), end: m.name.getEnd(), text: '!' });
    }
  }
  const implementsClause = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ImplementsKeyword);
  if (!plan.merge && (implementsClause || file.isTypeScript)) {
    const local = 'OnModuleInit';
    if (implementsClause) {
      const last = implementsClause.types[implementsClause.types.length - 1]!;
      edits.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${local}` });
    } else {
      const brace = cls.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.OpenBraceToken);
      if (brace) edits.push({ start: brace.getStart(sf), end: brace.getStart(sf), text: `implements ${local} ` });
    }
    if (file.isTypeScript) imports.push({ module: '@nestjs/common', kind: 'named', name: local, local });
  }
  return { edits, imports, moved: [...moved] };
}

/** Why the class's own `onModuleInit` cannot be made to await the moved statements first. */
function mergeProblem(member: ts.ClassElement): string | undefined {
  if (!ts.isMethodDeclaration(member)) return 'it is not a method';
  if (!member.body) return 'it has no body';
  if ((ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword || m.kind === ts.SyntaxKind.AbstractKeyword)) return 'it is static or abstract';
  if (member.asteriskToken) return 'it is a generator';
  const type = member.type;
  if (type && type.kind !== ts.SyntaxKind.VoidKeyword && !(ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Promise' && type.typeArguments?.[0]?.kind === ts.SyntaxKind.VoidKeyword)) {
    return `it is declared to return \`${type.getText()}\``;
  }
  return undefined;
}

/** Project code that calls `onModuleInit()` itself (a test, usually) would get a promise once it is async. */
function calledDirectly(model: ProjectModel): string | undefined {
  for (const f of model.files) {
    const m = /\.onModuleInit\s*\(/.exec(f.text);
    if (m) return `${f.path}:${f.text.slice(0, m.index).split('\n').length} calls \`onModuleInit()\` itself, and would get a promise`;
  }
  return undefined;
}

function freshMemberName(cls: ts.ClassLikeDeclaration, base: string): string {
  const taken = new Set(cls.members.map((m) => propertyNameText(m.name)).filter(Boolean));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

/** `await this.<name>();` first in the class's `onModuleInit`, which becomes async (`void` → `Promise<void>`) unless the engine already makes it so. */
function awaitMovedFirst(merge: NonNullable<NestInitPlan['merge']>, sf: ts.SourceFile, eol: string, memberIndent: string, becomesAsync: boolean): TextEdit[] {
  const { method, name } = merge;
  const text = sf.text;
  const body = method.body!;
  const open = body.getStart(sf) + 1;
  const firstStatement = body.statements[0];
  const indent = firstStatement ? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', firstStatement.getStart(sf) - 1) + 1))![0] : `${memberIndent}  `;
  const edits: TextEdit[] = [{ start: open, end: open, text: `${eol}${indent}await this.${name}();` }];
  const isAsync = (ts.getModifiers(method) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  if (!isAsync && !becomesAsync) {
    edits.push({ start: method.name.getStart(sf), end: method.name.getStart(sf), text: 'async ' });
    if (method.type?.kind === ts.SyntaxKind.VoidKeyword) edits.push({ start: method.type.getStart(sf), end: method.type.getEnd(), text: 'Promise<void>' });
  }
  return edits;
}

function assignedInConstructorBefore(name: string, ctor: ts.ConstructorDeclaration, first: ts.Statement): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || n === first || (n !== ctor && isFunctionLike(n))) return;
    if (n.getStart() >= first.getStart()) return;
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword && n.left.name.text === name) found = true;
    ts.forEachChild(n, visit);
  };
  if (ctor.body) visit(ctor.body);
  return found;
}

/** The move into `onModuleInit` for each constructor tail where something is now awaited (a blocking call rewritten, or a call of a function that became async). */
export function nestOnModuleInitFindings(builder: GraphBuilder, becameAsync: (id: string) => boolean): { offset: number; finding: Finding }[] {
  const out: { offset: number; finding: Finding }[] = [];
  for (const [id, plan] of builder.nestInits) {
    const info = builder.byId.get(id)!;
    const awaits = info.graph.seeds > 0 || builder.edges.some((e) => e.from === id && e.mode === 'await' && becameAsync(e.to));
    if (!awaits) continue;
    const existing = plan.merge && builder.functions.get(plan.merge.method);
    const { edits, imports, moved } = nestOnModuleInitEdits(plan, Boolean(existing && becameAsync(existing.id)));
    const sf = plan.file.sf;
    const start = plan.tail[0]!.getStart(sf);
    const s = sf.getLineAndCharacterOfPosition(start);
    const e = sf.getLineAndCharacterOfPosition(plan.tail[plan.tail.length - 1]!.getEnd());
    const names = moved.map((m) => `\`this.${m}\``).join(', ');
    out.push({
      offset: start,
      finding: {
        rule: 'nest-on-module-init',
        path: plan.file.path,
        line: s.line + 1,
        column: s.character + 1,
        endLine: e.line + 1,
        endColumn: e.character + 1,
        message: `\`${plan.cls.name?.text ?? '<class>'}\`: the constructor cannot await, so its last statements (assigning ${names}) move into ${plan.merge ? `\`${plan.merge.name}()\`, which the class's own \`onModuleInit\` now awaits first; Nest awaits \`onModuleInit\`` : '`async onModuleInit()`, which Nest awaits'} before the application serves requests. Check that nothing reads ${moved.length > 1 ? 'them' : 'it'} earlier, such as another provider's constructor, and that tests compiling a testing module call \`init()\`, which runs \`onModuleInit\`.`,
        safety: 'review',
        edits,
        ...(imports.length ? { imports } : {}),
      },
    });
  }
  return out;
}

/**
 * A provider that project code (often a unit test) constructs with `new` runs
 * outside Nest, where `onModuleInit` is never called: its constructor keeps
 * its statements, and their blocking calls are reported.
 */
export function keepConstructedOutsideNest(builder: GraphBuilder): void {
  for (const [id, plan] of builder.nestInits) {
    const ctor = builder.functions.get(plan.ctor);
    const edge = ctor && builder.edges.find((e) => e.to === ctor.id && builder.sites.get(e)?.kind === 'new');
    if (!ctor || !edge) continue;
    const info = builder.byId.get(id)!;
    info.graph.alreadyAsync = false;
    info.graph.name = ctor.graph.name;
    info.graph.cannotBeAsync = {
      kind: 'nest-constructor',
      reason: `\`new ${plan.cls.name?.text ?? '<class>'}(...)\` at ${edge.site.path}:${edge.site.line} constructs it outside Nest, where \`onModuleInit\` never runs, so its constructor keeps its I/O`,
    };
    builder.nestInits.delete(id);
  }
}
