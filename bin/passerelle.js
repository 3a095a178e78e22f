#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (built to dist/src/cli by `npm run build`).
// File writes are fsynced (uploads, claims, deliveries, acknowledgements) on libuv's thread
// pool; its default of 4 threads makes SFTP uploads queue behind the pipeline's syncs, and fsyncs issued
// together are committed together by the file system's journal: 64 threads keep enough in flight. It must
// be sized before the pool starts, hence here, before anything is imported.
process.env.UV_THREADPOOL_SIZE ??= '64';
const { main } = await import('../dist/src/cli/index.js');

await main(process.argv);
