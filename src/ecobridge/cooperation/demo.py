"""Demo data of the cooperation app."""


def load(actor) -> dict:
    return {}
