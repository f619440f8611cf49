"""Helpers shared by the test suites, the benchmarks and scripts/: test modules import these
(and pytest fixtures from conftest.py), never one another."""
