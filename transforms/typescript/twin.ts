// `--api twin` for JS/TS: a function whose callers cannot all await keeps its
// sync form under its old name and gains an async twin `<name>Async` beside it
// ("async has to add, not replace"). The sync form is a verbatim copy of the
// original text inserted before it; the original text becomes the async twin,
// so every other rewrite (blocking calls, awaits, loops) applies to it in place.
// Callers that can await are renamed to the twin; exports gain the twin too,
// and so does every barrel that re-exports the function, so importers of the
// barrel reach the twin the way they reach the original.
import { ts } from 'ts-morph';
import type { ImportRequest, TextEdit } from '../core/types.js';
import type { FunctionInfo } from './analysis/graph.js';
import { isModuleExports, propertyNameText, skipOuter, type FileInfo, type ProjectModel } from './analysis/model.js';

export interface TwinPlan {
  fn: FunctionInfo;
  name: string;
  twinName: string;
  /** The node whose text is the declared name: replaced by the twin's name in the async version. */
  nameNode: ts.Node;
  /** The binding callers resolve an identifier to (function declaration, variable declaration), when there is one. */
  binding?: ts.Node;
  /** Verbatim copy of the original (the sync twin) and where it goes. */
  copy: TextEdit;
  /** `export default` loses `default` on the async twin: the sync form stays the default export. */
  extra: TextEdit[];
  /** Export name → the twin's export name. */
  exports: Map<string, string>;
  /** Modules that re-export the function (barrels), with how they re-export the twin. */
  barrels: Map<FileInfo, BarrelPlan>;
  /** Interface and abstract signatures of a hierarchy group, each gaining a twin signature (set on one member of the group). */
  signatures: { file: FileInfo; node: ts.Node; edit: TextEdit }[];
}

export interface BarrelPlan {
  /** The barrel's export name of the function → its export name of the twin. */
  exports: Map<string, string>;
  /** Edits that add the twin's re-export (none for `export *` and object spreads). */
  edits: TextEdit[];
  imports: ImportRequest[];
  /** Why some of its re-exports of the function cannot re-export the twin (a name taken there). */
  blocked: string[];
  /** Exported object literals holding the function (`export default { load }`): property → the twin's property. */
  objects: Map<ts.ObjectLiteralExpression, Map<string, string>>;
}

export type TwinOutcome = TwinPlan | { reason: string };

export function twinNameOf(name: string): string {
  return `${name}Async`;
}

/**
 * How to add a sync twin beside `info`, or why it cannot have one.
 * `hierarchy`: the method is twinned with the methods it overrides, is
 * overridden by or implements (hierarchy.ts), so `override` is no obstacle.
 */
