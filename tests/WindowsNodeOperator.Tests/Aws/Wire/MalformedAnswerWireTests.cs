using WindowsNodeOperator.Aws.Resilience;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;

namespace WindowsNodeOperator.Tests.Aws.Wire;

/// <summary>
/// The simulated account's answer faults (<see cref="AnswerFault"/>) met by the operator's production adapters and pipeline:
/// a body cut short fails the call, once, with <see cref="AwsAnswerMalformedException"/> whatever the protocol (our Auto
/// Scaling reader, the SDK's EC2 and SSM unmarshallers); a bad field in one item spoils only that item, which is reported.
/// </summary>
public sealed class MalformedAnswerWireTests : IAsyncLifetime
{
    private const string GroupA = "eks-windows-a";
    private const string GroupB = "eks-windows-b";

    private WireAccount _account = null!;

    private WireAccount A => _account;

    public async Task InitializeAsync() => _account = await WireAccount.StartAsync(overKestrel: false);

    public async Task DisposeAsync() => await _account.DisposeAsync();

    public static TheoryData<string, int?> Cuts => new()
    {
        { "autoscaling:DescribeAutoScalingGroups", null },
        { "autoscaling:DescribeAutoScalingGroups", 60 },
        { "ec2:DescribeInstances", null },
        { "ec2:DescribeInstances", 300 },
        { "ssm:GetParameters", null },
        { "ssm:GetParameters", 10 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task An_answer_cut_short_fails_the_call_once_unretried_and_the_next_answer_is_read(string operation, int? offset)
    {
        A.Cloud.Faults.SetAnswer(operation, AnswerFault.Truncate(offset));

        var error = await Assert.ThrowsAsync<AwsAnswerMalformedException>(() => CallAsync(operation));

        Assert.Equal(operation, $"{error.Service}:{error.Operation}");
        Assert.Equal((1L, 1L), (A.Cloud.Calls.Calls(operation), A.Cloud.Faults.SpoiledAnswers(operation)));
        A.Cloud.Faults.ClearAnswer(operation);
        await CallAsync(operation);
        Assert.Equal(1L, A.Cloud.Faults.SpoiledAnswers(operation));
    }

    [Fact]
    public async Task An_unknown_lifecycle_state_reaches_only_the_chosen_instance()
    {
        var victim = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single().Instances[1].InstanceId;
        A.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.UnknownValue("LifecycleState", "Hibernated:Wait", victim));
        var skipped = SkippedItems.Collect();

        var groups = await A.AutoScaling.DescribeGroupsAsync([GroupA, GroupB], CancellationToken.None);

        var states = groups.SelectMany(g => g.Instances).ToDictionary(i => i.InstanceId, i => i.LifecycleState);
        Assert.Equal("Hibernated:Wait", states[victim]);
        Assert.All(states.Where(s => s.Key != victim), s => Assert.Equal("InService", s.Value));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(($"instance {victim} of group {GroupA}", "LifecycleState", "Hibernated:Wait"), (item.Item, item.Field, item.Value));
    }

    [Fact]
    public async Task A_dropped_instance_id_leaves_that_instance_out()
    {
        var victim = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupB).Single().Instances[0].InstanceId;
        A.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.DropField("InstanceId", victim));
        var skipped = SkippedItems.Collect();

        var groups = await A.AutoScaling.DescribeGroupsAsync([GroupB], CancellationToken.None);

