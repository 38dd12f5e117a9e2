"""What the real-name duty says where join requests carry no answer (Telegram): the private
question to the applicant, its outcomes, and the admins' notices (plugins/realname/asking.py)."""

from plugins.realname.texts import EXAMPLE_NAME, admins_article

JOIN_UNREACHABLE = "無法私聊申請人詢問單位和姓名（對方未允許機器人私聊）"


def join_question(group_name: str, unit: str, minutes: float) -> str:
    """To the applicant, privately, as soon as they ask to join."""
    return (
        f"您好，您申請加入「{group_name}」。依本群實名制要求（{admins_article()}），"
        f"請直接回覆您的單位和姓名，例如：{unit}-{EXAMPLE_NAME}。"
        f"請在 {minutes:g} 分鐘內回覆，逾時將由本群管理員處理您的申請。"
    )


def join_answer_approved(group_name: str) -> str:
    return f"已核對您的回答，已同意您加入「{group_name}」。"


def join_answer_refused(group_name: str, reason: str) -> str:
    return f"未能同意您加入「{group_name}」：{reason}。如有疑問，請聯繫本群管理員。"


def join_answer_waiting(group_name: str) -> str:
    return f"已收到您的回答，加入「{group_name}」的申請將由本群管理員審核。"


def join_no_reply(minutes: float) -> str:
    return f"申請人未在 {minutes:g} 分鐘內回覆單位和姓名"


def join_private_notice(
    group_id: int, unit: str, user_id: int, said: str | None, outcome: str, listed: str = ""
) -> str:
    """To the group's admins, privately: a request answered (or not) in a private chat."""
    lines = [f"【入群申請】{unit} 的群 {group_id}：帳號 {user_id} 申請加入。"]
    if said is not None:
        lines.append(f"私聊回答：{said or '（無）'}")
    lines.append(outcome)
    if listed:
        lines.append(f"名冊：{listed}")
    return "\n".join(lines)


OUTCOME_JOIN_APPROVED = "與名冊相符，已同意入群，並將此帳號登記為名冊上的此人。如非本人，請移出。"


def outcome_join_refused(reason: str) -> str:
    return f"已拒絕：{reason}。"


def outcome_join_waiting(reason: str) -> str:
    return f"未自動處理：{reason}。請在群的入群申請中同意或拒絕。"


def outcome_join_failed(approve: bool, answer: str) -> str:
    what = "同意" if approve else "拒絕"
    return f"{what}未執行：{answer}。請在群的入群申請中處理。"


def joined_unproved_notice(group_id: int, unit: str, user_id: int) -> str:
    """A member joined without answering the bot (added directly): the admins check them."""
    return (
        f"【實名】{unit} 的群 {group_id}：帳號 {user_id} 入群，未經私聊核對單位和姓名"
        f"（例如由管理員直接加入）。請核實其身份（{admins_article()}）。"
    )