export function planTwin(info: FunctionInfo, model: ProjectModel, options: { hierarchy?: boolean } = {}): TwinOutcome {
  const { node, file } = info;
  const sf = file.sf;
  const text = file.text;
  let unit: ts.Node; // what is copied
  let nameNode: ts.Node;
  let binding: ts.Node | undefined;
  let listItem = false; // an object-literal property: separated by a comma
  let members: readonly ts.Node[] | undefined;

  const parent = outerParent(node);
  if (ts.isFunctionDeclaration(node)) {
    if (!node.name) return { reason: 'it has no name a twin could be derived from' };
    if (isOverloaded(node)) return { reason: 'it has overload signatures' };
    unit = node;
    nameNode = node.name;
    binding = node;
  } else if (ts.isMethodDeclaration(node)) {
    if (!(ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name))) return { reason: 'its name is computed' };
    if (isOverloaded(node)) return { reason: 'it has overload signatures' };
    // An `override` outside a linked group overrides a class awaitify does not change, which would get no twin.
    if (!options.hierarchy && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.OverrideKeyword)) return { reason: 'it overrides a method of a class outside the project, which cannot gain a twin' };
    unit = node;
    nameNode = node.name;
    if (ts.isObjectLiteralExpression(node.parent)) {
      listItem = true;
      members = node.parent.properties;
    } else if (ts.isClassLike(node.parent)) members = node.parent.members;
    else return { reason: 'it is not a class or object member' };
  } else if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && parent) {
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) {
      const list = parent.parent;
      const stmt = list.parent;
      if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isVariableStatement(stmt)) return { reason: 'it is declared together with other variables' };
      unit = stmt;
      nameNode = parent.name;
      binding = parent;
    } else if (ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name) && ts.isObjectLiteralExpression(parent.parent)) {
      unit = parent;
      nameNode = parent.name;
      listItem = true;
      members = parent.parent.properties;
    } else if (ts.isPropertyDeclaration(parent) && (ts.isIdentifier(parent.name) || ts.isPrivateIdentifier(parent.name))) {
      unit = parent;
      nameNode = parent.name;
      members = parent.parent.members;
    } else if (
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(parent.left) &&
      ts.isExpressionStatement(parent.parent) &&
      (isModuleExports(parent.left.expression) || (ts.isIdentifier(parent.left.expression) && parent.left.expression.text === 'exports'))
    ) {
      // `exports.load = function () { ... }`
      unit = parent.parent;
      nameNode = parent.left.name;
    } else return { reason: 'it is an inline function with no name a twin could be derived from' };
  } else return { reason: 'constructors, accessors and inline callbacks cannot have a twin' };

  const name = nameNode.getText(sf);
  const twinName = twinNameOf(name);
  if (members) {
    if (members.some((m) => (m as ts.ClassElement).name && propertyNameText((m as ts.ClassElement).name as ts.PropertyName) === twinName)) return { reason: `\`${twinName}\` exists already` };
  } else if (binding) {
    if (model.lookup(twinName, binding)) return { reason: `\`${twinName}\` exists already` };
  } else if (model.exportsOf(file).named.has(twinName)) return { reason: `\`${twinName}\` exists already` };

  const start = unit.getStart(sf);
  const original = text.slice(start, unit.getEnd());
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const ownLine = /^[ \t]*$/.test(before);
  const separator = listItem ? (ownLine ? `,\n${before}` : ', ') : ownLine ? `\n\n${before}` : ' ';
  const copy: TextEdit = { start, end: start, text: original + separator };

  const extra: TextEdit[] = [];
  const exports = new Map<string, string>();
  const modifiers = ts.canHaveModifiers(unit) ? (ts.getModifiers(unit) ?? []) : [];
  const isExported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const dflt = modifiers.find((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (isExported) {
    if (dflt) {
      // The sync form stays the default export; the twin is a named export.
      const after = dflt.getEnd() + (/^\s*/.exec(text.slice(dflt.getEnd()))?.[0].length ?? 0);
      extra.push({ start: dflt.getStart(sf), end: after, text: '' });
      exports.set('default', twinName);
    }
    exports.set(name, twinName);
  }
  if (!binding && !members) exports.set(name, twinName); // `exports.load = function`
  if (listItem && isModuleExportsObject(unit.parent)) exports.set(name, twinName); // `module.exports = { load() {} }`
  if (binding && ts.isSourceFile(unit.parent)) {
    const problem = exportListEdits(file, name, twinName, extra, exports);
    if (problem) return { reason: problem };
  }
  const plan: TwinPlan = { fn: info, name, twinName, nameNode, ...(binding ? { binding } : {}), copy, extra, exports, barrels: new Map(), signatures: [] };
  if (exports.size) planBarrels(plan, model);
  return plan;
}

/** The export names of the function → its twin's, in `file` (the function's own module or a barrel); undefined when `file` does not export it. */
export function twinExportsIn(twin: TwinPlan, file: FileInfo | undefined): Map<string, string> | undefined {
  if (!file) return undefined;
  return file === twin.fn.file ? twin.exports : twin.barrels.get(file)?.exports;
}

/** Why a reference through a barrel (`import { f } from './index'`, `lib.f`) cannot reach the twin, when that barrel is why. */
export function barrelProblem(expr: ts.Expression, twin: TwinPlan, model: ProjectModel): string | undefined {
  const e = skipOuter(expr);
  let target: FileInfo | undefined;
  if (ts.isIdentifier(e)) {
    const decl = model.lookup(e.text, e);
    let n: ts.Node | undefined = decl;
    while (n && !ts.isImportDeclaration(n) && !ts.isVariableDeclaration(n)) n = n.parent;
    const file = model.fileOf(e);
    if (n && file && ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) target = model.resolveModule(n.moduleSpecifier.text, file);
    else if (n && ts.isVariableDeclaration(n) && n.initializer) {
      const v = model.valueOf(n.initializer);
      target = v?.kind === 'module' ? v.file : undefined;
    }
  } else if (ts.isPropertyAccessExpression(e)) {
    const v = model.valueOf(e.expression);
    target = v?.kind === 'module' ? v.file : undefined;
  }
  return target ? twin.barrels.get(target)?.blocked[0] : undefined;
}

/**
 * Finds the modules that re-export the function, directly or through other
 * barrels, until no more are found: `export { f } from`, `export *`,
 * `import { f } from ...; export { f }`, `module.exports = { ...require() }`,
 * `module.exports = require()`, `{ f: require().f }`, `exports.f = require().f`,
 * and exported objects that hold it (`export default { f }`).
 */
function planBarrels(twin: TwinPlan, model: ProjectModel): void {
  for (let round = 0; round < 10; round++) {
    const next = new Map<FileInfo, BarrelPlan>();
    const names = new Set<string>([...twin.exports.keys()]);
    for (const b of twin.barrels.values()) for (const n of b.exports.keys()) names.add(n);
    for (const file of model.files) {
      if (file === twin.fn.file) continue;
      // Cheap filter: a barrel names one of the exports, re-exports everything, or spreads a module.
      if (![...names].some((n) => file.text.includes(n)) && !/export\s*\*|\.\.\.|module\.exports\s*=\s*require/.test(file.text)) continue;
      const plan = barrelPlan(file, twin, model);
      if (plan.exports.size || plan.blocked.length || plan.objects.size) next.set(file, plan);
    }
    const same = next.size === twin.barrels.size && [...next].every(([f, p]) => twin.barrels.get(f)?.exports.size === p.exports.size && twin.barrels.get(f)?.objects.size === p.objects.size);
    twin.barrels = next;
    if (same) return;
  }
}

function barrelPlan(file: FileInfo, twin: TwinPlan, model: ProjectModel): BarrelPlan {
  const sf = file.sf;
  const text = file.text;
  const plan: BarrelPlan = { exports: new Map(), edits: [], imports: [], blocked: [], objects: new Map() };
  const taken = (exported: string, twinExport: string) => plan.blocked.push(`${file.path} re-exports \`${exported}\` and has its own \`${twinExport}\` already`);
  const own = model.exportsOf(file);
  const free = (name: string) => !own.named.has(name);
  /** The twin's expression for a value expression that is the function (an imported name, `require('./x').f`, `ns.f`). */
  const twinExpression = (expr: ts.Expression): string | undefined => {
    const fn = model.functionOf(model.valueOf(expr));
    if (fn?.node !== twin.fn.node) return undefined;
    const ref = twinReference(expr, twin, model);
    if (!ref) return undefined;
    plan.imports.push(...ref.imports);
    return applyWithin(text, expr.getStart(sf), expr.getEnd(), ref.edits);
  };
  /** Whole-module re-exports (`export *`, `module.exports = require()`, a spread): every export name carries over. */
  const carry = (target: FileInfo | undefined, shadowed: (name: string) => boolean, into = plan.exports) => {
    for (const [n, t] of twinExportsIn(twin, target) ?? []) if (n !== 'default' && !shadowed(n) && !shadowed(t)) into.set(n, t);
  };
  const moduleOf = (expr: ts.Expression): FileInfo | undefined => {
    const v = model.valueOf(expr);
    return v?.kind === 'module' ? v.file : undefined;
  };
  /** An exported object literal gains the twin beside each property that is the function; returns property → twin property. */
  const objectLiteral = (obj: ts.ObjectLiteralExpression): Map<string, string> => {
    const out = new Map<string, string>();
    const keys = new Set(obj.properties.map((p) => propertyNameText(p.name)).filter((n): n is string => n !== undefined));
    for (const p of obj.properties) {
      if (ts.isSpreadAssignment(p)) {
        carry(moduleOf(p.expression), (n) => keys.has(n), out);
        continue;
      }
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      const exported = propertyNameText(p.name);
      if (exported === undefined) continue;
      const twinExport = twinNameOf(exported);
      const valueExpr = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      if (keys.has(twinExport)) {
        if (model.functionOf(model.valueOf(valueExpr))?.node === twin.fn.node) taken(exported, twinExport);
        continue;
      }
      const twinValue = twinExpression(valueExpr);
      if (!twinValue) continue;
      out.set(exported, twinExport);
      const lineStart = text.lastIndexOf('\n', p.getStart(sf) - 1) + 1;
      const before = text.slice(lineStart, p.getStart(sf));
      const sep = /^[ \t]*$/.test(before) ? `,\n${before}` : ', ';
      plan.edits.push({ start: p.getEnd(), end: p.getEnd(), text: `${sep}${twinValue === twinExport ? twinExport : `${twinExport}: ${twinValue}`}` });
    }
    if (out.size) plan.objects.set(obj, out);
    return out;
  };
  for (const st of sf.statements) {
    // `export default { load }`, `export const api = { load }`: objects whose members callers name.
    if (ts.isExportAssignment(st) && !st.isExportEquals && ts.isObjectLiteralExpression(skipOuter(st.expression))) {
      objectLiteral(skipOuter(st.expression) as ts.ObjectLiteralExpression);
      continue;
    }
    if (ts.isVariableStatement(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && skipOuter(d.initializer);
        if (init && ts.isObjectLiteralExpression(init)) objectLiteral(init);
      }
      continue;
    }
    if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (spec !== undefined && !st.exportClause) {
        if (!own.cjs) carry(model.resolveModule(spec, file), (n) => own.named.has(n));
        continue;
      }
      if (!st.exportClause || !ts.isNamedExports(st.exportClause)) continue;
      const source = spec !== undefined ? twinExportsIn(twin, model.resolveModule(spec, file)) : undefined;
      for (const el of st.exportClause.elements) {
        if (el.isTypeOnly || !ts.isIdentifier(el.name)) continue;
        const exported = el.name.text;
        const twinExport = twinNameOf(exported);
        if (exported === 'default') continue;
        const original = el.propertyName ?? el.name;
        if (!free(twinExport)) {
          if (ts.isIdentifier(original) && (spec !== undefined ? source?.has(original.text) : model.functionOf(model.valueOf(original))?.node === twin.fn.node)) taken(exported, twinExport);
          continue;
        }
        let twinLocal: string | undefined;
        if (spec !== undefined) twinLocal = ts.isIdentifier(original) ? source?.get(original.text) : undefined;
        else if (ts.isIdentifier(original)) twinLocal = twinExpression(original);
        if (!twinLocal) continue;
        plan.exports.set(exported, twinExport);
        plan.edits.push({ start: el.getEnd(), end: el.getEnd(), text: `, ${twinLocal === twinExport ? twinExport : `${twinLocal} as ${twinExport}`}` });
      }
      continue;
    }
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const { left, right } = st.expression;
    const value = skipOuter(right);
    if (isModuleExports(left)) {
      if (!ts.isObjectLiteralExpression(value)) {
        carry(moduleOf(value), () => false);
        continue;
      }
      for (const [exported, twinExport] of objectLiteral(value)) plan.exports.set(exported, twinExport);
    } else if (ts.isPropertyAccessExpression(left) && (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports'))) {
      const twinExport = twinNameOf(left.name.text);
      if (!free(twinExport)) {
        if (model.functionOf(model.valueOf(value))?.node === twin.fn.node) taken(left.name.text, twinExport);
        continue;
      }
      const twinValue = twinExpression(value);
      if (!twinValue) continue;
      plan.exports.set(left.name.text, twinExport);
      const semi = text[st.getEnd() - 1] === ';' ? ';' : '';
      plan.edits.push({ start: st.getEnd(), end: st.getEnd(), text: `\n${left.expression.getText(sf)}.${twinExport} = ${twinValue}${semi}` });
    }
  }
  return plan;
}

/** `text[start, end)` with the edits that fall inside it applied. */
function applyWithin(text: string, start: number, end: number, edits: TextEdit[]): string {
  let out = '';
  let at = start;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < start || e.end > end) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at, end);
}

