// Sign-in throttling that tells nothing and locks nobody out by address: one client spraying
// guesses over many names is slowed after a few failures; another client is not; a window passes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { storeFactories, type TestStore } from '../test-support/stores.js';
import { Authenticator, defaultSessionPolicy } from './sessions.js';

const sqlite = storeFactories[0]!;

describe('Authenticator: failures from one client address', () => {
  let t: TestStore;
  let now = new Date('2026-12-07T08:00:00.000Z');
  const delays: number[] = [];
  let auth: Authenticator;
  beforeAll(async () => {
    t = await sqlite.open();
    auth = new Authenticator(t.store, () => now, defaultSessionPolicy, (ms) => {
      delays.push(ms);
      return Promise.resolve();
    });
  });
  afterAll(async () => t?.dispose());

  const fail = async (username: string, client: string): Promise<void> => {
    await expect(auth.login(username, 'wrong', () => Promise.resolve(), client)).rejects.toBeInstanceOf(AppError);
  };

  it('slows a client spraying one guess at each of many names, past its first failures', async () => {
    delays.length = 0;
    for (let i = 0; i < defaultSessionPolicy.clientSlowAfter; i++) await fail(`spray${i}`, '203.0.113.7');
    expect(delays).toEqual([]);
    await fail('spray-next', '203.0.113.7');
    await fail('spray-after', '203.0.113.7');
    expect(delays).toEqual([defaultSessionPolicy.slowStepMs, 2 * defaultSessionPolicy.slowStepMs]);
  });

  it('leaves another client alone, and forgets a client once its window has passed', async () => {
    delays.length = 0;
    await fail('someone', '198.51.100.1');
    expect(delays).toEqual([]);
    now = new Date(now.getTime() + defaultSessionPolicy.clientWindowMs + 1000);
    await fail('spray-later', '203.0.113.7');
    expect(delays).toEqual([]);
  });
});
