"""Traditional ⇄ Simplified Chinese conversion, the one place the project calls OpenCC."""

from functools import cache
from typing import Literal

import opencc

Script = Literal["zh-Hant", "zh-Hans"]


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified form of `text`, used as the matching key for Traditional and Simplified input."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    return str(_converter("s2t").convert(text))


def in_script(text: str, script: Script) -> str:
    """`text` (written in Traditional) as the deployment's chosen script shows it."""
    return text if script == "zh-Hant" else to_simplified(text)
