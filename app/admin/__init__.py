"""Administration: users, their memberships and roles, units, accessibility reports."""
