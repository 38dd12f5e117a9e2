"""A burst of findings in one group (Art. 10: a possible major public-opinion risk).

`count` findings within `minutes` in one group make a burst. It is flagged once; the group is
flagged again only after a whole window without a flag, however many findings follow.
"""

from collections import deque
from collections.abc import Hashable
from datetime import datetime, timedelta


class BurstWatch:
    def __init__(self, count: int, minutes: float) -> None:
        if count < 2 or minutes <= 0:
            raise ValueError("a burst needs two findings at least, within a positive time")
        self.count = count
        self.window = timedelta(minutes=minutes)
        self._seen: dict[Hashable, deque[datetime]] = {}
        self._flagged: dict[Hashable, datetime] = {}

    def note(self, key: Hashable, at: datetime) -> int | None:
        """Count one finding in group `key` at `at`; the number in the window when this makes a
        burst to flag, else None."""
        times = self._seen.setdefault(key, deque())
        times.append(at)
        while times and times[0] <= at - self.window:
            times.popleft()
        if len(times) < self.count:
            return None
        last = self._flagged.get(key)
        if last is not None and at - last < self.window:
            return None
        self._flagged[key] = at
        return len(times)
