"""Storage plumbing: opening employer files safely, migrations shipped in the package, locks and backups."""
