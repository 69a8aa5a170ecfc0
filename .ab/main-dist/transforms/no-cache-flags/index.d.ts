import { type Transform } from '../../src/toolkit.js';
export declare const noCacheFlags: Transform;
