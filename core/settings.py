"""The deployment's settings, read from the environment and `.env` through NoneBot's config."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, ValidationInfo, field_validator

from core.rulebook import DEFAULT_FILE as DEFAULT_RULEBOOK
from core.script import to_simplified
from core.weekly import WeeklyTime, parse_weekly_time

Script = Literal["zh-Hant", "zh-Hans"]
GRADES = ("一級", "二級", "三級")
DB_SCHEMES = ("sqlite", "postgres", "postgresql", "asyncpg")
SECRET = frozenset({"onebot_access_token", "onebot_secret", "qungui_db_url"})
"""Settings whose value a refusal never repeats."""


class Settings(BaseModel):
    """Every `QUNGUI_*` setting; `.env.example` documents each one."""

    qungui_data_dir: Path = Path("data")
    qungui_db_url: str = ""
    # Start with an empty ONEBOT_ACCESS_TOKEN or the example's: for tests on a closed machine only.
    qungui_allow_open_token: bool = False
    qungui_org_file: Path = Path("org.toml")
    qungui_rulebook_file: Path = DEFAULT_RULEBOOK
    qungui_script: Script = "zh-Hant"
    # Pacing per bot account: group/private sends, and management actions (recall, mute, kick…).
    qungui_send_per_second: float = Field(default=1.0, gt=0)
    qungui_manage_per_second: float = Field(default=0.7, gt=0)
    # After a send refused for risk (風控) the account's sending waits this long; recalls and
    # removals go on.
    qungui_backoff_seconds: float = Field(default=60.0, ge=0)
    # Events received per bot account wait in an inbox of this many for a fixed set of workers;
    # when it is full the bot stops reading and TCP slows NapCat down, so a flood costs no memory.
    qungui_inbox_size: int = Field(default=1000, ge=1, le=100_000)
    qungui_inbox_workers: int = Field(default=64, ge=1, le=1000)
    # On connect, each managed group's history is read back this far (messages) and what came
    # while no bot was connected is handled; 0 turns the catch-up off.
    qungui_catch_up_messages: int = Field(default=50, ge=0, le=100)
    qungui_command_menu: bool = True
    # Several processes on one PostgreSQL: each has its own name; one of them keeps the audit
    # anchor log (its file is on that process's disk). A process whose heartbeat is older than
    # the lease is dead: its accounts count as offline and its due work is taken over.
    qungui_node: str = Field(default="main", pattern=r"^[A-Za-z0-9_.-]{1,32}$")
    qungui_anchor_keeper: bool = True
    qungui_lease_seconds: float = Field(default=120.0, ge=5, le=3600)
    # Real-name duty (Art. 4, 7): the card format groups start with (bot.py refuses a bad one),
    # the time a new member has to fix their card, and how often due deadlines are re-checked;
    # where there are no cards (Telegram), the minutes a join applicant has to answer the bot.
    qungui_card_pattern: str = "單位-姓名"
    qungui_card_deadline_hours: float | None = Field(default=None, gt=0)  # else the rulebook's
    qungui_card_recheck_seconds: float = Field(default=300.0, ge=1)
    qungui_join_answer_minutes: float = Field(default=5.0, gt=0)
    # Content duty (Art. 7-10): a folder of deployment lexicons beside the plugin's own (empty:
    # <data dir>/lexicon), and a burst of findings in one group that is a public-opinion risk.
    qungui_lexicon_dir: Path | None = None
    qungui_burst_count: int = Field(default=5, ge=2)
    qungui_burst_minutes: float = Field(default=10.0, gt=0)
    # Clearance duty (Art. 4, 14): when the weekly member check runs (a group's own /清理設定 first,
    # then its grade's entry, then the default), the thresholds, and how often due checks are sought.
    qungui_clearance_schedule: str | None = None  # these three: else the rulebook's
    qungui_clearance_schedule_by_grade: dict[str, str] = Field(default_factory=dict)
    qungui_clearance_silent_days: int | None = Field(default=None, ge=1)
    qungui_clearance_dormant_days: int | None = Field(default=None, ge=1)
    qungui_clearance_batch_days: float = Field(default=7.0, gt=0)
    qungui_clearance_mentions: int = Field(default=20, ge=1, le=50)
    qungui_clearance_check_seconds: float = Field(default=300.0, ge=1)
    # The audit trail (Art. 8, 10): the key the records are sealed with, kept apart from the
    # database (empty: <data dir>/audit.key), and the anchor log (empty: <data dir>/audit-anchor.log).
    qungui_audit_key_file: Path | None = None
    qungui_audit_anchor_file: Path | None = Field(default=None, validate_default=True)
    # The console (/console): a session ends after this many minutes without a request.
    qungui_console_idle_minutes: float = Field(default=30.0, gt=0, le=1440)

    @field_validator("qungui_db_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        value = value.strip()
        scheme, found, _ = value.partition("://")
        if value and (not found or scheme.lower() not in DB_SCHEMES):
            # The scheme only: the rest of a URL may hold a password.
            named = f"，不是 {scheme}://…" if scheme and found else ""
            raise ValueError(f"應為 sqlite://路徑 或 postgres://用戶:密碼@主機:5432/庫名{named}")
        return value

    @field_validator(
        "qungui_lexicon_dir", "qungui_audit_key_file", "qungui_audit_anchor_file", mode="before"
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("qungui_audit_anchor_file")
    @classmethod
    def _anchor_apart_from_key(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        data_dir = info.data.get("qungui_data_dir", Path("data"))
        key = info.data.get("qungui_audit_key_file") or data_dir / "audit.key"
        if (value or data_dir / "audit-anchor.log").absolute() == Path(key).absolute():
            raise ValueError("不能與 QUNGUI_AUDIT_KEY_FILE 是同一個檔案")
        return value

    @field_validator("qungui_clearance_schedule")
    @classmethod
    def _weekly_time(cls, value: str | None) -> str | None:
        if value is not None and parse_weekly_time(value) is None:
            raise ValueError(f"應寫成「週一 09:00」，不是「{value}」")
        return value

    @field_validator("qungui_clearance_schedule_by_grade")
    @classmethod
    def _weekly_time_by_grade(cls, value: dict[str, str]) -> dict[str, str]:
        grades = {to_simplified(g): g for g in GRADES}
        checked: dict[str, str] = {}
        for grade, when in value.items():
            if to_simplified(grade.strip()) not in grades:
                raise ValueError(f"分級應為一級、二級或三級，不是「{grade}」")
            if parse_weekly_time(when) is None:
                raise ValueError(f"{grade}：應寫成「週一 09:00」，不是「{when}」")
            checked[grades[to_simplified(grade.strip())]] = when
        return checked

    @property
    def clearance_schedule_by_grade(self) -> dict[str, WeeklyTime]:
        """Keyed by the grade's Traditional name (一級, 二級, 三級)."""
        return {
            grade: found
            for grade, when in self.qungui_clearance_schedule_by_grade.items()
            if (found := parse_weekly_time(when)) is not None
        }

    @property
    def audit_key_file(self) -> Path:
        return self.qungui_audit_key_file or self.qungui_data_dir / "audit.key"

    @property
    def audit_anchor_file(self) -> Path:
        return self.qungui_audit_anchor_file or self.qungui_data_dir / "audit-anchor.log"

    @property
    def lexicon_dir(self) -> Path:
        return self.qungui_lexicon_dir or self.qungui_data_dir / "lexicon"

    @property
    def db_url(self) -> str:
        if self.qungui_db_url:
            return self.qungui_db_url
        return f"sqlite://{self.qungui_data_dir / 'qungui.sqlite3'}"


class SettingsError(Exception):
    """A setting cannot be used; the message names it and says what is wrong, in one line."""


def invalid(exc: ValidationError) -> SettingsError:
    """The first error of `exc` as one line naming the setting (its value unless it is secret)."""
    first = exc.errors()[0]
    key = str(first["loc"][0]) if first["loc"] else "?"
    key = key.replace("onebot_v11_", "onebot_", 1)  # the OneBot adapter's aliases
    message = str(first["msg"]).removeprefix("Value error, ")
    shown = "" if key in SECRET else f"（輸入：{first.get('input')!r}）"
    return SettingsError(f"設定 {key.upper()} 有誤：{message}{shown}")


def load_settings() -> Settings:
    """The settings of the running NoneBot (call after `nonebot.init`)."""
    import nonebot

    try:
        return nonebot.get_plugin_config(Settings)
    except ValidationError as exc:
        raise invalid(exc) from exc
