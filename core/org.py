"""The organisation file: the street, its department, units, leaders and the escalation chain.

The file is TOML (`org.example.toml` documents every key). `load_org` validates it and raises
`OrgFileError` naming the key and what is wrong; the bot does not start on a bad file.

People are named by account, and an account belongs to a platform: a QQ number as it is
(10001), a Telegram user as "telegram:6100010". Every check asks by platform and id, so a
Telegram user whose id equals a QQ number named here is not that person. Someone with accounts
on several platforms is one entry listing them all (`staff = [[10001, "telegram:6100010"]]`;
elsewhere in the file one of them is enough); told of something, they hear it once, on the
platform the notice goes through (core.people).
"""

import tomllib
import zoneinfo
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    field_validator,
)

from adapters import onebot_events, telegram_events
from core.script import to_simplified

UnitKind = Literal["機關", "村", "社區", "工作站"]

BARE = onebot_events.NAME  # the platform of an account written as a bare number: QQ
PREFIXES = {"telegram": telegram_events.NAME}  # "telegram:<user id>" → its platform


class Account(NamedTuple):
    """One account of a person: the platform's name (adapters' NAME) and the id there."""

    platform: str
    user_id: int


def _bad_account(value: object) -> ValueError:
    shown = f'"{value}"' if isinstance(value, str) else str(value).lower()  # as TOML writes it
    return ValueError(
        f"帳號 {shown} 無效：QQ 號寫成數字（如 10001），"
        'Telegram 帳號寫成 "telegram:用戶 ID"（如 "telegram:6100010"）'
    )


def parse_account(value: object) -> Account:
    """An account as the organisation file or SUPERUSERS write it: a QQ number (a number, or
    its digits as a string), or "telegram:<user id>". ValueError names what is wrong."""
    if isinstance(value, bool):
        raise _bad_account(value)
    if isinstance(value, int):
        if value <= 0:
            raise _bad_account(value)
        return Account(BARE, value)
    if not isinstance(value, str):
        raise _bad_account(value)
    prefix, colon, rest = value.partition(":")
    digits, platform = (rest, PREFIXES.get(prefix)) if colon else (value, BARE)
    if platform is None or not digits.isascii() or not digits.isdigit() or int(digits) <= 0:
        raise _bad_account(value)
    return Account(platform, int(digits))


def _person(value: object) -> tuple[Account, ...]:
    """One person: an account, or a list of their accounts on several platforms."""
    if not isinstance(value, list):
        return (parse_account(value),)
    if not value:
        raise ValueError("一個人的帳號列表是空的：至少寫一個帳號")
    found = tuple(parse_account(v) for v in value)
    if len(set(found)) < len(found):
        raise ValueError("同一人的帳號重複：每個帳號只寫一次")
    return found


Person = Annotated[tuple[Account, ...], PlainValidator(_person)]


def accounts_of(people: tuple[tuple[Account, ...], ...]) -> tuple[Account, ...]:
    """Every account of `people`, in order, once each."""
    return tuple(dict.fromkeys(a for person in people for a in person))


def named(people: tuple[tuple[Account, ...], ...], platform: str, user_id: int) -> bool:
    return Account(platform, user_id) in accounts_of(people)


MOVED_POLICY = "辦法的標題與施行日期已移至群規檔（見 README「群規檔」），請刪除 [policy] 一節"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Street(_Strict):
    name: str = Field(min_length=1)
    timezone: str = "Asia/Shanghai"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, name: str) -> str:
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"未知時區「{name}」") from exc
        return name


class Department(_Strict):
    name: str = "黨群工作部"
    staff: tuple[Person, ...] = ()


class Unit(_Strict):
    name: str = Field(min_length=1)
    kind: UnitKind
    leaders: tuple[Person, ...] = ()

    def led_by(self, platform: str, user_id: int) -> bool:
        return named(self.leaders, platform, user_id)


class Escalation(_Strict):
    """Who hears of a measure, by Art. 8 and 10."""

    street_leaders: tuple[Person, ...] = Field(min_length=1)
    party_committee: tuple[Person, ...] = ()
    cyberspace_contacts: tuple[Person, ...] = ()
    report_group: int | None = None
    outside_bodies: tuple[str, ...] = ("公安分局", "區委網信辦")


class Org(_Strict):
    street: Street
    department: Department = Department()
    escalation: Escalation
    units: tuple[Unit, ...] = Field(min_length=1)
    policy: None = None  # moved to the rulebook: named, so an old file is told so

    @field_validator("policy", mode="before")
    @classmethod
    def _policy_moved(cls, value: Any) -> None:
        raise ValueError(MOVED_POLICY)

    @field_validator("units")
    @classmethod
    def _unique_units(cls, units: tuple[Unit, ...]) -> tuple[Unit, ...]:
        seen: set[str] = set()
        for unit in units:
            key = to_simplified(unit.name)
            if key in seen:
                raise ValueError(f"單位「{unit.name}」重複")
            seen.add(key)
        return units

    def unit(self, name: str) -> Unit | None:
        """The unit called `name`, in either script."""
        key = to_simplified(name.strip())
        return next((u for u in self.units if to_simplified(u.name) == key), None)

    def units_led_by(self, platform: str, user_id: int) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.led_by(platform, user_id))

    def is_department(self, platform: str, user_id: int) -> bool:
        return named(self.department.staff, platform, user_id)

    def _entries(self) -> tuple[tuple[Account, ...], ...]:
        e = self.escalation
        return (
            *self.department.staff,
            *e.street_leaders,
            *e.party_committee,
            *e.cyberspace_contacts,
            *(p for u in self.units for p in u.leaders),
        )

    def people(self) -> frozenset[Account]:
        """Every account the file names: department staff, unit leaders, the escalation chain."""
        return frozenset(accounts_of(self._entries()))

    @cached_property
    def _persons(self) -> dict[Account, tuple[Account, ...]]:
        """Each account → all accounts of its person: entries sharing an account are one person
        (listed with both accounts once, and by one of them elsewhere)."""
        order = {a: i for i, a in enumerate(accounts_of(self._entries()))}
        found: dict[Account, tuple[Account, ...]] = {}
        for entry in self._entries():
            merged = {*entry, *(b for a in entry for b in found.get(a, ()))}
            person = tuple(sorted(merged, key=order.__getitem__))  # as the file lists them
            for account in person:
                found[account] = person
        return found

    def person_of(self, account: Account) -> tuple[Account, ...]:
        """All accounts of the person `account` is (just it, for someone the file does not name)."""
        return self._persons.get(account, (account,))


class OrgFileError(Exception):
    """The organisation file cannot be used; the message names the file, the key and the fault."""


def _key_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "（整個檔案）"


def parse_org(text: str, source: str = "org.toml") -> Org:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OrgFileError(f"組織檔案 {source} 不是有效的 TOML：{exc}") from exc
    try:
        return Org.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        raise OrgFileError(f"組織檔案 {source} 有誤：{_key_path(first['loc'])}：{message}") from exc


def load_org(path: Path) -> Org:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise OrgFileError(f"無法讀取組織檔案 {path}：{exc.strerror}") from exc
    return parse_org(text, str(path))
