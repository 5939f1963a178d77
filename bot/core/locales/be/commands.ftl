# Меню каманд (setMyCommands у Telegram, slash-каманды ў Discord, /help) і некалькі сказаў,
# якія пішуць самі адаптары платформаў. Апісанне каманды — не больш за 100 знакаў (Discord).

## Апісанні каманд
cmd-facts = Пошук па картках з фактамі
cmd-facts-query = Словы для пошуку, напрыклад nobel
cmd-fact = Паказаць адну картку з яе крыніцамі
cmd-fact-id = Ідэнтыфікатар карткі, напрыклад bialiatski-nobel-ceremony
cmd-today = Што адбылося ў гэты дзень
cmd-upcoming = Гадавіны і памятныя даты ў бліжэйшыя дні
cmd-upcoming-days = На колькі дзён наперад (1-366, па змаўчанні 30)
cmd-subscribe = Атрымліваць штодзённыя паведамленні ў гэтым чаце
cmd-unsubscribe = Спыніць штодзённыя паведамленні ў гэтым чаце
cmd-language = Задаць мову гэтага чата (напрыклад be, ru; default — скінуць)
cmd-language-code = Код мовы, напрыклад be або ru; default — скінуць
cmd-help = Што ўмее гэты бот
cmd-about = Пра каго гэты бот і адкуль яго факты
cmd-reload = Перачытаць файлы з фактамі і раскладам
cmd-preview = Паказаць паведамленні аднаго дня
cmd-preview-date = ГГГГ-ММ-ДД (па змаўчанні сёння)
cmd-status = Стан, наступныя запускі і праблемы з дастаўкай

## Telegram
telegram-button-expired = Тэрмін дзеяння гэтай кнопкі скончыўся. Набярыце каманду.
telegram-admin-answers-in-private = На каманды адміністратараў я адказваю ў асабістым чаце: адкрыйце яго са мной, дашліце /start і паспрабуйце тут зноў.
telegram-press-start-first = Спачатку адкрыйце @{ $bot } і дашліце /start.

## Discord
discord-unknown-command = Невядомая каманда /{ $name }.
discord-admins-only = /{ $name } — толькі для адміністратараў бота.
discord-command-failed = Нешта пайшло не так; падрабязнасці адміністратары бота ўбачаць у журнале.
