"""The business dialogue: contacts with companies beyond public events, and the needs they raise followed to feedback."""
