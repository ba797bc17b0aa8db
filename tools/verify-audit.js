#!/usr/bin/env node
'use strict';
/**
 * PerfLedger offline audit verifier — 绩效账本审计包离线校验工具.
 *
 *   node tools/verify-audit.js <export.jsonl> [--root <published seal root, hex> [--seal <n>]] [--json]
 *
 * Checks an audit package written by `perfledger export-audit` (format perfledger-audit/1, docs/audit.md)
 * with nothing but Node.js ≥ 20: no database, no npm package, nothing imported from the project. It
 * recomputes every event's hash, every stream's chain, the cursor order, every seal root (full exports)
 * and, with --root, compares the latest seal (or seal <n>) with the root the bureau published.
 * Exit 0: everything holds; 1: the package does not verify (the first problem is named by line, stream
 * and version); 2: bad usage, or the file cannot be read or is not an audit package (nothing was verified).
 *
 * Reads the file line by line, twice (seal lines first, then events), so a large log never sits in memory.
 */
const fs = require('node:fs');
const readline = require('node:readline');
const crypto = require('node:crypto');

const FORMAT = 'perfledger-audit/1';
const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const DIGITS = /^(0|[1-9][0-9]{0,19})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT_PREFIX = '{"kind":"event",';
/** Versions of one stream held back waiting for an earlier version before the gap is called. */
const MAX_PENDING = 10000;
const MAX_LISTED = 100;
const EXIT = { ok: 0, failed: 1, usage: 2 };

// ---- RFC 8785 JSON Canonicalization Scheme: the same rules as libs/event-store/src/canonical-json.ts.
// Keys sorted by UTF-16 code units, strings and numbers as ECMAScript's JSON.stringify writes them, no
// whitespace. Input comes from JSON.parse, so only null, booleans, numbers, strings, arrays and objects occur.
function canonical(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('a number JSON cannot represent');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
      const keys = Object.keys(value).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`a ${typeof value}, which JSON cannot represent`);
  }
}

const sha256 = (...parts) => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** hash = sha256(prev_hash ‖ sha256(canonical form of the eight hashed fields)) */
function eventHash(e) {
  const form = canonical({
    streamId: e.streamId,
    version: e.version,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  });
  return sha256(Buffer.from(e.prevHash, 'hex'), sha256(Buffer.from(form, 'utf8'))).toString('hex');
}

// ---- Messages: `what` is the stable English name of the failure, `message` says it in Chinese.
const WHAT = {
  malformed: ['malformed line', '行格式错误'],
  order: ['out of order', '顺序错乱'],
  hash: ['hash mismatch', '哈希不符'],
  gap: ['version gap', '版本缺失'],
  repeated: ['version repeated', '版本重复'],
  link: ['prev_hash does not link', '前序哈希不衔接'],
  scope: ['outside the export\'s scope', '超出导出范围'],
  sealChain: ['seal chain broken', '封存链断裂'],
  sealRoot: ['seal root mismatch', '封存根不符'],
  published: ['root differs from the published one', '与公布的封存根不一致'],
  noSeal: ['published seal not in the export', '导出中没有所公布的封存'],
  count: ['count mismatch', '计数不符'],
  truncated: ['truncated', '文件不完整'],
};

class Usage extends Error {}

function parseArgs(argv) {
  const args = { file: null, root: null, seal: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--root' || a === '--seal') {
      const v = argv[++i];
      if (v === undefined) throw new Usage(`${a} needs a value / ${a} 需要一个值`);
      args[a.slice(2)] = v;
    } else if (a === '-h' || a === '--help') throw new Usage('');
    else if (a.startsWith('-')) throw new Usage(`unknown option ${a} / 未知选项 ${a}`);
    else if (args.file === null) args.file = a;
    else throw new Usage(`one file only / 只能校验一个文件: ${a}`);
  }
  if (args.file === null) throw new Usage('name the audit package file / 请指定审计包文件');
  if (args.root !== null) {
    args.root = args.root.trim().toLowerCase();
    if (!HEX64.test(args.root)) throw new Usage('--root is a sha256 in hex (64 characters) / --root 应为 64 位十六进制 sha256');
  }
  if (args.seal !== null) {
    if (args.root === null) throw new Usage('--seal needs --root / --seal 须与 --root 同用');
    if (!/^[1-9][0-9]*$/.test(args.seal)) throw new Usage('--seal is a seal number (1, 2, …) / --seal 应为封存编号');
  }
  return args;
}

