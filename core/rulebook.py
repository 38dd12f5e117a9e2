"""The rulebook: the street's own 辦法 as data, read from a TOML file and checked whole.

A street adopts the template 《XX街道工作互聯網群組管理辦法（試行）》 in its own version: its own
numbering, categories, ladders, deadlines and people to tell. The file says all of it (the default
is `rulebooks/default.toml`, this street's); the code only knows the duties it can carry out
(`core.duties`) and does for each what the articles binding it say.

Reading is pure: `parse_rulebook` turns a file's text into a `Rulebook` or raises `RulebookError`
with one line naming the key at fault. Whether a ladder fits the platforms, and whether each
lexicon file is there, are checked by `core.rulebook_check`, which needs the world outside.
"""

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from core.durations import seconds_of
from core.duties import DUTY_KEYS, DUTY_KINDS
from core.script import to_simplified
from core.weekly import WeeklyTime, parse_weekly_time

Numbering = Literal["漢字", "數字"]  # 第十一條, or 第11條
Chain = Literal[
    "unit_leaders",  # the group's unit's 分管負責人 (org.toml units[].leaders)
    "street_leaders",  # org.toml escalation.street_leaders
    "party_committee",  # escalation.party_committee
    "cyberspace_contacts",  # escalation.cyberspace_contacts
    "department",  # the 黨群工作部's staff (department.staff) and the superusers
    "outside_bodies",  # an incident report for escalation.outside_bodies, through the street
]
StepKind = Literal["warning", "mute", "kick", "blacklist"]
_STEP_WORDS: dict[str, StepKind] = {
    **dict.fromkeys(("警告", "warn", "warning"), "warning"),
    **dict.fromkeys(("移出", "kick"), "kick"),
    **dict.fromkeys(("拉黑", "ban", "blacklist"), "blacklist"),
}
DEFAULT_FILE = Path(__file__).parent.parent / "rulebooks" / "default.toml"


