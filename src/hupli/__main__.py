import sys

from hupli.cli import main

sys.exit(main())
