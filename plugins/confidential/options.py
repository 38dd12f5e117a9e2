"""The confidential duty's group option, as pure decisions: what becomes of a message whose
forwarded bundle the scan could not read to its end (nested too deep, too long, out of time, or
not handed over by the platform).

The registered admins are always told. Whether the message is also recalled is the group's
choice (`/保密選項 未讀完 撤回|報告|預設`); a group that has not chosen follows its type: an
internal group (內部) recalls, since its members pass on work material and what could not be read
cannot be vouched for; a group with members of the public (群眾) is told only, since residents'
long chat histories are seldom work material and a recall there costs trust.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from core.script import to_simplified
from models.registry import GroupType

UNREAD = "unread"
OPTION_NAMES = {UNREAD: ("未讀完", "未讀", "unread")}
RECALL_WORDS = ("撤回", "recall")
TELL_WORDS = ("報告", "只報告", "告知", "tell")
DEFAULT_WORDS = ("預設", "默認", "default")


def recalls_unread(choice: bool | None, group_type: GroupType) -> bool:
    """Whether a message read only in part is recalled: the group's choice, else by its type."""
    return choice if choice is not None else group_type == GroupType.INTERNAL


def _key(word: str) -> str:
    return to_simplified(word.strip()).lower()


def _one_of(word: str, words: Sequence[str]) -> bool:
    return _key(word) in map(_key, words)


@dataclass(frozen=True)
class OptionChange:
    option: str
    recall: bool | None  # None: back to the default for the group's type


def parse_option(words: Sequence[str]) -> OptionChange | None:
    """`未讀完 撤回|報告|預設` (either script, or Latin); None for anything else."""
    if len(words) != 2:
        return None
    option = next((o for o, names in OPTION_NAMES.items() if _one_of(words[0], names)), None)
    if option is None:
        return None
    if _one_of(words[1], RECALL_WORDS):
        return OptionChange(option, True)
    if _one_of(words[1], TELL_WORDS):
        return OptionChange(option, False)
    if _one_of(words[1], DEFAULT_WORDS):
        return OptionChange(option, None)
    return None
