"""Units: the district councils and company boards that own events, awards and reports."""
