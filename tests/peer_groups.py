"""NapCat's answers to the bot's group, member, file and request actions.

Every rule names the NapCat source it follows (NapNeko/NapCatQQ; `ob/` is packages/napcat-onebot/,
`core/` packages/napcat-core/). QQ itself decides what the bot may do; NapCat often answers ok
whatever QQ did (kick, admin, file deletion, requests), so the model only changes when QQ would.
"""

import asyncio
import time
from typing import Any

from tests import napcat
from tests.peer_messages import Context
from tests.peer_model import PeerGroup, PeerMember
from tests.peer_rules import Failed, timeout, truthy


def group_dict(group: PeerGroup) -> dict[str, Any]:
    # ob/helper/data.ts OB11Construct.group
    return {
        "group_all_shut": 0,
        "group_remark": "",
        "group_id": group.group_id,
        "group_name": group.name,
        "member_count": len(group.members),
        "max_member_count": group.max_members,
    }


def member_dict(group: PeerGroup, m: PeerMember, card: str | None = None) -> dict[str, Any]:
    # ob/helper/data.ts OB11Construct.groupMember
    return {
        "group_id": group.group_id,
        "user_id": m.user_id,
        "nickname": m.nickname,
        "card": m.card if card is None else card,
        "sex": "unknown",
        "age": 0,
        "area": "",
        "level": "1",
        "qq_level": 0,
        "join_time": m.join_time,
        "last_sent_time": m.last_sent_time,
        "title_expire_time": 0,
        "unfriendly": False,
        "card_changeable": True,
        "is_robot": m.is_robot,
        "shut_up_timestamp": m.shut_up_timestamp,
        "role": m.role,
        "title": m.title,
    }


