"""Which file column is which field: the export headers of Zoho CRM, Salesforce, HubSpot, Pipedrive and
Chinese CRMs (Simplified Chinese), plus our own export's column names, so an export imports back."""
from __future__ import annotations

import re

# field -> the headers that mean it, as the CRMs print them in their CSV/XLSX exports.
DEAL_HEADERS: dict[str, tuple[str, ...]] = {
    "external_id": ("number", "Record Id", "Deal Id", "Opportunity ID", "Opportunity 18 Digit ID", "Deal ID",
                    "ID", "商机编号", "商机ID"),
    "name": ("name", "Deal Name", "Opportunity Name", "Title", "Deal Title", "商机名称", "机会名称"),
    "account": ("account", "Account Name", "Account", "Associated Company", "Associated Company (Primary)",
                "Company", "Organization", "客户名称", "客户"),
    "amount": ("amount", "Amount", "Value", "Deal Value", "Amount (Converted)", "金额", "商机金额", "预计金额"),
    "currency": ("currency", "Currency", "Amount Currency", "Opportunity Currency", "Deal Currency",
                 "Value Currency", "币种", "货币"),
    "stage": ("stage", "Stage", "Deal Stage", "Opportunity Stage", "销售阶段", "阶段", "商机阶段"),
    "close_date": ("close_date", "Closing Date", "Close Date", "Expected Close Date", "预计成交日期",
                   "预计签单日期", "结单日期"),
    "owner": ("owner", "Deal Owner", "Opportunity Owner", "Owner", "Owner Email", "Deal owner", "负责人",
              "销售负责人", "所有人"),
    "owner_name": ("owner_name",),
    "created_at": ("created_at", "Created Time", "Created Date", "Create Date", "Deal created", "创建时间",
                   "创建日期"),
    "lost_reason": ("lost_reason", "Reason For Loss", "Closed Lost Reason", "Loss Reason", "Lost Reason",
                    "输单原因", "丢单原因"),
}
ACCOUNT_HEADERS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "Record Id", "Account ID", "Company ID", "客户编号", "客户ID"),
    "name": ("name", "Account Name", "Company name", "Company Name", "Name", "Organization", "客户名称",
             "公司名称"),
}
# Zoho CRM (Contacts export), Salesforce (Contacts report), HubSpot (contacts export), Chinese CRMs.
CONTACT_HEADERS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "Record Id", "Contact Id", "Contact ID", "联系人编号", "联系人ID"),
    "name": ("name", "Full Name", "Contact Name", "Name", "联系人姓名", "联系人", "姓名"),
    "first_name": ("first_name", "First Name", "First name", "FirstName", "名"),
    "last_name": ("last_name", "Last Name", "Last name", "LastName", "姓"),
    "account": ("account", "Account Name", "Account", "Associated Company", "Associated Company (Primary)",
                "Company Name", "Company name", "Company", "Organization", "客户名称", "公司名称", "客户"),
    "title": ("title", "Title", "Job Title", "Job title", "职务", "职位"),
    "email": ("email", "Email", "Email Address", "Email address", "E-mail", "邮箱", "电子邮件", "邮件"),
    "phone": ("phone", "Phone", "Phone Number", "Phone number", "Business Phone", "电话"),
    "mobile": ("Mobile", "Mobile Phone", "Mobile phone number", "MobilePhone", "手机", "手机号码"),  # when no phone
    "owner": ("owner", "Contact Owner", "Contact owner", "Owner", "Owner Email", "负责人", "所有人"),
    "owner_name": ("owner_name",),
}
ACTIVITY_HEADERS: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "Record Id", "Activity ID", "Task ID", "Note Id", "Engagement ID", "跟进记录编号"),
    "kind": ("kind", "Activity Type", "Type", "Task Subtype", "Activity type", "Engagement Type", "跟进方式",
             "活动类型", "类型"),
    "notes": ("notes", "Note Content", "Description", "Comments", "Subject", "Body", "Notes", "跟进内容",
              "内容", "备注"),
    "person": ("person", "Activity Owner", "Assigned To", "Owner", "Task Owner", "Created By", "Note Owner",
               "负责人", "跟进人"),
    "person_name": ("person_name",),
    "occurred_at": ("occurred_at", "Activity Date", "Date", "Due Date", "Call Start Time", "Created Time",
                    "Activity date", "跟进时间", "日期"),
    "deal": ("deal", "Deal Name", "Opportunity Name", "Related To", "Associated Deal", "商机名称"),
    "account": ("account", "Account Name", "Account", "Company", "Associated Company", "客户名称"),
}


def header_key(header: str) -> str:
    """`Closing Date`, `closing_date` and ` CLOSING-DATE ` are one header."""
    return re.sub(r"[\s_\-./()%:：]+", "", header.strip().lstrip("\ufeff")).casefold()


def match_headers(headers: list[str], known: dict[str, tuple[str, ...]], mapped: dict[str, str]) -> dict[str, int]:
    """field -> column index; `mapped` (from --map COLUMN=field) wins, then the first column a field knows."""
    keys = [header_key(h) for h in headers]
    found: dict[str, int] = {}
    for column, field in mapped.items():
        if header_key(column) in keys:
            found[field] = keys.index(header_key(column))
    taken = set(found.values())
    for field, aliases in known.items():
        if field in found:
            continue
        for alias in aliases:
            key = header_key(alias)
            if key in keys and keys.index(key) not in taken:
                found[field] = keys.index(key)
                taken.add(found[field])
                break
    return found
