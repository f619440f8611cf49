from naitei.cli import main

main()
