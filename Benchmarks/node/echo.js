// Node.js echo with length-prefixed JSON over `net` only (no npm packages): the way the seed IPC
// libraries work. Each frame is a 4-byte big-endian length and a JSON message
// {"id":N,"method":"echo","payload":{…64-byte JSON…}}; the server replies {"id":N,"result":payload}
// and the client matches replies to calls by id.
//
//   node echo.js server (--unix PATH | --tcp HOST:PORT)   prints "ready unix:PATH" / "ready tcp:HOST:PORT"
//   node echo.js client --endpoint (unix:PATH | tcp:HOST:PORT) [--in-flight N] [--warmup S] [--duration S]
'use strict';
const net = require('net');
const { performance } = require('perf_hooks');

// The 64-byte JSON payload every Swift scenario sends too.
function makePayload() {
  const text = '{"id":"ord_42","note":';
  return JSON.parse(text + '"' + 'x'.repeat(64 - text.length - 3) + '"}');
}

// Splits a byte stream into frames and calls `onMessage` with each parsed JSON message.
function framer(onMessage) {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    while (pending.length - offset >= 4) {
      const length = pending.readUInt32BE(offset);
      if (pending.length - offset - 4 < length) break;
      onMessage(JSON.parse(pending.toString('utf8', offset + 4, offset + 4 + length)));
      offset += 4 + length;
    }
    pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  };
}

function encode(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

function server(kind, address) {
  const srv = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', framer((message) => {
      socket.write(encode({ id: message.id, result: message.payload }));
    }));
    socket.on('error', () => socket.destroy());
  });
  const announce = () => {
    const bound = srv.address();
    process.stdout.write(kind === '--unix' ? `ready unix:${address}\n` : `ready tcp:${bound.address}:${bound.port}\n`);
  };
  if (kind === '--unix') {
    srv.listen(address, announce);
  } else {
    const colon = address.lastIndexOf(':');
    srv.listen(Number(address.slice(colon + 1)), address.slice(0, colon), announce);
  }
}

function client(options) {
  const endpoint = options.endpoint;
  const socket = endpoint.startsWith('unix:')
    ? net.createConnection(endpoint.slice(5))
    : net.createConnection(Number(endpoint.slice(endpoint.lastIndexOf(':') + 1)),
      endpoint.slice(4, endpoint.lastIndexOf(':')));
  socket.setNoDelay(true);
  const payload = makePayload();
  const calls = new Map();  // id → send time (ms)
  const latencies = [];
  let nextID = 1;
  let total = 0;
  let start, measureFrom, measureTo;

  const send = () => {
    const id = nextID++;
    calls.set(id, performance.now());
    socket.write(encode({ id, method: 'echo', payload }));
  };
  socket.on('data', framer((message) => {
    const sent = calls.get(message.id);
    if (sent === undefined) throw new Error(`unexpected reply ${message.id}`);
    calls.delete(message.id);
    total++;
    const t = performance.now();
    if (t >= measureFrom && t < measureTo) latencies.push(t - sent);
    if (t < measureTo) {
      send();
    } else if (calls.size === 0) {
      socket.end();
      report();
    }
  }));
  socket.on('error', (error) => {
    process.stderr.write(`echo.js client: ${error.message}\n`);
    process.exit(1);
  });
  socket.on('connect', () => {
    start = performance.now();
    measureFrom = start + options.warmup * 1000;
    measureTo = measureFrom + options.duration * 1000;
    for (let i = 0; i < options.inFlight; i++) send();
  });

  function report() {
    const sorted = Float64Array.from(latencies).sort();
    const cpu = process.cpuUsage();
    const at = (q) => (sorted.length ? sorted[Math.floor((sorted.length - 1) * q)] * 1000 : 0);
    process.stdout.write(JSON.stringify({
      calls: sorted.length, seconds: options.duration,
      p50: +at(0.5).toFixed(2), p99: +at(0.99).toFixed(2), p999: +at(0.999).toFixed(2),
      totalCalls: total, cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
    }) + '\n');
  }
}

const args = process.argv.slice(2);
if (args[0] === 'server' && args.length >= 3) {
  server(args[1], args[2]);
} else if (args[0] === 'client') {
  const options = { endpoint: null, inFlight: 1, warmup: 1, duration: 3 };
  for (let i = 1; i + 1 < args.length; i += 2) {
    const value = args[i + 1];
    switch (args[i]) {
      case '--endpoint': options.endpoint = value; break;
      case '--in-flight': options.inFlight = Number(value); break;
      case '--warmup': options.warmup = Number(value); break;
      case '--duration': options.duration = Number(value); break;
      case '--payload': break;  // fixed 64-byte JSON payload
      default: process.stderr.write(`echo.js: unknown option ${args[i]}\n`); process.exit(2);
    }
  }
  if (!options.endpoint || !(options.inFlight >= 1)) {
    process.stderr.write('echo.js client: needs --endpoint and --in-flight >= 1\n');
    process.exit(2);
  }
  client(options);
} else {
  process.stderr.write('usage: node echo.js server (--unix PATH | --tcp HOST:PORT)\n' +
    '       node echo.js client --endpoint ENDPOINT [--in-flight N] [--warmup S] [--duration S]\n');
  process.exit(2);
}
