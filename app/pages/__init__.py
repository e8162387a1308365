"""Public pages: home, accessibility statement and reports, privacy notice, language."""
