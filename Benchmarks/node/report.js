// Turns run.sh's result lines into one table on stdout and one JSON file.
//
//   node report.js RESULTS.jsonl OUTPUT.json [--warmup S] [--duration S] [--load-before L]
//                  [--load-after L] [--command TEXT]
'use strict';
const fs = require('fs');
const os = require('os');

const [input, output, ...rest] = process.argv.slice(2);
const meta = {};
for (let i = 0; i + 1 < rest.length; i += 2) meta[rest[i].replace(/^--/, '')] = rest[i + 1];

const names = {
  c: 'C (limit)', node: 'Node.js net+JSON', grpc: 'gRPC Swift 2', parley: 'Parley',
  'parley-loop': 'Parley on the I/O thread',
};
const rows = fs.readFileSync(input, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
for (const row of rows) {
  const r = row.result;
  if (r.error) continue;
  r.callsPerSecond = Math.round(r.calls / r.seconds);
  // CPU time of both processes (whole run, warm-up and start-up included) per completed call.
  if (r.totalCalls > 0 && r.cpuSeconds != null && row.serverCpuSeconds != null) {
    r.cpuMicrosPerCall = +(((r.cpuSeconds + row.serverCpuSeconds) / r.totalCalls) * 1e6).toFixed(2);
  }
}

const cpu = (os.cpus()[0] || {}).model || 'unknown CPU';
const header = ['implementation', 'socket', 'in flight', 'CPUs', 'calls/s', 'p50 µs', 'p99 µs', 'p99.9 µs',
  'CPU µs/call'];
const table = rows.map((row) => {
  const r = row.result;
  const base = [names[row.implementation] || row.implementation, row.transport, String(row.inFlight), row.placement];
  if (r.error) return base.concat(['failed', '-', '-', '-', '-']);
  const us = (v) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
  return base.concat([r.callsPerSecond.toLocaleString('en-US'), us(r.p50), us(r.p99), us(r.p999),
    r.cpuMicrosPerCall == null ? '-' : us(r.cpuMicrosPerCall)]);
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const numeric = new Set([2, 4, 5, 6, 7, 8]);
const line = (cells) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');

console.log(`Echo of a 64-byte payload, one client connection; ${meta.warmup}s warm-up excluded, ${meta.duration}s measured per row.`);
console.log(`Machine: ${os.cpus().length} × ${cpu}, Linux ${os.release()}, node ${process.version}; load average ${meta['load-before']} before, ${meta['load-after']} after.`);
console.log('CPU µs/call: user + system time of server and client over the whole run, divided by all calls.');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));

// Parley against its peers in the same scenario.
const find = (impl, row) => rows.find((o) => o.implementation === impl && o.transport === row.transport
  && o.inFlight === row.inFlight && o.placement === row.placement && !o.result.error);
const ratios = [];
for (const row of rows.filter((o) => o.implementation.startsWith('parley') && !o.result.error)) {
  const parts = [];
  for (const peer of ['c', 'node', 'grpc']) {
    const other = find(peer, row);
    if (!other) continue;
    parts.push(`${(row.result.callsPerSecond / other.result.callsPerSecond).toFixed(2)}× ${names[peer]} calls/s, `
      + `p50 ${(row.result.p50 / other.result.p50).toFixed(2)}×`);
  }
  if (parts.length) {
    ratios.push({ name: names[row.implementation], transport: row.transport, inFlight: row.inFlight,
      placement: row.placement, text: parts.join('; ') });
  }
}
if (ratios.length) {
  console.log('\nParley relative to its peers (same row):');
  for (const r of ratios) console.log(`  ${r.name}, ${r.transport} ${r.inFlight} in flight, ${r.placement}: ${r.text}`);
}

fs.writeFileSync(output, JSON.stringify({
  date: new Date().toISOString(),
  command: meta.command,
  machine: { cpus: os.cpus().length, cpu, kernel: os.release(), node: process.version },
  payloadBytes: 64,
  warmupSeconds: Number(meta.warmup),
  durationSeconds: Number(meta.duration),
  loadAverageBefore: meta['load-before'],
  loadAverageAfter: meta['load-after'],
  results: rows,
}, null, 2) + '\n');
console.log(`\nJSON: ${output}`);
