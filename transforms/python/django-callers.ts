// Functions Django itself calls synchronously, found from settings (context
// processors, template loaders, authentication backends) and from registries
// (template libraries, signals, URL converters, admin actions, MiddlewareMixin
// hooks). They never become async in place: Django would call them and get a
// coroutine back. Each carries the reason, naming the Django caller.
import type { PyNode as Node } from './tree.js';
import { callArguments, childrenOf, field, stringValue } from './parser.js';
import { enclosingFunction, externalAncestors, findMethod, resolveExpr, resolveName, type Project, type PyClass, type PyFunction, type PyModule } from './project.js';
import { atLeast } from './targets.js';

export interface DjangoCaller {
  kind: string;
  reason: string;
}

export interface DjangoCallers {
  /** Functions Django calls synchronously, with the reason. */
  called: Map<string, DjangoCaller>;
  /** Decorators that register a function with Django (`@register.filter`, `@receiver`): an async twin must not carry them. */
  registrations: Map<string, Node[]>;
}

/** Kinds of boundary where Django (or Python) calls the function synchronously; reported when such a function blocks under `--entry all`. */
export const DJANGO_SYNC_KINDS = new Set([
  'context-processor', 'template-loader', 'auth-backend', 'database-router', 'logging-hook', 'template-tag', 'signal-receiver', 'url-converter', 'admin-action',
  'middleware-hook', 'model-method', 'form-method', 'management-command', 'framework-hook', 'view-hook', 'dunder', 'property',
]);

const AUTH_BACKEND_METHODS = ['authenticate', 'get_user', 'has_perm', 'has_module_perms', 'get_all_permissions', 'get_user_permissions', 'get_group_permissions', 'with_perm', 'user_can_authenticate'];
const LOADER_METHODS = ['get_template', 'get_contents', 'get_template_sources', 'load_template_source'];
const ROUTER_METHODS = ['db_for_read', 'db_for_write', 'allow_relation', 'allow_migrate'];
/** The methods the logging module calls on handlers, filters and formatters. */
const LOGGING_METHODS: [RegExp, string[]][] = [
  [/^logging(\.handlers)?\.\w*Handler$/, ['emit', 'handle', 'flush', 'close', 'filter', 'format', 'shouldRollover', 'doRollover']],
  [/^logging\.Filter$/, ['filter']],
  [/^logging\.Formatter$/, ['format', 'formatTime', 'formatException', 'formatMessage']],
];
const TEMPLATE_REGISTRARS = new Set(['filter', 'simple_tag', 'inclusion_tag', 'tag', 'simple_block_tag']);

export function signalReason(djangoTarget: string): string {
  return atLeast(djangoTarget, '5.0')
    ? 'Django calls signal receivers from Signal.send(), and sends model signals synchronously from save() and delete() (asave() runs save() in a thread), where an async receiver would run through async_to_sync on every send'
    : `Django before 5.0 (target: ${djangoTarget}) calls signal receivers synchronously from Signal.send() and never awaits an async receiver's coroutine`;
}

