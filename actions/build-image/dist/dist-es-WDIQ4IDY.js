import { createRequire as __createRequire } from 'node:module';
const require = __createRequire(import.meta.url);
import{a,b,c,d,e,f,g}from"./chunk-YULTCQE3.js";import"./chunk-OSZIGEIU.js";import"./chunk-6UC7GWK4.js";import"./chunk-IWOOIFA6.js";import"./chunk-XW6WB3GR.js";export{f as ENV_ACCOUNT_ID,e as ENV_CREDENTIAL_SCOPE,d as ENV_EXPIRATION,a as ENV_KEY,b as ENV_SECRET,c as ENV_SESSION,g as fromEnv};
