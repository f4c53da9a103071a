"""Entry script of the PyInstaller bundle (kept outside the package so its folder never shadows stdlib names)."""

from workstation.cli import main

raise SystemExit(main())
