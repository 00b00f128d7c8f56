// VS Code client for iovc: starts `iovc lsp` (stdio) for the iovctl language. All the logic
// (diagnostics, completion, hover, fixes, formatting, inlay hints) is in the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

/** The `iovc` settings the server understands, as one object. */
function settings() {
  const c = vscode.workspace.getConfiguration('iovc');
  const out = {};
  for (const key of ['driver', 'debounceMs', 'maxFileSize', 'explainUrl']) {
    const v = c.get(key);
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}

function createClient() {
  const command = vscode.workspace.getConfiguration('iovc').get('path') || 'iovc';
  const serverOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [{ language: 'iovctl' }],
    synchronize: { configurationSection: 'iovc' },
    initializationOptions: settings(),
    outputChannelName: 'iovc',
  };
  return new LanguageClient('iovc', 'iovc', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (e) {
    const command = vscode.workspace.getConfiguration('iovc').get('path') || 'iovc';
    vscode.window.showErrorMessage(`iovc: cannot start \`${command} lsp\` (${e && e.message ? e.message : e}). Install iovc or set "iovc.path".`);
  }
}

exports.activate = async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('iovc.restartServer', async () => {
      if (client) await client.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('iovc.path')) {
        if (client) await client.stop();
        await start();
      }
    }),
  );
  await start();
};

exports.deactivate = function deactivate() {
  return client ? client.stop() : undefined;
};

exports._settings = settings;
