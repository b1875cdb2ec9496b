"""The search layer: the Pagefind index and the places file, from the content model; imports only content and the shared base."""
