"""The frame of NapCat's answers, before and around any action's own work.

ob/action/OneBotAction.ts websocketHandle: a payload failing the action's TypeBox schema → retcode
1400; any error the action throws → retcode 1200, its message in `message` and `wording`; an
action NapCat does not have → 1404 (ob/network/websocket-client.ts handleMessage).
"""

import json
from typing import Any

# ob/action/router.ts ActionName: every action NapCat answers.
NAPCAT_ACTIONS = frozenset(
    """
    .get_word_slices .handle_quick_operation .ocr_image _del_group_notice _get_group_notice
    _get_model_show _mark_all_as_read _send_group_notice _set_model_show add_custom_face
    bot_exit can_send_image can_send_record cancel_group_album_media_like cancel_group_todo
    cancel_online_file check_url_safely clean_cache clean_stream_temp_file
    click_inline_keyboard_button complete_group_todo create_collection create_flash_task
    create_group_file_folder del_group_album_media delete_custom_face delete_essence_msg
    delete_friend delete_group_file delete_group_folder delete_msg delete_qzone_msg
    delete_unidirectional_friend do_group_album_comment download_file
    download_file_image_stream download_file_record_stream download_file_stream
    download_fileset fetch_custom_face fetch_custom_face_detail fetch_emoji_like
    fetch_ptt_text forward_friend_single_msg forward_group_single_msg friend_poke
    get_ai_characters get_ai_record get_clientkey get_collection_list get_cookies
    get_credentials get_csrf_token get_doubt_friends_add_request get_emoji_likes
    get_essence_msg_list get_file get_fileset_id get_fileset_info get_flash_file_list
    get_flash_file_url get_forward_msg get_friend_list get_friend_msg_history
    get_friends_with_category get_group_album_media_list get_group_at_all_remain
    get_group_detail_info get_group_file_system_info get_group_file_url
    get_group_files_by_folder get_group_honor_info get_group_ignore_add_request
    get_group_ignored_notifies get_group_info get_group_info_ex get_group_list
    get_group_member_info get_group_member_list get_group_msg_history get_group_root_files
    get_group_shut_list get_group_signed_list get_group_system_msg get_guild_list
    get_guild_service_profile get_image get_login_info get_mini_app_ark get_msg
    get_online_clients get_online_file_msg get_private_file_url get_profile_like
    get_qun_album_list get_recent_contact get_record get_rkey get_rkey_server
    get_robot_uin_range get_share_link get_status get_stranger_info
    get_unidirectional_friend_list get_version_info group_poke mark_group_msg_as_read
    mark_msg_as_read mark_private_msg_as_read move_group_file nc_get_packet_status
    nc_get_rkey nc_get_user_status ocr_image qidian_get_account_info reboot_normal
    receive_online_file refuse_online_file reload_event_filter rename_group_file
    send_ark_share send_flash_msg send_forward_msg send_group_ai_record
    send_group_ark_share send_group_forward_msg send_group_msg send_group_sign send_like
    send_msg send_online_file send_online_folder send_packet send_poke
    send_private_forward_msg send_private_msg send_qzone_msg set_custom_face_desc
    set_diy_online_status set_doubt_friends_add_request set_essence_msg
    set_friend_add_request set_friend_remark set_group_add_option set_group_add_request
    set_group_admin set_group_album_media_like set_group_anonymous set_group_anonymous_ban
    set_group_ban set_group_card set_group_kick set_group_kick_members set_group_leave
    set_group_member_invite_policy set_group_member_permissions set_group_name
    set_group_new_member_history_visibility set_group_portrait set_group_remark
    set_group_robot_add_option set_group_search set_group_sign set_group_special_title
    set_group_todo set_group_whole_ban set_input_status set_msg_emoji_like
    set_online_status set_qq_avatar set_qq_profile set_restart set_self_longnick
    test_download_stream trans_group_file upload_file_stream upload_group_file
    upload_image_to_qun_album upload_private_file
    """.split()
)


class Failed(Exception):
    """An action NapCat answers with status failed (retcode 1200 unless said otherwise)."""

    def __init__(self, message: str, retcode: int = 1200) -> None:
        super().__init__(message)
        self.message = message
        self.retcode = retcode


def answer(status: str, retcode: int, data: Any, message: str, echo: Any) -> dict[str, Any]:
    # ob/action/OneBotAction.ts OB11Response.createResponse: wording repeats message
    return {
        "status": status,
        "retcode": retcode,
        "data": data,
        "message": message,
        "wording": message,
        "echo": echo,
        "stream": "normal-action",
    }


def unknown_action(action: str) -> Failed:
    # ob/network/websocket-client.ts handleMessage (the reverse WebSocket NapCat dials)
    return Failed(f"不支持的Api {action}", 1404)


def timeout(service: str, listener: str, ret: dict[str, Any] | None = None) -> str:
    """core/helper/event.ts callNormalEventV2: QQ never showed what the call waited for."""
    shown = json.dumps({"result": 0, "errMsg": ""} if ret is None else ret, indent=4)
    return (
        f"Timeout: NTEvent serviceAndMethod:{service} ListenerName:{listener} EventRet:\n{shown}\n"
    )


