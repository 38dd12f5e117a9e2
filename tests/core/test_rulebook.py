"""The rulebook file: read whole, refused in one line naming the key, cited in its numbering."""

import datetime as dt
from pathlib import Path

import pytest

from core import cite
from core.rulebook import DEFAULT_FILE, Rulebook, RulebookError, load_rulebook, parse_rulebook
from core.rulebook_check import SHIPPED_LEXICONS, describe, problems
from tests.rulebooks import install

DEFAULT = DEFAULT_FILE.read_text("utf-8")
QQ_LIMIT = {"QQ": 30 * 86400 - 60, "Telegram": 366 * 86400}


def book_of(text: str) -> Rulebook:
    return parse_rulebook(text.encode("utf-8"), "test.toml")


def fault(text: str) -> str:
    with pytest.raises(RulebookError) as caught:
        book_of(text)
    return str(caught.value)


def test_the_default_rulebook_is_this_streets_and_binds_every_duty() -> None:
    book = load_rulebook(DEFAULT_FILE)
    assert book.title == "XX街道工作互聯網群組管理辦法（試行）"
    assert [a.number for a in book.article] == list(range(1, 17))
    assert book.articles_of("content") == (7, 8, 9, 10)
    assert book.articles_of("realname", "clearance") == (4, 7)
    assert book.article_of("measures") == 10  # the first article binding it
    assert book.article_of("handover") == 5
    assert len([c for c in book.category if c.kind == "illegal"]) == 11
    assert len([c for c in book.category if c.kind == "harmful"]) == 9
    assert book.tell_of(8) == (
        "unit_leaders",
        "street_leaders",
        "party_committee",
        "outside_bodies",
    )
    assert book.trial_end == dt.date(2027, 1, 1)
    assert "互聯網群組的建立者" in book.text_of(3)  # the damaged place, as POLICY.md reads it
    assert "?" not in book.source
    assert problems(book, (SHIPPED_LEXICONS,), QQ_LIMIT) == []


def test_the_digest_is_the_files_so_any_change_shows() -> None:
    one, other = book_of(DEFAULT), book_of(DEFAULT.replace("施行期（年）", "施行期"))
    assert one.digest != other.digest
    assert len(one.digest) == 64
    assert one.identity == {"title": one.title, "digest": one.digest}


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        pytest.param(
            'duties = ["handover"]', 'duties = ["handoff"]', "article[5].duties", id="unknown-duty"
        ),
        pytest.param(
            'duties = ["realname", "clearance", "privacy"]',
            'duties = ["privacy"]',
            "duty.clearance",
            id="duty-table-bound-to-no-article",
        ),
        pytest.param(
            'lexicon = ["illegal/rumor.txt"]',
            "lexicon = []",
            "category[rumor].lexicon",
            id="no-lexicon",
        ),
        pytest.param(
            'ladder = "harmful"', 'ladder = "gentle"', "category[clickbait].ladder", id="no-ladder"
        ),
        pytest.param('"禁言 1小時"', '"禁言 一會兒"', "ladder.harmful.steps[1]", id="bad-step"),
        pytest.param('duties = ["filing"]', "", "article", id="filing-unbound"),
        pytest.param("number = 16", "number = 15", "article[15]", id="number-twice"),
        pytest.param('numbering = "漢字"', 'numbering = "羅馬"', "numbering", id="numbering"),
        pytest.param("trial_years = 2", "trial_yeras = 2", "trial_yeras", id="unknown-key"),
        pytest.param(
            "article = 8\n", "article = 80\n", "ladder.illegal.article", id="ladder-article"
        ),
    ],
)
def test_a_bad_rulebook_is_refused_in_one_line_naming_the_key(old: str, new: str, key: str) -> None:
    assert old in DEFAULT
    message = fault(DEFAULT.replace(old, new, 1))
    assert message.startswith("群規檔 test.toml 有誤：")
    assert f"：{key}：" in message
    assert "\n" not in message


