"""Offline evaluation of the LokerWarga matching engine.

Synthetic data with hidden ground truth (``evaluation.synthetic``), ranking metrics
(``evaluation.metrics``), simple baselines (``evaluation.baselines``) and the report
(``evaluation.report``). Run ``python -m evaluation`` for the report. The engine never imports
this package.
"""