        Assert.DoesNotContain(victim, groups.Single().Instances.Select(i => i.InstanceId));
        Assert.Equal(A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupB).Single().Instances.Count - 1, groups.Single().Instances.Count);
        Assert.Equal(("an instance of group eks-windows-b", "InstanceId"), (skipped.Items.Single().Item, skipped.Items.Single().Field));
    }

    [Fact]
    public async Task A_dropped_group_launch_template_leaves_the_group_without_one()
    {
        A.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.DropField("LaunchTemplate", GroupA));
        var skipped = SkippedItems.Collect();

        var groups = await A.AutoScaling.DescribeGroupsAsync([GroupA, GroupB], CancellationToken.None);

        Assert.Null(groups[0].LaunchTemplate);
        Assert.NotNull(groups[1].LaunchTemplate);
        Assert.Equal([("group eks-windows-a", "LaunchTemplate")], skipped.Items.Select(i => (i.Item, i.Field)));
    }

    [Theory]
    [InlineData("launchTime", null)]
    [InlineData("imageId", null)]
    [InlineData("instanceState/name", "hibernating")]
    [InlineData("instanceState/name", null)]
    public async Task An_instance_missing_a_field_or_in_an_unknown_state_is_left_out_of_the_inventory_and_reported(string field, string? value)
    {
        var instances = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single().Instances.Select(i => i.InstanceId).ToList();
        var victim = instances[2];
        A.Cloud.Faults.SetAnswer("ec2:DescribeInstances", value is null ? AnswerFault.DropField(field, victim) : AnswerFault.UnknownValue(field, value, victim));
        var skipped = SkippedItems.Collect();

        var records = await A.Inventory.DescribeAsync(instances, CancellationToken.None);

        Assert.Equal(instances.Where(i => i != victim).Order(StringComparer.Ordinal), records.Select(r => r.InstanceId));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(($"instance {victim} of group {GroupA}", field.Replace('/', '.'), value), (item.Item, item.Field, item.Value));
    }

    [Fact]
    public async Task A_refresh_status_unknown_or_its_id_dropped_is_reported_and_still_listed()
    {
        var group = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single();
        var request = new InstanceRefreshRequest(GroupA, new LaunchTemplateRef(group.LaunchTemplate.LaunchTemplateId, null, "1"), new InstanceRefreshPreferences());
        var id = (await A.AutoScaling.StartInstanceRefreshAsync(request, CancellationToken.None)).RefreshId!;

        A.Cloud.Faults.SetAnswer("autoscaling:DescribeInstanceRefreshes", AnswerFault.UnknownValue("Status", "Paused", id));
        var skipped = SkippedItems.Collect();
        var unknown = Assert.Single(await A.AutoScaling.DescribeInstanceRefreshesAsync(GroupA, [id], CancellationToken.None));
        A.Cloud.Faults.SetAnswer("autoscaling:DescribeInstanceRefreshes", AnswerFault.DropField("InstanceRefreshId"));
        var anonymous = Assert.Single(await A.AutoScaling.DescribeInstanceRefreshesAsync(GroupA, [id], CancellationToken.None));

        Assert.Equal((id, InstanceRefreshStatus.Unknown), (unknown.Id, unknown.Status));
        Assert.Equal((string.Empty, GroupA), (anonymous.Id, anonymous.GroupName));
        Assert.Equal([("Status", "Paused"), ("InstanceRefreshId", null)], skipped.Items.Select(i => (i.Field, i.Value)));
    }

    [Fact]
    public async Task An_ssm_parameter_without_its_value_fails_the_lookup_as_a_malformed_answer_not_a_spec_problem()
    {
        A.Cloud.Faults.SetAnswer("ssm:GetParameters", AnswerFault.DropField("Value"));
        var skipped = SkippedItems.Collect();
        var parameter = FleetParameters.WindowsAmi(WireAccount.Fleet.KubernetesVersion);

        var error = await Assert.ThrowsAsync<AwsAnswerMalformedException>(() => A.Catalog.GetLatestAsync(parameter, CancellationToken.None));

        Assert.Equal("GetParameters", error.Operation);
        Assert.Equal([($"parameter {parameter}", "Value")], skipped.Items.Select(i => (i.Item, i.Field)));
        A.Cloud.Faults.ClearAnswer("ssm:GetParameters");
        Assert.StartsWith("ami-", (await A.Catalog.GetLatestAsync(parameter, CancellationToken.None)).ImageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_on_a_resource_the_answer_does_not_hold_changes_nothing()
    {
        A.Cloud.Faults.SetAnswer("autoscaling:DescribeAutoScalingGroups", AnswerFault.UnknownValue("LifecycleState", "Gone", "i-0000000000000dead"));
        var skipped = SkippedItems.Collect();

        var groups = await A.AutoScaling.DescribeGroupsAsync([GroupA], CancellationToken.None);

        Assert.All(groups.Single().Instances, i => Assert.Equal("InService", i.LifecycleState));
        Assert.Empty(skipped.Items);
        Assert.Equal(0L, A.Cloud.Faults.SpoiledAnswers("autoscaling:DescribeAutoScalingGroups"));
    }

    private Task CallAsync(string operation) => operation.Split(':')[0] switch
    {
        "ec2" => A.Inventory.ListAsync([GroupA], CancellationToken.None),
        "ssm" => A.Catalog.GetLatestAsync(FleetParameters.WindowsAmi(WireAccount.Fleet.KubernetesVersion), CancellationToken.None),
        _ => A.AutoScaling.DescribeGroupsAsync([GroupA], CancellationToken.None),
    };
}
