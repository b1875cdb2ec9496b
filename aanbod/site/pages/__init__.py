"""View-models of the pages: what a page shows, worked out once in plain Python (no Pelican here)."""
