/** The port name for sending a large file in pieces (runtime messages stop at 64 MiB). */
export const IMPORT_PORT = 'crosscheck-import';
