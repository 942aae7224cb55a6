using System.CommandLine;
using WindowsNodeOperator.Sandbox.Hosting;

// Ctrl+C and SIGTERM cancel the command's token: the operator (when hosted) stops, then the servers.
return await SandboxCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
