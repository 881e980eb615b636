import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.ts';

function throttle(limits: { perIp?: number; perAccount?: number } = {}) {
  let now = 1_000_000;
  const t = new LoginThrottle({
    failuresPerIp: limits.perIp ?? 3,
    failuresPerAccount: limits.perAccount ?? 3,
    windowMs: 60_000,
    now: () => now,
  });
  return { t, advance: (ms: number) => (now += ms) };
}

const fail = (t: LoginThrottle, ip: string, email: string) => t.begin(ip, email).end(true);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return null;
};

describe('LoginThrottle', () => {
  it('refuses an address after its failures, until the window that began with the first ends', () => {
    const { t, advance } = throttle();
    fail(t, '203.0.113.1', 'a@x.test');
    advance(20_000);
    fail(t, '203.0.113.1', 'b@x.test');
    fail(t, '203.0.113.1', 'c@x.test');
    expect(refusal(() => t.begin('203.0.113.1', 'd@x.test'))).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 40 });
    expect(refusal(() => t.begin('203.0.113.2', 'd@x.test'))).toBeNull();
    advance(40_000);
    expect(refusal(() => t.begin('203.0.113.1', 'd@x.test'))).toBeNull();
  });

  it('refuses an account after failures from many addresses, whatever the case of its email', () => {
    const { t } = throttle({ perIp: 100 });
    fail(t, '203.0.113.1', 'Alice@X.test');
    fail(t, '203.0.113.2', 'alice@x.test');
    fail(t, '2001:db8::1', 'ALICE@x.test');
    expect(refusal(() => t.begin('198.51.100.9', 'alice@x.TEST'))).toMatchObject({ code: 'rate_limited' });
    expect(refusal(() => t.begin('198.51.100.9', 'bob@x.test'))).toBeNull();
  });

  it('does not count successes, nor attempts that failed for other reasons', () => {
    const { t } = throttle();
    for (let i = 0; i < 10; i++) t.begin('203.0.113.1', 'a@x.test').end(false);
    expect(refusal(() => t.begin('203.0.113.1', 'a@x.test'))).toBeNull();
  });

  it('counts attempts still in flight, so a parallel burst cannot pass the check all at once', () => {
    const { t } = throttle();
    const burst = [1, 2, 3].map(() => t.begin('203.0.113.1', 'a@x.test'));
    expect(refusal(() => t.begin('203.0.113.1', 'a@x.test'))).toMatchObject({ retryAfterSeconds: 1 });
    for (const attempt of burst) attempt.end(false);
    expect(refusal(() => t.begin('203.0.113.1', 'a@x.test'))).toBeNull();
  });

  it('treats an IPv6 /64 as one client', () => {
    const { t } = throttle({ perAccount: 100 });
    fail(t, '2001:db8:1:2::1', 'a@x.test');
    fail(t, '2001:db8:1:2::ffff', 'b@x.test');
    fail(t, '2001:db8:1:2:aaaa::7', 'c@x.test');
    expect(refusal(() => t.begin('2001:db8:1:2::42', 'd@x.test'))).toMatchObject({ code: 'rate_limited' });
    expect(refusal(() => t.begin('2001:db8:1:3::1', 'd@x.test'))).toBeNull();
  });
});
