// authenticate/login/logout → aauthenticate/alogin/alogout (Django 5.0), when
// every authentication backend the project configures has the async method
// Django 5.2's async forms call on it.
import type { PyNode as Node } from '../tree.js';
import { catalogCalls, rowSite, syncToAsyncEdits } from '../call-rewrite.js';
import { ruleMeta, type AnalysisContext, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { backendsLackingIn } from '../django-callers.js';

const RULE = 'auth-call';

/** The backend method each async auth function calls (Django 5.2): `aauthenticate()` every backend's, `aget_user()` (and `alogout()`, through `request.auser()`) the session's backend's. */
const BACKEND_METHOD: Record<string, 'aauthenticate' | 'aget_user'> = {
  authenticate: 'aauthenticate',
  get_user: 'aget_user',
  logout: 'aget_user',
};

export const authCall: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    minTargets: { django: '5.0' },
    docs: {
      summary: 'Replaces django.contrib.auth authenticate/login/logout/get_user/update_session_auth_hash with their async forms when every authentication backend supports them.',
      whatItDoes:
        "In code that becomes async, calls resolving to `django.contrib.auth.authenticate`, `login`, `logout`, `get_user` and `update_session_auth_hash` become awaited `aauthenticate`, `alogin`, `alogout`, `aget_user`, `aupdate_session_auth_hash` (Django 5.0+), imported by name. From Django 5.2 `aauthenticate()` calls `aauthenticate()` on every backend in settings.AUTHENTICATION_BACKENDS, and `aget_user()` / `alogout()` (through `request.auser()`) call the backend's `aget_user()`: Django's own backends have them, and so does a project backend deriving from `BaseBackend`/`ModelBackend` or defining the method. When a configured backend has not (a third-party backend, a plain class), the call runs through `sync_to_async` instead, with a finding naming the backend. Older targets get sync_to_async.",
      why: 'They read the user table and write the session; the sync forms raise SynchronousOnlyOperation in async code. An async form that calls a method the backend lacks raises AttributeError.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.contrib.auth import authenticate, login\n\n\ndef sign_in(request):\n    user = authenticate(request, username=request.POST[\"u\"], password=request.POST[\"p\"])\n    login(request, user)\n",
        after:
          "# fixture-options: entry=all\nfrom django.contrib.auth import aauthenticate, alogin\n\n\nasync def sign_in(request):\n    user = await aauthenticate(request, username=request.POST[\"u\"], password=request.POST[\"p\"])\n    await alogin(request, user)\n",
      },
      safety: 'Safe on Django 5.0+ with backends that have the async methods. The sync_to_async fallback (older targets, backends without the async method) is marked for review.',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const { call, callee, row, name } of catalogCalls(fc, RULE)) {
      const method = BACKEND_METHOD[name.split('.').pop()!];
      const lacking = method && fc.ac.django('5.0') && !fc.cannotAwait(call) ? backendsLacking(fc.ac, method) : [];
      sites.push(lacking.length ? fallbackSite(fc, call, callee, method, lacking) : rowSite(fc, call, callee, row));
    }
    return sites;
  },
};

function fallbackSite(fc: FunctionContext, call: Node, callee: Node, method: string, lacking: string[]): Site {
  const { edits, imports } = syncToAsyncEdits(fc, call, callee, true);
  return fc.site(
    RULE,
    call,
    'review',
    `${callee.text}() reads the session and the user table; its async form calls ${method}() on the authentication backend (Django 5.2), which ${lacking.join(', ')} ${lacking.length === 1 ? 'does' : 'do'} not define (not derived from BaseBackend), so it runs through sync_to_async (thread-sensitive)`,
    edits,
    { imports },
  );
}


/**
 * The backends in settings.AUTHENTICATION_BACKENDS (Django's default: ModelBackend) that do not
 * have `method`: Django's own have it, as do project backends deriving from one of Django's or
 * defining it; anything else (another package's backend, a plain class) counts as lacking it.
 */
export function backendsLacking(ac: AnalysisContext, method: 'aauthenticate' | 'aget_user'): string[] {
  return backendsLackingIn(ac.project, method);
}

