"""ecobridge — open platform for international environmental cooperation."""

__version__ = "0.1.0"
