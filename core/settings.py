"""The deployment's settings, read from the environment and `.env` through NoneBot's config."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

Script = Literal["zh-Hant", "zh-Hans"]


class Settings(BaseModel):
    """Every `QUNGUI_*` setting; `.env.example` documents each one."""

    qungui_data_dir: Path = Path("data")
    qungui_db_url: str = ""
    qungui_org_file: Path = Path("org.toml")
    qungui_script: Script = "zh-Hant"
    # Pacing per bot account: group/private sends, and management actions (recall, mute, kick…).
    qungui_send_per_second: float = Field(default=1.0, gt=0)
    qungui_manage_per_second: float = Field(default=0.7, gt=0)
    # After a refusal for risk (retcode 1200) every action of that account waits this long.
    qungui_backoff_seconds: float = Field(default=60.0, ge=0)

    @property
    def db_url(self) -> str:
        if self.qungui_db_url:
            return self.qungui_db_url
        return f"sqlite://{self.qungui_data_dir / 'qungui.sqlite3'}"


class SettingsError(Exception):
    """A setting cannot be used; the message names it and says what is wrong."""


def load_settings() -> Settings:
    """The settings of the running NoneBot (call after `nonebot.init`)."""
    import nonebot

    try:
        return nonebot.get_plugin_config(Settings)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "?"
        raise SettingsError(
            f"設定 {name} 有誤：{first['msg']}（輸入：{first.get('input')!r}）"
        ) from exc
