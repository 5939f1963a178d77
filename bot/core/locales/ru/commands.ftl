# Меню команд (setMyCommands в Telegram, slash-команды в Discord, /help) и несколько фраз,
# которые пишут сами адаптеры платформ. Описание команды — не длиннее 100 знаков (Discord).

## Описания команд
command-facts = Поиск по карточкам с фактами
command-facts-query = Слова для поиска, например nobel
command-fact = Показать одну карточку с её источниками
command-fact-id = Идентификатор карточки, например bialiatski-nobel-ceremony
command-today = Что произошло в этот день
command-upcoming = Годовщины и памятные даты в ближайшие дни
command-upcoming-days = На сколько дней вперёд (1-366, по умолчанию 30)
command-subscribe = Получать ежедневные публикации в этом чате
command-unsubscribe = Прекратить ежедневные публикации в этом чате
command-language = Задать язык этого чата (например be, ru; default — сбросить)
command-language-code = Код языка, например be или ru; default — сбросить
command-help = Что умеет этот бот
command-about = О ком этот бот и откуда его факты
command-reload = Перечитать файлы с фактами и расписанием
command-preview = Показать публикации за день
command-preview-date = ГГГГ-ММ-ДД (по умолчанию сегодня)
command-status = Состояние, ближайшие запуски и проблемы с доставкой

## Слова вокруг сообщения на всех платформах
sources-heading = Источники

## Telegram
telegram-button-expired = Срок действия этой кнопки истёк. Вместо этого наберите команду.
telegram-admin-answers-in-private = На команды администраторов я отвечаю в личном чате: откройте его со мной, отправьте /start и попробуйте здесь снова.
telegram-press-start-first = Сначала откройте @{ $bot } и отправьте /start.

## Discord
discord-unknown-command = Неизвестная команда /{ $name }.
discord-admins-only = /{ $name } — только для администраторов бота.
discord-command-failed = Что-то пошло не так; подробности администраторы бота увидят в журнале.
