# Grids show times as the manual does (2017-10-12 12:12:12), to the second, which cron debugging needs.
DATETIME_FORMAT = "Y-m-d H:i:s"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
DATE_FORMAT = "Y-m-d"
