from acd_calendar.entry import main

main()
