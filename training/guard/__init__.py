"""Guard and sanitize tooling: the synthetic guard data generator, training, and evaluation."""
