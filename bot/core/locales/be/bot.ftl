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

## /facts і /fact
open-one = Адкрыйце адну з іх камандай /fact <id>.
facts-best = Вось найлепшыя { $shown }.
facts-no-words-title = Няма чаго шукаць
facts-no-words = У запыце { $query } няма ніводнага слова. Паспрабуйце /facts і слова, напрыклад імя.
facts-match-title = { $total ->
    [one] Запыту { $query } адпавядае { $total } картка
    [few] Запыту { $query } адпавядаюць { $total } карткі
    [many] Запыту { $query } адпавядаюць { $total } картак
   *[other] Запыту { $query } адпавядаюць { $total } карткі
}
facts-empty-title = Картак з фактамі пакуль няма
facts-empty = Файлы з фактамі пустыя.
facts-overview-title = Карткі з фактамі
facts-overview-about = { $count ->
    [one] { $count } картка з крыніцамі. Пра каго: { $names }.
    [few] { $count } карткі з крыніцамі. Пра каго: { $names }.
    [many] { $count } картак з крыніцамі. Пра каго: { $names }.
   *[other] { $count } карткі з крыніцамі. Пра каго: { $names }.
}
facts-overview-count = { $count ->
    [one] { $count } картка з крыніцамі.
    [few] { $count } карткі з крыніцамі.
    [many] { $count } картак з крыніцамі.
   *[other] { $count } карткі з крыніцамі.
}
facts-overview-how = Шукайце праз /facts <словы> або адкрыйце картку праз /fact <id>. Найноўшыя:
nothing-found-title = Па запыце { $query } нічога не знойдзена
nothing-found = Паспрабуйце іншыя словы або менш слоў. /facts без слоў паказвае, што ёсць.
nothing-found-close = Паспрабуйце іншыя словы або менш слоў ці адно з гэтых. /facts без слоў паказвае, што ёсць.
fact-find-ids = id картак шукайце праз /facts <словы>, напрыклад /facts nobel.
fact-same-id-title = { $count ->
    [one] { $count } картка мае id { $id }
    [few] { $count } карткі маюць id { $id }
    [many] { $count } картак маюць id { $id }
   *[other] { $count } карткі маюць id { $id }
}
fact-open-full-id = Адкрыйце адну з іх па поўным id, напрыклад /fact { $id }
fact-no-id-title = Няма карткі з id { $id }
fact-find-ids-short = id картак шукайце праз /facts <словы>.
did-you-mean = Магчыма, вы мелі на ўвазе:

## /help і /about
help-title = Што я ўмею
help-intro = Факты з крыніцамі, гадавіны і напаміны. Каманды:
help-admins-only = { $description } (для адміністратараў)
about-title = Пра гэтага бота
about-record = Пра каго гэты бот захоўвае звесткі: { $whom }. Гэта карткі з фактамі і крыніцамі, з напамінамі пра гадавіны, дні нараджэння і памятныя даты, каб іх не забылі.
about-record-anyone = Гэты бот захоўвае звесткі пра людзей і справы са сваіх файлаў з фактамі: карткі з фактамі і крыніцамі, з напамінамі пра гадавіны, дні нараджэння і памятныя даты, каб іх не забылі.
about-holds = У ім { $cards }. Кожная картка спасылаецца на свае крыніцы: { $links } на { $websites }.
about-sites = Адкрыйце картку праз /fact <id>, каб убачыць яе крыніцы. Сайты, на якія спасылаюцца найчасцей:

## Паведамленні ў дзень нараджэння
birthday-letter = Дашліце ліст або паштоўку (каму: { $name }): некалькі слоў маюць значэнне.
birthday-letter-link = Як напісаць ліст: { $name }

## Адказы службы
unknown-command = Невядомая каманда /{ $name }. Набярыце /help, каб убачыць, што я ўмею.
admins-only = Прабачце, гэтай камандай могуць карыстацца толькі адміністратары бота.
not-in-this-mode = Каманда /{ $name } недаступная ў гэтым рэжыме бота.

