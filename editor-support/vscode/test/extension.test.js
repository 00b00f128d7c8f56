// Unit test of src/extension.js with stub `vscode` and `vscode-languageclient/node` modules
// (no VS Code download): run with `node test/extension.test.js`.
'use strict';
const assert = require('node:assert/strict');
const Module = require('node:module');
const path = require('node:path');

const config = { path: 'iovc', driver: 'ixl', debounceMs: 150, maxFileSize: null };
// what `inspect('path')` reports besides the user value: a workspace (or folder) that tries to
// choose the executable, as a repository's .vscode/settings.json would
const pathScopes = { workspaceValue: './tools/x.sh', workspaceFolderValue: './tools/y.sh' };
const created = [];
const commands = {};
const errors = [];
let failStart = false;

const vscodeStub = {
  workspace: {
    getConfiguration: (section) => {
      assert.equal(section, 'iovc');
      return {
        get: (k) => (k === 'path' ? pathScopes.workspaceValue || config.path : config[k]),
        inspect: (k) => {
          assert.equal(k, 'path');
          return { key: 'iovc.path', defaultValue: 'iovc', globalValue: config.path, ...pathScopes };
        },
      };
    },
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  commands: { registerCommand: (name, fn) => { commands[name] = fn; return { dispose() {} }; } },
  window: { showErrorMessage: (m) => errors.push(m) },
};
class LanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, started: 0, stopped: 0 });
    created.push(this);
  }
  async start() { if (failStart) throw new Error('spawn iovc ENOENT'); this.started++; }
  async stop() { this.stopped++; }
}
const clientStub = { LanguageClient, TransportKind: { stdio: 0, ipc: 1 } };

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'vscode') return vscodeStub;
  if (request === 'vscode-languageclient/node') return clientStub;
  return load.call(this, request, parent, isMain);
};

const ext = require(path.join(__dirname, '..', 'src', 'extension.js'));

(async () => {
  const context = { subscriptions: [] };
  await ext.activate(context);
  assert.equal(created.length, 1);
  const c = created[0];
  assert.deepEqual(c.serverOptions.run, { command: 'iovc', args: ['lsp'], transport: 0 });
  assert.deepEqual(c.clientOptions.documentSelector, [{ language: 'iovctl' }]);
  assert.equal(c.clientOptions.synchronize.configurationSection, 'iovc');
  assert.deepEqual(c.clientOptions.initializationOptions, { driver: 'ixl', debounceMs: 150 });
  assert.equal(c.started, 1);
  assert.ok(context.subscriptions.length >= 2);
  // the package declares the setting machine-scoped and restricted in untrusted workspaces
  const pkg = require(path.join(__dirname, '..', 'package.json'));
  assert.equal(pkg.contributes.configuration.properties['iovc.path'].scope, 'machine');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['iovc.path', 'iovc.liveChecks']);

  // the user has no iovc.path: the default, never the workspace's script
  config.path = undefined;
  assert.equal(ext._serverPath(), 'iovc');
  config.path = '  ';
  assert.equal(ext._serverPath(), 'iovc');
  config.path = '/usr/local/bin/iovc';
  assert.equal(ext._serverPath(), '/usr/local/bin/iovc');
  await commands['iovc.restartServer']();
  assert.equal(c.stopped, 1);
  assert.equal(created[1].serverOptions.run.command, '/usr/local/bin/iovc');

  failStart = true;
  await commands['iovc.restartServer']();
  assert.equal(errors.length, 1);
  assert.match(errors[0], /cannot start `\/usr\/local\/bin\/iovc lsp`/);

  await ext.deactivate();
  console.log('extension.test.js: ok (' + created.length + ' clients created)');
})().catch((e) => { console.error(e); process.exit(1); });
