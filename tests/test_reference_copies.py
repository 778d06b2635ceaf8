"""The project's copies of the reference material (tests/data/) still match the team's reference folder,
../shared/reference/, whenever it is there (a developer's checkout and CI have it; a fresh clone does not)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REFERENCE, SHARED

COPIES = {"hmrc-test-data/README.md": "reference/hmrc-test-data/README.md",
          "hmrc-test-data/income_tax_2025-26.json": "reference/hmrc-test-data/income_tax_2025-26.json",
          "hmrc-test-data/national_insurance_2025-26.json": "reference/hmrc-test-data/national_insurance_2025-26.json",
          "rates.md": "reference/rates.md",
          "council-returns.md": "reference/council-returns.md",
          "hmrc-rti/irmark-example-cis-monthly-return.xml": "reference/hmrc-rti/irmark-example-cis-monthly-return.xml",
          "hmrc-rti/irmark-example-cis-verification.xml": "reference/hmrc-rti/irmark-example-cis-verification.xml",
          **{f"bank-statements/{p.name}": f"reference/bank-statements/{p.name}"
             for p in sorted((REFERENCE / "bank-statements").iterdir()) if p.name != "NOTICE.md"}}
SCHEMAS = Path(__file__).resolve().parent.parent / "app" / "rti" / "schemas"


@pytest.mark.parametrize("copy, original", sorted(COPIES.items()))
def test_each_copy_matches_the_reference_when_it_is_there(copy: str, original: str) -> None:
    assert (REFERENCE / copy).is_file(), f"tests/data/{copy} is missing: the tests need it on a fresh clone"
    source = SHARED / original
    if not source.exists():
        pytest.skip("no ../shared beside this checkout (a fresh clone): the copy is all there is")
    assert (REFERENCE / copy).read_bytes() == source.read_bytes(), (
        f"tests/data/{copy} differs from ../shared/{original}: copy the new one in (and check what changed)")


def test_the_copies_say_whose_they_are() -> None:
    notice = (REFERENCE / "NOTICE.md").read_text(encoding="utf-8")
    assert "Open Government Licence" in notice and "Crown copyright" in notice
    assert all(Path(copy).parts[0] in notice for copy in COPIES)


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.x*") if p.suffix in (".xsd", ".xslt"))
                         + sorted(p.name for p in SCHEMAS.glob("*.sch")))
def test_the_shipped_rti_schemas_are_hmrcs_byte_for_byte(name: str) -> None:
    source = SHARED / "reference" / "hmrc-rti" / name
    if not source.exists():
        pytest.skip("no ../shared beside this checkout (a fresh clone): the copy is all there is")
    assert (SCHEMAS / name).read_bytes() == source.read_bytes()
    assert "Open Government Licence" in (SCHEMAS / "NOTICE.md").read_text(encoding="utf-8")
