# Публичный сайт (`advocacy-bot site`): страницы, календарь, лента.

site-name = Факты с источниками и памятные даты
site-intro = Карточки с фактами о белорусских правозащитниках, каждая со своими источниками, и дни, когда их вспоминать.
site-skip = Перейти к содержимому
site-home = Все люди
site-languages = Эта страница на других языках
site-subjects = Люди и организации
site-cards = { $count ->
    [one] { $count } карточка
    [few] { $count } карточки
    [many] { $count } карточек
   *[other] { $count } карточки
}
site-all-cards = Все карточки о: { $name }
site-undated = Дата неизвестна
site-sources = Источники
site-born = Дата рождения: { $date }
site-calendar = Календарь { $year }
site-calendar-intro = В отмеченные дни есть годовщина, день рождения или круглая дата. Выберите день, чтобы прочитать о нём.
site-anniversary = Годовщина
site-birthday = День рождения
site-milestone = Круглая дата
site-nothing-marked = В { $year } году ничего не отмечено.
site-subscribe = Подписаться на календарь (iCalendar)
site-feed = Лента публикаций бота (Atom)
site-data = Все карточки как данные (JSON)
site-feed-title = Публикации за { $count ->
    [one] последний { $count } день
    [few] последние { $count } дня
    [many] последние { $count } дней
   *[other] последние { $count } дня
}
site-calendar-name = Годовщины и дни рождения
site-birthday-event = День рождения: { $name }
site-read-card = Карточка на сайте: { $url }
site-built = Собрано { $date }. Каждая карточка ссылается на свои источники.
