"""Reading NapCat's failures: every wording its source produces, by action.

Each wording is quoted from NapCat (NapNeko/NapCatQQ, packages/napcat-onebot/… and
packages/napcat-core/…); the file is named beside it.
"""

import pytest

from adapters.actions import Why
from adapters.refusals import classify

SEND_TIMEOUT = (  # napcat-core/helper/event.ts callNormalEventV2, from apis/msg.ts sendMsg
    "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg "
    "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{}\n"
)
SEND_CHECKER = (  # the same, when QQ answers the send with a non-zero result
    "EventChecker Failed: NTEvent serviceAndMethod:NodeIKernelMsgService/sendMsg "
    'ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{"result": 120}\n'
)
RECALL_TIMEOUT = (  # apis/msg.ts recallMsg waits 1 s for QQ to show the recall
    "Timeout: NTEvent serviceAndMethod:NodeIKernelMsgService/recallMsg "
    "ListenerName:NodeIKernelMsgListener/onMsgInfoListUpdate EventRet:\n{}\n"
)


@pytest.mark.parametrize(
    ("action", "retcode", "wording", "why"),
    [
        # risk control shows as a group send QQ does not confirm
        ("send_group_msg", 1200, SEND_TIMEOUT, Why.RISK),
        ("send_group_msg", 1200, SEND_CHECKER, Why.RISK),
        ("send_group_msg", 1200, "发送消息失败", Why.RISK),  # ob/api/msg.ts sendMsgWithOb11UniqueId
        ("_send_group_notice", 1200, SEND_TIMEOUT, Why.RISK),
        # …but to a person, the same timeout is a non-friend without a temporary session
        ("send_private_msg", 1200, SEND_TIMEOUT, Why.TIMED_OUT),
        ("send_private_msg", 1200, SEND_CHECKER, Why.TIMED_OUT),
        ("send_private_msg", 1200, "无法获取用户信息", Why.NOT_MEMBER),  # action/msg/SendMsg.ts
        ("upload_private_file", 1200, "私聊40001不存在", Why.NOT_MEMBER),  # UploadPrivateFile.ts
        # action/msg/DeleteMsg.ts: an unknown short id; a recall QQ refused times out
        ("delete_msg", 1200, "Recall failed", Why.GONE),
        ("delete_msg", 1200, RECALL_TIMEOUT, Why.NOT_PERMITTED),
        # action/group/GetGroupMemberInfo.ts
        ("get_group_member_info", 1200, "群(700100)成员50009不存在", Why.NOT_MEMBER),
        ("get_group_member_info", 1200, "Uin2Uid Error: 用户ID 50009 不存在", Why.NOT_MEMBER),
        # action/group/SetGroupKick.ts
        ("set_group_kick", 1200, "get Uid Error", Why.NOT_MEMBER),
        # action/group/SetGroupBan.ts
        ("set_group_ban", 1200, "uid error", Why.NOT_MEMBER),
        ("set_group_ban", 1200, "user not in group", Why.NOT_MEMBER),
        ("set_group_ban", 1200, "cannot ban owner", Why.NOT_PERMITTED),
        ("set_group_ban", 1200, "cannot ban admin", Why.NOT_PERMITTED),
        ("set_group_ban", 1200, "ERR_NOT_GROUP_ADMIN", Why.NOT_PERMITTED),
        # action/go-cqhttp/DeleteGroupFile.ts
        ("delete_group_file", 1200, "Invalid file_id", Why.INVALID),
        # action/msg/GetMsg.ts
        ("get_msg", 1200, "消息不存在", Why.GONE),
        # ob/action/OneBotAction.ts: schema failures (1400) and unknown actions (1404)
        ("set_group_ban", 1400, "Key: duration, Message: Expected union value", Why.INVALID),
        ("get_group_root_files", 1404, "不支持的Api get_group_root_files", Why.INVALID),
        # an action that simply timed out (OneBotAction.handle's fallback wording)
        ("get_group_member_list", 1200, "未知错误，可能操作超时", Why.TIMED_OUT),
        ("get_forward_msg", 1200, "something else entirely", Why.OTHER),
    ],
)
def test_each_napcat_wording_is_read_as_what_it_means(
    action: str, retcode: int, wording: str, why: Why
) -> None:
    assert classify(action, retcode, wording) is why


def test_only_a_send_is_ever_risk() -> None:
    for action in ("delete_msg", "set_group_kick", "get_group_member_info", "set_group_ban"):
        assert classify(action, 1200, SEND_TIMEOUT) is not Why.RISK