const USAGE =
  'usage: node tools/verify-audit.js <export.jsonl> [--root <published seal root hex> [--seal <n>]] [--json]\n' +
  '用法：node tools/verify-audit.js <审计包文件> [--root <公布的封存根> [--seal <编号>]] [--json]\n';

async function* lines(file) {
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of rl) yield text;
  } finally {
    rl.close();
    input.destroy();
  }
}

const cursorOf = (x) => (x && typeof x === 'object' && DIGITS.test(x.txId) && DIGITS.test(x.position) ? [BigInt(x.txId), BigInt(x.position)] : null);
const cmp = (a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] !== b[1] ? (a[1] < b[1] ? -1 : 1) : 0);
const showCursor = (c) => `${c[0]}/${c[1]}`;

/** Pass 1: the header, the seal lines and the trailer (event lines are only counted). */
async function readFrame(file) {
  const frame = { header: null, seals: [], trailer: null, lines: 0 };
  for await (const text of lines(file)) {
    frame.lines += 1;
    if (frame.lines === 1) {
      try {
        frame.header = JSON.parse(text);
      } catch {
        frame.header = null;
      }
      if (!frame.header || frame.header.kind !== 'header' || frame.header.format !== FORMAT) {
        throw new Usage(`not a PerfLedger audit package (${FORMAT}): its first line is not the header / 不是绩效账本审计包：第一行不是文件头`);
      }
      continue;
    }
    if (text.startsWith(EVENT_PREFIX)) continue;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // pass 2 reports it
    }
    if (value && value.kind === 'seal') frame.seals.push({ line: frame.lines, value });
    else if (value && value.kind === 'trailer' && frame.trailer === null) frame.trailer = { line: frame.lines, value };
  }
  if (frame.lines === 0) throw new Usage('the file is empty / 文件为空');
  return frame;
}

