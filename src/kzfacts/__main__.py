from kzfacts.cli import main

raise SystemExit(main())
