from acd_calendar.cli import main

main()
