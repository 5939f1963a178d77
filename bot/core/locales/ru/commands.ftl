# Меню команд (setMyCommands в Telegram, slash-команды в Discord, /help) и несколько фраз,
# которые пишут сами адаптеры платформ. Описание команды — не длиннее 100 знаков (Discord).

## Описания команд
cmd-facts = Поиск по карточкам с фактами
cmd-facts-query = Слова для поиска, например nobel
cmd-fact = Показать одну карточку с её источниками
cmd-fact-id = Идентификатор карточки, например bialiatski-nobel-ceremony
cmd-today = Что произошло в этот день
cmd-upcoming = Годовщины и памятные даты в ближайшие дни
cmd-upcoming-days = На сколько дней вперёд (1-366, по умолчанию 30)
cmd-subscribe = Получать ежедневные публикации в этом чате
cmd-unsubscribe = Прекратить ежедневные публикации в этом чате
cmd-language = Задать язык этого чата (например be, ru; default — сбросить)
cmd-language-code = Код языка, например be или ru; default — сбросить
cmd-help = Что умеет этот бот
cmd-about = О ком этот бот и откуда его факты
cmd-reload = Перечитать файлы с фактами и расписанием
cmd-preview = Показать публикации за день
cmd-preview-date = ГГГГ-ММ-ДД (по умолчанию сегодня)
cmd-status = Состояние, ближайшие запуски и проблемы с доставкой

## Telegram
telegram-button-expired = Срок действия этой кнопки истёк. Наберите команду.
telegram-admin-answers-in-private = На команды администраторов я отвечаю в личном чате: откройте его со мной, отправьте /start и попробуйте здесь снова.
telegram-press-start-first = Сначала откройте @{ $bot } и отправьте /start.

## Discord
discord-unknown-command = Неизвестная команда /{ $name }.
discord-admins-only = /{ $name } — только для администраторов бота.
discord-command-failed = Что-то пошло не так; подробности администраторы бота увидят в журнале.
