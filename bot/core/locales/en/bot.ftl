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

## /facts and /fact
open-one = Open one with /fact <id>.
facts-best = Here are the best { $shown }.
facts-no-words-title = Nothing to search for
facts-no-words = { $query } has no words in it. Try /facts followed by a word, e.g. a name.
facts-match-title = { $total ->
    [one] { $total } card matches { $query }
   *[other] { $total } cards match { $query }
}
facts-empty-title = No fact cards yet
facts-empty = The fact files are empty.
facts-overview-title = Fact cards
facts-overview-about = { $count ->
    [one] { $count } sourced card about { $names }.
   *[other] { $count } sourced cards about { $names }.
}
facts-overview-count = { $count ->
    [one] { $count } sourced card.
   *[other] { $count } sourced cards.
}
facts-overview-how = Search with /facts <words>, or open a card with /fact <id>. The newest:
nothing-found-title = Nothing found for { $query }
nothing-found = Try other or fewer words. /facts alone shows what there is.
nothing-found-close = Try other or fewer words, or one of these. /facts alone shows what there is.
fact-find-ids = Find card ids with /facts <words>, e.g. /facts nobel.
fact-same-id-title = { $count ->
    [one] { $count } card has the id { $id }
   *[other] { $count } cards have the id { $id }
}
fact-open-full-id = Open one with its full id, e.g. /fact { $id }
fact-no-id-title = No card has the id { $id }
fact-find-ids-short = Find card ids with /facts <words>.
did-you-mean = Did you mean:

## /help and /about
help-title = What I can do
help-intro = Sourced facts, anniversaries and reminders. Commands:
help-admins-only = { $description } (admins)
about-title = About this bot
about-record = This bot keeps the record about { $whom }: sourced fact cards, with reminders of anniversaries, birthdays and milestones, so that they are not forgotten.
about-record-anyone = This bot keeps the record about the people and cases in its fact files: sourced fact cards, with reminders of anniversaries, birthdays and milestones, so that they are not forgotten.
# $cards is "36 cards", $links "52 links", $websites "12 websites".
about-holds = It holds { $cards }. Every card cites its sources: { $links } to { $websites }.
about-sites = Open a card with /fact <id> for its own sources. The sites cited most:

## Birthday posts
birthday-letter = Send { $name } a letter or a postcard: a few words matter.
birthday-letter-link = How to write to { $name }

## Answers of the service
unknown-command = Unknown command /{ $name }. Type /help to see what I can do.
admins-only = Sorry, only the bot's admins can use this command.
not-in-this-mode = /{ $name } is not available in this mode of the bot.

## /subscribe and /unsubscribe
refusal-subscription = Sorry, only this chat's admins can change its subscription. Ask one of them to send the command.
refusal-settings = Sorry, only this chat's admins can change its settings. Ask one of them to send the command.
subscribed = Subscribed: this chat will get the scheduled posts. Send /unsubscribe to stop.
already-subscribed = This chat is already subscribed. Send /unsubscribe to stop the posts.
unsubscribed = Unsubscribed: no more scheduled posts here. Send /subscribe to resume.
not-subscribed = This chat is not subscribed. Send /subscribe to get the scheduled posts.
no-post-for-subscribers = Note: no scheduled post is addressed to subscribers yet. The bot's admins can add `subscribers` to a post's `to:` list in the schedule files.

## /language
# $language is the language's own name ("беларуская"), $code its code ("be");
# $choices is "be (беларуская), en (English), ru (русский)".
language-current = This chat's language: { $language } ({ $code }).
language-not-set = This chat's language is not set: each person gets their own language where the bot speaks it, else the bot's default language.
language-marked = { $language } (current)
language-how = Set one with /language <code>, e.g. /language be; /language default clears it.
language-unknown = Sorry, { $code } is not a language this bot speaks. Choose one of: { $choices }.
language-set = Language set to { $language } ({ $code }): the bot answers in it and shows cards in it where they are translated.
language-reset = Language reset: each person gets their own language where the bot speaks it, else the bot's default language.

## /status, /reload and /preview (admins)
status-title = Status
status-version = Version { $version }, up { $uptime }.
status-loaded = Loaded { $loaded }.
status-reload-failed = The last reload failed; still serving the previous files:
status-next-runs = Next runs:
status-none-scheduled = none scheduled
status-subscribers = Subscribers: { $counts }.
status-none = none
status-last-broadcasts = Last broadcasts:
status-nothing-to-say = nothing to say
status-waiting = Waiting for a sender: { $counts } (is that platform's token set?)
status-failures = Failures:
status-in-doubt = In doubt (may or may not have arrived; not resent):
status-no-detail = no detail
status-all-delivered = No failed or in-doubt deliveries.
reload-failed-title = Reload failed: still serving the last good files
reload-more = ... and { $count } more
reloaded-title = Reloaded
reloaded = Now serving { $loaded }.
reloaded-done = done
preview-nothing = Nothing would be posted on { $date }.
preview-heading = { $post } at { $time } to { $targets }:

## Limits on what people type
arg-too-long = That is too long: { $name } takes at most { $limit } characters.
arg-not-a-date = { $text } is not a date: write it as YYYY-MM-DD, e.g. 2026-12-10.
arg-date-range = Dates from { $first } to { $last } only.
command-failed = Sorry, that failed on my side. The bot's admins can see why in its log.

## Content health
review-note = Awaiting review since { $date }: this may no longer be current.
status-awaiting-review = Awaiting review (not posted until their review_by date moves):
status-warnings = Warnings (the files are served):
status-serving-stored = The fact or schedule files have errors, so the bot is serving the last good set it stored. Fix these, then /reload:

## The console
console-greeting = Advocacy bot on { $cards ->
    [one] { $cards } card
   *[other] { $cards } cards
}; type /help, Ctrl-D to quit
console-not-a-command = Commands start with a slash, for example /today. Type /help.
