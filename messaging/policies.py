"""Who on the staff side may see and act on conversations and announcements."""

from access.policies import AgencyScopedPermissionPolicy, staff_agency_ids


class AgencyStaffPolicy(AgencyScopedPermissionPolicy):
    """Every staff member of an agency answers its messages and publishes its
    announcements: membership of the agency's staff group is the permission (no
    model permission to grant agency by agency), narrowed to that agency's rows."""

    def user_has_permission(self, user, action):
        return user.is_active and (user.is_superuser or bool(staff_agency_ids(user)))

    def user_has_any_permission(self, user, actions):
        return self.user_has_permission(user, None)
