"""The public site: the cards, their calendar and the bot's posts as static files.

`build_site` returns every file as a mapping `path -> bytes`, so the same site can be
written to a folder (`write_site`, for any static host) or served from memory by the
running bot.
"""

from bot.site.build import Site, build_site, build_site_async, write_site
from bot.site.model import SiteOptions

__all__ = ["Site", "SiteOptions", "build_site", "build_site_async", "write_site"]
