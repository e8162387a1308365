"""Registrations for event dates: capacity, waiting list, cancel links, organiser lists."""
