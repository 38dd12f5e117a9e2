"""Rate limits for the login: so many events per key in a sliding window."""

from collections import deque
from dataclasses import dataclass, field


@dataclass
class Window:
    limit: int
    seconds: float
    _hits: dict[str, deque[float]] = field(default_factory=dict)

    def _recent(self, key: str, now: float) -> deque[float]:
        hits = self._hits.get(key, deque())
        while hits and hits[0] <= now - self.seconds:
            hits.popleft()
        if hits:
            self._hits[key] = hits
        else:
            self._hits.pop(key, None)  # keys of the past are not kept
        return hits

    def full(self, key: str, now: float) -> bool:
        """The key has used up its events in the window."""
        return len(self._recent(key, now)) >= self.limit

    def hit(self, key: str, now: float) -> None:
        hits = self._recent(key, now)
        hits.append(now)
        self._hits[key] = hits
