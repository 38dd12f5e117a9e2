"""The roster people and the fixed moment the clearance tests share."""

from datetime import UTC, datetime, timedelta

from plugins.realname.roster import RosterEntry

# Monday 2 March 2026, 10:00 in the street's time zone (Asia/Shanghai): ISO week 2026-W10.
AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
WEEK = "2026-W10"
LONG_AGO = AT - timedelta(days=200)
LATELY = AT - timedelta(days=3)

ZHANG = RosterEntry("XX社區", "張三", 12345678, "在崗")
LI = RosterEntry("XX社區", "李四", 23456789, "調離")
WANG = RosterEntry("YY村", "王五", 34567890, "在崗")
ZHAO = RosterEntry("XX社區", "趙六", 45678901, "在崗")
SUN = RosterEntry("XX社區", "孫七", 56789012, "在崗")
ROSTER = (ZHANG, LI, WANG, ZHAO, SUN)
OWNER_P = RosterEntry("XX社區", "王群主", 40002, "在崗")  # accounts.OWNER
ADMIN_P = RosterEntry("XX社區", "李管理", 40001, "在崗")  # accounts.ADMIN
STAFF = (*ROSTER, OWNER_P, ADMIN_P)
