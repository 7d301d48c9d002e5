"""Sound: cue tones made in code, a player kept in a helper process, spoken announcements."""
