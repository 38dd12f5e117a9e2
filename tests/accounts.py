"""The people and groups of the test organisation (tests/data/org.toml)."""

SELF = 99999  # the bot's own account
SUPERUSER = 90001
DEPARTMENT = 10001  # department staff in the organisation file
LEADER = 20001  # 分管負責人 of XX社區
OTHER_LEADER = 20002  # of XX村
STREET_LEADER = 30001
ADMIN = 40001  # a registered admin, once the group is filed
OWNER = 40002  # the platform owner of the group
MEMBER = 50001
STRANGER = 50002

# Everyone tests/data/org.toml names, and the superuser: the bot's friends in the end-to-end
# runs, as the README advises (the registered admins are not: they are reached through groups).
ORG_PEOPLE = (SUPERUSER, DEPARTMENT, LEADER, OTHER_LEADER, STREET_LEADER, 30002, 30003)

GROUP = 700100
OTHER_GROUP = 700200
