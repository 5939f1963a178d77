"""Load fact and schedule files into a ContentSet, or say everything that is wrong with them.

One pass over all files collects every problem of every file, so an admin fixes a batch of
mistakes per run rather than one. `ContentHolder` gives the running bot reload safety: a
broken edit never replaces the last good content.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.crosscheck import CardIndex, ScheduleChecker
from bot.core.diagnostics import diagnose
from bot.core.fact_files import FactFile, Subject
from bot.core.post_check import check_schedule
from bot.core.problems import ContentError, Problem, errors, warnings
from bot.core.review import past_review
from bot.core.schedule_files import ScheduleFile
from bot.core.sources import Snapshot, SourceFile, read_source
from bot.core.translation_checks import Coverage, check_translations
from bot.core.yamlio import YamlDocument, read_yaml

FACT_HINT = "a fact file needs `cards:` (and may have `subject:`)"
SCHEDULE_HINT = "a schedule file needs `timezone:` and `posts:`"
ANY_HINT = "a fact file needs `cards:`, a schedule file `timezone:` and `posts:`"
SUFFIXES = (".yaml", ".yml")
NO_YAML = "YAML file (*.yaml or *.yml)"


@dataclass
class Report:
    """The outcome of a check: problems, what was counted, and the content when all is well."""

    problems: list[Problem] = field(default_factory=list)
    cards: int = 0
    fact_files: int = 0
    posts: int = 0
    schedule_files: int = 0
    content: ContentSet | None = None
    coverage: Coverage | None = None
    snapshot: Snapshot | None = None  # the files `content` was built from

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings(self.problems)


@dataclass
class _Parsed:
    doc: YamlDocument
    model: BaseModel | None
    stem: str


def load_content(facts_dir: Path, schedules_dir: Path) -> ContentSet:
    """Every card and post, or ContentError listing every error of every file."""
    report = check_content(facts_dir, schedules_dir)
    if report.content is None:
        raise ContentError(report.errors)
    return report.content


def check_content(facts_dir: Path, schedules_dir: Path, *, today: date | None = None) -> Report:
    """Check the facts and schedules folders; `content` is set when no error is found.

    A missing schedules folder means no posts; a missing facts folder is a problem. With
    `today`, cards past their review date are warned about.
    """
    problems: list[Problem] = []
    fact_paths: list[Path] = []
    if facts_dir.is_dir():
        fact_paths = yaml_files(facts_dir)
    else:
        problems.append(Problem(str(facts_dir), 1, 1, "no such file or directory"))
    schedule_paths = yaml_files(schedules_dir) if schedules_dir.is_dir() else []
    facts = _read_all(fact_paths, problems)
    schedules = _read_all(schedule_paths, problems)
    report = check_snapshot(Snapshot(tuple(facts), tuple(schedules)), today=today)
    report.problems = sorted(problems + report.problems)
    if problems:
        report.content = report.snapshot = None
    return report


def check_snapshot(snapshot: Snapshot, *, today: date | None = None) -> Report:
    """Check files already read (from disk, or from the store's last good set)."""
    with _gc_paused():
        facts = [_settle(_parse(f, FACT_HINT), FactFile, today) for f in snapshot.facts]
        schedules = [_settle(_parse(f, SCHEDULE_HINT), ScheduleFile) for f in snapshot.schedules]
        report = _check(facts, schedules, references=facts)
    report.problems = sorted(report.problems)
    if not report.errors:
        report.content = _build(facts, schedules)
        report.snapshot = snapshot
    return report


def validate_paths(paths: list[Path], facts_dir: Path) -> list[Problem]:
    """Problems of the given files and folders, for `advocacy-bot validate PATH...`."""
    return check_paths(paths, facts_dir).problems


def check_paths(paths: list[Path], facts_dir: Path, *, today: date | None = None) -> Report:
    """Check each PATH (a file or a folder): a file with top-level `posts` is a schedule.

    Card references are checked against the facts folder plus the fact files given; only
    problems in the given files are reported. A folder with no YAML file is a problem: an
    "ok" would hide a wrong path.
    """
    with _gc_paused():
        return _check_paths(paths, facts_dir, today)


def _check_paths(paths: list[Path], facts_dir: Path, today: date | None) -> Report:
    problems: list[Problem] = []
    facts: list[_Parsed] = []
    schedules: list[_Parsed] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            files = yaml_files(given)
            if not files:
                problems.append(Problem(str(given), 1, 1, f"no {NO_YAML} in this folder"))
        elif given.exists() or given.is_symlink():
            files = [given]
        else:
            problems.append(Problem(str(given), 1, 1, "no such file or directory"))
            continue
        for path in files:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                source = read_source(path)
                if isinstance(source, Problem):
                    problems.append(source)
                    continue
                parsed = _parse(source, ANY_HINT)
                if isinstance(parsed.doc.data, dict) and "posts" in parsed.doc.data:
                    schedules.append(_settle(parsed, ScheduleFile))
                else:
                    facts.append(_settle(parsed, FactFile, today))
    # Files of the facts folder come first, so a clash is reported in the file being checked.
    known = [
        _settle(_parse(source, FACT_HINT), None)
        for p in (yaml_files(facts_dir) if facts_dir.is_dir() else [])
        if p.resolve() not in seen and isinstance(source := read_source(p), SourceFile)
    ]
    report = _check(facts, schedules, references=known + facts)
    checked = {p.doc.path for p in facts + schedules}
    report.problems = sorted(problems + [p for p in report.problems if p.path in checked])
    return report


def yaml_files(folder: Path) -> list[Path]:
    """`*.yaml` and `*.yml` in `folder`, by name; dotfiles (editor backups) are skipped."""
    return sorted(
        (p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while files load.

    A load allocates millions of objects that all survive it (nodes, then models); each
    full collection would rescan them all, which made a 50,000-card load superlinear. The
    data has no reference cycles to collect, so collection waits for the end of the load
    (see docs/benchmarks.md). Re-enabled only by the caller that disabled it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _settle(parsed: _Parsed, model: type[BaseModel] | None, today: date | None = None) -> _Parsed:
    """Validate a freshly parsed file while its node tree, built by the parse, still
    gives every problem its line and column for free; then let the tree go."""
    if model is not None:
        _validate(parsed, model)
        if today is not None and isinstance(parsed.model, FactFile):
            _review_warnings(parsed, parsed.model, today)
    parsed.doc.release()
    return parsed


def _check(facts: list[_Parsed], schedules: list[_Parsed], references: list[_Parsed]) -> Report:
    """The rules that span files, on the raw data, and the tally of what was checked."""
    report = Report(fact_files=len(facts), schedule_files=len(schedules))
    index = CardIndex()
    for parsed in references:
        report.problems.extend(index.add(parsed.doc, parsed.stem))
    checker = ScheduleChecker(index)
    for parsed in schedules:
        report.problems.extend(checker.check(parsed.doc))
    for parsed in facts:
        if isinstance(parsed.model, FactFile):
            report.cards += len(parsed.model.cards)
    for parsed in schedules:
        if isinstance(parsed.model, ScheduleFile):
            report.posts += len(parsed.model.posts)
    report.coverage = check_translations([p.doc for p in facts], [p.doc for p in schedules])
    for parsed in facts + schedules:
        report.problems.extend(parsed.doc.problems)
    return report


def _read_all(paths: list[Path], problems: list[Problem]) -> list[SourceFile]:
    sources: list[SourceFile] = []
    for path in paths:
        source = read_source(path)
        if isinstance(source, Problem):
            problems.append(source)
        else:
            sources.append(source)
    return sources


def _parse(source: SourceFile, hint: str) -> _Parsed:
    return _Parsed(read_yaml(source.path, source.data, hint), None, Path(source.path).stem)


def _review_warnings(parsed: _Parsed, model: FactFile, today: date) -> None:
    owner = model.subject.id if model.subject is not None else parsed.stem
    doc = parsed.doc
    for i, card in enumerate(model.cards):
        if card.review_by is not None and card.review_by <= today:
            line, column = doc.position(("cards", i, "review_by"))
            message = past_review(f"{owner}/{card.id}", card.review_by)
            doc.problems.append(Problem(doc.path, line, column, message, "warning"))


def _validate(parsed: _Parsed, model: type[BaseModel]) -> None:
    """Validate a parsed mapping against `model`, placing each error on its YAML node."""
    doc = parsed.doc
    if not isinstance(doc.data, dict):
        return
    if model is ScheduleFile:
        parsed.model, diagnoses = check_schedule(doc.data)
        for diagnosis in diagnoses:
            line, column = doc.position(diagnosis.path, key=diagnosis.at_key)
            doc.problems.append(doc.problem(line, column, diagnosis.message))
        return
    try:
        parsed.model = model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            found = diagnose(error, model)
            line, column = doc.position(found.path, key=found.at_key)
            doc.problems.append(doc.problem(line, column, found.message))


def _build(facts: Iterable[_Parsed], schedules: Iterable[_Parsed]) -> ContentSet:
    cards: list[CardRecord] = []
    subjects: dict[str, Subject] = {}
    for parsed in facts:
        facts_model = parsed.model
        if not isinstance(facts_model, FactFile):  # never: built only when all are valid
            continue
        subject = facts_model.subject
        owner = subject.id if subject is not None else parsed.stem
        if subject is not None:
            subjects[subject.id] = subject
        path = parsed.doc.path
        cards.extend(
            CardRecord(f"{owner}/{card.id}", card, subject, path) for card in facts_model.cards
        )
    posts: list[ScheduledPost] = []
    language: str | None = None
    for parsed in schedules:
        schedule_model = parsed.model
        if not isinstance(schedule_model, ScheduleFile):
            continue
        language = language or schedule_model.language
        zones: dict[str, ZoneInfo] = {}
        for spec in schedule_model.posts:
            name = spec.timezone or schedule_model.timezone
            zone = zones.setdefault(name, ZoneInfo(name))
            post_language = spec.language or schedule_model.language
            posts.append(ScheduledPost(spec, zone, parsed.doc.path, post_language))
    return ContentSet.build(cards, subjects, posts, language)


class ContentNotLoadedError(RuntimeError):
    """`ContentHolder.current` before any load succeeded."""


class ContentHolder:
    """The current content of a running bot, replaced whole and only by a good load.

    `load()` may run in a worker thread (parsing is CPU-bound) while handlers read
    `current`: the swap is one reference assignment under a lock, and concurrent loads are
    serialised so an older result never overwrites a newer one. `today` (a callable, so
    the holder reads no clock itself) enables the review-date warnings.
    """

    def __init__(
        self,
        facts_dir: Path,
        schedules_dir: Path,
        *,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.facts_dir = facts_dir
        self.schedules_dir = schedules_dir
        self._today = today
        self._lock = threading.Lock()
        self._content: ContentSet | None = None
        self._snapshot: Snapshot | None = None
        self._loaded_at: float | None = None
        self._last_problems: list[Problem] = []
        self._warnings: list[Problem] = []
        self._from_store = False

    @property
    def current(self) -> ContentSet:
        content = self._content
        if content is None:
            raise ContentNotLoadedError(
                f"no content loaded from {self.facts_dir} yet"
                + (f": {len(self._last_problems)} problems" if self._last_problems else "")
            )
        return content

    @property
    def loaded_at(self) -> float | None:
        """time.monotonic() of the last successful load, or None."""
        return self._loaded_at

    @property
    def last_problems(self) -> list[Problem]:
        """The errors of the last load of the files; empty after a successful one."""
        return list(self._last_problems)

    @property
    def warnings(self) -> list[Problem]:
        """The warnings of the files being served."""
        return list(self._warnings)

    @property
    def snapshot(self) -> Snapshot | None:
        """The files the served content was built from: what the store keeps as last good."""
        return self._snapshot

    @property
    def serving_stored(self) -> bool:
        """Whether the content comes from the store's last good set, not from the files."""
        return self._from_store

    def load(self) -> list[Problem]:
        """Load the folders; swap the content in when no error is found, else keep the old
        one. Returns the errors (warnings are in `warnings`)."""
        with self._lock:
            today = self._today() if self._today is not None else None
            report = check_content(self.facts_dir, self.schedules_dir, today=today)
            self._last_problems = report.errors
            if report.content is not None:
                self._swap(report, from_store=False)
            return list(self._last_problems)

    def serve_stored(self, snapshot: Snapshot) -> list[Problem]:
        """Serve a stored last good set, keeping the files' errors in `last_problems` for
        /status; returns the snapshot's own errors (none unless the rules grew stricter)."""
        with self._lock:
            today = self._today() if self._today is not None else None
            report = check_snapshot(snapshot, today=today)
            if report.content is not None:
                self._swap(report, from_store=True)
            return report.errors

    def _swap(self, report: Report, *, from_store: bool) -> None:
        self._content = report.content
        self._snapshot = report.snapshot
        self._warnings = report.warnings
        self._from_store = from_store
        self._loaded_at = time.monotonic()
