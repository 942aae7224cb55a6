using System.CommandLine;
using WindowsNodeOperator.Hosting;

// SIGTERM and Ctrl+C cancel the command's token; the host then stops its controllers and endpoints within
// its shutdown timeout, which this leaves room for (the pod's grace period is 30 s).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(28) };
return await OperatorCli.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