/** Adds the twin to `export { .. }`, `module.exports = { .. }` and `exports.x = name` lists of the file. */
function exportListEdits(file: FileInfo, name: string, twinName: string, edits: TextEdit[], exports: Map<string, string>): string | undefined {
  const sf = file.sf;
  const text = file.text;
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && ts.isNamedExports(st.exportClause) && !st.isTypeOnly) {
      for (const el of st.exportClause.elements) {
        if ((el.propertyName ?? el.name).text !== name) continue;
        const exported = el.name.text;
        if (exported === 'default') return 'it is the default export, which has no room for a twin';
        const twinExport = twinNameOf(exported);
        exports.set(exported, twinExport);
        edits.push({ start: el.getEnd(), end: el.getEnd(), text: `, ${twinExport === twinName ? twinName : `${twinName} as ${twinExport}`}` });
      }
    } else if (ts.isExportAssignment(st)) {
      if (ts.isIdentifier(skipOuter(st.expression)) && (skipOuter(st.expression) as ts.Identifier).text === name) return 'it is the module\'s default export, which has no room for a twin';
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = st.expression;
      const value = skipOuter(right);
      if (isModuleExports(left)) {
        if (ts.isIdentifier(value) && value.text === name) return 'it is what `module.exports` is, which has no room for a twin';
        if (!ts.isObjectLiteralExpression(value)) continue;
        for (const p of value.properties) {
          let exported: string | undefined;
          if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) exported = name;
          else if (ts.isPropertyAssignment(p) && ts.isIdentifier(skipOuter(p.initializer)) && (skipOuter(p.initializer) as ts.Identifier).text === name) exported = propertyNameText(p.name);
          if (exported === undefined) continue;
          const twinExport = twinNameOf(exported);
          exports.set(exported, twinExport);
          const lineStart = text.lastIndexOf('\n', p.getStart(sf) - 1) + 1;
          const before = text.slice(lineStart, p.getStart(sf));
          const sep = /^[ \t]*$/.test(before) ? `,\n${before}` : ', ';
          edits.push({ start: p.getEnd(), end: p.getEnd(), text: `${sep}${twinExport === twinName ? twinName : `${twinExport}: ${twinName}`}` });
        }
      } else if (
        ts.isPropertyAccessExpression(left) &&
        (isModuleExports(left.expression) || (ts.isIdentifier(left.expression) && left.expression.text === 'exports')) &&
        ts.isIdentifier(value) &&
        value.text === name
      ) {
        const twinExport = twinNameOf(left.name.text);
        exports.set(left.name.text, twinExport);
        const semi = text[st.getEnd() - 1] === ';' ? ';' : '';
        edits.push({ start: st.getEnd(), end: st.getEnd(), text: `\n${left.expression.getText(sf)}.${twinExport} = ${twinName}${semi}` });
      }
    }
  }
  return undefined;
}

