"""Benchmarks: python -m bench [part ...] prints per-interaction server CPU and bytes per page (interactions), frames
played in the browser (play), the worst settings' time and memory (worst), the message cache weighed (cache), shared
work (shared), a class of students per container (class), the replica routing test (replicas), cold start and memory
(cold), and sigcore's training-step time (step)."""
