"""The site layer: the Pelican adapter (plugin, generator, page reader, the command line's settings) and the page view-models (pages/); the top of the layers."""
