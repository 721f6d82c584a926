from quotedb.cli import main

main()
