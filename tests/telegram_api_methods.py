"""The fake Bot API's methods by name, and the bot-level ones (getMe, commands).

Method names are case-insensitive (tdlib/telegram-bot-api Query.cpp lowercases them); getUpdates
and the webhook methods live beside the update queue, in tests/telegram_api_updates.py.
"""

import json
from collections.abc import Callable
from typing import Any

from tests import telegram_api_members as members
from tests import telegram_api_messages as messages
from tests.telegram_api_state import Args, Json, World, bad

Handler = Callable[[World, Args], Any]

# Every method the adapter's API class knows (nonebot/adapters/telegram/api.py), lowercased: one
# of these that the fake does not model answers 404 like an unknown one, and is noted.
BOT_API_METHODS = frozenset(
    """getupdates setwebhook deletewebhook getwebhookinfo getme logout close sendmessage
    forwardmessage forwardmessages copymessage copymessages sendphoto sendaudio senddocument
    sendvideo sendanimation sendvoice sendvideonote sendpaidmedia sendmediagroup sendlocation
    sendvenue sendcontact sendpoll senddice sendchataction setmessagereaction
    getuserprofilephotos getfile banchatmember unbanchatmember restrictchatmember
    promotechatmember setchatadministratorcustomtitle banchatsenderchat unbanchatsenderchat
    setchatpermissions exportchatinvitelink createchatinvitelink editchatinvitelink
    createchatsubscriptioninvitelink editchatsubscriptioninvitelink revokechatinvitelink
    approvechatjoinrequest declinechatjoinrequest setchatphoto deletechatphoto setchattitle
    setchatdescription pinchatmessage unpinchatmessage unpinallchatmessages leavechat getchat
    getchatadministrators getchatmembercount getchatmember setchatstickerset
    deletechatstickerset getforumtopiciconstickers createforumtopic editforumtopic
    closeforumtopic reopenforumtopic deleteforumtopic unpinallforumtopicmessages
    editgeneralforumtopic closegeneralforumtopic reopengeneralforumtopic hidegeneralforumtopic
    unhidegeneralforumtopic unpinallgeneralforumtopicmessages answercallbackquery
    getuserchatboosts getbusinessconnection setmycommands deletemycommands getmycommands
    setmyname getmyname setmydescription getmydescription setmyshortdescription
    getmyshortdescription setchatmenubutton getchatmenubutton setmydefaultadministratorrights
    getmydefaultadministratorrights editmessagetext editmessagecaption editmessagemedia
    editmessagelivelocation stopmessagelivelocation editmessagereplymarkup stoppoll
    deletemessage deletemessages sendsticker answerinlinequery""".split()
)


def get_me(world: World, args: Args) -> Json:
    # getMe's User has the bot-only fields (Client.cpp JsonUser with full_bot_info).
    return {
        **world.bot.json(),
        "can_join_groups": True,
        "can_read_all_group_messages": world.can_read_all_group_messages,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def _scope(args: Args) -> tuple[str, str]:
    scope = args.parsed("scope")
    if args.text("scope") and not isinstance(scope, dict):
        raise bad("can't parse BotCommandScope JSON object")
    key = json.dumps(scope or {"type": "default"}, sort_keys=True)
    return key, args.text("language_code")


def _command(value: Any) -> Json:
    """One BotCommand, checked as tdlib/td td/telegram/BotCommand.cpp `set_commands` checks it;
    the name's characters are Telegram's own check: "1-32 characters. Can contain only lowercase
    English letters, digits and underscores" (core.telegram.org/bots/api#botcommand)."""
    if not isinstance(value, dict):
        raise bad("can't parse BotCommand: expected an Object")
    for key in ("command", "description"):
        if not isinstance(value.get(key), str):
            raise bad(f"can't parse BotCommand: Can't find field \"{key}\"")
    command = value["command"].strip().removeprefix("/")
    description = value["description"].strip()
    if not command:
        raise bad("command must be non-empty")
    if len(command) > 32:
        raise bad("command length must not exceed 32")
    if not description:
        raise bad("command description must be non-empty")
    if len(description) > 256:
        raise bad("command description length must not exceed 256")
    if not all(char in "abcdefghijklmnopqrstuvwxyz0123456789_" for char in command):
        raise bad("BOT_COMMAND_INVALID")  # /群規 is no command name: it stays plain text
    return {"command": command, "description": description}


def set_my_commands(world: World, args: Args) -> bool:
    raw = args.text("commands")
    given = args.parsed("commands") if raw else []
    if raw and given is None:
        raise bad("can't parse commands JSON object")
    if not isinstance(given, list):
        raise bad("expected an Array of BotCommand")
    commands = [_command(value) for value in given]
    if len(commands) > 100:
        raise bad("BOT_COMMANDS_TOO_MUCH")  # "At most 100 commands can be specified"
    world.commands[_scope(args)] = commands
    return True


def get_my_commands(world: World, args: Args) -> list[Json]:
    return world.commands.get(_scope(args), [])


def delete_my_commands(world: World, args: Args) -> bool:
    world.commands.pop(_scope(args), None)
    return True


METHODS: dict[str, Handler] = {
    "getme": get_me,
    "sendmessage": messages.send_message,
    "senddocument": messages.send_file("document"),
    "sendphoto": messages.send_file("photo"),
    "deletemessage": messages.delete_message,
    "deletemessages": messages.delete_messages,
    "getchat": members.get_chat,
    "getchatmember": members.get_chat_member,
    "getchatadministrators": members.get_chat_administrators,
    "getchatmembercount": members.get_chat_member_count,
    "getchatmemberscount": members.get_chat_member_count,  # the old name, still served
    "restrictchatmember": members.restrict_chat_member,
    "banchatmember": members.ban_chat_member,
    "kickchatmember": members.ban_chat_member,  # the old name, still served
    "unbanchatmember": members.unban_chat_member,
    "promotechatmember": members.promote_chat_member,
    "setchatadministratorcustomtitle": members.set_chat_administrator_custom_title,
    "approvechatjoinrequest": members.approve_chat_join_request,
    "declinechatjoinrequest": members.decline_chat_join_request,
    "leavechat": members.leave_chat,
    "setmycommands": set_my_commands,
    "getmycommands": get_my_commands,
    "deletemycommands": delete_my_commands,
}
SENDING = frozenset({"sendmessage", "senddocument", "sendphoto"})  # what flood control counts
