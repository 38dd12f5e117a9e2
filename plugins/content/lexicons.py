"""The content lexicons: the plugin's own and the deployment's, read from plain files.

Each category of the rulebook names its files (`lexicon = ["illegal/rumor.txt"]`), paths inside
a lexicon folder: the plugin's own (`lexicon/`) and the deployment's (`settings.lexicon_dir`).
Several files may fill one category (a merged one). A term is of the category's kind and article,
and of its severity unless the line gives one. A line is the scanner's lexicon format, a term
and optionally a tab and a severity (1-5), with one more optional tab-separated column: context
words, separated by spaces. A context word with `!` in front sets the term aside when the same
piece of text also holds that word (a notice *against* a cult names the cult); a word without `!`
makes the term count only when the piece also holds one of those words. Context words match
through the scanner's normalisation, as terms do.

The deployment's file of a path adds to the plugin's file of that path: a line `-term` takes a
term out of the category's defaults, and a term the defaults also have replaces theirs (severity
and context). A term must be at least two characters long once normalised: a single character
would flag ordinary words.

A file that cannot be read is skipped as a whole and named in `errors`; the others still load. So
is a file of the deployment's folder no category lists (a misspelt name would find nothing), and a
file a category lists that neither folder has. The plugin's own files that the rulebook does not
list are left alone: another street's rulebook may use some of them only.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core import runtime
from core.rulebook import Rulebook
from core.rulebook_check import SHIPPED_LEXICONS, missing_lexicons
from plugins.content.categories import Category, ContentKind, by_key
from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.lexicon import Term, parse_lexicon
from plugins.scanner.normalize import normalize

DEFAULT_DIR = SHIPPED_LEXICONS  # the plugin's own folder, lexicon/
KINDS: tuple[ContentKind, ...] = ("illegal", "harmful")
MIN_LENGTH = 2


def _key(text: str) -> str:
    """How a term or context word is compared: its normalised skeleton."""
    return normalize(text).skeleton.text


@dataclass(frozen=True)
class Context:
    required: tuple[str, ...] = ()  # normalised; the piece must hold one of these
    excluded: tuple[str, ...] = ()  # normalised; the piece must hold none of these

    def allows(self, skeleton: str) -> bool:
        """True if a term in a piece whose normalised skeleton is `skeleton` counts."""
        if self.required and not any(word in skeleton for word in self.required):
            return False
        return not any(word in skeleton for word in self.excluded)


def parse_context(text: str) -> Context:
    words = text.split()
    required = tuple(_key(w) for w in words if not w.startswith("!"))
    excluded = tuple(_key(w[1:]) for w in words if w.startswith("!") and len(w) > 1)
    return Context(tuple(filter(None, required)), tuple(filter(None, excluded)))


@dataclass(frozen=True)
class Entry:
    term: Term
    context: Context | None


@dataclass(frozen=True)
class FileTerms:
    category: str
    entries: tuple[Entry, ...]
    removed: frozenset[str]  # keys of the terms a `-term` line takes out
    path: str = ""  # inside its lexicon folder, as the rulebook lists it


def parse_file(
    text: str, category: Category, origin: str = "<lexicon>", path: str = ""
) -> FileTerms:
    """One lexicon file's terms. Raises ValueError naming `origin` and the line at fault."""
    plain: list[str] = []
    contexts: dict[str, Context] = {}
    removed: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            plain.append("")
            continue
        columns = [column.strip() for column in line.split("\t")]
        if len(columns) > 3:
            raise ValueError(f"{origin}:{number}: at most three tab-separated columns")
        removal = columns[0].startswith("-")
        term = columns[0].removeprefix("-").strip()
        if len(_key(term)) < MIN_LENGTH:
            raise ValueError(f"{origin}:{number}: a term needs two characters at least")
        if removal:
            removed.add(_key(term))
            plain.append("")
            continue
        if len(columns) == 3 and columns[2]:
            contexts[term] = parse_context(columns[2])
        plain.append("\t".join(columns[:2]).rstrip("\t"))
    terms = parse_lexicon(
        "\n".join(plain),
        kind=category.kind,
        category=category.key,
        article=category.article,
        default_severity=category.severity,
        origin=origin,
    )
    entries = tuple(Entry(t, contexts.get(t.term)) for t in terms)
    return FileTerms(category.key, entries, frozenset(removed), path)


