"""Pelican settings for the Open Aanbod site. Everything a region changes when it forks sits at the top."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent

# --- The region (change these when you fork Open Aanbod for another municipality) ---
# README, "Gebruik Open Aanbod in jouw gemeente", lists every step. The region's lists (municipalities,
# wijken, kinds, target groups, ...) and the data licence live in the schema folder, AANBOD_SCHEMA_PATH.
SITENAME = "Open Aanbod Utrecht"
SITE_TAGLINE = "Werk, leren en doen bij jou in de buurt"
SITE_TAGLINE_EN = "Work, learning and activities near you"  # the tagline on the English pages (AANBOD_LANGUAGES)
AANBOD_REGION = "regio Utrecht"
AANBOD_EXAMPLE_DATA = True  # shows a banner: the sample content is fictional
AANBOD_COLOURS = {
    "brand": "#0b4f8a", "brand-dark": "#083a66", "accent": "#b3261e", "focus": "#ffbf47",
}  # each kind's colour is a column of schema/taxonomies/kinds.csv
AANBOD_LOGO = None  # for example str(ROOT / "theme" / "static" / "img" / "logo.svg")
AANBOD_REPOSITORY_URL = "https://github.com/open-aanbod/open-aanbod"
AANBOD_REPOSITORY_BRANCH = "main"
AANBOD_EDITORS = ["open-aanbod-redactie"]  # GitHub accounts or teams (organisation/team) of the editors
AANBOD_CONTACT = {"name": "Open Aanbod", "email": "opendata@openaanbod.example.nl"}
AANBOD_PUBLIC_URL = "https://openaanbod.example.nl"
AANBOD_PUBLISHER = {"name": "Gemeente Utrecht", "uri": "http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)"}
AANBOD_PROVINCE = "Utrecht"
SITEURL = ""
AUTHOR = "Open Aanbod"
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"
LOCALE = ("C",)

# --- Content and theme ---
PATH = str(ROOT / "content")
THEME = str(ROOT / "theme")
THEME_STATIC_DIR = "theme"
AANBOD_SCHEMA_PATH = str(ROOT / "schema")
AANBOD_CONTRIBUTING_FILE = str(ROOT / "CONTRIBUTING.md")
AANBOD_MAP_LIBRARY = str(ROOT / "node_modules" / "leaflet" / "dist")
PLUGIN_PATHS = [str(ROOT)]
PLUGINS = ["aanbod"]
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []
STATIC_PATHS = []
IGNORE_FILES = [".*", "*.yaml", "*.yml"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A page's translation (content/pages/over-en.md, "Lang: en") lands in the folder of its language.
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
RELATIVE_URLS = False

# The offer generator writes the home page; Pelican's blog pages are switched off.
DIRECT_TEMPLATES = []
ARTICLE_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
CACHE_CONTENT = False
