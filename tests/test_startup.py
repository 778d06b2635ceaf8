"""Start-up (issue: what a newcomer hit): the window is on screen before the database code, the services and the
screens are loaded, says what it is opening, and opens the file once they are; a choice the user makes in the
meantime wins. (benchmarks/startup.py measures how long each step takes; no test here is timed.)"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.clock import FixedClock
from app.services.book import EmployerBook, NewEmployer
from app.ui import main_window
from app.ui.main_window import MainWindow, OpeningScreen
from tests import ops
from tests.test_gui_controls import menu_choose

REPO = Path(__file__).resolve().parent.parent
REAL_START = main_window._Loader.start  # loads on a thread of its own


def test_the_window_and_the_command_line_load_no_database_code() -> None:
    """What the window needs before it is shown, and `pabooks --help`, import neither SQLAlchemy nor Alembic nor
    the services that use them (each took a second or more of start-up)."""
    script = ("import sys\nimport app.ui.application, app.cli_commands\napp.cli_commands._parser()\n"
              "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', 'reportlab')\n"
              "               or m in ('app.services.book', 'app.services.operations', 'app.models'))\n"
              "print(','.join(heavy))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO,
                            timeout=120)
    assert result.stdout.strip() == ""


@pytest.fixture
def starting(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A window as `make run` makes it, with the loader held until the test lets it finish (in this process
    the modules are already imported, so it would otherwise finish at once)."""
    monkeypatch.setattr(main_window._Loader, "start", lambda self: None)
    win = MainWindow()
    qtbot.addWidget(win)
    win.problems = []
    win.show_problem = lambda title, message: win.problems.append((title, message))
    win.show()
    yield win
    win.close()


def test_the_window_says_what_it_is_opening_then_shows_home(starting: MainWindow, qtbot: Any) -> None:
    opened: list[bool] = []
    starting.begin_opening(None, lambda: opened.append(True))
    shown = starting.stack.currentWidget()
    assert isinstance(shown, OpeningScreen) and shown.heading.text() == "Opening the demo…"
    assert starting.windowTitle() == "Opening the demo — PA Books" and not starting.navigation.isVisible()
    assert starting.opening() and starting.book is None
    assert starting._loader is not None
    starting._loader.done.emit("")  # the loader's thread says it has loaded everything
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert starting.book is not None and starting.book.is_demo() and not starting.opening()
    assert starting.navigation.isVisible() and starting.stack.currentWidget() is starting.screens["Home"]


def test_a_file_given_at_start_opens_once_loaded(starting: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "Morgan.pabooks", NewEmployer("Alex Morgan"))
    book.close()
    opened: list[bool] = []
    starting.begin_opening(tmp_path / "Morgan.pabooks", lambda: opened.append(True))
    assert starting.stack.currentWidget().heading.text() == "Opening Morgan.pabooks…"  # type: ignore[attr-defined]
    assert starting._loader is not None
    starting._loader.done.emit("")
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert starting.book is not None and starting.book.path == (tmp_path / "Morgan.pabooks").resolve()


def test_what_the_user_opens_while_loading_wins(starting: MainWindow, qtbot: Any, tmp_path: Path) -> None:
    """File ▸ Open the demo pressed while the window is still opening another file: the demo stays open, and the
    file the window was started on is not opened over it when loading ends."""
    book = EmployerBook.create(tmp_path / "Morgan.pabooks", NewEmployer("Alex Morgan"))
    book.close()
    opened: list[bool] = []
    starting.begin_opening(tmp_path / "Morgan.pabooks", lambda: opened.append(True))
    menu_choose(qtbot, starting, "File", "Open the demo")
    assert starting.book is not None and starting.book.is_demo() and not starting.opening()
    assert starting._loader is not None
    starting._loader.done.emit("")
    qtbot.wait(50)
    assert starting.book.is_demo() and not opened


