using k8s.Models;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class NodeChangesTests
{
    private static readonly DateTime Heartbeat = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_node_seen_for_the_first_time_wakes_the_policies() =>
        Assert.True(NodeChanges.CanChangePlan(null, Node()));

    [Fact]
    public void A_kubelet_heartbeat_and_other_status_wake_nothing()
    {
        var later = Node();
        later.Status.Conditions[0].LastHeartbeatTime = Heartbeat.AddSeconds(10);
        later.Status.Allocatable = new Dictionary<string, ResourceQuantity> { ["pods"] = new("28") };
        later.Status.Images = [new V1ContainerImage { Names = ["mcr.microsoft.com/windows/servercore:ltsc2022"] }];

        Assert.False(NodeChanges.CanChangePlan(Node(), later));
    }

    public static TheoryData<string> PlanInputs => ["label", "annotation", "taint", "unschedulable", "ready", "providerID"];

    [Theory]
    [MemberData(nameof(PlanInputs))]
    public void A_change_to_what_a_plan_reads_wakes_the_policies(string what)
    {
        var changed = Node();
        switch (what)
        {
            case "label":
                changed.Metadata.Labels["alpha.eksctl.io/nodegroup-name"] = "eks-windows-b";
                break;
            case "annotation":
                changed.Metadata.Annotations = new Dictionary<string, string> { ["windowsnode.io/do-not-disrupt"] = "true" };
                break;
            case "taint":
                changed.Spec.Taints = [new V1Taint { Effect = "NoSchedule", Key = "node.kubernetes.io/unreachable" }];
                break;
            case "unschedulable":
                changed.Spec.Unschedulable = true;
                break;
            case "ready":
                changed.Status.Conditions[0].Status = "Unknown";
                break;
            default:
                changed.Spec.ProviderID = "aws:///us-west-2a/i-0fffffffffffffff0";
                break;
        }

        Assert.True(NodeChanges.CanChangePlan(Node(), changed));
    }

    private static V1Node Node() => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "ip-10-0-1-5.us-west-2.compute.internal",
            Labels = new Dictionary<string, string> { ["kubernetes.io/os"] = "windows", ["alpha.eksctl.io/nodegroup-name"] = "eks-windows-a" },
        },
        Spec = new V1NodeSpec { ProviderID = "aws:///us-west-2a/i-0123456789abcdef0" },
        Status = new V1NodeStatus
        {
            Conditions = [new V1NodeCondition { Type = "Ready", Status = "True", LastHeartbeatTime = Heartbeat }],
        },
    };
}
