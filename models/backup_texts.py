"""Every line `manage.py backup` and `manage.py restore` print (Traditional, as the plugins' texts).

None of them repeats a database URL: the place of a PostgreSQL database is named as host:port/name.
"""

ANCHOR_SETTING = "QUNGUI_AUDIT_ANCHOR_FILE"


def size(n: int) -> str:
    """1234567 → 1.2 MB."""
    value, unit = float(n), "B"
    for bigger in ("KB", "MB", "GB"):
        if value < 1024:
            break
        value, unit = value / 1024, bigger
    return f"{n} B" if unit == "B" else f"{value:.1f} {unit}"


# --- the backup file ---------------------------------------------------------------------------


def missing(path: object) -> str:
    return f"備份檔 {path} 不存在"


def unreadable(path: object, why: str) -> str:
    return f"備份檔 {path} 無法讀取或已損壞：{why}"


def not_ours(path: object) -> str:
    return f"備份檔 {path} 不是本機器人的資料庫備份（沒有處置記錄表）"


def not_pg_dump(path: object) -> str:
    return f"備份檔 {path} 不是 PostgreSQL 備份（應為 manage.py backup 以 pg_dump 自訂格式寫成）"


def cannot_write(path: object, why: str) -> str:
    return f"備份檔 {path} 無法寫入：{why}"


def is_the_database(path: object) -> str:
    return f"備份檔 {path} 就是資料庫本身：請寫到別處"


def written(path: object, size_text: str, records: int, head_id: int, digest: str) -> str:
    return f"備份已寫入 {path}（{size_text}）：處置記錄 {records} 條，鏈頭 #{head_id} {digest[:12]}"


# --- the database ------------------------------------------------------------------------------


def no_database(path: object) -> str:
    return f"資料庫 {path} 不存在，沒有可備份的內容"


def database_failed(where: str, why: str) -> str:
    return f"資料庫 {where} 無法讀寫：{why}"


def sqlite_in_use(path: object) -> str:
    return f"資料庫 {path} 正被其他程式開啟（機器人仍在運行？）：請先停止機器人再還原"


def pg_in_use(where: str, sessions: int) -> str:
    return f"資料庫 {where} 仍有 {sessions} 個其他連線（機器人仍在運行？）：請先停止機器人再還原"


def scratch_refused(where: str, why: str) -> str:
    return f"無法在 {where} 的伺服器上建立暫存資料庫以先行核對備份（帳號需有 CREATEDB 權限）：{why}"


def tool_missing(name: str) -> str:
    return f"找不到 {name}：請安裝 PostgreSQL 客戶端（如 apt install postgresql-client）"


def tool_failed(name: str, why: str) -> str:
    return f"{name} 執行失敗：{why}"


# --- restore -----------------------------------------------------------------------------------

NEED_YES = "還原會覆蓋資料庫：確認後請加上 --yes 再執行（未改動任何資料）"
NOT_CONFIRMED = "未確認，沒有還原（未改動任何資料）"


def confirm(backup: object, target: str, verdict: str) -> str:
    return f"{verdict}\n將以備份 {backup} 覆蓋資料庫 {target}。確定還原請輸入 yes："


def refused(backup: object) -> str:
    return f"還原被拒：備份 {backup} 的記錄鏈未通過核對，資料庫未改動"


def restored(backup: object, target: str, kept: object | None) -> str:
    done = f"已從 {backup} 還原資料庫 {target}，記錄鏈核對通過"
    return f"{done}；原資料庫保留為 {kept}" if kept else done


def failed_after(kept: object | None) -> str:
    back = f"：原資料庫保留為 {kept}，可再以它還原" if kept else ""
    return f"還原後核對未通過{back}"


def anchor_ahead(path: object, extra: int, head_id: int, kept: object) -> str:
    return (
        f"注意：錨點檔 {path} 比備份多 {extra} 行（記到第 {head_id} 條記錄）：備份之後的記錄不在"
        f"還原的資料庫中。已按備份重寫錨點檔，原檔保留為 {kept}"
    )


def anchor_behind(path: object, missing_lines: int, kept: object) -> str:
    return f"注意：錨點檔 {path} 比備份少 {missing_lines} 行。已按備份重寫錨點檔，原檔保留為 {kept}"


def anchor_differs(path: object, seq: int, kept: object) -> str:
    return (
        f"注意：錨點檔 {path} 自第 {seq} 行起與備份的錨點不同（另一份記錄鏈？）。"
        f"已按備份重寫錨點檔，原檔保留為 {kept}"
    )


def anchor_rebuilt(path: object) -> str:
    return f"注意：錨點檔 {path} 不存在或為空，已按備份重建"


def anchor_unreplaced(path: object, why: str) -> str:
    return f"錨點檔 {path} 無法替換（{ANCHOR_SETTING}；是否設了 chattr +a？）：{why}；資料庫未改動"
