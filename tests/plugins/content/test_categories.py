"""The twenty categories of Art. 7 and 9, and the default lexicon's files that fill them."""

from plugins.content.categories import BY_KEY, CATEGORIES, find_category, of_kind
from plugins.content.lexicons import DEFAULT_DIR, read_folder


def test_eleven_illegal_and_nine_harmful_categories_in_clause_order() -> None:
    assert [c.clause for c in of_kind("illegal")] == list(range(1, 12))
    assert [c.clause for c in of_kind("harmful")] == list(range(1, 10))
    assert len(BY_KEY) == len(CATEGORIES) == 20
    assert {c.article for c in of_kind("illegal")} == {7}
    assert {c.article for c in of_kind("harmful")} == {9}


def test_references_name_article_and_clause() -> None:
    assert BY_KEY["rumor"].reference == "第七條第（八）項"
    assert BY_KEY["other_illegal"].reference == "第七條第（十一）項"
    assert BY_KEY["vulgar"].reference == "第九條第（七）項"


def test_every_category_has_a_default_lexicon_file_with_terms() -> None:
    files, errors = read_folder(DEFAULT_DIR)
    assert errors == []
    assert sorted(f.category for f in files) == sorted(BY_KEY)
    assert all(f.entries for f in files)
    kinds = {e.term.kind for f in files for e in f.entries if e.term.category == "vice"}
    assert kinds == {"illegal"}


def test_categories_are_found_by_key_or_name_in_either_script() -> None:
    assert find_category("rumor") is BY_KEY["rumor"]
    assert find_category("散布謠言") is BY_KEY["rumor"]
    assert find_category("散布谣言") is BY_KEY["rumor"]
    assert find_category("rumor", "harmful") is None
    assert find_category("謠言") is None
