// Recomputes a run's summary from its own result files, independently of the engine's code, and prints every figure
// beside the summary's with the difference. Reads the files with the official Apache Arrow JavaScript implementation.
//
//   node audit-run.mjs RUN_DIR [--data TRADES.arrow] [--instruments FILE.json] [--table STDOUT.txt] [--json RUN.json]
//
// --data: the run's market data as one trades file (`backtester data convert "synthetic:market,...,quotes=false,bars=false"
//   x.arrow`); with it the script replays equity at every event (event-level drawdown, its duration, exposure) and checks
//   every market fill's price against a trade of its symbol at its time (slippage). Without marks only.
// --instruments: the --instruments JSON of the run (multipliers, inverse contracts, currencies).
// --table / --json: the CLI's printed table or --json output, compared with summary.arrow.
// Exit code 1 when a figure differs by more than its tolerance: 1e-9 relative to max(1, |value|) for money (sums in a
// different order than the engine's differ in the last bits: net PnL = equity − initial carries the ulp of equity), exact
// for counts. With several settlement currencies the summary's trip statistics (converted at each trip's closing rate)
// are not recomputed. Example (after `npm ci` here):
//   backtester data convert "synthetic:market,days=7,quotes=false,bars=false" /tmp/t.arrow
//   backtester run -a SmaCross.dll --strategy SmaCross --data /tmp/t.arrow --fee-bps 5 --out /tmp/r > /tmp/r.txt
//   node audit-run.mjs /tmp/r --data /tmp/t.arrow --table /tmp/r.txt
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC, Type } from 'apache-arrow';

const args = process.argv.slice(2);
const dir = args[0];
const opt = (name) => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : undefined; };
if (!dir) { console.error('usage: node audit-run.mjs RUN_DIR [--data F] [--instruments F] [--table F] [--json F]'); process.exit(2); }

// ---------- reading ----------
function read(path) {
  const table = tableFromIPC(readFileSync(path));
  const fields = table.schema.fields;
  const enums = {};
  for (const f of fields) {
    const e = f.metadata.get('backtester.enum');
    if (e) enums[f.name] = Object.fromEntries(e.split(',').map((kv) => { const [k, v] = kv.split('='); return [Number(v), k]; }));
  }
  const columns = fields.map((f, i) => {
    const vector = table.getChildAt(i);
    const out = new Array(table.numRows);
    let r = 0;
    for (const chunk of vector.data) {
      const raw = (f.type.typeId === Type.Timestamp || f.type.typeId === Type.Int) && f.type.bitWidth === 64 || f.type.typeId === Type.Timestamp;
      for (let j = 0; j < chunk.length; j++, r++) {
        const isNull = chunk.nullCount > 0 && !chunk.getValid(j);
        if (isNull) out[r] = null;
        else if (raw) out[r] = chunk.values[chunk.offset + j];           // BigInt, exact
        else out[r] = vector.get(r);
      }
    }
    return [f.name, out];
  });
  const rows = [];
  for (let r = 0; r < table.numRows; r++) rows.push(Object.fromEntries(columns.map(([n, c]) => [n, c[r]])));
  return { rows, meta: Object.fromEntries(table.schema.metadata), enums };
}
const file = (name) => join(dir, `${name}.arrow`);
const summaryFile = read(file('summary'));
const S = summaryFile.rows[0];
const meta = summaryFile.meta;
const fills = read(file('fills'));
const equity = read(file('equity'));
const trips = read(file('round_trips'));
const orders = read(file('orders'));
const symbolsFile = read(file('symbols'));
const ledger = existsSync(file('ledger')) ? read(file('ledger')) : null;
const symbolNames = JSON.parse(meta['backtester.data.symbols']);
const nSymbols = Object.keys(symbolNames).length;
const initial = Number(meta['backtester.options.initial_capital']);
const takerBps = Number(meta['backtester.options.taker_fee_bps']);
const makerBps = Number(meta['backtester.options.maker_fee_bps']);
const feePerFill = Number(meta['backtester.options.fee_per_fill']);
const slippageBps = Number(meta['backtester.options.slippage_bps']);
const account = meta['backtester.options.account'];
const liqFeeBps = Number(/liquidation_fee_bps:([0-9.]+)/.exec(account)?.[1] ?? 'NaN');
const intervalNs = BigInt(meta['backtester.options.equity_sample_interval_ns']);
const periods = Number(meta['backtester.options.annualization_factor']);
const firstNs = BigInt(meta['backtester.data.first_time_ns']);
const lastNs = BigInt(meta['backtester.data.last_time_ns']);

