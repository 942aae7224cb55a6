using System.Text.Json.Nodes;
using WindowsNodeOperator.Api;
using Xunit.Abstractions;

namespace WindowsNodeOperator.Tests.EndToEnd;

/// <summary>
/// The sandbox enforces RBAC, manifests/rbac/ is applied as shipped, and the operator runs as its ServiceAccount with
/// leader election: a whole rollout (drains, events, status, the finalizer, the Lease) and the policy's deletion pass
/// with exactly those rules, none of the operator's requests is refused, and every verb of every rule is used (pods delete
/// and events patch aside: only a forced drain and a repeated event send them).
/// </summary>
[Collection(EndToEndScenarios.Name)]
public sealed class RbacEnforcedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_rollout_and_the_policy_s_deletion_pass_under_the_shipped_rbac_and_use_every_rule()
    {
        var rbac = OperatorRbac.Shipped();
        await using var world = await OperatorInSandbox.StartAsync(output, rbac: rbac);
        try
        {
            await world.UntilLeaderOrRefusedAsync();
            Assert.True(world.IsLeader, world.Dump());
            world.Cluster.Cloud.PublishImage(
                world.WindowsAmiParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.20", world.Time.GetUtcNow().AddDays(-2));
            world.Observers.MaxUnavailable = 1;

            await world.ApplyAsync(OperatorInSandbox.SamplePolicyWithoutWindows());
            await world.RunUntilAsync(() => world.ConditionIs("windows-default", "Ready", "True"), TimeSpan.FromHours(16), "policy Ready after the rollout");
            var drained = world.OperatorEvents.Where(e => e.Reason == "NodeDrained" && e.Regarding == "WindowsNodePolicy/windows-default").ToList();
            Assert.Equal(12, drained.Count);
            Assert.Contains(WindowsNodeOperator.Reconciliation.PolicyCleanup.Finalizer, Finalizers(world));

            var delete = await world.Kubectl.RunAsync("delete", "wnp", "windows-default", "--wait=false");
            Assert.True(delete.ExitCode == 0, delete.ToString());
            await world.RunUntilAsync(
                () => world.Store.Find(WindowsNodePolicy.KubeApiVersion, WindowsNodePolicy.KubePlural, null, "windows-default") is null,
                TimeSpan.FromHours(1), "the policy deleted once its finalizer is removed");

            // The elector renews on the wall clock (every RetryPeriod, 2 s): on a fast machine the run may end before a renewal.
            var wall = System.Diagnostics.Stopwatch.StartNew();
            while (!world.Cluster.Server.Access.Of(OperatorRbac.User).Any(d => d.Request is { Verb: "update", Resource: "leases" }))
            {
                Assert.True(wall.Elapsed < TimeSpan.FromSeconds(30), "the Lease was never renewed");
                await world.StepAsync(TimeSpan.Zero);
            }
        }
        finally
        {
            world.PrintTimeline();
        }

        var decisions = world.Cluster.Server.Access.Of(OperatorRbac.User);
        Assert.NotEmpty(decisions);
        Assert.Empty(decisions.Where(d => !d.Allowed).Select(d => $"{d.Request} {d.Reason}"));

        // The Lease is the operator's, in its namespace.
        var lease = world.Store.Find("coordination.k8s.io/v1", "leases", OperatorRbac.Namespace, "windows-node-operator");
        Assert.Equal("windows-node-operator-0", lease?["spec"]?["holderIdentity"]?.GetValue<string>());

        // Every verb of every rule allowed at least one request, but two that this rollout may not send: pods delete is
        // for drain.onTimeout Force only (RbacRuleRemovalTests forces a drain without it), and events patch only for an
        // event repeated within the recorder's series window, which depends on timing here (EventSeriesRbacTests).
        string[] notAlwaysSent = ["delete core/pods delete", "create,patch events.k8s.io/events patch"];
        var unused = new List<string>();
        foreach (var role in new[] { OperatorRbac.ClusterRole, OperatorRbac.Role })
        {
            var rules = rbac.Rules(role);
            for (var i = 0; i < rules.Count; i++)
            {
                foreach (var verb in rules[i]["verbs"]!.AsArray().Select(v => v!.GetValue<string>()))
                {
                    var used = decisions.Where(d => d.Role == role && d.Rule == i && d.Request.Verb == verb).ToList();
                    output.WriteLine($"{role} rule {i} ({OperatorRbac.Describe(rules[i])}) {verb}: {used.Count} requests, e.g. {used.FirstOrDefault()?.Request}");
                    if (used.Count == 0 && !notAlwaysSent.Contains($"{OperatorRbac.Describe(rules[i])} {verb}"))
                    {
                        unused.Add($"{role} rule {i} ({OperatorRbac.Describe(rules[i])}) verb {verb}");
                    }
                }
            }
        }

        Assert.Empty(unused);
    }

    private static IEnumerable<string> Finalizers(OperatorInSandbox world) =>
        (world.Policy("windows-default")["metadata"]!["finalizers"] as JsonArray ?? []).Select(f => f!.GetValue<string>());
}
