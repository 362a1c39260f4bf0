"""Benchmarks: python -m bench [part ...] prints per-interaction server CPU, bytes and times per page, the message
cache weighed, shared work, a class of students per container, the replica routing test, cold start and memory,
and sigcore's training-step time."""
