"""intent-router: the gateway."""
