"""The eleven illegal categories of Art. 7 and the nine harmful ones of Art. 9, in one place.

Each category has a key (the lexicon file's name: `illegal/rumor.txt`), the clause of its article,
a short Chinese name for notices and records, and the clause's words for the incident report.
"""

from dataclasses import dataclass
from typing import Literal

from core.script import to_simplified

ContentKind = Literal["illegal", "harmful"]
ARTICLE_OF: dict[ContentKind, int] = {"illegal": 7, "harmful": 9}
MEASURE_ARTICLE_OF: dict[ContentKind, int] = {"illegal": 8, "harmful": 10}
CLAUSE_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Category:
    key: str
    kind: ContentKind
    clause: int
    name: str  # short, for notices and records
    words: str  # the clause as the article has it

    @property
    def article(self) -> int:
        return ARTICLE_OF[self.kind]

    @property
    def reference(self) -> str:
        """`第七條第（八）項`."""
        numeral = "十一" if self.clause == 11 else CLAUSE_NUMERALS[self.clause - 1]
        article = "七" if self.kind == "illegal" else "九"
        return f"第{article}條第（{numeral}）項"


CATEGORIES: tuple[Category, ...] = (
    Category("constitution", "illegal", 1, "反對憲法基本原則", "反對憲法所確定的基本原則的"),
    Category(
        "state_security",
        "illegal",
        2,
        "危害國家安全",
        "危害國家安全，泄露國家秘密，顛覆國家政權，破壞國家統一的",
    ),
    Category("national_honor", "illegal", 3, "損害國家榮譽", "損害國家榮譽和利益的"),
    Category(
        "heroes",
        "illegal",
        4,
        "侵害英雄烈士",
        "歪曲、醜化、褻瀆、否定英雄烈士事跡和精神，以侮辱、誹謗或者其他方式侵害英雄烈士的姓名、"
        "肖像、名譽、榮譽的",
    ),
    Category(
        "terrorism",
        "illegal",
        5,
        "恐怖主義、極端主義",
        "宣揚恐怖主義、極端主義或者煽動實施恐怖活動、極端主義活動的",
    ),
    Category(
        "ethnic_hatred", "illegal", 6, "煽動民族仇恨", "煽動民族仇恨、民族歧視，破壞民族團結的"
    ),
    Category("cult", "illegal", 7, "邪教、封建迷信", "破壞國家宗教政策，宣揚邪教和封建迷信的"),
    Category("rumor", "illegal", 8, "散布謠言", "散布謠言，擾亂經濟秩序和社會秩序的"),
    Category(
        "vice",
        "illegal",
        9,
        "淫穢色情、賭博、暴力或教唆犯罪",
        "散布淫穢、色情、賭博、暴力、兇殺、恐怖或者教唆犯罪的",
    ),
    Category(
        "defamation",
        "illegal",
        10,
        "侮辱誹謗他人",
        "侮辱或者誹謗他人，侵害他人名譽、隱私和其他合法權益的",
    ),
    Category("other_illegal", "illegal", 11, "其他違法內容", "法律、行政法規禁止的其他內容"),
    Category("clickbait", "harmful", 1, "誇張標題", "使用誇張標題，內容與標題嚴重不符的"),
    Category("scandal", "harmful", 2, "炒作緋聞醜聞", "炒作緋聞、醜聞、劣跡等的"),
    Category("disaster", "harmful", 3, "不當評述災難", "不當評述自然災害、重大事故等災難的"),
    Category(
        "sexual_innuendo",
        "harmful",
        4,
        "性暗示",
        "帶有性暗示、性挑逗等易使人產生性聯想的",
    ),
    Category("gore", "harmful", 5, "血腥驚悚", "展現血腥、驚悚、殘忍等致人身心不適的"),
    Category("discrimination", "harmful", 6, "煽動歧視", "煽動人群歧視、地域歧視等的"),
    Category("vulgar", "harmful", 7, "低俗庸俗", "宣揚低俗、庸俗、媚俗內容的"),
    Category(
        "minors",
        "harmful",
        8,
        "誘導未成年人",
        "可能引發未成年人模仿不安全行為和違反社會公德行為、誘導未成年人不良嗜好等的",
    ),
    Category("other_harmful", "harmful", 9, "其他不良內容", "其他對網絡生態造成不良影響的內容"),
)

BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}


def of_kind(kind: ContentKind) -> tuple[Category, ...]:
    return tuple(c for c in CATEGORIES if c.kind == kind)


def find_category(word: str, kind: ContentKind | None = None) -> Category | None:
    """The category named by its key or its short name (either script)."""
    wanted = to_simplified(word.strip()).lower()
    for category in CATEGORIES:
        if kind is not None and category.kind != kind:
            continue
        if wanted in (category.key, to_simplified(category.name)):
            return category
    return None
