"""Shifts, rotas and timesheets as pure rules: Europe/London wall-clock times to real instants, hours
split by kind of time, patterns that repeat, checks against the law and the support plan, and CSV
parsing that reports every bad line. No Qt, no SQLAlchemy, no clock."""
