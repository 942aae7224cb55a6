using WindowsNodeOperator.Sandbox.Kubernetes.Server.Access;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// Each rule of the shipped ClusterRole and leader-election Role taken out in turn: a short flow that needs it (a new AMI
/// up to the first drain, or to a drain forced after its timeout) fails, and the test names how the operator shows it.
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class RbacRuleRemovalTests(ITestOutputHelper output)
{
    private const string ForceRule = "delete core/pods";

    private static readonly TimeSpan FlowLimit = TimeSpan.FromMinutes(40);

    /// <summary>
    /// A forced drain needs a node whose budgeted pods the tightened budgets hold: the refresh may take nodes without such
    /// pods first (where they run depends on the scheduler's placements), so it may take hours to reach one.
    /// </summary>
    private static readonly TimeSpan ForceLimit = TimeSpan.FromHours(4);

    /// <summary>How long the flow runs on once the failure shows, to see that it stays.</summary>
    private static readonly TimeSpan Persist = TimeSpan.FromMinutes(10);

    public static TheoryData<string, int, string> Rules()
    {
        var data = new TheoryData<string, int, string>();
        var shipped = OperatorRbac.Shipped();
        foreach (var role in new[] { OperatorRbac.ClusterRole, OperatorRbac.Role })
        {
            var rules = shipped.Rules(role);
            for (var i = 0; i < rules.Count; i++)
            {
                data.Add(role, i, OperatorRbac.Describe(rules[i]));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Without_the_rule_the_short_flow_fails_and_the_operator_shows_how(string role, int index, string rule)
    {
        var symptom = Symptom(rule);
        var force = rule == ForceRule;
        await using var world = await OperatorInSandbox.StartAsync(output, rbac: OperatorRbac.Shipped().Without(role, index));
        try
        {
            await world.UntilLeaderOrRefusedAsync();
            world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 1;
            world.Observers.ForceAllowed = force;
            var policy = OperatorInSandbox.SamplePolicyWithoutWindows();
            if (force)
            {
                // A drain held by the budgets, forced after a short timeout: pods are deleted only then.
                policy = policy.Replace("timeout: 30m", "timeout: 5m", StringComparison.Ordinal).Replace("onTimeout: Wait", "onTimeout: Force", StringComparison.Ordinal);
                await world.ApplyAsync(policy);
                Assert.True(await world.RunUntilOrForAsync(() => world.OperatorEvents.Any(e => e.Reason == "InstanceRefreshStarted"), FlowLimit), world.Dump());
                HeldDrains.SetBudgets(world, iisMinAvailable: 4, ordersMaxUnavailable: 0);
                world.Observers.Rebaseline();
            }
            else
            {
                await world.ApplyAsync(policy);
            }

            await world.RunUntilOrForAsync(() => symptom.Shows(world) || Succeeded(world, force), force ? ForceLimit : FlowLimit);
            await world.RunForAsync(Persist);
        }
        finally
        {
            world.PrintTimeline();
        }

        var denied = world.Cluster.Server.Access.Of(OperatorRbac.User).Where(d => !d.Allowed).ToList();
        output.WriteLine($"without {role} rule {index} ({rule}): {symptom.What}; refused {denied.Count}: "
            + string.Join(" | ", denied.Select(d => d.Request.ToString()).Distinct())
            + $"; Degraded: {world.Condition("windows-default", "Degraded")?["message"]}");
        Assert.True(symptom.Shows(world), $"expected: {symptom.What}\n{world.Dump()}");
        Assert.Contains(denied, d => RbacAuthorizer.RuleAllows(OperatorRbac.Shipped().Rules(role)[index], d.Request));
        if (symptom.FlowFails)
        {
            Assert.False(Succeeded(world, force), $"the flow went through without {rule}\n{world.Dump()}");
        }
    }

    /// <summary>The flow's success: the first drain done (or a drain forced after its timeout).</summary>
    private static bool Succeeded(OperatorInSandbox world, bool force) => world.OperatorEvents.Any(e =>
        e.Reason == "NodeDrained" && e.Regarding.StartsWith("Node/", StringComparison.Ordinal) && (!force || e.Note.Contains("(Forced", StringComparison.Ordinal)));

    private static Expected Symptom(string rule) => rule switch
    {
        "get,list,watch,patch windowsnode.io/windowsnodepolicies" => new(
            "the policy watch is refused (logged) and the policy never gets a status",
            w => Logged(w, "Watch of WindowsNodePolicy failed", "cannot list resource \"windowsnodepolicies\"") && w.Policy("windows-default")["status"] is null),
        "patch windowsnode.io/windowsnodepolicies/status" => new(
            "every reconcile fails at its status write (logged) and the policy shows no status, though the drains go on",
            w => Logged(w, "Reconcile of windows-default failed", "cannot patch resource \"windowsnodepolicies/status\"") && w.Policy("windows-default")["status"] is null,
            FlowFails: false),
        "get,list,watch,patch core/nodes" => new(
            "the node watch is refused (logged): no status, no refresh",
            w => Logged(w, "Watch of Node failed", "cannot list resource \"nodes\"") && NothingDone(w)),
        "list core/pods" => new(
            "the reconcile fails listing a node's pods (logged, Error) and no refresh starts",
            w => Logged(w, "Reconcile of windows-default failed", "cannot list resource \"pods\"") && !Started(w)),
        ForceRule => new(
            "the forced drain's pod deletes are refused (logged, Warning): the node is never drained, and the policy is not Degraded",
            w => Logged(w, "Draining node", "cannot delete resource \"pods\"") && w.ConditionIs("windows-default", "Degraded", "False")),
        "create core/pods/eviction" => new(
            "evictions are refused: the policy is Degraded DrainBlocked with the 403 in its message",
            w => w.ConditionIs("windows-default", "Degraded", "True", "DrainBlocked")
                && Normalize(w.Condition("windows-default", "Degraded")!["message"]!.GetValue<string>()).Contains("cannot create resource \"pods/eviction\"", StringComparison.Ordinal)),
        "list policy/poddisruptionbudgets" => new(
            "the reconcile fails listing budgets (logged, Error) and no refresh starts",
            w => Logged(w, "Reconcile of windows-default failed", "cannot list resource \"poddisruptionbudgets\"") && !Started(w)),
        "list,watch apps/daemonsets" => new(
            "the DaemonSet watch is refused (logged): no status, no refresh",
            w => Logged(w, "Watch of DaemonSet failed", "cannot list resource \"daemonsets\"") && NothingDone(w)),
        "create,patch events.k8s.io/events" => new(
            "no Event is recorded (each dropped, logged) while the refresh and drains go on",
            w => Logged(w, "Dropped event", "cannot create resource \"events\"") && w.OperatorEvents.Count == 0 && Started(w),
            FlowFails: false),
        "create coordination.k8s.io/leases" => new(
            "the Lease is never created, so the operator never leads and does nothing (KubernetesClient's lock swallows the 403: no log)",
            w => !w.IsLeader && w.Store.Find("coordination.k8s.io/v1", "leases", OperatorRbac.Namespace, "windows-node-operator") is null && NothingDone(w)),
        "get,update coordination.k8s.io/leases [windows-node-operator]" => new(
            "reading its Lease is refused (logged): the operator never leads and does nothing",
            w => Logged(w, "Leader election could not read or write its Lease", "cannot get resource \"leases\"") && !w.IsLeader && NothingDone(w)),
        _ => throw new InvalidOperationException($"no expected symptom for rule {rule}: a new rule needs its case here"),
    };

    private static bool Started(OperatorInSandbox world) => world.Cluster.Cloud.Calls.Snapshot().Any(c => c.Key.EndsWith("StartInstanceRefresh", StringComparison.Ordinal) && c.Value > 0);

    private static bool NothingDone(OperatorInSandbox world) => world.Policy("windows-default")["status"] is null && !Started(world);

    private static bool Logged(OperatorInSandbox world, string what, string forbidden) =>
        world.Logs.Lines.Select(Normalize).Any(l => l.Contains(what, StringComparison.Ordinal) && l.Contains(forbidden, StringComparison.Ordinal));

    /// <summary>Status bodies quoted in logs escape their quotes.</summary>
    private static string Normalize(string line) => line.Replace("\\u0022", "\"", StringComparison.Ordinal);

    private sealed record Expected(string What, Func<OperatorInSandbox, bool> Shows, bool FlowFails = true);
}
