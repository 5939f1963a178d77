# Лісты палітвязням: /write, напаміны перад днём нараджэння і агляд.

## /write у меню каманд
command-write = Як напісаць ліст палітвязню
command-write-subject = Каму пісаць

## Усё для ліста
letters-how-to-write = Як напісаць ліст: { $name }
write-title = Напісаць ліст: { $name }
write-address = Адрас, дакладна так, як яго трэба напісаць на канверце:
write-no-address = Паштовага адраса тут няма: як пісаць, тлумачыць старонка ніжэй.
write-languages = Лісты павінны быць на адной з гэтых моў: { $languages }.
write-checked = Адрас апошні раз правяралі { $date }.
write-checked-stale = Адрас апошні раз правяралі { $date }, больш за { $days ->
    [one] { $days } дзень
    [few] { $days } дні
    [many] { $days } дзён
   *[other] { $days } дня
} таму: вязняў пераводзяць, таму праверце старонку ніжэй, перш чым адправіць ліст.
write-where-from = Адкуль адрас: крыніцы ніжэй.

## Адказы /write
write-pick-title = Каму вы хочаце напісаць?
write-pick = Выберыце чалавека або напішыце /write і імя.
write-none-title = Лісты зараз не збіраюцца
write-none = Ні ў адным файле фактаў гэтага бота зараз няма адраса для лістоў.
write-no-letters-title = Лісты зараз не збіраюцца: { $name }
write-no-letters = У гэтага бота зараз няма адраса для лістоў гэтаму чалавеку. Апошнія навіны — у крыніцах ніжэй.
write-unknown-title = Тут няма нікога з імем { $query }
write-did-you-mean = Магчыма, вы мелі на ўвазе:
write-unknown = Напішыце /write без імя, каб убачыць, каму можна напісаць.

## Напаміны перад днём нараджэння
reminder-title-age = { $name }: { $date } спаўняецца { $age ->
    [one] { $age } год
    [few] { $age } гады
    [many] { $age } гадоў
   *[other] { $age } года
}. Лісты ідуць два-тры тыдні: пішыце зараз
reminder-title = { $name }: { $date } дзень нараджэння. Лісты ідуць два-тры тыдні: пішыце зараз
reminder-soon-age = { $name }: { $date } спаўняецца { $age ->
    [one] { $age } год
    [few] { $age } гады
    [many] { $age } гадоў
   *[other] { $age } года
}
reminder-soon = { $name }: { $date } дзень нараджэння
reminder-days-left = { $count ->
    [1] Дзень нараджэння заўтра.
    [one] Да дня нараджэння { $count } дзень.
    [few] Да дня нараджэння { $count } дні.
    [many] Да дня нараджэння { $count } дзён.
   *[other] Да дня нараджэння { $count } дня.
}

## Агляд
digest-title = { $days ->
    [1] Сёння
    [one] Наперадзе ў наступны { $days } дзень
    [few] Наперадзе ў наступныя { $days } дні
    [many] Наперадзе ў наступныя { $days } дзён
   *[other] Наперадзе ў наступныя { $days } дня
}
digest-birthday-by = { $line }: адпраўце ліст да { $date } (/write { $id })
digest-birthday-now = { $line }: лісты ідуць два-тры тыдні, пішыце зараз (/write { $id })
