// End-to-end tests of the web console in Debian's chromium (playwright-core, no downloaded
// browser): a small synthetic city served by the real API, one account per role. Screenshots of
// every page go to docs/screenshots/. Skipped, with a message, where /usr/bin/chromium is absent.

import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/access/accounts.js';
import { makeApiFixture, testPassword, type ApiFixture } from '../../src/test-support/api.js';
import { storeFactories } from '../../src/test-support/stores.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const repo = fileURLToPath(new URL('../../', import.meta.url));
const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));
const shots = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/** Message-id shaped text (`nav.people`) must never reach the screen. */
const RAW_KEY = /\b(app|nav|common|error|welcome|login|user|users|role|kpi|people|person|floating|sex|field|provenance|rule|history|record|conflict|relation|reltype|relrole|reveal|purpose|code|codes|codereason|source|kind|fact|run|job|quarantine|reason|upload|review|cmp|level|unreg|audit|proof|outcome|action)\.[a-z][a-z_]+\b/;

const MENUS: Record<string, string[]> = {
  admin1: ['指标看板', '人员查询', '服务码核验', '数据源', '比对审核', '漏登排查', '审计日志', '账号管理'],
  auditor1: ['指标看板', '审计日志'],
  analyst1: ['指标看板', '数据源'],
  officer1: ['指标看板', '人员查询', '数据源', '比对审核', '漏登排查'],
  grid1: ['指标看板', '人员查询', '漏登排查'],
  clerk1: ['指标看板', '人员查询', '服务码核验'],
  resident1: ['我的服务码'],
};

/** GB 11643 check character, for the synthetic upload's id numbers. */
function idCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

const WAIT = 15_000;

async function seen(l: Locator, timeout = WAIT): Promise<void> {
  await l.first().waitFor({ state: 'visible', timeout });
}

function textOf(l: Locator): Promise<string> {
  return l.first().innerText({ timeout: 1000 }).catch(() => '');
}

async function text(l: Locator, want: string | RegExp, timeout = WAIT): Promise<void> {
  if (typeof want === 'string') await expect.poll(() => textOf(l), { timeout }).toContain(want);
  else await expect.poll(() => textOf(l), { timeout }).toMatch(want);
}

async function exact(l: Locator, want: string, timeout = WAIT): Promise<void> {
  await expect.poll(async () => (await textOf(l)).trim(), { timeout }).toBe(want);
}

/**
 * Chooses `option` in the antd select labelled `label`. On a loaded machine a click can land while
 * the list is still opening and be lost, leaving the list open over the dialog: choose again until
 * the list has closed (a purpose not chosen fails the reveal that follows).
 */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const item = page.locator(`.ant-select-item-option[title="${option}"]`);
  for (let attempt = 1; ; attempt++) {
    if (!(await item.isVisible())) await page.getByLabel(label).click();
    await item.click();
    if (await item.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false)) return;
    if (attempt === 3) throw new Error(`could not choose ${option} in ${label}`);
  }
}

const describeBrowser = haveChromium ? describe : describe.skip;
const title = haveChromium ? 'web console in chromium' : `web console in chromium — SKIPPED: ${CHROMIUM} not found (install the Debian chromium package to run the browser tests)`;