def test_a_part_that_does_not_load_is_said_in_words(starting: MainWindow, qtbot: Any,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken install (a module missing from the bundle): the window says so and offers the start screen, rather
    than staying on "Opening…" for ever."""
    monkeypatch.setattr(main_window, "LOADED_LATER", ("app.ui.no_such_screen",))
    starting.begin_opening(None)
    assert starting._loader is not None
    REAL_START(starting._loader)  # on its own thread, as at a real start
    qtbot.waitUntil(lambda: bool(starting.problems), timeout=60_000)
    title, message = starting.problems[0]
    assert title == "PA Books could not finish starting"
    assert "app.ui.no_such_screen" in message and "reinstall" in message
    assert starting.book is None and not starting.opening()
    assert starting.stack.currentWidget().__class__.__name__ == "StartScreen"


def test_the_rest_loads_only_once_home_is_up(starting: MainWindow, qtbot: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Everything Home does not need loads on the loader's thread after Home is on screen, never alongside the
    file opening (two threads importing at once share one interpreter lock, so each only slows the other)."""
    open_when_imported: list[bool] = []
    monkeypatch.setattr(main_window, "LOADED_LATER", ("json",))
    monkeypatch.setattr(main_window, "LOADED_AFTER", ("app.ui.no_such_screen",))
    real_import = importlib.import_module

    def importing(name: str) -> Any:
        if name == "app.ui.no_such_screen":
            open_when_imported.append(starting.book is not None)  # the demo already open on Home?
            return real_import("json")
        return real_import(name)

    monkeypatch.setattr(importlib, "import_module", importing)
    opened: list[bool] = []
    starting.begin_opening(None, lambda: opened.append(True))
    assert starting._loader is not None
    REAL_START(starting._loader)
    qtbot.waitUntil(lambda: bool(opened) and bool(open_when_imported), timeout=60_000)
    assert starting.book is not None and starting.book.is_demo()
    assert open_when_imported == [True]
    assert starting._loader.home_up.is_set()


# -- Home at once, from the glance the file keeps (app.services.home_glance) -------------------------------------


def demo_with_glance() -> None:
    """Today's demo, made and closed with its Home kept, as after PA Books was last closed."""
    from app.services.demo import fresh_demo
    from app.services.home import home_summary
    from app.services.home_glance import keep_glance

    demo = fresh_demo()
    keep_glance(demo, home_summary(demo))
    demo.close()


def test_home_shows_at_once_and_the_file_opens_behind_it(starting: MainWindow, qtbot: Any) -> None:
    """The window starts on Home from the glance, before the database code is loaded; the holder can read it and
    move about, a screen they choose says it will show in a moment, and shows itself once the file is open (with
    the focus on it, where they were), on the same Home, now given the file."""
    from app.ui.screens.home import HomeScreen

    demo_with_glance()
    opened: list[bool] = []
    home_up: list[bool] = []
    starting.begin_opening(None, lambda: opened.append(True), lambda: home_up.append(True))
    home = starting.stack.currentWidget()
    assert isinstance(home, HomeScreen) and home.book is None
    assert home.heading.text() == "Direct payment for Alex Morgan" and home.todo_list.count() > 0
    assert starting.navigation.isVisible() and starting.navigation.hasFocus()
    assert starting.windowTitle() == "Demo employer.pabooks — Demo, not real data — PA Books"
    assert starting.opening() and starting.book is None
    readings = counting_refreshes(starting, ("Home",))
    qtbot.waitUntil(lambda: bool(home_up), timeout=10_000)  # said once it is on screen, not when the file opens
    assert not opened
    qtbot.keyClick(starting, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # PAs, before the file is open
    waiting = starting.stack.currentWidget()
    assert isinstance(waiting, OpeningScreen) and "PAs will show here in a moment" in waiting.accessibleName()
    waiting.setFocus()
    assert starting._loader is not None
    starting._loader.done.emit("")
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    assert starting.book is not None and starting.book.is_demo() and home_up == [True]
    pas = starting.screens["PAs"]
    assert starting.stack.currentWidget() is pas and pas.__class__.__name__ == "PasScreen" and pas.hasFocus()
    assert starting.screens["Home"] is home and home.book is starting.book
    qtbot.keyClick(starting, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert starting.stack.currentWidget() is home
    assert readings == {"Home": 1}  # worked out once, as it was given the file; not again on showing it


def test_what_is_pressed_on_home_before_the_file_opens_is_done_once_it_is(starting: MainWindow, qtbot: Any,
                                                                         dialogs: Any) -> None:
    from tests.test_gui_controls import press

    demo_with_glance()
    opened: list[bool] = []
    starting.begin_opening(None, lambda: opened.append(True))
    home = starting.stack.currentWidget()
    press(qtbot, home, "Employer details")  # nothing opens yet: its details are in the file
    seen: list[str] = []
    dialogs.answer(lambda dialog: (seen.append(dialog.windowTitle()), press(qtbot, dialog, "Cancel")))
    assert starting._loader is not None
    starting._loader.done.emit("")
    qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    assert "Employer details" in seen[0] and opened


def test_a_reminder_chosen_before_the_file_opens_goes_where_it_is_put_right(starting: MainWindow, qtbot: Any) -> None:
    demo_with_glance()
    opened: list[bool] = []
    starting.begin_opening(None, lambda: opened.append(True))
    home = starting.stack.currentWidget()
    home.todo_list.setFocus()
    home.todo_list.setCurrentRow(0)  # the council's return, the demo's first reminder
    qtbot.keyClick(home.todo_list, Qt.Key.Key_Return)
    waiting = starting.stack.currentWidget()
    assert isinstance(waiting, OpeningScreen) and "Council returns will show here" in waiting.accessibleName()
    assert starting._loader is not None
    starting._loader.done.emit("")
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    returns = starting.screens["Council returns"]
    assert starting.stack.currentWidget() is returns and returns.hasFocus()


def test_home_out_of_date_is_never_shown(starting: MainWindow, qtbot: Any) -> None:
    """The demo changed since its Home was kept: the window says it is opening, as when there is no glance."""
    from app.services.book import EmployerBook

    demo_with_glance()
    from app import paths

    demo = EmployerBook.open(paths.demo_file())
    ops.add_check(demo, 1, "training", "Moving and handling", demo.today(), None)
    demo.close()
    starting.begin_opening(None)
    assert isinstance(starting.stack.currentWidget(), OpeningScreen)
    assert not starting.navigation.isVisible()


def test_an_encrypted_file_shows_home_once_the_keyring_gives_its_key(starting: MainWindow, qtbot: Any,
                                                                    tmp_path: Path) -> None:
    """The window is shown first ("Opening…"), then the keyring is asked (it takes a tenth of a second to load),
    then Home shows from the glance."""
    from app.services.home import home_summary
    from app.services.home_glance import keep_glance
    from app.ui.screens.home import HomeScreen

    book = EmployerBook.create(tmp_path / "Morgan.pabooks", NewEmployer("Alex Morgan"))
    keep_glance(book, home_summary(book))
    book.close()
    home_up: list[bool] = []
    starting.begin_opening(tmp_path / "Morgan.pabooks", when_home=lambda: home_up.append(True))
    assert isinstance(starting.stack.currentWidget(), OpeningScreen)
    qtbot.waitUntil(lambda: isinstance(starting.stack.currentWidget(), HomeScreen), timeout=10_000)
    assert home_up == [True] and starting.stack.currentWidget().heading.text() == "Direct payment for Alex Morgan"


def test_home_at_once_makes_none_of_qts_enums_and_filters_no_event(tmp_path: Path) -> None:
    """What the window does before Home is on screen never uses PySide's `Qt` namespace (its first use makes its
    100-odd enums: a sixth of a bare window's start-up) and installs no filter on every event of the application (a
    filter in Python made PySide load a class for each kind of object an event went to, and slows every event).
    The numbers code on that path uses instead are Qt's own."""
    from PySide6.QtCore import Qt as RealQt

    from app.ui import widgets

    assert widgets.NO_FOCUS == RealQt.FocusPolicy.NoFocus.value
    assert widgets.TAB_FOCUS == RealQt.FocusPolicy.TabFocus.value
    assert widgets.SCROLL_BAR_ALWAYS_OFF == RealQt.ScrollBarPolicy.ScrollBarAlwaysOff.value
    assert widgets.PLAIN_TEXT == RealQt.TextFormat.PlainText.value
    assert widgets.DISPLAY_ROLE == RealQt.ItemDataRole.DisplayRole.value
    assert widgets.USER_ROLE == RealQt.ItemDataRole.UserRole.value
    script = """
import enum, os, sys
made = []
real = enum.EnumType._create_
def making(cls, name, *args, **kwargs):
    made.append(name)
    return real(cls, name, *args, **kwargs)
enum.EnumType._create_ = making
from PySide6.QtCore import QObject
filters = []
real_install = QObject.installEventFilter
QObject.installEventFilter = lambda self, f: (filters.append(type(self).__name__), real_install(self, f))[1]
from app.services.demo import fresh_demo
from app.services.home import home_summary
from app.services.home_glance import keep_glance
demo = fresh_demo(); keep_glance(demo, home_summary(demo)); demo.close()
made.clear()
from app.ui import application
def home_shown():
    print("Qt enums:", sorted({n for n in made if n in ("AlignmentFlag", "FocusPolicy", "ItemDataRole", "Key")}))
    print("filters:", [f for f in filters if f.endswith("Application")])
    os._exit(0)
real_begin = application.MainWindow.begin_opening
application.MainWindow.begin_opening = lambda self, path, when_open, when_home: real_begin(self, path, when_open,
                                                                                          home_shown)
application.run_gui(None)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "PABOOKS_HOME": str(tmp_path)})
    assert "Qt enums: []" in result.stdout and "filters: []" in result.stdout, result.stdout + result.stderr


# -- switching screens ---------------------------------------------------------------------------


@pytest.fixture
def on_demo(qtbot: Any) -> Any:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.open_demo()
    yield win
    win.close()


def counting_refreshes(window: MainWindow, names: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(names, 0)
    for name in names:
        screen = window.screens[name]
        real = screen.refresh

        def counted(real: Any = real, name: str = name) -> None:
            counts[name] += 1
            real()

        screen.refresh = counted  # type: ignore[method-assign]
    return counts


def test_a_screen_shown_again_with_nothing_changed_is_not_read_again(on_demo: MainWindow, qtbot: Any) -> None:
    """Looking from screen to screen reads nothing again (on a 10-year file the Money screen took a second and a
    half each time); after any change, or on a new day, each screen reads its records when next shown."""
    counts = counting_refreshes(on_demo, ("PAs", "Money"))
    for _ in range(2):
        qtbot.keyClick(on_demo, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # PAs
        qtbot.keyClick(on_demo, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Money
    assert on_demo.stack.currentWidget() is on_demo.screens["Money"]
    assert counts == {"PAs": 1, "Money": 1}  # read once each when first shown since the screens were made
    book = on_demo.book
    assert book is not None
    ops.add_check(book, 1, "training", "Moving and handling", book.today(), None)
    assert counts["Money"] == 1  # in view, but it does not show checks: not read again
    qtbot.keyClick(on_demo, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert counts["PAs"] == 2  # changed since it was last shown: read again
    qtbot.keyClick(on_demo, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert counts["Money"] == 2  # and so is this one
    book.clock = FixedClock.on(book.today() + timedelta(days=1))  # midnight passes with the window open
    qtbot.keyClick(on_demo, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert counts["PAs"] == 3


def test_the_register_columns_fit_their_widest_words(on_demo: MainWindow, qtbot: Any) -> None:
    """The register is told each column's width from its rows (it no longer measures every row, which took
    seconds on a long register): every date, amount and state must still fit whole."""
    from app.ui.screens.money import MoneyScreen, RegisterModel

    qtbot.keyClick(on_demo, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    money = on_demo.screens["Money"]
    assert isinstance(money, MoneyScreen) and money.model.rows
    header = money.table.horizontalHeader()
    metrics = money.table.fontMetrics()
    for column in RegisterModel.SIZED_COLUMNS:
        widest = max(metrics.horizontalAdvance(cells[column]) for cells in money.model.cells)
        assert header.sectionSize(column) >= widest + 8, RegisterModel.FULL_COLUMNS[column]
    assert money.model.data(money.model.index(0, 0)) == money.model.cells[0][0]
