"""planning.policies: the portal's action matrix, as one rule."""

import pytest

from access.errors import ApplicationError
from planning.policies import require_action

MATRIX = {"interventions": ["view"], "absences": ["view", "create", "change"]}


@pytest.mark.parametrize(
    "kind,action", [("absences", "create"), ("absences", "change")]
)
def test_an_action_the_matrix_lists_passes(kind, action):
    require_action(MATRIX, kind, action)


@pytest.mark.parametrize(
    "kind,action",
    [
        ("absences", "delete"),  # not listed for the kind
        ("interventions", "create"),  # the kind is view-only
        ("availabilities", "create"),  # a kind the matrix does not name
        ("coupons", "create"),  # not a planning kind
    ],
)
def test_anything_else_is_refused(kind, action):
    with pytest.raises(ApplicationError) as refused:
        require_action(MATRIX, kind, action)
    assert (refused.value.code, refused.value.status) == ("action_not_allowed", 403)
