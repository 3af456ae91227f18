# fixture-options: entry=all
# A test method of a mixin that type() later mixes into test cases reads a file, but
# the runner calls it synchronously (unittest and pytest would not await a coroutine,
# and the test would pass without running): it stays sync under --entry all.
import os
import unittest

HERE = os.path.dirname(__file__)


class InboxTemplate:
    method = None

    def test_reads_message(self):
        with open(os.path.join(HERE, "message.eml")) as fd:
            text = fd.read()
        self.assertIn("Subject:", text)


for method in ("pop3", "imap"):
    globals()[f"Inbox{method}Tests"] = type(f"Inbox{method}Tests", (InboxTemplate, unittest.TestCase), {"method": method})
