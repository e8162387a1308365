"""The city's business policy: focus areas and report questions that features refer to."""
