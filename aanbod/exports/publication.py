"""Where the catalogue is published and by whom: the absolute URLs and names that open data carries.

DCAT, the feeds, HSDS and the JSON-LD on offer pages need absolute URLs. They come from the
setting AANBOD_PUBLIC_URL, never from the machine or folder a build runs in.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.settings import with_defaults
from ..urls import Urls


@dataclass(frozen=True)
class Publication:
    base_url: str
    data_dir: str
    urls: Urls
    site_name: str
    publisher_name: str
    publisher_uri: str
    contact_name: str
    contact_email: str
    province: str

    @classmethod
    def from_settings(cls, settings: dict) -> Publication:
        settings = with_defaults(dict(settings))
        return cls(
            base_url=settings["AANBOD_PUBLIC_URL"].rstrip("/"),
            data_dir=settings["AANBOD_DATA_DIR"].strip("/"),
            urls=Urls(settings),
            site_name=settings.get("SITENAME", "Open Aanbod"),
            publisher_name=settings["AANBOD_PUBLISHER"]["name"],
            publisher_uri=settings["AANBOD_PUBLISHER"]["uri"],
            contact_name=settings["AANBOD_CONTACT"]["name"],
            contact_email=settings["AANBOD_CONTACT"]["email"],
            province=settings["AANBOD_PROVINCE"],
        )

    def url(self, path: str = "") -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def data_url(self, name: str = "") -> str:
        return self.url(f"{self.data_dir}/{name}")

    def offer_url(self, offer_id: str) -> str:
        return self.url(self.urls.offer(offer_id))

    def provider_url(self, provider_id: str) -> str:
        return self.url(self.urls.provider(provider_id))
