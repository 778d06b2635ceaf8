"""Use cases over an employer file, one module each. Screens and the command line call these and get plain
dataclasses back, never storage models.

Every change is an operation run by `book.run(...)` (operations.py: the runner owns the actor, the one
transaction, the history record, the backup before an irreversible step, the clock and the "what changed"
notice). The modules, by what a person does:

    the file        book.py (create, open, close, run an operation), opening.py (unlock, read-only, rescue),
                    security.py (encrypt, new passphrase, keys), backups.py (copies, restore), demo.py
    PAs             add_pa.py, change_pa.py, add_rates.py, add_check.py, erase_pa.py; pa_queries.py (reading)
    the council     council_agreement.py (agreement and support plan), pay_time_rules.py (night, bank holidays)
    shifts          add_shift.py, change_shift.py (change, mark, delete), rotas.py, import_shifts.py
    timesheets      approve_timesheet.py (confirm planned, approve), amend_timesheet.py; timesheet_views.py,
                    hours_summary.py (reading)
    looking         home.py (reminders), home_glance.py (Home at start, from what the file keeps of it),
                    about_file.py, audit.py (the history), payroll_calc.py (`pabooks calc`)
    shared pieces   operations.py, store.py, shift_records.py, pa_form.py, inputs.py, words.py, views.py,
                    roles.py, problems.py, settings.py (the app's own preferences)
"""
