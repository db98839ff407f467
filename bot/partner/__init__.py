"""The practice partner: personas that play a client, a coder for counsellor replies (MITI
4.2.1), and the feedback a trainee gets at the end (docs/practice-partner.md)."""
