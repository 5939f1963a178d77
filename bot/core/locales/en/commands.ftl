# The command menus (Telegram's setMyCommands, Discord's slash commands, /help) and the
# few sentences the platform adapters write themselves.
# Limits: a command description is at most 100 characters (Discord), an argument's too.

## Command descriptions: command-<name>, and command-<name>-<argument> for its arguments
command-facts = Search the fact cards
command-facts-query = Words to look for, e.g. nobel
command-fact = Show one fact card with its sources
command-fact-id = Card id, e.g. bialiatski-nobel-ceremony
command-today = What happened on this day
command-upcoming = Anniversaries and milestones in the coming days
command-upcoming-days = How many days ahead (1-366, default 30)
command-subscribe = Get the daily posts in this chat
command-unsubscribe = Stop the daily posts in this chat
command-language = Set this chat's language (e.g. be, ru; default to clear)
command-language-code = Language code, e.g. be or ru; default to clear
command-help = What this bot can do
command-about = Who this bot is about and where its facts come from
command-reload = Reload fact and schedule files
command-preview = Show the posts of a day
command-preview-date = YYYY-MM-DD (default today)
command-status = Health, next runs and delivery problems

## Words around a message on every platform
sources-heading = Sources

## Telegram
telegram-button-expired = This button has expired. Type the command instead.
telegram-admin-answers-in-private = I answer admin commands in a private chat: open one with me, send /start, then try again here.
telegram-press-start-first = Open @{ $bot } and send /start first.

## Discord
discord-unknown-command = Unknown command /{ $name }.
discord-admins-only = /{ $name } is for the bot's admins.
discord-command-failed = Something went wrong; the bot's admins can see the details in the log.
