"""Calendar feeds: iCalendar export, import and caching."""
