"""One-time login codes: six digits, valid five minutes, three tries, kept only as a digest.

A code is bound to the account and to the browser session that asked for it; a new request
replaces the account's earlier code. Kept in memory: a restart drops the codes, and the person
asks again.
"""

import secrets
from dataclasses import dataclass
from enum import Enum

from console.signing import mac

VALID_SECONDS = 300.0
TRIES = 3


class Verdict(Enum):
    OK = "ok"
    WRONG = "wrong"  # a try used; more are left
    SPENT = "spent"  # none issued, expired, or its last try used: ask for a new one


@dataclass
class _Issued:
    digest: str
    expires: float
    tries: int


class CodeBook:
    def __init__(self, key: bytes) -> None:
        self._key = key
        self._issued: dict[int, _Issued] = {}

    def _digest(self, account: int, sid: str, code: str) -> str:
        return mac(self._key, "code", str(account), sid, code)

    def issue(self, account: int, sid: str, now: float) -> str:
        code = f"{secrets.randbelow(1_000_000):06d}"
        self._issued[account] = _Issued(
            self._digest(account, sid, code), now + VALID_SECONDS, TRIES
        )
        self._forget_expired(now)
        return code

    def check(self, account: int, sid: str, code: str, now: float) -> Verdict:
        issued = self._issued.get(account)
        if issued is None or now >= issued.expires:
            self._issued.pop(account, None)
            return Verdict.SPENT
        if secrets.compare_digest(issued.digest, self._digest(account, sid, code.strip())):
            del self._issued[account]  # one time
            return Verdict.OK
        issued.tries -= 1
        if issued.tries <= 0:
            del self._issued[account]
            return Verdict.SPENT
        return Verdict.WRONG

    def _forget_expired(self, now: float) -> None:
        for account in [a for a, i in self._issued.items() if now >= i.expires]:
            del self._issued[account]
