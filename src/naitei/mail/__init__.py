"""The mail face: SMTP delivery (`sending.py`) and the outbox that sends a decline kit's
emails exactly once (`outbox.py`, `kit_folder.py`)."""