describeBrowser(title, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    if (!existsSync(`${webRoot}/index.html`)) {
      const { build } = await import('vite');
      await build({ configFile: `${repo}web/vite.config.ts`, logLevel: 'warn' });
    }
    mkdirSync(shots, { recursive: true });
    // YIMA_E2E_PERSONS=20000 runs the same tests on a city the size of `yima demo`'s.
    fx = await makeApiFixture(storeFactories[0]!, Number(process.env.YIMA_E2E_PERSONS ?? 400), { webRoot, listen: true });
    await addUser(fx.store, { username: 'locked1', role: 'clerk', password: testPassword }, fx.node.region, fx.clock.now);
    const address = fx.server.server.address();
    if (address === null || typeof address === 'string') throw new Error('server has no port');
    base = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await fx?.close();
    if (Object.keys(figures).length > 0) console.log('browser figures (ms):', JSON.stringify(figures));
  });

  async function newPage(viewport = DESKTOP, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<Page> {
    const context = await browser.newContext({ viewport, locale, deviceScaleFactor: 1, acceptDownloads: true });
    contexts.push(context);
    if (locale === 'en') await context.addInitScript(() => localStorage.setItem('yima.locale', 'en'));
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
    return page;
  }

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(testPassword);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  }

  async function shot(page: Page, name: string, fullPage = false): Promise<void> {
    await page.waitForLoadState('networkidle');
    // settle animations of antd (tags, tabs) before the picture
    await page.waitForTimeout(300);
    const text = await page.locator('body').innerText();
    expect(text, `raw message key on ${name}`).not.toMatch(RAW_KEY);
    await page.screenshot({ path: `${shots}/${name}.png`, fullPage });
  }

  async function menuItems(page: Page): Promise<string[]> {
    return (await page.locator('.shell-sider .ant-menu-item').allInnerTexts()).map((s) => s.trim());
  }

  async function apiStatus(page: Page, path: string): Promise<number> {
    return page.evaluate(async (p) => {
      const token = sessionStorage.getItem('yima.token') ?? '';
      const res = await fetch(p, { headers: { Authorization: `Bearer ${token}` } });
      await res.text(); // a body left unread keeps the request open for the page
      return res.status;
    }, path);
  }

  it('shows the login page and refuses a wrong password in Chinese, then in English', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await expect.poll(() => page.url()).toContain('/login');
    await page.getByLabel('用户名').fill('clerk1');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await seen(page.getByRole('alert').filter({ hasText: '用户名或密码错误' }));
    await shot(page, 'login');
    await page.getByText('EN', { exact: true }).click();
    await seen(page.getByLabel('User name'));
    await page.getByLabel('Password').fill('wrong-password-2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await seen(page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }));
    await shot(page, 'login-en');
  });

  it('shows the lock-out message after repeated failures', async () => {
    for (let i = 0; i < 5; i++) {
      await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'locked1', password: `bad-password-${i}` }) });
    }
    const page = await newPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill('locked1');
    await page.getByLabel('密码').fill(testPassword);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await seen(page.getByRole('alert').filter({ hasText: '账号已临时锁定' }));
    expect(await page.getByRole('alert').filter({ hasText: '分钟后再试' }).count()).toBe(1);
    await shot(page, 'login-locked');
  }, 30_000);

  it('logs in as each role and shows only the menu the role may use; the API refuses the rest', async () => {
    for (const [username, menu] of Object.entries(MENUS)) {
      const page = await newPage();
      await login(page, username);
      if (menu.length === 0) {
        await seen(page.getByText('当前账号没有可用的管理功能'));
      } else {
        await page.locator('.shell-sider .ant-menu-item').first().waitFor();
        expect(await menuItems(page), username).toEqual(menu);
      }
      if (username === 'auditor1' || username === 'analyst1' || username === 'resident1') {
        expect(await apiStatus(page, '/api/persons?q=zhang'), `${username} searching persons`).toBe(403);
      }
      if (username !== 'admin1' && username !== 'auditor1') expect(await apiStatus(page, '/api/audit/checkpoint'), `${username} reading the audit log`).toBe(403);
      if (username === 'resident1') {
        // A resident sees their own service code and who has read their record.
        await seen(page.locator('[data-testid="person-qr"]'));
        await seen(page.locator('[data-testid="access-log"]'));
        await shot(page, 'resident-my-code');
      }
      await page.context().close();
    }
  }, 120_000);

  it('shows the indicators on the dashboard, interactive in under 2 s', async () => {
    const page = await newPage();
    await login(page, 'analyst1');
    await page.goto(`${base}/dashboard`);
    await page.waitForFunction(() => performance.getEntriesByName('yima:kpi-table').length > 0 && performance.getEntriesByName('yima:kpi-chart').length > 0, null, { timeout: 10_000 });
    const ms = await page.evaluate(() => Math.max(...['yima:kpi-table', 'yima:kpi-chart'].map((n) => performance.getEntriesByName(n)[0]!.startTime)));
    figures.dashboard_interactive_ms = Math.round(ms);
    // The 2 s bar is a benchmark figure, measured with this file run alone (YIMA_E2E_BAR=1, see
    // docs/BENCHMARKS.md); inside the whole suite, sharing two cores with every other test, the
    // dashboard must still come up within a few seconds.
    expect(ms).toBeLessThan(process.env.YIMA_E2E_BAR === '1' ? 2000 : 8000);
    const rows = page.locator('[data-testid="kpi-table"] tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    await text(page.locator('[data-testid="kpi-table"]'), '基础信息准确率');
    await text(page.locator('[data-testid="kpi-table"]'), /达标|未达标|无数据/);
    await seen(page.locator('[data-testid="kpi-chart"][data-rendered="true"]'));
    await shot(page, 'dashboard');
    await page.locator('[data-testid="kpi-trend"][data-rendered="true"]').waitFor();
    await shot(page, 'dashboard-full', true);
    // a second visit with the code cached, as an official returning to the page sees it
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('yima:kpi-chart').length > 0, null, { timeout: 10_000 });
    figures.dashboard_interactive_warm_ms = Math.round(await page.evaluate(() => Math.max(...['yima:kpi-table', 'yima:kpi-chart'].map((n) => performance.getEntriesByName(n)[0]!.startTime))));
    await page.getByText('EN', { exact: true }).click();
    await text(page.locator('[data-testid="kpi-table"]'), /registration accuracy/i);
    await shot(page, 'dashboard-en');
  }, 60_000);

  it('finds a person by pinyin, opens them, reveals the id number for a purpose and the auditor verifies the audit entry', async () => {
    const candidates = await fx.store.resolution.kysely.selectFrom('persons').select(['person_id', 'name', 'id_number', 'birth_date']).where('name', 'is not', null).where('id_number', 'is not', null).where('birth_date', '<', '2000-01-01').orderBy('person_id').limit(200).execute();
    const person = candidates.find((c) => /^\p{Script=Han}{2,3}$/u.test(c.name ?? ''))!;
    expect(person).toBeDefined();
    const spelled = pinyin(person.name!, { toneType: 'none', type: 'array' }).join('');

    const page = await newPage();
    await login(page, 'clerk1');
    await page.goto(`${base}/people`);
    await page.getByLabel('查询条件').fill(spelled);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const link = page.locator(`[data-testid="people-results"] a[href="/people/${person.person_id}"]`);
    await link.waitFor();
    // masked id numbers in the results: first 6, last 4
    await text(page.locator('[data-testid="people-results"]'), '********');
    await shot(page, 'people');
    await link.click();
    await page.waitForURL(`**/people/${person.person_id}`);
    const golden = page.locator('[data-testid="golden-table"]');
    await text(golden, '公民身份号码');
    await shot(page, 'person');
    await page.getByRole('button', { name: '查看完整公民身份号码' }).click();
    await choose(page, '使用目的', '登记核验');
    await shot(page, 'person-reveal-dialog');
    await page.getByRole('button', { name: '确认查看' }).click();
    const revealed = page.locator('[data-testid="revealed-id_number"]');
    await exact(revealed, person.id_number!);
    const auditTag = (await page.locator('[data-testid="revealed-id_number-audit"]').innerText()).trim();
    const index = Number(/#(\d+)/.exec(auditTag)![1]);
    await shot(page, 'person-revealed');
    await page.getByRole('tab', { name: /服务码/ }).click();
    await seen(page.locator('[data-testid="person-qr"]'));
    await page.locator('[data-testid="person-qr"]').scrollIntoViewIfNeeded();
    await shot(page, 'person-code');

    const auditor = await newPage();
    await login(auditor, 'auditor1');
    await auditor.goto(`${base}/audit?action=reveal`);
    const row = auditor.locator('[data-testid="audit-table"] tr.ant-table-row', { has: auditor.locator('td').first().filter({ hasText: new RegExp(`^${index}$`) }) });
    await text(row, 'clerk1');
    await text(row, '登记核验');
    await auditor.getByRole('button', { name: `验证第 ${index} 条的包含证明` }).click();
    await seen(auditor.locator(`[data-testid="proof-ok-${index}"]`));
    await shot(auditor, 'audit');
  }, 60_000);

  it('decides a review pair', async () => {
    const page = await newPage();
    await login(page, 'admin1');
    await page.goto(`${base}/review`);
    await page.waitForLoadState('networkidle');
    const pairs = page.locator('[data-testid="review-pair"]');
    const before = await pairs.count();
    expect(before, 'the synthetic city leaves pairs for review').toBeGreaterThan(0);
    await text(pairs.first(), '匹配概率');
    await shot(page, 'review');
    await pairs.first().getByRole('button', { name: /同一人/ }).first().click();
    await seen(page.getByText('已判定为同一人'));
    await expect.poll(() => pairs.count()).toBe(before - 1);
    await page.getByRole('tab', { name: /信息冲突/ }).click();
    await shot(page, 'conflicts');
    // Settle a conflict: the chosen value becomes the golden one and the conflict leaves the list.
    const choices = page.locator('[data-testid="conflict-choose"]');
    await choices.first().waitFor();
    const rowsBefore = await page.locator('.ant-tabs-tabpane-active tr.ant-table-row').count();
    await choices.first().click();
    await seen(page.getByText('已采用，主档案已更新'));
    await expect.poll(() => page.locator('.ant-tabs-tabpane-active tr.ant-table-row').count()).toBeLessThan(Math.max(rowsBefore, 21));
  }, 60_000);

  it('uploads a department file with its mapping and shows its rows', async () => {
    const mapping = {
      source: 'e2e_grid',
      kind: 'grid_collection',
      department: '街道网格办',
      record_id: '编号',
      observed_at: '采集日期',
      roles: { subject: { name: '姓名', id_number: '身份证号', phone: '电话', residence_address: '住址' } },
      relations: [],
      facts: { collected_at: '采集日期', grid_id: '网格' },
    };
    const ids = ['4401061990010100', '4401061985050500', '4401061979121200', '4401062001072000'].map((s, i) => {
      const first17 = `${s}${i + 1}`;
      return first17 + idCheck(first17);
    });
    const lines = ['编号,姓名,身份证号,电话,住址,采集日期,网格'];
    ['测试甲', '测试乙', '测试丙', '测试丁'].forEach((n, i) => lines.push(`G${i + 1},${n},${ids[i]},1380000000${i},广东省深圳市罗湖区测试路${i + 1}号,2025-06-20,G-01`));
    lines.push('G5,,,,,2025-06-20,G-01');
    const page = await newPage();
    await login(page, 'admin1');
    await page.goto(`${base}/sources`);
    await page.getByLabel('映射文件（JSON）').setInputFiles({ name: 'e2e_grid.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mapping, null, 2)) });
    await expect.poll(() => page.getByLabel('映射内容').inputValue()).toMatch(/e2e_grid/);
    await page.getByLabel('数据文件').setInputFiles({ name: 'e2e_grid.csv', mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
    await page.getByRole('button', { name: /上传并导入/ }).click();
    await seen(page.getByText('导入完成'), 30_000);
    await exact(page.locator('[data-testid="upload-rows-read"]'), '5');
    await exact(page.locator('[data-testid="upload-accepted"]'), '4');
    await exact(page.locator('[data-testid="upload-quarantined"]'), '1');
    await text(page.locator('[data-testid="sources-table"]'), 'e2e_grid');
    await text(page.locator('[data-testid="runs-table"]'), 'e2e_grid.csv');
    await shot(page, 'sources');
    await page.getByRole('tab', { name: '隔离记录' }).click();
    await seen(page.getByText('缺少姓名和证件号').first());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载隔离记录/ }).click()]);
    expect(download.suggestedFilename()).toBe('quarantine-e2e_grid.xlsx');
    await shot(page, 'sources-quarantine');
  }, 60_000);

  it('keeps a grid worker inside their region, on a phone too', async () => {
    const own = await fx.store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', fx.gridRegion).orderBy('person_id').executeTakeFirstOrThrow();
    const other = await fx.store.resolution.kysely.selectFrom('persons').select('person_id').where('residence_region', '=', fx.otherRegion).orderBy('person_id').executeTakeFirstOrThrow();
    const page = await newPage(PHONE);
    await login(page, 'grid1');
    await page.goto(`${base}/people/${other.person_id}`);
    await text(page.getByRole('alert'), '未找到');
    expect(await apiStatus(page, `/api/persons/${other.person_id}`)).toBe(404);
    await shot(page, 'phone-grid-denied');
    await page.goto(`${base}/people/${own.person_id}`);
    await seen(page.locator('[data-testid="golden-table"]'));
    await shot(page, 'phone-person');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await text(page.getByRole('dialog'), '漏登排查');
    await shot(page, 'phone-menu');
    await page.getByRole('dialog').getByText('漏登排查').click();
    await page.waitForURL('**/unregistered');
    await seen(page.locator('[data-testid="unregistered-table"]'));
    await shot(page, 'phone-unregistered');
    await page.goto(`${base}/dashboard`);
    await page.locator('[data-testid="kpi-chart"][data-rendered="true"]').waitFor();
    await shot(page, 'phone-dashboard');
  }, 60_000);

  it('lists the unregistered by district for door-to-door visits and exports them', async () => {
    const page = await newPage();
    await login(page, 'admin1');
    await page.goto(`${base}/unregistered`);
    await seen(page.locator('[data-testid="unregistered-table"] tbody tr.ant-table-row').first());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出入户核查表/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^unregistered.*\.xlsx$/);
    await shot(page, 'unregistered');
  }, 60_000);

  it('verifies service codes at the window and lists accounts for the administrator', async () => {
    const page = await newPage();
    await login(page, 'clerk1');
    await page.goto(`${base}/codes`);
    await page.getByLabel('服务码').fill('not-a-code');
    await page.getByRole('button', { name: /核\s*验/ }).click();
    await seen(page.getByText('服务码无效'));
    await shot(page, 'codes');
    const admin = await newPage();
    await login(admin, 'admin1');
    await admin.goto(`${base}/users`);
    await text(admin.locator('table'), 'grid1');
    await shot(admin, 'users');
  }, 60_000);

  it('can be used with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(`${base}/login`);
    // the user name field takes the focus by itself
    await expect.poll(() => page.getByLabel('用户名').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('grid1');
    await page.keyboard.press('Tab');
    await page.keyboard.type(testPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    // the first Tab reaches the skip link, which moves focus to the content
    await page.keyboard.press('Tab');
    await expect.poll(() => page.locator('.skip-link').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
  }, 30_000);

  it('raised no script errors in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
