"""Mutation handlers, one module per area; each registers its handlers by mutation type."""