async function verify(args) {
  const frame = await readFrame(args.file);
  const header = frame.header;
  const scope = header.scope && header.scope.kind === 'county' ? header.scope : { kind: 'full' };
  const full = scope.kind === 'full';
  const problems = [];
  let first = null;
  let problemCount = 0;
  const report = (kind, at, detail, detailZh) => {
    const p = {
      line: at.line ?? null,
      streamId: at.streamId ?? null,
      version: at.version ?? null,
      position: at.position ?? null,
      what: WHAT[kind][0],
      detail,
      message: `${WHAT[kind][1]}：${detailZh}`,
    };
    problemCount += 1;
    if (problems.length < MAX_LISTED) problems.push(p);
    // The first problem is the one on the earliest line; one with no line (the file's end) comes last.
    if (first === null || (p.line !== null && (first.line === null || p.line < first.line))) first = p;
  };

  // Seals, in the order of the file, each with the running sha256 of its range (full exports).
  const seals = frame.seals.map(({ line, value }) => ({
    line,
    value,
    from: cursorOf(value.from),
    to: cursorOf(value.to),
    hasher: null,
    count: 0,
  }));
  const sealable = seals.filter((s) => s.from && s.to && HEX64.test(String(s.value.prevRoot)));
  const lastTo = seals.length > 0 ? seals[seals.length - 1].to : null;

  // Pass 2: every event line.
  const streams = new Map();
  let events = 0;
  let unsealedTail = 0;
  let previous = null;
  let section = 'events';
  let lineNo = 0;

  const link = (st, e) => {
    if (e.prevHash !== st.last) {
      report('link', e, `prevHash ${e.prevHash.slice(0, 12)}… is not the hash of version ${e.version - 1} of the stream (an event was removed, inserted, altered or reordered before it)`,
        `第 ${e.version} 版的前序哈希不是第 ${e.version - 1} 版的哈希（之前的事件被删除、插入、篡改或调换）`);
    }
    st.last = e.hash;
    st.next = e.version + 1;
  };
  const drain = (st, filler) => {
    while (st.pending && st.pending.has(st.next)) {
      const p = st.pending.get(st.next);
      st.pending.delete(st.next);
      // A later version may precede an earlier one in cursor order only when another, older transaction
      // wrote it after waiting for the stream's lock; within one transaction versions follow positions.
      if (filler && p.txId >= filler.txId) {
        report('order', filler, `version ${filler.version} of ${filler.streamId} comes after version ${p.version} (line ${p.line}) of the same or a later transaction`,
          `${filler.streamId} 第 ${filler.version} 版排在同一或更晚事务的第 ${p.version} 版（第 ${p.line} 行）之后`);
      }
      link(st, p);
    }
    if (st.pending && st.pending.size === 0) st.pending = null;
  };
  /** Versions still held back: the lowest is named as the gap, and the chain goes on from it. */
  const settle = (st) => {
    while (st.pending && st.pending.size > 0) {
      const v = Math.min(...st.pending.keys());
      const p = st.pending.get(v);
      st.pending.delete(v);
      const missing = v - 1 === st.next ? `version ${st.next} is missing` : `versions ${st.next}–${v - 1} are missing`;
      report('gap', p, `version ${v} of ${p.streamId} follows version ${st.next - 1}: ${missing} (deleted?)`,
        `${p.streamId} 第 ${v} 版之前缺少第 ${st.next}${v - 1 > st.next ? `–${v - 1}` : ''} 版（被删除？）`);
      st.last = p.hash;
      st.next = v + 1;
      drain(st, null);
    }
    st.pending = null;
  };

  for await (const text of lines(args.file)) {
    lineNo += 1;
    if (lineNo === 1) continue;
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      report('malformed', { line: lineNo }, 'not a JSON line', '不是一行 JSON');
      continue;
    }
    const kind = value && typeof value === 'object' ? value.kind : undefined;
    if ((kind === 'event') !== text.startsWith(EVENT_PREFIX)) {
      report('malformed', { line: lineNo }, `a line of kind ${JSON.stringify(kind)} must ${kind === 'event' ? '' : 'not '}begin with ${EVENT_PREFIX}`, `事件行必须且只有事件行以 ${EVENT_PREFIX} 开头`);
      continue;
    }
    if (kind === 'seal') {
      if (section === 'trailer') report('malformed', { line: lineNo }, 'a seal line after the trailer', '封存行位于文件尾之后');
      section = 'seals';
      continue;
    }
    if (kind === 'trailer') {
      if (section === 'trailer') report('malformed', { line: lineNo }, 'a second trailer', '重复的文件尾');
      section = 'trailer';
      continue;
    }
    if (kind !== 'event') {
      report('malformed', { line: lineNo }, `unknown line kind ${JSON.stringify(kind)}`, `未知的行类型 ${JSON.stringify(kind)}`);
      continue;
    }
    const e = value;
    if (section !== 'events') report('malformed', { line: lineNo, streamId: e.streamId, version: e.version }, 'an event line after the seal lines', '事件行位于封存行之后');
    const cursor = cursorOf(e);
    const shapeOk =
      cursor && typeof e.streamId === 'string' && e.streamId !== '' && Number.isSafeInteger(e.version) && e.version >= 1 &&
      typeof e.eventId === 'string' && UUID.test(e.eventId) && typeof e.type === 'string' && Number.isSafeInteger(e.schemaVersion) &&
      e.data !== undefined && e.metadata !== undefined && typeof e.recordedAt === 'string' &&
      typeof e.prevHash === 'string' && HEX64.test(e.prevHash) && typeof e.hash === 'string' && HEX64.test(e.hash);
    if (!shapeOk) {
      report('malformed', { line: lineNo, streamId: typeof e.streamId === 'string' ? e.streamId : null, version: Number.isSafeInteger(e.version) ? e.version : null },
        'an event line lacks a field its hash covers, or a field has the wrong type', '事件行缺少哈希覆盖的字段或字段类型错误');
      continue;
    }
    events += 1;
    const at = { line: lineNo, streamId: e.streamId, version: e.version, position: e.position };

    if (previous && cmp(cursor, previous) <= 0) {
      report('order', at, `cursor ${showCursor(cursor)} is not after the previous event's ${showCursor(previous)}: events are not in cursor order (moved or duplicated)`,
        `游标 ${showCursor(cursor)} 不在上一事件 ${showCursor(previous)} 之后：事件顺序被调换或重复`);
    }
    previous = cursor;

    let recomputed;
    try {
      recomputed = eventHash(e);
    } catch (error) {
      recomputed = null;
    }
    if (recomputed !== e.hash) {
      report('hash', at, `the content of version ${e.version} of ${e.streamId} does not match its hash (data, metadata, type, ids or time was altered)`,
        `${e.streamId} 第 ${e.version} 版的内容与其哈希不符（数据、元数据、类型、编号或时间被改动）`);
    }

    if (!full && !(scope.streams || []).includes(e.streamId) && !(scope.prefixes || []).some((p) => e.streamId.startsWith(p))) {
      report('scope', at, `stream ${e.streamId} is not in the export's scope (county ${scope.county})`, `流 ${e.streamId} 不属于本导出的范围（行政区划 ${scope.county}）`);
    }

    let st = streams.get(e.streamId);
    if (!st) streams.set(e.streamId, (st = { next: 1, last: GENESIS, pending: null }));
    const entry = { line: lineNo, streamId: e.streamId, version: e.version, position: e.position, txId: cursor[0], prevHash: e.prevHash, hash: e.hash };
    if (e.version === st.next) {
      link(st, entry);
      drain(st, entry);
    } else if (e.version < st.next || (st.pending && st.pending.has(e.version))) {
      report('repeated', at, `version ${e.version} of ${e.streamId} appears a second time (inserted or duplicated?)`, `${e.streamId} 第 ${e.version} 版重复出现（插入或复制？）`);
    } else {
      if (!st.pending) st.pending = new Map();
      st.pending.set(e.version, entry);
      if (st.pending.size > MAX_PENDING) settle(st);
    }

    if (full) {
      // The seal whose range (from, to] holds this cursor: the first whose `to` is not before it.
      let lo = 0;
      let hi = sealable.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(sealable[mid].to, cursor) < 0) lo = mid + 1;
        else hi = mid;
      }
      const s = sealable[lo];
      if (s && cmp(cursor, s.from) > 0) {
        if (!s.hasher) s.hasher = crypto.createHash('sha256').update(Buffer.from(s.value.prevRoot, 'hex'));
        s.hasher.update(Buffer.from(e.hash, 'hex'));
        s.count += 1;
      }
    }
    if (!lastTo || cmp(cursor, lastTo) > 0) unsealedTail += 1;
  }
  for (const st of streams.values()) settle(st);

  // Seals: numbered from 1, each chained to the one before and starting where it ended; roots recomputed.
  let prevRoot = GENESIS;
  let prevTo = [0n, 0n];
  seals.forEach((s, i) => {
    const v = s.value;
    const at = { line: s.line };
    const no = String(v.sealNo);
    if (no !== String(i + 1)) report('sealChain', at, `seal ${no} is where seal ${i + 1} should be (a seal missing, added or moved)`, `此处应为第 ${i + 1} 号封存，实为第 ${no} 号（封存缺失、增加或调换）`);
    if (!s.from || !s.to || !HEX64.test(String(v.prevRoot)) || !HEX64.test(String(v.root)) || !Number.isSafeInteger(v.eventCount)) {
      report('malformed', at, `seal ${no} lacks a cursor, a root or its event count`, `第 ${no} 号封存缺少游标、根或事件数`);
      return;
    }
    if (v.prevRoot !== prevRoot) report('sealChain', at, `prevRoot of seal ${no} is not the root of the seal before it`, `第 ${no} 号封存的前序根不是上一封存的根`);
    if (cmp(s.from, prevTo) !== 0) report('sealChain', at, `seal ${no} starts at ${showCursor(s.from)}, not where the seal before it ended (${showCursor(prevTo)})`, `第 ${no} 号封存的起点 ${showCursor(s.from)} 不是上一封存的终点 ${showCursor(prevTo)}`);
    if (full) {
      const root = (s.hasher || crypto.createHash('sha256').update(Buffer.from(v.prevRoot, 'hex'))).digest('hex');
      if (s.count !== v.eventCount) {
        report('sealRoot', at, `seal ${no} covers ${v.eventCount} events, the export holds ${s.count} in its range (${showCursor(s.from)}, ${showCursor(s.to)}] (events ${s.count > v.eventCount ? 'inserted' : 'removed'})`,
          `第 ${no} 号封存覆盖 ${v.eventCount} 个事件，导出中该范围内有 ${s.count} 个（事件被${s.count > v.eventCount ? '插入' : '删除'}）`);
      } else if (root !== v.root) {
        report('sealRoot', at, `seal ${no}: the events in its range (${showCursor(s.from)}, ${showCursor(s.to)}] fold to ${root.slice(0, 12)}…, not to its root ${v.root.slice(0, 12)}… (an event altered, inserted, removed or reordered, or the root changed)`,
          `第 ${no} 号封存：其范围内事件折叠得到的根与记录的根不符（事件被篡改、插入、删除或调换，或根被改动）`);
      }
    }
    prevRoot = v.root;
    prevTo = s.to;
  });

  const lastSeal = seals.length > 0 ? seals[seals.length - 1] : null;
  let root = null;
  if (args.root !== null) {
    const target = args.seal !== null ? seals.find((s) => String(s.value.sealNo) === args.seal) : lastSeal;
    if (!target) {
      report('noSeal', {}, args.seal !== null ? `seal ${args.seal} is not in the export` : 'the export holds no seal', args.seal !== null ? `导出中没有第 ${args.seal} 号封存` : '导出中没有任何封存');
      root = { sealNo: args.seal, published: args.root, matches: false };
    } else {
      const matches = target.value.root === args.root;
      root = { sealNo: String(target.value.sealNo), published: args.root, matches };
      if (!matches) {
        report('published', { line: target.line }, `seal ${target.value.sealNo} has root ${target.value.root}, the published root is ${args.root}`,
          `第 ${target.value.sealNo} 号封存的根为 ${target.value.root}，公布的根为 ${args.root}`);
      }
    }
  }

  if (!frame.trailer) {
    report('truncated', {}, 'the file ends without its trailer line (cut short?)', '文件没有结尾行（被截断？）');
  } else {
    const t = frame.trailer.value;
    const counted = { streams: streams.size, events, seals: seals.length };
    for (const k of ['streams', 'events', 'seals']) {
      if (t[k] !== counted[k]) report('count', { line: frame.trailer.line }, `the trailer says ${t[k]} ${k}, the file holds ${counted[k]}`, `文件尾记录 ${t[k]} 个${{ streams: '流', events: '事件', seals: '封存' }[k]}，文件中实有 ${counted[k]} 个`);
    }
  }

  return {
    ok: problemCount === 0,
    format: FORMAT,
    scope: full ? 'full' : { county: scope.county },
    streams: streams.size,
    events,
    seals: seals.length,
    sealsChecked: full,
    unsealedTail,
    lastSeal: lastSeal ? { sealNo: String(lastSeal.value.sealNo), root: lastSeal.value.root, line: lastSeal.line } : null,
    root,
    firstBroken: first,
    problemCount,
    problems,
  };
}

