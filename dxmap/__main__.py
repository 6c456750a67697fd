"""``python -m dxmap``: the ``dxmap`` command, for a Python whose scripts directory is not on the PATH."""

from dxmap.cli import main

main(prog_name="dxmap")
