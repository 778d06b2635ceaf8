"""The main window: navigation on the left, one screen at a time, File and Help menus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.services import security, settings
from app.services.about_file import file_info
from app.services.book import BookError, EmployerBook
from app.services.demo import fresh_demo
from app.services.opening import FileOpenError, open_file
from app.services.operations import Change
from app.ui.dialogs import AboutDialog, KeysDialog, NewFileDialog
from app.ui.dialogs_security import RecoveryKeyDialog, UnlockDialog
from app.ui.screens.home import HomeScreen
from app.ui.screens.pas import PasScreen
from app.ui.screens.records import BackupsScreen, HistoryScreen
from app.ui.screens.settings import SettingsScreen
from app.ui.screens.timesheets import TimesheetsScreen
from app.ui.style import apply_style
from app.ui.widgets import Screen, heading, install_wheel_guard, paragraph

OPEN_WINDOWS: list[MainWindow] = []  # windows opened with File > New window, kept while they are open
SCREEN_ORDER = ("Home", "PAs", "Timesheets", "Pay", "Money", "Council returns", "History", "Backups", "Settings")


def recent_words(path: Path) -> str:
    """"Alex Morgan, in Clients/Morgan": the file and its folder, so two clients' "books" files are told apart
    (the person's name is not kept in PA Books' own settings, which are not encrypted)."""
    folder = "/".join(path.parent.parts[-2:])
    return f"{path.stem}, in {folder}"


class StartScreen(Screen):
    """Shown when no employer file is open."""

    title = "No file open"

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.layout_.addWidget(heading("No employer file is open"))
        self.layout_.addWidget(paragraph("Open the demo to look around, start a new employer file, or open one "
                                         "you already have."))
        for text, slot in (("Open the &demo", window.open_demo), ("&New employer file…", window.new_file),
                           ("&Open an employer file…", window.choose_file)):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(slot)
            self.layout_.addWidget(button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.layout_.addStretch(1)


def _pay_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.pay import PayScreen  # made when first shown: opening a file does not wait for it

    return PayScreen(book)


def _money_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.money import MoneyScreen  # made when first shown

    return MoneyScreen(book)


def _returns_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.returns import ReturnsScreen  # made when first shown

    return ReturnsScreen(book)


class LazyScreens(dict[str, Screen]):
    """The window's screens by name, each made (and put in the stack) when it is first asked for."""

    def __init__(self, factories: dict[str, Callable[[], Screen]], stack: QStackedWidget) -> None:
        super().__init__()
        self.factories = factories
        self.stack = stack

    def __missing__(self, name: str) -> Screen:
        screen = self.factories[name]()
        self[name] = screen
        self.stack.addWidget(screen)
        return screen

    def __bool__(self) -> bool:
        return bool(self.factories)


