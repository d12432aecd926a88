import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

/*
 * The catalog in the browser, against the demo organisation (examples/demo): the table with its
 * filters in the URL, entity pages, stars, a group's ownership, the relations graph, and
 * registering and unregistering a location. Expected rows come from the catalog's API, so the
 * page is checked against what the server holds rather than against numbers copied here.
 */

interface EntityRow {
  kind: string;
  metadata: { name: string; title?: string };
}

/** Names shown in the table for a by-query predicate, as the API answers it. */
async function expectedTitles(request: APIRequestContext, query: unknown): Promise<string[]> {
  const response = await request.post('/api/catalog/entities/by-query', {
    data: { query, limit: 100, orderBy: [{ field: 'metadata.name', order: 'asc' }], fields: ['kind', 'metadata.name', 'metadata.title'] },
    headers: { 'X-Requested-With': 'portico' },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: EntityRow[] };
  return body.items.map((item) => item.metadata.title ?? item.metadata.name);
}

/** Like expectedTitles, with the catalog page's text filter. */
async function expectedTitlesWithText(request: APIRequestContext, query: unknown, term: string): Promise<string[]> {
  const response = await request.post('/api/catalog/entities/by-query', {
    data: {
      query,
      fullTextFilter: { term, fields: ['metadata.name', 'metadata.title', 'metadata.description', 'spec.profile.displayName'] },
      limit: 100,
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
      fields: ['kind', 'metadata.name', 'metadata.title'],
    },
    headers: { 'X-Requested-With': 'portico' },
  });
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: EntityRow[] };
  return body.items.map((item) => item.metadata.title ?? item.metadata.name);
}

