"""Moves shown as a moving stick figure: the figure, the moves as data, and their drawing in braille."""
