"""Organisations and venues the council works with."""