// Instruments: multiplier, kind, settlement currency per symbol id.
const inst = [];
const instrumentsPath = opt('--instruments');
const instJson = instrumentsPath ? JSON.parse(readFileSync(instrumentsPath, 'utf8')).instruments : [];
for (let s = 0; s < nSymbols; s++) {
  const i = instJson.find((x) => x.symbol === symbolNames[s]) ?? {};
  const inverse = (i.kind ?? 'linear') === 'inverse';
  inst.push({
    mult: Number(i.contractMultiplier ?? 1), inverse,
    base: i.baseCurrency, quote: i.quoteCurrency,
    settle: i.settlementCurrency ?? (inverse ? i.baseCurrency : i.quoteCurrency),
    taker: i.takerFeeBps !== undefined ? Number(i.takerFeeBps) : takerBps,
    maker: i.makerFeeBps !== undefined ? Number(i.makerFeeBps) : makerBps,
  });
}
// One unit's value at a price: linear multiplier × price; inverse −multiplier / price (in the coin).
const unit = (s, p) => (inst[s].inverse ? -inst[s].mult / p : inst[s].mult * p);
const notional = (s, q, p) => Math.abs(q * unit(s, p));

// ---------- comparison ----------
let failures = 0;
const lines = [];
function sameNum(a, b, rel) {
  if (typeof a === 'bigint' || typeof b === 'bigint') return BigInt(a) === BigInt(b);
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}
function check(label, mine, theirs, rel = 1e-9, note = '') {
  const ok = sameNum(mine, theirs, rel);
  if (!ok) failures++;
  const diff = typeof mine === 'number' && typeof theirs === 'number' && Number.isFinite(mine - theirs) ? (mine - theirs).toExponential(2) : '';
  lines.push(`${ok ? 'ok  ' : 'DIFF'} ${label.padEnd(44)} mine ${String(mine).padEnd(24)} file ${String(theirs).padEnd(24)} ${diff} ${note}`);
  return ok;
}
const info = (text) => lines.push(`     ${text}`);
const fsum = (xs) => { // Neumaier-compensated sum, so the script's own rounding is far below the tolerances
  let s = 0, c = 0;
  for (const x of xs) { const t = s + x; c += Math.abs(s) >= Math.abs(x) ? (s - t) + x : (x - t) + s; s = t; }
  return s + c;
};

// ---------- replay of fills (and funding) into an account ----------
const fillKind = fills.enums.kind ?? {};
const ledgerRows = ledger ? ledger.rows.slice() : [];
const pos = new Array(nSymbols).fill(0), avgU = new Array(nSymbols).fill(0);
const realized = new Array(nSymbols).fill(0), fees = new Array(nSymbols).fill(0), turnover = new Array(nSymbols).fill(0);
const funding = new Array(nSymbols).fill(0), cashFlow = new Array(nSymbols).fill(0), fillCount = new Array(nSymbols).fill(0);
const lastFillPrice = new Array(nSymbols).fill(NaN);
const myTrips = [];
const open = new Array(nSymbols).fill(null);
let feeMismatches = 0, worstFeeError = 0, liquidationFills = 0, ledgerIndex = 0, fundingMismatches = 0;

function settleFundingUpTo(ts) {
  while (ledgerIndex < ledgerRows.length && ledgerRows[ledgerIndex].timestamp <= ts) {
    const l = ledgerRows[ledgerIndex++];
    const s = l.symbol_id;
    // received = −position × unit notional at the price × rate; inverse on the coin notional contracts × m / price
    const expected = inst[s].inverse ? -pos[s] * inst[s].mult / l.price * l.rate : -pos[s] * inst[s].mult * l.price * l.rate;
    if (!sameNum(expected, l.amount, 1e-12) || !sameNum(pos[s], l.position, 1e-12)) {
      fundingMismatches++;
      if (fundingMismatches <= 3) info(`funding row at ${l.timestamp}: my position ${pos[s]} (file ${l.position}), my amount ${expected} (file ${l.amount})`);
    }
    funding[s] += l.amount;
    cashFlow[s] += l.amount;
  }
}

