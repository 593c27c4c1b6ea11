import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { withTimeout } from './timeouts.ts';

const chromiumPath = '/usr/bin/chromium';
const webRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const screenshotDir = join(webRoot, 'test-output/screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium; installed on first use when missing (browser downloads do not work here). */
function ensureChromium(): void {
  if (existsSync(chromiumPath)) return;
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', timeout: 600_000 });
}

export interface TestBrowser {
  browser: Browser;
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  ensureChromium();
  mkdirSync(screenshotDir, { recursive: true });
  const browser = await withTimeout(chromium.launch({
    executablePath: chromiumPath,
    timeout: 30_000,
    // The fake devices and permission prompt let a test record: getUserMedia gets a synthetic camera and microphone,
    // getDisplayMedia a synthetic screen, both granted without a prompt.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  }), 40_000, 'Chromium to launch'); // Playwright gives every launch a fresh temporary profile.
  return {
    browser,
    async context() {
      const context = await withTimeout(browser.newContext({ viewport: { width: 1280, height: 900 } }), 15_000, 'a browser context');
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(20_000);
      return context;
    },
    async close() {
      await withTimeout(browser.close(), 20_000, 'Chromium to close').catch(() => undefined);
    },
  };
}

/** Fails the test on any error the page logs, so a broken screen cannot pass quietly. */
export function watchErrors(page: Page, label: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`${label}: ${e.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await withTimeout(page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true, timeout: 15_000 }), 20_000, `screenshot ${name}`);
}

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

/** Runs axe-core in the page (WCAG 2.0–2.2 A/AA) and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await withTimeout(page.evaluate(() => 'axe' in window), 10_000, 'the page to answer'))) {
    await withTimeout(page.addScriptTag({ content: axeSource }), 15_000, 'axe-core to load');
  }
  const violations = await withTimeout(page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }), 30_000, 'axe to run');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(screen: string, violations: AxeViolation[]): string {
  return `${screen} has accessibility violations:\n` + violations.map((v) =>
    `- ${v.id} (${v.impact}): ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')).join('\n');
}

/** Fails the test with a readable list when axe finds serious or critical violations on the page as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], describeViolations(screen, violations));
}
