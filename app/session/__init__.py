"""A session: the plan a routine expands to, the engine that runs it, what it says and shows."""
