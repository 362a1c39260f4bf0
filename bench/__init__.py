"""Benchmarks: python -m bench prints interaction times per page and sigcore's training-step time."""