class Lexicon:
    """The terms in force, with their contexts, and what could not be read."""

    def __init__(self, entries: Iterable[Entry], errors: Sequence[str] = ()) -> None:
        self.entries = tuple(entries)
        self.errors = tuple(errors)
        self.terms = tuple(entry.term for entry in self.entries)
        self._contexts = {
            (e.term.category, e.term.term): e.context for e in self.entries if e.context
        }

    def counts(self) -> Mapping[ContentKind, int]:
        return {kind: sum(t.kind == kind for t in self.terms) for kind in KINDS}

    def relevant(self, pieces: Sequence[TextPiece], findings: Iterable[Finding]) -> list[Finding]:
        """The illegal and harmful findings of a scan that count, their contexts considered."""
        kept: list[Finding] = []
        skeletons: dict[int, str] = {}
        known = by_key()
        for finding in findings:
            if finding.kind not in KINDS or finding.category not in known:
                continue
            context = self._contexts.get((finding.category, finding.rule))
            if context is not None:
                if finding.piece not in skeletons:
                    skeletons[finding.piece] = _key(pieces[finding.piece].text)
                if not context.allows(skeletons[finding.piece]):
                    continue
            kept.append(finding)
        return kept


def listed(book: Rulebook | None = None) -> dict[str, tuple[Category, ...]]:
    """Every lexicon path the rulebook lists, with the categories listing it, in its order."""
    owners: dict[str, list[Category]] = {}
    for category in (book or runtime.rulebook()).category:
        for path in category.lexicon:
            owners.setdefault(path, []).append(category)
    return {path: tuple(found) for path, found in owners.items()}


def lexicon_files(folder: Path, book: Rulebook | None = None) -> list[Path]:
    """The lexicon files of `folder`: each `*.txt` one level down, and the listed paths there."""
    if not folder.is_dir():
        return []
    found = set(folder.glob("*/*.txt"))
    found |= {folder / path for path in listed(book) if (folder / path).is_file()}
    return sorted(found)


def read_folder(
    folder: Path, *, unlisted_ok: bool = False, book: Rulebook | None = None
) -> tuple[list[FileTerms], list[str]]:
    """The listed lexicon files of `folder` (missing: none), and an error line for each bad file
    (and, unless `unlisted_ok`, for each file no category lists)."""
    read: list[FileTerms] = []
    errors: list[str] = []
    if not folder.is_dir():
        return read, errors
    owners = listed(book)
    for relative, categories in owners.items():
        path = folder / relative
        if not path.is_file():
            continue
        try:
            text = path.read_text("utf-8-sig")
            read += [parse_file(text, c, str(path), relative) for c in categories]
        except (OSError, UnicodeDecodeError, ValueError) as error:
            errors.append(str(error) if isinstance(error, ValueError) else f"{path}: {error}")
    if not unlisted_ok:
        for path in lexicon_files(folder, book):
            relative = path.relative_to(folder).as_posix()
            if relative not in owners:
                kind = path.parent.name if path.parent != folder else ""
                errors.append(
                    f"{path}: unknown {kind} category {path.stem!r} (no category lists {relative})"
                )
    return read, errors


def merge(defaults: Iterable[FileTerms], deployment: Iterable[FileTerms]) -> list[Entry]:
    """The defaults, less what the deployment removes or replaces, then the deployment's; a term
    once per category (the first file listing it)."""
    own = list(deployment)
    replaced = {(f.category, _key(e.term.term)) for f in own for e in f.entries}
    replaced |= {(f.category, key) for f in own for key in f.removed}
    entries: dict[tuple[str, str], Entry] = {}
    for f in defaults:
        for e in f.entries:
            if (f.category, _key(e.term.term)) not in replaced:
                entries.setdefault((f.category, _key(e.term.term)), e)
    for f in own:
        for e in f.entries:
            entries.setdefault((f.category, _key(e.term.term)), e)
    return list(entries.values())


def load(deployment: Path | None, book: Rulebook | None = None) -> Lexicon:
    """The lexicon of the rulebook's categories: the plugin's files with the deployment's folder
    (if any) laid over them."""
    defaults, errors = read_folder(DEFAULT_DIR, unlisted_ok=True, book=book)
    own: list[FileTerms] = []
    if deployment is not None and deployment.is_dir():
        own, more = read_folder(deployment, book=book)
        errors += more
    folders = [DEFAULT_DIR, *([deployment] if deployment is not None else [])]
    absent = missing_lexicons(book or runtime.rulebook(), folders)
    errors += [
        f"{path}: no lexicon file (listed by the rulebook)"
        for path in dict.fromkeys(path for _, path in absent)
    ]
    return Lexicon(merge(defaults, own), errors)


def signature(folders: Iterable[Path | None]) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times and sizes of every lexicon file: a change means a reload."""
    seen: list[tuple[str, int, int]] = []
    for folder in folders:
        if folder is None:
            continue
        for path in lexicon_files(folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            seen.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(seen)
