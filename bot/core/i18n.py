"""Every sentence the bot writes, per language: Fluent catalogues plus Babel formatting.

Why Fluent (`fluent.runtime`) rather than gettext: plurals are chosen by CLDR category
names (`[one]`, `[few]`, `[many]`, `*[other]`), which is exactly how Belarusian and
Russian grammars are described, and a translator can reorder a sentence around named
variables (`{ $name }`, `{ $count }`) without touching code. Weblate and Pontoon edit
`.ftl` files, and the runtime formats numbers with Babel ("1 001", "1,001").

The catalogues are `bot/core/locales/<code>/*.ftl`, shipped inside the package: adding a
language is adding a folder. They are parsed once per process and never changed after, so
one cached, read-only `Catalogues` serves every bot in the process.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from fluent.runtime import FluentBundle, FluentResource

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
LOCALES_DIR = Path(__file__).with_name("locales")
# A catalogue may name the Babel locale its dates and lists are formatted with
# ("en" writes "14 July 2021" as en_GB does); without it, the folder's code is used.
FORMAT_LOCALE_MESSAGE = "format-locale"

Args = Mapping[str, str | int]


@dataclass(frozen=True)
class Texts:
    """The words of one language, with English behind every missing or broken entry."""

    language: str
    _bundle: FluentBundle
    _fallback: FluentBundle | None
    _locale: Locale

    def __call__(self, msg_id: str, /, **args: str | int) -> str:
        """The message `msg_id` with its variables filled in.

        A message missing from this catalogue, or one that fails to format, falls back to
        English: readers get a sentence, and the catalogue test reports the gap.
        """
        text = _format(self._bundle, msg_id, args)
        if text is None and self._fallback is not None:
            text = _format(self._fallback, msg_id, args)
        if text is None:
            log.error("message %r is missing from every catalogue", msg_id)
            return msg_id
        return text

    def has(self, msg_id: str) -> bool:
        return self._bundle.has_message(msg_id)

    def number(self, value: int) -> str:
        """'1,000', '1 000' (with a no-break space, as CLDR writes it)."""
        return format_decimal(value, locale=self._locale)

    def long_date(self, day: date) -> str:
        """'14 July 2021', '14 ліпеня 2021 г.', '14 июля 2021 г.'."""
        return format_date(day, "long", locale=self._locale)

    def day_month(self, day: date) -> str:
        """'14 July', '14 ліпеня': a yearly date, without the year."""
        return format_date(day, "d MMMM", locale=self._locale)

    def short_day(self, day: date) -> str:
        """'14 Jul', '14 ліп': the date column of a list."""
        return format_date(day, "d MMM", locale=self._locale)

    def month_year(self, year: int, month: int) -> str:
        """'July 2021', 'ліпень 2021': a fact known to the month."""
        return format_date(date(year, month, 1), "LLLL y", locale=self._locale)

    def and_list(self, names: Sequence[str], shown: int = 5) -> str:
        """'A, B and C'; past `shown` names, 'A, B, C, D, E and 2 more'."""
        if len(names) > shown:
            rest = self("and-more", count=len(names) - shown)
            return format_list([*names[:shown], rest], locale=self._locale)
        return format_list(list(names), locale=self._locale) if names else ""


def _format(bundle: FluentBundle, msg_id: str, args: Args) -> str | None:
    if not bundle.has_message(msg_id):
        return None
    message = bundle.get_message(msg_id)
    if message.value is None:
        return None
    text, errors = bundle.format_pattern(message.value, dict(args))
    if errors:
        log.warning("message %r in %s: %s", msg_id, bundle.locales[0], errors[0])
        return None
    return str(text)


class Catalogues:
    """Every language the bot speaks, loaded from a locales folder."""

    def __init__(self, root: Path = LOCALES_DIR) -> None:
        bundles: dict[str, FluentBundle] = {}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            bundles[folder.name] = _load_bundle(folder)
        if DEFAULT_LANGUAGE not in bundles:
            raise ValueError(f"{root} has no {DEFAULT_LANGUAGE!r} catalogue")
        fallback = bundles[DEFAULT_LANGUAGE]
        self._texts: Mapping[str, Texts] = MappingProxyType(
            {
                code: Texts(
                    code,
                    bundle,
                    None if code == DEFAULT_LANGUAGE else fallback,
                    _format_locale(code, bundle),
                )
                for code, bundle in bundles.items()
            }
        )

    @property
    def languages(self) -> tuple[str, ...]:
        """The interface languages, English first, then by code."""
        rest = sorted(c for c in self._texts if c != DEFAULT_LANGUAGE)
        return (DEFAULT_LANGUAGE, *rest)

    def supported(self, code: str | None) -> str | None:
        """`code` as a language the bot speaks ('be-BY' -> 'be', 'pt' -> None)."""
        if not code:
            return None
        code = code.strip().replace("_", "-").lower()
        if code in self._texts:
            return code
        base = code.split("-", 1)[0]
        return base if base in self._texts else None

    def first_supported(self, *codes: str | None) -> str:
        """The first of `codes` the bot speaks, else English: how a chat's language is
        chosen from the chat's setting, the person's language and the schedules' default."""
        for code in codes:
            found = self.supported(code)
            if found is not None:
                return found
        return DEFAULT_LANGUAGE

    def texts(self, language: str | None) -> Texts:
        """The words for `language`, or English when the bot does not speak it."""
        return self._texts[self.supported(language) or DEFAULT_LANGUAGE]

    def own_name(self, code: str) -> str:
        """A language named in itself: 'беларуская', 'русский', 'English'."""
        return self.texts(code)("language-name")


def _load_bundle(folder: Path) -> FluentBundle:
    bundle = FluentBundle([folder.name], use_isolating=False)
    for path in sorted(folder.glob("*.ftl")):
        bundle.add_resource(FluentResource(path.read_text(encoding="utf-8")))
    return bundle


def _format_locale(code: str, bundle: FluentBundle) -> Locale:
    for name in (_format(bundle, FORMAT_LOCALE_MESSAGE, {}), code):
        if name:
            try:
                return Locale.parse(name.replace("-", "_"))
            except (ValueError, UnknownLocaleError):
                log.warning("catalogue %s: no Babel locale %r", code, name)
    return Locale.parse(DEFAULT_LANGUAGE)


@functools.cache
def bundled() -> Catalogues:
    """The catalogues shipped in the package, parsed once (read-only after that)."""
    return Catalogues()


def texts(language: str | None) -> Texts:
    """The bundled words for `language` (English where the bot does not speak it)."""
    return bundled().texts(language)
