"""The bundled NATO partnerships dataset (CSV files; see README.md in this folder)."""
