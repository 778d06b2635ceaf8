"""The payroll rules: pure functions over frozen dataclasses, with rates loaded from data files.

No Qt, no SQLAlchemy, no clock and no disk at call time (rates files are read once, on first use).
"""
