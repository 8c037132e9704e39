"""Demo data of the alerts app."""


def load(actor) -> dict:
    return {}
