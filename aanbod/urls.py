"""Where each page lives: URL and file path from the OFFER_URL / *_SAVE_AS style settings.

Every file path passes containment.contained: whatever an id, a code or a setting says, a page
is written inside the output folder.
"""

from __future__ import annotations

from .containment import contained


class Urls:
    def __init__(self, settings: dict):
        self.settings = settings

    def offer(self, offer_id: str) -> str:
        return self.settings["OFFER_URL"].format(id=offer_id)

    def offer_file(self, offer_id: str) -> str:
        return contained(self.settings["OFFER_SAVE_AS"].format(id=offer_id), f"OFFER_SAVE_AS met id '{offer_id}'")

    def provider(self, provider_id: str) -> str:
        return self.settings["PROVIDER_URL"].format(id=provider_id)

    def provider_file(self, provider_id: str) -> str:
        return contained(self.settings["PROVIDER_SAVE_AS"].format(id=provider_id), f"PROVIDER_SAVE_AS met id '{provider_id}'")

    def term(self, taxonomy: str, code: str) -> str:
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return self.settings["TERM_URL"].format(taxonomy=folder, code=code)

    def term_file(self, taxonomy: str, code: str) -> str:
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return contained(self.settings["TERM_SAVE_AS"].format(taxonomy=folder, code=code), f"TERM_SAVE_AS met code '{code}'")

    def term_page(self, taxonomy: str, code: str, number: int) -> str:
        """Page ``number`` of a list: the list's own URL for the first, TERM_PAGE_URL for the others."""
        if number == 1:
            return self.term(taxonomy, code)
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return self.settings["TERM_PAGE_URL"].format(taxonomy=folder, code=code, number=number)

    def term_page_file(self, taxonomy: str, code: str, number: int) -> str:
        if number == 1:
            return self.term_file(taxonomy, code)
        folder = self.settings["AANBOD_LIST_PAGES"][taxonomy]
        return contained(self.settings["TERM_PAGE_SAVE_AS"].format(taxonomy=folder, code=code, number=number),
                         f"TERM_PAGE_SAVE_AS met code '{code}'")

    def has_list_page(self, taxonomy: str) -> bool:
        return taxonomy in self.settings["AANBOD_LIST_PAGES"]
