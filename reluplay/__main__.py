from reluplay.cli import main

raise SystemExit(main())
