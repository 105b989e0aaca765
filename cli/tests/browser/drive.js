// Drives a `pdx preview` page in headless Chromium (Debian's /usr/bin/chromium) and prints what it shows as JSON.
// Usage: node drive.js URL STEPS_JSON OUT_DIR
// STEPS_JSON is a list of steps run in order; each `observe` step adds the page's state to the report. No sleeps:
// every step waits for what it needs through Playwright's auto-waiting locators.
"use strict";

const { chromium } = require("playwright-core");
const fs = require("fs");
const os = require("os");
const path = require("path");

// What the page shows: panels (objects, fields, colours, links, menus, footer) and modals (blocks, items, buttons).
function observe() {
  const text = (e) => (e ? e.textContent.trim() : null);
  const shown = (e) => !!e && e.offsetParent !== null;
  const problems = (root) => [...root.querySelectorAll(".pdx-problem")].map((p) => ({
    pointer: p.dataset.pointer,
    text: p.textContent.trim(),
    field: p.closest("[data-key]") ? p.closest("[data-key]").dataset.key : null,
    block: p.closest("[data-block]") ? p.closest("[data-block]").dataset.block : null,
  }));
  const panels = [...document.querySelectorAll(".pdx-panel")].map((panel) => ({
    name: text(panel.querySelector(".pdx-panel-name")),
    nothing: text(panel.querySelector(".pdx-nothing")),
    error: panel.querySelector(".pdx-error-state") ? {
      title: text(panel.querySelector(".pdx-error-title")),
      subtitle: text(panel.querySelector(".pdx-error-subtitle")),
      action: text(panel.querySelector(".pdx-error-state .pdx-button")),
    } : null,
    menu: [...panel.querySelectorAll(".pdx-panel-menu .pdx-menu-item")].map((a) => ({ text: text(a), href: a.getAttribute("href") })),
    objects: [...panel.querySelectorAll(".pdx-object")].map((o) => ({
      header: text(o.querySelector(".pdx-object-header")),
      menu: [...o.querySelectorAll(".pdx-object-menu .pdx-menu-item")].map(text),
      fields: [...o.querySelectorAll(".pdx-field")].map((f) => {
        const value = f.querySelector(".pdx-field-value");
        const label = value.querySelector(".pdx-label");
        return {
          key: f.dataset.key,
          type: f.dataset.type,
          label: text(f.querySelector(".pdx-field-label")),
          value: text(value),
          color: label ? getComputedStyle(label).backgroundColor : null,
          tags: [...value.querySelectorAll(".pdx-tag")].map(text),
          strong: [...value.querySelectorAll("strong")].map(text),
          links: [...value.querySelectorAll("a")].map((a) => ({ text: text(a), href: a.getAttribute("href"), target: a.getAttribute("target") })),
          images: value.querySelectorAll("img,script,iframe").length,
          action: text(value.querySelector(".pdx-field-action")),
        };
      }),
    })),
    footer: [...panel.querySelectorAll(".pdx-panel-foot .pdx-button, .pdx-panel-foot .pdx-menu-item")].map((b) => ({ text: text(b), href: b.getAttribute("href") })),
    problems: problems(panel),
  }));
  const modals = [...document.querySelectorAll(".pdx-modal")].map((m) => ({
    name: text(m.querySelector(".pdx-modal-head span")),
    closed: text(m.querySelector(".pdx-closed")),
    globalError: text(m.querySelector(".pdx-global-error")),
    blocks: [...m.querySelectorAll(".pdx-block")].map((b) => {
      const control = b.querySelector("input:not([type=radio]):not([type=checkbox]), textarea, select");
      return {
        key: b.dataset.block,
        visible: shown(b),
        label: b.querySelector(".pdx-block-label") ? b.querySelector(".pdx-block-label").firstChild.textContent : null,
        required: !!b.querySelector(".pdx-required"),
        placeholder: control ? control.getAttribute("placeholder") || (control.tagName === "SELECT" ? text(control.querySelector(".pdx-placeholder")) : null) : null,
        value: control && control.tagName !== "SELECT" ? control.value : null,
        items: [...b.querySelectorAll("option:not(.pdx-placeholder), .pdx-choice")].filter((o) => o.style.display !== "none").map((o) => ({ label: text(o), control: o.tagName === "OPTION" ? "option" : o.querySelector("input").type, disabled: o.tagName === "OPTION" ? o.disabled : !!o.querySelector("input").disabled, checked: o.tagName === "OPTION" ? o.selected : o.querySelector("input").checked })),
        message: text(b.querySelector(".pdx-block-message")),
        error: text(b.querySelector(".pdx-block-error")),
        text: b.querySelector(".pdx-markdown, .pdx-text") ? text(b.querySelector(".pdx-markdown, .pdx-text")) : null,
      };
    }),
    buttons: [...m.querySelectorAll(".pdx-modal-foot button")].map((b) => ({ key: b.dataset.action, text: text(b), disabled: b.disabled, primary: b.classList.contains("pdx-primary") })),
    problems: problems(m),
  }));
  const snackbar = document.querySelector(".pdx-snackbar");
  return {
    panels,
    modals,
    skipped: [...document.querySelectorAll(".pdx-skipped-entry")].map((s) => ({ pointer: s.dataset.pointer, head: text(s.querySelector(".pdx-log-head")), note: text(s.querySelector(".pdx-skipped-note")) })),
    snackbar: snackbar ? { message: text(snackbar.querySelector(".pdx-snackbar-message")), link: snackbar.querySelector("a") ? snackbar.querySelector("a").getAttribute("href") : null } : null,
    log: [...document.querySelectorAll(".pdx-log-entry")].map((e) => ({ head: text(e.querySelector(".pdx-log-head")), request: text(e.querySelector(".pdx-log-request")), response: text(e.querySelector(".pdx-log-response")) })),
  };
}

async function main() {
  const [url, stepsJson, outDir] = process.argv.slice(2);
  const steps = JSON.parse(stepsJson);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdx-chromium-"));
  // A fresh profile each run (Playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.PDX_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  const report = { observations: {}, errors: [] };
  try {
    const page = browser.pages()[0] || (await browser.newPage());
    page.on("pageerror", (e) => report.errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
    // Generous: several browsers may share two cores while the test suite runs.
    page.setDefaultTimeout(30000);
    await page.goto(url);
    await page.locator("body[data-ready=true]").waitFor({ state: "attached" });
    for (const step of steps) {
      const block = (key) => page.locator(`[data-block="${key}"]`);
      if (step.observe) report.observations[step.observe] = await page.evaluate(observe);
      else if (step.waitFor) await page.locator(step.waitFor).first().waitFor();
      else if (step.waitText) await page.locator(step.waitText[0], { hasText: step.waitText[1] }).first().waitFor({ state: "attached" });
      else if (step.fill) await block(step.fill[0]).locator("input, textarea").first().fill(step.fill[1]);
      else if (step.select) await block(step.select[0]).locator("select").selectOption({ label: step.select[1] });
      else if (step.check) await block(step.check[0]).locator(".pdx-choice", { hasText: step.check[1] }).locator("input").check();
      else if (step.uncheck) await block(step.uncheck[0]).locator(".pdx-choice", { hasText: step.uncheck[1] }).locator("input").uncheck();
      else if (step.click) await page.locator(step.click).first().click();
      else if (step.screenshot) {
        const target = step.element ? page.locator(step.element).first() : page;
        await target.screenshot({ path: path.join(outDir, step.screenshot + ".png") });
      } else throw new Error("unknown step " + JSON.stringify(step));
    }
  } finally {
    await browser.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + "\n"); process.exit(1); });
