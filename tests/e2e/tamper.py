"""What someone with the database and without the key can do: recompute the whole chain.

`python -m tests.e2e.tamper DB_URL SCHEME` (from the checkout) recomputes every record's digests
from its facts with plain SHA-256, as the chain was sealed before the key, and marks each record
with SCHEME (1: plain, as old records are; 2: keyed, as the bot writes them now).
"""

import asyncio
import sys


async def rechain(db_url: str, scheme: int) -> None:
    from models.db import close_db, open_db
    from models.measures import MeasureRecord
    from plugins.measures.chain import GENESIS, fact_digest, outcome_digest
    from plugins.measures.store import facts_of

    await open_db(db_url)
    try:
        prev = GENESIS
        for r in await MeasureRecord.all().order_by("id"):
            r.prev_digest, r.scheme = prev, scheme
            r.digest = fact_digest(prev, facts_of(r), None)
            r.outcome_digest = outcome_digest(
                r.digest, r.status.value, r.platform_answer, r.finished_at, None
            )
            await r.save()
            prev = r.digest
    finally:
        await close_db()


if __name__ == "__main__":
    import nonebot

    from core import runtime
    from core.org import load_org
    from core.settings import load_settings
    from tests.e2e.process import ORG_FILE

    nonebot.init()  # importing the measures plugin's modules needs a NoneBot, and its rulebook
    runtime.install(load_settings(), load_org(ORG_FILE))
    asyncio.run(rechain(sys.argv[1], int(sys.argv[2])))