## /subscribe і /unsubscribe
refusal-subscription = Прабачце, змяніць падпіску гэтага чата могуць толькі яго адміністратары. Папрасіце каго-небудзь з іх адправіць каманду.
refusal-settings = Прабачце, змяніць налады гэтага чата могуць толькі яго адміністратары. Папрасіце каго-небудзь з іх адправіць каманду.
subscribed = Вы падпісаліся: у гэты чат будуць прыходзіць запланаваныя паведамленні. Каб спыніць, адпраўце /unsubscribe.
already-subscribed = Гэты чат ужо падпісаны. Каб спыніць паведамленні, адпраўце /unsubscribe.
unsubscribed = Падпіска скасавана: запланаваных паведамленняў тут больш не будзе. Каб аднавіць, адпраўце /subscribe.
not-subscribed = Гэты чат не падпісаны. Каб атрымліваць запланаваныя паведамленні, адпраўце /subscribe.
no-post-for-subscribers = Заўвага: пакуль ніводнае запланаванае паведамленне не адрасавана падпісчыкам. Адміністратары бота могуць дадаць `subscribers` у спіс `to:` паведамлення ў файлах раскладу.

## /language
language-current = Мова гэтага чата: { $language } ({ $code }).
language-not-set = Мова гэтага чата не зададзена: кожны атрымлівае сваю мову, калі бот на ёй размаўляе, інакш — мову бота па змаўчанні.
language-marked = { $language } (бягучая)
language-how = Задаць мову: /language <код>, напрыклад /language be; /language default яе скідае.
language-unknown = Прабачце, { $code } — не мова, на якой размаўляе гэты бот. Выберыце адну з: { $choices }.
language-set = Мова зададзена: { $language } ({ $code }). Бот адказвае на ёй і паказвае на ёй карткі там, дзе яны перакладзены.
language-reset = Мова скінута: кожны атрымлівае сваю мову, калі бот на ёй размаўляе, інакш — мову бота па змаўчанні.

## /status, /reload і /preview (для адміністратараў)
status-title = Стан
status-version = Версія { $version }, працуе { $uptime }.
status-loaded = Загружана: { $loaded }.
status-reload-failed = Апошняя перазагрузка не ўдалася; бот працуе з папярэднімі файламі:
status-next-runs = Наступныя запускі:
status-none-scheduled = нічога не запланавана
status-subscribers = Падпісчыкі: { $counts }.
status-none = няма
status-last-broadcasts = Апошнія рассылкі:
status-nothing-to-say = няма чаго сказаць
status-waiting = Чакаюць адпраўшчыка: { $counts } (ці зададзены токен гэтай платформы?)
status-failures = Збоі:
status-in-doubt = Пад сумневам (маглі дайсці, а маглі і не; паўторна не адпраўляюцца):
status-no-detail = без падрабязнасцей
status-all-delivered = Няма няўдалых або сумнеўных доставак.
reload-failed-title = Перазагрузка не ўдалася: бот працуе з апошнімі правільнымі файламі
reload-more = ... і яшчэ { $count }
reloaded-title = Перазагружана
reloaded = Цяпер загружана: { $loaded }.
reloaded-done = гатова
preview-nothing = На { $date } нічога не будзе апублікавана.
preview-heading = { $post } у { $time } для { $targets }:

## Абмежаванні на ўвод
arg-too-long = Занадта доўга: { $name } — не больш за { $limit } знакаў.
arg-not-a-date = { $text } — не дата: пішыце ў выглядзе ГГГГ-ММ-ДД, напрыклад 2026-12-10.
arg-date-range = Толькі даты ад { $first } да { $last }.
command-failed = Прабачце, у мяне нешта не атрымалася. Адміністратары бота могуць пабачыць прычыну ў яго журнале.

## Стан зместу
review-note = Чакае праверкі з { $date }: гэта можа быць ужо неактуальна.
status-awaiting-review = Чакаюць праверкі (не публікуюцца, пакуль дату review_by не перанясуць):
status-warnings = Папярэджанні (файлы абслугоўваюцца):
status-serving-stored = У файлах фактаў або раскладаў ёсць памылкі, таму бот абслугоўвае апошні спраўны набор, які ён захаваў. Выпраўце гэта, потым /reload:

## Кансоль
console-greeting = Бот адвакацыі: { $cards ->
    [one] { $cards } картка
    [few] { $cards } карткі
    [many] { $cards } картак
   *[other] { $cards } карткі
}; набярыце /help, Ctrl-D — выйсці
console-not-a-command = Каманды пачынаюцца з касой рыскі, напрыклад /today. Набярыце /help.
