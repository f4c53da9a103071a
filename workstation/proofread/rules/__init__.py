"""Proofreading rules: one module per rule."""
