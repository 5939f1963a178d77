# The public site (`advocacy-bot site`): pages, calendar, feed. Plain text: the site escapes it.

site-name = Sourced facts and anniversaries
site-intro = Fact cards about Belarusian human rights defenders, each with its sources, and the days to remember them.
site-skip = Skip to the content
site-home = All people
site-languages = This page in other languages
site-subjects = People and organisations
site-cards = { $count ->
    [one] { $count } card
   *[other] { $count } cards
}
site-all-cards = All cards about { $name }
site-undated = Date not known
site-sources = Sources
site-born = Date of birth: { $date }
site-calendar = Calendar { $year }
site-calendar-intro = The marked days have an anniversary, a birthday or a milestone. Choose a day to read about it.
site-anniversary = Anniversary
site-birthday = Birthday
site-milestone = Milestone
site-nothing-marked = Nothing is marked in { $year }.
site-subscribe = Subscribe to the calendar (iCalendar)
site-feed = Feed of the bot's posts (Atom)
site-data = Every card as data (JSON)
site-feed-title = Posts of the last { $count ->
    [one] { $count } day
   *[other] { $count } days
}
site-calendar-name = Anniversaries and birthdays
site-birthday-event = Birthday: { $name }
site-read-card = Read the card on the site: { $url }
site-built = Built on { $date }. Every card cites its sources.
