"""The deployment's settings, read from the environment and `.env` through NoneBot's config."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

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


def load_settings() -> Settings:
    """The settings of the running NoneBot (call after `nonebot.init`)."""
    import nonebot

    return nonebot.get_plugin_config(Settings)
