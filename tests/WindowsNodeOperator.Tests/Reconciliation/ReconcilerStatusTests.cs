using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Runtime;
using WindowsNodeOperator.Reconciliation.Status;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class ReconcilerStatusTests
{
    [Fact]
    public async Task A_policy_that_is_gone_is_done_without_a_call()
    {
        var world = new ReconcilerWorld();
        world.Policies.Remove(world.Policy.Metadata.Name);

        var result = await world.ReconcileAsync();

        Assert.Null(result.Requeue);
        Assert.Empty(world.Calls);
        Assert.Empty(world.Statuses);
    }

    [Fact]
    public async Task The_finalizer_is_added_first()
    {
        var world = new ReconcilerWorld();

        await world.ReconcileAsync();

        Assert.Contains(PolicyCleanup.Finalizer, world.Policy.Metadata.Finalizers!);
    }

    [Fact]
    public async Task A_compliant_fleet_is_Ready_and_looks_again_when_the_ami_cache_runs_out()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.AddNode("n1", TimeSpan.FromDays(10));
        world.AddNode("n2", TimeSpan.FromDays(30));

        var result = await world.ReconcileAsync();

        Assert.Equal("True", world.Condition(WindowsNodePolicyConditions.Ready).Status);
        Assert.Equal("False", world.Condition(WindowsNodePolicyConditions.Degraded).Status);
        Assert.Equal(2, world.Status!.Nodes!.Compliant);
        Assert.Equal(ReconcilerWorld.NewAmi, world.Status.LatestAmiId);
        Assert.Equal(1, world.Status.ObservedGeneration);
        Assert.Equal(TimeSpan.FromHours(1), result.Requeue);
        Assert.Equal(ReconcilerWorld.T0 + TimeSpan.FromDays(15), world.Status.NextExpiry);
        Assert.DoesNotContain(world.Calls, c => c.StartsWith("Terminate", StringComparison.Ordinal) || c.StartsWith("Start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Last_transition_time_stays_while_a_condition_keeps_its_status()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.AddNode("n1", TimeSpan.FromDays(10));
        await world.ReconcileAsync();
        var first = world.Condition(WindowsNodePolicyConditions.Ready).LastTransitionTime;

        world.Time.Advance(TimeSpan.FromHours(1));
        await world.ReconcileAsync();

        Assert.Equal(first, world.Condition(WindowsNodePolicyConditions.Ready).LastTransitionTime);
    }

    [Fact]
    public async Task An_invalid_spec_is_Degraded_InvalidSpec_acts_on_nothing_and_does_not_requeue()
    {
        var world = new ReconcilerWorld();
        world.Spec.Refresh.CheckpointPercentages = [50, 20];
        world.AddNode("n1", TimeSpan.FromDays(60), ReconcilerWorld.OldAmi);

        var result = await world.ReconcileAsync();

        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal("True", degraded.Status);
        Assert.Equal(DegradedReasons.InvalidSpec, degraded.Reason);
        Assert.Contains("checkpointPercentages", degraded.Message, StringComparison.Ordinal);
        Assert.Null(result.Requeue);
        Assert.DoesNotContain(world.Calls, c => !c.StartsWith("Describe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_ssm_parameter_is_InvalidSpec()
    {
        var world = new ReconcilerWorld();
        world.Amis.Setup(a => a.GetLatestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new AmiParameterNotFoundException("/nope"));
        world.AddNode("n1", TimeSpan.FromDays(1), ReconcilerWorld.OldAmi);

        await world.ReconcileAsync();

        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.InvalidSpec, degraded.Reason);
        Assert.Contains("Windows_Server-2022-English-Core-EKS_Optimized-1.31", degraded.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", degraded.Message, StringComparison.Ordinal);
        Assert.Empty(world.Calls);
    }

    [Fact]
    public async Task A_named_group_that_does_not_exist_is_GroupNotFound()
    {
        var world = new ReconcilerWorld();
        world.Spec.AutoScalingGroups.Names = [ReconcilerWorld.Group, "win-missing"];
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;

        await world.ReconcileAsync();

        var degraded = world.Condition(WindowsNodePolicyConditions.Degraded);
        Assert.Equal(DegradedReasons.GroupNotFound, degraded.Reason);
        Assert.Contains("win-missing", degraded.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_past_every_retry_is_Degraded_AwsThrottled_and_backs_off()
    {
        var world = new ReconcilerWorld();
        world.AutoScaling.Setup(a => a.DescribeGroupsAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Amazon.Runtime.AmazonServiceException("Rate exceeded", null, Amazon.Runtime.ErrorType.Sender, "Throttling", "req", System.Net.HttpStatusCode.BadRequest));

        var result = await world.ReconcileAsync();

        Assert.Equal(DegradedReasons.AwsThrottled, world.Condition(WindowsNodePolicyConditions.Degraded).Reason);
        Assert.Equal(PolicyReconciler.ThrottledBackoff, result.Requeue);
    }

    [Fact]
    public async Task An_expired_node_is_reported_once_as_NodeExpired_and_listed_for_replacement()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.Spec.Disruption.DryRun = true;
        world.AddNode("old", TimeSpan.FromDays(50));

        await world.ReconcileAsync();
        await world.ReconcileAsync();

        var pending = Assert.Single(world.Status!.PendingReplacements!);
        Assert.Equal("old", pending.Node);
        Assert.Equal(ReplacementReason.Expired, pending.Reason);
        Assert.Equal(2, world.Recorded.Count(e => e.Reason == EventReasons.NodeExpired));
        Assert.Contains(world.Recorded, e => e.Reason == EventReasons.NodeExpired && e.Kind == "Node" && e.Name == "old");
    }

    [Fact]
    public async Task A_node_expiring_later_is_looked_at_exactly_then()
    {
        var world = new ReconcilerWorld();
        world.TemplateImages[("lt-1", "1")] = ReconcilerWorld.NewAmi;
        world.AddNode("n1", TimeSpan.FromDays(45) - TimeSpan.FromSeconds(90));

        var result = await world.ReconcileAsync();

        Assert.Equal(TimeSpan.FromSeconds(90), result.Requeue);
    }
}
