"""The Textual interface; everything here may import the core, never the other way round."""
