"""Fixtures of the messaging tests."""

import pytest

from tests.factories import StaffFactory


@pytest.fixture
def staff(agency):
    """Marie, staff of the agency, with an e-mail address to be told of new messages.
    A user here, where the suite's `staff` is a signed-in admin client."""
    return StaffFactory(agency=agency, email="marie@agence.example")
