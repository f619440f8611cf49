from naitei.cli_fast import main

main()
