"""Users, sign-in, passwords and sessions, roles, and who may arrange events."""
