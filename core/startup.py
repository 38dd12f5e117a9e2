"""What `bot.py` and `manage.py` check before NoneBot starts: each mistake is one line naming it.

NoneBot reads its own settings (PORT, SUPERUSERS…) in `nonebot.init`, and a bad one ends in a
traceback; plugins and adapters read theirs later, with `get_plugin_config`. `nonebot_config`
and `plugin_config` read them as NoneBot will, from the same places (the environment, `.env`
and `.env.<ENVIRONMENT>`), before anything starts, and raise `SettingsError` naming the first bad
one. The decisions about what they read (`token_problem`, `level_problem`) are pure.
"""

import re
from typing import TypeVar

from nonebot.compat import model_dump, type_validate_python
from nonebot.config import BaseSettings, Config, Env
from nonebot.config import SettingsError as NotJson
from pydantic import BaseModel, ValidationError

from core.logs import level_number
from core.settings import SettingsError, invalid

M = TypeVar("M", bound=BaseModel)

EXAMPLE_TOKEN = "change-me-to-a-long-random-token"
"""The `ONEBOT_ACCESS_TOKEN` that `.env.example` ships with."""


def _not_json(exc: NotJson) -> SettingsError:
    found = re.search(r'"([^"]+)"', str(exc))
    name = found.group(1).upper() if found else "?"
    return SettingsError(f'設定 {name} 有誤：應寫成 JSON，例如 ["12345678"] 或 {{}}')


def nonebot_config() -> Config:
    """NoneBot's own settings, read as `nonebot.init()` will read them."""
    try:
        env = Env()
        return Config(_env_file=(".env", f".env.{env.environment}"))
    except ValidationError as exc:
        raise invalid(exc) from None
    except NotJson as exc:
        raise _not_json(exc) from None


def plugin_config(model: type[M], config: Config) -> M:
    """`model` read as `nonebot.get_plugin_config(model)` will read it once NoneBot runs."""
    try:
        values = BaseSettings._settings_build_values(
            model,
            model_dump(config),
            env_file=config._env_file,
            env_file_encoding=config._env_file_encoding,
            env_nested_delimiter=config._env_nested_delimiter,
        )
        return type_validate_python(model, values)
    except ValidationError as exc:
        raise invalid(exc) from None
    except NotJson as exc:
        raise _not_json(exc) from None


def token_problem(token: str | None) -> str | None:
    """What is wrong with the OneBot access token, or None: an open port gets abused."""
    if token is None or not token.strip():
        return "未填"
    if token.strip() == EXAMPLE_TOKEN:
        return "仍是 .env.example 的示例值"
    return None


def token_refused(problem: str) -> str:
    return (
        f"設定 ONEBOT_ACCESS_TOKEN {problem}：沒有令牌的 OneBot 埠會被人濫用。"
        "請填一個長的隨機字串，NapCat 填同一個（僅供測試：QUNGUI_ALLOW_OPEN_TOKEN=true）"
    )


def token_allowed(problem: str) -> str:
    return (
        f"設定 ONEBOT_ACCESS_TOKEN {problem}，因 QUNGUI_ALLOW_OPEN_TOKEN=true 照常啟動："
        "任何人都能連上 OneBot 埠，只可用於測試"
    )


def level_problem(level: int | str) -> str | None:
    """A LOG_LEVEL loguru does not know, as one line; None when it is fine."""
    if level_number(level) is not None:
        return None
    return (
        "設定 LOG_LEVEL 有誤：應為 TRACE、DEBUG、INFO、SUCCESS、WARNING、ERROR、CRITICAL 或數字"
        f"（輸入：{level!r}）"
    )
