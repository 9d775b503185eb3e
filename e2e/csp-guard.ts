// Playwright's `test`, with one addition every spec gets: the browser must report no Content-Security-Policy
// violation on any page the test visits (a blocked script or style would leave a page half-working, and silently).
// The listener is added before any page script runs, through the DevTools protocol, which the policy does not govern.
import { expect, test as base } from "@playwright/test";

export const test = base.extend<{ contentSecurityPolicyViolations: string[] }>({
  contentSecurityPolicyViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const blocked = event.blockedURI || "inline";
          console.error(`CSP violation: ${event.effectiveDirective} blocked ${blocked} ${event.sample}`);
        });
      });
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() !== "error" || !/CSP violation|Content Security Policy/i.test(text)) return;
        violations.push(`${page.url()}: ${text}`);
      });
      await use(violations);
      expect(violations, "Content-Security-Policy violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
