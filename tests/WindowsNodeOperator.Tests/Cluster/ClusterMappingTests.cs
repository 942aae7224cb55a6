using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cluster;
using WindowsNodeOperator.Draining;

namespace WindowsNodeOperator.Tests.Cluster;

public sealed class ClusterMappingTests
{
    [Fact]
    public void A_pod_maps_to_what_a_drain_needs()
    {
        var pod = new V1Pod
        {
            Metadata = new V1ObjectMeta
            {
                Name = "static-web-node1",
                NamespaceProperty = "kube-system",
                Uid = "u-1",
                Annotations = new Dictionary<string, string> { [ClusterPod.MirrorAnnotation] = "abc" },
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "Node", Name = "node1", Uid = "n-uid", Controller = true }],
                DeletionTimestamp = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            },
            Spec = new V1PodSpec
            {
                Containers = [new V1Container { Name = "web" }],
                PriorityClassName = "system-node-critical",
                TerminationGracePeriodSeconds = 45,
                Volumes = [new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource() }],
            },
            Status = new V1PodStatus { Phase = "Running" },
        };

        var mapped = ClusterMapping.ToPod(pod);

        Assert.Equal(new PodKey("kube-system", "static-web-node1"), mapped.Key);
        Assert.True(mapped.IsMirror);
        Assert.True(mapped.HasEmptyDir);
        Assert.True(mapped.IsTerminating);
        Assert.Equal("Node", mapped.ControllerKind);
        Assert.Equal(TimeSpan.FromSeconds(45), mapped.TerminationGracePeriod);
        Assert.Equal(2, PodClassifier.Tier(mapped));
        Assert.False(PodClassifier.MustLeave(mapped));
    }

    [Fact]
    public void A_node_maps_with_readiness_and_our_cordon()
    {
        var node = new V1Node
        {
            Metadata = new V1ObjectMeta
            {
                Name = "n1",
                CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
                Annotations = new Dictionary<string, string>
                {
                    [OperatorAnnotations.CordonedBy] = "p",
                    [OperatorAnnotations.CordonedAt] = "2026-03-01T10:00:00Z",
                },
            },
            Spec = new V1NodeSpec { Unschedulable = true, ProviderID = "aws:///us-west-2a/i-1" },
            Status = new V1NodeStatus { Conditions = [new V1NodeCondition { Status = "True", Type = "Ready" }] },
        };

        var mapped = ClusterMapping.ToNode(node);

        Assert.True(mapped.Ready);
        Assert.True(mapped.Unschedulable);
        Assert.Equal("p", mapped.CordonedBy);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), mapped.CordonedAt);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), mapped.CreatedAt);
    }

    [Fact]
    public void Drain_options_come_from_the_policy_spec()
    {
        var options = DrainOptions.From(new DrainSpec { Timeout = "1h30m", PodGracePeriod = "20s", DeleteEmptyDirData = false, OnTimeout = DrainTimeoutAction.Force });

        Assert.Equal(new DrainOptions(TimeSpan.FromMinutes(90), TimeSpan.FromSeconds(20), false, DrainTimeoutAction.Force), options);
        Assert.Null(DrainOptions.From(new DrainSpec()).PodGracePeriod);
    }
}