# Kept as the file writes them: the send layer shows them in the deployment's script.
Text = Annotated[str, Field(min_length=1, max_length=2000)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Step(_Strict):
    """One rung of a ladder: a warning, a mute of `seconds`, a removal, a blacklisting."""

    kind: StepKind
    seconds: int = 0

    @model_validator(mode="before")
    @classmethod
    def _from_words(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        found = parse_step(value)
        if found is None:
            raise ValueError(f"「{value}」應為 警告、禁言 <時長>（如 禁言 1小時）、移出 或 拉黑")
        return found.model_dump()

    @model_validator(mode="after")
    def _length(self) -> "Step":
        if (self.kind == "mute") != (self.seconds > 0):
            raise ValueError("只有禁言有時長")
        return self


def parse_step(word: str) -> Step | None:
    """A step as the rulebook or a command writes it: `警告`, `移出`, `拉黑` (warn, kick, ban), or a
    mute, `禁言 1小時`, `禁言1天` or just `2h`; None for anything else."""
    text = to_simplified(word.strip()).lower()
    if text in _STEP_WORDS:
        return Step(kind=_STEP_WORDS[text])
    seconds = seconds_of(text.removeprefix("禁言").strip())
    return Step(kind="mute", seconds=seconds) if seconds is not None else None


class Ladder(_Strict):
    """The measures for a kind of content, under `article`: the n-th offence within
    `window_days` takes the n-th step (the last one again after that)."""

    name: Text
    article: int
    steps: tuple[Step, ...] = Field(min_length=1, max_length=8)
    window_days: int = Field(default=30, ge=1, le=365)


class Category(_Strict):
    """A category of content an article forbids: its clause, the lexicon files that find it,
    and the ladder that deals with it."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")
    name: Text
    kind: Literal["illegal", "harmful"]
    article: int
    clause: int | None = Field(default=None, ge=1, le=99)
    words: Text  # the clause as the article words it, for the incident report
    severity: int = Field(default=3, ge=1, le=5)  # for terms whose line gives none
    lexicon: tuple[str, ...] = Field(min_length=1)  # files, relative to a lexicon folder
    ladder: str


class Article(_Strict):
    number: int = Field(ge=1, le=999)
    text: Text
    duties: tuple[str, ...] = ()
    tell: tuple[Chain, ...] = ()  # who hears of a measure taken under this article

    @field_validator("duties")
    @classmethod
    def _known_duties(cls, duties: tuple[str, ...]) -> tuple[str, ...]:
        for duty in duties:
            if duty not in DUTY_KEYS:
                raise ValueError(f"未知職責「{duty}」（可用：{'、'.join(DUTY_KEYS)}）")
        return duties


class MemberCaps(_Strict):
    """The starting member cap by group type, for grades 一級, 二級, 三級."""

    internal: tuple[int, int, int] = (1000, 500, 200)
    public: tuple[int, int, int] = (2000, 1000, 500)

    @model_validator(mode="after")
    def _positive(self) -> "MemberCaps":
        if min(*self.internal, *self.public) < 1:
            raise ValueError("人數上限應為正數")
        return self


class RealnameRules(_Strict):
    card_deadline_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    member_caps: MemberCaps = MemberCaps()


class ClearanceRules(_Strict):
    schedule: str = "週一 09:00"  # the weekly member check
    silent_days: int = Field(default=90, ge=1, le=3650)  # a member not seen speaking
    dormant_days: int = Field(default=60, ge=1, le=3650)  # a group nobody spoke in

    @model_validator(mode="after")
    def _weekly(self) -> "ClearanceRules":
        if parse_weekly_time(self.schedule) is None:
            raise ValueError(f"schedule 應寫成「週一 09:00」，不是「{self.schedule}」")
        return self

    @property
    def weekly(self) -> WeeklyTime:
        found = parse_weekly_time(self.schedule)
        assert found is not None  # validated above
        return found


class DutyRules(_Strict):
    """The numbers of the duties that have some. A table here for a duty no article binds is an
    error: the numbers would be for nothing."""

    realname: RealnameRules | None = None
    clearance: ClearanceRules | None = None


class Rulebook(_Strict):
    title: Text
    numbering: Numbering = "漢字"
    in_force: dt.date  # 自發布之日起實施
    trial_years: int = Field(default=2, ge=1, le=10)  # 施行期
    article: tuple[Article, ...] = Field(min_length=1)
    category: tuple[Category, ...] = ()
    ladder: dict[str, Ladder] = {}
    duty: DutyRules = DutyRules()
    digest: str = ""  # of the file's bytes, set by `parse_rulebook`
    source: str = Field(default="", repr=False)  # the file's text, likewise

    @model_validator(mode="after")
    def _consistent(self) -> "Rulebook":
        numbers = [a.number for a in self.article]
        twice = sorted(n for n in set(numbers) if numbers.count(n) > 1)
        if twice:
            raise ValueError(f"article[{twice[0]}]：條號重複")
        known = set(numbers)
        bound = {d for a in self.article for d in a.duties}
        for name in ("realname", "clearance"):
            if getattr(self.duty, name) is not None and name not in bound:
                raise ValueError(f"duty.{name}：此職責未被任何條文約束（請在某條的 duties 列出）")
        for name, ladder in self.ladder.items():
            if ladder.article not in known:
                raise ValueError(f"ladder.{name}.article：沒有第 {ladder.article} 條")
        keys = [c.key for c in self.category]
        if len(set(keys)) != len(keys):
            raise ValueError(
                f"category[{sorted(k for k in keys if keys.count(k) > 1)[0]}]：類別 key 重複"
            )
        for c in self.category:
            if c.article not in known:
                raise ValueError(f"category[{c.key}].article：沒有第 {c.article} 條")
            if c.ladder not in self.ladder:
                raise ValueError(f"category[{c.key}].ladder：沒有名為「{c.ladder}」的階梯")
        for kind in DUTY_KINDS:
            if kind.required and kind.key not in bound:
                raise ValueError(f"article：沒有條文約束必需的職責「{kind.name}」（{kind.key}）")
        if self.category and "content" not in bound:
            raise ValueError("category：內容職責（content）未被任何條文約束")
        if "content" in bound and not self.category:
            raise ValueError("category：內容職責（content）需要至少一個類別")
        return self

    # What the duties ask of it.

    @cached_property
    def _articles_of(self) -> dict[str, tuple[int, ...]]:
        found: dict[str, list[int]] = {}
        for a in self.article:
            for duty in a.duties:
                found.setdefault(duty, []).append(a.number)
        return {duty: tuple(numbers) for duty, numbers in found.items()}

    def binds(self, duty: str) -> bool:
        return duty in self._articles_of

    def articles_of(self, *duties: str) -> tuple[int, ...]:
        """The articles binding any of `duties`, in the rulebook's order, each once."""
        numbers = {n for d in duties for n in self._articles_of.get(d, ())}
        return tuple(a.number for a in self.article if a.number in numbers)

    def article_of(self, duty: str) -> int:
        """The article a record of `duty`'s measures is filed under: the first binding it."""
        numbers = self._articles_of.get(duty)
        if not numbers:
            raise LookupError(f"the rulebook binds no article to the duty {duty!r}")
        return numbers[0]

    def text_of(self, number: int) -> str:
        return next(a.text for a in self.article if a.number == number)

    def tell_of(self, number: int) -> tuple[Chain, ...]:
        return next((a.tell for a in self.article if a.number == number), ())

    @property
    def identity(self) -> dict[str, str]:
        """What a record keeps of the rulebook it was made under."""
        return {"title": self.title, "digest": self.digest}

    @property
    def trial_end(self) -> dt.date:
        try:
            return self.in_force.replace(year=self.in_force.year + self.trial_years)
        except ValueError:  # 29 February
            return self.in_force.replace(year=self.in_force.year + self.trial_years, day=28)


class RulebookError(Exception):
    """The rulebook cannot be used; the message names the file, the key and the fault."""


def _key_path(loc: Iterable[int | str], data: Any) -> str:
    """`article[3].duties`, with a category or article named by its key or number."""
    path, node = "", data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            named = item.get("key", item.get("number")) if isinstance(item, dict) else None
            path += f"[{named if named is not None else part}]"
            node = item
        else:
            path += f".{part}" if path else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return path or "（整個檔案）"


_MESSAGES = {"extra_forbidden": "未知的鍵", "missing": "缺少此鍵"}


def parse_rulebook(raw: bytes, source: str = "rulebook.toml") -> Rulebook:
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise RulebookError(f"群規檔 {source} 不是有效的 TOML：{exc}") from exc
    try:
        read = {"digest": hashlib.sha256(raw).hexdigest(), "source": raw.decode("utf-8-sig")}
        book = Rulebook.model_validate({**data, **read})
    except ValidationError as exc:
        first = exc.errors()[0]
        message = _MESSAGES.get(first["type"]) or str(first["msg"]).removeprefix("Value error, ")
        # A check across keys names its own key first (`category[rumor].ladder：…`).
        where = f"{_key_path(first['loc'], data)}：" if first["loc"] else ""
        raise RulebookError(f"群規檔 {source} 有誤：{where}{message}") from exc
    return book


def load_rulebook(path: Path) -> Rulebook:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RulebookError(f"無法讀取群規檔 {path}：{exc.strerror}") from exc
    return parse_rulebook(raw, str(path))