export function findDjangoCallers(project: Project, djangoTarget: string): DjangoCallers {
  const out: DjangoCallers = { called: new Map(), registrations: new Map() };
  const mark = (fn: PyFunction | undefined, kind: string, reason: string) => {
    if (fn && !fn.isAsync && !out.called.has(fn.id)) out.called.set(fn.id, { kind, reason });
  };
  const markMethods = (cls: PyClass, names: string[], kind: string, reason: (name: string) => string) => {
    for (const name of names) {
      const m = findMethod(project, cls, name);
      if (m) mark(m, kind, reason(name));
    }
  };
  const register = (fn: PyFunction, deco: Node) => {
    const list = out.registrations.get(fn.id) ?? [];
    list.push(deco);
    out.registrations.set(fn.id, list);
  };

  for (const module of project.modules) {
    // Settings: TEMPLATES[...]['OPTIONS']['context_processors'] and ['loaders'], in any form
    // (a literal dict, `+= [...]`, `.append(...)`), and AUTHENTICATION_BACKENDS.
    const keyed = stringKeyed(module);
    for (const setting of settingStrings(keyed, 'context_processors')) {
      const r = resolveDotted(project, setting.value);
      if (r?.kind === 'function') mark(r.fn, 'context-processor', `Django calls context processors synchronously while rendering a template (${setting.value} in ${module.path})`);
    }
    for (const setting of settingStrings(keyed, 'loaders')) {
      const r = resolveDotted(project, setting.value);
      if (r?.kind === 'class') markMethods(r.cls, LOADER_METHODS, 'template-loader', (m) => `Django's template engine calls the loader's ${m}() synchronously (${setting.value} in ${module.path})`);
    }
    for (const assign of module.assigned.get('DATABASE_ROUTERS') ?? []) {
      for (const s of stringsIn(field(assign, 'right'))) {
        const r = resolveDotted(project, s);
        if (r?.kind === 'class') markMethods(r.cls, ROUTER_METHODS, 'database-router', (m) => `the ORM calls a database router's ${m}() synchronously for every query it routes; ${s} is in DATABASE_ROUTERS`);
      }
    }
    for (const assign of module.assigned.get('AUTHENTICATION_BACKENDS') ?? []) {
      for (const s of stringsIn(field(assign, 'right'))) {
        const r = resolveDotted(project, s);
        if (r?.kind === 'class') {
          markMethods(r.cls, AUTH_BACKEND_METHODS, 'auth-backend', (m) => `django.contrib.auth calls an authentication backend's ${m}() synchronously (aauthenticate() and the other async forms run it through sync_to_async); ${s} is in AUTHENTICATION_BACKENDS`);
        }
      }
    }

    for (const call of module.root.descendantsOfType('call')) {
      if (!call) continue;
      const callee = field(call, 'function');
      if (!callee) continue;
      const scope = enclosingFunction(module, call);
      const args = callArguments(call);
      const resolveArg = (node: Node | undefined) => {
        const r = node ? resolveExpr(project, module, scope, node) : undefined;
        return r?.kind === 'function' ? r.fn : undefined;
      };
      const name = callee.type === 'attribute' ? field(callee, 'attribute')!.text : callee.text;
      if (name === 'register_converter') {
        const r = args.positional[0] ? resolveExpr(project, module, scope, args.positional[0]) : undefined;
        if (r?.kind === 'class') markMethods(r.cls, ['to_python', 'to_url'], 'url-converter', (m) => `Django's URL resolver calls a path converter's ${m}() synchronously`);
        continue;
      }
      if (callee.type !== 'attribute') continue;
      const object = field(callee, 'object')!;
      if (name === 'connect') {
        mark(resolveArg(args.positional[0] ?? args.keywords.get('receiver')), 'signal-receiver', `${signalReason(djangoTarget)} (connected with ${callee.text}())`);
      } else if (name === 'add_action') {
        mark(resolveArg(args.positional[0]), 'admin-action', 'the admin calls actions synchronously (ModelAdmin.response_action)');
      } else if (TEMPLATE_REGISTRARS.has(name) && isTemplateLibrary(module, scope, object)) {
        // register.filter('name', fn), register.simple_tag(fn), register.tag('name', fn)
        for (const arg of [...args.positional, ...['filter_func', 'compile_function', 'func'].map((k) => args.keywords.get(k))]) {
          mark(resolveArg(arg), 'template-tag', templateReason(name));
        }
      }
    }

    // Template libraries used as decorators, @receiver, @admin.action.
    for (const fn of module.functions) {
      for (const deco of fn.decorators) {
        const target = deco.type === 'call' ? field(deco, 'function')! : deco;
        const name = target.type === 'attribute' ? field(target, 'attribute')!.text : target.text;
        if (target.type === 'attribute' && TEMPLATE_REGISTRARS.has(name) && isTemplateLibrary(module, undefined, field(target, 'object')!)) {
          mark(fn, 'template-tag', templateReason(name));
          register(fn, deco);
        } else if (deco.type === 'call' && isDjango(project, module, target, /^django\.dispatch(\.dispatcher)?\.receiver$/)) {
          mark(fn, 'signal-receiver', `${signalReason(djangoTarget)} (@${target.text})`);
          register(fn, deco);
        } else if (isDjango(project, module, target, /^django\.contrib\.admin(\.decorators)?\.action$/)) {
          mark(fn, 'admin-action', 'the admin calls actions synchronously (ModelAdmin.response_action)');
          register(fn, deco);
        }
      }
    }

    for (const cls of module.classes) {
      const ext = externalAncestors(project, cls);
      // ModelAdmin.actions = [publish, ...]: plain functions the admin calls.
      if (ext.some((n) => /^django\.contrib\.admin\./.test(n))) {
        const actions = cls.attrs.get('actions');
        for (const item of actions ? childrenOf(actions) : []) {
          const r = item.type === 'identifier' || item.type === 'attribute' ? resolveExpr(project, module, undefined, item) : undefined;
          if (r?.kind === 'function') mark(r.fn, 'admin-action', `the admin calls actions synchronously (${cls.name}.actions, ModelAdmin.response_action)`);
        }
      }
      const logging = LOGGING_METHODS.find(([base]) => ext.some((n) => base.test(n)));
      if (logging) {
        const base = ext.find((n) => logging[0].test(n))!;
        markMethods(cls, logging[1].filter((m) => cls.methods.has(m)), 'logging-hook', (m) => `${cls.name} derives from ${base}: the logging module calls its ${m}() synchronously`);
      }
      // MiddlewareMixin.__call__ calls these directly, and __acall__ through sync_to_async:
      // either way an async def would hand back a coroutine nobody awaits.
      if (ext.some((n) => /(^|\.)MiddlewareMixin$/.test(n))) {
        for (const hook of ['process_request', 'process_response']) {
          const m = cls.methods.get(hook);
          if (m) mark(m, 'middleware-hook', `${cls.name} is built on MiddlewareMixin, which calls ${hook}() synchronously (through sync_to_async under ASGI)`);
        }
      }
    }
  }
  return out;
}

