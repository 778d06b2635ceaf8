"""The money in the direct payment account: a double-entry ledger, funds set aside, bank statements, what may be kept."""
