"""Tests of the text layer (a package: its test_numbers.py shares a name with extract's)."""
