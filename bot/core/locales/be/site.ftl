# Публічны сайт (`advocacy-bot site`): старонкі, каляндар, стужка.

site-name = Факты з крыніцамі і памятныя даты
site-intro = Карткі з фактамі пра беларускіх праваабаронцаў, кожная са сваімі крыніцамі, і дні, калі іх памятаць.
site-skip = Перайсці да зместу
site-home = Усе людзі
site-languages = Гэтая старонка іншымі мовамі
site-subjects = Людзі і арганізацыі
site-cards = { $count ->
    [one] { $count } картка
    [few] { $count } карткі
    [many] { $count } картак
   *[other] { $count } карткі
}
site-all-cards = Усе карткі пра: { $name }
site-undated = Дата невядомая
site-sources = Крыніцы
site-born = Дата нараджэння: { $date }
site-calendar = Каляндар { $year }
site-calendar-intro = Пазначаныя дні маюць угодкі, дзень нараджэння або круглую дату. Выберыце дзень, каб пачытаць пра яго.
site-anniversary = Угодкі
site-birthday = Дзень нараджэння
site-milestone = Круглая дата
site-nothing-marked = У { $year } годзе нічога не пазначана.
site-subscribe = Падпісацца на каляндар (iCalendar)
site-feed = Стужка допісаў бота (Atom)
site-data = Усе карткі як даныя (JSON)
site-feed-title = Допісы за { $count ->
    [one] апошні { $count } дзень
    [few] апошнія { $count } дні
    [many] апошнія { $count } дзён
   *[other] апошнія { $count } дня
}
site-calendar-name = Угодкі і дні нараджэння
site-birthday-event = Дзень нараджэння: { $name }
site-read-card = Картка на сайце: { $url }
site-built = Сабрана { $date }. Кожная картка спасылаецца на свае крыніцы.