/**
 * Edits that make a reference to the function (a call's callee, or a function
 * handed to a route) name its async twin, with the import that brings the twin
 * in; undefined when the reference takes a form awaitify cannot rename.
 */
export function twinReference(expr: ts.Expression, twin: TwinPlan, model: ProjectModel): { edits: TextEdit[]; imports: ImportRequest[] } | undefined {
  const e = skipOuter(expr);
  const sf = e.getSourceFile();
  if (ts.isIdentifier(e)) {
    const decl = model.lookup(e.text, e);
    if (!decl) return undefined;
    if (decl === twin.binding || (twin.binding && decl === twin.fn.node)) {
      return { edits: [{ start: e.getStart(sf), end: e.getEnd(), text: twin.twinName }], imports: [] };
    }
    const file = model.fileOf(e);
    if (!file) return undefined;
    let spec: string | undefined;
    let exported: string | undefined;
    if (ts.isImportSpecifier(decl)) {
      const m = decl.parent.parent.parent.moduleSpecifier;
      spec = ts.isStringLiteral(m) ? m.text : undefined;
      exported = (decl.propertyName ?? decl.name).text;
    } else if (ts.isImportClause(decl)) {
      spec = ts.isStringLiteral(decl.parent.moduleSpecifier) ? decl.parent.moduleSpecifier.text : undefined;
      exported = 'default';
    } else if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && ts.isVariableDeclaration(decl.parent.parent)) {
      const init = decl.parent.parent.initializer && skipOuter(decl.parent.parent.initializer);
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0])) {
        spec = init.arguments[0].text;
        exported = decl.propertyName ? propertyNameText(decl.propertyName) : ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      }
    }
    if (spec === undefined || exported === undefined) return undefined;
    // The function's own module, or a barrel that re-exports the twin too.
    const twinExport = twinExportsIn(twin, model.resolveModule(spec, file))?.get(exported);
    if (!twinExport) return undefined;
    const local = exported === 'default' ? twinExport : twinNameOf(e.text);
    const existing = model.lookup(local, e);
    if (existing && existing !== decl) return undefined;
    return {
      edits: [{ start: e.getStart(sf), end: e.getEnd(), text: local }],
      imports: [{ module: spec, kind: 'named', name: twinExport, local }],
    };
  }
  if (ts.isPropertyAccessExpression(e)) {
    if ((e.name.text === 'call' || e.name.text === 'apply') && e.name.text !== twin.name) {
      const inner = twinReference(e.expression, twin, model);
      if (inner) return inner;
    }
    const receiver = e.expression.kind === ts.SyntaxKind.SuperKeyword ? undefined : model.valueOf(e.expression);
    if (receiver?.kind === 'module') {
      // `config.load()`, `require('./lib').load`, `lib.load` through a barrel: the module's export name of the twin.
      const exported = twinExportsIn(twin, receiver.file)?.get(e.name.text);
      if (!exported) return undefined;
      return { edits: [{ start: e.name.getStart(sf), end: e.name.getEnd(), text: exported }], imports: [] };
    }
    if (receiver?.kind === 'object' && receiver.node !== ownObject(twin.fn.node)) {
      // An object that only holds the function (`export default { load }`): it has the twin only where a barrel added it.
      const member = [...twin.barrels.values()].map((b) => b.objects.get(receiver.node)?.get(e.name.text)).find((m) => m !== undefined);
      if (!member) return undefined;
      return { edits: [{ start: e.name.getStart(sf), end: e.name.getEnd(), text: member }], imports: [] };
    }
    if (e.name.text !== twin.name) return undefined;
    return { edits: [{ start: e.name.getStart(sf), end: e.name.getEnd(), text: twin.twinName }], imports: [] };
  }
  if (ts.isElementAccessExpression(e) && ts.isStringLiteralLike(e.argumentExpression) && e.argumentExpression.text === twin.name) {
    const lit = e.argumentExpression;
    return { edits: [{ start: lit.getStart(sf) + 1, end: lit.getEnd() - 1, text: twin.twinName }], imports: [] };
  }
  return undefined;
}

/** The object literal a method or property function is written in. */
function ownObject(node: ts.Node): ts.Node | undefined {
  const parent = outerParent(node);
  if (ts.isMethodDeclaration(node) && ts.isObjectLiteralExpression(node.parent)) return node.parent;
  return parent && ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent) ? parent.parent : undefined;
}

function isModuleExportsObject(node: ts.Node): boolean {
  let n = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  return Boolean(p && ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && isModuleExports(p.left));
}

function outerParent(node: ts.Node): ts.Node | undefined {
  let n = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return n.parent;
}

function isOverloaded(node: ts.FunctionDeclaration | ts.MethodDeclaration): boolean {
  const siblings: readonly ts.Node[] | undefined = ts.isFunctionDeclaration(node)
    ? ts.isSourceFile(node.parent) || ts.isBlock(node.parent) || ts.isModuleBlock(node.parent)
      ? node.parent.statements
      : undefined
    : ts.isClassLike(node.parent)
      ? node.parent.members
      : undefined;
  const name = node.name?.getText();
  return Boolean(siblings?.some((s) => s !== node && (ts.isFunctionDeclaration(s) || ts.isMethodDeclaration(s)) && !s.body && s.name?.getText() === name));
}
