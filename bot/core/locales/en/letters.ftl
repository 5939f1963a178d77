# Letters to political prisoners: /write, birthday reminders and the digest.

## /write in the command menus
command-write = How to write a letter to a political prisoner
command-write-subject = The person to write to

## The letters kit
letters-how-to-write = How to write to { $name }
write-title = Write to { $name }
write-address = The address, exactly as it must be written on the envelope:
write-no-address = No postal address is given here: the page below explains how to write.
# $languages is a list of language names, e.g. "Belarusian, Russian".
write-languages = Letters must be in one of these languages: { $languages }.
write-checked = The address was last checked on { $date }.
write-checked-stale = The address was last checked on { $date }, more than { $days ->
    [1] { $days } day
   *[other] { $days } days
} ago: prisoners are moved, so check the page below before you send a letter.
write-where-from = Where the address comes from: the sources below.

## /write answers
write-pick-title = Whom do you want to write to?
write-pick = Choose a person, or type /write followed by a name.
write-none-title = No letters are being collected
write-none = No one in this bot's fact files has an address for letters now.
write-no-letters-title = No letters are being collected for { $name }
write-no-letters = This bot has no address for letters to this person now. The sources below have the latest news.
write-unknown-title = No one here is called { $query }
write-did-you-mean = Did you mean:
write-unknown = Type /write alone to see whom you can write to.

## Reminders before a birthday
reminder-title-age = { $name } turns { $age } on { $date }: letters take two to three weeks, write now
reminder-title = { $name }'s birthday is on { $date }: letters take two to three weeks, write now
reminder-soon-age = { $name } turns { $age } on { $date }
reminder-soon = { $name }'s birthday is on { $date }
reminder-days-left = { $count ->
    [1] The birthday is tomorrow.
   *[other] The birthday is in { $count } days.
}

## The digest
digest-title = { $days ->
    [1] Coming up today
   *[other] Coming up in the next { $days } days
}
digest-birthday-by = { $line }: send a letter by { $date } (/write { $id })
digest-birthday-now = { $line }: letters take two to three weeks, write now (/write { $id })
