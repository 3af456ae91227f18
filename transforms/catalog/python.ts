// Blocking Python/Django APIs with a generic rewrite, as data. Each row names
// what it matches (fully qualified, after alias resolution), how the call is
// rewritten, the first target version the rewrite may use, and what to do on
// older targets. Rules whose rewrite needs judgment (ORM chains, requests,
// subprocess, transaction.atomic, middleware) are code in transforms/python/rules.
import type { Safety } from '../core/types.js';

export type PythonRewrite =
  /** `time.sleep(x)` → `await asyncio.sleep(x)`: the callee becomes `module.name` (namespace import) or `name` (named import). */
  | { kind: 'function'; module: string; name: string; importKind: 'namespace' | 'named' }
  /** `cache.get(k)` → `await cache.aget(k)`: same receiver, method renamed. */
  | { kind: 'method'; name: string }
  /** `send_mail(...)` → `await sync_to_async(send_mail)(...)`. */
  | { kind: 'sync-to-async'; threadSensitive: boolean };

export interface PythonCallRow {
  rule: string;
  /** Fully qualified callee names, after imports and aliases are resolved. */
  match: string[];
  rewrite: PythonRewrite;
  /** First target versions the rewrite needs; older targets get `fallback`. */
  minTargets?: { django?: string; python?: string };
  /** On an older target: run the sync call in a thread instead. */
  fallback?: { kind: 'sync-to-async'; threadSensitive: boolean };
  safety: Safety;
  /** Why the rewrite is what it is; `{from}` and `{to}` are filled in. */
  message: string;
}

const CACHE_METHODS = ['get', 'set', 'add', 'delete', 'get_many', 'set_many', 'delete_many', 'get_or_set', 'has_key', 'incr', 'decr', 'touch', 'clear', 'close'];
const CACHE_OBJECTS = ['django.core.cache.cache'];

export const PYTHON_CALLS: PythonCallRow[] = [
  {
    rule: 'time-sleep',
    match: ['time.sleep'],
    rewrite: { kind: 'function', module: 'asyncio', name: 'sleep', importKind: 'namespace' },
    safety: 'safe',
    message: '{from} blocks the event loop; {to} yields to it while waiting',
  },
  {
    rule: 'get-object-or-404',
    match: ['django.shortcuts.get_object_or_404'],
    rewrite: { kind: 'function', module: 'django.shortcuts', name: 'aget_object_or_404', importKind: 'named' },
    minTargets: { django: '5.0' },
    fallback: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'safe',
    message: '{from} queries the database; {to} is its async form',
  },
  {
    rule: 'get-object-or-404',
    match: ['django.shortcuts.get_list_or_404'],
    rewrite: { kind: 'function', module: 'django.shortcuts', name: 'aget_list_or_404', importKind: 'named' },
    minTargets: { django: '5.0' },
    fallback: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'safe',
    message: '{from} queries the database; {to} is its async form',
  },
  {
    rule: 'cache-call',
    match: CACHE_OBJECTS.flatMap((o) => CACHE_METHODS.map((m) => `${o}.${m}`)),
    rewrite: { kind: 'method', name: 'a{name}' },
    minTargets: { django: '4.0' },
    fallback: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'safe',
    message: '{from} talks to the cache backend synchronously; {to} is its async form',
  },
  ...[
    ['authenticate', 'aauthenticate'],
    ['login', 'alogin'],
    ['logout', 'alogout'],
    ['get_user', 'aget_user'],
    ['update_session_auth_hash', 'aupdate_session_auth_hash'],
  ].map(
    ([from, to]): PythonCallRow => ({
      rule: 'auth-call',
      match: [`django.contrib.auth.${from}`],
      rewrite: { kind: 'function', module: 'django.contrib.auth', name: to, importKind: 'named' },
      minTargets: { django: '5.0' },
      fallback: { kind: 'sync-to-async', threadSensitive: true },
      safety: 'safe',
      message: '{from} reads or writes the session and the user table; {to} is its async form',
    }),
  ),
  {
    rule: 'sync-to-async-wrap',
    match: ['django.core.mail.send_mail', 'django.core.mail.send_mass_mail', 'django.core.mail.mail_admins', 'django.core.mail.mail_managers'],
    rewrite: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'review',
    message:
      '{from} has no async form (it opens an SMTP connection through the configured backend); it runs in a worker thread through sync_to_async, thread-sensitive because a backend may use the database',
  },
  {
    rule: 'sync-to-async-wrap',
    match: ['django.template.loader.render_to_string'],
    rewrite: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'review',
    message: '{from} has no async form and a template may query the database while rendering; it runs through sync_to_async (thread-sensitive)',
  },
  {
    rule: 'sync-to-async-wrap',
    match: ['django.core.management.call_command'],
    rewrite: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'review',
    message: '{from} has no async form; it runs through sync_to_async (thread-sensitive: commands use the database)',
  },
  {
    rule: 'sync-to-async-wrap',
    match: ['django.contrib.auth.password_validation.validate_password'],
    rewrite: { kind: 'sync-to-async', threadSensitive: true },
    safety: 'review',
    message: '{from} has no async form and its validators may query the user table; it runs through sync_to_async (thread-sensitive)',
  },
];
