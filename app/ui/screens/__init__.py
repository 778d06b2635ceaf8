"""One module a screen; each reads through services and shows plain rows."""
