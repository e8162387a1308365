"""Pieces every feature shares and that know no feature: forms, formats, errors, caching."""