class _WindowAsker:
    """The opening flow's questions (app.services.opening), asked with the window's dialogs."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def secret(self, file_name: str, message: str) -> tuple[str, bool] | None:
        return self.window.ask_secret(file_name, message)

    def read_only(self, message: str) -> bool:
        return self.window.ask_read_only(message)

    def rescue(self, message: str, rescue_words: str) -> bool:
        return self.window.ask_restore(message, rescue_words)


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        install_wheel_guard()
        self.book: EmployerBook | None = None
        self.screens: dict[str, Screen] = {}
        self._init_central()
        self._init_menus()
        self._connect_signals()
        available = self.screen().availableGeometry()  # never larger than a small laptop's screen
        self.resize(min(1000, int(available.width() * 0.95)), min(680, int(available.height() * 0.9)))
        self._show_start()

    # -- building ------------------------------------------------------------------------------

    def _init_central(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.addItems(list(SCREEN_ORDER))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_navigation()
        self.stack = QStackedWidget()
        # Said on every screen while a file is open read-only: in words, not by greying things out alone.
        self.read_only_banner = QLabel("")
        self.read_only_banner.setObjectName("demoBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setVisible(False)
        right = QVBoxLayout()
        right.addWidget(self.read_only_banner)
        right.addWidget(self.stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

    def _init_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(file_menu, "&New employer file…", QKeySequence.StandardKey.New, self.new_file)
        self.open_action = self._action(file_menu, "&Open…", QKeySequence.StandardKey.Open, self.choose_file)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self._action(file_menu, "New &window (another client's file)", QKeySequence("Ctrl+Shift+N"), self.new_window)
        self._action(file_menu, "Open the &demo", None, self.open_demo)
        self.close_action = self._action(file_menu, "&Close", QKeySequence.StandardKey.Close, self.close_file)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)  # as About says, on every platform
        go_menu = self.menuBar().addMenu("&Go")
        for number, name in enumerate(SCREEN_ORDER, start=1):
            self._action(go_menu, name, QKeySequence(f"Ctrl+{number}"),
                         lambda _=False, row=number - 1: self.navigation.setCurrentRow(row))
        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&Keys (using PA Books with the keyboard)", None, lambda: KeysDialog(self).exec())
        self._action(help_menu, "&About PA Books", QKeySequence("F1"), self.show_about)  # F1 on every platform
        self._fill_recent()

    def _action(self, menu: QMenu, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
                slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect_signals(self) -> None:
        self.navigation.currentRowChanged.connect(self._show_screen)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in settings.load().recent_files if Path(p).exists()]
        for path in recent:
            action = self.recent_menu.addAction(recent_words(Path(path)))
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        if not recent:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)

    # -- files ---------------------------------------------------------------------------------

    def open_demo(self) -> None:
        self._release()
        try:
            self._show_book(fresh_demo())
        except (FileOpenError, OSError, BookError) as exc:
            self.show_problem("The demo could not be made", str(exc))

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Open an employer file", str(Path.home()),
                                                f"PA Books files (*{paths.FILE_SUFFIX});;All files (*)")
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        """Open a file; on any problem say what is wrong and keep what was open before. An encrypted file
        whose key this computer does not keep asks for its passphrase or recovery key; a file open in
        another copy of PA Books can be looked at read-only."""
        book = self._open_with_key(path, read_only=False)
        if book is None:
            return False
        self._release()
        self._show_book(book)
        return True

    def _open_with_key(self, path: Path, read_only: bool) -> EmployerBook | None:
        try:
            return open_file(path, _WindowAsker(self), read_only=read_only)
        except (FileOpenError, BookError, OSError) as exc:
            self.show_problem("This file could not be opened", str(exc))
            return None

    def ask_restore(self, message: str, rescue_words: str) -> bool:
        """Offer the newest backup of a damaged file. (Tests replace this.)"""
        box = QMessageBox(QMessageBox.Icon.Warning, "This file is damaged", f"{message}\n\n{rescue_words}",
                          parent=self)
        restore = box.addButton("&Restore the copy into a new file", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is restore

    def ask_secret(self, file_name: str, message: str) -> tuple[str, bool] | None:
        """The passphrase or recovery key, and whether to keep the key here; None if the user cancels.
        (Tests replace this.)"""
        dialog = UnlockDialog(file_name, message, security.keyring_available(), self)
        if dialog.exec() != UnlockDialog.DialogCode.Accepted:
            return None
        return dialog.secret.text(), dialog.remember.isChecked()

    def ask_read_only(self, message: str) -> bool:
        """Offer to look at a file another copy of PA Books has open. (Tests replace this.)"""
        box = QMessageBox(QMessageBox.Icon.Information, "This file is in use", message, parent=self)
        look = box.addButton("&Look at it read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is look

    def show_recovery_key(self, book: EmployerBook) -> None:
        """After a file is made or given a new key: the recovery key to print. (Tests replace this.)"""
        key = book.recovery_key()
        if key is not None:
            RecoveryKeyDialog(key, book.path.name, file_info(book).person_name, self).exec()

    def new_file(self) -> None:
        dialog = NewFileDialog(self)
        if dialog.exec() != NewFileDialog.DialogCode.Accepted:
            return
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the new employer file",
                                                str(Path.home() / f"{dialog.person.text().strip()}{paths.FILE_SUFFIX}"),
                                                f"PA Books files (*{paths.FILE_SUFFIX})")
        if chosen:
            self.create_file(Path(chosen), dialog)

    def create_file(self, path: Path, dialog: NewFileDialog) -> bool:
        try:
            book = EmployerBook.create(path, dialog.employer())
        except (BookError, FileExistsError, FileOpenError, OSError) as exc:
            self.show_problem("The file was not created", str(exc))
            return False
        self._release()
        self._show_book(book)
        self.show_recovery_key(book)
        return True

    def close_file(self) -> None:
        self._release()
        self._show_start()

    def _release(self) -> None:
        if self.book is not None:
            self.book.notices.unsubscribe(self._changed)
            self.book.close()
            self.book = None

    def _changed(self, kinds: frozenset[Change]) -> None:
        """After an operation: refresh the screen in view if it shows what changed (the others refresh when
        they are next shown)."""
        screen = self.stack.currentWidget()
        if isinstance(screen, Screen) and screen.shows & kinds:
            screen.refresh()

    # -- showing -------------------------------------------------------------------------------

    def _clear_stack(self) -> None:
        while self.stack.count():
            widget = self.stack.widget(0)
            assert widget is not None
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.screens = LazyScreens({}, self.stack)

    def _show_start(self) -> None:
        self._clear_stack()
        start = StartScreen(self)
        self.stack.addWidget(start)
        self.navigation.setEnabled(False)
        self.navigation.setVisible(False)
        self.close_action.setEnabled(False)
        self.read_only_banner.setVisible(False)
        self.setWindowTitle("PA Books")

    def _show_book(self, book: EmployerBook) -> None:
        self.book = book
        book.notices.subscribe(self._changed)
        settings.remember_file(book.path)
        self._fill_recent()
        self._build_screens(book)
        self.navigation.setEnabled(True)
        self.navigation.setVisible(True)
        self.close_action.setEnabled(True)
        demo = " — Demo, not real data" if book.is_demo() else ""
        read_only = " — Read only" if book.read_only else ""
        self.setWindowTitle(f"{book.path.name}{demo}{read_only} — PA Books")
        banner = book.read_only_words()
        self.read_only_banner.setText(banner or "")
        self.read_only_banner.setAccessibleName(banner or "")
        self.read_only_banner.setVisible(banner is not None)
        self.navigation.setCurrentRow(0)
        self._show_screen(0)
        self.navigation.setFocus()
        if book.opening_notes:
            self.show_problem("PA Books put something right", "\n".join(book.opening_notes))

    def _build_screens(self, book: EmployerBook) -> None:
        """Each screen is made the first time it is shown (or asked for): opening a file shows Home without
        waiting for, say, the Timesheets screen's hours and bank holidays."""
        self._clear_stack()
        factories: dict[str, Callable[[], Screen]] = {
            "Home": lambda: HomeScreen(book, self.go_to),
            "PAs": lambda: PasScreen(book),
            "Timesheets": lambda: TimesheetsScreen(book),
            "Pay": lambda: _pay_screen(book),
            "Money": lambda: _money_screen(book),
            "Council returns": lambda: _returns_screen(book),
            "History": lambda: HistoryScreen(book),
            "Backups": lambda: BackupsScreen(book, self.open_path),
            "Settings": lambda: SettingsScreen(str(book.path), self.set_text_scale, book, self.show_recovery_key),
        }
        self.screens = LazyScreens(factories, self.stack)

    def go_to(self, name: str) -> None:
        """Show a screen by name (a reminder on Home goes where it is put right)."""
        self.navigation.setCurrentRow(SCREEN_ORDER.index(name))
        self.screens[name].setFocus()

    def _show_screen(self, row: int) -> None:
        if 0 <= row < len(SCREEN_ORDER) and self.screens:
            screen = self.screens[SCREEN_ORDER[row]]
            screen.refresh()
            self.stack.setCurrentWidget(screen)

    def set_text_scale(self, percent: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_style(app, percent)
            app.processEvents()
        self._fit_navigation()
        if self.book is not None:  # headings carry their own size: build the screens again at the new size
            row = self.navigation.currentRow()
            self._build_screens(self.book)
            self.navigation.setCurrentRow(row)
            self._show_screen(row)

    def _fit_navigation(self) -> None:
        """As wide as the longest section name at the current text size, so none is cut off at 200%."""
        self.navigation.setFont(QApplication.font())
        width = max(self.navigation.fontMetrics().horizontalAdvance(name) for name in SCREEN_ORDER)
        self.navigation.setFixedWidth(width + 2 * self.navigation.frameWidth() + 40)

    def new_window(self) -> MainWindow:
        """A second window, for a second file side by side (a support worker with several clients)."""
        window = MainWindow()
        OPEN_WINDOWS.append(window)
        window.destroyed.connect(lambda *_: OPEN_WINDOWS.remove(window) if window in OPEN_WINDOWS else None)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def show_about(self) -> None:
        AboutDialog(self).exec()

    def show_problem(self, title: str, message: str) -> None:
        """Tell the user what went wrong and what to do (tests replace this to read the message)."""
        QMessageBox.warning(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._release()
        super().closeEvent(event)
