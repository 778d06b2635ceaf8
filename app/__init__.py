"""PA Books: offline books for people who employ their own personal assistants."""

__version__ = "0.1.0"
