# Тексты интерфейса на русском. Каждое сообщение переводит английское из en/bot.ftl.
# Имена и термины: как в глоссарии проекта (docs/translators.md).

## Каталог
format-locale = ru
language-name = русский

## Списки и числа
and-more = ещё { $count }
years = { $count ->
    [one] { $count } год
    [few] { $count } года
    [many] { $count } лет
   *[other] { $count } года
}
days = { $count ->
    [one] { $count } день
    [few] { $count } дня
    [many] { $count } дней
   *[other] { $count } дня
}

## Годовщины, памятные даты и дни рождения
years-ago-today = { $count ->
    [one] { $count } год назад в этот день
    [few] { $count } года назад в этот день
    [many] { $count } лет назад в этот день
   *[other] { $count } года назад в этот день
}
years-since = { $count ->
    [one] { $count } год со дня
    [few] { $count } года со дня
    [many] { $count } лет со дня
   *[other] { $count } года со дня
}
milestone-labelled = { $amount } { $label }
milestone-since = { $amount } со дня: { $since }
milestone-total-labelled = { $amount } { $label } в сумме
milestone-total = { $amount } в сумме, от «{ $since }» до «{ $until }»
milestone-total-today = { $amount } в сумме, от «{ $since }» до сегодняшнего дня
milestone-span-since = С { $date }: { $title }.
milestone-span-until = До { $date }: { $title }.
birthday-line-age = { $name }: { $age ->
    [one] { $age } год
    [few] { $age } года
    [many] { $age } лет
   *[other] { $age } года
}
birthday-line = День рождения: { $name }
birthday-title-age = Сегодня день рождения: { $name }, { $age ->
    [one] { $age } год
    [few] { $age } года
    [many] { $age } лет
   *[other] { $age } года
}
birthday-title = Сегодня день рождения: { $name }

## Команды: общее
usage = Как пользоваться: { $usage }
button-upcoming = Что впереди

## /today и /upcoming
today-title = В этот день, { $date }
today-open-one = Откройте одну из них командой /fact <id>.
today-nothing-title = { $date }: ничего
today-nothing = На этот день не приходится ни годовщина, ни день рождения, ни памятная дата.
today-see-upcoming = Что впереди, смотрите через /upcoming.
upcoming-days-range = days — целое число от 1 до { $max }; без него — { $default }.
upcoming-nothing-title = { $days ->
    [1] Сегодня ничего
    [one] Ничего в ближайший { $days } день
    [few] Ничего в ближайшие { $days } дня
    [many] Ничего в ближайшие { $days } дней
   *[other] Ничего в ближайшие { $days } дня
}
upcoming-nothing = Ни годовщины, ни дня рождения, ни памятной даты.
upcoming-title = { $days ->
    [1] Сегодня
    [one] Впереди в ближайший { $days } день
    [few] Впереди в ближайшие { $days } дня
    [many] Впереди в ближайшие { $days } дней
   *[other] Впереди в ближайшие { $days } дня
}
upcoming-first-of = Первые { $shown } из { $total }: чтобы увидеть остальные, запросите меньше дней.

## Количества
cards = { $count ->
    [one] { $count } карточка
    [few] { $count } карточки
    [many] { $count } карточек
   *[other] { $count } карточки
}
links = { $count ->
    [one] { $count } ссылка
    [few] { $count } ссылки
    [many] { $count } ссылок
   *[other] { $count } ссылки
}
websites = { $count ->
    [one] { $count } сайт
    [few] { $count } сайта
    [many] { $count } сайтов
   *[other] { $count } сайта
}
cards-and-posts = { $cards ->
    [one] { $cards } карточка
    [few] { $cards } карточки
    [many] { $cards } карточек
   *[other] { $cards } карточки
} и { $posts ->
    [one] { $posts } публикация
    [few] { $posts } публикации
    [many] { $posts } публикаций
   *[other] { $posts } публикации
}
