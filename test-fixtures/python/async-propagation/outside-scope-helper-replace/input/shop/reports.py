from .views import order_count


def nightly_report():
    return f"{order_count()} orders"
