"""Start-up only: settings, the organisation file, the database, the adapters, the plugins."""

import os
import sys
from pathlib import Path

import nonebot
from nonebot.adapters.onebot.v11.config import Config as OneBotConfig
from nonebot.adapters.telegram import Adapter as TelegramAdapter
from nonebot.compat import model_dump
from nonebot.config import Config
from nonebot.log import logger

from adapters import telegram_edge
from adapters.onebot_log import quiet_event_logs
from adapters.onebot_queue import Adapter as OneBotAdapter
from core import runtime
from core.logs import carries_text, log_from
from core.org import OrgFileError, load_org
from core.rulebook import RulebookError, load_rulebook
from core.rulebook_check import SHIPPED_LEXICONS, mute_limits, problems
from core.settings import Settings, SettingsError
from core.startup import (
    level_problem,
    nonebot_config,
    plugin_config,
    token_allowed,
    token_problem,
    token_refused,
)
from models.db import close_db, open_db
from models.rulebooks import keep_edition

HERE = Path(__file__).parent
EXAMPLE_ORG = HERE / "org.example.toml"


def _checked() -> tuple[Config, Settings, str | None]:
    """Every setting, read as NoneBot will read it, before it starts: SettingsError names a bad
    one. Also what is wrong with the access token, when QUNGUI_ALLOW_OPEN_TOKEN lets it pass.
    """
    config = nonebot_config()
    if problem := level_problem(config.log_level):
        raise SettingsError(problem)
    settings = plugin_config(Settings, config)
    token = token_problem(plugin_config(OneBotConfig, config).onebot_access_token)
    if token is not None and not settings.qungui_allow_open_token:
        raise SettingsError(token_refused(token))
    if problem := telegram_edge.bots_problem(model_dump(config)):
        raise SettingsError(problem)
    return config, settings, token


def main() -> None:
    try:
        config, settings, open_token = _checked()
    except SettingsError as exc:
        logger.error(str(exc))
        sys.exit(2)
    log_from(config.log_level)  # before NoneBot starts: its first lines go through it too
    if not carries_text(config.log_level):
        quiet_event_logs()
        telegram_edge.quiet_event_logs()
    nonebot.init()
    if open_token is not None:
        logger.warning(token_allowed(open_token))
    if telegram_edge.unread_bots(os.environ, model_dump(config)):
        logger.warning(
            "環境變數 TELEGRAM_BOTS 未被讀取：NoneBot 只讀 .env 裡也寫了的設定，"
            "請在 .env 加一行 TELEGRAM_BOTS=[]（見 .env.example）"
        )
    org_file = settings.qungui_org_file
    if not org_file.exists():
        logger.warning("=" * 70)
        logger.warning(
            f"組織檔案 {org_file} 不存在：暫以 org.example.toml 啟動。請複製並填寫後重啟。"
        )
        logger.warning("=" * 70)
        org_file = EXAMPLE_ORG
    try:
        org = load_org(org_file)
        rulebook = load_rulebook(settings.qungui_rulebook_file)
    except (OrgFileError, RulebookError) as exc:
        logger.error(str(exc))
        sys.exit(2)
    if found := problems(rulebook, (SHIPPED_LEXICONS, settings.lexicon_dir), mute_limits()):
        logger.error(f"群規檔 {settings.qungui_rulebook_file} 有誤：{found[0]}")
        sys.exit(2)
    runtime.install(settings, org, rulebook)
    for line in runtime.overrides(settings):
        logger.warning(line)
    logger.info(f"群規：《{rulebook.title}》（{settings.qungui_rulebook_file}）")
    settings.qungui_data_dir.mkdir(parents=True, exist_ok=True)

    driver = nonebot.get_driver()
    driver.register_adapter(OneBotAdapter)
    # Telegram too, always: with TELEGRAM_BOTS=[] it starts no bot. Its hooks ask Telegram for
    # member updates and keep what the adapter's parsing drops (adapters/telegram_edge.py).
    driver.register_adapter(TelegramAdapter)
    telegram_edge.install()

    @driver.on_startup
    async def _open_database() -> None:
        await open_db(settings.db_url)
        await keep_edition(rulebook.digest, rulebook.title, rulebook.source)

    # Shutdown hooks run in reverse: registered first, the database closes after every plugin's.
    driver.on_shutdown(close_db)
    nonebot.load_from_toml(str(HERE / "pyproject.toml"))
    # Only now: importing a plugin's module before NoneBot loads it would break the loading.
    from plugins.measures import keyfile
    from plugins.realname.rules import CardRuleError, check_card_setting

    try:
        check_card_setting(settings.qungui_card_pattern)
        keyfile.install(keyfile.ensure_key(settings.audit_key_file, settings.audit_anchor_file))
        keyfile.ensure_anchor_file(settings.audit_anchor_file)
    except (CardRuleError, keyfile.AuditFileError) as exc:
        logger.error(str(exc))
        sys.exit(2)
    # The console's pages call the plugins' services: attached once the plugins are loaded.
    from console.app import attach

    attach(nonebot.get_app())
    nonebot.run()


if __name__ == "__main__":
    main()
