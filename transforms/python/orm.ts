// What awaitify knows about the Django ORM: which project classes are models,
// their relation fields and managers, and a small flow-insensitive type
// inference that tells QuerySets, managers and model instances apart from
// everything else (so `dict.get` or `session.get` never look like ORM calls).
import type { PyNode as Node } from './tree.js';
import { callArguments, childrenOf, field, stringValue } from './parser.js';
import {
  boundNames,
  externalAncestors,
  findMethod,
  projectAncestors,
  resolveExpr,
  type Project,
  type PyClass,
  type PyFunction,
  type PyModule,
  type Resolved,
} from './project.js';

export type RelationKind = 'fk' | 'o2o' | 'm2m';

export interface ModelField {
  name: string;
  kind: RelationKind;
  /** The related model when it is a project class. */
  target?: PyClass;
}

export interface ModelInfo {
  cls: PyClass;
  /** Forward relation fields by attribute name. */
  relations: Map<string, ModelField>;
  /** Reverse accessors: `book_set`/related_name → many side; one-to-one reverse → single instance. */
  reverse: Map<string, { model: PyClass; many: boolean }>;
  managers: Set<string>;
  /**
   * The project classes whose methods each manager provides: `ProjectManager()` → ProjectManager,
   * `QS.as_manager()` → QS, `Manager.from_queryset(QS)()` → QS (and a project manager base).
   * An empty list is Django's own Manager; a manager missing here was built by a call awaitify
   * could not follow (its methods are unknown).
   */
  managerClasses: Map<string, PyClass[]>;
  /** The first manager declared (Django's `_default_manager`). */
  defaultManager?: string;
  /** Every declared field name (relations included), plus pk, id and <fk>_id. */
  fields: Set<string>;
  /** Names of methods and properties defined on the model or its project bases. */
  methods: Set<string>;
}

/** QuerySet methods that return a new QuerySet without touching the database. */
export const QUERYSET_METHODS = new Set([
  'all', 'filter', 'exclude', 'order_by', 'select_related', 'prefetch_related', 'annotate', 'alias', 'values', 'values_list',
  'distinct', 'none', 'only', 'defer', 'using', 'reverse', 'extra', 'union', 'intersection', 'difference', 'select_for_update',
  'dates', 'datetimes', 'complex_filter',
]);

/** Terminal QuerySet/manager methods and their async counterparts (Django 4.1). */
export const TERMINAL_METHODS: Record<string, string> = {
  get: 'aget', create: 'acreate', get_or_create: 'aget_or_create', update_or_create: 'aupdate_or_create', count: 'acount',
  exists: 'aexists', first: 'afirst', last: 'alast', update: 'aupdate', delete: 'adelete', aggregate: 'aaggregate',
  in_bulk: 'ain_bulk', bulk_create: 'abulk_create', bulk_update: 'abulk_update', latest: 'alatest', earliest: 'aearliest',
  contains: 'acontains', explain: 'aexplain', iterator: 'aiterator',
};
const ASYNC_TERMINAL = new Map(Object.entries(TERMINAL_METHODS).map(([k, v]) => [v, k]));

/** Terminal methods that return a model instance. */
const INSTANCE_RESULT = new Set(['get', 'first', 'last', 'latest', 'earliest', 'create']);

/** Related-manager methods (Django 4.2 adds their `a*` forms). */
export const RELATED_MANAGER_METHODS: Record<string, string> = { add: 'aadd', remove: 'aremove', clear: 'aclear', set: 'aset' };

/** Model instance methods with async counterparts (Django 4.2). */
export const INSTANCE_METHODS: Record<string, string> = { save: 'asave', delete: 'adelete', refresh_from_db: 'arefresh_from_db' };

/** Method names Django's managers and QuerySets answer themselves. */
export const DJANGO_MANAGER_API = new Set([
  ...QUERYSET_METHODS,
  ...Object.keys(TERMINAL_METHODS),
  ...Object.values(TERMINAL_METHODS),
  ...Object.keys(RELATED_MANAGER_METHODS),
  ...Object.values(RELATED_MANAGER_METHODS),
  'get_queryset', 'raw', 'as_manager', 'check', 'deconstruct', 'db_manager', 'create_user', 'create_superuser', 'get_by_natural_key',
  'normalize_email', 'make_random_password', 'with_perm', 'clear_cache', 'get_for_model', 'get_for_id', 'get_current',
]);

const MODEL_BASES = /^django\.(db\.models(\.base)?\.Model|contrib\.auth\.(base_user|models)\.(AbstractUser|AbstractBaseUser|PermissionsMixin))$/;
const EXTERNAL_MODELS = /^django\.contrib\.auth\.models\.(User|Group|Permission)$/;

export type PyType =
  | { kind: 'manager'; model?: ModelInfo; related?: boolean; classes?: PyClass[] }
  | { kind: 'queryset'; model?: ModelInfo; classes?: PyClass[] }
  | { kind: 'instance'; model?: ModelInfo }
  | { kind: 'list'; of?: PyType };

export class OrmIndex {
  readonly models = new Map<PyClass, ModelInfo>();
  private readonly byName = new Map<string, PyClass[]>();

