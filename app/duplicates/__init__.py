"""Residents registered twice: suspected pairs, comparison, merge."""
