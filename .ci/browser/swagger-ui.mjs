// Swagger UI in headless Chromium (Debian's package, driven by playwright-core): load the page,
// authorize with a bearer token, try GET /api/v1/complaints, and see a 200 in the page. Saves a
// screenshot to target/swagger-ui.png. Fails if the page's Content-Security-Policy is missing or
// blocks anything the page needs. Then, authorized as a consumer, "Try it out" on
// POST /api/v1/complaints sends the body Swagger UI fills in (the contract's example) as it is,
// and the page shows 201.
// Usage: node .ci/swagger-ui.mjs BASE_URL TOKEN CONSUMER_TOKEN
import { chromium } from "playwright-core";

const [base, token, consumer] = process.argv.slice(2);

async function authorize(page, bearerToken) {
  await page.locator(".btn.authorize").first().click();
  const bearer = page.locator(".auth-container").filter({ hasText: "bearer" }).first();
  await bearer.locator("input").first().fill(bearerToken);
  await bearer.locator("button.authorize").click();
  await page.locator(".btn-done").first().click();
}

/** Opens an operation, tries it out with what Swagger UI fills in, and answers the status shown. */
async function tryOut(page, operationId) {
  const operation = page.locator(`#operations-${operationId}`);
  await operation.locator(".opblock-summary").click();
  await operation.locator(".try-out__btn").click();
  await operation.locator(".execute").click();
  const status = operation.locator(".live-responses-table tbody .response-col_status").first();
  await status.waitFor({ timeout: 15000 });
  await status.scrollIntoViewIfNeeded();
  return (await status.innerText()).trim();
}

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
  await authorize(page, token);
  const code = await tryOut(page, "complaints-list_complaints");
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

  const filing = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await filing.goto(`${base}/swagger-ui/`);
  await authorize(filing, consumer);
  const filed = await tryOut(filing, "complaints-file_complaint");
  if (filed !== "201") {
    const body = await filing.locator("#operations-complaints-file_complaint .live-responses-table .response-col_description").first().innerText();
    console.error(`Swagger UI's own example for POST /api/v1/complaints answered ${filed}: ${body}`);
    process.exit(1);
  }
  console.log("Swagger UI: as a consumer, tried POST /api/v1/complaints with the body it fills in, saw 201");
} finally {
  await browser.close();
}
