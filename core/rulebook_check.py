"""What a rulebook asks of the world outside it, and what the bot would do under it.

`parse_rulebook` checks a file on its own; `problems` checks what needs the machine: that every
lexicon file a category names is there (in the plugin's folder or the deployment's), and that no
ladder mutes for longer than a platform the bot serves allows. `describe` is the article-by-
article account that `manage.py rulebook check` prints. All pure, given the paths and limits.
"""

from collections.abc import Mapping, Sequence
from pathlib import Path

from core.cite import article_label
from core.durations import format_duration
from core.duties import BY_KEY, DUTY_KINDS
from core.rulebook import Chain, Ladder, Rulebook, Step

CHAIN_NAMES: dict[Chain, str] = {
    "unit_leaders": "單位分管負責人",
    "street_leaders": "街道分管負責人",
    "party_committee": "黨工委主要負責人",
    "cyberspace_contacts": "區委網信辦聯絡人",
    "department": "黨群工作部",
    "outside_bodies": "事件報告（報外部機關）",
}
_STEP_NAMES = {"warning": "警告", "kick": "移出", "blacklist": "拉黑並移出"}


def step_name(step: Step) -> str:
    return f"禁言{format_duration(step.seconds)}" if step.kind == "mute" else _STEP_NAMES[step.kind]


# The lexicons that ship with the bot (the content duty's own folder, its DEFAULT_DIR: named here
# so that start-up checks the rulebook before any plugin loads); a deployment adds its own.
SHIPPED_LEXICONS = Path(__file__).parent.parent / "plugins" / "content" / "lexicon"


def mute_limits() -> dict[str, int]:
    """The longest mute each platform the bot serves accepts, by the platform's label."""
    from adapters.events import READERS, capabilities

    return {r.LABEL: capabilities(r.NAME).mute_max_seconds for r in READERS}


def missing_lexicons(book: Rulebook, folders: Sequence[Path]) -> list[tuple[str, str]]:
    """(category key, path) of each lexicon file a category lists that no folder has."""
    return [
        (category.key, name)
        for category in book.category
        for name in category.lexicon
        if not any((folder / name).is_file() for folder in folders)
    ]


def problems(
    book: Rulebook, lexicon_dirs: Sequence[Path], mute_limits: Mapping[str, int]
) -> list[str]:
    """Each fault as one line naming the key: `mute_limits` maps a platform's label to the
    longest mute it accepts, in seconds."""
    shown = "、".join(str(folder) for folder in lexicon_dirs)
    found = [
        f"category[{key}].lexicon：找不到詞庫檔 {name}（在 {shown}）"
        for key, name in missing_lexicons(book, lexicon_dirs)
    ]
    for key, ladder in book.ladder.items():
        for index, step in enumerate(ladder.steps):
            for platform, limit in mute_limits.items():
                if step.seconds > limit:
                    found.append(
                        f"ladder.{key}.steps[{index}]：{step_name(step)}長於 {platform} 允許的"
                        f"上限（{format_duration(limit)}）"
                    )
    return found


def _ladder_line(key: str, ladder: Ladder, book: Rulebook) -> str:
    names = [c.name for c in book.category if c.ladder == key]
    steps = " → ".join(step_name(s) for s in ladder.steps)
    within = f"{ladder.window_days} 天內依次：" if len(ladder.steps) > 1 else ""
    return f"　處置「{ladder.name}」：{within}{steps}；類別：{'、'.join(names) or '（無）'}"


def describe(book: Rulebook) -> list[str]:
    """What the bot does under `book`, article by article, then what it leaves out."""
    lines = [
        f"《{book.title}》（摘要 {book.digest[:12]}）：{len(book.article)} 條，"
        f"{book.in_force:%Y-%m-%d} 起施行，試行 {book.trial_years} 年（至 {book.trial_end:%Y-%m-%d}）",
    ]
    numbers_shown: set[str] = set()  # a duty's numbers, under the first article binding it
    for article in book.article:
        label = article_label(article.number, book.numbering)
        duties = [f"{BY_KEY[d].name}：{BY_KEY[d].does}" for d in article.duties]
        lines.append(f"{label}：" + ("；".join(duties) if duties else "（不約束職責，僅供遵守）"))
        first = [d for d in article.duties if d not in numbers_shown]
        numbers_shown.update(first)
        if "realname" in first and book.duty.realname is not None:
            realname = book.duty.realname
            caps = realname.member_caps
            lines.append(
                f"　改名片期限 {realname.card_deadline_hours:g} 小時；人數上限（一、二、三級）："
                f"內部 {'/'.join(map(str, caps.internal))}，群眾 {'/'.join(map(str, caps.public))}"
            )
        if "clearance" in first and book.duty.clearance is not None:
            clearance = book.duty.clearance
            lines.append(
                f"　每週檢查 {clearance.schedule}；成員 {clearance.silent_days} 天未發言算不活躍，"
                f"群 {clearance.dormant_days} 天無人發言算閒置"
            )
        for category in book.category:
            if category.article == article.number:
                lines.append(f"　類別：{category.name}（{'、'.join(category.lexicon)}）")
        for key, ladder in book.ladder.items():
            if ladder.article == article.number:
                lines.append(_ladder_line(key, ladder, book))
        if article.tell:
            lines.append("　告知：" + "、".join(CHAIN_NAMES[c] for c in article.tell))
    left_out = [d.name for d in DUTY_KINDS if not book.binds(d.key)]
    lines.append("不執行的職責（未被任何條文約束）：" + ("、".join(left_out) or "（無）"))
    return lines
