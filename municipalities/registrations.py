"""What the directory adds to the portal's shared registries (autodiscovered by portal.apps)."""

from portal import page_cache

# Every section's pages name their municipality; its own pages (profiles) show every app.
page_cache.register_content_app("municipalities")
