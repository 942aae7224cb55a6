using System.CommandLine;

namespace WindowsNodeOperator.Hosting;

/// <summary>The operator's command line.</summary>
internal static class OperatorCli
{
    public static RootCommand Create() =>
        new("Keeps Amazon EKS Windows nodes younger than their maximum age and on the latest EKS-optimized Windows AMI.")
        {
            SandboxCommand.Create(),
        };
}
