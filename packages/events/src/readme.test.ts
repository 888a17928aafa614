import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { EVENT_TYPES, eventCatalog } from './catalog/index.js';

// Runs from dist/, so the README is one directory up either way.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every event type with its catalog description, and no others', () => {
    const rows = readme.match(/^\| `[a-z0-9_]+(?:\.[a-z0-9_]+)+` \| .* \|$/gm) ?? [];
    const expected = EVENT_TYPES.map((type) => `| \`${type}\` | ${eventCatalog[type].description} |`);
    assert.deepEqual(rows, expected);
  });
});
