using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Sandbox.Cloud.Faults;
using WindowsNodeOperator.Sandbox.Cloud.Seeding;
using Sim = WindowsNodeOperator.Sandbox.Cloud.AutoScaling;
using SimEc2 = WindowsNodeOperator.Sandbox.Cloud.Ec2;

namespace WindowsNodeOperator.Tests.Aws.Wire;

/// <summary>
/// The operator's production AWS adapters against the simulated account on the wire: every port method reads the
/// simulated values, faults reach the real pipeline as AWS errors would. Run once over Kestrel, once in memory.
/// </summary>
public abstract class WireAdapterTests(bool overKestrel) : IAsyncLifetime
{
    private const string GroupA = "eks-windows-a";
    private const string GroupB = "eks-windows-b";
    private const string Legacy = "eks-windows-legacy";

    private WireAccount _account = null!;

    private WireAccount A => _account;

    public async Task InitializeAsync() => _account = await WireAccount.StartAsync(overKestrel);

    public async Task DisposeAsync() => await _account.DisposeAsync();

    [Fact]
    public async Task The_ami_catalog_and_ec2_ports_read_the_simulated_values()
    {
        var parameter = FleetParameters.WindowsAmi(WireAccount.Fleet.KubernetesVersion);
        var latest = A.Cloud.Ssm.GetParameter(parameter);
        var image = A.Cloud.Ec2.DescribeImages([latest.Value]).Single();

        var release = await A.Catalog.GetLatestAsync(parameter, CancellationToken.None);
        Assert.Equal((latest.Value, image.Name, image.CreationDate), (release.ImageId, release.ImageName, release.CreatedAt));

        var records = await A.Inventory.ListAsync([GroupA, GroupB], CancellationToken.None);
        var expected = A.Cloud.Ec2.DescribeInstances().Where(i => i.AutoScalingGroupName is GroupA or GroupB).OrderBy(i => i.AutoScalingGroupName).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(i => i.InstanceId), records.Select(r => r.InstanceId));
        Assert.Equal(expected.Select(i => (i.ImageId, i.LaunchTime, i.NetworkInterfaceAttachTime, i.PrivateDnsName)), records.Select(r => (r.ImageId, r.LaunchTime, r.OriginalLaunchTime, r.PrivateDnsName!)));

        // By id: the same records; an id EC2 does not know is left out rather than failing the call.
        var two = records.Take(2).Select(r => r.InstanceId).ToList();
        var byId = await A.Inventory.DescribeAsync([.. two, "i-0000000000000dead"], CancellationToken.None);
        Assert.Equal(records.Take(2), byId);

