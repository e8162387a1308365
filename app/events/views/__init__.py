"""The events' pages, by audience: the public's lists, calendars and event page (`public`,
blueprint `events`) and the organisers' pages under `/manage` (`manage`, blueprint
`events_manage`). The factory registers both."""
