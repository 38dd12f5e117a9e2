"""/群規: every article of the rulebook in force in its order, its own text, and what the bot does
for it in this group (on, switched off, or waiting for the filing), with the platform's limits."""

from collections.abc import Sequence

import pytest
from nonebug import App

from adapters.onebot import QQ
from adapters.port import Capabilities
from core import runtime
from models.registry import GroupStatus
from plugins.registry import rules_view, texts
from plugins.registry.abilities import NOTICES, limits
from tests import accounts
from tests.factories import expect_group_send, expect_private_send, group_msg, make_bot, private_msg
from tests.plugins.registry.helpers import filed_group, switch_off
from tests.rulebooks import second

# The default rulebook's /群規 in a filed QQ group with 清理 and 隱私 switched off.
FILED_QQ = """\
【群規】本群依《XX街道工作互聯網群組管理辦法（試行）》管理：
第一條　為加強全街工作互聯網群組(以下簡稱工作群組)的規范管理,充分發揮互聯網群組在工作部署、溝通聯絡等方面的積極作用,保障各類工作群組運行規范,有效預防和遏制違法和不良信息在群內傳播,根據相關規定…
　（機器人不執行，僅供遵守）
第二條　本辦法所稱工作群組,是指街道機關及村、社區、工作站工作人員,因工作和聯系群眾需要,通過互聯網站、移動互聯網應用程序等建立的單位內部或有社會群眾參與的,用于群體在線交流信息的網絡空間…
　（機器人不執行，僅供遵守）
第三條　各建群單位要按照“誰主辦、誰負責”的原則,指定專人加強工作群組的監督與管理。互聯網群組的建立者、管理者(以下簡稱群組管理員)對本群組的管理負直接責任。群組管理員應報黨群工作部備案。
　● 備案：登記建群單位與群組管理員，向黨群工作部備案（/備案）
第四條　群組管理員應當按照“實名制”的原則,對進入工作群組的人員進行真實身份信息認證;應當根據自身服務規模和管理能力,合理設定群組成員人數上限;應當定期檢查群成員,及時清理無關人員;…
　● 實名：入群實名認證、名片格式、成員人數上限、入群申請審核
　○ 清理（本群已關閉）：每週成員檢查、確認後清理無關人員
　○ 隱私（本群已關閉）：撤回身份證號等個人信息，提醒保護成員隱私
第五條　群組管理員因工作調整或調離崗位等原因不再適合管理群組的,應由建群單位及時更換。
　● 交接：群組管理員調整時的交接與確認（/交接管理員）
第六條　工作群組應圍繞工作職能積極發揮工作部署、溝通聯絡、快速協調、團結引領、聯系服務、宣傳引導等作用,堅持正確導向,弘揚社會主義核心價值觀,培育積極健康的網絡文化,維護良好網絡生態。
　● 群發通知：黨群工作部向選定的群發送通知
第七條　工作群組內的所有人員,應當嚴格落實“實名制”,自覺遵守法律法規,文明互動、理性表達,不得利用工作群組傳播含有以下內容的違法信息:…
　● 實名：見第四條
　● 內容：違法信息與不良信息的撤回、階梯處置、記錄與報告
第八條　對工作群組內違規發布上述違法信息的,群組管理員應當立即采取納入黑名單、限制發言、清移出群等措施,保存有關記錄,并第一時間向單位分管負責人報告。…
　● 內容：見第七條
第九條　工作群組內的所有人員,應當防范和抵制群內發布、轉載含有以下內容的不良信息:…
　● 內容：見第七條
第十條　對工作群組內違規發布上述不良信息的,群組管理員應當立即采取群內警告、納入黑名單、限制發言、清移出群等措施,保存有關記錄,并向街道分管負責人報告。…
　● 內容：見第七條
　● 處置：管理員的警告、禁言、移出與街道黑名單，逐項記錄
第十一條　工作群組應堅持“上網不涉密、涉密不上網”的原則,不談論涉密和敏感話題,不發布涉密信息,不把群內動態擴散至群外或互聯網其他論壇、社區、群組等網絡平臺。…
　● 保密：撤回帶涉密或內部標識的訊息與檔案，不轉述其內容
第十二條　工作群組內的機關和村、社區、工作站工作人員要嚴格按照《關于規范黨員干部網絡行為的意見》規范網絡行為。
　（機器人不執行，僅供遵守）
第十三條　各單位因部署工作、發布通知、交流信息等工作需要,發起建立的內部成員工作群組,應主動向黨群工作部報備;…
　● 批准與分級：有群眾參與的群經黨群工作部批准後才納入管理；依類型、人數、活躍度分級
第十四條　工作職能已完結的工作群組,應及時予以解散。已調離本單位或發生工作崗位變動的人員,應主動退出相應的工作群組。
　● 調離退群：提醒名冊顯示已調離的人員退出本群
　● 解散：提醒解散任務完結或長期閒置的群（/任務完結）
第十五條　工作群組建設和管理納入網絡意識形態工作督查考核內容,凡違反上述規定,造成重大安全責任事故或引發重大網絡輿情等嚴重不良后果的…
　● 督查考核：各群合規報告、全街報告與每週摘要
第十六條　本辦法由黨群工作部負責解釋,自發布之日起實施,施行期兩年。
　● 試行期：試行期屆滿前提醒黨群工作部
（條文較長的只列開頭，以「…」標示；全文見《XX街道工作互聯網群組管理辦法（試行）》。）
本群關閉的功能：清理、隱私。"""


