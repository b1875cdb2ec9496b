"""The content layer: schema, strict loading, rows, rules, validation and the read-only model; imports nothing above it."""
