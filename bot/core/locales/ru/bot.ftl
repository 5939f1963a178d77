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

## /facts и /fact
open-one = Откройте одну из них командой /fact <id>.
facts-best = Вот лучшие { $shown }.
facts-no-words-title = Нечего искать
facts-no-words = В запросе { $query } нет ни одного слова. Попробуйте /facts и слово, например имя.
facts-match-title = { $total ->
    [one] Запросу { $query } соответствует { $total } карточка
    [few] Запросу { $query } соответствуют { $total } карточки
    [many] Запросу { $query } соответствуют { $total } карточек
   *[other] Запросу { $query } соответствуют { $total } карточки
}
facts-empty-title = Карточек с фактами пока нет
facts-empty = Файлы с фактами пусты.
facts-overview-title = Карточки с фактами
facts-overview-about = { $count ->
    [one] { $count } карточка с источниками. О ком: { $names }.
    [few] { $count } карточки с источниками. О ком: { $names }.
    [many] { $count } карточек с источниками. О ком: { $names }.
   *[other] { $count } карточки с источниками. О ком: { $names }.
}
facts-overview-count = { $count ->
    [one] { $count } карточка с источниками.
    [few] { $count } карточки с источниками.
    [many] { $count } карточек с источниками.
   *[other] { $count } карточки с источниками.
}
facts-overview-how = Ищите через /facts <слова> или откройте карточку через /fact <id>. Самые новые:
nothing-found-title = По запросу { $query } ничего не найдено
nothing-found = Попробуйте другие слова или меньше слов. /facts без слов показывает, что есть.
nothing-found-close = Попробуйте другие слова или меньше слов либо одно из этих. /facts без слов показывает, что есть.
fact-find-ids = id карточек ищите через /facts <слова>, например /facts nobel.
fact-same-id-title = { $count ->
    [one] { $count } карточка имеет id { $id }
    [few] { $count } карточки имеют id { $id }
    [many] { $count } карточек имеют id { $id }
   *[other] { $count } карточки имеют id { $id }
}
fact-open-full-id = Откройте одну из них по полному id, например /fact { $id }
fact-no-id-title = Нет карточки с id { $id }
fact-find-ids-short = id карточек ищите через /facts <слова>.
did-you-mean = Возможно, вы имели в виду:

## /help и /about
help-title = Что я умею
help-intro = Факты с источниками, годовщины и напоминания. Команды:
help-admins-only = { $description } (для администраторов)
about-title = Об этом боте
about-record = О ком этот бот хранит сведения: { $whom }. Это карточки с фактами и источниками, с напоминаниями о годовщинах, днях рождения и памятных датах, чтобы их не забыли.
about-record-anyone = Этот бот хранит сведения о людях и делах из своих файлов с фактами: карточки с фактами и источниками, с напоминаниями о годовщинах, днях рождения и памятных датах, чтобы их не забыли.
about-holds = В нём { $cards }. Каждая карточка ссылается на свои источники: { $links } на { $websites }.
about-sites = Откройте карточку через /fact <id>, чтобы увидеть её источники. Сайты, на которые ссылаются чаще всего:

## Публикации в день рождения
birthday-letter = Отправьте письмо или открытку (кому: { $name }): несколько слов имеют значение.
birthday-letter-link = Как написать письмо: { $name }

## Ответы службы
unknown-command = Неизвестная команда /{ $name }. Наберите /help, чтобы увидеть, что я умею.
admins-only = Извините, этой командой могут пользоваться только администраторы бота.
not-in-this-mode = Команда /{ $name } недоступна в этом режиме бота.

## /subscribe и /unsubscribe
refusal-subscription = Извините, изменить подписку этого чата могут только его администраторы. Попросите кого-нибудь из них отправить команду.
refusal-settings = Извините, изменить настройки этого чата могут только его администраторы. Попросите кого-нибудь из них отправить команду.
subscribed = Вы подписались: в этот чат будут приходить запланированные публикации. Чтобы остановить, отправьте /unsubscribe.
already-subscribed = Этот чат уже подписан. Чтобы остановить публикации, отправьте /unsubscribe.
unsubscribed = Подписка отменена: запланированных публикаций здесь больше не будет. Чтобы возобновить, отправьте /subscribe.
not-subscribed = Этот чат не подписан. Чтобы получать запланированные публикации, отправьте /subscribe.
no-post-for-subscribers = Примечание: пока ни одна запланированная публикация не адресована подписчикам. Администраторы бота могут добавить `subscribers` в список `to:` публикации в файлах расписания.

## /language
language-current = Язык этого чата: { $language } ({ $code }).
language-not-set = Язык этого чата не задан: каждый получает свой язык, если бот на нём говорит, иначе — язык бота по умолчанию.
language-marked = { $language } (текущий)
language-how = Задать язык: /language <код>, например /language be; /language default его сбрасывает.
language-unknown = Извините, { $code } — не язык, на котором говорит этот бот. Выберите один из: { $choices }.
language-set = Язык задан: { $language } ({ $code }). Бот отвечает на нём и показывает на нём карточки там, где они переведены.
language-reset = Язык сброшен: каждый получает свой язык, если бот на нём говорит, иначе — язык бота по умолчанию.

## /status, /reload и /preview (для администраторов)
status-title = Состояние
status-version = Версия { $version }, работает { $uptime }.
status-loaded = Загружено: { $loaded }.
status-reload-failed = Последняя перезагрузка не удалась; бот работает с предыдущими файлами:
status-next-runs = Следующие запуски:
status-none-scheduled = ничего не запланировано
status-subscribers = Подписчики: { $counts }.
status-none = нет
status-last-broadcasts = Последние рассылки:
status-nothing-to-say = нечего сказать
status-waiting = Ждут отправителя: { $counts } (задан ли токен этой платформы?)
status-failures = Сбои:
status-in-doubt = Под сомнением (могли дойти, а могли и нет; повторно не отправляются):
status-no-detail = без подробностей
status-all-delivered = Нет неудачных или сомнительных доставок.
reload-failed-title = Перезагрузка не удалась: бот работает с последними правильными файлами
reload-more = ... и ещё { $count }
reloaded-title = Перезагружено
reloaded = Сейчас загружено: { $loaded }.
reloaded-done = готово
preview-nothing = На { $date } ничего не будет опубликовано.
preview-heading = { $post } в { $time } для { $targets }:

## Ограничения на ввод
arg-too-long = Слишком длинно: { $name } — не больше { $limit } знаков.
arg-not-a-date = { $text } — не дата: пишите в виде ГГГГ-ММ-ДД, например 2026-12-10.
arg-date-range = Только даты от { $first } до { $last }.
command-failed = Извините, у меня что-то не получилось. Администраторы бота могут увидеть причину в его журнале.

## Состояние содержимого
review-note = Ожидает проверки с { $date }: это может быть уже неактуально.
status-awaiting-review = Ожидают проверки (не публикуются, пока дату review_by не перенесут):
status-warnings = Предупреждения (файлы обслуживаются):
status-serving-stored = В файлах фактов или расписаний есть ошибки, поэтому бот обслуживает последний исправный набор, который он сохранил. Исправьте это, затем /reload:

## Консоль
console-greeting = Бот адвокации: { $cards ->
    [one] { $cards } карточка
    [few] { $cards } карточки
    [many] { $cards } карточек
   *[other] { $cards } карточки
}; наберите /help, Ctrl-D — выйти
console-not-a-command = Команды начинаются с косой черты, например /today. Наберите /help.
