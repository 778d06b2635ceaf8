"""Before Qt starts on a Linux desktop: are the system libraries its X11 (xcb) plugin needs there?

Without one, Qt aborts with "Could not load the Qt platform plugin xcb" and a core dump, which tells a
holder nothing. This names each missing library and the package that brings it, for Debian and Ubuntu and
for Fedora, so whoever helps them can install it in one command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

# library: (Debian/Ubuntu package, Fedora package). From the ELF dependencies of Qt's xcb plugin (PySide6 6.x),
# and libxcb-cursor, which Qt 6.5 and later loads when it starts.
LIBRARIES = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}


def _loads(name: str) -> bool:
    import ctypes  # here: only a Linux desktop's window needs it

    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def uses_xcb(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will start its X11 plugin: on Linux, asked for by name or chosen for an X display."""
    environ = dict(os.environ) if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_libraries(loads: Callable[[str], bool] = _loads) -> list[str]:
    return [name for name in LIBRARIES if not loads(name)]


def missing_words(missing: list[str]) -> str:
    """What to tell the holder, or whoever helps them, when libraries are missing."""
    debian = sorted({LIBRARIES[name][0] for name in missing})
    fedora = sorted({LIBRARIES[name][1] for name in missing})
    return (f"PA Books cannot open its window: this computer lacks {len(missing)} system "
            f"librar{'y' if len(missing) == 1 else 'ies'} that Qt needs to draw on an X11 desktop "
            f"({', '.join(missing)}).\n"
            f"On Debian or Ubuntu:  sudo apt install {' '.join(debian)}\n"
            f"On Fedora:            sudo dnf install {' '.join(fedora)}\n"
            "Then start PA Books again. (Your files are safe: nothing was opened.)")
