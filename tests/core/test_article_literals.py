"""No sentence the bot writes names an article by itself: every one asks `core.cite`, so another
street's rulebook renumbers them all. This reads every string in the code (f-strings' pieces
too; docstrings aside, which are for the code's readers) and the console's templates."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).parent.parent.parent
CODE = ("adapters", "bench", "console", "core", "demo", "models", "plugins", "bot.py", "manage.py")
# 第十一條, 第11條, 第七至十條; not 第一條記錄 ("the first record": 條 counts things too).
ARTICLE = re.compile(
    r"第[零一二三四五六七八九十百\d]+(?:至[零一二三四五六七八九十百\d]+)?條(?!記錄|訊息|消息)"
)


def _files(suffix: str) -> Iterator[Path]:
    for name in CODE:
        path = ROOT / name
        yield from ([path] if path.is_file() else sorted(path.rglob(f"*{suffix}")))


def _docstrings(tree: ast.Module) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def literals_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string constant citing an article, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and ARTICLE.search(node.value)
    ]


def test_the_scan_finds_a_literal_in_a_sentence_and_an_f_string() -> None:
    found = literals_in(
        'X = "依第十一條撤回"\ndef f(n):\n    """第四條 in a docstring."""\n    return f"（第{n}條）或第5條"\n'
    )
    assert [line for line, _ in found] == [1, 4]
    assert literals_in('Y = "自第一條記錄建立"\nZ = "第七至十條"') == [(2, "第七至十條")]


def test_no_sentence_in_the_code_names_an_article_itself() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text[:60]}"
        for path in _files(".py")
        for line, text in literals_in(path.read_text("utf-8"))
    ]
    assert found == []


def test_no_console_template_names_an_article_itself() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for path in sorted((ROOT / "console" / "templates").glob("*.html"))
        for match in ARTICLE.finditer(path.read_text("utf-8"))
    ]
    assert found == []
