// Drives VS Code (code-server) in headless Chromium with playwright-core; called by
// run-vscode-web.sh, which starts code-server with the iovctl extension installed.
// Checks, from the page: the Problems panel lists iovc's codes (those `iovc check` gives), a
// completion in a VF section offers `mac-addr`, hover on `num-queues` shows its doc, the quick fix
// for `mac-adr` rewrites the text, Format Document gives what `iovc fmt` gives, the workspace is
// in Restricted Mode and the script its settings name as iovc.path never ran; the code lens over PF
// shows the VF count and the schema.
// Exit: 0 passed, 1 a check failed, 3 Chromium could not be started.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { chromium } = require('playwright-core');

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, '')] = process.argv[i + 1];
const out = args.out;
const logFile = path.join(out, 'vscode-web.log');
fs.writeFileSync(logFile, '');
const log = (m) => {
  const line = `[${((Date.now() - t0) / 1000).toFixed(1)} s] ${m}`;
  console.log('vscode-web: ' + line);
  fs.appendFileSync(logFile, line + '\n');
};
const t0 = Date.now();
const failures = [];
const check = (ok, what) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
// the doc of ixl's num-queues (driver-plugins/ixl IxlPlugin), which the hover must show
const NUM_QUEUES_DOC = 'Queue pairs the VF gets';

let browser;
const deadline = setTimeout(async () => {
  log('FAIL overall timeout (330 s)');
  try { if (browser) await browser.close(); } catch (e) { /* closing anyway */ }
  process.exit(1);
}, 330000);

const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

