"""Diffs, hunks, accept/reject and the HTML report (no Qt)."""