/** The entity names in the catalog table, in order. */
async function tableTitles(page: Page, tableName: string): Promise<string[]> {
  const table = page.getByRole('table', { name: tableName });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  return table.locator('tbody tr a[data-entity-ref]').allInnerTexts();
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test.describe('catalog', () => {
  test('filters by owner and tag, and the shared URL shows the same rows', async ({ page, request, context }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog' }).click();
    await expect(page).toHaveTitle(/^Catalog · /);
    await expect(page.getByRole('tab', { name: /Components/, selected: true })).toBeVisible();

    await page.getByRole('combobox', { name: 'Owner' }).click();
    await page.getByRole('option', { name: /^billing/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Tags' }).click();
    await page.getByRole('option', { name: /^nodejs/ }).click();
    await page.keyboard.press('Escape');

    await expect(page).toHaveURL(/owner=group%3Adefault%2Fbilling/);
    await expect(page).toHaveURL(/tag=nodejs/);
    const expected = await expectedTitles(request, {
      $all: [{ kind: 'component' }, { 'relations.ownedBy': 'group:default/billing' }, { 'metadata.tags': 'nodejs' }],
    });
    expect(expected.length).toBeGreaterThan(0);
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(expected);
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^${expected.length} components of \\d+$`));

    // The same URL in a fresh tab: same filters selected, same rows.
    const shared = page.url();
    const other = await context.newPage();
    await other.goto(shared);
    await expect(other.getByRole('combobox', { name: 'Owner' }).locator('xpath=..')).toContainText('billing');
    await expect.poll(() => tableTitles(other, 'Components')).toEqual(expected);
    await other.close();

    await page.reload();
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(expected);
    await page.getByRole('button', { name: 'Clear all' }).click();
    await expect(page).not.toHaveURL(/owner=/);
    expect(errors).toEqual([]);
  });

  test('the text filter, sorting and the kind tabs keep their state in the URL', async ({ page, request }) => {
    await page.goto('/catalog');
    const filter = page.getByRole('textbox', { name: 'Filter components' });
    await filter.fill('carrier');
    await expect(page).toHaveURL(/q=carrier/);
    const matching = await expectedTitlesWithText(request, { kind: 'component' }, 'carrier');
    expect(matching.length).toBeGreaterThan(1);
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(matching);
    const names = await tableTitles(page, 'Components');

    await page.getByRole('button', { name: 'Name' }).click();
    await expect(page).toHaveURL(/dir=desc/);
    await expect.poll(() => tableTitles(page, 'Components')).toEqual([...names].reverse());

    await page.getByRole('tab', { name: /APIs/ }).click();
    await expect(page).toHaveURL(/kind=api/);
    await expect(page).not.toHaveURL(/q=carrier/);
    const apis = await expectedTitles(request, { kind: 'api' });
    await expect.poll(() => tableTitles(page, 'APIs')).toEqual(apis);

    // The APIs section of the sidebar is the same table, fixed to APIs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'APIs' }).click();
    await expect(page).toHaveURL(/\/api-docs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'APIs' })).toBeVisible();
    await expect.poll(() => tableTitles(page, 'APIs')).toEqual(apis);
  });

  test('an entity page shows its relations and history', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/catalog');
    await page.getByRole('link', { name: 'Booking service', exact: true }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/component\/booking-service$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Booking service' })).toBeVisible();
    await expect(page).toHaveTitle(/^Booking service \(Component\) · /);

    const about = page.getByRole('region', { name: 'About' });
    await expect(about.getByRole('link', { name: 'shipper-experience', exact: true })).toBeVisible();
    await expect(about.getByRole('link', { name: 'booking', exact: true })).toBeVisible();

    await expect(page.getByRole('region', { name: 'Provided APIs' }).getByRole('link', { name: 'Booking API' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Consumed APIs' }).getByRole('link', { name: 'Quotes API' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Depends on' }).getByRole('link', { name: 'Booking database' })).toBeVisible();

    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByRole('list', { name: 'Changes' }).getByRole('listitem').first()).toContainText('Added');
    await expect(history).toContainText('catalog-info.yaml');

    // A relation leads to the related entity's page.
    await page.getByRole('region', { name: 'Provided APIs' }).getByRole('link', { name: 'Booking API' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Booking API' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Provided by' }).getByRole('link', { name: 'Booking service' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('refresh reads a changed file again, and the history says what changed', async ({ page, request }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-e2e-history-'));
    const file = path.join(dir, 'catalog-info.yaml');
    const write = (lifecycle: string, tags: string) =>
      fs.writeFileSync(
        file,
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: cargo-claims\n  title: Cargo claims\n  tags: [${tags}]\nspec:\n  type: service\n  lifecycle: ${lifecycle}\n  owner: billing\n`,
      );
    write('experimental', 'python');
    const registered = await request.post('/api/catalog/locations', {
      data: { type: 'file', target: file },
      headers: { 'X-Requested-With': 'portico' },
    });
    expect(registered.status()).toBe(201);
    const { location } = (await registered.json()) as { location: { id: string } };
    try {
      await page.goto('/catalog/default/component/cargo-claims');
      await expect(page.getByRole('heading', { level: 1, name: 'Cargo claims' })).toBeVisible();
      const history = page.getByRole('region', { name: 'History' });
      await expect(history.getByRole('list', { name: 'Changes' }).getByRole('listitem').first()).toContainText('Added');

      write('production', 'python, claims');
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect(page.getByText('Cargo claims is read again from its location')).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole('region', { name: 'History' }).getByRole('listitem').first()).toContainText('Changed', { timeout: 1000 });
      }).toPass({ timeout: 20_000 });
      const latest = page.getByRole('region', { name: 'History' }).getByRole('list', { name: 'Changes' }).getByRole('listitem').first();
      await expect(latest).toContainText('spec.lifecycle: experimental → production');
      await expect(latest).toContainText('metadata.tags: + claims');
      await expect(page.getByRole('region', { name: 'About' })).toContainText('production');
    } finally {
      await request.delete(`/api/catalog/locations/${location.id}`, { headers: { 'X-Requested-With': 'portico' } });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a starred entity is found under Starred, also after a reload', async ({ page }) => {
    await page.goto('/catalog/default/component/haulkit');
    const star = page.getByRole('button', { name: 'Add haulkit to starred' });
    await star.click();
    await expect(page.getByRole('button', { name: 'Remove haulkit from starred' })).toHaveAttribute('aria-pressed', 'true');

    await page.goto('/catalog');
    await page.getByRole('button', { name: /Starred \(1\)/ }).click();
    await expect(page).toHaveURL(/starred=true/);
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(['haulkit']);
    await page.reload();
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(['haulkit']);

    // The home page lists what is starred.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expect(page.getByRole('list', { name: 'Starred entities' }).getByRole('link', { name: 'haulkit' })).toBeVisible();
    await page.goto('/catalog?starred=true');

    // Unstarring from the table empties the starred view.
    await page.getByRole('table', { name: 'Components' }).getByRole('button', { name: 'Remove haulkit from starred' }).click();
    await expect(page.getByText('No starred components yet')).toBeVisible();
  });

  test('a group shows ownership counts that match the catalog', async ({ page }) => {
    await page.goto('/catalog/default/group/billing');
    await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
    const ownership = page.getByRole('region', { name: 'Ownership' });
    const tiles = ownership.getByRole('list', { name: 'Owned entities by kind and type' }).getByRole('link');
    await expect(tiles.first()).toBeVisible();
    const label = (await tiles.first().getAttribute('aria-label')) ?? '';
    const count = Number(label.split(' ')[0]);
    expect(count).toBeGreaterThan(0);
    await tiles.first().click();
    await expect(page).toHaveURL(/\/catalog\?.*owner=group%3Adefault%2Fbilling/);
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^${count} `));
    await expect(page.getByRole('table').locator('tbody tr a[data-entity-ref]')).toHaveCount(count);

    // A department owns little itself; with its subgroups it owns what its teams own.
    await page.goto('/catalog/default/group/operations-technology');
    const departmental = page.getByRole('region', { name: 'Ownership' });
    await departmental.getByRole('button', { name: 'With subgroups' }).click();
    await expect(departmental.getByTestId('ownership-summary')).toContainText('across');
    const aggregated = departmental.getByRole('list', { name: 'Owned entities by kind and type' }).getByRole('link');
    const serviceTile = aggregated.filter({ hasText: 'services' }).first();
    const services = Number(((await serviceTile.getAttribute('aria-label')) ?? '').split(' ')[0]);
    expect(services).toBeGreaterThan(0);
    await serviceTile.click();
    await expect(page).toHaveURL(/owner=group%3Adefault%2Foperations-technology%2Cgroup%3Adefault%2F/);
    await expect(page).toHaveURL(/type=service/);
    await expect(page.getByRole('status')).toHaveText(new RegExp(`^${services} components`));
  });

  test('the graph opens from an entity and a click on a node opens that entity', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/catalog/default/component/booking-service');
    const card = page.getByRole('region', { name: 'Relations', exact: true });
    await expect(card.getByRole('region', { name: 'Relations of Booking service' }).getByRole('link', { name: 'Booking API (API)' })).toBeVisible();
    await card.getByRole('link', { name: 'Open graph' }).click();
    await expect(page).toHaveURL(/\/catalog-graph\?root=component%3Adefault%2Fbooking-service/);
    const graph = page.getByRole('region', { name: 'Relations graph of Booking service' });
    await expect(graph.getByRole('link', { name: 'Booking database (Resource)' })).toBeVisible();

    await page.getByRole('button', { name: 'Depth 1' }).click();
    await expect(page).toHaveURL(/depth=1/);
    await graph.getByRole('link', { name: 'Booking database (Resource)' }).click();
    await expect(page).toHaveURL(/\/catalog\/default\/resource\/booking-db$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Booking database' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('registers a location, shows its entities, and unregisters it', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/catalog');
    await page.getByRole('link', { name: 'Register existing component' }).click();
    await expect(page).toHaveURL(/\/catalog-import$/);
    await expect(page).toHaveTitle(/^Register an existing component · /);

    // A location without a catalog file gets a file to copy instead.
    const input = page.getByRole('textbox', { name: 'Repository URL or catalog file' });
    await input.fill('e2e/fixtures/no-such-repo/catalog-info.yaml');
    await page.getByRole('button', { name: 'Analyze' }).click();
    const suggestion = page.getByLabel('Suggested catalog-info.yaml');
    await expect(suggestion).toContainText('kind: Component');
    await page.getByRole('textbox', { name: 'spec.owner' }).fill('billing');
    await expect(suggestion).toContainText('owner: billing');
    await page.getByRole('button', { name: 'Back' }).click();

    await input.fill('e2e/fixtures/freight-insurance.yaml');
    await page.getByRole('button', { name: 'Analyze' }).click();
    const review = page.getByRole('table', { name: 'Entities to import' });
    await expect(review).toContainText('component:default/freight-insurance');
    await expect(review).toContainText('api:default/insurance-api');
    await page.getByRole('button', { name: 'Import' }).click();

    const imported = page.getByRole('table', { name: 'Imported entities' });
    await imported.getByRole('link', { name: 'Freight insurance' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Freight insurance' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Consumed APIs' }).getByRole('link', { name: 'Quotes API' })).toBeVisible();

    await page.goto('/catalog?q=freight-insurance');
    await expect.poll(() => tableTitles(page, 'Components')).toEqual(['Freight insurance']);
    await page.getByRole('link', { name: 'Freight insurance' }).click();

    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Unregister entity…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unregister Freight insurance?' });
    const doomed = dialog.getByRole('list', { name: 'Entities that will be removed' });
    await expect(doomed).toContainText('Freight insurance');
    await expect(doomed).toContainText('Insurance API');
    await expect(dialog).toContainText('freight-insurance.yaml');
    await dialog.getByRole('button', { name: 'Unregister location' }).click();

    await expect(page).toHaveURL(/\/catalog\?kind=component$/);
    await page.getByRole('textbox', { name: 'Filter components' }).fill('freight-insurance');
    await expect(page.getByText('No components match these filters')).toBeVisible();
    const gone = await page.request.get('/api/catalog/entities/by-name/api/default/insurance-api');
    expect(gone.status()).toBe(404);
    expect(errors).toEqual([]);
  });

  test('explore shows domains, systems and the organisation as a tree', async ({ page }) => {
    const errors = collectPageErrors(page);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explore' }).click();
    await expect(page).toHaveTitle(/^Explore · /);
    await expect(page.getByRole('list', { name: 'Domains' }).getByRole('link', { name: /Freight Marketplace/ })).toBeVisible();

    await page.getByRole('tab', { name: 'Systems' }).click();
    await expect(page).toHaveURL(/tab=systems/);
    const systems = page.getByRole('list', { name: 'Systems' });
    await page.getByRole('textbox', { name: 'Filter systems' }).fill('booking');
    await expect(systems.getByRole('listitem')).toHaveCount(1);
    await systems.getByRole('link', { name: /Booking/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Booking' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Components', exact: true }).getByRole('link', { name: 'Booking service' })).toBeVisible();

    await page.goto('/explore?tab=groups');
    const organisation = page.getByRole('list', { name: 'Organisation' });
    await organisation.getByRole('button', { name: 'Expand Operations Technology' }).click();
    await organisation.getByRole('list', { name: 'Groups in Operations Technology' }).getByRole('link', { name: 'Billing' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('an unknown entity says so, with a way back', async ({ page }) => {
    await page.goto('/catalog/default/component/no-such-thing');
    await expect(page.getByRole('heading', { name: 'No entity named component:default/no-such-thing' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to the catalog' }).click();
    await expect(page).toHaveURL(/\/catalog$/);
  });
});
