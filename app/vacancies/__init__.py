"""Vacancies under staff review: text flags, wages against the UMK, the review queue."""
