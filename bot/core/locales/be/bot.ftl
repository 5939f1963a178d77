# Тэксты інтэрфейсу па-беларуску. Кожнае паведамленне перакладае англійскае з en/bot.ftl.
# Імёны і тэрміны: як у глосарыі праекта (docs/translators.md).

## Каталог
format-locale = be
language-name = беларуская

## Спісы і лічбы
and-more = яшчэ { $count }
years = { $count ->
    [one] { $count } год
    [few] { $count } гады
    [many] { $count } гадоў
   *[other] { $count } года
}
days = { $count ->
    [one] { $count } дзень
    [few] { $count } дні
    [many] { $count } дзён
   *[other] { $count } дня
}

## Гадавіны, памятныя даты і дні нараджэння
years-ago-today = { $count ->
    [one] { $count } год таму ў гэты дзень
    [few] { $count } гады таму ў гэты дзень
    [many] { $count } гадоў таму ў гэты дзень
   *[other] { $count } года таму ў гэты дзень
}
years-since = { $count ->
    [one] { $count } год з дня
    [few] { $count } гады з дня
    [many] { $count } гадоў з дня
   *[other] { $count } года з дня
}
milestone-labelled = { $amount } { $label }
milestone-since = { $amount } з дня: { $since }
milestone-total-labelled = { $amount } { $label } у суме
milestone-total = { $amount } у суме, ад «{ $since }» да «{ $until }»
milestone-total-today = { $amount } у суме, ад «{ $since }» да сённяшняга дня
milestone-span-since = З { $date }: { $title }.
milestone-span-until = Да { $date }: { $title }.
birthday-line-age = { $name }: { $age ->
    [one] { $age } год
    [few] { $age } гады
    [many] { $age } гадоў
   *[other] { $age } года
}
birthday-line = Дзень нараджэння: { $name }
birthday-title-age = Сёння дзень нараджэння: { $name }, { $age ->
    [one] { $age } год
    [few] { $age } гады
    [many] { $age } гадоў
   *[other] { $age } года
}
birthday-title = Сёння дзень нараджэння: { $name }

## Каманды: агульнае
usage = Як карыстацца: { $usage }
button-upcoming = Што наперадзе

## /today і /upcoming
today-title = У гэты дзень, { $date }
today-open-one = Адкрыйце адну з іх камандай /fact <id>.
today-nothing-title = { $date }: нічога
today-nothing = На гэты дзень не выпадае ні гадавіна, ні дзень нараджэння, ні памятная дата.
today-see-upcoming = Што наперадзе, глядзіце праз /upcoming.
upcoming-days-range = days — цэлая лічба ад 1 да { $max }; без яе — { $default }.
upcoming-nothing-title = { $days ->
    [1] Сёння нічога
    [one] Нічога ў наступны { $days } дзень
    [few] Нічога ў наступныя { $days } дні
    [many] Нічога ў наступныя { $days } дзён
   *[other] Нічога ў наступныя { $days } дня
}
upcoming-nothing = Ні гадавіны, ні дня нараджэння, ні памятнай даты.
upcoming-title = { $days ->
    [1] Сёння
    [one] Наперадзе ў наступны { $days } дзень
    [few] Наперадзе ў наступныя { $days } дні
    [many] Наперадзе ў наступныя { $days } дзён
   *[other] Наперадзе ў наступныя { $days } дня
}
upcoming-first-of = Першыя { $shown } з { $total }: каб убачыць астатнія, папытаеце менш дзён.

## Колькасці
cards = { $count ->
    [one] { $count } картка
    [few] { $count } карткі
    [many] { $count } картак
   *[other] { $count } карткі
}
links = { $count ->
    [one] { $count } спасылка
    [few] { $count } спасылкі
    [many] { $count } спасылак
   *[other] { $count } спасылкі
}
websites = { $count ->
    [one] { $count } сайт
    [few] { $count } сайты
    [many] { $count } сайтаў
   *[other] { $count } сайта
}
cards-and-posts = { $cards ->
    [one] { $cards } картка
    [few] { $cards } карткі
    [many] { $cards } картак
   *[other] { $cards } карткі
} і { $posts ->
    [one] { $posts } паведамленне
    [few] { $posts } паведамленні
    [many] { $posts } паведамленняў
   *[other] { $posts } паведамлення
}
