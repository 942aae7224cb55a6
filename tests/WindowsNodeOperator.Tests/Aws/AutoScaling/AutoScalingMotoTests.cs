using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Tests.Aws.Moto;

namespace WindowsNodeOperator.Tests.Aws.AutoScaling;

/// <summary>
/// The client against moto_server for what moto implements. Instance refreshes and lifecycle actions
/// are not in moto; the model conformance and XML tests cover them.
/// </summary>
[Collection(MotoCollectionDefinition.Name)]
public sealed class AutoScalingMotoTests(MotoServer moto) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Describes_groups_by_name_with_template_tags_and_instances()
    {
        using var aws = new MotoAutoScaling(moto);
        var template = await aws.CreateLaunchTemplateAsync("eks-windows");
        await aws.CreateGroupAsync("windows-a", template, 2, ("eks:cluster-name", "prod"));
        await aws.CreateGroupAsync("windows-b", template, 1);
        await aws.CreateGroupAsync("linux", template, 1);

        var groups = await aws.Adapter.DescribeGroupsAsync(["windows-a", "windows-b", "missing"], Ct);

        Assert.Equal(["windows-a", "windows-b"], groups.Select(g => g.Name).Order(StringComparer.Ordinal));
        var a = groups.Single(g => g.Name == "windows-a");
        Assert.Equal((0, 4, 2), (a.MinSize, a.MaxSize, a.DesiredCapacity));
        Assert.Equal(template, a.LaunchTemplate?.Id);
        Assert.Equal("1", a.LaunchTemplate?.Version);
        Assert.Equal("prod", a.Tags["eks:cluster-name"]);
        Assert.Equal(2, a.Instances.Count);
        Assert.All(a.Instances, i =>
        {
            Assert.StartsWith("i-", i.InstanceId, StringComparison.Ordinal);
            Assert.Equal(("us-east-1a", "InService", "Healthy"), (i.AvailabilityZone, i.LifecycleState, i.HealthStatus));
        });
    }

    [Fact]
    public async Task Describes_groups_by_tag_value_and_by_tag_key()
    {
        using var aws = new MotoAutoScaling(moto);
        var template = await aws.CreateLaunchTemplateAsync("eks-windows");
        await aws.CreateGroupAsync("prod-a", template, 0, ("eks:cluster-name", "prod"), ("windows-node-operator/managed", "true"));
        await aws.CreateGroupAsync("prod-b", template, 0, ("eks:cluster-name", "prod"));
        await aws.CreateGroupAsync("staging", template, 0, ("eks:cluster-name", "staging"), ("windows-node-operator/managed", "true"));

        var prod = await aws.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("eks:cluster-name", ["prod"])], Ct);
        var managed = await aws.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("windows-node-operator/managed", [])], Ct);
        var both = await aws.Adapter.DescribeGroupsByTagsAsync(
            [new AutoScalingTagFilter("eks:cluster-name", ["prod", "qa"]), new AutoScalingTagFilter("windows-node-operator/managed", [])], Ct);

        Assert.Equal(["prod-a", "prod-b"], prod.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["prod-a", "staging"], managed.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["prod-a"], both.Select(g => g.Name));
    }

    [Fact]
    public async Task Pages_through_groups_with_a_small_page_size()
    {
        using var aws = new MotoAutoScaling(moto, pageSize: 2);
        var template = await aws.CreateLaunchTemplateAsync("eks-windows");
        var names = Enumerable.Range(1, 5).Select(i => $"windows-{i}").ToList();
        foreach (var name in names)
        {
            await aws.CreateGroupAsync(name, template, 0, ("eks:cluster-name", "prod"));
        }

        var byName = await aws.Adapter.DescribeGroupsAsync(names, Ct);
        var byTag = await aws.Adapter.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("eks:cluster-name", ["prod"])], Ct);

        // Three pages of at most two for each of the two descriptions.
        Assert.Equal(6, aws.Pipeline.Calls.Count(c => c.Operation == "DescribeAutoScalingGroups"));
        Assert.Equal(names, byName.Select(g => g.Name).Order(StringComparer.Ordinal));
        Assert.Equal(names, byTag.Select(g => g.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Puts_describes_and_deletes_lifecycle_hooks()
    {
        using var aws = new MotoAutoScaling(moto);
        var template = await aws.CreateLaunchTemplateAsync("eks-windows");
        await aws.CreateGroupAsync("windows-a", template, 0);
        var drain = new LifecycleHook("windows-a", "drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(15), LifecycleActionResult.Continue);
        var join = new LifecycleHook("windows-a", "join", LifecycleTransition.InstanceLaunching, TimeSpan.FromMinutes(10), LifecycleActionResult.Abandon);

        await aws.Adapter.PutLifecycleHookAsync(drain, Ct);
        await aws.Adapter.PutLifecycleHookAsync(join, Ct);
        await aws.Adapter.PutLifecycleHookAsync(drain, Ct);
        var hooks = await aws.Adapter.DescribeLifecycleHooksAsync("windows-a", Ct);
        await aws.Adapter.DeleteLifecycleHookAsync("windows-a", "drain", Ct);
        var left = await aws.Adapter.DescribeLifecycleHooksAsync("windows-a", Ct);

        // moto fills in notification and role ARNs of its own; the hook itself must round-trip.
        Assert.Equal([drain, join], hooks.Select(Bare).OrderBy(h => h.Name, StringComparer.Ordinal));
        Assert.Equal([join], left.Select(Bare));
    }

    private static LifecycleHook Bare(LifecycleHook hook) =>
        hook with { NotificationTargetArn = null, RoleArn = null, NotificationMetadata = null };

    [Fact]
    public async Task Terminates_an_instance_in_its_group_with_and_without_decrementing()
    {
        using var aws = new MotoAutoScaling(moto);
        var template = await aws.CreateLaunchTemplateAsync("eks-windows");
        await aws.CreateGroupAsync("windows-a", template, 3);
        var before = Assert.Single(await aws.Adapter.DescribeGroupsAsync(["windows-a"], Ct));

        var replaced = await aws.Adapter.TerminateInstanceInGroupAsync(before.Instances[0].InstanceId, shouldDecrementDesiredCapacity: false, Ct);
        var kept = Assert.Single(await aws.Adapter.DescribeGroupsAsync(["windows-a"], Ct));
        await aws.Adapter.TerminateInstanceInGroupAsync(before.Instances[1].InstanceId, shouldDecrementDesiredCapacity: true, Ct);
        var shrunk = Assert.Single(await aws.Adapter.DescribeGroupsAsync(["windows-a"], Ct));

        Assert.Equal("windows-a", replaced.GroupName);
        Assert.False(string.IsNullOrEmpty(replaced.ActivityId));
        Assert.Equal(3, kept.DesiredCapacity);
        Assert.Equal(3, kept.Instances.Count);
        Assert.DoesNotContain(kept.Instances, i => i.InstanceId == before.Instances[0].InstanceId);
        Assert.Equal(2, shrunk.DesiredCapacity);
        Assert.DoesNotContain(shrunk.Instances, i => i.InstanceId == before.Instances[1].InstanceId);
    }
}
