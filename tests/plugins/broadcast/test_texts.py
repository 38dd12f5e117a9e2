"""What the department reads: a preview capped with how many more, a tally naming refusals."""

from plugins.broadcast import texts


def test_a_preview_lists_twenty_groups_then_how_many_more() -> None:
    groups = [("XX社區", 700000 + i, f"群{i}") for i in range(25)]
    shown = texts.preview(7, ["XX社區"], groups, "【黨群工作部通知】\n開會", "14:30")
    lines = shown.splitlines()
    assert lines[:2] == ["【群發預覽 #7】", "收件：XX社區（共25個群組）"]
    assert lines[2] == "1. XX社區 700000 群0"
    assert lines[21] == "20. XX社區 700019 群19"
    assert lines[22] == "……另有5個群組"
    assert lines[-1] == "確認發出：/確認群發 7（14:30前有效；未確認則不發）"


def test_a_tally_says_what_became_of_every_group() -> None:
    said = texts.tally(
        3, sent=2, refused=((700100, "平台風控"),), unconfirmed=1, waiting=1, skipped=1
    )
    assert said.splitlines() == [
        f"群發 #3：已發2個群組，1個被拒，1個結果未知（不再重發），1個待發（{texts.NO_ACCOUNT_HERE}），"
        "1個未發（已不在管理中或逾時）。",
        "· 700100：平台風控",
    ]
    assert texts.tally(3, sent=1, refused=(), unconfirmed=0, waiting=0, skipped=0) == (
        "群發 #3：已發1個群組。"
    )
