using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>
/// A new node registers before the cloud controller manager has set its providerID: it is its launching instance, which the
/// budget already counts, so it is not counted a second time by name.
/// </summary>
public sealed class PlannerJoiningNodeTests
{
    private const string NewInstance = "i-0000new1";

    /// <summary>Three win-a nodes, and a fourth instance launched two minutes ago in <paramref name="state"/>.</summary>
    private static Fleet WithLaunch(string state) =>
        new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(3))
            .Node("n2", "win-a", Days(2))
            .Node("n3", "win-a", Days(1))
            .Instance(new InstanceFacts(NewInstance, "win-a", NewAmi, T0 - TimeSpan.FromMinutes(2), state));

    private static NodeFacts Registered(string? instanceId, bool ready, bool uninitialized) => new(
        "i-0000new1.ec2.internal",
        new Dictionary<string, string> { [WindowsNodePolicySpec.OsLabel] = WindowsNodePolicySpec.OsLabelValue },
        ready,
        Unschedulable: false,
        instanceId,
        new Dictionary<string, string>(),
        HasDoNotDisruptPod: false,
        NotReadySince: ready ? null : T0 - TimeSpan.FromSeconds(10),
        Uninitialized: uninitialized);

    [Theory]
    [InlineData(LifecycleStates.PendingWait, false)]
    [InlineData(LifecycleStates.PendingWait, true)]
    [InlineData(LifecycleStates.InService, false)]
    [InlineData(LifecycleStates.InService, true)]
    public void A_node_joining_without_its_providerID_is_counted_once_as_its_instance(string state, bool ready)
    {
        var fleet = WithLaunch(state).RawNode(Registered(instanceId: null, ready, uninitialized: true));

        var plan = fleet.Plan();

        Assert.Equal(1, plan.Budget!.Unavailable);
    }

    [Fact]
    public void Once_initialized_and_Ready_in_service_the_node_counts_nothing()
    {
        var fleet = WithLaunch(LifecycleStates.InService).RawNode(Registered(NewInstance, ready: true, uninitialized: false));

        Assert.Equal(0, fleet.Plan().Budget!.Unavailable);
    }

    [Fact]
    public void A_NotReady_node_without_providerID_that_is_not_joining_still_counts_by_name()
    {
        // No uninitialized taint: not a node the cloud controller manager is about to initialize, but one the operator
        // cannot map; it is out, and no instance stands for it.
        var fleet = new Fleet().Group("win-a")
            .Node("n1", "win-a", Days(3))
            .RawNode(Registered(instanceId: null, ready: false, uninitialized: false));

        Assert.Equal(1, fleet.Plan().Budget!.Unavailable);
    }
}
