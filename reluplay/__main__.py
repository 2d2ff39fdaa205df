from reluplay.cli.main import main

raise SystemExit(main())
