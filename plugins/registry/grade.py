"""The grade of a group (Art. 13: graded management by nature, size and activity).

Points: a group with members of the public +2; 500 members or more +2, 100 or more +1;
500 messages in the last 7 days or more +2, 50 or more +1. Four points or more is 一級 (key
oversight), two or three 二級, fewer 三級.
"""

from typing import Literal

from models.registry import GroupType

Grade = Literal["一級", "二級", "三級"]


def grade_of(group_type: GroupType, members: int, messages_7d: int) -> Grade:
    points = 2 if group_type == GroupType.PUBLIC else 0
    points += 2 if members >= 500 else 1 if members >= 100 else 0
    points += 2 if messages_7d >= 500 else 1 if messages_7d >= 50 else 0
    if points >= 4:
        return "一級"
    return "二級" if points >= 2 else "三級"
