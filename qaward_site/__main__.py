from qaward_site.cli import main

main()
