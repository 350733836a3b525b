"""chiso: track the figures and deadlines that public reports announce."""

__version__ = "0.1.0"

__all__ = ["__version__"]
