// A web frontend on another origin, in headless Chromium: a page served from a second local
// server signs a consumer in with a one-time code (development's dev_code), lists their
// complaints and reads an exposed header, all by fetch() across origins. Fails unless the
// browser lets every step through (CORS preflights included).
// Usage: node .ci/browser/cross-origin.mjs BASE_URL
import http from "node:http";
import { chromium } from "playwright-core";

const [base] = process.argv.slice(2);
const page = `<!doctype html><meta charset="utf-8"><title>frontend</title><pre id="out">running</pre>
<script>
(async () => {
  const api = ${JSON.stringify(base)};
  const json = { "content-type": "application/json" };
  const out = document.getElementById("out");
  try {
    const sent = await fetch(api + "/api/v1/auth/otp", { method: "POST", headers: json,
      body: JSON.stringify({ phone: "01799000123" }) }).then((r) => r.json());
    const session = await fetch(api + "/api/v1/auth/otp/verify", { method: "POST", headers: json,
      body: JSON.stringify({ phone: "01799000123", code: sent.dev_code }) }).then((r) => r.json());
    const listed = await fetch(api + "/api/v1/complaints", {
      headers: { authorization: "Bearer " + session.access_token, "accept-language": "bn" } });
    const body = await listed.json();
    out.textContent = "listed " + listed.status + " items " + body.items.length +
      " request-id " + (listed.headers.get("x-request-id") ? "readable" : "hidden");
  } catch (error) {
    out.textContent = "failed " + error;
  }
})();
</script>`;
const server = http.createServer((_, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(page);
});
await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
});
try {
  const tab = await browser.newPage();
  await tab.goto(origin);
  const out = tab.locator("#out");
  await tab.waitForFunction(() => document.getElementById("out").textContent !== "running",
    null, { timeout: 15000 });
  const result = (await out.innerText()).trim();
  if (!/^listed 200 items \d+ request-id readable$/.test(result)) {
    console.error(`a frontend on ${origin} calling ${base}: ${result}`);
    process.exit(1);
  }
  console.log(`a frontend on ${origin} signed in and listed complaints from ${base}: ${result}`);
} finally {
  await browser.close();
  server.close();
}
