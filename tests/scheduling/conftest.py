"""Fixtures of the scheduling tests: ``facilitator`` and ``namur`` are shared
(tests/conftest.py)."""
