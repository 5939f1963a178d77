"""The one stylesheet of the site: readable type, AA contrast, a grid for the year.

Colours are checked for WCAG AA contrast (text 4.5:1): body #1b1b1b on #fff, links
#0b4f9c, and white on each marker colour. The kind of a marked day is also told by its
shape (square, round, dashed outline), not by colour alone; a day with several kinds
shows a birthday's colour and shape first and a milestone's outline around any other.
"""

CSS = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; font: 1rem/1.5 system-ui,
  -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1b1b1b; background: #fff; }
a { color: #0b4f9c; }
a:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center;
  border-bottom: 1px solid #767676; }
header .site { font-weight: 700; }
ul.langs, footer ul, ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap;
  gap: .25rem 1rem; }
[aria-current="page"] { font-weight: 700; text-decoration: none; color: #1b1b1b; }
footer { margin-top: 2rem; border-top: 1px solid #767676; font-size: .9rem; }
.meta, .id { color: #4a4a4a; }
ul.cards, ul.subjects { padding-left: 0; list-style: none; }
.card { border-bottom: 1px solid #d0d0d0; padding: .5rem 0; }
.card h3 { margin: .25rem 0; }
.text p { max-width: 42rem; }
.sources { overflow-wrap: anywhere; }
.year { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; }
.month h2 { font-size: 1.05rem; margin: .5rem 0; text-transform: capitalize; }
.month table { border-collapse: collapse; width: 100%; table-layout: fixed; }
.month th { font-size: .75rem; font-weight: 600; color: #4a4a4a; }
.month td { text-align: center; padding: 0; height: 2rem; }
.month td a { display: block; line-height: 2rem; color: #fff; font-weight: 700;
  text-decoration: none; background: #8a1c1c; }
.month td.milestone a { outline: 2px dashed #4b2e83; outline-offset: 1px; }
.month td.milestone:not(.anniversary):not(.birthday) a { background: #4b2e83; }
.month td.birthday a { background: #1d5e2b; border-radius: 50%; }
.legend .swatch { display: inline-block; width: 1rem; height: 1rem; margin-right: .35rem;
  vertical-align: middle; background: #8a1c1c; }
.legend .birthday .swatch { background: #1d5e2b; border-radius: 50%; }
.legend .milestone .swatch { background: #4b2e83; outline: 2px dashed #4b2e83; }
.days section { scroll-margin-top: 1rem; }
.days h2 { font-size: 1.05rem; margin-bottom: .25rem; }
.days .kind { font-size: .8rem; font-weight: 700; text-transform: uppercase; color: #4a4a4a; }
:target { background: #fff4d6; }
"""
