"""Benchmarks against peers (``make bench``); not part of ``make test``."""
