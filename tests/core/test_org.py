"""The organisation file: the example loads, and a bad file names the key and the fault."""

from pathlib import Path

import pytest

from adapters import onebot_events, telegram_events
from core.org import Account, Org, OrgFileError, load_org, parse_org

QQ = onebot_events.NAME  # the platform of a bare number

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "org.example.toml"

GOOD = """
[street]
name = "測試街道"

[department]
staff = [10001]

[escalation]
street_leaders = [30001]

[[units]]
name = "XX社區"
kind = "社區"
leaders = [20001]

[[units]]
name = "XX村"
kind = "村"
leaders = [20002]
"""


def fault(text: str, source: str = "org.toml") -> str:
    with pytest.raises(OrgFileError) as caught:
        parse_org(text, source)
    return str(caught.value)


def test_the_example_file_loads() -> None:
    org = load_org(EXAMPLE)
    assert org.street.name == "XX街道"
    assert org.street.timezone == "Asia/Shanghai"
    assert org.department.staff == ((Account(QQ, 10001),),)
    assert [(u.name, u.kind) for u in org.units] == [
        ("黨群工作部", "機關"),
        ("XX社區", "社區"),
        ("XX村", "村"),
        ("XX工作站", "工作站"),
    ]
    assert org.escalation.street_leaders == ((Account(QQ, 30001),),)
    assert org.escalation.report_group is None


def test_a_small_file_takes_the_defaults() -> None:
    org = parse_org(GOOD)
    assert org.department.name == "黨群工作部"
    assert org.escalation.outside_bodies == ("公安分局", "區委網信辦")


@pytest.mark.parametrize(
    ("old", "new", "key", "problem"),
    [
        pytest.param('kind = "村"', 'kind = "街道"', "units[1].kind", "機關", id="kind"),
        pytest.param("street_leaders = [30001]", "", "escalation.street_leaders", "", id="missing"),
        pytest.param(
            "street_leaders = [30001]",
            "street_leaders = []",
            "escalation.street_leaders",
            "1",
            id="no-street-leader",
        ),
        pytest.param('name = "測試街道"', 'name = ""', "street.name", "", id="empty-street"),
        pytest.param(
            "[escalation]",
            "[policy]\nstart = 2025-01-01\n\n[escalation]",
            "policy",
            "群規檔",
            id="policy-moved-to-the-rulebook",
        ),
        pytest.param(
            "staff = [10001]", 'staff = ["老王"]', "department.staff[0]", "", id="account"
        ),
        pytest.param(
            'name = "測試街道"',
            'name = "測試街道"\nnmae = "typo"',
            "street.nmae",
            "",
            id="unknown-key",
        ),
        pytest.param(
            "leaders = [20002]",
            'leaders = [20002]\n[[units]]\nname = "X"',
            "units[2].kind",
            "",
            id="unit-without-kind",
        ),
    ],
)
def test_a_bad_file_names_the_key(old: str, new: str, key: str, problem: str) -> None:
    assert old in GOOD
    message = fault(GOOD.replace(old, new), "/etc/qungui/org.toml")
    assert "/etc/qungui/org.toml" in message
    assert f"：{key}：" in message
    assert problem in message


def test_no_units_at_all() -> None:
    text = GOOD[: GOOD.index("[[units]]")]
    assert "units" in fault(text)


def test_the_same_unit_in_two_scripts_is_a_duplicate() -> None:
    text = GOOD + '\n[[units]]\nname = "XX社区"\nkind = "社區"\n'
    message = fault(text)
    assert "units" in message
    assert "XX社区" in message
    assert "重複" in message


def test_an_unknown_timezone_is_named() -> None:
    text = GOOD.replace('name = "測試街道"', 'name = "測試街道"\ntimezone = "Mars/Olympus"')
    message = fault(text)
    assert "street.timezone" in message
    assert "Mars/Olympus" in message


def test_a_file_that_is_not_toml() -> None:
    message = fault("[street\nname = 1", "broken.toml")
    assert "broken.toml" in message
    assert "不是有效的 TOML" in message


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(OrgFileError) as caught:
        load_org(missing)
    assert str(missing) in str(caught.value)
    assert "無法讀取" in str(caught.value)


def test_load_org_reports_faults_with_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "org.toml"
    bad.write_text(GOOD.replace('kind = "村"', 'kind = "鎮"'), "utf-8")
    with pytest.raises(OrgFileError, match=r"units\[1\]\.kind") as caught:
        load_org(bad)
    assert str(bad) in str(caught.value)


@pytest.mark.parametrize("name", ["XX社區", "XX社区", " XX社區 "])
def test_unit_matches_either_script(name: str) -> None:
    unit = parse_org(GOOD).unit(name)
    assert unit is not None
    assert unit.name == "XX社區"


def test_unknown_unit_is_none() -> None:
    org = parse_org(GOOD)
    assert org.unit("YY社區") is None
    assert org.unit("") is None


def test_leaders_and_department() -> None:
    org = parse_org(GOOD)
    assert [u.name for u in org.units_led_by(QQ, 20002)] == ["XX村"]
    assert org.units_led_by(QQ, 99999) == ()
    assert org.is_department(QQ, 10001)
    assert not org.is_department(QQ, 20001)


