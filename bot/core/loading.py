"""Load fact and schedule files into a ContentSet, or say everything that is wrong with them.

One pass over all files collects every problem of every file, so an admin fixes a batch of
mistakes per run rather than one. `ContentHolder` gives the running bot reload safety: a
broken edit never replaces the last good content.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError

from bot.core.content import CardRecord, ContentSet, ScheduledPost
from bot.core.crosscheck import CardIndex, ScheduleChecker
from bot.core.diagnostics import diagnose
from bot.core.fact_files import FactFile, Subject
from bot.core.problems import ContentError, Problem
from bot.core.schedule_files import ScheduleFile
from bot.core.yamlio import YamlDocument, read_yaml

FACT_HINT = "a fact file needs `cards:` (and may have `subject:`)"
SCHEDULE_HINT = "a schedule file needs `timezone:` and `posts:`"
ANY_HINT = "a fact file needs `cards:`, a schedule file `timezone:` and `posts:`"
SUFFIXES = (".yaml", ".yml")


@dataclass
class Report:
    """The outcome of a check: problems, what was counted, and the content when all is well."""

    problems: list[Problem] = field(default_factory=list)
    cards: int = 0
    fact_files: int = 0
    posts: int = 0
    schedule_files: int = 0
    content: ContentSet | None = None


@dataclass
class _Parsed:
    doc: YamlDocument
    model: BaseModel | None
    stem: str


def load_content(facts_dir: Path, schedules_dir: Path) -> ContentSet:
    """Every card and post, or ContentError listing every problem of every file."""
    report = check_content(facts_dir, schedules_dir)
    if report.content is None:
        raise ContentError(report.problems)
    return report.content


def check_content(facts_dir: Path, schedules_dir: Path) -> Report:
    """Check the facts and schedules folders; `content` is set when nothing is wrong.

    A missing schedules folder means no posts; a missing facts folder is a problem.
    """
    problems: list[Problem] = []
    fact_paths: list[Path] = []
    if facts_dir.is_dir():
        fact_paths = yaml_files(facts_dir)
    else:
        problems.append(Problem(str(facts_dir), 1, 1, "no such file or directory"))
    schedule_paths = yaml_files(schedules_dir) if schedules_dir.is_dir() else []
    facts = [_read(p, str(p), FACT_HINT) for p in fact_paths]
    schedules = [_read(p, str(p), SCHEDULE_HINT) for p in schedule_paths]
    report = _check(facts, schedules, references=facts)
    report.problems = sorted(problems + report.problems)
    if not report.problems:
        report.content = _build(facts, schedules)
    return report


def validate_paths(paths: list[Path], facts_dir: Path) -> list[Problem]:
    """Problems of the given files and folders, for `advocacy-bot validate PATH...`."""
    return check_paths(paths, facts_dir).problems


def check_paths(paths: list[Path], facts_dir: Path) -> Report:
    """Check each PATH (a file or a folder): a file with top-level `posts` is a schedule.

    Card references are checked against the facts folder plus the fact files given; only
    problems in the given files are reported.
    """
    problems: list[Problem] = []
    facts: list[_Parsed] = []
    schedules: list[_Parsed] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            files = yaml_files(given)
        elif given.exists():
            files = [given]
        else:
            problems.append(Problem(str(given), 1, 1, "no such file or directory"))
            continue
        for path in files:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                parsed = _read(path, str(path), ANY_HINT)
                is_schedule = isinstance(parsed.doc.data, dict) and "posts" in parsed.doc.data
                (schedules if is_schedule else facts).append(parsed)
    # Files of the facts folder come first, so a clash is reported in the file being checked.
    known = [
        _read(p, str(p), FACT_HINT)
        for p in (yaml_files(facts_dir) if facts_dir.is_dir() else [])
        if p.resolve() not in seen
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


def _check(facts: list[_Parsed], schedules: list[_Parsed], references: list[_Parsed]) -> Report:
    """Cross-file rules on the raw data, then each file against its model.

    All files are parsed before any is validated: the YAML parse churns through many
    short-lived node objects, and doing it while the validated models pile up makes the
    garbage collector rescan those models over and over (1.6 s instead of 1.2 s at 10,000
    cards; see docs/benchmarks.md).
    """
    report = Report(fact_files=len(facts), schedule_files=len(schedules))
    index = CardIndex()
    for parsed in references:
        report.problems.extend(index.add(parsed.doc, parsed.stem))
    checker = ScheduleChecker(index)
    for parsed in schedules:
        report.problems.extend(checker.check(parsed.doc))
    for parsed in facts:
        _validate(parsed, FactFile)
        if isinstance(parsed.model, FactFile):
            report.cards += len(parsed.model.cards)
    for parsed in schedules:
        _validate(parsed, ScheduleFile)
        if isinstance(parsed.model, ScheduleFile):
            report.posts += len(parsed.model.posts)
    for parsed in facts + schedules:
        report.problems.extend(parsed.doc.problems)
    return report


def _read(path: Path, display: str, hint: str) -> _Parsed:
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(display, 1, 1, f"cannot read: {exc.strerror or exc}")
        return _Parsed(YamlDocument(display, problems=[problem]), None, path.stem)
    return _Parsed(read_yaml(display, data, hint), None, path.stem)


def _validate(parsed: _Parsed, model: type[BaseModel]) -> None:
    """Validate a parsed mapping against `model`, placing each error on its YAML node."""
    doc = parsed.doc
    if not doc.is_mapping:
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
    serialised so an older result never overwrites a newer one.
    """

    def __init__(self, facts_dir: Path, schedules_dir: Path) -> None:
        self.facts_dir = facts_dir
        self.schedules_dir = schedules_dir
        self._lock = threading.Lock()
        self._content: ContentSet | None = None
        self._loaded_at: float | None = None
        self._last_problems: list[Problem] = []

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
        """The problems of the last load; empty after a successful one."""
        return list(self._last_problems)

    def load(self) -> list[Problem]:
        """Load the folders; swap the content in when all is well, else keep the old one."""
        with self._lock:
            report = check_content(self.facts_dir, self.schedules_dir)
            self._last_problems = report.problems
            if report.content is not None:
                self._content = report.content
                self._loaded_at = time.monotonic()
            return list(report.problems)
