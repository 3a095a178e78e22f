/**
 * The names of status files, apart from their contents: the registry names each entry of a
 * feed when it records it, without loading the XML readers and writers of the status area.
 */
export type { StatusFileFormat } from './status-file-name.js';
export { flowStatusFileName, statusFileName } from './status-file-name.js';
