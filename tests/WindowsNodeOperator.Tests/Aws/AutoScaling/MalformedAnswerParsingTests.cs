using System.Xml;
using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>
/// The Auto Scaling reader on answers as a proxy or a newer service might send them: cut short, a value the model does not
/// list, a field left out. A cut answer fails the call with nothing returned; a bad item is skipped or kept as it is safe
/// to, the rest is read, and each is reported once to <see cref="SkippedItems"/>.
/// </summary>
public sealed class MalformedAnswerParsingTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public static TheoryData<int> Cuts => new() { 1, 40, 200, 900, 1500, 2400 };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task A_describe_cut_short_anywhere_fails_the_call_and_returns_nothing(int at)
    {
        var whole = Samples.Groups(null, Samples.LaunchTemplateGroup);
        Assert.True(at < whole.Length - 40, "the cut is inside the document");
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", whole[..at]);
        var skipped = SkippedItems.Collect();

        await Assert.ThrowsAsync<XmlException>(() => harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct));
        Assert.Empty(skipped.Items);
    }

    [Fact]
    public async Task A_refresh_answer_cut_short_fails_the_call()
    {
        var whole = Samples.Refreshes(null, Samples.RefreshInProgress);
        using var harness = new AutoScalingHarness().Answer("DescribeInstanceRefreshes", whole[..(whole.Length / 2)]);

        await Assert.ThrowsAsync<XmlException>(() => harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct));
    }

    [Theory]
    [InlineData("Hibernating:Wait")]
    [InlineData("inservice")]
    [InlineData("")]
    public async Task An_unknown_lifecycle_state_is_kept_as_given_and_reported_the_other_instance_is_read(string state)
    {
        var group = Samples.LaunchTemplateGroup.Replace("<LifecycleState>InService</LifecycleState>", $"<LifecycleState>{state}</LifecycleState>", StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group));
        var skipped = SkippedItems.Collect();

        var read = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct));

        Assert.Equal([state, "Terminating:Wait"], read.Instances.Select(i => i.LifecycleState));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(("autoscaling:DescribeAutoScalingGroups", "instance i-0123456789abcdef0 of group eks-windows-a", "LifecycleState"), (item.Operation, item.Item, item.Field));
        Assert.Equal(state.Length == 0 ? null : state, item.Value);
        Assert.Contains("counts as unavailable", item.Describe(), StringComparison.Ordinal);
        Assert.True(new WindowsNodeOperator.Planning.InstanceFacts("i-0123456789abcdef0", "eks-windows-a", "ami-1", DateTimeOffset.UnixEpoch, state).InTransit, "counted out");
    }

    [Fact]
    public async Task An_instance_without_its_id_is_left_out_and_reported()
    {
        var group = Samples.LaunchTemplateGroup.Replace("<InstanceId>i-0fedcba9876543210</InstanceId>", string.Empty, StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group));
        var skipped = SkippedItems.Collect();

        var read = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct));

        Assert.Equal(["i-0123456789abcdef0"], read.Instances.Select(i => i.InstanceId));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(("an instance of group eks-windows-a", "InstanceId", (string?)null), (item.Item, item.Field, item.Value));
    }

    [Fact]
    public async Task An_unknown_health_status_and_a_missing_instance_template_are_reported_and_the_instance_kept()
    {
        var first = Samples.LaunchTemplateGroup.IndexOf("<LaunchTemplate>", Samples.LaunchTemplateGroup.IndexOf("<Instances>", StringComparison.Ordinal), StringComparison.Ordinal);
        var end = Samples.LaunchTemplateGroup.IndexOf("</LaunchTemplate>", first, StringComparison.Ordinal) + "</LaunchTemplate>".Length;
        var group = (Samples.LaunchTemplateGroup[..first] + Samples.LaunchTemplateGroup[end..])
            .Replace("<HealthStatus>Healthy</HealthStatus>", "<HealthStatus>Impaired</HealthStatus>", StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group));
        var skipped = SkippedItems.Collect();

        var read = Assert.Single(await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct));

        Assert.Equal(2, read.Instances.Count);
        Assert.Equal(("Impaired", null), (read.Instances[0].HealthStatus, read.Instances[0].LaunchTemplateVersion));
        Assert.Equal(
            [("HealthStatus", "Impaired"), ("LaunchTemplate", null)],
            skipped.Items.Select(i => (i.Field, i.Value)));
    }

    [Fact]
    public async Task A_group_without_its_launch_template_is_read_without_one_and_reported()
    {
        var start = Samples.LaunchTemplateGroup.IndexOf("<LaunchTemplate>", StringComparison.Ordinal);
        var end = Samples.LaunchTemplateGroup.IndexOf("</LaunchTemplate>", start, StringComparison.Ordinal) + "</LaunchTemplate>".Length;
        var group = Samples.LaunchTemplateGroup[..start] + Samples.LaunchTemplateGroup[end..];
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group, Samples.MixedInstancesGroup));
        var skipped = SkippedItems.Collect();

        var read = await harness.Adapter.DescribeGroupsAsync(["eks-windows-a", "eks-windows-b"], Ct);

        Assert.Null(read[0].LaunchTemplate);
        Assert.NotNull(read[1].LaunchTemplate);
        var item = Assert.Single(skipped.Items);
        Assert.Equal(("group eks-windows-a", "LaunchTemplate", (string?)null), (item.Item, item.Field, item.Value));
    }

    [Fact]
    public async Task A_group_without_its_name_is_left_out_and_reported()
    {
        var group = Samples.LaunchTemplateGroup.Replace("<AutoScalingGroupName>eks-windows-a</AutoScalingGroupName>", string.Empty, StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group, Samples.MixedInstancesGroup));
        var skipped = SkippedItems.Collect();

        var read = await harness.Adapter.DescribeGroupsAsync(["eks-windows-a", "eks-windows-b"], Ct);

        Assert.Equal(["eks-windows-b"], read.Select(g => g.Name));
        Assert.Equal(("a group", "AutoScalingGroupName"), (skipped.Items.Single().Item, skipped.Items.Single().Field));
    }

    [Theory]
    [InlineData("Paused")]
    [InlineData("inprogress")]
    public async Task An_unknown_refresh_status_is_read_as_unknown_and_reported_with_the_value(string status)
    {
        var refresh = Samples.RefreshInProgress.Replace("<Status>InProgress</Status>", $"<Status>{status}</Status>", StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeInstanceRefreshes", Samples.Refreshes(null, refresh));
        var skipped = SkippedItems.Collect();

        var read = Assert.Single(await harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct));

        Assert.Equal(("08b91cf7-8fa6-48af-b6a6-d227f40f1b9b", InstanceRefreshStatus.Unknown, 40), (read.Id, read.Status, read.PercentageComplete));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(("refresh 08b91cf7-8fa6-48af-b6a6-d227f40f1b9b of group eks-windows-a", "Status", status), (item.Item, item.Field, item.Value));
    }

    [Fact]
    public async Task A_refresh_without_its_id_is_kept_with_an_empty_id_and_reported()
    {
        var refresh = Samples.RefreshInProgress.Replace("<InstanceRefreshId>08b91cf7-8fa6-48af-b6a6-d227f40f1b9b</InstanceRefreshId>", string.Empty, StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeInstanceRefreshes", Samples.Refreshes(null, refresh));
        var skipped = SkippedItems.Collect();

        var read = Assert.Single(await harness.Adapter.DescribeInstanceRefreshesAsync("eks-windows-a", [], Ct));

        Assert.Equal((string.Empty, InstanceRefreshStatus.InProgress), (read.Id, read.Status));
        Assert.Equal(("a refresh of group eks-windows-a", "InstanceRefreshId"), (skipped.Items.Single().Item, skipped.Items.Single().Field));
    }

    [Theory]
    [InlineData("autoscaling:EC2_INSTANCE_REBOOTING", "CONTINUE", "LifecycleTransition")]
    [InlineData("autoscaling:EC2_INSTANCE_LAUNCHING", "RETRY", "DefaultResult")]
    public async Task A_hook_with_an_unknown_transition_or_result_is_left_out_and_reported(string transition, string result, string field)
    {
        using var harness = new AutoScalingHarness().Answer("DescribeLifecycleHooks", Samples.Hooks(
            Samples.Hook("eks-windows-a", "odd", transition, 600, result),
            Samples.HookWithNotification));
        var skipped = SkippedItems.Collect();

        var hooks = await harness.Adapter.DescribeLifecycleHooksAsync("eks-windows-a", Ct);

        Assert.Equal(["drain"], hooks.Select(h => h.Name));
        var item = Assert.Single(skipped.Items);
        Assert.Equal(("lifecycle hook odd of group eks-windows-a", field), (item.Item, item.Field));
    }

    [Fact]
    public async Task Outside_a_collection_nothing_is_reported_and_nothing_throws()
    {
        var group = Samples.LaunchTemplateGroup.Replace("<LifecycleState>InService</LifecycleState>", "<LifecycleState>Hibernating</LifecycleState>", StringComparison.Ordinal);
        using var harness = new AutoScalingHarness().Answer("DescribeAutoScalingGroups", Samples.Groups(null, group));

        var read = await harness.Adapter.DescribeGroupsAsync(["eks-windows-a"], Ct);

        Assert.Equal("Hibernating", read.Single().Instances[0].LifecycleState);
    }
}
