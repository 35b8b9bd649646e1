// Run by scripts/build-functions.ts in a fresh Node: loads a built function (argv[2], its index.js),
// answers its training events (argv[3], JSON) and saves V8's code cache of each script it loaded.
//
// V8 caches the code of the functions that have run, so the cache should hold what a cold start
// runs: loading, and the first request's path through the MongoDB driver (connection handshake,
// command, cursor, BSON) and on through what a first answer does with the sites (the nearest index,
// the list and detail shaping). The build has no database, so the events are answered against a
// minimal MongoDB wire-protocol responder on 127.0.0.1: it accepts the handshake, finds two sample
// sites in `sites` (whatever the filter) and nothing elsewhere, and acknowledges everything else.
// Only the compiled code is kept; no answer from it is.
'use strict';
const { writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { BSON, Long, ObjectId } = require(require.resolve('bson', { paths: [process.cwd()] }));

/** Sites as cloud/src/sites/repository.ts stores them (SiteDoc). */
const SAMPLE_SITES = [
  ['000000000000000000000a01', 'T001', '训练用纪念碑', 'national', 'monument', 30.5928, 114.3055],
  ['000000000000000000000a02', 'T002', '训练用陵园', 'provincial', 'cemetery', 30.6, 114.31],
].map(([id, code, name, level, category, lat, lng], i) => ({
  _id: new ObjectId(id), code, name, sortKey: `${i}:${code}`, level, category, district: '江岸区', city: '武汉', address: '训练地址',
  location: { lat, lng }, openingHours: { open: '08:30', close: '17:00', closedWeekdays: [1] }, intro: '简介', photos: [], visitorNotice: '须知',
  status: 'published', bookable: true, sample: true, version: 1, tributeCount: 3, martyrCount: 2, createdAt: new Date(0), updatedAt: new Date(0),
}));

const OP_MSG = 2013;
const OP_QUERY = 2004;
const OP_REPLY = 1;
let connectionId = 0;

function reply(command) {
  const name = Object.keys(command)[0];
  if (name === 'hello' || name === 'ismaster' || name === 'isMaster') {
    return {
      helloOk: true, isWritablePrimary: true, ismaster: true, maxBsonObjectSize: 16 * 1024 * 1024, maxMessageSizeBytes: 48 * 1000 * 1000,
      maxWriteBatchSize: 100000, localTime: new Date(), logicalSessionTimeoutMinutes: 30, connectionId: ++connectionId,
      minWireVersion: 0, maxWireVersion: 21, readOnly: false, ok: 1,
    };
  }
  if (name === 'find' || name === 'aggregate' || name === 'listIndexes' || name === 'listCollections') {
    const firstBatch = name === 'find' && command.find === 'sites' ? SAMPLE_SITES : [];
    return { cursor: { id: Long.fromNumber(0), ns: `${command.$db}.${command[name]}`, firstBatch }, ok: 1 };
  }
  if (name === 'count') return { n: 0, ok: 1 };
  if (name === 'findAndModify') return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  return { n: 0, nModified: 0, ok: 1 };
}

const server = createServer((socket) => {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      const message = pending.subarray(0, length);
      pending = pending.subarray(length);
      const requestId = message.readInt32LE(4);
      const opCode = message.readInt32LE(12);
      if (opCode === OP_MSG && message[20] === 0) {
        // OP_MSG: header (16), flag bits (4), section kind 0 (1), the command document.
        const body = BSON.serialize(reply(BSON.deserialize(message.subarray(21, 21 + message.readInt32LE(21)))));
        const header = Buffer.alloc(21);
        header.writeInt32LE(21 + body.length, 0);
        header.writeInt32LE(requestId, 8);
        header.writeInt32LE(OP_MSG, 12);
        socket.write(Buffer.concat([header, body]));
      } else if (opCode === OP_QUERY) {
        // The driver's first handshake: OP_QUERY (header, flags, collection name, skip, return, query),
        // answered with OP_REPLY (header, flags, cursor id, starting from, number returned, documents).
        const query = message.indexOf(0, 20) + 1 + 8;
        const body = BSON.serialize(reply(BSON.deserialize(message.subarray(query, query + message.readInt32LE(query)))));
        const header = Buffer.alloc(36);
        header.writeInt32LE(36 + body.length, 0);
        header.writeInt32LE(requestId, 8);
        header.writeInt32LE(OP_REPLY, 12);
        header.writeInt32LE(1, 32);
        socket.write(Buffer.concat([header, body]));
      }
    }
  });
  socket.on('error', () => socket.destroy());
});

server.listen(0, '127.0.0.1', async () => {
  process.env.MONGODB_URI = `mongodb://127.0.0.1:${server.address().port}/code-cache?maxPoolSize=1`;
  const fn = require(process.argv[2]);
  for (const event of JSON.parse(process.argv[3] ?? '[]')) {
    // A failing answer would train the error path instead: stop the build.
    const { statusCode } = await fn.main(event, {});
    if (statusCode >= 500) throw new Error(`code cache training: ${event.path} answered ${statusCode}`);
  }
  await fn.prepareFullApp?.();
  for (const [file, data] of fn.codeCacheData()) writeFileSync(file, data);
  process.exit(0);
});
