"""The two first cards of tests.content in three languages, and what each language's chats read."""

from __future__ import annotations

from tests.content import ONE_CARD

TRANSLATED = (
    ONE_CARD
    + """\
    translations:
      be:
        title: Затрыманы ў Мінску
        text: Затрыманы разам з калегамі з «Вясны» і адвакатамі.
      ru:
        title: Задержан в Минске
        text: Задержан вместе с коллегами из «Весны» и адвокатами.
  - id: nobel-2022
    date: 2022-10-07
    title: Nobel Peace Prize
    text: The Norwegian Nobel Committee named him a laureate.
    sources:
      - url: https://example.org/nobel
        title: NobelPrize.org
    translations:
      be:
        title: Нобелеўская прэмія міру
        text: Нарвежскі Нобелеўскі камітэт назваў яго лаўрэатам.
      ru:
        title: Нобелевская премия мира
        text: Норвежский Нобелевский комитет назвал его лауреатом.
"""
)
# The on-this-day title of 14 July 2026, five years after the arrest, per language.
TITLES = {
    "en": "5 years ago today: Arrested in Minsk",
    "be": "5 гадоў таму ў гэты дзень: Затрыманы ў Мінску",
    "ru": "5 лет назад в этот день: Задержан в Минске",
}
