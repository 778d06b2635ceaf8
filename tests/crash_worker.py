"""A process that runs PA Books' write use cases over and over until it is killed (by test_crash_safety):
creating files and demos, migrating them, encrypting plain files, changing the passphrase, adding a PA with
five rates (one operation), importing shifts, confirming planned shifts with approving the timesheet (one
operation), and finalising pay runs (one operation).

    python tests/crash_worker.py FOLDER ROUND

It prints "ready" once its imports are done, so the killer's random delay lands inside real work.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from app.services import security
from app.services.add_rates import RateInput
from app.services.book import EmployerBook, NewEmployer
from app.services.demo import create_demo
from app.storage import cipher
from tests import ops
from tests.helpers import plain_real_file, take_back_to

BATCH = 30  # shifts in one import: after a kill there are 0 or 30 for a PA, never a part
RATE_KINDS = ("day", "night", "weekend", "bank_holiday", "sleep_in")  # added with the PA: 5 or none
# The worker runs with no keyring (as on a bare Linux machine), so its files are locked with a passphrase.
# Stretching a passphrase takes a third of a second, which would put most kills in the stretching and not in
# the writes, so the worker stands in one fixed key for every passphrase (each file still has its own salt);
# the checker opens the files with that key's recovery key.
PASSPHRASE = "crash test passphrase"
FIXED_KEY = bytes(range(cipher.KEY_BYTES))
RECOVERY_KEY = cipher.format_recovery_key(FIXED_KEY)


def _fixed_passphrase_key(_passphrase: str, salt: bytes | None = None) -> cipher.FileKey:
    return cipher.FileKey(FIXED_KEY, salt or cipher.new_salt())


def employer(name: str) -> NewEmployer:
    return NewEmployer(name, passphrase=PASSPHRASE, passphrase_again=PASSPHRASE)


def main(folder: Path, round_number: int) -> None:
    cipher.passphrase_key = _fixed_passphrase_key  # type: ignore[assignment]
    main_file = folder / "household.pabooks"
    if not main_file.exists():
        EmployerBook.create(main_file, employer("Crash Test")).close()
    book = EmployerBook.open(main_file, RECOVERY_KEY)
    print("ready", flush=True)
    start = date(2026, 1, 1)  # 30 daily shifts from here all fall in January, the period approved
    for step in range(1_000_000):
        tag = f"{round_number}x{step}"
        made = folder / f"made-{tag}.pabooks"
        created = EmployerBook.create(made, employer(f"Made {tag}"))
        key = created.db.key
        created.close()
        if step % 2 == 0:  # migrating: take the new file back to the first schema, then open it (upgrade)
            take_back_to(made, key=key)
            EmployerBook.open(made, key=key).close()
        if step % 3 == 0:  # encrypting a file made before encryption (a plain file, as older versions made)
            plain = plain_real_file(folder / f"plain-{tag}.pabooks", f"Plain {tag}")
            security.encrypt(plain, PASSPHRASE, PASSPHRASE)
            plain.close()
        if step % 5 == 4:  # a new passphrase for the household file: its key is replaced in one rename
            security.set_passphrase(book, PASSPHRASE, PASSPHRASE)
        if step % 4 == 1:  # a demo is built under a temporary name: whole at its real name, or not there
            create_demo(folder / f"demo-{tag}.pabooks").close()
        pa_id = ops.add_pa(book, ops.PaForm(first_name="P", last_name=tag, started_on=start,
                                            contracted_hours_per_week="20", starter_statement="A"),
                           date(2026, 11, 25), rates=tuple(RateInput(kind, "13.00") for kind in RATE_KINDS))
        lines = ["pa,date,start,end"] + [
            f"P {tag},{start + timedelta(days=n):%d/%m/%Y},09:00,12:00" for n in range(BATCH)]
        ops.import_shifts_csv(book, "\n".join(lines))
        ops.approve_timesheet(book, pa_id, date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 1),
                              date(2026, 2, 1))
        # February from a rota: planned shifts, then confirmed and approved in one operation.
        ops.add_rota(book, ops.RotaInput(pa_id, (0, 2, 4), "13:00", "15:00", date(2026, 2, 1), date(2026, 2, 28)))
        ops.apply_rotas(book, date(2026, 2, 1), date(2026, 2, 28))
        ops.approve_timesheet(book, pa_id, date(2026, 2, 1), date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 1),
                              confirm_planned=True)
        pay_a_bonus(book, pa_id)


def pay_a_bonus(book: EmployerBook, pa_id: int) -> None:
    """March 2026's run pays each new PA a bonus (no one has March shifts, so nothing else stops it): the first
    time as the regular run, then as correction runs of it. Finalising is one operation: whole, or still a draft."""
    paid_on = date(2026, 3, 31)
    with ops.on(book, paid_on):
        march = next((r for r in ops.pay_runs(book) if r.kind == "regular" and r.period_start == date(2026, 3, 1)),
                     None)
        if march is None:
            run_id = ops.start_pay_run(book, "monthly", paid_on, paid_on)
        elif not march.finalised:
            run_id = march.pay_run_id
        else:
            run_id = ops.start_correction(book, march.pay_run_id, paid_on, "A bonus for a new PA")
        ops.add_payment(book, run_id, pa_id, "bonus", "25.00", "Welcome")
        ops.finalise(book, run_id)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