function printText(r) {
  const out = [];
  const where = r.scope === 'full' ? '全部日志 (the whole log)' : `行政区划 ${r.scope.county} 的部分导出 (county ${r.scope.county}, a partial export)`;
  if (r.ok) {
    out.push(`审计包校验通过 (the audit package verifies): ${where}`);
  } else {
    out.push(`审计包未通过校验 (the audit package does NOT verify): ${where}; ${r.problemCount} problem(s) / 共 ${r.problemCount} 个问题`);
    const b = r.firstBroken;
    out.push(
      `第一个问题 (first problem): 第 ${b.line ?? '-'} 行 line ${b.line ?? '-'}, stream ${b.streamId ?? '-'}, version ${b.version ?? '-'}, position ${b.position ?? '-'}`,
      `  ${b.what}: ${b.detail}`,
      `  ${b.message}`,
    );
    for (const p of r.problems.filter((p) => p !== b).slice(0, 19)) {
      const at = p.streamId === null ? '' : `, stream ${p.streamId}${p.version === null ? '' : ` version ${p.version}`}`;
      out.push(`  - line ${p.line ?? '-'}${at}: ${p.what} — ${p.message}`);
    }
    if (r.problemCount > 20) out.push(`  … ${r.problemCount - 20} more / 另有 ${r.problemCount - 20} 个（--json 列出前 ${MAX_LISTED} 个）`);
  }
  out.push(`  ${r.events} events / 事件, ${r.streams} streams / 流, ${r.seals} seals / 封存, ${r.unsealedTail} after the last seal / 最后封存之后的事件`);
  if (r.seals > 0) {
    out.push(
      r.sealsChecked
        ? '  封存根已按事件重新计算 (every seal root recomputed from the events)'
        : '  封存根无法在部分导出中校验，需全量导出 (seal roots are not checkable without the full log; their chain was checked)',
    );
  }
  if (r.lastSeal) out.push(`  最新封存 (latest seal) ${r.lastSeal.sealNo}: ${r.lastSeal.root}`);
  if (r.root && r.root.matches) {
    out.push(`  第 ${r.root.sealNo} 号封存记录的根与公布的根一致 (the listed root of seal ${r.root.sealNo} equals the published root)` +
      (r.sealsChecked ? '' : ' — 部分导出无法重新计算该根 (a partial export cannot recompute it)'));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main() {
  const argv = process.argv.slice(2);
  const json = argv.includes('--json');
  let args;
  try {
    args = parseArgs(argv);
    const stat = fs.statSync(args.file);
    if (!stat.isFile()) throw new Usage(`not a file / 不是文件: ${args.file}`);
    fs.accessSync(args.file, fs.constants.R_OK);
  } catch (error) {
    return fail(error, json);
  }
  try {
    const result = await verify(args);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else printText(result);
    return result.ok ? EXIT.ok : EXIT.failed;
  } catch (error) {
    return fail(error, json);
  }
}

function fail(error, json) {
  const usage = error instanceof Usage;
  const io = error && typeof error.code === 'string' && error.syscall;
  const message = usage ? error.message : io ? `cannot read the file / 无法读取文件: ${error.message}` : `internal error / 内部错误: ${error && error.stack}`;
  if (json) process.stdout.write(`${JSON.stringify({ error: { code: usage ? 'usage' : io ? 'unreadable' : 'internal', message } })}\n`);
  else process.stderr.write(`${message ? `verify-audit: ${message}\n` : ''}${usage || io ? USAGE : ''}`);
  return EXIT.usage;
}

main().then((code) => {
  process.exitCode = code;
});
