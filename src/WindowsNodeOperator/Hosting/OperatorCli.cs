using System.CommandLine;

namespace WindowsNodeOperator.Hosting;

/// <summary>The operator's command line.</summary>
internal static class OperatorCli
{
    /// <summary>The commands; <paramref name="cloud"/> replaces real AWS under `run` (tests).</summary>
    public static RootCommand Create(OperatorComposition? cloud = null) =>
        new("Keeps Amazon EKS Windows nodes younger than their maximum age and on the latest EKS-optimized Windows AMI.")
        {
            RunCommand.Create(cloud ?? OperatorComposition.Aws),
        };
}
