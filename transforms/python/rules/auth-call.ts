// authenticate/login/logout → aauthenticate/alogin/alogout (Django 5.0).
import { catalogSites } from '../call-rewrite.js';
import { ruleMeta, type PythonRule } from '../context.js';

export const authCall: PythonRule = {
  meta: ruleMeta({
    id: 'auth-call',
    safety: 'safe',
    minTargets: { django: '5.0' },
    docs: {
      summary: 'Replaces django.contrib.auth authenticate/login/logout/get_user/update_session_auth_hash with their async forms.',
      whatItDoes:
        'In code that becomes async, calls resolving to `django.contrib.auth.authenticate`, `login`, `logout`, `get_user` and `update_session_auth_hash` become awaited `aauthenticate`, `alogin`, `alogout`, `aget_user`, `aupdate_session_auth_hash` (Django 5.0+), imported by name. Older targets get sync_to_async.',
      why: 'They read the user table and write the session; the sync forms raise SynchronousOnlyOperation in async code.',
      example: {
        before:
          "# fixture-options: entry=all\nfrom django.contrib.auth import authenticate, login\n\n\ndef sign_in(request):\n    user = authenticate(request, username=request.POST[\"u\"], password=request.POST[\"p\"])\n    login(request, user)\n",
        after:
          "# fixture-options: entry=all\nfrom django.contrib.auth import aauthenticate, alogin\n\n\nasync def sign_in(request):\n    user = await aauthenticate(request, username=request.POST[\"u\"], password=request.POST[\"p\"])\n    await alogin(request, user)\n",
      },
      safety: 'Safe on Django 5.0+. The sync_to_async fallback is marked for review.',
    },
  }),
  detect: (fc) => catalogSites(fc, 'auth-call'),
};
