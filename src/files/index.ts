export {
  dirSyncCount,
  linkFileDurable,
  makeReadOnly,
  moveFile,
  moveFileUnsynced,
  syncDir,
  temporaryNameOf,
  writeFileDurable,
} from './durable-write.js';
