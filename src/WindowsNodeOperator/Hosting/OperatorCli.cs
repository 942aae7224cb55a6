using System.CommandLine;
using WindowsNodeOperator.Cli.Plan;
using WindowsNodeOperator.Cli.Report;

namespace WindowsNodeOperator.Hosting;

/// <summary>The operator's command line.</summary>
internal static class OperatorCli
{
    /// <summary>The commands; <paramref name="cloud"/> replaces real AWS under every command, <paramref name="time"/> the clock of `report` and `plan` (tests).</summary>
    public static RootCommand Create(OperatorComposition? cloud = null, TimeProvider? time = null) =>
        new("Keeps Amazon EKS Windows nodes younger than their maximum age and on the latest EKS-optimized Windows AMI.")
        {
            RunCommand.Create(cloud ?? OperatorComposition.Aws),
            ReportCommand.Create(cloud ?? OperatorComposition.Aws, time),
            PlanCommand.Create(cloud ?? OperatorComposition.Aws, time),
        };
}
