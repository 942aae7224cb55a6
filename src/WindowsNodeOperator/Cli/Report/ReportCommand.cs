using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Hosting;

namespace WindowsNodeOperator.Cli.Report;

/// <summary>`report`: every Windows node's age, AMI and hardening, read-only; exit 0 all compliant, 1 expired or drifted, 2 on error.</summary>
internal static class ReportCommand
{
    public static Command Create(OperatorComposition composition, TimeProvider? time = null)
    {
        var shared = new CliOptions();
        var maxNodeAge = new Option<string>("--max-node-age")
        {
            Description = "Nodes older than this are expired (45d, 30d12h).",
            DefaultValueFactory = _ => "45d",
        };
        var checks = new Option<bool>("--checks")
        {
            Description = "Run the hardening checks (Server Core, RDP closed, SSM, IMDSv2, encrypted root volume, AMI available); --checks false to skip.",
            DefaultValueFactory = _ => true,
        };
        var command = new Command("report", """
            Audit the cluster's Windows nodes without changing anything: one row per node with its group, zone, age,
            time to expiry, whether its AMI is the latest EKS-optimized one, a verdict, and hardening checks.
            Exit 0 when every node is compliant, 1 when any is expired or drifted, 2 on error.

            Examples:
              kubectl wnp report
              kubectl wnp report --context prod --region eu-west-1 --max-node-age 30d
              kubectl wnp report -o json | jq '.nodes[] | select(.verdict != "compliant")'
              WindowsNodeOperator report --profile audit -o markdown > windows-nodes.md
            """)
        {
            maxNodeAge, checks,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            parse, shared, composition, time ?? TimeProvider.System, parse.GetValue(maxNodeAge)!, parse.GetValue(checks), ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, CliOptions shared, OperatorComposition composition, TimeProvider time, string maxNodeAge, bool checks, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var terminal = Terminal.For(output, error);
        var progress = new Progress(error, terminal.Progress);
        try
        {
            if (!Api.PolicyDuration.TryParse(maxNodeAge, out _, out var reason))
            {
                throw new AuditFailure($"--max-node-age: {reason}");
            }

            using var cluster = ClusterAccess.Connect(parse.GetValue(shared.Kubeconfig), parse.GetValue(shared.Context));
            await using var cloud = AuditCloud.Build(composition, parse.GetValue(shared.Region), parse.GetValue(shared.Profile));
            var rows = await AuditStep.AwsAsync("(client setup)", () => Task.FromResult(new ReportGatherer(
                cluster,
                cloud.GetRequiredService<IFleetAudit>(),
                cloud.GetRequiredService<IManagedInstances>(),
                cloud.GetRequiredService<IAmiCatalog>(),
                cloud.GetRequiredService<IAutoScaling>(),
                time,
                progress))).ConfigureAwait(false);
            var report = await rows.GatherAsync(maxNodeAge, checks, ct).ConfigureAwait(false);
            ReportWriter.Write(output, report, parse.GetValue(shared.Output), terminal, checks);
            return report.Any(r => r.Verdict is ReportVerdict.Expired or ReportVerdict.Drifted) ? 1 : 0;
        }
        catch (AuditFailure e)
        {
            progress.Clear();
            await error.WriteLineAsync($"report: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