  constructor(readonly project: Project) {
    for (const cls of project.classes) {
      if (externalAncestors(project, cls).some((n) => MODEL_BASES.test(n))) {
        this.models.set(cls, { cls, relations: new Map(), reverse: new Map(), managers: new Set(), managerClasses: new Map(), fields: new Set(['pk', 'id']), methods: new Set() });
        const list = this.byName.get(cls.name) ?? [];
        list.push(cls);
        this.byName.set(cls.name, list);
      }
    }
    for (const info of this.models.values()) this.readFields(info);
    for (const info of this.models.values()) {
      for (const c of [info.cls, ...projectAncestors(project, info.cls)]) for (const m of c.methods.keys()) info.methods.add(m);
    }
    for (const info of this.models.values()) {
      for (const c of [info.cls, ...projectAncestors(project, info.cls)]) {
        const a = this.models.get(c);
        if (!a) continue;
        for (const m of a.managers) info.managers.add(m);
        for (const [m, classes] of a.managerClasses) if (!info.managerClasses.has(m)) info.managerClasses.set(m, classes);
        info.defaultManager ??= a.defaultManager;
      }
      if (info.managers.size === 0) {
        info.managers.add('objects');
        info.managerClasses.set('objects', []);
      }
      info.defaultManager ??= 'objects';
      const dflt = info.managerClasses.get(info.defaultManager);
      if (dflt) info.managerClasses.set('_default_manager', dflt);
      info.managers.add('_default_manager');
      info.managers.add('_base_manager');
      for (const anc of projectAncestors(project, info.cls)) {
        const a = this.models.get(anc);
        if (a) for (const [k, v] of a.relations) if (!info.relations.has(k)) info.relations.set(k, v);
        if (a) for (const f of a.fields) info.fields.add(f);
      }
    }
  }

  modelOf(cls: PyClass | undefined): ModelInfo | undefined {
    return cls ? this.models.get(cls) : undefined;
  }

  /** The model a reference names: `Author`, `'Author'`, `'library.Author'`, `'self'`. */
  private modelRef(owner: PyClass, node: Node | undefined): PyClass | undefined {
    if (!node) return undefined;
    const s = stringValue(node);
    if (s !== undefined) {
      if (s === 'self') return owner;
      const name = s.split('.').pop()!;
      const candidates = this.byName.get(name) ?? [];
      return candidates.find((c) => c.module.path.split('/').slice(0, -1).join('/') === owner.module.path.split('/').slice(0, -1).join('/')) ?? candidates[0];
    }
    const r = resolveExpr(this.project, owner.module, undefined, node);
    return r?.kind === 'class' && this.models.has(r.cls) ? r.cls : undefined;
  }

  private readFields(info: ModelInfo): void {
    for (const [name, value] of info.cls.attrs) {
      if (value.type !== 'call') continue;
      const fnNode = field(value, 'function');
      if (!fnNode) continue;
      const callee = resolveExpr(this.project, info.cls.module, undefined, fnNode);
      const calleeName = callee?.kind === 'external' ? callee.name : callee?.kind === 'class' ? callee.cls.name : fnNode.text;
      const last = calleeName.split('.').pop()!;
      const kind: RelationKind | undefined = last === 'ForeignKey' ? 'fk' : last === 'OneToOneField' ? 'o2o' : last === 'ManyToManyField' ? 'm2m' : undefined;
      if (kind || /Field$/.test(last)) info.fields.add(name);
      if (kind && kind !== 'm2m') info.fields.add(`${name}_id`);
      if (kind) {
        const args = callArguments(value);
        const target = this.modelRef(info.cls, args.keywords.get('to') ?? args.positional[0]);
        info.relations.set(name, { name, kind, target });
        const tinfo = target ? this.models.get(target) : undefined;
        if (tinfo) {
          const relatedName = stringValue(args.keywords.get('related_name'));
          if (relatedName !== '+' && !relatedName?.endsWith('+')) {
            const accessor = relatedName ?? (kind === 'o2o' ? info.cls.name.toLowerCase() : `${info.cls.name.toLowerCase()}_set`);
            tinfo.reverse.set(accessor, { model: info.cls, many: kind !== 'o2o' });
          }
        }
        continue;
      }
      // A manager: `objects = models.Manager()`, `BookManager()`, `BookQuerySet.as_manager()`.
      if (/Manager$/.test(last) || last === 'as_manager' || isFromQueryset(fnNode) || (callee?.kind === 'class' && (externalAncestors(this.project, callee.cls).some((n) => /Manager$/.test(n)) || this.fromQuerysetBases(callee.cls).length > 0))) {
        info.managers.add(name);
        info.defaultManager ??= name;
        const classes = this.managerClassesOf(info.cls.module, value, 0);
        if (classes) info.managerClasses.set(name, classes);
      }
    }
  }

  /**
   * The project classes a manager expression draws its methods from (see ModelInfo.managerClasses):
   * undefined when the expression is something awaitify cannot follow.
   */
  private managerClassesOf(module: PyModule, expr: Node, depth: number): PyClass[] | undefined {
    if (depth > 4) return undefined;
    if (expr.type === 'call') {
      const f = field(expr, 'function');
      if (!f) return undefined;
      if (f.type === 'attribute') {
        const attr = field(f, 'attribute')!.text;
        const base = resolveExpr(this.project, module, undefined, field(f, 'object')!);
        // `QS.as_manager()` / `Manager.from_queryset(QS)`: the QuerySet's methods (and a project manager's).
        if (attr === 'as_manager') return base?.kind === 'class' ? [base.cls] : base?.kind === 'external' ? [] : undefined;
        if (attr === 'from_queryset') {
          const qs = callArguments(expr).positional[0];
          const q = qs ? resolveExpr(this.project, module, undefined, qs) : undefined;
          if (!q || q.kind === 'function' || q.kind === 'module' || !base || base.kind === 'function' || base.kind === 'module') return undefined;
          return [...(q.kind === 'class' ? [q.cls] : []), ...(base.kind === 'class' ? [base.cls] : [])];
        }
      }
      // `Manager()`, `ProjectManager()`, `Manager.from_queryset(QS)()`.
      return this.managerClassesOf(module, f, depth + 1);
    }
    const r = resolveExpr(this.project, module, undefined, expr);
    if (r?.kind === 'class') {
      // `class BookManager(models.Manager.from_queryset(BookQuerySet))`: the QuerySet's methods too.
      const out = [r.cls];
      for (const base of this.fromQuerysetBases(r.cls)) {
        const classes = this.managerClassesOf(base.cls.module, base.node, depth + 1);
        if (!classes) return undefined;
        out.push(...classes.filter((c) => !out.includes(c)));
      }
      return out;
    }
    if (r?.kind === 'external') return /^django\.db\.models\.(manager\.)?Manager$/.test(r.name) ? [] : undefined;
    // `ProjectManager = BaseManager.from_queryset(ProjectQuerySet)` at module level, bound once.
    if (!r && expr.type === 'identifier') {
      const bound = module.assigned.get(expr.text);
      const right = bound?.length === 1 ? field(bound[0], 'right') : undefined;
      if (right && !module.topClasses.has(expr.text) && !module.topFunctions.has(expr.text) && !module.imports.has(expr.text)) return this.managerClassesOf(module, right, depth + 1);
    }
    return undefined;
  }

