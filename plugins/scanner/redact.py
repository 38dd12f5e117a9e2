"""Free text the bot posts or stores, with everything the scan would remove masked.

Admins and members type reasons, notes and purposes into commands (`/警告 @成員 發了身份證…`);
the bot posts them to the group, tells them privately and keeps them on record. The bot must not
spread what it removes (DESIGN.md), so such text passes through the same scan as members'
messages (normalisation, every lexicon, the marker and number patterns) and each finding is
masked where it stands: an identity number as `110101********7571`, a mobile number as
`138****5678`, a confidential marker or a lexicon term down to its first and last character
(`機***年`, `法***好`). The lexicons' context words are not applied: a reason never needs a term
whole. The rest of the text is left as it was typed.

`redacted` is pure (a scanner and a text in, the text out); `redact` and `free_text` use the
lexicon in force, and are what the commands call where a free-text argument is read.
"""

import unicodedata
from collections.abc import Sequence

from .findings import Finding, TextPiece
from .pii import mask_id, mask_phone
from .scan import Scanner

MASK = "*"
MAX_STARS = 8  # stars shown at most, so a masked term does not give away its length
MAX_ROUNDS = 3  # scans of the masked text, until nothing is found in it


def mask_term(text: str) -> str:
    """`機密★10年` -> `機****年`: first and last character kept, white space dropped."""
    chars = "".join(text.split())
    if len(chars) <= 2:
        return MASK * len(chars)
    return chars[0] + MASK * min(len(chars) - 2, MAX_STARS) + chars[-1]


def _mask(text: str, findings: Sequence[Finding]) -> str:
    """One span's mask: a number's own, when a single number covers the span; else the term's."""
    categories = {(f.kind, f.category, f.start, f.end) for f in findings}
    if len(categories) == 1:
        kind, category, _, _ = categories.pop()
        if kind == "privacy":
            plain = unicodedata.normalize("NFKC", text)
            return mask_id(plain) if category == "id_number" else mask_phone(plain)
    return mask_term(text)


def _spans(findings: Sequence[Finding]) -> list[tuple[int, int, list[Finding]]]:
    """The findings' spans, overlapping ones merged, in order."""
    merged: list[tuple[int, int, list[Finding]]] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1][1]:
            start, end, covered = merged[-1]
            merged[-1] = (start, max(end, finding.end), [*covered, finding])
        else:
            merged.append((finding.start, finding.end, [finding]))
    return merged


def masked_once(text: str, findings: Sequence[Finding]) -> str:
    """`text` with the spans of `findings` (all of one piece) masked."""
    out: list[str] = []
    position = 0
    for start, end, covered in _spans(findings):
        out += [text[position:start], _mask(text[start:end], covered)]
        position = end
    out.append(text[position:])
    return "".join(out)


def redacted(scanner: Scanner, text: str) -> str:
    """`text` with every finding of `scanner` (phone numbers included) masked.

    The masked text is scanned again, so a mask that happens to form a finding with what stands
    beside it is masked too; text that still holds a finding after that is masked whole.
    """
    for _ in range(MAX_ROUNDS):
        findings = scanner.scan([TextPiece("text", text)], phones=True)
        if not findings:
            return text
        text = masked_once(text, findings)
    return text if not scanner.scan([TextPiece("text", text)], phones=True) else mask_term(text)


def redact(text: str) -> str:
    """`text` masked by the lexicon in force (see the module docstring)."""
    from .service import current_scanner

    return redacted(current_scanner(), text) if text else text


def free_text(words: Sequence[str]) -> str:
    """A free-text argument (a reason, a note, a purpose) from a command's words, redacted.

    The words are joined first, so a number or a marker typed with spaces in it is found whole.
    """
    return redact(" ".join(words))
