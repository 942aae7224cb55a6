using WindowsNodeOperator.Sandbox.Tests.Kubernetes.Patching;
using System.Text.Json.Nodes;
using WindowsNodeOperator.Sandbox.Kubernetes.Disruption;
using static WindowsNodeOperator.Sandbox.Tests.Kubernetes.Disruption.Fixtures;

namespace WindowsNodeOperator.Sandbox.Tests.Kubernetes.Disruption;

public sealed class DisruptionBudgetTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // minAvailable integer: expected = pods found, whatever the controllers say.
    [InlineData("\"minAvailable\":2", 3, 0, 10, 3, 3, 2, 1)]
    [InlineData("\"minAvailable\":3", 3, 0, null, 3, 3, 3, 0)]
    [InlineData("\"minAvailable\":2", 2, 1, null, 3, 2, 2, 0)]
    // minAvailable percent: of the controllers' scale, rounded up.
    [InlineData("\"minAvailable\":\"50%\"", 3, 0, null, 3, 3, 2, 1)]
    [InlineData("\"minAvailable\":\"50%\"", 3, 0, 5, 5, 3, 3, 0)]
    [InlineData("\"minAvailable\":\"100%\"", 4, 0, null, 4, 4, 4, 0)]
    // maxUnavailable: desired = expected - ceil(percent), never negative.
    [InlineData("\"maxUnavailable\":1", 3, 0, null, 3, 3, 2, 1)]
    [InlineData("\"maxUnavailable\":1", 3, 1, null, 4, 3, 3, 0)]
    [InlineData("\"maxUnavailable\":\"30%\"", 3, 0, null, 3, 3, 2, 1)]
    [InlineData("\"maxUnavailable\":\"25%\"", 10, 0, null, 10, 10, 7, 3)]
    [InlineData("\"maxUnavailable\":5", 2, 0, null, 2, 2, 0, 2)]
    [InlineData("\"maxUnavailable\":0", 2, 0, null, 2, 2, 2, 0)]
    // No pods at all: nothing may be disrupted.
    [InlineData("\"maxUnavailable\":1", 0, 0, null, 0, 0, 0, 0)]
    public void Computes_like_the_disruption_controller(string budget, int ready, int notReady, int? scale, int expected, int healthy, int desired, int allowed)
    {
        var status = DisruptionBudget.Compute(Pdb("b", budget), Pods(ready, notReady), scale);

        Assert.Equal((expected, healthy, desired, allowed), (status.ExpectedPods, status.CurrentHealthy, status.DesiredHealthy, status.DisruptionsAllowed));
        Assert.Null(status.SyncError);
    }

    [Fact]
    public void Deleting_terminal_and_other_namespace_or_unselected_pods_are_not_healthy()
    {
        var pods = new List<JsonObject>
        {
            Pod("a"),
            Pod("deleting", deleting: true),
            Pod("done", ready: false, phase: "Succeeded"),
            Pod("elsewhere", ns: "other"),
            Pod("db", app: "db"),
        };

        var status = DisruptionBudget.Compute(Pdb("b", "\"minAvailable\":1"), pods, null);

        Assert.Equal(3, status.ExpectedPods);
        Assert.Equal(1, status.CurrentHealthy);
        Assert.Equal(0, status.DisruptionsAllowed);
    }

    [Fact]
    public void Empty_selector_selects_the_whole_namespace_and_missing_selector_none()
    {
        var pods = new List<JsonObject> { Pod("a"), Pod("b", app: "db") };

        var all = DisruptionBudget.Compute(Pdb("b", "\"maxUnavailable\":1", selector: "{}"), pods, null);
        var none = DisruptionBudget.Compute(Pdb("b", "\"maxUnavailable\":1", selector: "null"), pods, null);

        Assert.Equal(2, all.ExpectedPods);
        Assert.Equal(0, none.ExpectedPods);
    }

    [Fact]
    public void Recently_evicted_pods_stay_out_of_the_healthy_count_for_two_minutes()
    {
        var pdb = Pdb("b", "\"maxUnavailable\":1", status: """{"disruptedPods":{"r0":"2025-03-01T11:59:00Z","r1":"2025-03-01T11:50:00Z"}}""");

        var status = DisruptionBudget.Compute(pdb, Pods(3), null, Now);
        var ignoringTime = DisruptionBudget.Compute(pdb, Pods(3), null);

        Assert.Equal(2, status.CurrentHealthy);
        Assert.Equal(["r0"], status.DisruptedPods!.Keys);
        Assert.Equal(3, ignoringTime.CurrentHealthy);
    }

    [Fact]
    public void Reads_numbers_built_in_memory_as_well_as_parsed_ones()
    {
        var pdb = Pdb("b", "\"minAvailable\":0");
        pdb["spec"]!["minAvailable"] = 2L;
        pdb["metadata"]!["generation"] = 3;

        var status = DisruptionBudget.Compute(pdb, Pods(3), null);

        Assert.Equal(2, status.DesiredHealthy);
        Assert.Equal(3, (long)DisruptionBudget.Status(pdb, status, Now)["observedGeneration"]!);
    }

    [Fact]
    public void Bad_values_fail_safe_with_no_disruption()
    {
        var status = DisruptionBudget.Compute(Pdb("b", "\"minAvailable\":\"half\""), Pods(3), null);

        Assert.Equal(0, status.DisruptionsAllowed);
        Assert.Contains("not a percentage", status.SyncError, StringComparison.Ordinal);
    }

    [Fact]
    public void Writes_the_status_shape_with_the_condition()
    {
        var pdb = Pdb("b", "\"minAvailable\":1", generation: 4);

        var status = DisruptionBudget.Status(pdb, new PdbStatus(3, 3, 1, 2), Now);

        TestJson.Equal("""
            {"observedGeneration":4,"disruptionsAllowed":2,"currentHealthy":3,"desiredHealthy":1,"expectedPods":3,
             "conditions":[{"type":"DisruptionAllowed","status":"True","observedGeneration":4,"lastTransitionTime":"2025-03-01T12:00:00Z","reason":"SufficientPods","message":""}]}
            """, status);
    }

    [Fact]
    public void Keeps_the_transition_time_while_the_condition_holds()
    {
        var pdb = Pdb("b", "\"minAvailable\":1", status: """{"conditions":[{"type":"DisruptionAllowed","status":"False","lastTransitionTime":"2025-01-01T00:00:00Z","reason":"InsufficientPods"}]}""");

        var still = DisruptionBudget.Status(pdb, new PdbStatus(1, 1, 1, 0), Now)["conditions"]![0]!;
        var changed = DisruptionBudget.Status(pdb, new PdbStatus(2, 2, 1, 1), Now)["conditions"]![0]!;
        var failed = DisruptionBudget.Status(pdb, new PdbStatus(0, 0, 0, 0, SyncError: "boom"), Now)["conditions"]![0]!;

        Assert.Equal("2025-01-01T00:00:00Z", (string?)still["lastTransitionTime"]);
        Assert.Equal("2025-03-01T12:00:00Z", (string?)changed["lastTransitionTime"]);
        Assert.Equal(("SyncFailed", "boom"), ((string?)failed["reason"], (string?)failed["message"]));
    }

    [Fact]
    public void Writes_recent_disruptions()
    {
        var disrupted = new Dictionary<string, DateTimeOffset> { ["p"] = Now };

        var status = DisruptionBudget.Status(Pdb("b", "\"minAvailable\":1"), new PdbStatus(1, 0, 1, 0, disrupted), Now);

        TestJson.Equal("""{"p":"2025-03-01T12:00:00Z"}""", status["disruptedPods"]);
    }
}
