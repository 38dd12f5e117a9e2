"""core.startup and the settings' refusals: one line naming the setting, never a secret's value."""

from pathlib import Path

import pytest
from pydantic import ValidationError

from core.settings import Settings, invalid
from core.startup import EXAMPLE_TOKEN, level_problem, token_problem

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("token", "problem"),
    [
        (None, "未填"),
        ("", "未填"),
        ("   ", "未填"),
        (EXAMPLE_TOKEN, "仍是 .env.example 的示例值"),
        (f" {EXAMPLE_TOKEN} ", "仍是 .env.example 的示例值"),
        ("q7Xk2-long-random-string", None),
    ],
)
def test_an_open_or_example_token_is_a_problem(token: str | None, problem: str | None) -> None:
    assert token_problem(token) == problem


def test_the_example_token_is_the_one_env_example_ships() -> None:
    lines = (ROOT / ".env.example").read_text("utf-8").splitlines()
    assert f"ONEBOT_ACCESS_TOKEN={EXAMPLE_TOKEN}" in lines
    assert "QUNGUI_ALLOW_OPEN_TOKEN=false" in lines


@pytest.mark.parametrize("level", ["INFO", "DEBUG", "TRACE", "WARNING", 10, 25, 0])
def test_log_levels_loguru_knows_pass(level: int | str) -> None:
    assert level_problem(level) is None


@pytest.mark.parametrize("level", ["loud", "info", "", -1])
def test_other_log_levels_are_named(level: int | str) -> None:
    problem = level_problem(level)
    assert problem is not None
    assert problem.startswith("設定 LOG_LEVEL 有誤：")


@pytest.mark.parametrize(
    "url",
    [
        "",
        "sqlite://data/qungui.sqlite3",
        "postgres://u:p@localhost:5432/qungui",
        "postgresql://u:p@localhost/qungui",
        "asyncpg://u:p@localhost/qungui",
    ],
)
def test_databases_the_bot_can_open_pass(url: str) -> None:
    assert Settings(qungui_db_url=url).qungui_db_url == url


@pytest.mark.parametrize(
    ("url", "named"),
    [
        ("mysql://root:hunter2@db/qungui", "，不是 mysql://…"),
        ("hunter2", ""),
        ("://hunter2@db", ""),
    ],
)
def test_another_database_is_refused_without_repeating_the_url(url: str, named: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(qungui_db_url=url)
    message = str(invalid(raised.value))
    assert message == (
        f"設定 QUNGUI_DB_URL 有誤：應為 sqlite://路徑 或 postgres://用戶:密碼@主機:5432/庫名{named}"
    )
    assert "hunter2" not in message


def test_a_refusal_repeats_an_ordinary_value() -> None:
    with pytest.raises(ValidationError) as raised:
        Settings(qungui_script="klingon")  # type: ignore[arg-type]
    assert str(invalid(raised.value)) == (
        "設定 QUNGUI_SCRIPT 有誤：Input should be 'zh-Hant' or 'zh-Hans'（輸入：'klingon'）"
    )
