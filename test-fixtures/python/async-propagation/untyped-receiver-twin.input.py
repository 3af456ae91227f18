# fixture-options: entry=all
# `check` reads request.user, so --entry all chooses it; `site.check(...)` is a
# call on a receiver awaitify cannot type, which stays synchronous: `check`
# keeps its sync form and gains a twin.
class Admin:
    def check(self, request):
        return request.user.is_staff


def index(site, request):
    return site.check(request)
