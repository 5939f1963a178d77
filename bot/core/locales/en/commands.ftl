# The command menus (Telegram's setMyCommands, Discord's slash commands, /help) and the
# few sentences the platform adapters write themselves.
# Limits: a command description is at most 100 characters (Discord), an argument's too.

## Command descriptions: cmd-<command>, and cmd-<command>-<argument> for its arguments
cmd-facts = Search the fact cards
cmd-facts-query = Words to look for, e.g. nobel
cmd-fact = Show one fact card with its sources
cmd-fact-id = Card id, e.g. bialiatski-nobel-ceremony
cmd-today = What happened on this day
cmd-upcoming = Anniversaries and milestones in the coming days
cmd-upcoming-days = How many days ahead (1-366, default 30)
cmd-subscribe = Get the daily posts in this chat
cmd-unsubscribe = Stop the daily posts in this chat
cmd-language = Set this chat's language (e.g. be, ru; default to clear)
cmd-language-code = Language code, e.g. be or ru; default to clear
cmd-help = What this bot can do
cmd-about = Who this bot is about and where its facts come from
cmd-reload = Reload fact and schedule files
cmd-preview = Show the posts of a day
cmd-preview-date = YYYY-MM-DD (default today)
cmd-status = Health, next runs and delivery problems

## Telegram
telegram-button-expired = This button has expired. Type the command instead.
telegram-admin-answers-in-private = I answer admin commands in a private chat: open one with me, send /start, then try again here.
telegram-press-start-first = Open @{ $bot } and send /start first.

## Discord
discord-unknown-command = Unknown command /{ $name }.
discord-admins-only = /{ $name } is for the bot's admins.
discord-command-failed = Something went wrong; the bot's admins can see the details in the log.
