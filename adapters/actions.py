"""What a plugin may ask a platform to do, as values: policies return them, the port runs them."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from adapters.message import Outgoing

MAX_MUTE_SECONDS = 30 * 24 * 3600 - 60  # platforms refuse a mute of 30 days or more


@dataclass(frozen=True)
class Recall:
    """Delete a message; its id is unique only within its chat on some platforms (Telegram)."""

    group_id: int
    message_id: int


@dataclass(frozen=True)
class Mute:
    group_id: int
    user_id: int
    seconds: int

    def __post_init__(self) -> None:
        if not 0 < self.seconds <= MAX_MUTE_SECONDS:
            raise ValueError(f"mute must last 1 s to under 30 days, not {self.seconds} s")


@dataclass(frozen=True)
class Unmute:
    group_id: int
    user_id: int


@dataclass(frozen=True)
class Kick:
    group_id: int
    user_id: int
    refuse_future: bool = False


@dataclass(frozen=True)
class SetCard:
    group_id: int
    user_id: int
    card: str


@dataclass(frozen=True)
class SetAdmin:
    group_id: int
    user_id: int
    enable: bool


@dataclass(frozen=True)
class AnswerJoin:
    flag: str
    sub_type: str
    approve: bool
    reason: str = ""


@dataclass(frozen=True)
class AnswerFriend:
    """Accept (or decline) a friend request; `flag` is the request's."""

    flag: str
    approve: bool


@dataclass(frozen=True)
class DeleteGroupFile:
    """Remove a file from a group's file list (`file_id` as the group-file list gives it)."""

    group_id: int
    file_id: str


@dataclass(frozen=True)
class RemoveUpload:
    """Remove an uploaded file from the group's files, found by name, uploader and time (an
    upload notice's own id may not delete it), and confirm it is gone."""

    group_id: int
    name: str
    uploader: int
    uploaded_at: datetime


@dataclass(frozen=True)
class SendGroup:
    group_id: int
    message: Outgoing


@dataclass(frozen=True)
class SendPrivate:
    """A private message; `via` is a group both share, through which a non-friend is reached
    (a temporary session). None: directly, as to a friend."""

    user_id: int
    message: Outgoing
    via: int | None = None


@dataclass(frozen=True)
class SendPrivateFile:
    """A file on this machine, sent to one person privately; `path` must be absolute."""

    user_id: int
    path: str
    name: str
    via: int | None = None  # as SendPrivate.via

    def __post_init__(self) -> None:
        if not PurePath(self.path).is_absolute():
            raise ValueError(f"a file to send needs an absolute path, not {self.path!r}")


@dataclass(frozen=True)
class SendPrivateImage:
    """A picture file on this machine, shown to one person privately; `path` must be absolute."""

    user_id: int
    path: str
    via: int | None = None  # as SendPrivate.via

    def __post_init__(self) -> None:
        if not PurePath(self.path).is_absolute():
            raise ValueError(f"an image to send needs an absolute path, not {self.path!r}")


Action = (
    Recall
    | Mute
    | Unmute
    | Kick
    | SetCard
    | SetAdmin
    | AnswerJoin
    | AnswerFriend
    | DeleteGroupFile
    | RemoveUpload
    | SendGroup
    | SendPrivate
    | SendPrivateFile
    | SendPrivateImage
)

# Actions that change a group go through the slower management lane of the pacing limiter.
MANAGEMENT = (
    Recall,
    Mute,
    Unmute,
    Kick,
    SetCard,
    SetAdmin,
    AnswerJoin,
    DeleteGroupFile,
    RemoveUpload,
)


@dataclass(frozen=True)
class Done:
    data: Any = None

    ok = True


class Why(StrEnum):
    """Why the platform (or the connection) said no."""

    RISK = "risk"  # risk control (風控) refused a send: the account's sending backs off
    NOT_MEMBER = "not_member"  # the person is not (or no longer) in the group, or unknown
    NOT_PERMITTED = "not_permitted"  # the bot's role does not allow it
    GONE = "gone"  # the message or file is no longer there (recalled, expired)
    INVALID = "invalid"  # a bad argument: the request itself was wrong
    TIMED_OUT = "timed_out"  # the platform did not finish in time (a person it cannot reach)
    NO_ANSWER = "no_answer"  # the connection failed: no platform answer at all
    UNREACHABLE = "unreachable"  # the person cannot be written to (never started the bot)
    UNSUPPORTED = "unsupported"  # the platform has no such thing (Capabilities says so)
    OTHER = "other"


# How each reason reads in the records and the notices people get (the one place it is worded).
REASONS_SHOWN: dict[Why, str] = {
    Why.RISK: "平台風控",
    Why.NOT_MEMBER: "不在群中",
    Why.NOT_PERMITTED: "權限不足",
    Why.GONE: "已不存在",
    Why.INVALID: "請求無效",
    Why.TIMED_OUT: "逾時未成",
    Why.NO_ANSWER: "平台無回應",
    Why.UNREACHABLE: "無法私訊此人",
    Why.UNSUPPORTED: "平台不支援",
    Why.OTHER: "平台拒絕",
}


@dataclass(frozen=True)
class Refused:
    """The platform (or the connection) said no, and why; the caller records it."""

    why: Why
    message: str = ""
    retcode: int = 0

    ok = False

    @property
    def for_risk(self) -> bool:
        return self.why is Why.RISK

    def __str__(self) -> str:
        """As records and notices show it: the reason in a few words, then the platform's own."""
        shown = REASONS_SHOWN[self.why]
        return f"{shown}：{self.message}" if self.message else shown


Outcome = Done | Refused
