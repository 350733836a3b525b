"""The tracking rules: pure functions over dates, values and strings, beside the extraction core.

- :mod:`chiso.track.status`: where a commitment stands on a day (due soon, overdue, met late ...)
  and what was known of it then;
- :mod:`chiso.track.actions`: whether two action texts say the same thing;
- :mod:`chiso.track.series`: the rules of an indicator's series (the point a date shows, the
  headline value, values that cannot all be true);
- :mod:`chiso.track.owners`: the slug of an owner's or a programme's name (feeds, alerts, pages).

No I/O, no database: the services read the stored rows, hand the rules plain values and turn
what they return into what the CLI and the web app show. Nothing of chiso is imported here but
the extraction core's types.
"""

from __future__ import annotations

__all__: list[str] = []
