import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a as r}from"./chunk-BVFJDRXD.js";import{c as o}from"./chunk-IX6QEXNP.js";import"./chunk-WQUVSM5P.js";import"./chunk-XW6WB3GR.js";r(o);
