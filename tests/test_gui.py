"""The main window: screens, menus, files, and access by keyboard and screen reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QPushButton

from app.services import settings
from app.services.book import EmployerBook, NewEmployer
from app.ui.accessibility import tab_reachable, unnamed_controls, unreachable_controls
from app.ui.dialogs import NewFileDialog
from app.ui.main_window import SCREEN_ORDER, MainWindow
from tests.helpers import watched_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = watched_window(qtbot)
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_starts_with_no_file_and_plain_choices(window: MainWindow) -> None:
    assert window.windowTitle() == "PA Books"
    assert not window.navigation.isVisible()
    assert not window.close_action.isEnabled()


def test_demo_shows_who_and_what_needs_doing(window: MainWindow) -> None:
    window.open_demo()
    assert "Demo employer.pabooks — Demo, not real data — PA Books" == window.windowTitle()
    home = window.screens["Home"]
    assert home.demo_banner.isVisible()
    assert home.heading.text() == "Direct payment for Alex Morgan"
    assert "Jordan Morgan acts as employer, as a suitable person" in home.acting.text()
    items = [home.todo_list.item(i).text() for i in range(home.todo_list.count())]
    assert any(t.startswith("Overdue: Tom Evans's first aid training ran out on") for t in items)
    assert any(t.startswith("Soon: Priya Shah's Enhanced DBS check runs out on") for t in items)


def test_every_screen_is_reachable_and_built(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    for number, name in enumerate(SCREEN_ORDER, start=1):
        qtbot.keyClick(window, Qt.Key.Key_0 + number, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.screens[name]
    for name in SCREEN_ORDER:  # every part is built: no screen says it is not
        assert window.screens[name].findChild(QLabel, "notBuilt") is None


def test_pas_screen_lists_the_demo_pas(window: MainWindow) -> None:
    window.open_demo()
    model = window.screens["PAs"].model
    assert model.rowCount() == 2
    names = {model.index(r, 0).data() for r in range(2)}
    assert names == {"Priya Shah", "Tom Evans"}
    rates = {model.index(r, 3).data() for r in range(2)}
    assert "£13.50 an hour" in rates  # the rate in force today, not the older £13.10


def test_every_control_on_every_screen_is_named_and_reachable_by_tab(window: MainWindow) -> None:
    window.open_demo()
    for row, name in enumerate(SCREEN_ORDER):
        window.navigation.setCurrentRow(row)
        assert unnamed_controls(window) == [], name
        assert unreachable_controls(window) == [], name


def test_the_access_checks_catch_problems(window: MainWindow) -> None:
    from PySide6.QtWidgets import QLineEdit

    window.open_demo()
    body = window.screens["Home"].body
    nameless = QLineEdit()
    body.layout().addWidget(nameless)
    mouse_only = QPushButton("Only by mouse")
    mouse_only.setProperty("test_only", True)  # made to be found by the checker, not a control of the app
    mouse_only.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    body.layout().addWidget(mouse_only)
    nameless.show()
    mouse_only.show()
    assert any("QLineEdit" in p for p in unnamed_controls(window))
    nameless.setAccessibleName("Something")
    assert nameless in tab_reachable(window)
    assert mouse_only not in tab_reachable(window)


def test_focus_is_visible(window: MainWindow) -> None:
    """The style sheet gives focused controls a thick border (not colour alone)."""
    from app.ui.style import STYLE_SHEET

    assert "QPushButton:focus" in STYLE_SHEET and "border: 3px solid" in STYLE_SHEET


def test_opening_a_bad_file_says_why_and_keeps_the_open_file(window: MainWindow, tmp_path: Path) -> None:
    window.open_demo()
    bad = tmp_path / "bad.pabooks"
    bad.write_text("not a database")
    assert window.open_path(bad) is False
    assert window.problems and "is not a PA Books employer file" in window.problems[-1][1]
    assert window.book is not None and window.book.is_demo()


def test_new_file_dialog_refuses_a_blank_name_in_words(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewFileDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.create_button.click()
    assert dialog.problem.isVisible()
    assert "Enter the name of the person the direct payment is for" in dialog.problem.text()
    assert unnamed_controls(dialog) == []


def test_new_file_then_close_then_open_recent(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = NewFileDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.person, "Chris Example")
    assert window.create_file(tmp_path / "chris", dialog)
    assert window.windowTitle() == "chris.pabooks — PA Books"
    assert window.screens["Home"].heading.text() == "Direct payment for Chris Example"
    window.close_file()
    assert window.book is None and window.windowTitle() == "PA Books"
    recent = [a.text() for a in window.recent_menu.actions()]
    assert any(text.startswith("chris, in ") for text in recent)  # the file and its folder
    assert window.open_path(tmp_path / "chris.pabooks")


def test_file_menu_shortcuts(window: MainWindow) -> None:
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.open_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert window.close_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Close)


def test_text_size_200_percent_keeps_everything_reachable(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Settings"))
    combo = window.screens["Settings"].text_size
    combo.setCurrentIndex(combo.count() - 1)
    combo.activated.emit(combo.count() - 1)
    assert settings.load().text_scale_percent == 200
    metrics = window.navigation.fontMetrics()
    assert window.navigation.width() > metrics.horizontalAdvance("Council returns")  # no section name cut off
    home = window.screens["Home"]
    assert home.heading.font().pointSizeF() > home.who.font().pointSizeF()  # headings grow with the text
    for row, name in enumerate(SCREEN_ORDER):
        window.navigation.setCurrentRow(row)
        assert unreachable_controls(window) == [], name


def test_home_for_an_empty_file_says_what_to_do_first(window: MainWindow, tmp_path: Path) -> None:
    EmployerBook.create(tmp_path / "empty.pabooks", NewEmployer("Dee Example")).close()
    window.open_path(tmp_path / "empty.pabooks")
    home = window.screens["Home"]
    items = [home.todo_list.item(i).text() for i in range(home.todo_list.count())]
    assert any("Add your first PA" in t for t in items)
    assert any("employer's liability insurance" in t for t in items)
    assert window.screens["PAs"].empty.isVisibleTo(window.screens["PAs"])


def test_no_alt_letter_is_used_twice_on_a_screen(window: MainWindow) -> None:
    from app.ui.accessibility import duplicate_mnemonics

    window.open_demo()
    for row, name in enumerate(SCREEN_ORDER):
        window.navigation.setCurrentRow(row)
        assert duplicate_mnemonics(window) == [], name


def test_the_alt_letter_check_sees_a_clash(window: MainWindow) -> None:
    from app.ui.accessibility import duplicate_mnemonics

    window.open_demo()
    clash = QPushButton("&Help me")  # Alt+H already opens the Help menu
    clash.setProperty("test_only", True)
    window.screens["Home"].body.layout().addWidget(clash)
    clash.show()
    assert duplicate_mnemonics(window) == ['Alt+H: "the Help menu" and "Help me"']


def test_at_large_text_the_pas_table_stacks_each_pa_in_one_column(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from app.ui.screens.pas import PasScreen

    window.open_demo()
    window.set_text_scale(200)
    try:
        window.navigation.setCurrentRow(SCREEN_ORDER.index("PAs"))
        screen = window.screens["PAs"]
        assert isinstance(screen, PasScreen)
        QApplication.processEvents()
        model = screen.model
        assert model.columnCount() == 1
        first = model.data(model.index(0, 0))
        assert first.startswith("Priya Shah\nStarted ") and "Tax code 1257L" in first
        assert screen.table.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
    finally:
        window.set_text_scale(100)
    assert window.screens["PAs"].model.columnCount() == 7  # type: ignore[attr-defined]


def test_the_keyboard_walk_catches_a_control_that_keeps_tab_to_itself(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A control that keeps Tab to itself traps a keyboard user (Qt's date box with "Not set" did, moving between
    its hidden parts; a text box that types a tab does). The walk presses real Tab keys, so what lies after a trap
    is reported; before, it moved the focus itself and passed the trap."""
    from PySide6.QtWidgets import QDialog, QPlainTextEdit, QVBoxLayout

    from app.ui.accessibility import unreachable_controls

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    before, trap, after = QPushButton("Before"), QPlainTextEdit(), QPushButton("After")
    trap.setAccessibleName("Notes")
    after.setAccessibleName("After")
    for widget in (before, trap, after):
        widget.setProperty("test_only", True)
        layout.addWidget(widget)
    dialog.show()
    assert any("After" in problem for problem in unreachable_controls(dialog))
    trap.setTabChangesFocus(True)  # as every text box in PA Books is
    assert unreachable_controls(dialog) == []


