import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from home_pages.forms import PortalPageForm

pytestmark = pytest.mark.django_db


def test_a_logo_from_another_agency_is_not_offered(agency, other_agency):
    theirs = Image.objects.create(
        title="B", file=get_test_image_file(), collection=other_agency.collection
    )
    page = agency.portals.get(kind="client").page
    form_class = type(page).get_edit_handler().get_form_class()
    form = form_class(instance=page, for_user=None)
    assert issubclass(form_class, PortalPageForm)
    assert not form.fields["logo"].queryset.filter(pk=theirs.pk).exists()