  /** The `X.from_queryset(QS)` bases of a class and of its project ancestors. */
  private fromQuerysetBases(cls: PyClass): { cls: PyClass; node: Node }[] {
    return [cls, ...projectAncestors(this.project, cls)].flatMap((c) => c.bases.filter(isFromQueryset).map((node) => ({ cls: c, node })));
  }

  /**
   * Whether a custom QuerySet method only chains QuerySet methods on `self`
   * (`return self.filter(copies__gt=0).order_by("title")`) with arguments that run no project or
   * unknown code: calling it builds a QuerySet and touches nothing else.
   */
  private plainChain(m: PyFunction): boolean {
    const self = m.paramNames[0];
    if (!self || m.isAsync || m.decorators.length || bindingsOf(m, self).length) return false;
    const statements = childrenOf(m.body).filter((c) => c.type !== 'comment');
    const docstring = statements[0]?.type === 'expression_statement' && childrenOf(statements[0])[0]?.type === 'string';
    const rest = docstring ? statements.slice(1) : statements;
    if (rest.length !== 1 || rest[0]!.type !== 'return_statement') return false;
    const harmless = (n: Node): boolean => {
      switch (n.type) {
        case 'string': case 'integer': case 'float': case 'true': case 'false': case 'none': case 'identifier':
          return true;
        case 'keyword_argument': {
          const v = field(n, 'value');
          return Boolean(v && harmless(v));
        }
        case 'list': case 'tuple': case 'parenthesized_expression': case 'unary_operator': case 'binary_operator': case 'boolean_operator': case 'not_operator':
          return childrenOf(n).every(harmless);
        case 'call': {
          // Django's query expressions (Q, F, Count, Value...) only describe SQL.
          const r = resolveExpr(this.project, m.module, m, field(n, 'function')!);
          return r?.kind === 'external' && /^django\.db\.models\.[\w.]+$/.test(r.name) && childrenOf(field(n, 'arguments')!).every(harmless);
        }
        default:
          return false;
      }
    };
    const value = childrenOf(rest[0]!)[0];
    let node: Node | undefined | null = value;
    while (node?.type === 'call') {
      const f = field(node, 'function');
      if (f?.type !== 'attribute' || !QUERYSET_METHODS.has(field(f, 'attribute')!.text)) return false;
      if (!childrenOf(field(node, 'arguments')!).every(harmless)) return false;
      node = field(f, 'object');
    }
    return node?.type === 'identifier' && node.text === self && node.id !== value?.id;
  }

  /**
   * `Book.objects.available()`: a custom QuerySet method reached through a manager or a QuerySet
   * returns a QuerySet of the same model when it only chains QuerySet methods (see plainChain).
   */
  private customQuerySetCall(t: PyType | undefined, attr: string): PyType | undefined {
    if (!t || (t.kind !== 'manager' && t.kind !== 'queryset') || !t.classes || DJANGO_MANAGER_API.has(attr)) return undefined;
    const qs = this.querySetClasses(t.classes);
    let m: PyFunction | undefined;
    for (const c of t.classes) {
      m = findMethod(this.project, c, attr);
      if (m) break;
    }
    if (!m?.cls || !qs?.some((c) => c === m.cls || projectAncestors(this.project, c).includes(m.cls!))) return undefined;
    return this.plainChain(m) ? { kind: 'queryset', model: t.model, classes: qs } : undefined;
  }

  private owners?: Map<PyClass, Set<ModelInfo>>;

  /** The models each custom manager or QuerySet class serves. */
  private managerOwners(): Map<PyClass, Set<ModelInfo>> {
    if (this.owners) return this.owners;
    this.owners = new Map();
    for (const info of this.models.values()) {
      for (const classes of info.managerClasses.values()) {
        for (const c of classes) {
          const set = this.owners.get(c) ?? new Set();
          set.add(info);
          this.owners.set(c, set);
        }
      }
    }
    return this.owners;
  }

  /**
   * The project method a manager call `attr()` would run instead of Django's: a manager class (not a
   * QuerySet) among the receiver's classes that defines `attr` or its async name. Django's manager
   * hands `aget()`, `acount()`, ... to its QuerySet, so `await Model.mgr.aget()` would skip a
   * manager's own `get()`; a QuerySet's own `get()` is kept (its `aget()` runs `self.get`).
   */
  managerOverride(t: PyType | undefined, attr: string, asyncName: string): PyFunction | undefined {
    if (t?.kind !== 'manager' || !t.classes) return undefined;
    for (const c of t.classes) {
      if (this.isQuerySetClass(c)) continue;
      const m = findMethod(this.project, c, attr) ?? findMethod(this.project, c, asyncName);
      if (m?.cls && !this.isQuerySetClass(m.cls)) return m;
    }
    return undefined;
  }

  private isQuerySetClass(c: PyClass): boolean {
    return [c, ...projectAncestors(this.project, c)].some((a) => a.bases.some((b) => /QuerySet\b/.test(b.text))) || externalAncestors(this.project, c).some((n) => /QuerySet$/.test(n));
  }

  /** QuerySet subclasses among a manager's classes (what its QuerySets are). */
  private querySetClasses(classes: PyClass[] | undefined): PyClass[] | undefined {
    // A manager overriding get_queryset may hand out any QuerySet.
    if (!classes || classes.some((c) => findMethod(this.project, c, 'get_queryset'))) return undefined;
    return classes.filter((c) => this.isQuerySetClass(c));
  }