        var group = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single();
        var templateId = group.LaunchTemplate.LaunchTemplateId!;
        var current = await A.Templates.GetImageIdAsync(new LaunchTemplateRef(templateId, null, LaunchTemplateRef.Latest), CancellationToken.None);
        var version = A.Cloud.Ec2.DescribeLaunchTemplateVersions(new SimEc2.LaunchTemplateSpecification(templateId, null), "$Latest").Single();
        Assert.Equal((version.VersionNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), version.ImageId), (current.Template.Version, current.ImageId));

        var newImage = A.Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.07", "windows").ImageId;
        var created = await A.Templates.CreateVersionWithImageAsync(current.Template, newImage, "December AMI", CancellationToken.None);
        var again = await A.Templates.CreateVersionWithImageAsync(current.Template, newImage, "December AMI", CancellationToken.None);
        Assert.Equal((version.VersionNumber + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), created.Version);
        Assert.Equal(created, again);
        Assert.Equal(newImage, A.Cloud.Ec2.DescribeLaunchTemplateVersions(new SimEc2.LaunchTemplateSpecification(templateId, null), created.Version).Single().ImageId);
    }

    [Fact]
    public async Task The_release_time_is_the_parameters_last_change_not_the_images_creation()
    {
        var built = A.Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.12.01", "windows", A.Time.GetUtcNow() - TimeSpan.FromDays(5));
        A.Cloud.Ssm.PutParameter("/custom/windows/image_id", built.ImageId);
        var published = A.Cloud.Ssm.GetParameter("/custom/windows/image_id").LastModifiedDate;

        var release = await A.Catalog.GetLatestAsync("/custom/windows/image_id", CancellationToken.None);

        Assert.Equal(built.CreationDate.ToUnixTimeSeconds(), release.CreatedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal(published.ToUnixTimeMilliseconds(), release.PublishedAt!.Value.ToUnixTimeMilliseconds());
        Assert.True(release.PublishedAt > release.CreatedAt + TimeSpan.FromDays(4));
    }

    [Fact]
    public async Task The_auto_scaling_port_reads_groups_and_drives_hooks_and_termination()
    {
        var byName = await A.AutoScaling.DescribeGroupsAsync([GroupA, GroupB], CancellationToken.None);
        var simulated = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA, GroupB);
        Assert.Equal(simulated.Select(g => (g.AutoScalingGroupName, g.DesiredCapacity, g.LaunchTemplate.Version)), byName.Select(g => (g.Name, g.DesiredCapacity, g.LaunchTemplate!.Version)));
        Assert.Equal(simulated[0].Instances.Select(i => i.InstanceId), byName[0].Instances.Select(i => i.InstanceId));
        var byTag = await A.AutoScaling.DescribeGroupsByTagsAsync([new AutoScalingTagFilter("windowsnode.io/managed", ["true"])], CancellationToken.None);
        Assert.Equal([GroupA, GroupB], byTag.Select(g => g.Name));

        var hook = new LifecycleHook(Legacy, "node-drain", LifecycleTransition.InstanceTerminating, TimeSpan.FromMinutes(10), LifecycleActionResult.Continue);
        await A.AutoScaling.PutLifecycleHookAsync(hook, CancellationToken.None);
        Assert.Equal([hook], await A.AutoScaling.DescribeLifecycleHooksAsync(Legacy, CancellationToken.None));

        var victim = A.Cloud.AutoScaling.DescribeAutoScalingGroups(Legacy).Single().Instances[0].InstanceId;
        var activity = await A.AutoScaling.TerminateInstanceInGroupAsync(victim, shouldDecrementDesiredCapacity: false, CancellationToken.None);
        Assert.Equal(A.Cloud.AutoScaling.DescribeScalingActivities(Legacy).Single(a => a.Description.Contains(victim, StringComparison.Ordinal)).ActivityId, activity.ActivityId);
        var target = LifecycleActionTarget.ForInstance(Legacy, hook.Name, victim);
        Assert.Equal(LifecycleActionOutcome.Done, await A.AutoScaling.RecordLifecycleActionHeartbeatAsync(target, CancellationToken.None));
        Assert.Equal(LifecycleActionOutcome.Done, await A.AutoScaling.CompleteLifecycleActionAsync(target, LifecycleActionResult.Continue, CancellationToken.None));
        Assert.Equal(Sim.LifecycleState.TerminatingProceed, A.Cloud.AutoScaling.DescribeAutoScalingInstances(victim).Single().LifecycleState);

        // Completed already (a restart, a retried call that had landed): ValidationError "No active Lifecycle Action" is an answer.
        Assert.Equal(LifecycleActionOutcome.NotActive, await A.AutoScaling.CompleteLifecycleActionAsync(target, LifecycleActionResult.Continue, CancellationToken.None));
        Assert.Equal(LifecycleActionOutcome.NotActive, await A.AutoScaling.RecordLifecycleActionHeartbeatAsync(target, CancellationToken.None));
        await A.AutoScaling.DeleteLifecycleHookAsync(Legacy, hook.Name, CancellationToken.None);
        Assert.Empty(A.Cloud.AutoScaling.DescribeLifecycleHooks(Legacy));
    }

    [Fact]
    public async Task Instance_refreshes_start_once_and_are_described_cancelled_and_rolled_back()
    {
        var group = A.Cloud.AutoScaling.DescribeAutoScalingGroups(GroupA).Single();
        var template = new LaunchTemplateRef(group.LaunchTemplate.LaunchTemplateId, null, "1");
        var request = new InstanceRefreshRequest(GroupA, template, new InstanceRefreshPreferences { MinHealthyPercentage = 90, InstanceWarmup = TimeSpan.FromMinutes(5), SkipMatching = true });

        var id = (await A.AutoScaling.StartInstanceRefreshAsync(request, CancellationToken.None)).RefreshId!;
        Assert.Equal(RefreshStart.AlreadyRunning, await A.AutoScaling.StartInstanceRefreshAsync(request, CancellationToken.None));
        var described = Assert.Single(await A.AutoScaling.DescribeInstanceRefreshesAsync(GroupA, [id], CancellationToken.None));
        var simulated = A.Cloud.AutoScaling.DescribeInstanceRefreshes(GroupA).Single();
        Assert.Equal((simulated.InstanceRefreshId, simulated.StartTime, simulated.InstancesToUpdate), (described.Id, described.StartTime!.Value, described.InstancesToUpdate!.Value));
        Assert.Equal(id, (await A.AutoScaling.CancelInstanceRefreshAsync(GroupA, waitForTransitioningInstances: true, CancellationToken.None)).RefreshId);
        Assert.Equal(RefreshCancel.NoneActive, await A.AutoScaling.CancelInstanceRefreshAsync(GroupA, waitForTransitioningInstances: true, CancellationToken.None));

        var b = (await A.AutoScaling.StartInstanceRefreshAsync(request with { GroupName = GroupB }, CancellationToken.None)).RefreshId;
        Assert.Equal(RefreshRollback.RollingBack(b!), await A.AutoScaling.RollbackInstanceRefreshAsync(GroupB, CancellationToken.None));
        Assert.Equal(Sim.InstanceRefreshStatus.RollbackInProgress, A.Cloud.AutoScaling.DescribeInstanceRefreshes(GroupB).Single().Status);
        Assert.Equal(RefreshRollback.NoneActive, await A.AutoScaling.RollbackInstanceRefreshAsync(GroupA, CancellationToken.None));
    }

    [Theory]
    [InlineData("ec2:DescribeInstances", FaultKind.Throttling)]
    [InlineData("ssm:GetParameters", FaultKind.Throttling)]
    [InlineData("autoscaling:DescribeAutoScalingGroups", FaultKind.Throttling)]
    [InlineData("ec2:DescribeInstances", FaultKind.ServiceUnavailable)]
    [InlineData("autoscaling:DescribeAutoScalingGroups", FaultKind.Timeout)]
    public async Task A_fault_injected_once_is_retried_by_the_pipeline(string operation, FaultKind kind)
    {
        A.Cloud.Faults.Set(operation, kind, remaining: 1);
        Task call = operation.Split(':')[0] switch
        {
            "ec2" => A.Inventory.ListAsync([GroupA], CancellationToken.None),
            "ssm" => A.Catalog.GetLatestAsync(FleetParameters.WindowsAmi(WireAccount.Fleet.KubernetesVersion), CancellationToken.None),
            _ => A.AutoScaling.DescribeGroupsAsync([GroupA], CancellationToken.None),
        };

        var waits = await A.Time.DriveAsync(call);
        await call;

        Assert.Single(waits);
        Assert.Equal((2L, 1L), (A.Cloud.Calls.Calls(operation), A.Cloud.Calls.Faulted(operation)));
    }
}
