"""Demo data of the events app."""


def load(actor) -> dict:
    return {}