for (const f of fills.rows) {
  settleFundingUpTo(f.timestamp);   // a settlement at a fill's time comes first (decision 0038)
  const s = f.symbol_id, q = f.side * f.quantity, p = f.price, u = unit(s, p);
  const kind = fillKind[f.kind] ?? String(f.kind);
  const rateBps = kind === 'Liquidation' ? liqFeeBps : f.is_maker ? inst[s].maker : inst[s].taker;
  const expectedFee = notional(s, f.quantity, p) * rateBps / 10_000 + (kind === 'Liquidation' ? 0 : feePerFill);
  if (kind === 'Liquidation') liquidationFills++;
  const feeError = Math.abs(expectedFee - f.fee);
  if (feeError > 1e-9 * Math.max(1, Math.abs(f.fee))) { feeMismatches++; worstFeeError = Math.max(worstFeeError, feeError); }
  fees[s] += f.fee;
  turnover[s] += notional(s, f.quantity, p);
  cashFlow[s] += -q * u - f.fee;
  fillCount[s]++;
  lastFillPrice[s] = p;

  const before = pos[s];
  let after = before + q;
  const reducing = before !== 0 && Math.sign(q) !== Math.sign(before);
  if (reducing && Math.abs(after) <= 1e-9 * Math.max(Math.abs(q), Math.abs(before))) after = 0;   // dust closes exactly
  let closed = 0;
  if (reducing) {
    closed = Math.min(Math.abs(q), Math.abs(before));
    if (after === 0) closed = Math.abs(before);
    const r = closed * (u - avgU[s]) * Math.sign(before);
    realized[s] += r;
    const t = open[s];
    const share = closed / Math.abs(q);
    t.realized += r; t.fees += f.fee * (Math.sign(after) === -Math.sign(before) ? share : 1);
    t.exitQty += closed; t.exitNotional += closed * inst[s].mult * p; t.exitInvNotional += closed * inst[s].mult / p; t.fills++;
    if (after === 0 || Math.sign(after) !== Math.sign(before)) {
      t.closedAt = f.timestamp;
      myTrips.push(t); open[s] = null;
    }
  }
  const opening = after !== 0 && (before === 0 || Math.sign(after) !== Math.sign(before));
  const adding = !reducing && before !== 0;
  if (opening) {
    avgU[s] = u;
    const qty = Math.abs(after), share = reducing ? qty / Math.abs(q) : 1;
    open[s] = { symbol_id: s, direction: Math.sign(after), openedAt: f.timestamp, closedAt: null, realized: 0, fees: f.fee * share,
      entryQty: qty, entryNotional: qty * inst[s].mult * p, entryInvNotional: qty * inst[s].mult / p, exitQty: 0, exitNotional: 0, exitInvNotional: 0, fills: 1, maxQty: qty };
  } else if (adding) {
    avgU[s] = (Math.abs(before) * avgU[s] + Math.abs(q) * u) / (Math.abs(before) + Math.abs(q));
    const t = open[s];
    t.fees += f.fee; t.entryQty += Math.abs(q); t.entryNotional += Math.abs(q) * inst[s].mult * p; t.entryInvNotional += Math.abs(q) * inst[s].mult / p; t.fills++;
  } else if (after === 0) avgU[s] = 0;
  pos[s] = after;
  if (open[s]) open[s].maxQty = Math.max(open[s].maxQty, Math.abs(after));
}
settleFundingUpTo(1n << 62n);   // the rest (after the last fill)

// ---------- last prices ----------
const symRows = new Map(symbolsFile.rows.map((r) => [r.symbol_id, r]));
const lastPrice = new Array(nSymbols).fill(NaN), firstPrice = new Array(nSymbols).fill(NaN);
const dataPath = opt('--data');
let data = null;
if (dataPath) {
  data = read(dataPath);
  for (const t of data.rows) { if (Number.isNaN(firstPrice[t.symbol_id])) firstPrice[t.symbol_id] = t.price; lastPrice[t.symbol_id] = t.price; }
} else {
  for (let s = 0; s < nSymbols; s++) { lastPrice[s] = symRows.get(s).last_price; firstPrice[s] = symRows.get(s).first_price; }
  info('no --data: last prices taken from symbols.arrow (unrealized PnL then checks the averaging, not the price)');
}
// With --mark-with mark-price the positions are valued at the marks, which only the engine's run has: take its figure.
const markWith = meta['backtester.options.mark_with'];

// ---------- currencies: rates at the end ----------
const currencies = [...new Set(inst.map((i) => i.settle).filter((c) => c))];
let reporting = meta['backtester.options.reporting_currency'] || undefined;
if (!reporting) reporting = inst.find((i) => !i.inverse && i.quote)?.quote ?? inst.find((i) => i.settle)?.settle;
const rateOf = (c) => {
  if (!c || c === reporting) return 1;
  let s = inst.findIndex((i) => i.base === c && i.quote === reporting);
  if (s >= 0) return lastPrice[s];
  s = inst.findIndex((i) => i.base === reporting && i.quote === c);
  if (s >= 0) return 1 / lastPrice[s];
  throw new Error(`no symbol prices ${c} in ${reporting}`);
};
const rate = inst.map((i) => rateOf(i.settle));
if (currencies.length > 1) info(`currencies ${currencies.join(', ')}, reporting ${reporting}; end rates ${rate.join(', ')}`);

