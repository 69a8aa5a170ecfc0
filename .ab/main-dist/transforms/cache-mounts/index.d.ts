import { type Transform } from '../../src/toolkit.js';
export declare const cacheMounts: Transform;
