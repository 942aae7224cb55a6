using WindowsNodeOperator.Planning;
using static WindowsNodeOperator.Tests.Planning.Fleet;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>
/// A Ready node is not proof of a good AMI: pods bound to the new nodes of the operator's refresh that are not Ready within
/// refresh.podReadyTimeout roll it back and hold the AMI.
/// </summary>
public sealed class PlannerWorkloadTests
{
    private static UnreadyPod Stuck(string name, TimeSpan since, string node = "n-new", string? waiting = "ContainerCreating") =>
        new("windows-apps", name, node, T0 - since, waiting);

    private static Fleet Refreshing(string status = RefreshStatuses.InProgress, bool ours = true, params UnreadyPod[] pods) =>
        new Fleet()
            .Group("win-a", NewAmi, g => g with
            {
                ActiveRefresh = new ActiveRefreshFacts("r-7", status, 16, T0 - TimeSpan.FromHours(1), NewAmi, ours, 83, [], pods),
            })
            .Node("n1", "win-a", Days(10), OldAmi)
            .Node("n2", "win-a", Days(10), OldAmi);

    [Fact]
    public void Pods_not_Ready_for_less_than_the_bound_let_the_refresh_go_on()
    {
        var fleet = Refreshing(pods: [Stuck("iis-1", TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59))]);

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(fleet.Plan().Action).Reason);
    }

    [Fact]
    public void Pods_not_Ready_for_the_bound_roll_the_refresh_back_naming_the_pods_nodes_and_how_long_they_waited()
    {
        var fleet = Refreshing(pods:
        [
            Stuck("iis-2", TimeSpan.FromMinutes(3)),
            Stuck("iis-1", TimeSpan.FromMinutes(16), waiting: null),
            Stuck("orders-1", TimeSpan.FromMinutes(15), node: "n-new-2"),
        ]);

        var rollback = Assert.IsType<RollbackRefresh>(fleet.Plan().Action);

        Assert.Equal(("win-a", "r-7", NewAmi), (rollback.Group, rollback.RefreshId, rollback.ImageId));
        Assert.Equal(
            "2 pod(s) on 2 new node(s) not Ready within refresh.podReadyTimeout 15m: "
                + "windows-apps/iis-1 on n-new (not Ready for 16m), windows-apps/orders-1 on n-new-2 (ContainerCreating for 15m)",
            rollback.Evidence);
    }

    [Fact]
    public void The_bound_is_the_policy_s_and_0s_turns_the_check_off()
    {
        var strict = Refreshing(pods: [Stuck("iis-1", TimeSpan.FromMinutes(5))]);
        strict.Spec.Refresh.PodReadyTimeout = "5m";
        Assert.IsType<RollbackRefresh>(strict.Plan().Action);

        var off = Refreshing(pods: [Stuck("iis-1", TimeSpan.FromHours(5))]);
        off.Spec.Refresh.PodReadyTimeout = "0s";
        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(off.Plan().Action).Reason);
    }

    [Fact]
    public void Neither_a_users_refresh_nor_one_rolling_back_already_is_rolled_back_for_its_pods()
    {
        var stuck = Stuck("iis-1", TimeSpan.FromHours(1));

        Assert.Equal(WaitReason.RefreshRunning, Assert.IsType<Wait>(Refreshing(ours: false, pods: [stuck]).Plan().Action).Reason);
        Assert.IsNotType<RollbackRefresh>(Refreshing(RefreshStatuses.RollbackInProgress, pods: [stuck]).Plan().Action);
    }
}
