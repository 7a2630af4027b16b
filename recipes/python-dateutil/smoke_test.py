from datetime import datetime, timedelta

from dateutil import parser, relativedelta, rrule, tz

d = parser.parse("2026-12-05T15:48:56+01:00")
assert d.utcoffset() == timedelta(hours=1), d
assert datetime(2026, 1, 31) + relativedelta.relativedelta(months=1) == datetime(2026, 2, 28)
days = list(rrule.rrule(rrule.WEEKLY, count=3, dtstart=datetime(2026, 12, 1)))
assert [x.day for x in days] == [1, 8, 15], days
paris = tz.gettz("Europe/Paris")  # from tzdata, a run requirement
assert paris is not None and datetime(2026, 7, 1, tzinfo=paris).utcoffset() == timedelta(hours=2)
print("dateutil ok")
