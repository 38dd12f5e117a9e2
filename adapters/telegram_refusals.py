"""What a Bot API refusal means: a pure reading of the method and the description.

The adapter keeps only the description of a 4xx answer (nonebot/adapters/telegram/adapter.py,
`ActionFailed(description)`), and puts a 429 in a NetworkError's text ("Received unexpected
429 …"). The descriptions below are the Bot API's own ("Bad Request: …", "Forbidden: …").
"""

from adapters.actions import Why

# (description fragment, reason), tried in order, case-insensitively.
_WORDINGS: tuple[tuple[str, Why], ...] = (
    # 429: "Too Many Requests: retry after N" (flood control): the account's sending backs off
    ("429", Why.RISK),
    ("too many requests", Why.RISK),
    # 403 on a private send: the person never started the bot, or blocked it
    ("can't initiate conversation", Why.UNREACHABLE),
    ("bot was blocked by the user", Why.UNREACHABLE),
    ("user is deactivated", Why.UNREACHABLE),
    # the bot itself is no longer in the chat
    ("bot was kicked", Why.NOT_MEMBER),
    ("bot is not a member", Why.NOT_MEMBER),
    # rights: restrict/ban/promote/delete without them, or on an admin or the owner
    ("not enough rights", Why.NOT_PERMITTED),
    ("chat_admin_required", Why.NOT_PERMITTED),
    ("have no rights", Why.NOT_PERMITTED),
    ("can't remove chat owner", Why.NOT_PERMITTED),
    ("user is an administrator", Why.NOT_PERMITTED),
    ("can't restrict self", Why.NOT_PERMITTED),
    ("can't demote chat creator", Why.NOT_PERMITTED),
    ("right_forbidden", Why.NOT_PERMITTED),
    ("message can't be deleted", Why.NOT_PERMITTED),  # older than 48 h, or no right to
    # gone: the message, or the join request (answered by someone else meanwhile)
    ("message to delete not found", Why.GONE),
    ("hide_requester_missing", Why.GONE),
    ("user_already_participant", Why.GONE),
    # the person
    ("user not found", Why.NOT_MEMBER),
    ("participant_id_invalid", Why.NOT_MEMBER),
    ("user_not_participant", Why.NOT_MEMBER),
    ("member not found", Why.NOT_MEMBER),
    ("chat not found", Why.NOT_MEMBER),
    # the request itself
    ("can't parse entities", Why.INVALID),
    ("message is too long", Why.INVALID),
    ("invalid", Why.INVALID),
    ("wrong", Why.INVALID),
)


def classify(method: str, description: str) -> Why:
    """The reason the Bot API refused `method` (TELEGRAM.md "Errors")."""
    low = description.lower()
    for fragment, why in _WORDINGS:
        if fragment in low:
            return why
    if "timeout" in low or "timed out" in low:
        return Why.TIMED_OUT
    return Why.OTHER
