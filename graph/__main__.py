"""``python -m partnergraph``: the same command line as ``partnergraph``."""
from partnergraph.cli import cli

if __name__ == "__main__":  # pragma: no branch
    cli(prog_name="partnergraph")
