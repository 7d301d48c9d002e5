"""Routines: the model, durations, validation, reading and writing files, drafts, saving."""
