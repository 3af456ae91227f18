# fixture-options: entry=all
# A reusable app (pyproject.toml, no manage.py). `_context` stays sync (awaitify cannot classify
# `self.store.load()`, and the statement holding it holds the async work), so the helpers it
# calls keep their sync form. `total` is public: a project may await a twin of it. `_average`
# is private to its class, and nothing that becomes async awaits it: a twin of it would be
# dead code.
from django.db.models import Avg
from django.shortcuts import render
from django.views import View

from ledger.models import Entry
from ledger.store import Store


class LedgerView(View):
    store = Store()

    def _average(self):
        return Entry.objects.aggregate(avg=Avg("amount"))["avg"]

    def total(self):
        return Entry.objects.count()

    def _context(self, request):
        return {"saved": self.store.load(request), "average": self._average(), "total": self.total()}

    def get(self, request):
        return render(request, "ledger/index.html", self._context(request))
