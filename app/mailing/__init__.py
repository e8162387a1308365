"""Outgoing mail kept in the database until it is sent: nothing acknowledged is lost."""