def test_an_open_file_is_left_out_of_garbage_collection_until_it_is_closed(window: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                                          tmp_path: Path) -> None:
    """Opening a file freezes what is made so far (no 0.1 s collection in the middle of a screen switch);
    closing it lets go, and what the closed file left is collected before the next is frozen: switching files
    never leaks."""
    import gc
    import weakref

    for name in ("a", "b"):
        EmployerBook.create(tmp_path / f"{name}.pabooks", NewEmployer("Ann Example")).close()
    gc.unfreeze()
    assert window.open_path(tmp_path / "a.pabooks")
    qtbot.wait(10)  # the freezing waits for the event loop
    assert gc.get_freeze_count() > 0
    first = weakref.ref(window.book)
    window.close_file()
    assert gc.get_freeze_count() == 0
    assert window.open_path(tmp_path / "b.pabooks")
    qtbot.wait(10)
    assert gc.get_freeze_count() > 0
    assert first() is None  # the first file's objects were collected, not frozen with the second's
    second = weakref.ref(window.book)
    assert window.open_path(tmp_path / "a.pabooks")  # straight from one file to another, as Open recent does
    qtbot.wait(10)
    assert second() is None


def test_the_slow_screens_are_made_while_home_is_read_and_shown_without_reading_again(  # type: ignore[no-untyped-def]
        window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Money and Council returns take longest to make on a big file: they are made once Home is up and the window
    idle, so their first visit only shows them; a change since they were made is read when they are shown."""
    from app.services.set_up_account import AccountInput, SetUpAccount
    from app.ui.main_window import MADE_WHEN_IDLE
    from app.ui.screens.money import MoneyScreen

    for name in ("a", "b"):
        EmployerBook.create(tmp_path / f"{name}.pabooks", NewEmployer("Ann Example")).close()
    assert window.open_path(tmp_path / "a.pabooks")
    assert not any(name in window.screens for name in MADE_WHEN_IDLE)  # Home first, at once
    qtbot.waitUntil(lambda: all(name in window.screens for name in MADE_WHEN_IDLE), timeout=5000)
    read: list[str] = []
    original = MoneyScreen.refresh
    monkeypatch.setattr(MoneyScreen, "refresh", lambda self: (read.append("money"), original(self))[1])
    window.navigation.setFocus()
    while window.navigation.currentItem().text() != "Money":
        qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert window.stack.currentWidget() is window.screens["Money"] and read == []
    qtbot.keyClick(window.navigation, Qt.Key.Key_Up)
    assert window.book is not None
    window.book.run(SetUpAccount(), AccountInput("Direct payment account", opened_on=date(2026, 11, 1))).unwrap()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Down)
    assert read == ["money"]  # something changed since it was made: read again
    made = window.screens["Money"]
    assert window.open_path(tmp_path / "b.pabooks")  # another file: its own made afresh
    qtbot.waitUntil(lambda: "Money" in window.screens and window.screens["Money"] is not made, timeout=5000)
