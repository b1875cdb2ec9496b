"""Open Aanbod: turns provider YAML files into a validated catalogue, a static site and open data."""

__version__ = "0.1.0"


def register():
    """Pelican entry point: connects the offer generator, the safe page reader and the search index."""
    from .site.pelican_plugin import connect

    connect()
