using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Disruption;
using WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;
using static WindowsNodeOperator.Sandbox.Tests.Kubernetes.Disruption.Fixtures;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Disruption;

public sealed class EvictionTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Status(int allowed, int healthy, int desired, int expected = 3) =>
        $$"""{"observedGeneration":1,"disruptionsAllowed":{{allowed}},"currentHealthy":{{healthy}},"desiredHealthy":{{desired}},"expectedPods":{{expected}}}""";

    [Fact]
    public void Allows_and_decrements_when_the_budget_has_room()
    {
        var decision = Eviction.Decide(Pod("r0"), [Pdb("web", "\"minAvailable\":2", status: Status(1, 3, 2))], Pods(3));

        Assert.True(decision.Allowed);
        Assert.True(decision.DecrementBudget);
        Assert.Equal("web", decision.PdbName);
        Assert.Equal(201, decision.StatusCode);
        TestJson.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","code":201}""", decision.ToStatus());
    }

    [Fact]
    public void Refuses_with_429_and_names_the_budget_when_no_disruption_is_left()
    {
        var decision = Eviction.Decide(Pod("r0"), [Pdb("web", "\"minAvailable\":3", status: Status(0, 3, 3))], Pods(3));

        Assert.False(decision.Allowed);
        Assert.Equal(429, decision.StatusCode);
        TestJson.Equal("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Cannot evict pod as it would violate the pod's disruption budget.","reason":"TooManyRequests",
             "details":{"causes":[{"reason":"DisruptionBudget","message":"The disruption budget web needs 3 healthy pods and has 3 currently"}]},
             "code":429}
            """, decision.ToStatus());
    }

    [Fact]
    public void Refuses_with_500_when_two_budgets_cover_the_pod()
    {
        var pdbs = new List<JsonObject>
        {
            Pdb("a", "\"maxUnavailable\":1", status: Status(1, 3, 2)),
            Pdb("b", "\"maxUnavailable\":1", selector: "{}", status: Status(1, 3, 2)),
        };

        var decision = Eviction.Decide(Pod("r0"), pdbs, Pods(3));

        Assert.Equal((false, 500, "InternalError"), (decision.Allowed, decision.StatusCode, decision.Reason));
        Assert.Equal("Internal error occurred: " + Eviction.MultipleBudgetsMessage, decision.Message);
    }

    [Theory]
    [InlineData("Succeeded")]
    [InlineData("Failed")]
    [InlineData("Pending")]
    public void Terminal_and_pending_pods_skip_the_budgets(string phase)
    {
        var pdbs = new List<JsonObject> { Pdb("a", "\"minAvailable\":3", status: Status(0, 3, 3)), Pdb("b", "\"minAvailable\":3", status: Status(0, 3, 3)) };

        var decision = Eviction.Decide(Pod("x", ready: false, phase: phase), pdbs, Pods(3));

        Assert.True(decision.Allowed);
        Assert.False(decision.DecrementBudget);
        Assert.Null(decision.PdbName);
    }

    [Fact]
    public void Deleting_pods_and_uncovered_pods_are_deleted_directly()
    {
        var pdbs = new List<JsonObject> { Pdb("a", "\"minAvailable\":3", status: Status(0, 3, 3)) };

        Assert.True(Eviction.Decide(Pod("r0", deleting: true), pdbs, Pods(3)).Allowed);
        Assert.True(Eviction.Decide(Pod("db", app: "db"), pdbs, Pods(3)).Allowed);
        Assert.True(Eviction.Decide(Pod("r0", ns: "other"), pdbs, Pods(3)).Allowed);
    }

    [Fact]
    public void Unhealthy_pod_goes_without_a_disruption_when_the_budget_is_met()
    {
        var decision = Eviction.Decide(Pod("n0", ready: false), [Pdb("web", "\"minAvailable\":3", status: Status(0, 3, 3, 4))], Pods(3, 1));

        Assert.True(decision.Allowed);
        Assert.False(decision.DecrementBudget);
        Assert.Equal("web", decision.PdbName);
    }

    [Fact]
    public void Unhealthy_pod_is_guarded_when_the_budget_is_not_met_unless_always_allow()
    {
        var pods = Pods(1, 2);
        var ifHealthy = Pdb("web", "\"minAvailable\":2", status: Status(0, 1, 2));
        var always = Pdb("web", "\"minAvailable\":2,\"unhealthyPodEvictionPolicy\":\"AlwaysAllow\"", status: Status(0, 1, 2));

        var refused = Eviction.Decide(Pod("n0", ready: false), [ifHealthy], pods);
        var allowed = Eviction.Decide(Pod("n0", ready: false), [always], pods);

        Assert.Equal(429, refused.StatusCode);
        Assert.True(allowed.Allowed);
        Assert.False(allowed.DecrementBudget);
    }

    [Fact]
    public void A_stale_status_is_computed_from_the_pods()
    {
        var stale = Pdb("web", "\"maxUnavailable\":1", status: Status(5, 3, 0), generation: 2);
        var unset = Pdb("web", "\"maxUnavailable\":1");

        var pods = Pods(2, 1);
        Assert.Equal(429, Eviction.Decide(Pod("r0"), [stale], pods).StatusCode);
        Assert.True(Eviction.Decide(Pod("r0"), [unset], Pods(3)).Allowed);
    }

    [Fact]
    public void Negative_budget_is_forbidden()
    {
        var decision = Eviction.Decide(Pod("r0"), [Pdb("web", "\"maxUnavailable\":1", status: Status(-1, 3, 2))], Pods(3));

        Assert.Equal((403, "Forbidden"), (decision.StatusCode, decision.Reason));
        Assert.Equal("poddisruptionbudget.policy \"web\" is forbidden: pdb disruptions allowed is negative", decision.Message);
    }

    [Fact]
    public void Decrementing_records_the_pod_and_closes_the_budget_at_zero()
    {
        var pdb = Pdb("web", "\"maxUnavailable\":1", status: """
            {"observedGeneration":1,"disruptionsAllowed":1,"currentHealthy":3,"desiredHealthy":2,"expectedPods":3,
             "conditions":[{"type":"DisruptionAllowed","status":"True","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"SufficientPods"}]}
            """);

        var status = Eviction.DecrementBudget(pdb, "r0", Now);

        Assert.Equal(0, (int)status["disruptionsAllowed"]!);
        Assert.Equal(3, (int)status["currentHealthy"]!);
        TestJson.Equal("""{"r0":"2025-03-01T12:00:00Z"}""", status["disruptedPods"]);
        Assert.Equal(("False", "InsufficientPods", "2025-03-01T12:00:00Z"), ((string?)status["conditions"]![0]!["status"], (string?)status["conditions"]![0]!["reason"], (string?)status["conditions"]![0]!["lastTransitionTime"]));
        Assert.Equal(1, (int)pdb["status"]!["disruptionsAllowed"]!);
    }
}
