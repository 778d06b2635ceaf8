"""The main window: navigation on the left, one screen at a time, File and Help menus."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import paths
from app.services import settings
from app.services.changes import Change
from app.services.problems import BookError, FileOpenError
from app.ui.style import apply_style
from app.ui.widgets import SCROLL_BAR_ALWAYS_OFF, Screen, heading, left_aligned, paragraph

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from app.services.book import EmployerBook
    from app.services.home_glance import HomeGlance
    from app.ui.dialogs import NewFileDialog
    from app.ui.screens.home import HomeScreen

# This module loads only Qt and light parts of PA Books, so the window shows at once; the database code, the
# services and the screens are imported where they are first needed (see `begin_opening`).

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
            self.layout_.addWidget(left_aligned(button))
        self.layout_.addStretch(1)


class OpeningScreen(Screen):
    """Shown from the first moment while PA Books loads the rest of itself and opens the file: the window is up
    at once, and says what it is doing. (While Home shows the file's glance, each other screen shows this until the
    file is open, then itself.)"""

    title = "Opening"

    def __init__(self, what: str, screen: str = "Home") -> None:
        super().__init__()
        self.heading = heading(f"Opening {what}…")
        self.layout_.addWidget(self.heading)
        self.layout_.addWidget(paragraph(f"PA Books is getting ready. {screen} will show here in a moment."))
        self.layout_.addStretch(1)
        self.setAccessibleName(f"Opening {what}: {screen} will show here in a moment")


# Everything opening a file needs that the window did not: imported on a worker thread while the window is up.
LOADED_LATER = ("app.services.opening", "app.services.demo", "app.services.about_file", "app.ui.screens.home")
# Every other screen, the dialogs and the PDF reports: loaded behind Home once it is up (Home does not wait for
# them), so the first visit to a screen does not wait for its code either. (UK bank holidays come from a table
# shipped with the app, app/core/bank_holidays.json, so the `holidays` package, which loads every country's, is not
# needed at all.)
LOADED_AFTER = ("app.ui.screens.pas", "app.ui.screens.timesheets", "app.ui.dialogs", "app.ui.dialogs_security",
                "app.ui.screens.pay", "app.ui.screens.money", "app.ui.screens.records", "app.ui.screens.settings",
                "app.ui.screens.returns", "app.reports.payslip_pdf")


# Screens slow to make on a big file (Money sums the accounts and reads the year's register and forecast; Council
# returns works out the latest return): made one at a time once Home is up and the window is idle, so the first
# visit only shows them. One visited sooner is made then, as every other screen is.
MADE_WHEN_IDLE = ("Money", "Council returns")
IDLE_AFTER_MS = 300
AFTER_HOME_WAIT_S = 10  # `LOADED_AFTER` is loaded once Home is up, or after this long whatever happens


def _pas_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.pas import PasScreen  # each screen's code is imported when it is first made

    return PasScreen(book)


def _timesheets_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.timesheets import TimesheetsScreen

    return TimesheetsScreen(book)


def _history_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.records import HistoryScreen

    return HistoryScreen(book)


def _backups_screen(book: EmployerBook, open_path: Callable[[Path], bool]) -> Screen:
    from app.ui.screens.records import BackupsScreen

    return BackupsScreen(book, open_path)


def _settings_screen(book: EmployerBook, set_text_scale: Callable[[int], None],
                     show_recovery_key: Callable[[EmployerBook], None]) -> Screen:
    from app.ui.screens.settings import SettingsScreen

    return SettingsScreen(str(book.path), set_text_scale, book, show_recovery_key)


def _pay_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.pay import PayScreen

    return PayScreen(book)


def _money_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.money import MoneyScreen  # made when first shown

    return MoneyScreen(book)


def _returns_screen(book: EmployerBook) -> Screen:
    from app.ui.screens.returns import ReturnsScreen  # made when first shown

    return ReturnsScreen(book)


class _Loader(QObject):
    """Imports `LOADED_LATER` on a thread of its own, and makes today's demo if the window is to open it; says on
    the GUI thread when it is done (or what failed)."""

    done = Signal(str)  # "" when everything loaded, else the error in words

    def __init__(self, demo: bool) -> None:
        super().__init__()
        self.demo = demo
        self.home_up = threading.Event()  # set once Home is on screen: `LOADED_AFTER` waits, not to slow it

    def go_on(self) -> None:
        self.home_up.set()

    def start(self) -> None:
        threading.Thread(target=self._load, name="pabooks-loader", daemon=True).start()

    def _load(self) -> None:
        import importlib

        try:
            for name in LOADED_LATER:
                importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - said to the user on the GUI thread, never lost
            self.done.emit(f"{type(exc).__name__}: {exc}")
            return
        if self.demo:
            from app.services.demo import prepare_demo

            try:
                prepare_demo()
            except Exception:  # noqa: BLE001, S110 - the window's own `open_demo` tries again and says what is wrong
                pass
        self.done.emit("")
        self.home_up.wait(timeout=AFTER_HOME_WAIT_S)  # two threads importing at once only slow each other
        for name in LOADED_AFTER:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001, S112 - imported again, and any fault said, when first used
                continue


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
        self.book: EmployerBook | None = None
        self.screens: dict[str, Screen] = {}
        self._opening: tuple[Path | None, Callable[[], None]] | None = None  # what to open once loaded
        self._up_to_date: set[str] = set()  # screens that have read their records since the last change
        self._up_to_date_on: date | None = None
        self._loader: _Loader | None = None
        self._glance_home: HomeScreen | None = None  # Home from the file's glance, while the file opens
        self._froze_before = False  # whether a file's objects were frozen out of garbage collection before
        self._screens_made = 0  # counts each new set of screens (a file opened, the text size changed, closed)
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
        self.navigation.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
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
        self._action(help_menu, "&Keys (using PA Books with the keyboard)", None, self.show_keys)
        self._action(help_menu, "&About PA Books", QKeySequence("F1"), self.show_about)  # F1 on every platform
        self._fill_recent()

    def _action(self, menu: QMenu, text: str, keys: QKeySequence | QKeySequence.StandardKey | None,
                slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        # setShortcuts, not setShortcut: PySide's setShortcut makes all of Qt's enums first (see app.ui.widgets).
        if isinstance(keys, QKeySequence):
            action.setShortcuts([keys])
        elif keys is not None:
            action.setShortcuts(keys)  # every key the platform has for it (Ctrl+W and Ctrl+F4 to close)
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

    def begin_opening(self, path: Path | None, when_open: Callable[[], None] = lambda: None,
                      when_home: Callable[[], None] = lambda: None) -> None:
        """At start: the window shows at once with Home from the glance the file keeps (app.services.home_glance)
        or, when there is none to show, saying what it is opening; the rest of PA Books loads on a worker thread,
        then the file (or the demo, when `path` is None) opens here on the GUI thread and `when_open` runs.
        `when_home` runs once Home is on screen. Anything the user opens or closes in the meantime wins over it."""
        from app.services import home_glance

        target = paths.demo_file() if path is None else path
        glance = home_glance.glance_at(target)
        if glance is not None:
            self._show_glance(glance)
        else:
            self.show_opening("the demo" if path is None else path.name)

        home_said: list[bool] = []

        def home_shown() -> None:  # said once: from the glance, or with the file open
            if not home_said:
                home_said.append(True)
                when_home()

        def opened() -> None:
            when_open()
            home_shown()

        self._opening = (path, opened)
        if glance is not None:
            QTimer.singleShot(0, home_shown)
        self._loader = _Loader(demo=path is None)
        self._loader.done.connect(self._loaded)  # queued: it is sent from the loader's thread

        def go_on() -> None:  # once the window is painted: loading must not hold it up
            if glance is None and home_glance.needs_key(target):  # the keyring, then: a tenth of a second
                found = home_glance.glance_at(target, use_keyring=True)
                if found is not None and self._opening is not None:
                    self._show_glance(found)
                    home_shown()
            assert self._loader is not None
            self._loader.start()

        QTimer.singleShot(0, go_on)

    def _show_glance(self, glance: HomeGlance) -> None:
        """Home from the file's glance, with every other screen saying it will show once the file is open: the
        holder can read Home and move about at once, and what they press is done when the file is open."""
        from app.ui.screens.home import HomeScreen

        summary = glance.summary
        self._clear_stack()
        home = HomeScreen(None, self.go_to, glance=summary, today=glance.today)

        def waiting(name: str) -> Callable[[], Screen]:
            return lambda: OpeningScreen(summary.file_name, name)

        factories: dict[str, Callable[[], Screen]] = {name: waiting(name) for name in SCREEN_ORDER[1:]}
        factories["Home"] = lambda: home
        self.screens = LazyScreens(factories, self.stack)
        self._glance_home = home
        self.navigation.setEnabled(True)
        self.navigation.setVisible(True)
        self.setWindowTitle(f"{summary.file_name}{' — Demo, not real data' if summary.is_demo else ''} — PA Books")
        self.navigation.setCurrentRow(0)
        self._show_screen(0)
        self.navigation.setFocus()

    def show_opening(self, what: str) -> None:
        """"Opening the demo…" where Home will be, with the File and Help menus working meanwhile."""
        self._show_start(OpeningScreen(what))
        self.setWindowTitle(f"Opening {what} — PA Books")

    def _loaded(self, error: str) -> None:
        if self._loader is not None:  # once this has run and the window has painted, load the rest behind it
            QTimer.singleShot(0, self._loader.go_on)
        opening, self._opening = self._opening, None
        if opening is None:  # the user chose something else while PA Books was loading
            return
        path, when_open = opening
        if error:
            self._show_start()
            self.show_problem("PA Books could not finish starting",
                              f"Part of PA Books did not load: {error}\n\nPlease reinstall PA Books. If this "
                              "happens again, the error log in Help ▸ About says what went wrong.")
            return
        from app.services.opening import tidy_up

        tidy_up()
        if path is None:
            self._open_demo(keep_glance=True)
        elif not self._open_path(path, keep_glance=True):
            self._show_start()  # the problem was shown; the start screen lets the user choose another file
        when_open()

    def opening(self) -> bool:
        """Whether the window is still loading the file it was started on."""
        return self._opening is not None

    def open_demo(self) -> None:
        self._open_demo(keep_glance=False)

    def _open_demo(self, keep_glance: bool) -> None:
        from app.services.demo import fresh_demo

        self._release(keep_glance)
        try:
            self._show_book(fresh_demo())
        except (FileOpenError, OSError, BookError) as exc:
            self.show_problem("The demo could not be made", str(exc))

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, "Open an employer file", str(Path.home()),
                                                f"PA Books files (*{paths.FILE_SUFFIX});;All files (*)")
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        """Open a file; on any problem say what is wrong and keep what was open before. An encrypted file
        whose key this computer does not keep asks for its passphrase or recovery key; a file open in
        another copy of PA Books can be looked at read-only."""
        return self._open_path(path, keep_glance=False)

    def _open_path(self, path: Path, keep_glance: bool) -> bool:
        book = self._open_with_key(path, read_only=False)
        if book is None:
            return False
        self._release(keep_glance)
        self._show_book(book)
        return True

    def _open_with_key(self, path: Path, read_only: bool) -> EmployerBook | None:
        from app.services.opening import open_file

        try:
            return open_file(path, _WindowAsker(self), read_only=read_only)
        except (FileOpenError, BookError, OSError) as exc:
            self.show_problem("This file could not be opened", str(exc))
            return None

    def ask_restore(self, message: str, rescue_words: str) -> bool:
        """Offer the newest backup of a damaged file. (Tests replace this.)"""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "This file is damaged", f"{message}\n\n{rescue_words}",
                          parent=self)
        restore = box.addButton("&Restore the copy into a new file", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is restore

    def ask_secret(self, file_name: str, message: str) -> tuple[str, bool] | None:
        """The passphrase or recovery key, and whether to keep the key here; None if the user cancels.
        (Tests replace this.)"""
        from app.services import security
        from app.ui.dialogs_security import UnlockDialog

        dialog = UnlockDialog(file_name, message, security.keyring_available(), self)
        if dialog.exec() != UnlockDialog.DialogCode.Accepted:
            return None
        return dialog.secret.text(), dialog.remember.isChecked()

    def ask_read_only(self, message: str) -> bool:
        """Offer to look at a file another copy of PA Books has open. (Tests replace this.)"""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Information, "This file is in use", message, parent=self)
        look = box.addButton("&Look at it read-only", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Cancel", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is look

    def show_recovery_key(self, book: EmployerBook) -> None:
        """After a file is made or given a new key: the recovery key to print. (Tests replace this.)"""
        from app.services.about_file import file_info
        from app.ui.dialogs_security import RecoveryKeyDialog

        key = book.recovery_key()
        if key is not None:
            RecoveryKeyDialog(key, book.path.name, file_info(book).person_name, self).exec()

    def new_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from app.ui.dialogs import NewFileDialog

        dialog = NewFileDialog(self)
        if dialog.exec() != NewFileDialog.DialogCode.Accepted:
            return
        chosen, _ = QFileDialog.getSaveFileName(self, "Save the new employer file",
                                                str(Path.home() / f"{dialog.person.text().strip()}{paths.FILE_SUFFIX}"),
                                                f"PA Books files (*{paths.FILE_SUFFIX})")
        if chosen:
            self.create_file(Path(chosen), dialog)

    def create_file(self, path: Path, dialog: NewFileDialog) -> bool:
        from app.services.book import EmployerBook

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

    def _release(self, keep_glance: bool = False) -> None:
        """Close the open file. `keep_glance`: the file the glance on Home is of has opened, to take its place."""
        self._opening = None  # whatever the window was started on, the user's choice comes first
        if not keep_glance:
            self._glance_home = None
        if self.book is not None:
            for screen in list(self.screens.values()):
                screen.settle()  # an answer from HMRC still on its way is recorded in this file first
            from app.services.home_glance import keep_current_glance

            keep_current_glance(self.book)  # so the next start shows Home at once
            self.book.notices.unsubscribe(self._changed)
            self.book.close()
            self.book = None
            gc.unfreeze()  # what the closed file leaves behind is collected as usual (see _show_book)

    def _changed(self, kinds: frozenset[Change]) -> None:
        """After an operation: refresh the screen in view if it shows what changed; every other screen reads its
        records again when it is next shown."""
        self._up_to_date.clear()
        screen = self.stack.currentWidget()
        if isinstance(screen, Screen) and screen.shows & kinds:
            screen.refresh()

    # -- showing -------------------------------------------------------------------------------

    def _clear_stack(self) -> None:
        self._up_to_date.clear()
        while self.stack.count():
            widget = self.stack.widget(0)
            assert widget is not None
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.screens = LazyScreens({}, self.stack)
        self._screens_made += 1

    def _show_start(self, screen: Screen | None = None) -> None:
        self._glance_home = None
        self._clear_stack()
        self.stack.addWidget(screen or StartScreen(self))
        self.navigation.setEnabled(False)
        self.navigation.setVisible(False)
        self.close_action.setEnabled(False)
        self.read_only_banner.setVisible(False)
        self.setWindowTitle("PA Books")

    def _show_book(self, book: EmployerBook) -> None:
        """Show the open file on Home, or, when Home shows its glance, where the holder is now (Home is given the
        file and the screen they moved to shows itself, without moving the focus from where they are)."""
        glance_home, self._glance_home = self._glance_home, None
        row = self.navigation.currentRow() if glance_home is not None else 0
        # Moved on to a screen that said it would show in a moment (by Enter on a reminder, or a shortcut): the
        # focus goes to it once it shows. On Home, or in the list of screens, it stays where it is.
        waiting = glance_home is not None and row != 0 and not self.navigation.hasFocus()
        self.book = book
        book.notices.subscribe(self._changed)
        settings.remember_file(book.path)
        self._fill_recent()
        self._build_screens(book, glance_home)
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
        self.navigation.setCurrentRow(row)
        self._show_screen(row)
        if glance_home is None:
            self.navigation.setFocus()
        elif waiting:
            self.screens[SCREEN_ORDER[row]].setFocus()
        QTimer.singleShot(0, self._freeze)  # once the earlier file's screens are deleted (after this returns)
        made_for = self._screens_made  # the timer holds a number, not the screens: a closed file is let go at once
        QTimer.singleShot(IDLE_AFTER_MS, lambda: self._make_when_idle(made_for, MADE_WHEN_IDLE))
        if book.opening_notes:
            self.show_problem("PA Books put something right", "\n".join(book.opening_notes))

    def _freeze(self) -> None:
        """Everything made so far (the code, the open file's engine, Home) lives until the file is closed: the
        garbage collector need not look through it again. Without this a full collection (about 0.1 s with a big
        file open) comes at a random moment, such as in the middle of switching screens. What an earlier file
        left behind is collected first, so it is never frozen with the rest (switching files never leaks)."""
        if self.book is None:
            return
        if self._froze_before:
            gc.collect()
        gc.freeze()
        self._froze_before = True

    def _make_when_idle(self, made_for: int, names: tuple[str, ...]) -> None:
        """Make the first of `names` not made yet, then the next when the window is idle again; stops once another
        file (or text size) has replaced the screens it was for. Made now, a screen has read its records: until
        something changes, its first visit need not read them again."""
        if made_for != self._screens_made or self.book is None or not names:
            return
        name, rest = names[0], names[1:]
        if name not in self.screens:
            self.screens[name]  # noqa: B018 - made by LazyScreens on first asking
            self._up_to_date.add(name)
        QTimer.singleShot(0, lambda: self._make_when_idle(made_for, rest))

    def _build_screens(self, book: EmployerBook, home: HomeScreen | None = None) -> None:
        """Each screen is made the first time it is shown (or asked for): opening a file shows Home without
        waiting for, say, the Timesheets screen's hours and bank holidays. `home`: the Home showing the file's
        glance, which is given the file and kept."""
        from app.ui.screens.home import HomeScreen

        if home is not None:
            self.stack.removeWidget(home)  # kept, not deleted with the screens that said "in a moment"
        self._clear_stack()
        factories: dict[str, Callable[[], Screen]] = {
            "Home": lambda: HomeScreen(book, self.go_to),
            "PAs": lambda: _pas_screen(book),
            "Timesheets": lambda: _timesheets_screen(book),
            "Pay": lambda: _pay_screen(book),
            "Money": lambda: _money_screen(book),
            "Council returns": lambda: _returns_screen(book),
            "History": lambda: _history_screen(book),
            "Backups": lambda: _backups_screen(book, self.open_path),
            "Settings": lambda: _settings_screen(book, self.set_text_scale, self.show_recovery_key),
        }
        self.screens = LazyScreens(factories, self.stack)
        if home is not None:
            home.attach(book)
            self.screens["Home"] = home
            self.stack.addWidget(home)
            self._up_to_date_on = book.today()
            self._up_to_date.add("Home")  # it worked itself out as it was given the file: not again at once

    def go_to(self, name: str) -> None:
        """Show a screen by name (a reminder on Home goes where it is put right)."""
        self.navigation.setCurrentRow(SCREEN_ORDER.index(name))
        self.screens[name].setFocus()

    def _show_screen(self, row: int) -> None:
        if not (0 <= row < len(SCREEN_ORDER) and self.screens):
            return
        name = SCREEN_ORDER[row]
        if self._glance_home is not None:  # until the file is open: Home's glance, or "in a moment"
            self.stack.setCurrentWidget(self.screens[name])
        elif self.book is not None:
            today = self.book.today()
            if today != self._up_to_date_on:  # "overdue", "this week" and the like move on with the date
                self._up_to_date.clear()
                self._up_to_date_on = today
            made_before = name in self.screens  # a screen made just now has read its records already
            screen = self.screens[name]
            # Shown again with nothing changed since it last read its records (switching screens to look):
            # nothing to read again. A screen that names nothing it shows reads every time.
            if made_before and (name not in self._up_to_date or not screen.shows):
                screen.refresh()
            self._up_to_date.add(name)
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
        from PySide6.QtCore import Qt

        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        return window

    def show_about(self) -> None:
        from app.ui.dialogs import AboutDialog

        AboutDialog(self).exec()

    def show_keys(self) -> None:
        from app.ui.dialogs import KeysDialog

        KeysDialog(self).exec()

    def show_problem(self, title: str, message: str) -> None:
        """Tell the user what went wrong and what to do (tests replace this to read the message)."""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self._release()
        super().closeEvent(event)
