/** Worker thread entry: parses one DistroKid bank details file into BankLinesBatch batches (see bank-details.lines.ts). */
import { workerData } from 'node:worker_threads';
import { serveBatches } from '../common/worker-batch-port';
import { type BankDetailsWorkerData, encodeBankDetails, PartWanted } from './bank-details.lines';

const { path, file, flow, partWanted } = workerData as BankDetailsWorkerData;
void serveBatches(flow, (onBytes) => encodeBankDetails(path, { file, onBytes, partWanted: new PartWanted(partWanted) }));
