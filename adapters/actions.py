"""What a plugin may ask a platform to do, as values: policies return them, the port runs them."""

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from adapters.message import Outgoing

MAX_MUTE_SECONDS = 30 * 24 * 3600 - 60  # platforms refuse a mute of 30 days or more


@dataclass(frozen=True)
class Recall:
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
class DeleteGroupFile:
    """Remove a file from a group's file list (`file_id` as the upload notice gave it)."""

    group_id: int
    file_id: str


@dataclass(frozen=True)
class SendGroup:
    group_id: int
    message: Outgoing


@dataclass(frozen=True)
class SendPrivate:
    user_id: int
    message: Outgoing


@dataclass(frozen=True)
class SendPrivateFile:
    """A file on this machine, sent to one person privately; `path` must be absolute."""

    user_id: int
    path: str
    name: str

    def __post_init__(self) -> None:
        if not PurePath(self.path).is_absolute():
            raise ValueError(f"a file to send needs an absolute path, not {self.path!r}")


@dataclass(frozen=True)
class SendPrivateImage:
    """A picture file on this machine, shown to one person privately; `path` must be absolute."""

    user_id: int
    path: str

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
    | DeleteGroupFile
    | SendGroup
    | SendPrivate
    | SendPrivateFile
    | SendPrivateImage
)

# Actions that change a group go through the slower management lane of the pacing limiter.
MANAGEMENT = (Recall, Mute, Unmute, Kick, SetCard, SetAdmin, AnswerJoin, DeleteGroupFile)


@dataclass(frozen=True)
class Done:
    data: Any = None

    ok = True


@dataclass(frozen=True)
class Refused:
    """The platform (or the connection) said no; the caller records it."""

    retcode: int
    message: str = ""

    ok = False

    RISK = 1200  # refused for risk control (風控)

    @property
    def for_risk(self) -> bool:
        return self.retcode == self.RISK

    def __str__(self) -> str:
        code = f"retcode {self.retcode}"
        return f"{code}: {self.message}" if self.message else code


Outcome = Done | Refused
