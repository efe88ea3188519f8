"""Shared infrastructure of the web app: database, rendering and access checks, assets, audit,
crypto, NIK, time, exports, outbox, uploads, backup, serving. No business rules live here."""
