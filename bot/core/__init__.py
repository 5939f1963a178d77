"""Platform-neutral core: content, calendar and commands. Imports no platform library."""