RECALL_TIMEOUT = timeout(
    "NodeIKernelMsgService/recallMsg", "NodeIKernelMsgListener/onMsgInfoListUpdate"
)
SEND_TIMEOUT = timeout(
    "NodeIKernelMsgService/sendMsg", "NodeIKernelMsgListener/onMsgInfoListUpdate"
)


# --- schemas: each action's TypeBox payload (its ob/action/**.ts PayloadSchema) -----------------
# kind: "str" | "num" | "bool" | "num|str" | "bool|str" | "[str]"; (kind, required, default)
Field = tuple[str, bool, Any]
GID, UID = ("str", True, None), ("str", True, None)
SCHEMAS: dict[str, dict[str, Field]] = {
    "delete_msg": {"message_id": ("num|str", True, None)},
    "get_msg": {"message_id": ("num|str", True, None)},
    "get_forward_msg": {"message_id": ("str", False, None), "id": ("str", False, None)},
    "set_group_ban": {"group_id": GID, "user_id": UID, "duration": ("num|str", False, 0)},
    "set_group_kick": {
        "group_id": GID,
        "user_id": UID,
        "reject_add_request": ("bool|str", False, None),
    },
    "set_group_kick_members": {
        "group_id": GID,
        "user_id": ("[str]", True, None),
        "reject_add_request": ("bool|str", False, None),
    },
    "set_group_admin": {"group_id": GID, "user_id": UID, "enable": ("bool|str", False, None)},
    "set_group_card": {"group_id": GID, "user_id": UID, "card": ("str", False, None)},
    "get_group_member_info": {
        "group_id": GID,
        "user_id": UID,
        "no_cache": ("bool|str", False, None),
    },
    "get_group_member_list": {"group_id": GID, "no_cache": ("bool|str", False, None)},
    "get_group_info": {"group_id": GID},
    "get_group_list": {"no_cache": ("bool|str", False, None)},
    "get_friend_list": {"no_cache": ("bool|str", False, None)},
    "get_group_root_files": {"group_id": GID, "file_count": ("num|str", False, 50)},
    "delete_group_file": {"group_id": GID, "file_id": ("str", True, None)},
    "get_group_msg_history": {
        "group_id": GID,
        "message_seq": ("str", False, None),
        "count": ("num", False, 20),
        "reverse_order": ("bool", False, False),
        "reverseOrder": ("bool", False, False),
        "parse_mult_msg": ("bool", False, True),
    },
    "get_group_system_msg": {"count": ("num|str", False, 50)},
    "set_group_add_request": {
        "flag": ("str", True, None),
        "approve": ("bool|str", False, None),
        "reason": ("str", False, None),
    },
    "set_friend_add_request": {
        "flag": ("str", True, None),
        "approve": ("bool|str", False, None),
        "remark": ("str", False, None),
    },
    "upload_private_file": {
        "user_id": UID,
        "file": ("str", True, None),
        "name": ("str", True, None),
        "upload_file": ("bool", False, True),
    },
}


def _convert(kind: str, value: Any) -> Any:
    """TypeBox Value.Convert, for the kinds above; returns `_BAD` when nothing fits."""
    if kind == "[str]":
        if not isinstance(value, list):
            return _BAD
        items = [_convert("str", v) for v in value]
        return _BAD if _BAD in items else items
    for each in kind.split("|"):
        if each == "str" and isinstance(value, str):
            return value
        if each == "num" and isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if each == "bool" and isinstance(value, bool):
            return value
    first = kind.split("|")[0]
    if first == "str" and isinstance(value, int | float):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if first == "num" and isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return _BAD
    if first == "bool" and value in ("true", "false", 1, 0, "1", "0"):
        return value in ("true", 1, "1")
    return _BAD


_BAD = object()
_EXPECTED = {"str": "Expected string", "num": "Expected number", "bool": "Expected boolean"}


def check(action: str, params: dict[str, Any]) -> dict[str, Any]:
    """The payload as the action sees it, or Failed(…, 1400) with TypeBox's first error.

    OneBotAction.check runs Value.Parse, whose Assert step throws first: the message is
    `Schema compilation error: ` + the first error (TypeBox 0.34 value/assert AssertError).
    Fields outside the schema are dropped (Value.Parse's Clean step).
    """
    schema = SCHEMAS.get(action)
    if schema is None:
        return dict(params)
    out: dict[str, Any] = {}
    for name, (kind, required, default) in schema.items():
        if name not in params or params[name] is None:
            if required:
                raise Failed("Schema compilation error: Expected required property", 1400)
            if default is not None:
                out[name] = default
            continue
        value = _convert(kind, params[name])
        if value is _BAD:
            expected = _EXPECTED.get(kind, "Expected array" if kind == "[str]" else "")
            raise Failed(f"Schema compilation error: {expected or 'Expected union value'}", 1400)
        out[name] = value
    return out


def truthy(value: Any) -> bool:
    """NapCat's reading of a bool-or-string flag: the string 'true', or a true bool."""
    return value == "true" if isinstance(value, str) else bool(value)
