// Validates Kubernetes manifests against the JSON schemas shipped by the npm package
// kubernetes-models (types, required fields, enums). Usage: node validate-k8s.mjs FILE...
// Prints one line per failure, SKIP for kinds the package does not know (CRDs), and a closing
// "N passed, N failed" line; exits 1 when anything failed.
import fs from 'node:fs';
import yaml from 'js-yaml';

let checked = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
    if (!doc) continue;
    const [group, version] = doc.apiVersion.includes('/') ? doc.apiVersion.split('/') : [null, doc.apiVersion];
    let Model;
    try {
      Model = (await import(`kubernetes-models/${group ? group + '/' : ''}${version}/${doc.kind}`))[doc.kind];
    } catch {
      console.log(`SKIP ${doc.apiVersion} ${doc.kind}`);
      continue;
    }
    checked++;
    try {
      new Model(doc).validate();
    } catch (e) {
      failed++;
      console.log(`FAIL ${file} ${doc.kind}/${doc.metadata?.name}: ${e.message}`);
    }
  }
}
console.log(`${checked - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
