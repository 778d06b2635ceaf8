"""Reports: PDFs (reportlab) and spreadsheets made from what services return, never from widgets.

Empty until the first report (payslips, timesheets to sign, the council's return) is built.
"""
