from django.db import transaction


def migrate_rows(rows):
    with transaction.atomic():
        for row in rows:
            row.save()
