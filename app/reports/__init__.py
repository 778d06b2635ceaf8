"""Reports: PDFs (reportlab) and CSV files made from what services return, never from widgets.

`timesheet_pdf` (filled and blank timesheets, large print) and `audit_csv` (the history for a council or
an auditor) so far; payslips, P60s and the council's return come next.
"""