function templateReason(registrar: string): string {
  return registrar === 'filter'
    ? 'Django calls template filters synchronously while rendering a template'
    : 'Django calls template tags synchronously while rendering a template';
}

/** Whether `object` is a template `Library()` instance: `register = template.Library()` in this module. */
function isTemplateLibrary(module: PyModule, scope: PyFunction | undefined, object: Node): boolean {
  if (object.type !== 'identifier') return false;
  for (let fn = scope; fn; fn = fn.parent) if (fn.locals.has(object.text) && !fn.globals.has(object.text)) return false;
  for (const assign of module.assigned.get(object.text) ?? []) {
    const right = field(assign, 'right');
    const fn = right?.type === 'call' ? field(right, 'function') : undefined;
    if (fn && /(^|\.)Library$/.test(fn.text)) return true;
  }
  return false;
}

function isDjango(project: Project, module: PyModule, node: Node, pattern: RegExp): boolean {
  const r = resolveExpr(project, module, undefined, node);
  return r?.kind === 'external' && pattern.test(r.name);
}

/** A dotted setting string (`shop.context_processors.cart`) resolved to the project function or class it names. */
export function resolveDotted(project: Project, dotted: string): ReturnType<typeof resolveName> {
  const dot = dotted.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const modulePath = dotted.slice(0, dot);
  // Run on a folder above the project (no manage.py at the root), module names carry a prefix.
  const suffixed = project.modules.filter((m) => m.dotted.some((d) => d.endsWith(`.${modulePath}`)));
  const module = project.byDotted.get(modulePath) ?? (suffixed.length === 1 ? suffixed[0] : undefined);
  return module ? resolveName(project, module, undefined, dotted.slice(dot + 1)) : undefined;
}

/** Every string literal under a node (lists, tuples, nested cached-loader tuples). */
export function stringsIn(node: Node | undefined): string[] {
  if (!node) return [];
  const s = stringValue(node);
  if (s !== undefined) return [s];
  return childrenOf(node).flatMap((c) => stringsIn(c));
}

/** Strings given to a settings key: `'key': [...]` in a dict, `x['key'] += [...]`, `x['key'].append(...)`. */
function settingStrings(keyed: StringKeyed, key: string): { value: string }[] {
  const out: { value: string }[] = [];
  const { pairs, subscripts } = keyed;
  for (const pair of pairs.get(key) ?? []) out.push(...stringsIn(field(pair, 'value')).map((value) => ({ value })));
  for (const sub of subscripts.get(key) ?? []) {
    const parent = sub.parent;
    if (!parent) continue;
    if ((parent.type === 'augmented_assignment' || parent.type === 'assignment') && field(parent, 'left')?.id === sub.id) {
      out.push(...stringsIn(field(parent, 'right')).map((value) => ({ value })));
    } else if (parent.type === 'attribute' && parent.parent?.type === 'call' && /^(append|extend|insert)$/.test(field(parent, 'attribute')?.text ?? '')) {
      out.push(...stringsIn(field(parent.parent, 'arguments')).map((value) => ({ value })));
    }
  }
  return out;
}

type StringKeyed = { pairs: Map<string, Node[]>; subscripts: Map<string, Node[]> };

/**
 * A module's dict pairs and subscripts by their string key, in tree order (one scan of the tree
 * for every setting asked of it). Not kept: the entries are found once, at the start of a run, and
 * kept for every module these held about 12 MB on saleor for the rest of the run.
 */
export function stringKeyed(module: PyModule): StringKeyed {
  const pairs = new Map<string, Node[]>();
  const subscripts = new Map<string, Node[]>();
  for (const node of module.root.descendantsOfType(['pair', 'subscript'])) {
    if (!node) continue;
    const key = stringValue(field(node, node.type === 'pair' ? 'key' : 'subscript'));
    if (key === undefined) continue;
    const into = node.type === 'pair' ? pairs : subscripts;
    const list = into.get(key);
    if (list) list.push(node);
    else into.set(key, [node]);
  }
  return { pairs, subscripts };
}

