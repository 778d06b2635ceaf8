"""History (the audit trail) and Backups: what changed and when, and copies to go back to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QListWidget, QListWidgetItem

from app import paths
from app.reports.audit_csv import write_audit_csv
from app.services import audit, backups
from app.services.book import BookError, EmployerBook
from app.services.operations import Change
from app.services.pa_queries import pa_names
from app.ui.widgets import Screen, button, button_grid, heading, paragraph, tell


class HistoryScreen(Screen):
    title = "History"
    shows = frozenset({Change.HISTORY})

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.book = book
        self.layout_.addWidget(heading("History"))
        self.layout_.addWidget(paragraph("Every change to this file: who made it, when, and why where a reason "
                                         "was given. Records cannot be changed; each is sealed to the one before, "
                                         "so any change made outside PA Books shows up here."))
        self.status = paragraph("")
        self.layout_.addWidget(self.status)
        self.list = QListWidget()
        self.list.setAccessibleName("Changes, newest first")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(300)
        self.layout_.addWidget(self.list)
        self.layout_.addWidget(button_grid((button("Check the history &again", self.refresh),
                                            button("E&xport the history (CSV)…", self.export,
                                                   "Export the history for the council or an auditor (CSV)")), 2))
        self.refresh()

    def refresh(self) -> None:
        problems = audit.check_history(self.book)
        if problems:
            self.status.setText("Warning: the history has been changed outside PA Books. " + "; ".join(problems)
                                + ". Restore a backup from before the change, or ask for help.")
        else:
            self.status.setText("The history is intact: no record has been changed or removed.")
        self.list.clear()
        names = pa_names(self.book)
        for event in audit.history(self.book):
            self.list.addItem(QListWidgetItem(event.words(names)))
        if self.list.count():
            self.list.setCurrentRow(0)

    def export(self, target: Path | None = None) -> Path | None:
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export the history",
                                                    str(Path.home() / f"History {self.book.path.stem}.csv"),
                                                    "CSV files (*.csv)")
            if not chosen:
                return None
            target = Path(chosen)
        return write_audit_csv(audit.history(self.book), target, audit.check_history(self.book),
                               pa_names(self.book))


class BackupsScreen(Screen):
    title = "Backups"

    def __init__(self, book: EmployerBook, open_restored: object) -> None:
        super().__init__()
        self.book = book
        self.open_restored = open_restored
        self.layout_.addWidget(heading("Backups"))
        self.layout_.addWidget(paragraph(
            "PA Books copies this file the first time you open it each day, and before anything that cannot be "
            "undone, such as approving a timesheet. It keeps 7 daily, 5 weekly and 12 monthly copies. A copy is "
            "restored into a new file, so the file you have open is never overwritten."))
        self.layout_.addWidget(paragraph(f"This file's copies are kept in {backups.own_folder(book)}."))
        self.list = QListWidget()
        self.list.setAccessibleName("Backups, newest first")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(240)
        self.layout_.addWidget(self.list)
        self.restore_button = button("&Restore the chosen copy into a new file…", self.restore)
        self.copy_button = button("&Take a copy now", self.copy_now)
        self.copy_button.setEnabled(not book.is_demo() and not book.read_only)  # the list says why when not
        holder = button_grid((self.restore_button, self.copy_button), 2)
        self.layout_.addWidget(holder)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for backup in backups.list_backups(self.book):
            item = QListWidgetItem(backup.words())
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        has = self.list.count() > 0
        if has:
            self.list.setCurrentRow(0)
        elif self.book.is_demo():
            self.list.addItem("This is the demo file, made fresh each time: it is not backed up.")
        else:
            self.list.addItem("No copies yet. The first is taken the next time this file is opened.")
        self.restore_button.setEnabled(has)

    def copy_now(self) -> None:
        try:
            backups.take_copy(self.book, "by-hand")
        except BookError as exc:
            tell(self, "No copy was taken", str(exc))
        except OSError as exc:
            tell(self, "No copy was taken", f"The copy could not be written ({exc}). Check there is space on the "
                 "disk.")
        self.refresh()

    def restore(self, target: Path | None = None) -> bool:
        item = self.list.currentItem()
        source = item.data(Qt.ItemDataRole.UserRole) if item else None
        if not source:
            return False
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Restore into a new file",
                                                    str(Path.home() / f"{self.book.path.stem} restored.pabooks"),
                                                    f"PA Books files (*{paths.FILE_SUFFIX})")
            if not chosen:
                return False
            target = Path(chosen)
        try:
            restored = backups.restore(self.book, Path(source), target)
        except BookError as exc:
            tell(self, "Nothing was restored", str(exc))
            return False
        path = restored.path
        restored.close()
        self.open_restored(path)  # type: ignore[operator]
        return True
