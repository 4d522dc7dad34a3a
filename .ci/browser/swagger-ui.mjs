// Swagger UI in headless Chromium (Debian's package, driven by playwright-core): load the page,
// authorize with a bearer token, try GET /api/v1/complaints, and see a 200 in the page. Saves a
// screenshot to target/swagger-ui.png. Fails if the page's Content-Security-Policy is missing or
// blocks anything the page needs.
// Usage: node .ci/swagger-ui.mjs BASE_URL TOKEN
import { chromium } from "playwright-core";

const [base, token] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  // The page runs under its Content-Security-Policy: anything it blocks fails this check.
  const blocked = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
  });
  const loaded = await page.goto(`${base}/swagger-ui/`);
  const policy = loaded.headers()["content-security-policy"] || "";
  if (!policy.includes("frame-ancestors 'none'")) {
    console.error(`Swagger UI is served without its Content-Security-Policy: ${policy}`);
    process.exit(1);
  }
  await page.locator(".btn.authorize").first().click();
  const bearer = page.locator(".auth-container").filter({ hasText: "bearer" }).first();
  await bearer.locator("input").first().fill(token);
  await bearer.locator("button.authorize").click();
  await page.locator(".btn-done").first().click();
  const operation = page.locator("#operations-complaints-list_complaints");
  await operation.locator(".opblock-summary").click();
  await operation.locator(".try-out__btn").click();
  await operation.locator(".execute").click();
  const status = operation.locator(".live-responses-table tbody .response-col_status").first();
  await status.waitFor({ timeout: 15000 });
  const code = (await status.innerText()).trim();
  await status.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "target/swagger-ui.png", fullPage: false });
  if (blocked.length > 0) {
    console.error(`the Content-Security-Policy blocked parts of Swagger UI:\n${blocked.join("\n")}`);
    process.exit(1);
  }
  if (code !== "200") {
    console.error(`Swagger UI showed ${code} for GET /api/v1/complaints`);
    process.exit(1);
  }
  console.log("Swagger UI: authorized, tried GET /api/v1/complaints, saw 200; screenshot target/swagger-ui.png");
} finally {
  await browser.close();
}
