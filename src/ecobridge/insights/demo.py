"""Demo data of the insights app."""


def load(actor) -> dict:
    return {}
