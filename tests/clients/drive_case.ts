// Drives one case through CCMS with a TypeScript client: types generated from the committed
// openapi.yaml by openapi-typescript (into `./ccms.d.ts` at run time, never committed), calls
// through openapi-fetch. A consumer signs in by one-time code, files, reads the case, lists
// their cases and gets a typed problem answer; the business answers and the consumer accepts.
// `tsc --strict --noEmit` checks every path, body and answer against the contract first.
//
// Usage (compiled): node drive_case.js BASE_URL

import createClient from "openapi-fetch";
import type { components, paths } from "./ccms.js";

type Problem = components["schemas"]["Problem"];

const base = process.argv[2];
const phone = "01799000004";

function client(token?: string) {
    return createClient<paths>({
        baseUrl: base,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
}

function expect<T>(answer: { data?: T; error?: unknown; response: Response }, what: string): T {
    if (answer.data === undefined) {
        throw new Error(`${what}: ${answer.response.status} ${JSON.stringify(answer.error)}`);
    }
    return answer.data;
}

const publicApi = client();
const sent = expect(await publicApi.POST("/api/v1/auth/otp", { body: { phone } }), "request OTP");
const code = sent.dev_code;
if (!code) throw new Error("no development code: is the server in production mode?");
const tokens = expect(
    await publicApi.POST("/api/v1/auth/otp/verify", { body: { phone, code } }),
    "verify OTP",
);
const consumer = client(tokens.access_token);
console.log("consumer     signed in by one-time code");

const today = new Date().toISOString().slice(0, 10);
const inAWeek = new Date(Date.now() + 7 * 86400000).toISOString().slice(0, 10);
const filed = expect(
    await consumer.POST("/api/v1/complaints", {
        body: {
            business_domain: "bazaarbangla.com.bd",
            category: "defective_item",
            subject: "The blender stopped on day two",
            description: "The motor burnt out on the second day; the seller does not answer calls.",
            order_reference: `BB-TS-${Date.now()}`,
            order_date: today,
            incident_date: today,
            amount_paid: 450000,
            amount_claimed: 450000,
            payment_method: "nagad",
            desired_remedy: "refund",
        },
    }),
    "file complaint",
);
console.log(`consumer     filed ${filed.tracking_number} -> ${filed.state}`);

const read = expect(
    await consumer.GET("/api/v1/complaints/{key}", { params: { path: { key: filed.tracking_number } } }),
    "read the case",
);
if (read.id !== filed.id) throw new Error(`read ${read.id}, filed ${filed.id}`);
const page = expect(
    await consumer.GET("/api/v1/complaints", { params: { query: { limit: 10 } } }),
    "list cases",
);
if (!page.items.some((item) => item.id === filed.id)) throw new Error("the new case is not listed");
console.log(`consumer     reads it and finds it among ${page.items.length} listed`);

// A problem answer, typed by the contract: another id answers 404 `not_found`.
const unknown = await consumer.GET("/api/v1/complaints/{key}", {
    params: { path: { key: crypto.randomUUID() } },
});
const problem: Problem | undefined = unknown.error;
if (unknown.response.status !== 404 || problem?.code !== "not_found") {
    throw new Error(`an unknown case answered ${unknown.response.status} ${JSON.stringify(problem)}`);
}
console.log(`consumer     an unknown case answers ${problem.status} ${problem.code}`);

const staff = expect(
    await publicApi.POST("/api/v1/auth/login", {
        body: { email: "agent@ccms.test", password: "ccms-demo-business_agent" },
    }),
    "agent signs in",
);
const agent = client(staff.access_token);
const path = { params: { path: { key: filed.id } } };
let view = expect(
    await agent.POST("/api/v1/complaints/{key}/actions", {
        ...path,
        body: {
            action: "propose_resolution",
            note: "A refund to the Nagad wallet within 7 days.",
            remedy: { kind: "refund", amount_poisha: 150000, promised_by: inAWeek },
        },
    }),
    "propose a resolution",
);
console.log(`business     propose_resolution   -> ${view.state}`);
view = expect(
    await consumer.POST("/api/v1/complaints/{key}/actions", { ...path, body: { action: "accept" } }),
    "accept",
);
console.log(`consumer     accept               -> ${view.state}`);
if (view.state !== "resolved" || view.outcome || view.offer?.status !== "accepted") {
    throw new Error(`the accepted case is ${view.state} / ${view.outcome} / ${view.offer?.status}`);
}
// The agreed refund is on the ledger: the business pays it, the consumer confirms, the case closes.
const lines = expect(await agent.GET("/api/v1/complaints/{key}/obligations", path), "read the ledger");
const refund = { params: { path: { key: filed.id, obligation_id: lines[0].id } } };
expect(
    await agent.POST("/api/v1/complaints/{key}/obligations/{obligation_id}/steps", {
        ...refund,
        body: { step: "pay", reference: "NAGAD-TRX-8812" },
    }),
    "pay the refund",
);
expect(
    await consumer.POST("/api/v1/complaints/{key}/obligations/{obligation_id}/steps", {
        ...refund,
        body: { step: "confirm" },
    }),
    "confirm the refund",
);
view = expect(await consumer.GET("/api/v1/complaints/{key}", path), "read the closed case");
console.log(`consumer     confirm refund       -> ${view.state} (${view.outcome})`);
if (view.state !== "closed" || view.outcome !== "resolved_by_business") {
    throw new Error(`the delivered case is ${view.state} / ${view.outcome}`);
}
