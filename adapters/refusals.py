"""What a NapCat failure means: a pure reading of the action, the retcode and the wording.

Over WebSocket NapCat answers every exception inside an action with retcode 1200
(`packages/napcat-onebot/action/OneBotAction.ts`, `websocketHandle`), a payload that fails its
schema with 1400, an unknown action with 1404. So 1200 says only "this action failed"; the reason
is in the wording, and the same wording means different things for different actions (a timeout
on a group send is risk control, on a private send an unreachable person). Each rule below names
the NapCat source it reads.
"""

from adapters.actions import Why

SENDS = frozenset({"send_group_msg", "send_msg", "send_private_msg", "_send_group_notice"})
GROUP_SENDS = frozenset({"send_group_msg", "_send_group_notice"})

# (wording fragment, reason), tried in order; fragments are matched case-insensitively.
_WORDINGS: tuple[tuple[str, Why], ...] = (
    # group/GetGroupMemberInfo.ts: `群(<group>)成员<user>不存在`; SetGroupBan.ts: 'user not in group'
    ("成员", Why.NOT_MEMBER),
    ("user not in group", Why.NOT_MEMBER),
    # GetGroupMemberInfo.ts `Uin2Uid Error: 用户ID … 不存在`; SetGroupKick.ts 'get Uid Error';
    # UploadPrivateFile.ts `私聊<user>不存在`; SendMsg.ts createContext '无法获取用户信息'
    ("uin2uid", Why.NOT_MEMBER),
    ("get uid error", Why.NOT_MEMBER),
    ("uid error", Why.NOT_MEMBER),
    ("无法获取用户信息", Why.NOT_MEMBER),
    ("私聊", Why.NOT_MEMBER),
    # SetGroupBan.ts: 'cannot ban owner', 'cannot ban admin'; QQ's 'ERR_NOT_GROUP_ADMIN'
    ("cannot ban", Why.NOT_PERMITTED),
    ("not_group_admin", Why.NOT_PERMITTED),
    ("权限", Why.NOT_PERMITTED),
    ("權限", Why.NOT_PERMITTED),
    # DeleteGroupFile.ts 'Invalid file_id'; OneBotAction.check: 'Key: …, Message: …'
    ("invalid", Why.INVALID),
    ("key: ", Why.INVALID),
    # DeleteMsg.ts: 'Recall failed' (the short id is unknown: expired or already recalled);
    # GetMsg.ts: '消息不存在'
    ("recall failed", Why.GONE),
    ("不存在", Why.GONE),
)


def _timed_out(wording: str) -> bool:
    # napcat-core/helper/event.ts: 'Timeout: NTEvent serviceAndMethod:…' and
    # ' ListenerName:… timeout'; OneBotAction.handle: '未知错误，可能操作超时'
    return "timeout" in wording or "超时" in wording


def classify(action: str, retcode: int, wording: str) -> Why:
    """The reason NapCat refused `action` (ONEBOT.md "Retcodes: 1200 is not risk control")."""
    low = wording.lower()
    if retcode == 1400:
        return Why.INVALID
    if retcode == 1404:
        return Why.INVALID  # an action this NapCat does not know
    if retcode == 1401:
        return Why.NOT_PERMITTED
    if action in SENDS:
        # A send that QQ does not confirm (napcat-core/apis/msg.ts sendMsg waits for
        # onMsgInfoListUpdate) or confirms with a non-zero result (EventChecker) is how risk
        # control shows (NapCat issues #788, #808, #1410). To a person, the same timeout is a
        # non-friend with no temporary session (SendMsg.ts createContext): not risk.
        risky = _timed_out(low) or "eventchecker" in low or "发送消息失败" in wording
        if risky:
            return Why.RISK if action in GROUP_SENDS else Why.TIMED_OUT
    if action == "delete_msg" and _timed_out(low):
        # napcat-core/apis/msg.ts recallMsg waits 1 s for QQ to show the recall: QQ refused it
        # (an admin's or the owner's message, or one too old to recall).
        return Why.NOT_PERMITTED
    for fragment, why in _WORDINGS:
        if fragment in low:
            return why
    if _timed_out(low):
        return Why.TIMED_OUT
    return Why.OTHER
