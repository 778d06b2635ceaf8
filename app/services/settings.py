"""The app's own preferences (not employer data): recent files, text size, and whether submissions go to HMRC's
test or live service. Stored as JSON."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app import paths

MAX_RECENT = 8
TEXT_SCALES = (100, 125, 150, 200)


@dataclass
class Settings:
    recent_files: list[str] = field(default_factory=list)
    text_scale_percent: int = 100
    hmrc_live: bool = False  # send to HMRC's live service (False: its test service)
    hmrc_vendor_id: str = ""  # the 4-digit software vendor ID HMRC issues; live sending needs it


def load() -> Settings:
    try:
        data = json.loads(paths.config_file().read_text(encoding="utf-8"))
        recent = [str(p) for p in data.get("recent_files", []) if isinstance(p, str)]
        scale = int(data.get("text_scale_percent", 100))
        vendor = str(data.get("hmrc_vendor_id", ""))
        return Settings(recent[:MAX_RECENT], scale if scale in TEXT_SCALES else 100, bool(data.get("hmrc_live", False)),
                        vendor if vendor.isdigit() and len(vendor) == 4 else "")
    except (OSError, ValueError, TypeError, AttributeError):
        return Settings()


def save(settings: Settings) -> None:
    target = paths.config_file()
    temporary = target.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    temporary.replace(target)  # atomic: a crash leaves the old settings, never half a file


def remember_file(path: Path) -> Settings:
    settings = load()
    text = str(path.resolve())
    settings.recent_files = [text] + [p for p in settings.recent_files if p != text][: MAX_RECENT - 1]
    save(settings)
    return settings


def set_text_scale(percent: int) -> Settings:
    if percent not in TEXT_SCALES:
        raise ValueError(f"text size must be one of {', '.join(f'{s}%' for s in TEXT_SCALES)}")
    settings = load()
    settings.text_scale_percent = percent
    save(settings)
    return settings


def set_hmrc_sending(live: bool, vendor_id: str) -> Settings:
    """Where submissions go: HMRC's test service (nothing real is filed), or its live service, which needs the
    4-digit vendor ID HMRC gives the makers of software that has passed its tests."""
    from app.core.problems import BookError

    vendor = vendor_id.strip()
    if vendor and not (vendor.isdigit() and len(vendor) == 4):
        raise BookError(f"\"{vendor}\" is not an HMRC vendor ID: it is 4 digits, such as 1234. Leave it empty to "
                        "send to HMRC's test service.")
    if live and not vendor:
        raise BookError("Sending to HMRC's live service needs PA Books' HMRC vendor ID. Until HMRC has given one, "
                        "send to the test service.")
    chosen = load()
    chosen.hmrc_live, chosen.hmrc_vendor_id = live, vendor
    save(chosen)
    return chosen
