"""The roster people the real-name tests share (the organisation's XX社區 and YY村)."""

from plugins.realname.roster import RosterEntry

ZHANG = RosterEntry("XX社區", "張三", 12345678, "在崗")
LI = RosterEntry("XX社區", "李四", 23456789, "調離", "2024年調往街道")
WANG = RosterEntry("YY村", "王五", 34567890, "在崗")
AYI = RosterEntry("XX社區", "阿依古麗·買買提", 45678901, "在崗")
ZHANG_NAMESAKE = RosterEntry("XX社區", "张三", 56789012, "調離")
ZHAO = RosterEntry("XX社區", "趙", 67890123, "在崗")
