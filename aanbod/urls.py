"""Where each page lives: URL and file path from the OFFER_URL / *_SAVE_AS style settings."""

from __future__ import annotations


class Urls:
    def __init__(self, settings: dict):
        self.settings = settings

    def offer(self, offer_id: str) -> str:
        return self.settings["OFFER_URL"].format(id=offer_id)

    def offer_file(self, offer_id: str) -> str:
        return self.settings["OFFER_SAVE_AS"].format(id=offer_id)

    def provider(self, provider_id: str) -> str:
        return self.settings["PROVIDER_URL"].format(id=provider_id)

    def provider_file(self, provider_id: str) -> str:
        return self.settings["PROVIDER_SAVE_AS"].format(id=provider_id)

    def term(self, taxonomy: str, code: str) -> str:
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return self.settings["TERM_URL"].format(taxonomy=folder, code=code)

    def term_file(self, taxonomy: str, code: str) -> str:
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return self.settings["TERM_SAVE_AS"].format(taxonomy=folder, code=code)

    def has_list_page(self, taxonomy: str) -> bool:
        return taxonomy in self.settings["AANBOD_LIST_PAGES"]