// ---------- per symbol and totals ----------
const unreal = pos.map((q, s) => (q === 0 ? 0 : q * (unit(s, lastPrice[s]) - avgU[s])));
const conv = (xs) => xs.map((x, s) => x * rate[s]);
const tot = (xs) => fsum(conv(xs));
const myRealized = tot(realized), myUnreal = tot(unreal), myFees = tot(fees), myFunding = tot(funding), myTurnover = tot(turnover);
const myGross = myRealized + myUnreal, myNet = myGross - myFees + myFunding;
// Final equity from cash flows alone: initial + Σ cash flow of fills and funding + Σ position × unit value at the last price.
const myEquity = initial + fsum(pos.map((q, s) => (cashFlow[s] + q * unit(s, lastPrice[s])) * rate[s]));

lines.push(`== ${dir}: ${meta['backtester.strategy']} ${meta['backtester.parameters']} on ${meta['backtester.data_source']}`);
lines.push(`   account ${account}, taker ${takerBps} maker ${makerBps} bps, slippage ${slippageBps} bps, mark_with ${markWith}, reporting ${reporting ?? '(one currency)'}`);
lines.push('-- counts');
check('fills', fills.rows.length, Number(S.fills), 0);
check('liquidations (fills of kind Liquidation)', liquidationFills, Number(S.liquidations), 0);
info(`fees recomputed from rates: ${fills.rows.length - feeMismatches} of ${fills.rows.length} fills agree${feeMismatches ? `, worst error ${worstFeeError}` : ''}`);
if (feeMismatches) failures++;
if (ledger) { info(`funding rows recomputed from my position, rate and price: ${ledgerRows.length - fundingMismatches} of ${ledgerRows.length} agree`); if (fundingMismatches) failures++; }

lines.push('-- money (fills and ledger replayed)');
const markNote = markWith === 'MarkPrice' ? 'marks valued by the engine' : '';
check('realized_pnl', myRealized, S.realized_pnl);
if (markWith !== 'MarkPrice') check('unrealized_pnl', myUnreal, S.unrealized_pnl);
check('fees', myFees, S.fees);
check('funding', myFunding, S.funding);
check('turnover', myTurnover, S.turnover);
if (markWith !== 'MarkPrice') {
  check('gross_pnl (realized + unrealized)', myGross, S.gross_pnl);
  check('net_pnl (gross − fees + funding)', myNet, S.net_pnl);
  check('final_equity (initial + cash flows + positions)', myEquity, S.final_equity);
}
lines.push('-- identities within the summary');
check('gross = realized + unrealized', S.realized_pnl + S.unrealized_pnl, S.gross_pnl, 1e-12);
check('net = gross − fees + funding', S.gross_pnl - S.fees + S.funding, S.net_pnl, 1e-12);
check('final equity = initial + net', S.initial_capital + S.net_pnl, S.final_equity, 1e-12);
check('return = net / initial', S.net_pnl / S.initial_capital, S.return, 1e-12);
check('initial_capital = option', initial, S.initial_capital, 0);
if (markWith === 'MarkPrice') {
  const unrealFromEquity = S.final_equity - initial - myRealized + myFees - myFunding;
  check('unrealized = equity − initial − realized + fees − funding', unrealFromEquity, S.unrealized_pnl, 1e-9, markNote);
  // valuing the open positions at their last mark: implied mark per open symbol
  for (let s = 0; s < nSymbols; s++) if (pos[s] !== 0) info(`${symbolNames[s]}: position ${pos[s]}, summary-implied value point ${symRows.get(s).last_price} in symbols.arrow`);
}

