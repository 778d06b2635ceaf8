"""The Qt shell: windows, screens and dialogs that call services. No business rule lives here."""
