import io

import pytest
from django.core.management import CommandError, call_command

from planning.models import Absence, Availability, Intervention
from tests.factories import ClientFactory, IntervenantFactory

pytestmark = pytest.mark.django_db
HEADER = "agency,type,client_ref,intervenant_ref,start,end,status,service,reason\n"


@pytest.fixture
def people(agency):
    return (
        ClientFactory(agency=agency, external_ref="C1"),
        IntervenantFactory(agency=agency, external_ref="I1"),
    )


def run(tmp_path, body, stderr=None):
    path = tmp_path / "planning.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import_planning", str(path), stdout=out, stderr=stderr or io.StringIO()
    )
    return out.getvalue()


class TestImportPlanning:
    def test_rows_are_imported_in_the_agency_time_zone(self, tmp_path, people):
        out = run(
            tmp_path,
            "alpha,intervention,C1,I1,2026-03-30 09:00,2026-03-30 11:00,planned,"
            "Aide au lever,\n"
            "alpha,availability,,I1,2026-03-31 08:00,2026-03-31 18:00,,,\n"
            "alpha,absence,C1,,2026-04-02 00:00,2026-04-03 00:00,,,Hôpital\n",
        )
        assert out.strip() == "3 item(s) imported."
        visit = Intervention.objects.get()
        assert visit.start.isoformat() == "2026-03-30T07:00:00+00:00"  # UTC+2 then
        assert Availability.objects.count() == 1
        assert Absence.objects.get().reason == "Hôpital"

    def test_a_bad_row_is_reported_by_line_and_nothing_is_saved(self, tmp_path, people):
        err = io.StringIO()
        with pytest.raises(CommandError):
            run(
                tmp_path,
                "alpha,availability,,I1,2026-03-31 08:00,2026-03-31 18:00,,,\n"
                "alpha,intervention,C1,I1,2026-03-30 11:00,2026-03-30 09:00,,,\n"
                "alpha,intervention,C9,I1,2026-03-30 09:00,2026-03-30 10:00,,,\n",
                stderr=err,
            )
        assert "line 3:" in err.getvalue() and "line 4:" in err.getvalue()
        assert "C9" in err.getvalue()
        assert not Availability.objects.exists()

    def test_overlaps_within_the_file_are_refused(self, tmp_path, people):
        with pytest.raises(CommandError):
            run(
                tmp_path,
                "alpha,intervention,C1,I1,2026-03-30 09:00,2026-03-30 11:00,,,\n"
                "alpha,intervention,C1,I1,2026-03-30 10:00,2026-03-30 12:00,,,\n",
            )
        assert not Intervention.objects.exists()

    def test_another_agency_reference_is_unknown(self, tmp_path, people, other_agency):
        IntervenantFactory(agency=other_agency, external_ref="I2")
        with pytest.raises(CommandError):
            run(
                tmp_path,
                "alpha,availability,,I2,2026-03-31 08:00,2026-03-31 18:00,,,\n",
            )
