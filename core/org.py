"""The organisation file: the street, its department, units, leaders and the escalation chain.

The file is TOML (`org.example.toml` documents every key). `load_org` validates it and raises
`OrgFileError` naming the key and what is wrong; the bot does not start on a bad file.
"""

import datetime as dt
import tomllib
import zoneinfo
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.script import to_simplified

UnitKind = Literal["機關", "村", "社區", "工作站"]
Account = int


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
    staff: tuple[Account, ...] = ()


class Unit(_Strict):
    name: str = Field(min_length=1)
    kind: UnitKind
    leaders: tuple[Account, ...] = ()


class Escalation(_Strict):
    """Who hears of a measure, by Art. 8 and 10."""

    street_leaders: tuple[Account, ...] = Field(min_length=1)
    party_committee: tuple[Account, ...] = ()
    cyberspace_contacts: tuple[Account, ...] = ()
    report_group: Account | None = None
    outside_bodies: tuple[str, ...] = ("公安分局", "區委網信辦")


class Policy(_Strict):
    title: str = "工作互聯網群組管理辦法（試行）"
    start: dt.date
    trial_years: int = Field(default=2, ge=1, le=10)

    @property
    def trial_end(self) -> dt.date:
        try:
            return self.start.replace(year=self.start.year + self.trial_years)
        except ValueError:  # 29 February
            return self.start.replace(year=self.start.year + self.trial_years, day=28)


class Org(_Strict):
    street: Street
    department: Department = Department()
    policy: Policy
    escalation: Escalation
    units: tuple[Unit, ...] = Field(min_length=1)

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

    def units_led_by(self, account: Account) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if account in u.leaders)

    def is_department(self, account: Account) -> bool:
        return account in self.department.staff

    def people(self) -> frozenset[Account]:
        """Every account the file names: department staff, unit leaders, the escalation chain."""
        e = self.escalation
        named = [*self.department.staff, *e.street_leaders, *e.party_committee]
        named += [*e.cyberspace_contacts, *(a for u in self.units for a in u.leaders)]
        return frozenset(named)


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
