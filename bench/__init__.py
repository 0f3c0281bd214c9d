"""Benchmarks (not tests): python -m bench.<name>; results in bench/results/."""