async function main() {
  try {
    browser = await chromium.launch({
      executablePath: args.chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      timeout: 60000,
    });
  } catch (e) {
    log(`cannot start Chromium: ${e.message}`);
    process.exit(3);
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30000);
  const mod = 'Control';

  async function palette(text) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(text);
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
  }
  async function goTo(line, col) {
    await palette(`:${line}:${col}`);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }
  async function editorText() {
    const lines = await page.locator('.monaco-editor .view-lines .view-line').evaluateAll((els) =>
      els.map((e) => ({ top: parseFloat(e.style.top) || 0, text: e.textContent })));
    return norm(lines.sort((a, b) => a.top - b.top).map((l) => l.text).join('\n'));
  }

  log(`open ${args.url}`);
  await page.goto(args.url, { waitUntil: 'domcontentloaded', timeout: 60000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 90000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 }).catch(() => {});
  log('workbench loaded');

  // open the file through Quick Open
  await page.keyboard.press(`${mod}+P`);
  const qi = page.locator('.quick-input-widget input');
  await qi.waitFor({ state: 'visible' });
  await qi.fill('ixl1.conf');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'ixl1.conf' }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.monaco-editor .view-lines').first().waitFor();
  log('file opened');

  // Restricted Mode: the workspace is not trusted (the indicator sits in the status bar)
  const restricted = page.locator('.statusbar', { hasText: 'Restricted Mode' });
  check(await restricted.waitFor({ timeout: 30000 }).then(() => true, () => false), 'the workspace is in Restricted Mode (untrusted)');

  // diagnostics: squiggles in the editor, then the Problems panel with every code iovc check gives
  const expected = fs.readFileSync(args.expected, 'utf8').trim().split('\n').map((l) => l.split(' '));
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90000 });
  log('squiggles shown');
  await page.keyboard.press(`${mod}+Shift+M`);
  const markers = page.locator('.markers-panel');
  await markers.waitFor({ state: 'visible' });
  const codes = [...new Set(expected.map((e) => e[1]))];
  let panel = '';
  for (let i = 0; i < 40; i++) {
    panel = norm(await markers.innerText());
    if (codes.every((c) => panel.includes(c))) break;
    await page.waitForTimeout(250);
  }
  for (const c of codes) check(panel.includes(c), `Problems panel shows ${c}`);
  check(/unknown parameter `mac-adr` in VF-0\s*iovc\s*\(?IOV201\)?\s*\[Ln 12, Col 2\]/.test(panel), 'Problems panel: the IOV201 for mac-adr at [Ln 12, Col 2]');
  await page.screenshot({ path: path.join(out, 'vscode-diagnostics.png') });
  log('screenshot vscode-diagnostics.png');

  // the code lens over PF: the VF count and the schema with what chose it (num_vfs = 2.9 is 2)
  // (VS Code asks for lenses some time after opening; on a loaded machine that took over 30 s)
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 200, y: 5 } });
  let lensText = '';
  try {
    await page.locator('.monaco-editor .codelens-decoration').first().waitFor({ state: 'visible', timeout: 60000 });
    for (let i = 0; i < 40 && !lensText.includes('schema: ixl'); i++) {
      lensText = norm((await page.locator('.monaco-editor .codelens-decoration').allInnerTexts()).join(' | '));
      await page.waitForTimeout(250);
    }
  } catch (e) { log(`no code lens: ${e.message.split('\n')[0]}`); }
  check(/\b2 VFs\b/.test(lensText) && lensText.includes('schema: ixl, chosen by PF.device ixl1'), `code lens over PF: ${JSON.stringify(lensText)}`);
  await page.screenshot({ path: path.join(out, 'vscode-codelens.png') });

  // back to the editor
  await page.locator('.monaco-editor .view-lines').first().click({ position: { x: 200, y: 5 } });

  // hover on num-queues in DEFAULT (line 8)
  await goTo(8, 3);
  await palette('>Show or Focus Hover');
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents').first();
  let hoverText = '';
  try {
    await hover.waitFor({ state: 'visible', timeout: 20000 });
    for (let i = 0; i < 20 && !hoverText.includes(NUM_QUEUES_DOC); i++) {
      hoverText = norm(await page.locator('.monaco-hover:not(.hidden)').first().innerText());
      await page.waitForTimeout(250);
    }
  } catch (e) { log(`no hover: ${e.message.split('\n')[0]}`); }
  check(hoverText.includes(NUM_QUEUES_DOC) && hoverText.includes('num-queues'), `hover shows num-queues' doc: ${JSON.stringify(hoverText.slice(0, 160))}`);
  await page.screenshot({ path: path.join(out, 'vscode-hover.png') });
  log('screenshot vscode-hover.png');
  await page.keyboard.press('Escape');

  // completion on the empty line 13, inside VF-0
  await goTo(13, 1);
  await page.keyboard.press(`${mod}+Space`);
  const suggest = page.locator('.suggest-widget.visible');
  let labels = [];
  try {
    await suggest.waitFor({ state: 'visible', timeout: 20000 });
    await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
    labels = (await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts()).map(norm);
  } catch (e) { log(`no completion: ${e.message.split('\n')[0]}`); }
  check(labels.includes('mac-addr'), `completion in VF-0 offers mac-addr: ${labels.join(', ')}`);
  await page.screenshot({ path: path.join(out, 'vscode-completion.png') });
  await page.keyboard.press('Escape');

  // quick fix on mac-adr (line 12): the fix "change to `mac-addr`"
  await goTo(12, 3);
  await page.keyboard.press(`${mod}+.`);
  const rows = page.locator('.action-widget .monaco-list-row');
  try {
    await rows.filter({ hasText: 'mac-addr' }).first().waitFor({ state: 'visible', timeout: 20000 });
    log(`quick fixes: ${norm((await rows.allInnerTexts()).join('; '))}`);
    // the keyboard, as a user would: move the focus to the fix, then Enter
    for (let i = 0; i < 8; i++) {
      const focused = norm(await page.locator('.action-widget .monaco-list-row.focused').first().innerText().catch(() => ''));
      if (focused.includes('change to `mac-addr`')) break;
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(100);
    }
    await page.keyboard.press('Enter');
  } catch (e) { log(`no quick fix: ${e.message.split('\n')[0]}`); await page.keyboard.press('Escape'); }
  let text = '';
  for (let i = 0; i < 20; i++) {
    text = await editorText();
    if (/^\s*mac-addr = /m.test(text)) break;
    await page.waitForTimeout(250);
  }
  check(/^\s*mac-addr = "02:00:00:00:00:01";/m.test(text) && !/mac-adr\b/.test(text), 'the quick fix rewrote mac-adr to mac-addr');

  // save, Format Document, save: the file on disk must be what `iovc fmt` makes of the saved one
  // (wait for the save to reach the disk: on a loaded machine 500 ms was not enough)
  await page.keyboard.press(`${mod}+S`);
  let before = '';
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    before = fs.readFileSync(args.file, 'utf8');
    if (/mac-addr = /.test(before)) break;
  }
  const want = execFileSync(args.iovc, ['fmt', '-'], { input: before }).toString();
  check(before !== want, 'the file needs formatting before Format Document');
  await palette('>Format Document');
  await page.waitForTimeout(300);
  let after = '';
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(`${mod}+S`);
    await page.waitForTimeout(250);
    after = fs.readFileSync(args.file, 'utf8');
    if (after === want) break;
  }
  check(after === want, 'Format Document gives exactly `iovc fmt`');
  if (after !== want) log(`formatted:\n${after}\nexpected:\n${want}`);
  await page.screenshot({ path: path.join(out, 'vscode-formatted.png') });

  // the workspace's iovc.path (./tools/x.sh) never ran, though the server did
  check(!fs.existsSync(args.marker), `the workspace's "iovc.path": "./tools/x.sh" was not run${fs.existsSync(args.marker) ? ': ' + fs.readFileSync(args.marker, 'utf8') : ''}`);

  await browser.close();
  browser = undefined;
  clearTimeout(deadline);
  log(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
  process.exit(failures.length ? 1 : 0);
}

main().catch(async (e) => {
  log(`FAIL ${e.stack || e}`);
  try {
    const pages = browser ? browser.contexts().flatMap((c) => c.pages()) : [];
    if (pages[0]) await pages[0].screenshot({ path: path.join(out, 'vscode-failure.png') });
  } catch (e2) { /* best effort */ }
  try { if (browser) await browser.close(); } catch (e3) { /* closing anyway */ }
  process.exit(1);
});
