"""Loading and validating content files: every rule, with the exact line and column."""

from __future__ import annotations

import textwrap
import threading
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import PartialDate
from bot.core.loading import (
    ContentHolder,
    ContentNotLoadedError,
    check_content,
    load_content,
    validate_paths,
)
from bot.core.problems import ContentError

ALES = """\
subject:
  id: ales-bialiatski
  name: Ales Bialiatski
  born: 1962-09-25
cards:
  - id: arrest-2021
    date: 2021-07-14
    title: Arrested in Minsk
    text: Plain text.
    sources:
      - url: https://example.org/article
        title: Publisher, "Headline"
    tags: [arrest, viasna]
    translations:
      be: {title: Арышт у Мінску, text: Просты тэкст.}
      ru: {title: Арест в Минске, text: Простой текст.}
  - id: nobel-2022
    date: 2022-10-07
    title: Nobel Peace Prize
    text: Plain text.
    sources:
      - url: https://example.org/nobel
    tags: [biography]
"""

VIASNA = """\
cards:
  - id: founded
    date: 1996
    title: Viasna founded
    text: Plain text.
    sources: [{url: "https://example.org/viasna"}]
    tags: [viasna]
"""

SCHEDULE = """\
timezone: Europe/Minsk
posts:
  - id: on-this-day
    kind: on-this-day
    at: "09:00"
    to: [telegram:@example_channel, discord:123456789012345678, subscribers, console]
  - id: weekly
    kind: card-rotation
    cron: "0 18 * * thu"
    cards: [arrest-2021, viasna/founded]
    to: [subscribers]
  - id: custody
    kind: milestone
    since: ales-bialiatski/arrest-2021
    until: nobel-2022
    timezone: UTC
    at: "08:00"
    to: [console]
  - id: birthdays
    kind: birthday
    subjects: [ales-bialiatski]
    at: "10:00"
    to: [console]
"""

