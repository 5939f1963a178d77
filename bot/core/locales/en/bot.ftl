# Interface texts in English: the reference every other catalogue translates.
# Fluent syntax: https://projectfluent.org/fluent/guide/ ; plurals use CLDR categories.

## The catalogue itself
format-locale = en_GB
language-name = English

## Lists and counts
and-more = { $count } more
years = { $count ->
    [one] { $count } year
   *[other] { $count } years
}
days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}

## Anniversaries, milestones and birthdays
years-ago-today = { $count ->
    [one] { $count } year ago today
   *[other] { $count } years ago today
}
years-since = { $count ->
    [one] { $count } year since
   *[other] { $count } years since
}
# $amount is "1,000 days" or "5 years"; $label is the schedule's own words ("in custody").
milestone-labelled = { $amount } { $label }
milestone-since = { $amount } since: { $since }
milestone-total-labelled = { $amount } { $label } in all
milestone-total = { $amount } in all, from { $since } to { $until }
milestone-total-today = { $amount } in all, from { $since } to today
milestone-span-since = Since { $date }: { $title }.
milestone-span-until = Until { $date }: { $title }.
birthday-line-age = { $name } turns { $age }
birthday-line = { $name }'s birthday
birthday-title-age = { $name } turns { $age } today
birthday-title = Today is { $name }'s birthday

## Commands: shared
usage = Usage: { $usage }
button-upcoming = What is coming

## /today and /upcoming
today-title = On this day, { $date }
today-open-one = Open one with /fact <id>.
today-nothing-title = Nothing on { $date }
today-nothing = No anniversary, birthday or milestone falls on this day.
today-see-upcoming = See what is coming with /upcoming.
upcoming-days-range = days is a whole number from 1 to { $max }; without it, { $default }.
upcoming-nothing-title = { $days ->
    [1] Nothing today
   *[other] Nothing in the next { $days } days
}
upcoming-nothing = No anniversary, birthday or milestone.
upcoming-title = { $days ->
    [1] Coming up today
   *[other] Coming up in the next { $days } days
}
upcoming-first-of = The first { $shown } of { $total }: ask for fewer days for the rest.

## Counts of things
cards = { $count ->
    [one] { $count } card
   *[other] { $count } cards
}
links = { $count ->
    [one] { $count } link
   *[other] { $count } links
}
websites = { $count ->
    [one] { $count } website
   *[other] { $count } websites
}
cards-and-posts = { $cards ->
    [one] { $cards } card
   *[other] { $cards } cards
} and { $posts ->
    [one] { $posts } post
   *[other] { $posts } posts
}
