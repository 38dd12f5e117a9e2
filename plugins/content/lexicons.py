"""The content lexicons: the plugin's own and the deployment's, read from plain files.

A lexicon folder holds `illegal/<category>.txt` and `harmful/<category>.txt`, each file named by a
category key of `categories` (`illegal/rumor.txt`). A line is the scanner's lexicon format, a term
and optionally a tab and a severity (1-5), with one more optional tab-separated column: context
words, separated by spaces. A context word with `!` in front sets the term aside when the same
piece of text also holds that word (a notice *against* a cult names the cult); a word without `!`
makes the term count only when the piece also holds one of those words. Context words match
through the scanner's normalisation, as terms do.

In the deployment's folder a line `-term` takes a term out of the plugin's defaults, and a term
the defaults also have replaces theirs (severity and context). A term must be at least two
characters long once normalised: a single character would flag ordinary words.

A file that cannot be read is skipped as a whole and named in `errors`; the others still load.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from plugins.content.categories import BY_KEY, Category, ContentKind
from plugins.scanner.findings import Finding, TextPiece
from plugins.scanner.lexicon import Term, parse_lexicon
from plugins.scanner.normalize import normalize

DEFAULT_DIR = Path(__file__).parent / "lexicon"
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


def parse_file(text: str, category: Category, origin: str = "<lexicon>") -> FileTerms:
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
        "\n".join(plain), kind=category.kind, category=category.key, origin=origin
    )
    entries = tuple(Entry(t, contexts.get(t.term)) for t in terms)
    return FileTerms(category.key, entries, frozenset(removed))


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
        for finding in findings:
            if finding.kind not in KINDS or finding.category not in BY_KEY:
                continue
            context = self._contexts.get((finding.category, finding.rule))
            if context is not None:
                if finding.piece not in skeletons:
                    skeletons[finding.piece] = _key(pieces[finding.piece].text)
                if not context.allows(skeletons[finding.piece]):
                    continue
            kept.append(finding)
        return kept


def lexicon_files(folder: Path) -> list[tuple[ContentKind, Path]]:
    return [(kind, path) for kind in KINDS for path in sorted((folder / kind).glob("*.txt"))]


def read_folder(folder: Path) -> tuple[list[FileTerms], list[str]]:
    """Every lexicon file of `folder` (missing: none), and an error line for each bad file."""
    read: list[FileTerms] = []
    errors: list[str] = []
    for kind, path in lexicon_files(folder):
        category = BY_KEY.get(path.stem)
        if category is None or category.kind != kind:
            errors.append(f"{path}: unknown {kind} category {path.stem!r}")
            continue
        try:
            read.append(parse_file(path.read_text("utf-8-sig"), category, str(path)))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            errors.append(str(error) if isinstance(error, ValueError) else f"{path}: {error}")
    return read, errors


def merge(defaults: Iterable[FileTerms], deployment: Iterable[FileTerms]) -> list[Entry]:
    """The defaults, less what the deployment removes or replaces, then the deployment's."""
    own = list(deployment)
    replaced = {(f.category, _key(e.term.term)) for f in own for e in f.entries}
    replaced |= {(f.category, key) for f in own for key in f.removed}
    kept = [
        e for f in defaults for e in f.entries if (f.category, _key(e.term.term)) not in replaced
    ]
    return kept + [e for f in own for e in f.entries]


def load(deployment: Path | None) -> Lexicon:
    """The plugin's lexicon with the deployment's folder (if any) laid over it."""
    defaults, errors = read_folder(DEFAULT_DIR)
    own: list[FileTerms] = []
    if deployment is not None and deployment.is_dir():
        own, more = read_folder(deployment)
        errors += more
    return Lexicon(merge(defaults, own), errors)


def signature(folders: Iterable[Path | None]) -> tuple[tuple[str, int, int], ...]:
    """Names, modification times and sizes of every lexicon file: a change means a reload."""
    seen: list[tuple[str, int, int]] = []
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for _, path in lexicon_files(folder):
            try:
                stat = path.stat()
            except OSError:
                continue
            seen.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(seen)
