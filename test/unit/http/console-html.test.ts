import { describe, expect, it } from 'vitest';
import { html, queryOf } from '../../../src/http/console/html.js';
import {
  isSameToken,
  LoginThrottle,
  SessionStore,
} from '../../../src/http/console/console-sessions.js';

describe('console html', () => {
  it('escapes every interpolated value, nested markup excepted', () => {
    const hostile = `<script>alert("x")</script>&'\``;
    const inner = html`<b>${hostile}</b>`;
    expect(
      html`<p title="${hostile}">${inner}${[hostile, 1, undefined, null, false]}</p>`.text,
    ).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;">' +
        '<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;</b>' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;&#96;1</p>',
    );
  });

  it('builds query strings without empty parameters', () => {
    expect(queryOf({ q: 'a b&c', state: '', page: 2, account: undefined })).toBe(
      '?q=a+b%26c&page=2',
    );
    expect(queryOf({})).toBe('');
  });
});

describe('console sessions', () => {
  it('expire, and compare tokens in constant time', () => {
    const store = new SessionStore();
    const session = store.create('alice', 0);
    expect(store.get(session.id, 1000)?.operator).toBe('alice');
    expect(store.get(session.id, 9 * 3_600_000)).toBeUndefined();
    expect(isSameToken(session.csrf, session.csrf)).toBe(true);
    expect(isSameToken(session.csrf, `${session.csrf}x`)).toBe(false);
    expect(isSameToken(undefined, undefined)).toBe(false);
    expect(isSameToken('', '')).toBe(false);
  });

  it('throttle a name after five failures within the window', () => {
    const throttle = new LoginThrottle();
    for (let index = 0; index < 5; index += 1) throttle.recordFailure('alice', '10.0.0.1', index);
    expect(throttle.isBlocked('alice', '10.0.0.2', 10)).toBe(true);
    expect(throttle.isBlocked('bob', '10.0.0.1', 10)).toBe(false);
    expect(throttle.isBlocked('alice', '10.0.0.2', 16 * 60_000)).toBe(false);
  });
});