async def get_login_info(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/system/GetLoginInfo.ts → OB11Construct.selfInfo
    return {"user_id": ctx.model.self_id, "nickname": ctx.model.nickname}


def _nickname(ctx: Context, user_id: int) -> str:
    for group in ctx.model.groups.values():
        if user_id in group.members:
            return group.members[user_id].nickname
    return f"u{user_id}"


async def get_friend_list(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/user/GetFriendList.ts → OB11Construct.friends
    return [
        {
            "user_id": uid,
            "nickname": _nickname(ctx, uid),
            "remark": _nickname(ctx, uid),
            "sex": "unknown",
            "level": 0,
            "age": 0,
            "birthday_year": 0,
            "birthday_month": 0,
            "birthday_day": 0,
            "phone_num": "",
            "email": "",
            "category_id": 0,
        }
        for uid in sorted(ctx.model.friends)
    ]


async def get_group_list(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/group/GetGroupList.ts: the groups the account is in
    return [group_dict(g) for g in ctx.model.groups.values() if ctx.model.self_id in g.members]


async def get_group_info(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/GetGroupInfo.ts: a group the account is not in is fetched from QQ
    (core/apis/group.ts fetchGroupDetail, 5 s); the peer knows no such group, so it times out."""
    group = ctx.model.group_of_bot(int(p["group_id"]))
    if group is None:
        await asyncio.sleep(ctx.model.timing.member_lookup)
        raise Failed(
            timeout(
                "NodeIKernelGroupService/getGroupDetailInfo",
                "NodeIKernelGroupListener/onGroupDetailInfoChange",
            )
        )
    return group_dict(group)


async def _member_or_wait(ctx: Context, p: dict[str, Any]) -> tuple[PeerGroup, PeerMember] | None:
    """core/apis/group.ts getGroupMemberEx: asks QQ, waits 2.5 s, tries three times."""
    group = ctx.model.groups.get(int(p["group_id"]))
    member = group.members.get(int(p["user_id"])) if group else None
    if group is None or member is None:
        await asyncio.sleep(ctx.model.timing.member_lookup)
        return None
    return group, member


async def get_group_member_info(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/group/GetGroupMemberInfo.ts getGroupMemberInfo: fresh from QQ (no_cache: true)
    found = await _member_or_wait(ctx, p)
    if found is None:
        raise Failed(f"群({p['group_id']})成员{p['user_id']}不存在")
    return member_dict(*found)


async def get_group_member_list(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/GetGroupMemberList.ts: NapCat's member cache, refreshed when no_cache.
    The cache holds a card changed in QQ until the member speaks (ob/api/group.ts
    parseCardChangedEvent) or a refresh; a refresh also means no group_card notice later."""
    group = ctx.model.group_of_bot(int(p["group_id"]))
    if group is None:
        raise Failed(f"Failed to get group member list for group {p['group_id']}")
    if truthy(p.get("no_cache", False)):
        group.stale_cards.clear()
    return [member_dict(group, m, group.stale_cards.get(m.user_id)) for m in group.members.values()]


async def set_group_ban(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/SetGroupBan.ts, its checks in order; then QQ refuses a plain member
    (core banMember: 'ERR_NOT_GROUP_ADMIN')."""
    found = await _member_or_wait(ctx, p)
    if found is None:
        raise Failed("user not in group")
    group, member = found
    if member.role == "owner":
        raise Failed("cannot ban owner")
    mine = group.role_of(ctx.model.self_id)
    if member.role == "admin" and mine != "owner":
        raise Failed("cannot ban admin" if mine else "failed to fetch bot role")
    if mine not in ("owner", "admin"):
        raise Failed("ERR_NOT_GROUP_ADMIN")
    seconds = int(float(p["duration"]))
    member.shut_up_timestamp = int(time.time()) + seconds if seconds else 0
    # ob/event/notice/OB11GroupBanEvent.ts: QQ reports the mute back
    await ctx.emit(napcat.banned(group.group_id, member.user_id, ctx.model.self_id, seconds))
    return None


async def _kick(ctx: Context, group_id: int, user_id: int, refuse: bool) -> None:
    """core/apis/group.ts kickMember: QQ removes only someone the bot is above."""
    group = ctx.model.groups.get(group_id)
    if group is None or user_id == ctx.model.self_id or not ctx.model.above(group_id, user_id):
        return
    del group.members[user_id]
    if refuse:
        group.refused_forever.add(user_id)
    # ob/api/msg.ts: QQ's group-change message becomes group_decrease, sub_type kick
    await ctx.emit(napcat.member_left(group_id, user_id, ctx.model.self_id, "kick"))


async def set_group_kick(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/group/SetGroupKick.ts: ignores what kickMember answers: ok whatever happened
    await _kick(ctx, int(p["group_id"]), int(p["user_id"]), truthy(p.get("reject_add_request")))
    return None


async def set_group_kick_members(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/extends/SetGroupKickMembers.ts: one kickMember for them all, ok whatever happened
    for user_id in p["user_id"]:
        await _kick(ctx, int(p["group_id"]), int(user_id), truthy(p.get("reject_add_request")))
    return None


async def set_group_admin(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/SetGroupAdmin.ts: setMemberRole's answer is ignored: ok whatever happened.
    QQ lets only the owner make or unmake admins."""
    group_id, user_id = int(p["group_id"]), int(p["user_id"])
    group = ctx.model.groups.get(group_id)
    member = group.members.get(user_id) if group else None
    enable = truthy(p.get("enable"))
    if member is None or member.role == "owner" or ctx.model.bot_role(group_id) != "owner":
        return None
    role = "admin" if enable else "member"
    if member.role != role:
        member.role = role
        await ctx.emit(napcat.admin_changed(group_id, user_id, enable))  # SysMessage type 44
    return None


async def set_group_card(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/SetGroupCard.ts: sets the card, then checks up to three times a second
    apart; 'not in effect' when QQ refused (only from above, or one's own card)."""
    group_id, user_id = int(p["group_id"]), int(p["user_id"])
    group = ctx.model.groups.get(group_id)
    member = group.members.get(user_id) if group else None
    if group is None or member is None:
        raise Failed(f"群({p['group_id']})成员{p['user_id']}不存在")
    card = p.get("card") or ""
    if user_id == ctx.model.self_id or ctx.model.above(group_id, user_id):
        member.card = card
        group.stale_cards.pop(user_id, None)  # refreshGroupMemberCachePartial
        await asyncio.sleep(ctx.model.timing.card_check)
        return None
    await asyncio.sleep(ctx.model.timing.card_check * 3)
    raise Failed("设置群名片未生效")


async def get_group_root_files(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/go-cqhttp/GetGroupRootFiles.ts → OB11Construct.file: each file_id is minted
    here (FileNapCatOneBotUUID.encodeModelId) and is what delete_group_file takes."""
    group = ctx.model.group_of_bot(int(p["group_id"]))
    files = list(group.files.values())[: int(p["file_count"])] if group else []
    ctx.model.issued_file_ids.update(f.file_id for f in files)
    return {
        "files": [
            {
                "group_id": int(p["group_id"]),
                "file_id": f.file_id,
                "file_name": f.name,
                "busid": f.busid,
                "size": f.size,
                "file_size": f.size,
                "upload_time": f.upload_time,
                "dead_time": 0,
                "modify_time": f.upload_time,
                "download_times": 0,
                "uploader": f.uploader,
                "uploader_name": f.uploader_name,
            }
            for f in files
        ],
        "folders": [],
    }


async def delete_group_file(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/go-cqhttp/DeleteGroupFile.ts: decodeModelId (napcat-common/src/file-uuid.ts) knows
    only ids a file list gave, with a fileId; anything else → 'Invalid file_id'. QQ's answer is
    passed on as it is, ok even when it deleted nothing."""
    group = ctx.model.groups.get(int(p["group_id"]))
    file_id = p["file_id"]
    known = [g.files[file_id] for g in ctx.model.groups.values() if file_id in g.files]
    if file_id not in ctx.model.issued_file_ids or not known:
        raise Failed("Invalid file_id")
    file = known[0]
    mine = ctx.model.bot_role(int(p["group_id"]))
    done = (
        group is not None
        and file_id in group.files
        and (mine in ("owner", "admin") or (mine and file.uploader == ctx.model.self_id))
    )
    if done and group is not None:
        del group.files[file_id]
    return {
        "result": 0,
        "errMsg": "",
        "transGroupFileResult": {
            "result": {"retCode": 0 if done else -1},
            "successFileIdList": [file.file_uuid] if done else [],
            "failFileIdList": [] if done else [file.file_uuid],
        },
    }


async def get_group_system_msg(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/system/GetSystemMsg.ts: join requests (notify type 7) and invitations, handled
    or not, whether or not a bot was connected when they came."""
    group_names = {g.group_id: g.name for g in ctx.model.groups.values()}
    joins = [
        {
            "request_id": int(r.seq) if r.seq.isdigit() else None,  # +seq (NaN → null)
            "invitor_uin": r.user_id,
            "invitor_nick": r.nickname,
            "group_id": r.group_id,
            "message": r.comment,
            "group_name": group_names.get(r.group_id, ""),
            "checked": r.checked,
            "actor": r.actor,
            "requester_nick": r.nickname,
        }
        for r in ctx.model.join_requests[-int(p["count"]) :]
    ]
    return {"invited_requests": [], "InvitedRequest": [], "join_requests": joins}


async def set_group_add_request(ctx: Context, p: dict[str, Any]) -> Any:
    """ob/action/group/SetGroupAddRequest.ts: the notify whose seq is the flag, else 'No such
    request'; handleGroupRequest's answer is ignored (QQ acts only for an admin or the owner)."""
    request = next((r for r in ctx.model.join_requests if r.seq == p["flag"]), None)
    if request is None:
        raise Failed("No such request")
    approve = str(p.get("approve")).lower() != "false"
    group = ctx.model.groups.get(request.group_id)
    if request.checked or group is None or ctx.model.bot_role(group.group_id) == "member":
        return None
    request.checked, request.actor = True, ctx.model.self_id
    if approve:
        group.members[request.user_id] = PeerMember(request.user_id, request.nickname)
        await ctx.emit(napcat.member_joined(group.group_id, request.user_id, ctx.model.self_id))
    return None


async def set_friend_add_request(ctx: Context, p: dict[str, Any]) -> Any:
    # ob/action/user/SetFriendAddRequest.ts: the request whose reqTime is the flag
    request = next((r for r in ctx.model.friend_requests if r.flag == p["flag"]), None)
    if request is None:
        raise Failed("No such request")
    request.handled = True
    if str(p.get("approve")).lower() != "false":
        ctx.model.friends.add(request.user_id)
        ctx.model.temp_sessions.pop(request.user_id, None)
    return None
