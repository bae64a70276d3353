"""`python -m explorer` is the same as the `explorer` command."""

from explorer.start import main

raise SystemExit(main())
