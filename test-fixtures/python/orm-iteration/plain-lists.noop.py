# fixture-options: entry=all
def view(request, rows):
    total = 0
    for row in rows:
        total += row["n"]
    return [r for r in list(rows)], total
