"""The clearance settings refuse a schedule the bot could not read, naming what is wrong."""

import pytest
from pydantic import ValidationError

from core import runtime
from core.settings import Settings
from core.weekly import WeeklyTime


def test_schedules_are_read_and_grades_named_in_either_script() -> None:
    settings = Settings(
        qungui_clearance_schedule="週三 08:30",
        qungui_clearance_schedule_by_grade={"一级": "fri 17:00", "三級": "星期日 9:00"},
    )
    assert settings.clearance_schedule_by_grade == {
        "一級": WeeklyTime(4, 17, 0),
        "三級": WeeklyTime(6, 9, 0),
    }


def test_a_schedule_set_overrides_the_rulebooks_and_only_then(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    current = runtime.current()
    assert runtime.clearance_rules().weekly == WeeklyTime(0, 9, 0)  # the default rulebook's
    assert runtime.clearance_rules().silent_days == 90
    own = current.settings.model_copy(
        update={"qungui_clearance_schedule": "週三 08:30", "qungui_clearance_silent_days": 30}
    )
    monkeypatch.setattr(runtime, "_current", runtime.Runtime(own, current.org, current.rulebook))
    assert runtime.clearance_rules().weekly == WeeklyTime(2, 8, 30)
    assert runtime.clearance_rules().silent_days == 30
    assert runtime.clearance_rules().dormant_days == 60


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"qungui_clearance_schedule": "someday"}, "someday"),
        ({"qungui_clearance_schedule_by_grade": {"四級": "週一 09:00"}}, "四級"),
        ({"qungui_clearance_schedule_by_grade": {"一級": "週一 25:00"}}, "週一 25:00"),
        ({"qungui_clearance_mentions": 0}, "qungui_clearance_mentions"),
        ({"qungui_clearance_check_seconds": 0}, "qungui_clearance_check_seconds"),
    ],
)
def test_a_bad_clearance_setting_is_refused(changes: dict[str, object], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings(**changes)  # type: ignore[arg-type]


def test_each_setting_overriding_the_rulebook_is_named_for_the_log() -> None:
    assert runtime.overrides(Settings()) == []
    own = Settings(qungui_card_deadline_hours=12, qungui_clearance_dormant_days=30)
    assert runtime.overrides(own) == [
        "設定 QUNGUI_CARD_DEADLINE_HOURS=12.0 覆寫群規檔的 duty.realname.card_deadline_hours",
        "設定 QUNGUI_CLEARANCE_DORMANT_DAYS=30 覆寫群規檔的 duty.clearance.dormant_days",
    ]
