"""Adversarial tests: authorization matrix, CSRF, sessions and headers."""
