from ansinh_synthpop.cli import main

raise SystemExit(main())
