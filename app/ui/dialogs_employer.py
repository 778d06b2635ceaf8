"""The employer's details: who the payment is for and who acts as employer, HMRC's references, insurance."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QVBoxLayout, QWidget

from app.services.employer_details import EmployerDetails
from app.services.roles import ROLES
from app.ui.dialogs_people import SubmitDialog, combo, date_edit, date_of
from app.ui.widgets import heading, labelled_above, paragraph


class EmployerDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, details: EmployerDetails,
                 submit: Callable[[EmployerDetails], object]) -> None:
        super().__init__(parent, "Employer details", "Save")
        self.submit = submit
        self.outer.addWidget(paragraph("As on the council's agreement and HMRC's letters. Only the person's name is "
                                       "needed now; HMRC's references are needed before the first pay run."))
        holder = QWidget()
        body = QVBoxLayout(holder)  # labels above their fields: long labels wrap freely at any text size
        self.person = QLineEdit(details.person_name)
        self.role = combo({role.value: role.choice_words for role in ROLES}, details.acting_role)
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.role.setMinimumContentsLength(16)  # narrows with the dialog; the open list shows each choice whole
        self.acting = QLineEdit(details.acting_employer_name)
        self.address = QLineEdit(details.address)
        self.phone = QLineEdit(details.phone)
        self.email = QLineEdit(details.email)
        self.paye = QLineEdit(details.paye_reference)
        self.paye.setPlaceholderText("123/AB45678")
        self.accounts_office = QLineEdit(details.accounts_office_reference)
        self.accounts_office.setPlaceholderText("123PA00012345")
        self.allowance = QCheckBox("&Claim Employment Allowance (care and support employers can)")
        self.allowance.setChecked(details.claims_employment_allowance)
        self.quarterly = QCheckBox("Pay HMRC &quarterly, not monthly")
        self.quarterly.setAccessibleDescription("Allowed when you owe HMRC under £1,500 a month on average. Payments "
                                                "are then due by 22 July, 22 October, 22 January and 22 April.")
        self.quarterly.setChecked(details.pays_hmrc_quarterly)
        self.paper = QCheckBox("R&eport to HMRC on paper (RT2 forms)")
        self.paper.setAccessibleDescription(
            "Only when HMRC has agreed in writing that you are exempt from filing online, as a care and support "
            "employer who does the payroll yourself. You then post an RT2 for each PA every quarter, by 19 July, "
            "19 October, 19 January and 19 April, instead of sending an FPS each payday.")
        self.paper.setChecked(details.reports_on_paper)
        self.insurer = QLineEdit(details.insurer)
        self.policy = QLineEdit(details.insurance_policy)
        self.renews = date_edit(details.insurance_renews_on, optional=True)
        body.addWidget(heading("Who", 3))
        field: QWidget
        for text, field in (("&Name of the person the direct payment is for:", self.person),
                            ("&Who acts as employer:", self.role),
                            ("N&ame of whoever acts as employer (if not the person):", self.acting),
                            ("Add&ress:", self.address), ("P&hone:", self.phone), ("E&mail:", self.email)):
            labelled_above(body, text, field)
        body.addWidget(heading("HMRC", 3))
        labelled_above(body, "Employer &PAYE reference:", self.paye)
        labelled_above(body, "Acc&ounts Office reference (for paying HMRC):", self.accounts_office)
        self.allowance.setAccessibleName(self.allowance.text().replace("&", ""))
        body.addWidget(self.allowance)
        self.quarterly.setAccessibleName(self.quarterly.text().replace("&", ""))
        body.addWidget(self.quarterly)
        self.paper.setAccessibleName(self.paper.text().replace("&", ""))
        body.addWidget(self.paper)
        body.addWidget(heading("Employer's liability insurance", 3))
        for text, field in (("&Insurer:", self.insurer), ("Polic&y number:", self.policy),
                            ("Renews on (or Not se&t):", self.renews)):
            labelled_above(body, text, field)
        self.finish_scrolling(holder, 70)

    def details(self) -> EmployerDetails:
        return EmployerDetails(self.person.text(), self.acting.text(), str(self.role.currentData()),
                               self.address.text(), self.phone.text(), self.email.text(), self.paye.text(),
                               self.accounts_office.text(), self.allowance.isChecked(), self.insurer.text(),
                               self.policy.text(), date_of(self.renews), self.quarterly.isChecked(),
                               self.paper.isChecked())

    def attempt(self) -> None:
        self.submit(self.details())