// ---------- round trips ----------
lines.push('-- round trips (rebuilt from fills, and round_trips.arrow)');
const fileTrips = trips.rows;
check('round_trips: mine', myTrips.length, Number(S.round_trips), 0);
check('round_trips: rows of round_trips.arrow', fileTrips.length, Number(S.round_trips), 0);
const tripPnl = (t) => t.realized - t.fees;   // in the settlement currency, as the file
let rowMismatch = 0;
const mine = myTrips.slice();
const theirs = fileTrips.slice();
for (let i = 0; i < Math.min(mine.length, theirs.length); i++) {
  const m = mine[i], t = theirs.find((x, j) => j >= i - 2 && x.symbol_id === m.symbol_id && x.closed_at === m.closedAt && x.opened_at === m.openedAt) ?? theirs[i];
  const s = m.symbol_id, lin = !inst[s].inverse;
  const entry = lin ? m.entryNotional / m.entryQty / inst[s].mult : m.entryQty * inst[s].mult / m.entryInvNotional;
  const exit = lin ? m.exitNotional / m.exitQty / inst[s].mult : m.exitQty * inst[s].mult / m.exitInvNotional;
  const entryNotional = lin ? m.entryNotional : m.entryInvNotional;
  const pnl = tripPnl(m);
  const ok = t.symbol_id === m.symbol_id && t.direction === m.direction && t.opened_at === m.openedAt && t.closed_at === m.closedAt
    && t.duration_ns === m.closedAt - m.openedAt && t.fills === m.fills
    && sameNum(t.pnl, pnl, 1e-9) && sameNum(t.fees, m.fees, 1e-9) && sameNum(t.max_quantity, m.maxQty, 1e-12)
    && sameNum(t.entry_price, entry, 1e-12) && sameNum(t.exit_price, exit, 1e-12) && sameNum(t.return, pnl / entryNotional, 1e-9);
  if (!ok) {
    rowMismatch++;
    if (rowMismatch <= 3) info(`trip ${i}: mine ${JSON.stringify({ s, d: m.direction, o: String(m.openedAt), c: String(m.closedAt), pnl, fees: m.fees, entry, exit, ret: pnl / entryNotional, fills: m.fills, maxQ: m.maxQty })}\n          file ${JSON.stringify(t, (k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  }
}
check('round_trips.arrow rows equal to mine', rowMismatch, 0, 0);
function tripStats(pnls) {
  const w = pnls.filter((x) => x > 0), l = pnls.filter((x) => x < 0);
  const sw = fsum(w), sl = fsum(l);
  return { n: pnls.length, wins: w.length, losses: l.length, winRate: pnls.length ? w.length / pnls.length : NaN,
    pf: pnls.length === 0 ? NaN : l.length === 0 ? Infinity : sw / Math.abs(sl), avgWin: w.length ? sw / w.length : NaN,
    avgLoss: l.length ? sl / l.length : NaN, expectancy: pnls.length ? fsum(pnls) / pnls.length : NaN };
}
// The summary converts a trip's PnL at the rate when it closed; with one currency that is 1.
const fileStats = tripStats(fileTrips.map((t) => t.pnl));
if (currencies.length <= 1) {
  check('wins', fileStats.wins, Number(S.wins), 0);
  check('losses', fileStats.losses, Number(S.losses), 0);
  check('win_rate', fileStats.winRate, S.win_rate, 1e-12);
  check('profit_factor', fileStats.pf, S.profit_factor);
  check('average_win', fileStats.avgWin, S.average_win);
  check('average_loss', fileStats.avgLoss, S.average_loss);
  check('expectancy', fileStats.expectancy, S.expectancy);
} else {
  info('several currencies: the summary converts each trip at its closing rate, which the files do not hold; counts only');
  check('wins + losses <= round trips', fileStats.wins + fileStats.losses <= Number(S.round_trips) ? 1 : 0, 1, 0);
}

// ---------- per symbol ----------
lines.push('-- symbols.arrow');
const sumOf = (name) => fsum(symbolsFile.rows.map((r) => r[name]));
for (let s = 0; s < nSymbols; s++) {
  const r = symRows.get(s);
  const name = symbolNames[s];
  const st = tripStats(fileTrips.filter((t) => t.symbol_id === s).map((t) => t.pnl));
  const net = (realized[s] + (markWith === 'MarkPrice' ? r.unrealized_pnl / rate[s] : unreal[s]) - fees[s] + funding[s]) * rate[s];
  const checks = [
    ['net_pnl', net, r.net_pnl], ['realized_pnl', realized[s] * rate[s], r.realized_pnl], ['fees', fees[s] * rate[s], r.fees],
    ['turnover', turnover[s] * rate[s], r.turnover], ['fills', fillCount[s], Number(r.fills)], ['round_trips', st.n, Number(r.round_trips)],
    ['wins', st.wins, Number(r.wins)], ['losses', st.losses, Number(r.losses)], ['win_rate', st.winRate, r.win_rate],
    ['profit_factor', st.pf, r.profit_factor], ['expectancy', st.expectancy, r.expectancy], ['final_position', pos[s], r.final_position],
    ['average_price', pos[s] === 0 ? 0 : inst[s].inverse ? -inst[s].mult / avgU[s] : avgU[s] / inst[s].mult, r.average_price],
    ['first_price', firstPrice[s], r.first_price], ['last_price', lastPrice[s], r.last_price],
    ['buy_and_hold_return', r.last_price / r.first_price - 1, r.buy_and_hold_return],
  ];
  if (markWith !== 'MarkPrice') checks.push(['unrealized_pnl', unreal[s] * rate[s], r.unrealized_pnl]);
  for (const [k, a, b] of checks) check(`${name}.${k}`, a, b, k === 'fills' || k === 'round_trips' || k === 'wins' || k === 'losses' ? 0 : 1e-9);
  if (funding[s] !== 0) info(`${name}: funding ${funding[s]} (symbols.arrow has no funding column; net_pnl includes it)`);
}
for (const [k, sk] of [['net_pnl', 'net_pnl'], ['realized_pnl', 'realized_pnl'], ['unrealized_pnl', 'unrealized_pnl'], ['fees', 'fees'], ['turnover', 'turnover']])
  check(`Σ symbols.${k} = summary`, sumOf(k), S[sk]);
check('Σ symbols.fills = summary', symbolsFile.rows.reduce((a, r) => a + Number(r.fills), 0), Number(S.fills), 0);
check('Σ symbols.round_trips = summary', symbolsFile.rows.reduce((a, r) => a + Number(r.round_trips), 0), Number(S.round_trips), 0);

// ---------- orders ----------
lines.push('-- orders.arrow');
const statusName = orders.enums.status ?? {}, reasonName = orders.enums.reject_reason ?? {};
const byOrder = new Map();
for (const f of fills.rows) {
  const o = byOrder.get(f.order_id) ?? { q: 0, pq: 0, fee: 0, n: 0 };
  o.q += f.quantity; o.pq += f.quantity * f.price; o.fee += f.fee; o.n++;
  byOrder.set(f.order_id, o);
}
let orderMismatch = 0, rejected = 0, buyingPower = 0;
for (const o of orders.rows) {
  const f = byOrder.get(o.order_id) ?? { q: 0, pq: 0, fee: 0, n: 0 };
  const status = statusName[o.status];
  if (status === 'Rejected') { rejected++; if (['InsufficientMargin', 'InsufficientFunds', 'ShortSellingNotAllowed'].includes(reasonName[o.reject_reason])) buyingPower++; }
  const ok = sameNum(o.filled_quantity, f.q, 1e-12) && o.fills === f.n && sameNum(o.fees, f.fee, 1e-9)
    && (f.n === 0 || sameNum(o.average_fill_price, f.pq / f.q, 1e-12));
  if (!ok) { orderMismatch++; if (orderMismatch <= 3) info(`order ${o.order_id}: file ${o.filled_quantity} @ ${o.average_fill_price} fees ${o.fees} fills ${o.fills}; fills.arrow ${f.q} @ ${f.pq / f.q} fees ${f.fee} fills ${f.n}`); }
}
check('orders agree with their fills', orderMismatch, 0, 0);
const engineFillsOutsideOrders = fills.rows.filter((f) => f.order_id < 0n).length;
info(`${engineFillsOutsideOrders} fills with negative order id (liquidations), not in orders.arrow`);
check('rejected_orders = orders with status Rejected', rejected, Number(S.rejected_orders), 0);
check('buying_power_rejections = Rejected for margin/funds', buyingPower, Number(S.buying_power_rejections), 0);

// ---------- equity samples ----------
lines.push('-- equity.arrow');
const E = [initial, ...equity.rows.map((r) => r.equity)];
const n = equity.rows.length;
check('equity_samples = rows', n, Number(S.equity_samples), 0);
let tsBad = 0, retBad = 0, ddBad = 0, peak = initial, sampledMaxDd = 0, sampledMaxDdAbs = 0;
for (let k = 1; k <= n; k++) {
  const row = equity.rows[k - 1];
  const expectedTs = k < n ? firstNs + BigInt(k) * intervalNs : (firstNs + BigInt(k) * intervalNs <= lastNs ? firstNs + BigInt(k) * intervalNs : lastNs);
  if (row.timestamp !== expectedTs) tsBad++;
  const r = E[k] / E[k - 1] - 1;
  if (!sameNum(r, row.return, 1e-12)) retBad++;
  peak = Math.max(peak, E[k]);
  const dd = 1 - E[k] / peak;
  if (!sameNum(dd, row.drawdown, 1e-9) && !sameNum((peak - E[k]) / peak, row.drawdown, 1e-9)) ddBad++;
  sampledMaxDd = Math.max(sampledMaxDd, (peak - E[k]) / peak);
  sampledMaxDdAbs = Math.max(sampledMaxDdAbs, peak - E[k]);
}
check('sample timestamps t0 + k·interval, last at last event', tsBad, 0, 0);
check('return column = E_k / E_k-1 − 1', retBad, 0, 0);
check('drawdown column = 1 − E_k / peak', ddBad, 0, 0);
check('last sample = final_equity', E[n], S.final_equity, 0);
const R = E.slice(1).map((e, k) => e / E[k] - 1);
const mean = fsum(R) / R.length;
const sd = Math.sqrt(fsum(R.map((r) => (r - mean) ** 2)) / (R.length - 1));
const downside = Math.sqrt(fsum(R.map((r) => Math.min(r, 0) ** 2)) / R.length);
check('annualized_volatility = std(r, ddof 1)·√periods', sd * Math.sqrt(periods), S.annualized_volatility);
check('sharpe = mean / std · √periods', R.length < 2 ? NaN : mean / sd * Math.sqrt(periods), S.sharpe);
check('sortino = mean / √mean(min(r,0)²) · √periods', downside === 0 ? (mean > 0 ? Infinity : NaN) : mean / downside * Math.sqrt(periods), S.sortino);
const cagr = n >= periods ? (E[n] / E[0]) ** (periods / n) - 1 : NaN;
check(`cagr (${n} returns vs ${periods} a year)`, cagr, S.cagr);
check('calmar = cagr / sampled max drawdown', Number.isNaN(cagr) || sampledMaxDd === 0 ? NaN : cagr / sampledMaxDd, S.calmar);
info(`sampled max drawdown ${sampledMaxDdAbs} (${sampledMaxDd}); event-level in the summary ${S.max_drawdown} (${S.max_drawdown_percent})`);
check('sampled drawdown <= event-level (abs)', sampledMaxDdAbs <= S.max_drawdown * (1 + 1e-12) ? 1 : 0, 1, 0);
check('sampled drawdown <= event-level (%)', sampledMaxDd <= S.max_drawdown_percent * (1 + 1e-12) ? 1 : 0, 1, 0);

// ---------- event level, from the data ----------
if (data && markWith !== 'MarkPrice') {
  lines.push('-- every event (trades of --data, with the fills merged at their times)');
  const p = new Array(nSymbols).fill(NaN), q = new Array(nSymbols).fill(0);
  let inDrawdown = false, cash = initial, fi = 0, li = 0, peakE = initial, peakT = firstNs, maxDd = 0, maxDdPct = 0, longest = 0n, openTime = 0n, prevT = null;
  let slipBad = 0, marketFills = 0, events = 0;
  // One balance per settlement currency (symbol-indexed here), converted at the rate of that moment (decision 0044).
  const balance = new Array(nSymbols).fill(0);
  const rateNow = (s) => { const c = inst[s].settle; if (!c || c === reporting) return 1;
    let k = inst.findIndex((i) => i.base === c && i.quote === reporting); if (k >= 0) return p[k];
    k = inst.findIndex((i) => i.base === reporting && i.quote === c); return 1 / p[k]; };
  const posValue = () => { let v = 0; for (let s = 0; s < nSymbols; s++) if (q[s] !== 0 || balance[s] !== 0) v += (balance[s] + q[s] * unit(s, p[s])) * rateNow(s); return v; };
  const tradesAt = new Map();
  for (const t of data.rows) { const k = `${t.symbol_id}@${t.timestamp}`; (tradesAt.get(k) ?? tradesAt.set(k, []).get(k)).push(t.price); }
  for (const t of data.rows) {
    events++;
    if (prevT !== null && q.some((x) => x !== 0)) openTime += t.timestamp - prevT;
    while (li < ledgerRows.length && ledgerRows[li].timestamp <= t.timestamp) { balance[ledgerRows[li].symbol_id] += ledgerRows[li].amount; li++; }
    p[t.symbol_id] = t.price;
    while (fi < fills.rows.length && fills.rows[fi].timestamp <= t.timestamp) {
      const f = fills.rows[fi++], s = f.symbol_id, dq = f.side * f.quantity;
      balance[s] += -dq * unit(s, f.price) - f.fee;
      let after = q[s] + dq;
      if (q[s] !== 0 && Math.sign(dq) !== Math.sign(q[s]) && Math.abs(after) <= 1e-9 * Math.max(Math.abs(dq), Math.abs(q[s]))) after = 0;
      q[s] = after;
      if ((fillKind[f.kind] ?? '') !== 'Liquidation' && !f.is_maker) {
        marketFills++;
        const candidates = tradesAt.get(`${s}@${f.timestamp}`) ?? [];
        const slip = slippageBps / 10_000;
        if (!candidates.some((c) => sameNum(f.price, c * (1 + f.side * slip), 1e-12) || sameNum(f.price, c + f.side * c * slip, 1e-12))) slipBad++;
      }
    }
    const e = cash + posValue();
    if (e >= peakE) {
      if (inDrawdown && t.timestamp - peakT > longest) longest = t.timestamp - peakT;   // recovered
      inDrawdown = false; peakE = e; peakT = t.timestamp;
    } else {
      inDrawdown = true;
      maxDd = Math.max(maxDd, peakE - e); maxDdPct = Math.max(maxDdPct, (peakE - e) / peakE);
    }
    prevT = t.timestamp;
  }
  if (inDrawdown && lastNs - peakT > longest) longest = lastNs - peakT;   // still under water at the end
  check('events = data rows', events, Number(S.events), 0);
  check('market fills priced at a trade × (1 ± slippage)', slipBad, 0, 0, `(${marketFills} market fills)`);
  check('max_drawdown (every event)', maxDd, S.max_drawdown, 1e-9);
  check('max_drawdown_percent (every event)', maxDdPct, S.max_drawdown_percent, 1e-9);
  check('max_drawdown_duration_ns', longest, S.max_drawdown_duration_ns, 0);
  check('exposure (time with a position / span)', Number(openTime) / Number(lastNs - firstNs), S.exposure, 1e-9);
}

// ---------- the CLI's output ----------
const jsonPath = opt('--json');
if (jsonPath) {
  lines.push('-- run --json');
  const j = JSON.parse(readFileSync(jsonPath, 'utf8')).summary;
  let bad = 0;
  for (const [k, v] of Object.entries(S)) {
    const jv = j[k] === null ? NaN : j[k] === 'Infinity' ? Infinity : j[k] === '-Infinity' ? -Infinity : j[k];
    if (!sameNum(typeof v === 'bigint' ? Number(v) : v, jv, 0)) { bad++; info(`json ${k}: ${j[k]} vs ${v}`); }
  }
  check('--json summary = summary.arrow (every field, exact)', bad, 0, 0);
}
const tablePath = opt('--table');
if (tablePath) {
  lines.push('-- printed table');
  const labels = { 'Events': 'events', 'Fills': 'fills', 'Round trips': 'round_trips', 'Winning trips': 'wins', 'Losing trips': 'losses',
    'Win rate (%)': 'win_rate', 'Profit factor': 'profit_factor', 'Average win': 'average_win', 'Average loss': 'average_loss',
    'Expectancy': 'expectancy', 'Initial capital': 'initial_capital', 'Final equity': 'final_equity', 'Net PnL': 'net_pnl', 'Return (%)': 'return',
    'Gross PnL': 'gross_pnl', 'Realized PnL': 'realized_pnl', 'Unrealized PnL': 'unrealized_pnl', 'Fees': 'fees', 'Funding': 'funding',
    'Liquidations': 'liquidations', 'Buying-power rejections': 'buying_power_rejections', 'Rejected orders': 'rejected_orders', 'Turnover': 'turnover',
    'Max drawdown (%)': 'max_drawdown_percent', 'Max drawdown': 'max_drawdown', 'Longest drawdown': 'max_drawdown_duration_ns', 'Exposure': 'exposure',
    'Equity samples': 'equity_samples', 'CAGR': 'cagr', 'Volatility': 'annualized_volatility', 'Sharpe': 'sharpe', 'Sortino': 'sortino', 'Calmar': 'calmar' };
  let bad = 0, seen = 0;
  for (const line of readFileSync(tablePath, 'utf8').split('\n')) {
    const m = /^│ (.+?)\s+│\s+(.+?) │$/.exec(line);
    if (!m) continue;
    const key = Object.entries(labels).find(([l]) => m[1].startsWith(l))?.[1];
    if (!key) continue;
    seen++;
    const text = m[2], v = typeof S[key] === 'bigint' ? Number(S[key]) : S[key];
    let ok;
    if (text === '-') ok = Number.isNaN(v);
    else if (text === '∞' || text === '-∞') ok = v === (text === '∞' ? Infinity : -Infinity);
    else if (key === 'max_drawdown_duration_ns') {
      const units = { d: 86400e9, h: 3600e9, m: 60e9, s: 1e9, ms: 1e6, 'µs': 1e3, ns: 1 };
      const parts = [...text.matchAll(/([0-9.]+)(ms|µs|ns|d|h|m|s)/g)];
      const shown = parts.reduce((a, [, x, u]) => a + Number(x) * units[u], 0), last = units[parts.at(-1)[2]];
      ok = v >= shown && v - shown < last;   // truncated to its last unit
    } else {
      const pct = text.endsWith('%');
      const num = Number(text.replace(/[,%]/g, ''));
      const decimals = (text.replace(/[,%]/g, '').split('.')[1] ?? '').length;
      const value = pct ? v * 100 : v;
      ok = Math.abs(value - num) <= 0.5 * 10 ** -decimals * (1 + 1e-9);
    }
    if (!ok) { bad++; info(`table ${m[1].trim()}: '${text}' for ${v}`); }
  }
  check(`printed table rows agree with summary.arrow (${seen} rows)`, bad, 0, 0);
}

console.log(lines.join('\n'));
console.log(failures === 0 ? 'ALL MATCH' : `${failures} DIFFERENCES`);
process.exit(failures === 0 ? 0 : 1);
