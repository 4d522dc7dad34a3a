"""Schemathesis hooks for the partner pass of `.ci/run`.

A partner's every POST carries an `Idempotency-Key`; a key sent again with another body is
refused (409), as the contract says. Generated keys repeat ("0", "a", ...), so a call that
carries one gets a fresh one here, the way a marketplace server sends one per new request.
Calls generated without the header keep going without it.
"""

import uuid

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    headers = case.headers or {}
    for name in list(headers):
        if name.lower() == "idempotency-key":
            headers[name] = f"st-{uuid.uuid4()}"
