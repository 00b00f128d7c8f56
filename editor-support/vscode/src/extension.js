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
  for (const key of ['driver', 'debounceMs', 'maxFileSize', 'explainUrl', 'liveChecks']) {
    const v = c.get(key);
    if (v !== undefined && v !== null) out[key] = v;
  }
  return out;
}

/**
 * The executable to run: the user's (or remote machine's) `iovc.path`, else `iovc` on the PATH.
 * The setting has machine scope, so VS Code should never hand us a workspace value; we still read
 * only the global value, because a workspace (trusted or not) must never choose the program that
 * runs when a file from it is opened.
 */
function serverPath() {
  const i = vscode.workspace.getConfiguration('iovc').inspect('path');
  const v = i ? i.globalValue : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v : 'iovc';
}

function createClient() {
  const command = serverPath();
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
    const command = serverPath();
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
exports._serverPath = serverPath;