def test_the_org_is_frozen() -> None:
    org = parse_org(GOOD)
    with pytest.raises(ValueError, match="frozen"):
        org.street = org.street
    assert isinstance(org, Org)


# --- accounts by platform -------------------------------------------------------------------

TG = telegram_events.NAME


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param("10001", ((Account(QQ, 10001),),), id="qq-number"),
        pytest.param('"10001"', ((Account(QQ, 10001),),), id="qq-digits-quoted"),
        pytest.param('"telegram:6100010"', ((Account(TG, 6100010),),), id="telegram"),
        pytest.param(
            '10001, "telegram:10001"',
            ((Account(QQ, 10001),), (Account(TG, 10001),)),
            id="same-number-two-people",
        ),
        pytest.param(
            '[10001, "telegram:6100010"]',
            ((Account(QQ, 10001), Account(TG, 6100010)),),
            id="one-person-both",
        ),
    ],
)
def test_an_account_is_a_qq_number_or_a_telegram_id(
    written: str, expected: tuple[tuple[Account, ...], ...]
) -> None:
    org = parse_org(GOOD.replace("staff = [10001]", f"staff = [{written}]"))
    assert org.department.staff == expected


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        pytest.param('"tg:6100010"', '"tg:6100010"', id="unknown-prefix"),
        pytest.param('"Telegram:6100010"', '"Telegram:6100010"', id="prefix-case"),
        pytest.param('"telegram:"', '"telegram:"', id="no-id"),
        pytest.param('"telegram:abc"', '"telegram:abc"', id="not-a-number"),
        pytest.param('"telegram:-1001700100"', '"telegram:-1001700100"', id="a-chat-not-a-user"),
        pytest.param('"telegram:６１"', '"telegram:６１"', id="wide-digits"),
        pytest.param('"老王"', '"老王"', id="a-name"),
        pytest.param("0", "0", id="zero"),
        pytest.param("-10001", "-10001", id="negative"),
        pytest.param("true", "true", id="boolean"),
        pytest.param("10001.0", "10001.0", id="float"),
    ],
)
def test_a_bad_account_names_its_key_and_how_to_write_one(written: str, shown: str) -> None:
    message = fault(GOOD.replace("staff = [10001]", f"staff = [10002, {written}]"))
    assert "：department.staff[1]：" in message
    assert f"帳號 {shown} 無效" in message
    assert '"telegram:用戶 ID"' in message  # how to write it


def test_a_bad_account_of_a_unit_leader_names_the_unit() -> None:
    message = fault(GOOD.replace("leaders = [20002]", 'leaders = ["wechat:1"]'))
    assert "：units[1].leaders[0]：" in message
    assert '"wechat:1"' in message


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        pytest.param("[]", "空的", id="empty-person"),
        pytest.param("[10001, 10001]", "重複", id="same-account-twice"),
        pytest.param('[10001, "telegram:x"]', '"telegram:x"', id="bad-inside"),
        pytest.param("[[10001]]", "無效", id="nested-twice"),
    ],
)
def test_a_bad_person_entry(written: str, problem: str) -> None:
    message = fault(GOOD.replace("street_leaders = [30001]", f"street_leaders = [{written}]"))
    assert "：escalation.street_leaders[0]：" in message
    assert problem in message


def test_checks_ask_by_platform() -> None:
    org = parse_org(
        GOOD.replace("staff = [10001]", 'staff = [10001, "telegram:6100010"]').replace(
            "leaders = [20002]", 'leaders = ["telegram:20001"]'
        )
    )
    assert org.is_department(QQ, 10001)
    assert not org.is_department(TG, 10001)  # the QQ number, on Telegram: someone else
    assert org.is_department(TG, 6100010)
    assert not org.is_department(QQ, 6100010)
    assert [u.name for u in org.units_led_by(QQ, 20001)] == ["XX社區"]
    assert [u.name for u in org.units_led_by(TG, 20001)] == ["XX村"]
    village = org.unit("XX村")
    assert village is not None
    assert village.led_by(TG, 20001)
    assert not village.led_by(QQ, 20001)
    assert Account(TG, 6100010) in org.people()
    assert Account(TG, 10001) not in org.people()


def test_a_person_listed_together_once_is_one_person_everywhere() -> None:
    org = parse_org(
        GOOD.replace("staff = [10001]", 'staff = [[10001, "telegram:6100010"]]').replace(
            "street_leaders = [30001]", 'street_leaders = [30001, "telegram:6100010"]'
        )
    )
    both = (Account(QQ, 10001), Account(TG, 6100010))
    assert org.person_of(Account(QQ, 10001)) == both
    assert org.person_of(Account(TG, 6100010)) == both
    assert org.person_of(Account(QQ, 30001)) == (Account(QQ, 30001),)
    assert org.person_of(Account(TG, 10001)) == (Account(TG, 10001),)  # not named: on its own


def test_the_example_says_how_to_write_a_telegram_account() -> None:
    text = EXAMPLE.read_text("utf-8")
    assert '"telegram:' in text
    parse_org(text.replace("staff = [10001]", 'staff = [10001, [10002, "telegram:6100020"]]'))
