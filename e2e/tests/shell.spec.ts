import { expect, test } from '@playwright/test';

test('the server serves the Petrel page and its health endpoint', async ({ page, request }) => {
  const health = await request.get('/api/health');
  expect(health.ok()).toBe(true);
  expect(await health.json()).toMatchObject({ status: 'ok' });

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Petrel' })).toBeVisible();
});
