# Письма политзаключённым: /write, напоминания перед днём рождения и обзор.

## /write в меню команд
command-write = Как написать письмо политзаключённому
command-write-subject = Кому писать

## Всё для письма
letters-how-to-write = Как написать письмо: { $name }
write-title = Написать письмо: { $name }
write-address = Адрес, точно так, как его нужно написать на конверте:
write-no-address = Почтового адреса здесь нет: как писать, объясняет страница ниже.
write-languages = Письма должны быть на одном из этих языков: { $languages }.
write-checked = Адрес в последний раз проверяли { $date }.
write-checked-stale = Адрес в последний раз проверяли { $date }, больше { $days ->
    [one] { $days } дня
    [few] { $days } дней
    [many] { $days } дней
   *[other] { $days } дня
} назад: заключённых переводят, поэтому проверьте страницу ниже, прежде чем отправить письмо.
write-where-from = Откуда адрес: источники ниже.

## Ответы /write
write-pick-title = Кому вы хотите написать?
write-pick = Выберите человека или напишите /write и имя.
write-none-title = Письма сейчас не собираются
write-none = Ни в одном файле фактов этого бота сейчас нет адреса для писем.
write-no-letters-title = Письма сейчас не собираются: { $name }
write-no-letters = У этого бота сейчас нет адреса для писем этому человеку. Последние новости — в источниках ниже.
write-unknown-title = Здесь нет никого с именем { $query }
write-did-you-mean = Возможно, вы имели в виду:
write-unknown = Напишите /write без имени, чтобы увидеть, кому можно написать.

## Напоминания перед днём рождения
reminder-title-age = { $name }: { $date } исполняется { $age ->
    [one] { $age } год
    [few] { $age } года
    [many] { $age } лет
   *[other] { $age } года
}. Письма идут две-три недели: пишите сейчас
reminder-title = { $name }: { $date } день рождения. Письма идут две-три недели: пишите сейчас
reminder-soon-age = { $name }: { $date } исполняется { $age ->
    [one] { $age } год
    [few] { $age } года
    [many] { $age } лет
   *[other] { $age } года
}
reminder-soon = { $name }: { $date } день рождения
reminder-days-left = { $count ->
    [1] День рождения завтра.
    [one] До дня рождения { $count } день.
    [few] До дня рождения { $count } дня.
    [many] До дня рождения { $count } дней.
   *[other] До дня рождения { $count } дня.
}

## Обзор
digest-title = { $days ->
    [1] Сегодня
    [one] Впереди в ближайший { $days } день
    [few] Впереди в ближайшие { $days } дня
    [many] Впереди в ближайшие { $days } дней
   *[other] Впереди в ближайшие { $days } дня
}
digest-birthday-by = { $line }: отправьте письмо до { $date } (/write { $id })
digest-birthday-now = { $line }: письма идут две-три недели, пишите сейчас (/write { $id })
