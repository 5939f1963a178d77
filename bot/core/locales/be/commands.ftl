# Меню каманд (setMyCommands у Telegram, slash-каманды ў Discord, /help) і некалькі сказаў,
# якія пішуць самі адаптары платформаў. Апісанне каманды — не больш за 100 знакаў (Discord).

## Апісанні каманд
command-facts = Пошук па картках з фактамі
command-facts-query = Словы для пошуку, напрыклад nobel
command-fact = Паказаць адну картку з яе крыніцамі
command-fact-id = Ідэнтыфікатар карткі, напрыклад bialiatski-nobel-ceremony
command-today = Што адбылося ў гэты дзень
command-upcoming = Гадавіны і памятныя даты ў бліжэйшыя дні
command-upcoming-days = На колькі дзён наперад (1-366, па змаўчанні 30)
command-subscribe = Атрымліваць штодзённыя паведамленні ў гэтым чаце
command-unsubscribe = Спыніць штодзённыя паведамленні ў гэтым чаце
command-language = Задаць мову гэтага чата (напрыклад be, ru; default — скінуць)
command-language-code = Код мовы, напрыклад be або ru; default — скінуць
command-help = Што ўмее гэты бот
command-about = Пра каго гэты бот і адкуль яго факты
command-reload = Перачытаць файлы з фактамі і раскладам
command-preview = Паказаць паведамленні аднаго дня
command-preview-date = ГГГГ-ММ-ДД (па змаўчанні сёння)
command-status = Стан, наступныя запускі і праблемы з дастаўкай

## Словы вакол паведамлення на ўсіх платформах
sources-heading = Крыніцы

## Telegram
telegram-button-expired = Тэрмін дзеяння гэтай кнопкі скончыўся. Замест гэтага набярыце каманду.
telegram-admin-answers-in-private = На каманды адміністратараў я адказваю ў асабістым чаце: адкрыйце яго са мной, дашліце /start і паспрабуйце тут зноў.
telegram-press-start-first = Спачатку адкрыйце @{ $bot } і дашліце /start.

## Discord
discord-unknown-command = Невядомая каманда /{ $name }.
discord-admins-only = /{ $name } — толькі для адміністратараў бота.
discord-command-failed = Нешта пайшло не так; падрабязнасці адміністратары бота ўбачаць у журнале.
