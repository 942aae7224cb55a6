using System.CommandLine;
using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Hosting;
using WindowsNodeOperator.Planning;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>`plan -f policy.yaml`: what the operator would do for a policy now and next, read-only; exit 0 nothing due, 1 replacements due, 2 on error.</summary>
internal static class PlanCommand
{
    private const string WindowsNodes = "kubernetes.io/os=windows";
    private const string FleetReads =
        "autoscaling:DescribeAutoScalingGroups, autoscaling:DescribeInstanceRefreshes, ec2:DescribeInstances, ec2:DescribeLaunchTemplateVersions or ssm:GetParameter";

    public static Command Create(OperatorComposition composition, TimeProvider? time = null)
    {
        var shared = new CliOptions();
        shared.Output.Description = "table (fits 80 columns) or json.";
        shared.Output.AcceptOnlyFromAmong("table", "json", "Table", "Json");
        var file = new Option<string>("--filename", "-f")
        {
            Description = "The WindowsNodePolicy to plan for, YAML or JSON.",
            Required = true,
        };
        var at = new Option<string?>("--at")
        {
            Description = "Plan as of this instant (ISO 8601, UTC unless it says otherwise) instead of now.",
        };
        var command = new Command("plan", """
            Show what the operator would do for a WindowsNodePolicy, without changing anything: the target AMI and its
            soak, the action allowed now (or why none), the groups and nodes it would replace in which batches and
            maintenance windows, PodDisruptionBudgets that would block a drain, and when the fleet would be compliant.
            Exit 0 when nothing is due, 1 when replacements are due, 2 on error (an invalid policy lists its fields).

            Examples:
              kubectl wnp plan -f policy.yaml
              kubectl wnp plan -f policy.yaml --at 2025-06-03T22:30:00+02:00
              kubectl wnp plan -f policy.yaml -o json | jq '.batches[].nodes[].node'
            """)
        {
            file, at,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(
            parse, shared, composition, time ?? TimeProvider.System, parse.GetValue(file)!, parse.GetValue(at), ct));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, CliOptions shared, OperatorComposition composition, TimeProvider time, string file, string? at, CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var terminal = Terminal.For(output, error);
        var progress = new Progress(error, terminal.Progress);
        try
        {
            // 1. The file first: an invalid policy is named field by field, before anything is read.
            var (policy, errors) = PolicyFile.Read(file);
            if (policy is null)
            {
                await error.WriteLineAsync($"plan: {file} is invalid:").ConfigureAwait(false);
                foreach (var e in errors)
                {
                    await error.WriteLineAsync("  " + e).ConfigureAwait(false);
                }

                return 2;
            }

            var clock = at is null ? time : new FixedClock(ParseAt(at));

            // 2. The snapshot, gathered by the operator's own gatherer from one list of nodes, with the policy's ledger if it has one
            //    (a file saved with `kubectl get wnp -o yaml` carries it and its held AMIs; a hand-written one does not).
            using var cluster = ClusterAccess.Connect(parse.GetValue(shared.Kubeconfig), parse.GetValue(shared.Context));
            await using var cloud = AuditCloud.Build(composition, parse.GetValue(shared.Region), parse.GetValue(shared.Profile));
            progress.Say("reading Windows nodes");
            var nodes = (await AuditStep.ClusterAsync("list nodes", () => cluster.CoreV1.ListNodeAsync(labelSelector: WindowsNodes, cancellationToken: ct)).ConfigureAwait(false)).Items;
            progress.Say("reading the policy's groups, instances, refreshes and AMI");
            using var version = new ClusterVersionCache(new KubernetesPolicyClient(cluster), clock);
            var gathered = await AuditStep.AwsAsync(FleetReads, () => new FleetGatherer(
                cloud.GetRequiredService<IAutoScaling>(),
                new KnownInstances(cloud.GetRequiredService<IInstanceInventory>(), clock),
                cloud.GetRequiredService<IAmiCatalog>(),
                new LaunchTemplateImageCache(cloud.GetRequiredService<ILaunchTemplates>()),
                version,
                new ListedCache<V1Node>([.. nodes]),
                new ListedCache<V1DaemonSet>([]),
                clock).GatherAsync(policy, PolicyLedger.Read(policy.Metadata?.Annotations), ct)).ConfigureAwait(false);
            if (gathered.AmiParameterProblem is { } parameterProblem)
            {
                throw new AuditFailure($"{file} is invalid: spec.ami: Invalid value: \"{gathered.AmiParameter}\": {parameterProblem}");
            }

            // 3. The planner's plan, then its steps played forward into batches and windows.
            var plan = Planner.Plan(gathered.Snapshot);
            var settings = PolicyValidation.Read(policy).Settings!;
            var (groups, batches) = PlanRollout.Play(gathered.Snapshot, plan, settings);
            progress.Say("checking PodDisruptionBudgets");
            var preflight = new DisruptionPreflight(new KubernetesClusterClient(cluster, TimeProvider.System));
            var blockers = await Blockers(() => preflight.FindBlockersAsync(batches.SelectMany(b => b.Nodes).Select(n => n.Node), ct)).ConfigureAwait(false);
            progress.Clear();

            var result = Result(policy, gathered, plan, settings, groups, batches, blockers);
            PlanWriter.Write(output, result, parse.GetValue(shared.Output), terminal);
            return result.ReplacementsDue ? 1 : 0;
        }
        catch (AuditFailure e)
        {
            progress.Clear();
            await error.WriteLineAsync($"plan: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }

    private static DateTimeOffset ParseAt(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : throw new AuditFailure($"--at: '{text}' is not a time (2025-06-03T22:30:00Z)");

    private static async Task<IReadOnlyList<string>> Blockers(Func<Task<IReadOnlyList<string>>> read)
    {
        try
        {
            return await AuditStep.ClusterAsync("list PodDisruptionBudgets", read).ConfigureAwait(false);
        }
        catch (ClusterApiException e)
        {
            throw new AuditFailure($"the cluster failed to list PodDisruptionBudgets: {e.Message}", e);
        }
    }

    private static PlanResult Result(
        WindowsNodePolicy policy,
        Gathered gathered,
        Planning.Plan plan,
        PolicySettings settings,
        IReadOnlyList<PlanGroup> groups,
        IReadOnlyList<PlanBatch> batches,
        IReadOnlyList<string> blockers)
    {
        var now = gathered.Snapshot.Now;
        // The soak, an unknown age, or a refresh to the AMI that failed (here or in another group) holds the latest back.
        var hold = plan.Groups.Select(g => g.Hold).OfType<Wait>().FirstOrDefault()?.Message
            ?? plan.Groups.Where(g => g.FailedIn is not null).Select(g => GroupTargets.FailedWait(g.FailedIn!).Message).FirstOrDefault();
        var ami = gathered.Snapshot.LatestAmi is AmiFound found
            ? new PlanAmi(found.ImageId, found.CreatedAt, found.PublishedAt, found.SoakStart + settings.SoakTime, hold)
            : null;
        return new PlanResult(
            policy.Metadata.Name,
            now,
            gathered.AmiParameter,
            ami,
            ActionText.Describe(plan.Action),
            (plan.Action as Wait)?.Reason.ToString(),
            plan.DryRunAction is { } would ? ActionText.Describe(would) : null,
            settings.Windows.IsOpen(now),
            settings.Windows.NextStart(now),
            plan.Budget,
            plan.Counts,
            groups,
            batches,
            blockers,
            plan.MissingGroups,
            (int)PlanRollout.BatchDuration(policy.Spec, settings).TotalMinutes,
            batches.Count == 0 ? null : batches[^1].EndsAt);
    }
}
