"""The twenty categories of Art. 7 and 9, and the default lexicon's files that fill them."""

from plugins.content.categories import by_key, categories, find_category, of_kind, reference
from plugins.content.lexicons import DEFAULT_DIR, read_folder


def test_eleven_illegal_and_nine_harmful_categories_in_clause_order() -> None:
    assert [c.clause for c in of_kind("illegal")] == list(range(1, 12))
    assert [c.clause for c in of_kind("harmful")] == list(range(1, 10))
    assert len(by_key()) == len(categories()) == 20
    assert {c.article for c in of_kind("illegal")} == {7}
    assert {c.article for c in of_kind("harmful")} == {9}


def test_references_name_article_and_clause() -> None:
    assert reference(by_key()["rumor"]) == "第七條第（八）項"
    assert reference(by_key()["other_illegal"]) == "第七條第（十一）項"
    assert reference(by_key()["vulgar"]) == "第九條第（七）項"


def test_every_category_has_a_default_lexicon_file_with_terms() -> None:
    files, errors = read_folder(DEFAULT_DIR)
    assert errors == []
    assert sorted(f.category for f in files) == sorted(by_key())
    assert all(f.entries for f in files)
    kinds = {e.term.kind for f in files for e in f.entries if e.term.category == "vice"}
    assert kinds == {"illegal"}


def test_categories_are_found_by_key_or_name_in_either_script() -> None:
    assert find_category("rumor") is by_key()["rumor"]
    assert find_category("散布謠言") is by_key()["rumor"]
    assert find_category("散布谣言") is by_key()["rumor"]
    assert find_category("rumor", "harmful") is None
    assert find_category("謠言") is None
