"""The admins' measures under another rulebook: filed under the measures duty's article there,
cited in its numbering, and refused where the rulebook leaves the duty out."""

import pytest
from nonebug import App

from core.duties import unbound
from core.rulebook import DEFAULT_FILE, load_rulebook
from models.measures import BlacklistRequest, MeasureRecord
from models.rulebooks import edition_titles, keep_edition
from plugins.measures import texts
from plugins.measures.wording import record_line
from tests import accounts
from tests.factories import expect_group_send, group_msg, make_bot, message
from tests.plugins.measures.test_commands import expect_mention
from tests.plugins.registry.helpers import filed_group
from tests.rulebooks import edited, install, second


async def test_a_warning_is_filed_and_cited_under_the_measures_article_of_the_rulebook(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    second(monkeypatch)  # the measures duty bound to Art. 12, numbered in figures
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/警告 ", accounts.MEMBER) + " 廣告", accounts.ADMIN)
        )
        expect_mention(ctx, accounts.MEMBER, texts.warned("廣告"))
    record = await MeasureRecord.get()
    assert (record.action, record.article) == ("warning", 12)
    assert texts.warned("廣告") == " 警告（第12條）：廣告。請遵守群規，再犯將被禁言或移出。"
    assert texts.kicked("廣告") == "已將一名成員移出本群（第8、10、12條）：廣告。"


def test_the_default_rulebook_cites_as_before() -> None:
    assert texts.warned("") == " 警告（第十條）：未說明。請遵守群規，再犯將被禁言或移出。"
    assert texts.measure_articles() == "第八、十條"
    assert texts.referral_to_sender(1, 11, None).startswith("您在群 1 發的一則訊息依第十一條")


async def test_without_the_measures_duty_the_admins_measures_do_not_apply(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(monkeypatch, edited(('duties = ["content", "measures"]', 'duties = ["content"]')))
    await filed_group()
    refusal = unbound("處置")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        for command in ("/警告 ", "/禁言 ", "/移出 ", "/拉黑 "):
            ctx.receive_event(bot, group_msg(message(command, accounts.MEMBER), accounts.ADMIN))
            expect_group_send(ctx, refusal)
        ctx.receive_event(bot, group_msg("/確認拉黑 1", accounts.DEPARTMENT))
        expect_group_send(ctx, refusal)
    assert await MeasureRecord.all().count() == 0
    assert await BlacklistRequest.all().count() == 0


async def test_a_record_made_under_another_rulebook_says_which_in_the_listing(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = second(monkeypatch)
    await filed_group()
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(
            bot, group_msg(message("/警告 ", accounts.MEMBER) + " 廣告", accounts.ADMIN)
        )
        expect_mention(ctx, accounts.MEMBER, texts.warned("廣告"))
    record = await MeasureRecord.get()
    assert record.rulebook == book.digest
    assert "警告（第12條）" in record_line(record)  # made under the rulebook in force
    install(monkeypatch, load_rulebook(DEFAULT_FILE))  # the default in force: the record is older
    assert "警告（第十二條，依《先前的群規》）" in record_line(record)
    await keep_edition(book.digest, book.title, book.source)
    titles = await edition_titles([book.digest, "0" * 64])
    assert titles == {book.digest: "YY街道工作群組管理規定（試行）"}
    assert "警告（第十二條，依《YY街道工作群組管理規定（試行）》）" in record_line(record, titles)
    record.rulebook = ""  # a record from before rulebooks: its article as numbered now
    assert "警告（第十二條）" in record_line(record, titles)
