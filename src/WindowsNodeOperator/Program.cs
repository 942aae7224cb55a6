using System.CommandLine;
using WindowsNodeOperator.Hosting;

var root = new RootCommand("Keeps Amazon EKS Windows nodes younger than their maximum age and on the latest EKS-optimized Windows AMI.")
{
    SandboxCommand.Create(),
};
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
