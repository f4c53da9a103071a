"""Offline translation and Japanese proofreading workstation."""

__version__ = "0.1.0"
__all__ = ["__version__"]
