"""Demo data of the certification app."""


def load(actor) -> dict:
    return {}
