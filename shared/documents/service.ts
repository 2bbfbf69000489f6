/** documents: the reads other modules use (the module's work is in its other files). */

// What other modules read (and write in their transactions) of this module's records, entering through index.ts.
export { completeUploadWrites, deletePendingWrites, getDocument, getDocuments, listDocumentsOf, requestUploadWrites } from './repository';
