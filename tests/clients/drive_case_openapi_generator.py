"""Drives one case through CCMS with the Python client that openapi-generator (`-g python`, the
jar bundled in the PyPI package openapi-generator-cli) makes from the committed openapi.yaml,
generated at run time and never committed: a consumer signs in by one-time code, files, reads
the case, lists their cases, and gets a problem answer back as the generated `Problem` model;
the business answers and the consumer accepts. Every call goes through the generated API
classes and models.

Usage: python drive_case_openapi_generator.py BASE_URL   (the package `ccms_og` on sys.path)
"""

import datetime
import sys
import uuid

import ccms_og
from ccms_og.api.auth_api import AuthApi
from ccms_og.api.complaints_api import ComplaintsApi
from ccms_og.models import ActionBody, ComplaintBody, LoginBody, OtpRequestBody, OtpVerifyBody, Problem

BASE = sys.argv[1]
PHONE = "01799000003"


def api(token=None):
    config = ccms_og.Configuration(host=BASE, access_token=token)
    return ccms_og.ApiClient(config)


public = AuthApi(api())
sent = public.request_otp(OtpRequestBody(phone=PHONE))
tokens = public.verify_otp(OtpVerifyBody(phone=PHONE, code=sent.dev_code))
consumer = ComplaintsApi(api(tokens.access_token))
print("consumer     signed in by one-time code")

today = datetime.date.today().isoformat()
filed = consumer.file_complaint(
    ComplaintBody.from_dict({
        "business_domain": "bazaarbangla.com.bd",
        "category": "wrong_item",
        "subject": "A different phone arrived",
        "description": "Ordered the 128 GB model; the box held a 64 GB model of another colour.",
        "order_reference": "BB-OG-" + datetime.datetime.now().strftime("%H%M%S%f"),
        "order_date": today,
        "incident_date": today,
        "amount_paid": 2150000,
        "amount_claimed": 2150000,
        "payment_method": "card",
        "desired_remedy": "replacement",
    })
)
print(f"consumer     filed {filed.tracking_number} -> {filed.state.value}")

read = consumer.get_complaint(filed.tracking_number)
assert read.id == filed.id, (read.id, filed.id)
page = consumer.list_complaints(limit=10)
assert any(item.id == filed.id for item in page.items), "the new case is not in the consumer's list"
print(f"consumer     reads it and finds it among {len(page.items)} listed")

# A problem answer, parsed by the generated model: another id answers 404 `not_found`.
try:
    consumer.get_complaint(str(uuid.uuid4()))
    raise SystemExit("reading a case that does not exist did not fail")
except ccms_og.ApiException as error:
    problem = Problem.from_json(error.body)
    assert error.status == 404 and problem.code == "not_found", (error.status, error.body)
    print(f"consumer     an unknown case answers {error.status} {problem.code}")

staff = AuthApi(api()).login_staff(LoginBody(email="agent@ccms.test", password="ccms-demo-business_agent"))
agent = ComplaintsApi(api(staff.access_token))
view = agent.act_on_complaint(
    str(filed.id),
    ActionBody.from_dict({
        "action": "propose_resolution",
        "note": "We will send the right model.",
        "remedy": {
            "kind": "replacement",
            "promised_by": (datetime.date.today() + datetime.timedelta(days=7)).isoformat(),
        },
    }),
)
print(f"business     propose_resolution   -> {view.state.value}")
view = consumer.act_on_complaint(str(filed.id), ActionBody.from_dict({"action": "accept"}))
print(f"consumer     accept               -> {view.state.value}")
assert view.state.value == "resolved" and view.outcome is None, view
assert view.offer.status.value == "accepted" and view.offer.remedy.value == "replacement", view.offer
