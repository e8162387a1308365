"""Events, their dates and series, the public calendar and the organiser's pages."""
