"""The award's forms by audience: the public, the screening, the jury, the decisions, the setup."""
