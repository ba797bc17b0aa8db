import { canonicalJson } from './canonical-json';
import { canonicalEvent, canonicalEventParts, eventHash, GENESIS_HASH, sealRoot, sha256 } from './event-hash';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units, as the RFC example does', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // (Object.keys would put the integer-like "1" first, so read the order off the text.)
    const keys = [...canonicalJson(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('serialises numbers as ECMAScript does (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([4.5, 4.50, 2e-3, 1e30, 1e-7, 0.000001, -0, 333333333.3333333, 9007199254740992])).toBe(
      '[4.5,4.5,0.002,1e+30,1e-7,0.000001,0,333333333.3333333,9007199254740992]',
    );
  });

  it('writes no whitespace, escapes only what JSON must, keeps non-ASCII as is', () => {
    expect(canonicalJson({ b: [true, null, 'a"b\\c\n\u001f'], a: { z: '绩效', y: '€' } })).toBe(
      '{"a":{"y":"€","z":"绩效"},"b":[true,null,"a\\"b\\\\c\\n\\u001f"]}',
    );
  });

  it('drops undefined members as JSON does and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson([undefined])).toBe('[null]');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/\$\.x is NaN/);
    expect(() => canonicalJson({ x: 1n })).toThrow(/bigint/);
  });

  it('is stable under a JSON round trip (what PostgreSQL jsonb gives back)', () => {
    const value = { z: [1.5, '557.70', { b: null, a: 'x' }], a: 1e21, '键': '值' };
    const once = canonicalJson(value);
    expect(canonicalJson(JSON.parse(once))).toBe(once);
  });
});

describe('event hashing', () => {
  const fields = {
    streamId: 'filing-U001-2023',
    version: 7,
    eventId: '6f1c8a52-8c0e-4b7f-9a63-0d7a1b2c3d4e',
    type: 'BudgetAdjusted',
    schemaVersion: 1,
    data: { path: 'overall.budget.full', amount: '557.70', 原因: '追加' },
    metadata: { actor: { userId: 'u1', role: 'unit_filer' }, source: 'ui', correlationId: 'c1' },
    recordedAt: '2026-11-27T14:07:51.123Z',
  };

  it('the split canonical form the database completes equals the canonical form', () => {
    const { head, tail } = canonicalEventParts(fields);
    expect(`${head}${fields.recordedAt}${tail}${fields.version}}`).toBe(canonicalEvent(fields));
  });

  it('hash = sha256(prev ‖ sha256(canonical)), and changes with any covered field', () => {
    const expected = sha256(GENESIS_HASH, sha256(Buffer.from(canonicalEvent(fields), 'utf8')));
    expect(eventHash(GENESIS_HASH, fields)).toEqual(expected);
    for (const change of [{ version: 8 }, { recordedAt: '2026-11-27T14:07:51.124Z' }, { data: { ...fields.data, amount: '557.71' } }, { type: 'BudgetSet' }]) {
      expect(eventHash(GENESIS_HASH, { ...fields, ...change })).not.toEqual(expected);
    }
    expect(eventHash(Buffer.alloc(32, 1), fields)).not.toEqual(expected);
  });

  it('a seal root folds the hashes in order', () => {
    const a = sha256('a');
    const b = sha256('b');
    expect(sealRoot(GENESIS_HASH, [a, b])).toEqual(sha256(Buffer.concat([GENESIS_HASH, a, b])));
    expect(sealRoot(GENESIS_HASH, [b, a])).not.toEqual(sealRoot(GENESIS_HASH, [a, b]));
  });
});