def rules(
    filed: bool, on: Sequence[str], tail: Sequence[str], can: Capabilities = QQ, shown: str = "QQ"
) -> str:
    """The reply as the handler builds it, for the rulebook in force."""
    notices = texts.rules_limits(shown, limits(NOTICES, can), indent="　")
    return rules_view.rules_reply(
        runtime.rulebook(),
        lambda duty: rules_view.state_in(duty, filed, frozenset(on)),
        lambda duty: limits(duty, can),
        shown,
        [*tail, *notices],
    )


async def test_a_filed_group_reads_every_article_and_what_the_bot_does_for_it(app: App) -> None:
    await filed_group()
    await switch_off("privacy")
    await switch_off("clearance")
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群規"))
        expect_group_send(ctx, FILED_QQ)
    assert rules(
        True, ("realname", "confidential", "content"), ["本群關閉的功能：清理、隱私。"]
    ) == (FILED_QQ)
    assert len(FILED_QQ) < rules_view.BUDGET


async def test_an_unfiled_group_and_a_private_chat_hear_what_waits_for_the_filing(
    app: App,
) -> None:
    expected = rules(False, (), [texts.RULES_NOT_FILED])
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群规"))
        expect_group_send(ctx, expected)
        ctx.receive_event(bot, private_msg("/rules", accounts.STRANGER))
        expect_private_send(ctx, accounts.STRANGER, expected)
    lines = expected.splitlines()
    assert "　● 備案：登記建群單位與群組管理員，向黨群工作部備案（/備案）" in lines
    assert "　○ 實名（備案後執行）：入群實名認證、名片格式、成員人數上限、入群申請審核" in lines
    assert "　○ 內容（備案後執行）：見第七條" in lines
    assert lines[-1] == texts.RULES_NOT_FILED
    assert len(expected) < rules_view.BUDGET


async def test_a_revoked_group_hears_that_nothing_is_done_there(app: App) -> None:
    await filed_group(status=GroupStatus.REVOKED)
    expected = rules(False, (), [texts.RULES_REVOKED])
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群規"))
        expect_group_send(ctx, expected)
    assert "　○ 保密（備案後執行）：撤回帶涉密或內部標識的訊息與檔案，不轉述其內容" in expected


async def test_another_rulebook_is_read_with_its_numbering_its_texts_and_its_duties(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = second(monkeypatch)
    await filed_group()
    expected = rules(True, ("realname", "clearance", "confidential", "content"), [])
    async with app.test_matcher() as ctx:
        bot = make_bot(ctx)
        ctx.receive_event(bot, group_msg("/群規"))
        expect_group_send(ctx, expected)
    lines = expected.splitlines()
    assert lines[0] == "【群規】本群依《YY街道工作群組管理規定（試行）》管理："
    assert [line.split("　")[0] for line in lines if line.startswith("第")] == [
        f"第{a.number}條" for a in book.article
    ]
    at = lines.index("第5條　管理員換人時，建群單位應及時指定新的群組管理員。")
    assert lines[at + 1] == "　● 交接：群組管理員調整時的交接與確認（/交接管理員）"
    at = lines.index(f"第12條　{book.text_of(12)}")
    assert lines[at + 1] == "　● 處置：管理員的警告、禁言、移出與街道黑名單，逐項記錄"
    assert "　● 內容：見第7條" in lines
    assert "隱私" not in expected  # no article binds it
    assert lines[-1] == texts.rules_cut("YY街道工作群組管理規定（試行）")


# --- how much of an article's text is shown (pure) ------------------------------------------


def test_a_short_article_is_shown_whole() -> None:
    assert rules_view.shown("\n本辦法自發布之日起實施。\n") == ("本辦法自發布之日起實施。", False)


def test_a_long_list_shows_its_opening_line() -> None:
    text = "不得傳播以下內容:\n" + "\n".join(f"({n})第{n}項內容的說明文字" for n in range(20))
    assert rules_view.shown(text) == ("不得傳播以下內容:…", True)


def test_a_long_paragraph_is_cut_after_a_sentence_else_a_clause_else_anywhere() -> None:
    sentence = "甲" * 30 + "。" + "乙" * 200
    assert rules_view.shown(sentence) == ("甲" * 30 + "。…", True)
    clauses = "甲" * 30 + "," + "乙" * 200
    assert rules_view.shown(clauses) == ("甲" * 30 + "…", True)
    assert rules_view.shown("丙" * 300) == ("丙" * rules_view.SHOWN_MAX + "…", True)