  /** The type of an expression inside a function (or at module level with fn undefined). */
  typeOf(module: PyModule, fn: PyFunction | undefined, node: Node, depth = 0): PyType | undefined {
    if (depth > this.deepest) this.deepest = depth;
    if (depth > MAX_DEPTH) {
      // Where the depth runs out depends on where a question started: nothing being computed is cached.
      if (this.level > 0) this.taintFloor = 0;
      return undefined;
    }
    switch (node.type) {
      case 'parenthesized_expression': {
        const inner = childrenOf(node)[0];
        return inner ? this.typeOf(module, fn, inner, depth + 1) : undefined;
      }
      case 'await': {
        const inner = childrenOf(node)[0];
        if (inner?.type !== 'call') return undefined;
        const f = field(inner, 'function');
        if (f?.type === 'attribute') {
          const attr = field(f, 'attribute')!.text;
          const sync = ASYNC_TERMINAL.get(attr);
          const obj = field(f, 'object')!;
          if (sync) {
            const t = this.typeOf(module, fn, obj, depth + 1);
            if (t && (t.kind === 'queryset' || t.kind === 'manager') && INSTANCE_RESULT.has(sync)) return { kind: 'instance', model: t.model };
          }
        }
        const callee = f ? resolveExpr(this.project, module, fn, f) : undefined;
        if (callee?.kind === 'external' && /\.aget_object_or_404$/.test(callee.name)) return this.shortcutType(module, fn, inner, depth);
        if (callee?.kind === 'external' && /\.aget_list_or_404$/.test(callee.name)) {
          const one = this.shortcutType(module, fn, inner, depth);
          return one ? { kind: 'list', of: one } : undefined;
        }
        // `await sync_to_async(g)(args)` has the type of `g(args)`.
        if (f?.type === 'call') {
          const wrapper = field(f, 'function');
          const w = wrapper ? resolveExpr(this.project, module, fn, wrapper) : undefined;
          const g = callArguments(f).positional[0];
          if (w?.kind === 'external' && w.name === 'asgiref.sync.sync_to_async' && g) {
            const r = resolveExpr(this.project, module, fn, g);
            if (r?.kind === 'external' && r.name === 'builtins.list') {
              const arg = callArguments(inner).positional[0];
              const t = arg ? this.typeOf(module, fn, arg, depth + 1) : undefined;
              return t?.kind === 'queryset' ? { kind: 'list', of: { kind: 'instance', model: t.model } } : undefined;
            }
            if (r?.kind === 'external' && /\.get_object_or_404$/.test(r.name)) return this.shortcutType(module, fn, inner, depth);
            if (g.type === 'attribute' && INSTANCE_RESULT.has(field(g, 'attribute')!.text)) {
              const t = this.typeOf(module, fn, field(g, 'object')!, depth + 1);
              if (t && (t.kind === 'queryset' || t.kind === 'manager')) return { kind: 'instance', model: t.model };
            }
          }
        }
        return undefined;
      }
      case 'identifier':
        return this.variableType(module, fn, node.text, depth);
      case 'attribute': {
        const object = field(node, 'object')!;
        const attr = field(node, 'attribute')!.text;
        const r = resolveExpr(this.project, module, fn, object) ?? this.clsParameter(fn, object);
        if (r?.kind === 'class') {
          const info = this.models.get(r.cls);
          if (info?.managers.has(attr)) return { kind: 'manager', model: info, classes: info.managerClasses.get(attr) };
          return undefined;
        }
        if (r?.kind === 'external' && EXTERNAL_MODELS.test(r.name) && (attr === 'objects' || attr === '_default_manager')) return { kind: 'manager' };
        if (r) return undefined;
        if (object.type === 'call' && field(object, 'function')?.text.endsWith('get_user_model') && attr === 'objects') return { kind: 'manager' };
        const t = this.typeOf(module, fn, object, depth + 1);
        if (t?.kind === 'instance' && t.model) {
          const rel = t.model.relations.get(attr);
          if (rel) {
            const target = this.modelOf(rel.target);
            return rel.kind === 'm2m' ? { kind: 'manager', model: target, related: true, classes: target?.managerClasses.get('_default_manager') } : { kind: 'instance', model: target };
          }
          const rev = t.model.reverse.get(attr);
          if (rev) {
            const target = this.modelOf(rev.model);
            return rev.many ? { kind: 'manager', model: target, related: true, classes: target?.managerClasses.get('_default_manager') } : { kind: 'instance', model: target };
          }
        }
        return undefined;
      }
      case 'call': {
        const f = field(node, 'function');
        if (!f) return undefined;
        if (f.type === 'attribute') {
          const attr = field(f, 'attribute')!.text;
          const obj = field(f, 'object')!;
          if (QUERYSET_METHODS.has(attr) || INSTANCE_RESULT.has(attr)) {
            const t = this.typeOf(module, fn, obj, depth + 1);
            if (t && (t.kind === 'queryset' || t.kind === 'manager')) {
              return QUERYSET_METHODS.has(attr) ? { kind: 'queryset', model: t.model, classes: this.querySetClasses(t.classes) } : { kind: 'instance', model: t.model };
            }
          }
          if (attr === 'as_manager') return undefined;
          const custom = this.customQuerySetCall(this.typeOf(module, fn, obj, depth + 1), attr);
          if (custom) return custom;
        }
        const callee = resolveExpr(this.project, module, fn, f);
        if (callee?.kind === 'class') {
          const info = this.models.get(callee.cls);
          if (info) return { kind: 'instance', model: info };
        }
        // A project helper's result: its annotation (`-> Book`, `Book | None`, `Optional[Book]`) or what every return agrees on.
        if (callee?.kind === 'function' && !callee.fn.isAsync) return this.returnType(callee.fn, depth);
        if (callee?.kind === 'external') {
          if (/\.(get_object_or_404)$/.test(callee.name)) return this.shortcutType(module, fn, node, depth);
          if (/\.(get_list_or_404)$/.test(callee.name)) {
            const one = this.shortcutType(module, fn, node, depth);
            return one ? { kind: 'list', of: one } : undefined;
          }
          if (callee.name === 'builtins.list') {
            const arg = callArguments(node).positional[0];
            const t = arg ? this.typeOf(module, fn, arg, depth + 1) : undefined;
            if (t?.kind === 'queryset') return { kind: 'list', of: { kind: 'instance', model: t.model } };
          }
        }
        return undefined;
      }
      case 'subscript': {
        const value = field(node, 'value');
        const t = value ? this.typeOf(module, fn, value, depth + 1) : undefined;
        const sub = node.childrenForFieldName('subscript');
        if (t?.kind === 'queryset') {
          if (sub.length === 1 && sub[0]?.type === 'slice') return { kind: 'queryset', model: t.model };
          // `qs[0]` is one row.
          return sub.length === 1 ? { kind: 'instance', model: t.model } : undefined;
        }
        if (t?.kind === 'list' && t.of && sub.length === 1 && sub[0]?.type !== 'slice') return t.of;
        return undefined;
      }
      case 'list_comprehension': {
        const clause = childrenOf(node).find((c) => c.type === 'for_in_clause');
        const body = field(node, 'body');
        const left = clause && field(clause, 'left');
        const right = clause && field(clause, 'right');
        if (right && left && body?.type === 'identifier' && left.type === 'identifier' && body.text === left.text) {
          const t = this.typeOf(module, fn, right, depth + 1);
          if (t?.kind === 'queryset') return { kind: 'list', of: { kind: 'instance', model: t.model } };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** `cls` in a classmethod of a model names the model class. */
  private clsParameter(fn: PyFunction | undefined, object: Node): Resolved | undefined {
    if (!fn?.cls || object.type !== 'identifier' || fn.paramNames[0] !== object.text || !this.models.has(fn.cls)) return undefined;
    if (!fn.decorators.some((d) => d.text === 'classmethod')) return undefined;
    return bindingsOf(fn, object.text).length ? undefined : { kind: 'class', cls: fn.cls };
  }

  private shortcutType(module: PyModule, fn: PyFunction | undefined, call: Node, depth: number): PyType | undefined {
    const first = callArguments(call).positional[0];
    if (!first) return undefined;
    const r = resolveExpr(this.project, module, fn, first);
    if (r?.kind === 'class' && this.models.has(r.cls)) return { kind: 'instance', model: this.models.get(r.cls) };
    const t = this.typeOf(module, fn, first, depth + 1);
    if (t && (t.kind === 'queryset' || t.kind === 'manager')) return { kind: 'instance', model: t.model };
    return undefined;
  }

  /**
   * By function id, then name (a `${fn.id}:${name}` key cost more to build and hash than the lookup saved).
   * The caches hold only answers that do not depend on the order of the questions (see cached()).
   */
  private readonly varCache = new Map<string, Map<string, Cached | InProgress>>();
  private readonly returnCache = new Map<string, Cached | InProgress>();
  /** Parameter types every caller agrees on, by function id (filled by the adapter before rules run). */
  readonly paramHints = new Map<string, Map<string, PyType>>();
  /** How many types are being computed (the level of the next one). */
  private level = 0;
  /** The lowest level whose type saw one still being computed (a cycle) or ran out of depth: not cached. */
  private taintFloor = Infinity;
  /**
   * The functions whose parameter hints the type being computed (or the question hintsReadBy()
   * watches) read, directly or through a cached type; undefined while none.
   */
  private reading?: Set<string>;
  /** Types being computed and questions watched (the hints read are dropped when none are). */
  private frames = 0;
  /** The deepest typeOf reached by the type being computed (see Cached.reach). */
  private deepest = 0;
  /** Cached types that read a parameter hint (dropped when one of those changes). */
  private hintDependent: { map: Map<string, Cached | InProgress>; key: string; hints: readonly string[] }[] = [];
  /**
   * The lists of hints cached types read, one per distinct list (most are a single function's): a
   * Set per cached type held about 8 MB on saleor to the end of the run.
   */
  private readonly hintLists = new Map<string, readonly string[]>();
  /** Set once no parameter hint changes any more: hintDependent is not kept (it held about 8 MB on saleor to the end). */
  private hintsFinal = false;
  /** How many times the parameter hints changed, and when each function's last did. */
  private generation = 0;
  private readonly changedAt = new Map<string, number>();

  /**
   * Sets parameter hints and forgets the inferred types that read one of those that changed. An
   * answer depends only on the question and the hints it read (see cached()).
   */
  setParamHints(hints: Map<string, Map<string, PyType>>): void {
    if (this.hintsFinal) throw new Error('parameter hints set after finishParamHints()');
    const changed = new Set<string>();
    for (const [id, h] of hints) {
      if (!sameHints(this.paramHints.get(id), h)) changed.add(id);
      this.paramHints.set(id, h);
    }
    if (!changed.size) return;
    this.generation++;
    for (const id of changed) this.changedAt.set(id, this.generation);
    this.hintDependent = this.hintDependent.filter(({ map, key, hints }) => {
      for (const id of hints) {
        if (changed.has(id)) {
          map.delete(key);
          return false;
        }
      }
      return true;
    });
  }

  /** No parameter hint changes after this: the types that read one need not be listed any more. */
  finishParamHints(): void {
    this.hintsFinal = true;
    this.hintDependent = [];
  }

  /** What a question answers and the parameter hints it read (see sameHintsSince()). */
  hintsReadBy<T>(question: () => T): { value: T; hints: ReadonlySet<string> | undefined; generation: number } {
    const outer = this.enter();
    const value = question();
    return { value, hints: this.leave(outer), generation: this.generation };
  }

  /** Whether the hints read (hintsReadBy()) are still the ones of that generation. */
  sameHintsSince(hints: ReadonlySet<string> | undefined, generation: number): boolean {
    if (hints) for (const id of hints) if ((this.changedAt.get(id) ?? 0) > generation) return false;
    return true;
  }

  private enter(): Set<string> | undefined {
    const outer = this.reading;
    this.reading = undefined;
    this.frames++;
    return outer;
  }

  /** The hints read since enter(), added to the enclosing frame's. */
  private leave(outer: Set<string> | undefined): Set<string> | undefined {
    const inner = this.reading;
    if (--this.frames === 0) this.reading = undefined;
    else if (inner && outer) {
      for (const id of inner) outer.add(id);
      this.reading = outer;
    } else this.reading = outer ?? (inner && new Set(inner));
    return inner;
  }

  private readHints(ids: Iterable<string>): void {
    if (!this.frames) return;
    const reading = (this.reading ??= new Set());
    for (const id of ids) reading.add(id);
  }

  /**
   * A cached type asked at this depth, or the provisional answer of one being computed (a cycle:
   * what it sees is not cached); undefined when the type must be computed (again).
   */
  private lookup(entry: Cached | InProgress | undefined, depth: number): { t: PyType | undefined } | undefined {
    if (!entry) return undefined;
    if (entry instanceof InProgress) {
      // A type reading itself (a recursive helper, `qs = qs.filter()`) answers alike whoever asks;
      // read through another type being computed, both depend on which was asked first.
      if (entry.level !== this.level - 1 && entry.level < this.taintFloor) this.taintFloor = entry.level;
      return { t: entry.provisional };
    }
    // Asked deeper, its computation would run out of depth: computed again (and not cached).
    if (depth + entry.reach > MAX_DEPTH) return undefined;
    if (entry.hints) this.readHints(entry.hints);
    if (depth + entry.reach > this.deepest) this.deepest = depth + entry.reach;
    return entry;
  }

  /**
   * Computes a type under an in-progress mark and caches it unless it saw a type still being
   * computed through another one (a cycle: the answer would depend on which question came first)
   * or ran out of depth. What is cached is what the question gets when it comes first, so the caches
   * answer the same whatever order the questions come in, and keep across parameter-hint rounds
   * what read no hint.
   */
  private cached(map: Map<string, Cached | InProgress>, key: string, depth: number, compute: (mark: InProgress) => PyType | undefined): PyType | undefined {
    const known = map.get(key);
    const found = this.lookup(known, depth);
    if (found) return found.t;
    const mark = new InProgress(this.level++);
    map.set(key, mark);
    const outer = this.enter();
    const outerDeepest = this.deepest;
    this.deepest = depth;
    const result = compute(mark);
    const hints = this.leave(outer);
    const reach = this.deepest - depth;
    if (outerDeepest > this.deepest) this.deepest = outerDeepest;
    this.level--;
    if (this.taintFloor <= mark.level) {
      // A cached type asked too deep stays for the questions it answers.
      if (known) map.set(key, known);
      else map.delete(key);
      if (this.taintFloor === mark.level) this.taintFloor = Infinity;
    } else {
      const list = hints && this.hintList(hints);
      map.set(key, result !== undefined ? { t: result, hints: list, reach } : list ? this.unknownReading(list, reach) : unknownReaching(reach));
      if (list && !this.hintsFinal) this.hintDependent.push({ map, key, hints: list });
    }
    return result;
  }

  /** Unknown answers that read hints, shared per list of hints and reach as those that read none (entries are never changed). */
  private readonly unknownByHints = new Map<readonly string[], Cached[]>();

  private unknownReading(hints: readonly string[], reach: number): Cached {
    let byReach = this.unknownByHints.get(hints);
    if (!byReach) this.unknownByHints.set(hints, (byReach = []));
    return (byReach[reach] ??= { t: undefined, hints, reach });
  }

  /** The shared list of these hints, in the Set's order. */
  private hintList(hints: ReadonlySet<string>): readonly string[] {
    const ids = [...hints];
    const key = ids.length === 1 ? ids[0]! : ids.join('\0');
    let list = this.hintLists.get(key);
    if (!list) this.hintLists.set(key, (list = ids));
    return list;
  }

  /** A model class named by an annotation: `Book`, `"Book"`, `Book | None`, `Optional[Book]`. */
  annotationType(module: PyModule, fn: PyFunction | undefined, ann: Node | undefined): PyType | undefined {
    if (!ann) return undefined;
    if (ann.type === 'type') return this.annotationType(module, fn, childrenOf(ann)[0]);
    if (ann.type === 'binary_operator') {
      const parts = [field(ann, 'left'), field(ann, 'right')].filter((p): p is Node => Boolean(p) && p!.text !== 'None');
      return parts.length === 1 ? this.annotationType(module, fn, parts[0]) : undefined;
    }
    if (ann.type === 'generic_type' || ann.type === 'subscript') {
      const head = childrenOf(ann)[0];
      if (head && /^(typing\.)?Optional$/.test(head.text)) {
        const args = childrenOf(ann).slice(1).flatMap((c) => (c.type === 'type_parameter' ? childrenOf(c) : [c]));
        return args.length === 1 ? this.annotationType(module, fn, args[0]) : undefined;
      }
      return undefined;
    }
    const s = stringValue(ann);
    const r = s !== undefined ? undefined : resolveExpr(this.project, module, fn, ann);
    const cls = s !== undefined ? (this.byName.get(s.split('.').pop()!) ?? [])[0] : r?.kind === 'class' ? r.cls : undefined;
    return cls && this.models.has(cls) ? { kind: 'instance', model: this.models.get(cls) } : undefined;
  }

  /** The type a sync project function returns: its annotation, or the type all its non-None returns agree on. */
  returnType(fn: PyFunction, depth: number): PyType | undefined {
    return this.cached(this.returnCache, fn.id, depth, () => this.computeReturnType(fn, depth));
  }

  private computeReturnType(fn: PyFunction, depth: number): PyType | undefined {
    let result: PyType | undefined;
    const ann = field(fn.node, 'return_type');
    if (ann) result = this.annotationType(fn.module, fn, ann);
    else {
      const values: Node[] = [];
      const visit = (node: Node) => {
        for (const c of childrenOf(node)) {
          if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda' || c.type === 'decorated_definition') continue;
          if (c.type === 'return_statement') {
            const v = childrenOf(c)[0];
            if (v && v.type !== 'none') values.push(v);
          }
          visit(c);
        }
      };
      visit(fn.body);
      for (const v of values) {
        const t = this.typeOf(fn.module, fn, v, depth + 1);
        if (!t || (result && (result.kind !== t.kind || modelOfType(result) !== modelOfType(t)))) {
          result = undefined;
          break;
        }
        result = t;
      }
    }
    return result;
  }

  /** A local's type when every binding of it in the function agrees (a reassigned QuerySet variable is not one). */
  variableType(module: PyModule, fn: PyFunction | undefined, name: string, depth: number): PyType | undefined {
    if (!fn || !fn.locals.has(name)) return undefined;
    let byName = this.varCache.get(fn.id);
    if (!byName) this.varCache.set(fn.id, (byName = new Map()));
    return this.cached(byName, name, depth, (mark) => this.computeVariableType(module, fn, name, depth, mark));
  }

  private computeVariableType(module: PyModule, fn: PyFunction, name: string, depth: number, mark: InProgress): PyType | undefined {
    const param = fn.params.find((p) => (p.type === 'typed_parameter' || p.type === 'typed_default_parameter') && boundNames(childrenOf(p)[0]!)[0] === name);
    const bindings = bindingsOf(fn, name);
    if (param) {
      if (bindings.length) return undefined;
      return this.annotationType(module, fn, field(param, 'type'));
    }
    if (fn.paramNames.includes(name)) {
      if (name === 'self' && fn.cls && this.models.has(fn.cls)) return { kind: 'instance', model: this.models.get(fn.cls) };
      // `self` in a custom manager or QuerySet method (the model is known when one model uses the class).
      if (name === 'self' && fn.cls && fn.paramNames[0] === 'self' && !fn.decorators.some((d) => /^(staticmethod|classmethod)$/.test(d.text))) {
        const owners = this.managerOwners().get(fn.cls);
        if (owners) {
          const model = owners.size === 1 ? [...owners][0] : undefined;
          const qs = this.querySetClasses([fn.cls])?.length;
          return qs ? { kind: 'queryset', model, classes: [fn.cls] } : { kind: 'manager', model, classes: [fn.cls] };
        }
      }
      // What every call site passes (set by the adapter from the call graph), when the parameter is never rebound.
      this.readHints([fn.id]);
      const hint = this.paramHints.get(fn.id)?.get(name);
      return hint && !bindings.length ? hint : undefined;
    }
    if (!bindings.length) return undefined;
    // `qs = qs.filter(...)` refines a QuerySet: type the other bindings first, then check these under that type.
    const selfRef = (b: Binding) => b.kind !== 'other' && readsName(b.value, name);
    const ordered = [...bindings.filter((b) => !selfRef(b)), ...bindings.filter(selfRef)];
    if (ordered.length && selfRef(ordered[0])) return undefined;
    let agreed: PyType | undefined;
    for (const b of ordered) {
      if (agreed && selfRef(b)) mark.provisional = agreed;
      let t: PyType | undefined;
      if (b.kind === 'assign') t = this.typeOf(module, fn, b.value, depth + 1);
      else if (b.kind === 'iterate') {
        const it = this.typeOf(module, fn, b.value, depth + 1);
        if (it?.kind === 'queryset') t = { kind: 'instance', model: it.model };
        else if (it?.kind === 'list' && it.of) t = it.of;
        else if (b.value.type === 'call') {
          const f = field(b.value, 'function');
          if (f?.type === 'attribute' && /^a?iterator$/.test(field(f, 'attribute')!.text)) {
            const base = this.typeOf(module, fn, field(f, 'object')!, depth + 1);
            if (base?.kind === 'queryset' || base?.kind === 'manager') t = { kind: 'instance', model: base.model };
          }
        }
      }
      if (selfRef(b)) mark.provisional = undefined;
      if (!t) return undefined;
      if (agreed && (agreed.kind !== t.kind || modelOfType(agreed) !== modelOfType(t))) return undefined;
      agreed = t;
    }
    return agreed;
  }
}

/** How deep typeOf looks into an expression. */
const MAX_DEPTH = 12;

/**
 * A cached type; `hints`: the functions whose parameter hints computing it read; `reach`: how much deeper than where it
 * was asked its computation looked (asked deeper than MAX_DEPTH - reach, it would run out of depth).
 */
interface Cached {
  readonly t: PyType | undefined;
  readonly hints: readonly string[] | undefined;
  readonly reach: number;
}

// Most answers are unknown and read no hint: one shared entry per reach (entries are never changed).
const UNKNOWN: Cached[] = [];

function unknownReaching(reach: number): Cached {
  return (UNKNOWN[reach] ??= { t: undefined, hints: undefined, reach });
}

/** Whether two functions' parameter hints are alike (the same kinds of the same models). */
function sameHints(a: Map<string, PyType> | undefined, b: Map<string, PyType>): boolean {
  if (!a || a.size !== b.size) return false;
  for (const [name, t] of b) {
    const u = a.get(name);
    if (!u || Object.keys(u).length !== Object.keys(t).length) return false;
    for (const k of Object.keys(t) as (keyof PyType)[]) if (u[k] !== t[k]) return false;
  }
  return true;
}

/** A type being computed at a level of the computation; a self-refining `qs = qs.filter()` reads its provisional value. */
class InProgress {
  provisional?: PyType;
  constructor(readonly level: number) {}
}

export type Binding = { kind: 'assign'; value: Node; node: Node } | { kind: 'iterate'; value: Node; node: Node } | { kind: 'other'; node: Node };

/** The answer of every question with no item: one array for all (most names asked have no binding). */
const NONE: readonly never[] = Object.freeze([]);

/** `compute` remembered per function and name (the trees never change during a run); every empty answer is one shared array. */
export function memoByFunctionAndName<T>(compute: (fn: PyFunction, name: string) => readonly T[]): (fn: PyFunction, name: string) => readonly T[] {
  const cache = new WeakMap<PyFunction, Map<string, readonly T[]>>();
  return (fn, name) => {
    let byName = cache.get(fn);
    if (!byName) cache.set(fn, (byName = new Map()));
    let known = byName.get(name);
    if (!known) {
      known = compute(fn, name);
      if (!known.length) known = NONE;
      byName.set(name, known);
    }
    return known;
  };
}

/** Every binding of a name in a function's own scope. */
export const bindingsOf: (fn: PyFunction, name: string) => readonly Binding[] = memoByFunctionAndName(computeBindings);

function computeBindings(fn: PyFunction, name: string): Binding[] {
  const out: Binding[] = [];
  for (const child of bindingNodes(fn, name)) {
    if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda' || child.type === 'decorated_definition') {
      const n = child.type === 'decorated_definition' ? field(field(child, 'definition')!, 'name') : field(child, 'name');
      if (n?.text === name) out.push({ kind: 'other', node: child });
    } else if (child.type === 'assignment') {
      const left = field(child, 'left');
      const right = field(child, 'right');
      if (left?.type === 'identifier' && left.text === name && right) out.push({ kind: 'assign', value: right, node: child });
      else if (left && boundNames(left).includes(name)) out.push({ kind: 'other', node: child });
    } else if (child.type === 'augmented_assignment') {
      const left = field(child, 'left');
      if (left && boundNames(left).includes(name)) out.push({ kind: 'other', node: child });
    } else if (child.type === 'for_statement' || child.type === 'for_in_clause') {
      const left = field(child, 'left');
      const right = field(child, 'right');
      if (left?.type === 'identifier' && left.text === name && right) out.push({ kind: 'iterate', value: right, node: child });
      else if (left && boundNames(left).includes(name)) out.push({ kind: 'other', node: child });
    } else if (child.text.includes(name)) {
      const alias = field(child, 'alias') ?? field(child, 'name');
      if (!alias || boundNames(alias).includes(name) || alias.text === name || child.type.startsWith('import')) out.push({ kind: 'other', node: child });
    }
  }
  return out;
}

/**
 * The nodes of a function's own scope that may bind a name, in tree order, with the range of the
 * text any name a node binds appears in (see bindingNodes()). Kept as node indexes and offsets:
 * as an object with a wrapper and a string per node they held about 17 MB on saleor to the end.
 */
interface BindingNodes {
  readonly node: Int32Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
}

const SCOPE_NODES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);
const TARGET_NODES = new Set(['assignment', 'augmented_assignment', 'for_statement', 'for_in_clause']);
const BINDING_NODES = new Set(['as_pattern', 'named_expression', 'import_statement', 'import_from_statement']);
const bindingNodesCache = new WeakMap<PyFunction, BindingNodes>();

/**
 * The nodes of a function's own scope that may bind `name`, in tree order: nested defs, classes
 * and lambdas (not their insides) whose name holds it, assignments and loops whose target's text
 * holds it, `as` patterns, walruses and imports whose whole text holds it. The function is walked
 * once, so that asking for the bindings of each name costs a pass over these instead of the whole body.
 */
export function bindingNodes(fn: PyFunction, name: string): Node[] {
  let known = bindingNodesCache.get(fn);
  if (!known) {
    const nodes: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const add = (node: Node, text: Node | null | undefined) => {
      nodes.push(node.index);
      starts.push(text ? text.startIndex : 0);
      ends.push(text ? text.endIndex : 0);
    };
    const visit = (node: Node) => {
      for (const child of childrenOf(node)) {
        if (SCOPE_NODES.has(child.type)) {
          add(child, child.type === 'decorated_definition' ? field(field(child, 'definition')!, 'name') : field(child, 'name'));
          continue;
        }
        if (TARGET_NODES.has(child.type)) add(child, field(child, 'left'));
        else if (BINDING_NODES.has(child.type)) add(child, child);
        visit(child);
      }
    };
    visit(fn.body);
    known = { node: Int32Array.from(nodes), start: Uint32Array.from(starts), end: Uint32Array.from(ends) };
    bindingNodesCache.set(fn, known);
  }
  const tree = fn.body.tree;
  const text = tree.text;
  const out: Node[] = [];
  for (let i = 0; i < known.node.length; i++) {
    if (text.slice(known.start[i], known.end[i]).includes(name)) out.push(tree.node(known.node[i]!));
  }
  return out;
}

function modelOfType(t: PyType): ModelInfo | undefined {
  return t.kind === 'list' ? undefined : t.model;
}

/** Whether an expression reads a variable (attribute names and keyword names are not reads). */
export function readsName(expr: Node, name: string): boolean {
  const ids = expr.type === 'identifier' ? [expr] : expr.descendantsOfType('identifier');
  return ids.some((n) => {
    if (!n || n.text !== name) return false;
    const p = n.parent;
    if (p?.type === 'attribute' && field(p, 'attribute')?.id === n.id) return false;
    if (p?.type === 'keyword_argument' && field(p, 'name')?.id === n.id) return false;
    return true;
  });
}

/** `models.Manager.from_queryset(QS)` (a manager class built from a QuerySet). */
function isFromQueryset(node: Node): boolean {
  const f = node.type === 'call' ? field(node, 'function') : undefined;
  return f?.type === 'attribute' && field(f, 'attribute')!.text === 'from_queryset';
}