def test_not_toml_is_said_so() -> None:
    assert "不是有效的 TOML" in fault("title = ")


def test_a_missing_lexicon_file_and_a_mute_too_long_for_qq_are_named(tmp_path: Path) -> None:
    text = DEFAULT.replace('"illegal/rumor.txt"', '"illegal/rumour.txt"').replace(
        '"禁言 1天", "移出"', '"禁言 40天", "移出"'
    )
    found = problems(book_of(text), (SHIPPED_LEXICONS, tmp_path), QQ_LIMIT)
    assert len(found) == 2
    assert found[0].startswith("category[rumor].lexicon：找不到詞庫檔 illegal/rumour.txt")
    assert found[1] == "ladder.harmful.steps[2]：禁言40天長於 QQ 允許的上限（29天23小時59分鐘）"
    assert problems(book_of(text), (SHIPPED_LEXICONS,), {"Telegram": 366 * 86400})[1:] == []


def test_a_lexicon_in_the_deployments_folder_is_found(tmp_path: Path) -> None:
    (tmp_path / "illegal").mkdir()
    (tmp_path / "illegal" / "fraud.txt").write_text("刷單返利\n", "utf-8")
    text = DEFAULT.replace('"illegal/rumor.txt"', '"illegal/rumor.txt", "illegal/fraud.txt"')
    assert problems(book_of(text), (SHIPPED_LEXICONS, tmp_path), QQ_LIMIT) == []
    assert problems(book_of(text), (SHIPPED_LEXICONS,), QQ_LIMIT) != []


@pytest.mark.parametrize(
    ("n", "chinese"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (16, "十六"),
        (20, "二十"),
        (21, "二十一"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_article_numbers_in_chinese(n: int, chinese: str) -> None:
    assert cite.chinese_number(n) == chinese


def test_citing_follows_the_rulebook_in_force(monkeypatch: pytest.MonkeyPatch) -> None:
    assert cite.cite("clearance", "departed") == "第四條、第十四條"
    assert cite.clause(7, 8) == "第七條第（八）項"
    renumbered = book_of(
        DEFAULT.replace('numbering = "漢字"', 'numbering = "數字"').replace(
            'duties = ["handover"]', 'duties = ["handover", "departed"]'
        )
    )
    install(monkeypatch, renumbered)
    assert cite.cite("departed") == "第5條、第14條"
    assert cite.clause(7, 8) == "第7條第（8）項"
    assert cite.article_label(11) == "第11條"


@pytest.mark.parametrize(
    ("start", "years", "end"),
    [
        (dt.date(2025, 1, 1), 2, dt.date(2027, 1, 1)),
        (dt.date(2025, 6, 30), 1, dt.date(2026, 6, 30)),
        (dt.date(2024, 2, 29), 1, dt.date(2025, 2, 28)),  # no 29 February next year
        (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 29)),
    ],
)
def test_trial_end(start: dt.date, years: int, end: dt.date) -> None:
    book = book_of(DEFAULT).model_copy(update={"in_force": start, "trial_years": years})
    assert book.trial_end == end


def test_the_account_of_a_rulebook_goes_article_by_article() -> None:
    lines = describe(book_of(DEFAULT.replace('duties = ["trial"]\n', "")))
    assert lines[0].startswith("《XX街道工作互聯網群組管理辦法（試行）》（摘要 ")
    assert "第五條：交接：群組管理員調整時的交接與確認（/交接管理員）" in lines
    assert "第十六條：（不約束職責，僅供遵守）" in lines
    assert "　處置「不良信息」：30 天內依次：警告 → 禁言1小時 → 禁言1天 → 移出；" in "\n".join(
        lines
    )
    assert lines[-1] == "不執行的職責（未被任何條文約束）：試行期"
    assert sum("改名片期限" in line for line in lines) == 1  # under art. 4 only, not again at 7
