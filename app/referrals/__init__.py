"""Referrals: the state machine (services), referral letters and their verification page,
staff reminders and follow-ups, and the notices a move sends."""
