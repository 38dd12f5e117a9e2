import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.scanner.normalize import CIRCLED_SECRET, STAR, Mapped, fold, normalize

PURE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)


def originals(form: Mapped, original: str) -> list[str]:
    """The original slice each character of `form` came from."""
    return [original[form.starts[i] : form.ends[i]] for i in range(len(form.text))]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＡＢＣ１２３", "abc123"),  # full-width letters and digits
        ("機密文件", "机密文件"),  # Traditional to Simplified
        ("內部資料", "内部资料"),
        ("Hello World", "hello world"),
        ("機\u200b密\u200d\ufeff", "机密"),  # zero-width and format characters
        ("秘密\u00ad★", "秘密★"),  # soft hyphen
        ("☆✩✭⭐＊*★", STAR * 7),  # the star family
        ("㊙️", CIRCLED_SECRET),  # kept, variation selector dropped
        ("①②", "12"),
        ("　", " "),  # ideographic space
        ("𝐀𝐁", "ab"),  # mathematical bold, outside the BMP
        ("", ""),
    ],
)
def test_folded_form(text: str, folded: str) -> None:
    assert normalize(text).folded.text == folded


@pytest.mark.parametrize(
    ("text", "skeleton"),
    [
        ("機 密 ★", "机密★"),
        ("機*密★", f"机{STAR}密{STAR}"),
        ("內-部_資.料", "内部资料"),
        ("请勿，转！发", "请勿转发"),
        ("秘密★１年", "秘密★1年"),
        ("a b\tc\nd", "abcd"),
        ("㊙ 文件", "㊙文件"),
        ("😀秘密😀", "秘密"),
        ("e\u0301", "e"),  # combining marks are dropped
        ("，。！", ""),
    ],
)
def test_skeleton(text: str, skeleton: str) -> None:
    assert normalize(text).skeleton.text == skeleton


def test_plain_text_keeps_identity_maps() -> None:
    norm = normalize("今天下午三点开会")
    assert norm.skeleton is norm.folded
    assert norm.folded.span(2, 4) == (2, 4)


def test_folded_offsets_point_into_original() -> None:
    text = "a\u200b①機\u200d密½x"
    folded = fold(text)
    assert folded.text == "a1机密1⁄2x"
    assert originals(folded, text) == ["a", "①", "機", "密", "½", "½", "½", "x"]
    assert folded.span(1, 4) == (2, 6)  # "1机密" covers "①機\u200d密"


def test_skeleton_span_covers_inserted_characters() -> None:
    text = "注意：機 *密 ★ 10年！"
    norm = normalize(text)
    skeleton = norm.skeleton
    assert skeleton.text == "注意机★密★10年"
    start, end = skeleton.span(2, len(skeleton.text))
    assert text[start:end] == "機 *密 ★ 10年"


def test_bare_drops_stars() -> None:
    norm = normalize("法*轮*功 ★")
    bare = norm.bare()
    assert bare.text == "法轮功"
    assert norm.original[slice(*bare.span(0, 3))] == "法*轮*功"


def test_bare_without_stars_is_the_skeleton() -> None:
    norm = normalize("法 轮 功")
    assert norm.bare() is norm.skeleton


def test_astral_characters_keep_offsets() -> None:
    text = "😀機密🌟1年"
    norm = normalize(text)
    assert norm.skeleton.text == "机密★1年"
    assert text[slice(*norm.skeleton.span(0, 5))] == "機密🌟1年"


def test_crosses_line() -> None:
    norm = normalize("機密\n★")
    assert norm.crosses_line(0, 4)
    assert not norm.crosses_line(0, 2)


@PURE
@given(st.text(max_size=40))
def test_every_character_maps_to_its_source(text: str) -> None:
    norm = normalize(text)
    for form in (norm.folded, norm.skeleton, norm.bare()):
        assert len(form.starts) == len(form.ends) == len(form.text)
        for index, char in enumerate(form.text):
            start, end = form.starts[index], form.ends[index]
            assert 0 <= start < end <= len(text)
            assert char in fold(text[start:end]).text
        assert list(map(form.starts.__getitem__, range(len(form.text)))) == sorted(
            form.starts[i] for i in range(len(form.text))
        )


@PURE
@given(st.text(max_size=40))
def test_normalize_is_idempotent_on_folded_text(text: str) -> None:
    folded = normalize(text).folded.text
    assert normalize(folded).folded.text == folded
