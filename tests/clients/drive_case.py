"""Drives one complete case through CCMS with a client generated from the committed
openapi.yaml by openapi-python-client (generated at run time into a temporary folder, never
committed): a consumer signs in by one-time code, files, lists their cases and gets a problem
answer as the generated `Problem` model; the business answers; the consumer
rejects; the case escalates; a coordinator assigns it; the officer schedules a hearing and
decides. Every call goes through the generated functions and models.

Usage: python drive_case.py BASE_URL   (the generated package `ccms_client` on sys.path)
"""

import datetime
import sys
import uuid

from ccms_client import AuthenticatedClient, Client
from ccms_client.api.auth import login_staff, request_otp, verify_otp
from ccms_client.api.authority import decide_complaint, schedule_hearing
from ccms_client.api.complaints import act_on_complaint, file_complaint, get_complaint, list_complaints
from ccms_client.models import (
    ActionBody,
    ComplaintBody,
    DecisionBody,
    HearingBody,
    LoginBody,
    Problem,
    OtpRequestBody,
    OtpVerifyBody,
)

BASE = sys.argv[1]
PHONE = "01799000002"


def ok(response, status, what):
    if response.status_code != status:
        raise SystemExit(f"{what}: expected {status}, got {response.status_code}: {response.content!r}")
    return response.parsed


def staff(email, password):
    body = LoginBody.from_dict({"email": email, "password": password})
    tokens = ok(login_staff.sync_detailed(client=Client(base_url=BASE), body=body), 200, f"login {email}")
    return AuthenticatedClient(base_url=BASE, token=tokens.access_token)


def act(client, case_id, action, who, **extra):
    body = ActionBody.from_dict({"action": action, **extra})
    view = ok(act_on_complaint.sync_detailed(case_id, client=client, body=body), 200, f"{who}: {action}")
    print(f"{who:<12} {action:<20} -> {view.state.value}")
    return view


public = Client(base_url=BASE)
sent = ok(request_otp.sync_detailed(client=public, body=OtpRequestBody.from_dict({"phone": PHONE})), 202, "request OTP")
tokens = ok(
    verify_otp.sync_detailed(client=public, body=OtpVerifyBody.from_dict({"phone": PHONE, "code": sent.dev_code})),
    200,
    "verify OTP",
)
consumer = AuthenticatedClient(base_url=BASE, token=tokens.access_token)
print("consumer     signed in by one-time code")

today = datetime.date.today().isoformat()
complaint = ComplaintBody.from_dict({
    "business_domain": "bazaarbangla.com.bd",
    "category": "non_delivery",
    "subject": "Phone never arrived",
    "description": "Paid in full by bKash; the parcel never came and the shop stopped answering.",
    "order_reference": "BB-ORD-" + datetime.datetime.now().strftime("%H%M%S%f"),
    "order_date": today,
    "incident_date": today,
    "amount_paid": 1850000,
    "amount_claimed": 1850000,
    "payment_method": "bkash",
    "desired_remedy": "refund",
})
filed = ok(file_complaint.sync_detailed(client=consumer, body=complaint), 201, "file complaint")
case_id = filed.id
print(f"consumer     filed {filed.tracking_number} -> {filed.state.value}")
page = ok(list_complaints.sync_detailed(client=consumer, limit=10), 200, "list cases")
assert any(item.id == case_id for item in page.items), "the new case is not in the consumer's list"
# A problem answer, parsed into the generated model: another id answers 404 `not_found`.
unknown = get_complaint.sync_detailed(str(uuid.uuid4()), client=consumer)
assert unknown.status_code == 404 and isinstance(unknown.parsed, Problem), unknown
assert unknown.parsed.code.value == "not_found", unknown.parsed
print(f"consumer     lists {len(page.items)} case(s); an unknown case answers 404 {unknown.parsed.code.value}")

agent = staff("agent@ccms.test", "ccms-demo-business_agent")
in_a_week = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
remedy = {"kind": "refund", "amount_poisha": 1850000, "promised_by": in_a_week}
act(agent, case_id, "propose_resolution", "business", note="We will refund within 7 days.", remedy=remedy)
act(consumer, case_id, "reject", "consumer", note="I want the phone, not a promise.")

coordinator = staff("coordinator@ccms.test", "ccms-demo-coordinator")
act(coordinator, case_id, "assign", "coordinator")

officer = staff("officer@ccms.test", "ccms-demo-officer")
when = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=5)).isoformat()
hearing = ok(
    schedule_hearing.sync_detailed(
        case_id,
        client=officer,
        body=HearingBody.from_dict({"scheduled_at": when, "mode": "in_person", "venue": "DNCRP, Karwan Bazar, Dhaka"}),
    ),
    201,
    "schedule hearing",
)
print(f"officer      scheduled a hearing at {hearing.scheduled_at.isoformat()}")
decision = ok(
    decide_complaint.sync_detailed(
        case_id,
        client=officer,
        body=DecisionBody.from_dict({
            "verdict": "upheld",
            "fine_poisha": 500000,
            "compensation_poisha": 1850000,
            "reasons": "The business took payment and delivered nothing.",
        }),
    ),
    201,
    "decide",
)
print(f"officer      decided: {decision.verdict.value}")
final = ok(get_complaint.sync_detailed(case_id, client=consumer), 200, "read the case")
assert final.state.value == "decided", final.state
print(f"consumer     reads {final.tracking_number}: {final.state.value}, outcome {final.outcome.value}")
