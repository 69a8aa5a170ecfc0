import { type Transform } from '../../src/toolkit.js';
export declare const SYNTAX_LINE = "# syntax=docker/dockerfile:1";
export declare const syntax: Transform;