/** Other packages' backends known to derive from Django's ModelBackend (so they inherit its async methods). */
const MODEL_BACKEND_SUBCLASSES = new Set(['mozilla_django_oidc.auth.OIDCAuthenticationBackend']);

const backendCache = new WeakMap<object, Map<string, string[]>>();

/** The configured authentication backends that lack `method` (see backendsLacking in rules/auth-call.ts). */
export function backendsLackingIn(project: Project, method: 'aauthenticate' | 'aget_user'): string[] {
  const ac = { project };
  let cached = backendCache.get(ac.project);
  if (!cached) backendCache.set(ac.project, (cached = new Map()));
  const hit = cached.get(method);
  if (hit) return hit;
  const configured: string[] = [];
  for (const module of ac.project.modules) {
    for (const assign of module.assigned.get('AUTHENTICATION_BACKENDS') ?? []) configured.push(...stringsIn(field(assign, 'right')));
    if (!module.text.includes('AUTHENTICATION_BACKENDS')) continue;
    // `AUTHENTICATION_BACKENDS += [...]`, `.append(...)`, `.extend(...)`, `.insert(0, ...)` (often under an `if`).
    for (const aug of module.root.descendantsOfType('augmented_assignment')) {
      if (aug && /(^|\.)AUTHENTICATION_BACKENDS$/.test(field(aug, 'left')?.text ?? '')) configured.push(...stringsIn(field(aug, 'right')));
    }
    for (const call of module.root.descendantsOfType('call')) {
      const callee = call ? field(call, 'function') : undefined;
      if (callee?.type !== 'attribute' || !/(^|\.)AUTHENTICATION_BACKENDS$/.test(field(callee, 'object')?.text ?? '')) continue;
      if (/^(append|extend|insert)$/.test(field(callee, 'attribute')?.text ?? '')) configured.push(...stringsIn(field(call!, 'arguments')));
    }
  }
  const backends = configured.length ? [...new Set(configured)] : ['django.contrib.auth.backends.ModelBackend'];
  const lacking = backends.filter((dotted) => {
    if (/^django\.contrib\.auth\.backends\.\w+$/.test(dotted) || MODEL_BACKEND_SUBCLASSES.has(dotted)) return false;
    const r = resolveDotted(ac.project, dotted);
    if (r?.kind !== 'class') return true;
    if (findMethod(ac.project, r.cls, method)?.isAsync) return false;
    return !externalAncestors(ac.project, r.cls).some((n) => /^django\.contrib\.auth\.backends\.\w+$/.test(n) || MODEL_BACKEND_SUBCLASSES.has(n));
  });
  cached.set(method, lacking);
  return lacking;
}

/** A project middleware in MIDDLEWARE that assigns `request.user` itself, and where. */
export interface UserReplacingMiddleware {
  name: string;
  path: string;
  line: number;
}

const userReplacingCache = new WeakMap<object, UserReplacingMiddleware | null>();

/**
 * The first project middleware in MIDDLEWARE whose methods (or a factory's inner
 * functions) assign `<param>.user` without also assigning `<param>.auser`: views
 * then see the user it sets (wger's guest users), which neither `request.auser()`
 * nor `get_user(request)` loads.
 */
export function userReplacingMiddleware(project: Project): UserReplacingMiddleware | undefined {
  const hit = userReplacingCache.get(project);
  if (hit !== undefined) return hit ?? undefined;
  let found: UserReplacingMiddleware | undefined;
  for (const module of project.modules) {
    for (const assign of [...(module.assigned.get('MIDDLEWARE') ?? []), ...(module.assigned.get('MIDDLEWARE_CLASSES') ?? [])]) {
      for (const dotted of stringsIn(field(assign, 'right'))) {
        if (found) break;
        const r = resolveDotted(project, dotted);
        const fns = r?.kind === 'class' ? [...r.cls.methods.values()] : r?.kind === 'function' ? [r.fn, ...r.fn.nested.values()] : [];
        for (const fn of fns) {
          const request = fn.paramNames[fn.cls ? 1 : 0];
          if (!request) continue;
          const sets = (attr: string) =>
            fn.body.descendantsOfType('assignment').find((a) => {
              const left = a ? field(a, 'left') : undefined;
              return left?.type === 'attribute' && field(left, 'object')?.text === request && field(left, 'attribute')?.text === attr;
            });
          const user = sets('user');
          if (user && !sets('auser')) {
            found = { name: dotted.split('.').pop()!, path: fn.module.path, line: user.startPosition.row + 1 };
            break;
          }
        }
      }
    }
  }
  userReplacingCache.set(project, found ?? null);
  return found;
}
