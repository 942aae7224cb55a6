using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class PolicyChangesTests
{
    [Fact]
    public void A_status_written_by_the_look_wakes_no_look()
    {
        var old = Policy();
        var current = Policy();
        current.Metadata.ResourceVersion = "2";
        current.Status = new WindowsNodePolicyStatus { ObservedGeneration = 1 };

        Assert.False(PolicyChanges.CanChangeLook(old, current));
    }

    [Fact]
    public void The_spec_annotations_labels_finalizers_and_a_deletion_each_wake_a_look()
    {
        Assert.True(PolicyChanges.CanChangeLook(null, Policy()));
        Assert.True(PolicyChanges.CanChangeLook(Policy(), Policy(p => p.Metadata.Generation = 2)));
        Assert.True(PolicyChanges.CanChangeLook(Policy(), Policy(p => p.Metadata.Annotations["windowsnode.io/ledger"] = "{}")));
        Assert.True(PolicyChanges.CanChangeLook(Policy(), Policy(p => p.Metadata.Labels = new Dictionary<string, string> { ["team"] = "a" })));
        Assert.True(PolicyChanges.CanChangeLook(Policy(), Policy(p => p.Metadata.Finalizers = ["windowsnode.io/cleanup"])));
        Assert.True(PolicyChanges.CanChangeLook(Policy(), Policy(p => p.Metadata.DeletionTimestamp = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc))));
    }

    private static WindowsNodePolicy Policy(Action<WindowsNodePolicy>? change = null)
    {
        var policy = new WindowsNodePolicy
        {
            Metadata = new V1ObjectMeta { Name = "fleet", Generation = 1, ResourceVersion = "1", Annotations = new Dictionary<string, string> { ["a"] = "b" } },
        };
        change?.Invoke(policy);
        return policy;
    }
}
