"""The line NoneBot logs for each OneBot event: its name and ids, never what people wrote.

NoneBot logs every event it handles as `event.get_log_string()`, which for OneBot v11 is the
message text, or the whole event (a new card, a join answer, NapCat's group name…). Above DEBUG
`quiet_event_logs` makes it the event's name and ids, so a removed confidential message or an ID
number never reaches the log; at DEBUG NoneBot's own line is kept (core.logs warns of it).
"""

from nonebot.adapters.onebot.v11 import Event
from nonebot.utils import escape_tag

IDS = ("group_id", "user_id", "operator_id", "target_id", "message_id")


def log_string(event: Event) -> str:
    """`[message.group.normal]: group_id=… user_id=… message_id=…`: the ids the event has."""
    ids = []
    for key in IDS:
        value = getattr(event, key, None)
        if type(value) is int:  # an id; never a text field NapCat might send under the name
            ids.append(f"{key}={value}")
    name = f"[{event.get_event_name()}]"
    return escape_tag(f"{name}: {' '.join(ids)}" if ids else name)


def quiet_event_logs() -> None:
    """NoneBot logs every OneBot event (but the meta events it already skips) by `log_string`."""
    setattr(Event, "get_log_string", log_string)  # noqa: B010 - mypy refuses assigning a method
