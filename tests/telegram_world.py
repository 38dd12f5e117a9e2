"""The test organisation's people and group on Telegram, for the fake Bot API (tests/telegram_api.py).

The same people as tests/accounts.py (their numbers are valid Telegram user ids); the group is a
supergroup, whose id is -100 followed by its own number.
"""

from tests import accounts
from tests.telegram_api import TelegramApi

GROUP = -100700100
OTHER_GROUP = -100700200

NAMES = {
    accounts.SUPERUSER: "超級用戶",
    accounts.DEPARTMENT: "黨群工作部",
    accounts.LEADER: "分管負責人",
    accounts.OTHER_LEADER: "村負責人",
    accounts.STREET_LEADER: "街道負責人",
    accounts.ADMIN: "李四",
    accounts.OWNER: "王五",
    accounts.MEMBER: "張三",
    accounts.STRANGER: "路人",
}


def populate(api: TelegramApi) -> None:
    """Everyone known to Telegram; GROUP with its owner (creator), an admin, a member, and the
    bot an admin with a moderator's rights (tests/telegram_api_inject.py BOT_RIGHTS)."""
    for user_id, name in NAMES.items():
        api.add_user(user_id, name, username=f"user{user_id}")
    api.add_group(GROUP, "XX社區工作群")
    api.put(GROUP, accounts.OWNER, "creator")
    api.put(
        GROUP, accounts.ADMIN, "administrator", can_delete_messages=True, can_restrict_members=True
    )
    api.put(GROUP, accounts.MEMBER, "member")
