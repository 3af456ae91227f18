from .services import staff_panels


def report():
    return len(staff_panels())