CARD = """\
cards:
  - id: a
    title: T
    text: X
    sources: [{url: "https://example.org/a"}]
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in tmp_path, so problems name relative paths like facts/a.yaml."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(folder: str | Path, name: str, text: str) -> Path:
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return path / name


def good(root: Path) -> None:
    write("facts", "ales.yaml", ALES)
    write("facts", "viasna.yaml", VIASNA)
    write("schedules", "main.yaml", SCHEDULE)


def problems() -> list[str]:
    return [str(p) for p in check_content(Path("facts"), Path("schedules")).problems]


def fact_problems(text: str, name: str = "a.yaml") -> list[str]:
    write("facts", name, text)
    return problems()


def schedule_problems(root: Path, text: str) -> list[str]:
    write("facts", "ales.yaml", ALES)
    write("facts", "viasna.yaml", VIASNA)
    write("schedules", "main.yaml", text)
    return problems()


# --- the happy path ----------------------------------------------------------------------


def test_good_content_loads(root: Path) -> None:
    good(root)
    content = load_content(Path("facts"), Path("schedules"))
    assert [c.global_id for c in content.cards] == [
        "ales-bialiatski/arrest-2021",
        "ales-bialiatski/nobel-2022",
        "viasna/founded",
    ]
    arrest = content.cards[0]
    assert arrest.path == str(Path("facts") / "ales.yaml")
    assert arrest.date == PartialDate(2021, 7, 14)
    assert arrest.subject is not None and arrest.subject.born == PartialDate(1962, 9, 25)
    assert set(arrest.card.translations) == {"be", "ru"}
    assert content.get("founded") is content.cards[2]
    assert content.cards[2].date == PartialDate(1996)
    assert set(content.subjects) == {"ales-bialiatski"}
    assert [p.id for p in content.posts] == ["on-this-day", "weekly", "custody", "birthdays"]
    zones = {p.id: p.zone for p in content.posts}
    assert zones["on-this-day"] == ZoneInfo("Europe/Minsk")
    assert zones["custody"] == ZoneInfo("UTC")


def test_report_counts(root: Path) -> None:
    good(root)
    report = check_content(Path("facts"), Path("schedules"))
    assert (report.cards, report.fact_files, report.posts, report.schedule_files) == (3, 2, 4, 1)


def test_yml_files_count_and_dotfiles_do_not(root: Path) -> None:
    write("facts", "a.yml", CARD)
    write("facts", ".a.yaml", "broken: [\n")
    write("facts", "notes.txt", "not yaml: [\n")
    content = load_content(Path("facts"), Path("schedules"))
    assert [c.global_id for c in content.cards] == ["a/a"]


def test_missing_schedules_folder_means_no_posts(root: Path) -> None:
    write("facts", "a.yaml", CARD)
    assert load_content(Path("facts"), Path("schedules")).posts == ()


def test_missing_facts_folder_is_a_problem(root: Path) -> None:
    with pytest.raises(ContentError) as info:
        load_content(Path("facts"), Path("schedules"))
    assert [str(p) for p in info.value.problems] == ["facts:1:1: no such file or directory"]


def test_every_problem_of_every_file_in_one_go(root: Path) -> None:
    write("facts", "a.yaml", CARD.replace("id: a", "id: A"))
    write("facts", "b.yaml", "cards:\n\t- id: b\n")
    write("schedules", "s.yaml", "timezone: Mars/Base\nposts: []\n")
    with pytest.raises(ContentError) as info:
        load_content(Path("facts"), Path("schedules"))
    assert [str(p) for p in info.value.problems] == [
        "facts/a.yaml:2:9: id 'A' must be lowercase letters, digits and hyphens, like a",
        "facts/b.yaml:2:1: tab in indentation: YAML indents with spaces only",
        "schedules/s.yaml:1:11: unknown time zone 'Mars/Base': use an IANA name such as "
        "Europe/Minsk or UTC",
    ]


# --- fact file rules ---------------------------------------------------------------------


def test_slug_id(root: Path) -> None:
    assert fact_problems(CARD.replace("id: a", "id: Arrest 2021")) == [
        "facts/a.yaml:2:9: id 'Arrest 2021' must be lowercase letters, digits and hyphens, "
        "like arrest-2021"
    ]


def test_slug_tag_points_at_the_list_item(root: Path) -> None:
    assert fact_problems(CARD + "    tags: [ok, Bad_Tag]\n") == [
        "facts/a.yaml:6:16: tag 'Bad_Tag' must be lowercase letters, digits and hyphens, "
        "like bad-tag"
    ]


def test_slug_subject_id(root: Path) -> None:
    text = "subject:\n  id: Ales\n  name: Ales\n" + CARD
    assert fact_problems(text) == [
        "facts/a.yaml:2:7: subject id 'Ales' must be lowercase letters, digits and hyphens, "
        "like ales"
    ]


def test_missing_required_field_points_at_the_mapping(root: Path) -> None:
    text = "cards:\n  - id: a\n    text: X\n    sources: [{url: 'https://example.org/a'}]\n"
    assert fact_problems(text) == ["facts/a.yaml:2:5: `title` is missing"]


def test_missing_cards(root: Path) -> None:
    assert fact_problems("subject:\n  id: a\n  name: A\n") == [
        "facts/a.yaml:1:1: `cards` is missing"
    ]


def test_card_id_unique_within_a_file(root: Path) -> None:
    text = CARD + CARD.removeprefix("cards:\n")
    assert fact_problems(text) == [
        "facts/a.yaml:6:9: card id 'a' is used twice in this file (first at line 2)"
    ]


def test_global_id_unique_across_files(root: Path) -> None:
    write("facts", "ales-bialiatski.yaml", CARD.replace("id: a", "id: arrest-2021"))
    write("facts", "ales.yaml", ALES)
    assert problems() == [
        "facts/ales.yaml:6:9: card 'ales-bialiatski/arrest-2021' is already defined at "
        "facts/ales-bialiatski.yaml:2:9"
    ]


def test_subject_id_unique_across_files_reported_once(root: Path) -> None:
    write("facts", "a.yaml", ALES)
    write("facts", "b.yaml", ALES)
    assert problems() == [
        "facts/b.yaml:2:7: subject id 'ales-bialiatski' is already used at facts/a.yaml:2:7"
    ]


def test_file_without_subject_needs_a_slug_name(root: Path) -> None:
    assert fact_problems(CARD, name="My Facts.yaml") == [
        "facts/My Facts.yaml:1:1: without `subject:` the file name gives the cards their "
        "global ids: rename 'My Facts' to lowercase letters, digits and hyphens, like my-facts"
    ]


@pytest.mark.parametrize(
    ("date", "column", "message"),
    [
        ("2021-02-30", 11, "date '2021-02-30' does not exist: February 2021 has 28 days"),
        ("2024-02-30", 11, "date '2024-02-30' does not exist: February 2024 has 29 days"),
        ("2021-13", 11, "date '2021-13' has no month 13"),
        ("14.07.2021", 11, "date '14.07.2021' must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("[2021]", 11, "date must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_dates(root: Path, date: str, column: int, message: str) -> None:
    text = CARD.replace("  - id: a\n", f"  - id: a\n    date: {date}\n")
    assert fact_problems(text) == [f"facts/a.yaml:3:{column}: {message}"]


@pytest.mark.parametrize("date", ["2021", "2021-07", "2021-07-14", "2024-02-29", '"2021-07-14"'])
def test_valid_dates(root: Path, date: str) -> None:
    text = CARD.replace("  - id: a\n", f"  - id: a\n    date: {date}\n")
    assert fact_problems(text) == []


def test_born_must_be_a_full_date(root: Path) -> None:
    text = "subject:\n  id: a\n  name: A\n  born: 1962\n" + CARD
    assert fact_problems(text) == [
        "facts/a.yaml:2:3: born must be a full date YYYY-MM-DD to give a birthday"
    ]


def test_sources_missing(root: Path) -> None:
    text = "cards:\n  - id: a\n    title: T\n    text: X\n"
    assert fact_problems(text) == [
        "facts/a.yaml:2:5: a card needs at least one source: `sources` is missing"
    ]


def test_sources_empty(root: Path) -> None:
    assert fact_problems(CARD.replace('[{url: "https://example.org/a"}]', "[]")) == [
        "facts/a.yaml:5:14: a card needs at least one source"
    ]


def test_source_url_must_be_http(root: Path) -> None:
    assert fact_problems(CARD.replace("https://example.org/a", "ftp://example.org/a")) == [
        "facts/a.yaml:5:21: source url must start with http:// or https://"
    ]


def test_source_url_must_be_complete(root: Path) -> None:
    assert fact_problems(CARD.replace("https://example.org/a", "https://example")) == [
        "facts/a.yaml:5:21: source url 'https://example' is not a complete web address, "
        "like https://example.org/page"
    ]


def test_translations_keyed_by_language_code(root: Path) -> None:
    text = CARD + "    translations:\n      be: {title: Т, text: Т}\n      English: {title: T}\n"
    assert fact_problems(text) == [
        "facts/a.yaml:8:7: translation key 'English' must be a language code, like be, ru or pt-BR"
    ]


def test_empty_translation(root: Path) -> None:
    text = CARD + "    translations:\n      be: {}\n"
    assert fact_problems(text) == ["facts/a.yaml:7:11: a translation needs a title, a text or both"]


@pytest.mark.parametrize(
    ("key", "hint"), [("titel", "title"), ("source", "sources"), ("tag", "tags")]
)
def test_unknown_key_did_you_mean(root: Path, key: str, hint: str) -> None:
    text = CARD + f"    {key}: x\n"
    assert fact_problems(text) == [f"facts/a.yaml:6:5: unknown key {key!r}: did you mean {hint!r}?"]


def test_unknown_key_without_a_close_match_lists_the_allowed_ones(root: Path) -> None:
    assert fact_problems("subject:\n  id: a\n  name: A\n  zzz: 1\n" + CARD) == [
        "facts/a.yaml:4:3: unknown key 'zzz': allowed here are id, name, born, "
        "born_year_known, letters, translations"
    ]


def test_number_where_text_is_expected(root: Path) -> None:
    assert fact_problems(CARD.replace("title: T", "title: 2021")) == [
        'facts/a.yaml:3:12: title must be text, not a number: write it in quotes, like "2021"'
    ]


def test_empty_value(root: Path) -> None:
    assert fact_problems(CARD.replace("title: T", "title:")) == [
        "facts/a.yaml:3:11: title is empty"
    ]


def test_title_too_long(root: Path) -> None:
    assert fact_problems(CARD.replace("title: T", "title: " + "x" * 201)) == [
        "facts/a.yaml:3:12: title is too long: 201 characters, at most 200"
    ]


# --- schedule file rules -----------------------------------------------------------------


def test_schedule_rules_all_good(root: Path) -> None:
    assert schedule_problems(root, SCHEDULE) == []


def test_unknown_file_timezone(root: Path) -> None:
    text = SCHEDULE.replace("timezone: Europe/Minsk", "timezone: Europe/Minsky")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:1:11: unknown time zone 'Europe/Minsky': use an IANA name such "
        "as Europe/Minsk or UTC"
    ]


def test_unknown_post_timezone(root: Path) -> None:
    text = SCHEDULE.replace("timezone: UTC", "timezone: CEST")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:16:15: unknown time zone 'CEST': use an IANA name such as "
        "Europe/Minsk or UTC"
    ]


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("9:00", 'at \'9:00\' must be a 24-hour time "HH:MM" in quotes, like "09:00"'),
        ('"25:00"', 'at \'25:00\' must be a 24-hour time "HH:MM" in quotes, like "09:00"'),
    ],
)
def test_at_time(root: Path, at: str, message: str) -> None:
    text = SCHEDULE.replace('at: "09:00"', f"at: {at}")
    assert schedule_problems(root, text) == [f"schedules/main.yaml:5:9: {message}"]


def test_unquoted_at_time_is_read_as_text(root: Path) -> None:
    text = SCHEDULE.replace('at: "09:00"', "at: 18:00")
    assert schedule_problems(root, text) == []


@pytest.mark.parametrize(
    ("cron", "message"),
    [
        ('"0 18 * *"', "cron '0 18 * *' must have 5 fields (minute hour day month weekday), not 4"),
        ('"0 25 * * *"', "invalid cron '0 25 * * *': "),
    ],
)
def test_cron(root: Path, cron: str, message: str) -> None:
    text = SCHEDULE.replace('cron: "0 18 * * thu"', f"cron: {cron}")
    (problem,) = schedule_problems(root, text)
    assert problem.startswith(f"schedules/main.yaml:9:11: {message}")


def test_at_or_cron_exactly_one(root: Path) -> None:
    text = SCHEDULE.replace('    cron: "0 18 * * thu"\n', "")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:7:5: give exactly one of `at` or `cron`"
    ]


def test_target_shapes(root: Path) -> None:
    text = SCHEDULE.replace("to: [subscribers]", "to: [subscribers, slack:#news]")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:11:23: unknown target 'slack:#news': use "
        "telegram:<chat id or @channel>, discord:<channel id>, console or subscribers"
    ]


def test_no_targets(root: Path) -> None:
    text = SCHEDULE.replace("to: [subscribers]", "to: []")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:11:9: a post needs at least one target in `to`"
    ]


def test_unknown_post_kind(root: Path) -> None:
    text = SCHEDULE.replace("kind: card-rotation", "kind: tweet")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:8:11: unknown post kind 'tweet': use one of on-this-day, "
        "card-rotation, milestone, birthday, digest (its other fields are checked as a "
        "card-rotation post)"
    ]


def test_missing_post_kind(root: Path) -> None:
    text = SCHEDULE.replace("    kind: card-rotation\n", "")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:7:5: a post needs `kind`: one of on-this-day, card-rotation, "
        "milestone, birthday, digest"
    ]


def test_error_inside_a_tagged_post_skips_the_tag(root: Path) -> None:
    text = SCHEDULE.replace("until: nobel-2022", "unitl: nobel-2022").replace(
        "since: ales-bialiatski/arrest-2021", "since: Arrest"
    )
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:14:12: card reference 'Arrest' must be a card id like "
        "arrest-2021 or a global id like ales-bialiatski/arrest-2021",
        "schedules/main.yaml:15:5: unknown key 'unitl': did you mean 'until'?",
    ]


def test_catch_up(root: Path) -> None:
    text = SCHEDULE.replace('at: "09:00"\n', 'at: "09:00"\n    catch_up: 2 hours\n', 1)
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:6:15: catch_up '2 hours' must look like 30m, 6h, 1d or 1h30m"
    ]


def test_post_ids_unique_across_schedule_files(root: Path) -> None:
    write("schedules", "other.yaml", SCHEDULE.replace("id: weekly", "id: weekly-2"))
    assert schedule_problems(root, SCHEDULE) == [
        "schedules/other.yaml:3:9: post id 'on-this-day' is already used at "
        "schedules/main.yaml:3:9",
        "schedules/other.yaml:12:9: post id 'custody' is already used at schedules/main.yaml:12:9",
        "schedules/other.yaml:19:9: post id 'birthdays' is already used at "
        "schedules/main.yaml:19:9",
    ]


def test_card_reference_missing_with_hint(root: Path) -> None:
    text = SCHEDULE.replace("until: nobel-2022", "until: nobel-2021")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:15:12: no card 'nobel-2021' in the fact files: "
        "did you mean 'nobel-2022'?"
    ]


def test_card_rotation_reference_missing(root: Path) -> None:
    text = SCHEDULE.replace("cards: [arrest-2021, viasna/founded]", "cards: [arrest-2021, x/y]")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:10:26: no card 'x/y' in the fact files"
    ]


def test_short_reference_must_be_unique(root: Path) -> None:
    write("facts", "other.yaml", CARD.replace("id: a", "id: nobel-2022"))
    assert schedule_problems(root, SCHEDULE) == [
        "schedules/main.yaml:15:12: card id 'nobel-2022' is in several files "
        "(ales-bialiatski/nobel-2022, other/nobel-2022): use the global id"
    ]
    text = SCHEDULE.replace("until: nobel-2022", "until: ales-bialiatski/nobel-2022")
    assert schedule_problems(root, text) == []


def test_milestone_card_needs_a_date(root: Path) -> None:
    write("facts", "other.yaml", CARD.replace("id: a", "id: undated"))
    text = SCHEDULE.replace("until: nobel-2022", "until: undated")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:15:12: a milestone counts from a card's date, and 'other/undated' "
        "has none"
    ]


def test_subjects_filter_must_name_a_subject(root: Path) -> None:
    text = SCHEDULE.replace("subjects: [ales-bialiatski]", "subjects: [ales-bialiatsky]")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:21:16: no subject 'ales-bialiatsky' in the fact files: "
        "did you mean 'ales-bialiatski'?"
    ]


def test_tags_filter_must_match_some_card(root: Path) -> None:
    text = SCHEDULE.replace('cron: "0 18 * * thu"\n', 'cron: "0 18 * * thu"\n    tags: [arest]\n')
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:10:12: no card has the tag 'arest', so this filter matches "
        "nothing: did you mean 'arrest'?"
    ]


def test_reference_to_a_card_in_a_broken_file_is_not_dangling(root: Path) -> None:
    write("facts", "ales.yaml", ALES.replace("title: Nobel Peace Prize", "titel: Nobel"))
    write("facts", "viasna.yaml", VIASNA)
    write("schedules", "main.yaml", SCHEDULE)
    assert problems() == [
        "facts/ales.yaml:17:5: `title` is missing",
        "facts/ales.yaml:19:5: unknown key 'titel': did you mean 'title'?",
    ]


def test_schedule_file_shape_problems(root: Path) -> None:
    write("facts", "a.yaml", CARD)
    write("schedules", "empty.yaml", "# nothing yet\n")
    write("schedules", "list.yaml", "- id: x\n")
    assert problems() == [
        "schedules/empty.yaml:1:1: the file is empty: a schedule file needs `timezone:` and "
        "`posts:`",
        "schedules/list.yaml:1:1: the top level must be a mapping, not a list: a schedule "
        "file needs `timezone:` and `posts:`",
    ]


# --- validate_paths ----------------------------------------------------------------------


def test_validate_paths_classifies_files_by_posts_key(root: Path) -> None:
    write("facts", "ales.yaml", ALES)
    write("facts", "viasna.yaml", VIASNA)
    schedule = write("drafts", "anything.yaml", SCHEDULE)
    assert validate_paths([schedule], Path("facts")) == []
    broken = write("drafts", "broken.yaml", SCHEDULE.replace("until: nobel-2022", "until: zz"))
    assert [str(p) for p in validate_paths([broken], Path("facts"))] == [
        "drafts/broken.yaml:15:12: no card 'zz' in the fact files"
    ]


def test_validate_paths_uses_fact_files_among_the_paths(root: Path) -> None:
    write("facts", "ales.yaml", ALES)
    write("facts", "viasna.yaml", VIASNA)
    new = write("drafts", "new.yaml", CARD.replace("id: a", "id: zz\n    date: 2023-03-03"))
    schedule = write("drafts", "s.yaml", SCHEDULE.replace("until: nobel-2022", "until: new/zz"))
    assert validate_paths([schedule], Path("facts")) != []
    assert validate_paths([new, schedule], Path("facts")) == []


def test_validate_paths_reports_only_given_files(root: Path) -> None:
    write("facts", "ales.yaml", ALES)
    write("facts", "bad.yaml", "cards: [\n")
    draft = write("drafts", "ales-copy.yaml", ALES)
    assert [str(p) for p in validate_paths([draft], Path("facts"))] == [
        "drafts/ales-copy.yaml:2:7: subject id 'ales-bialiatski' is already used at "
        "facts/ales.yaml:2:7"
    ]


def test_validate_paths_folder_and_missing_path(root: Path) -> None:
    write("facts", "a.yaml", CARD.replace("title: T", "titel: T"))
    found = [str(p) for p in validate_paths([Path("facts"), Path("nope.yaml")], Path("facts"))]
    assert found == [
        "facts/a.yaml:2:5: `title` is missing",
        "facts/a.yaml:3:5: unknown key 'titel': did you mean 'title'?",
        "nope.yaml:1:1: no such file or directory",
    ]


# --- ContentHolder -----------------------------------------------------------------------


def test_holder_before_any_load(root: Path) -> None:
    holder = ContentHolder(Path("facts"), Path("schedules"))
    assert holder.loaded_at is None
    with pytest.raises(ContentNotLoadedError):
        _ = holder.current


def test_holder_keeps_last_good_set_after_a_broken_edit_and_swaps_after_a_fix(
    root: Path,
) -> None:
    good(root)
    holder = ContentHolder(Path("facts"), Path("schedules"))
    assert holder.load() == []
    first = holder.current
    first_loaded = holder.loaded_at
    assert first_loaded is not None
    assert len(first.cards) == 3

    write("facts", "viasna.yaml", VIASNA.replace("title: Viasna founded", "titel: x"))
    found = [str(p) for p in holder.load()]
    assert found == [
        "facts/viasna.yaml:2:5: `title` is missing",
        "facts/viasna.yaml:4:5: unknown key 'titel': did you mean 'title'?",
    ]
    assert holder.current is first
    assert holder.loaded_at == first_loaded
    assert [str(p) for p in holder.last_problems] == found

    write("facts", "viasna.yaml", VIASNA + CARD.removeprefix("cards:\n"))
    assert holder.load() == []
    assert holder.current is not first
    assert len(holder.current.cards) == 4
    assert holder.last_problems == []
    assert holder.loaded_at is not None and holder.loaded_at >= first_loaded


def test_holder_never_loaded_keeps_raising_with_problems(root: Path) -> None:
    write("facts", "a.yaml", "cards: [\n")
    holder = ContentHolder(Path("facts"), Path("schedules"))
    assert len(holder.load()) == 1
    with pytest.raises(ContentNotLoadedError, match="1 problems"):
        _ = holder.current


def test_holder_reads_during_concurrent_loads_see_whole_sets(root: Path) -> None:
    good(root)
    holder = ContentHolder(Path("facts"), Path("schedules"))
    holder.load()
    seen: list[int] = []
    errors: list[BaseException] = []

    def reload() -> None:
        try:
            for _ in range(5):
                holder.load()
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=reload) for _ in range(3)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        seen.append(len(holder.current.cards))
    for t in threads:
        t.join(timeout=30)
    assert errors == []
    assert set(seen) <= {3}


# --- messages for shapes admins get wrong ------------------------------------------------


def test_source_written_as_a_bare_url(root: Path) -> None:
    text = CARD.replace('[{url: "https://example.org/a"}]', "[https://example.org/a]")
    assert fact_problems(text) == [
        "facts/a.yaml:5:15: a source is a mapping with a url: write `- url: https://example.org/a`"
    ]


def test_translation_written_as_plain_text(root: Path) -> None:
    text = CARD + "    translations:\n      be: Тэкст\n"
    assert fact_problems(text) == [
        "facts/a.yaml:7:11: translation 'be' must be a mapping of `key: value` lines, not text"
    ]


def test_list_expected(root: Path) -> None:
    assert fact_problems(CARD + "    tags: arrest\n") == [
        "facts/a.yaml:6:11: tags must be a list (one `- item` per line, or [a, b]), not text"
    ]


def test_boolean_expected(root: Path) -> None:
    text = SCHEDULE.replace("to: [subscribers]", "to: [subscribers]\n    enabled: maybe")
    assert schedule_problems(root, text) == [
        "schedules/main.yaml:12:14: enabled must be true or false, not 'maybe'"
    ]


def test_yes_and_no_are_not_booleans_but_pydantic_reads_them(root: Path) -> None:
    text = SCHEDULE.replace("to: [subscribers]", "to: [subscribers]\n    enabled: no")
    assert schedule_problems(root, text) == []
    content = load_content(Path("facts"), Path("schedules"))
    assert content.post("weekly") is not None
    assert content.post("weekly").spec.enabled is False  # type: ignore[union-attr]


def test_born_without_a_backing_card_is_a_warning_and_still_loads(root: Path) -> None:
    text = "subject:\n  id: a\n  name: A\n  born: 1962-09-25\n" + CARD
    assert fact_problems(text) == [
        "facts/a.yaml:4:9: warning: born 1962-09-25 needs a source: add a card dated "
        "1962-09-25, or a card tagged biography whose sources give the birthday"
    ]
    assert load_content(Path("facts"), Path("schedules")).subjects["a"].born is not None
