from chiso.cli import main

main()
