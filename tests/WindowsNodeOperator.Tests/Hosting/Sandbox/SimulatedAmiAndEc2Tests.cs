using WindowsNodeOperator.Cloud;

namespace WindowsNodeOperator.Tests.Hosting.Sandbox;

/// <summary>The real SSM and EC2 adapters (catalog, inventory, launch templates) against the simulated account.</summary>
public sealed class SimulatedAmiAndEc2Tests : IDisposable
{
    private readonly SimulatedAccount _account = new();

    [Fact]
    public async Task The_catalog_reads_an_image_published_with_its_parameter_and_creation_date()
    {
        var at = _account.Time.GetUtcNow();
        var published = _account.Cloud.PublishImage(_account.WindowsParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", at);

        var release = await _account.Catalog.GetLatestAsync(_account.WindowsParameter, CancellationToken.None);

        Assert.Equal(
            new AmiRelease(_account.WindowsParameter, published, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", at, at),
            release);
        Assert.Equal((1L, 1L), (_account.Cloud.Calls.Calls("ssm:GetParameters"), _account.Cloud.Calls.Calls("ec2:DescribeImages")));
    }

    [Fact]
    public async Task The_catalog_keeps_its_answer_for_the_ttl_then_asks_again()
    {
        var first = await _account.Catalog.GetLatestAsync(_account.WindowsParameter, CancellationToken.None);
        var next = _account.Cloud.PublishImage(_account.WindowsParameter, "Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", _account.Time.GetUtcNow());
        _account.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(first.ImageId, (await _account.Catalog.GetLatestAsync(_account.WindowsParameter, CancellationToken.None)).ImageId);
        Assert.Equal(1, _account.Cloud.Calls.Calls("ssm:GetParameters"));

        _account.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(next, (await _account.Catalog.GetLatestAsync(_account.WindowsParameter, CancellationToken.None)).ImageId);
        Assert.Equal((2L, 2L), (_account.Cloud.Calls.Calls("ssm:GetParameters"), _account.Cloud.Calls.Calls("ec2:DescribeImages")));
        Assert.NotEqual(first.ImageId, next);
    }

    [Fact]
    public async Task The_catalog_batches_names_and_reports_a_missing_parameter_as_not_found()
    {
        var linux = WindowsNodeOperator.Sandbox.Cloud.Seeding.FleetParameters.LinuxAmi(_account.Fleet.KubernetesVersion);

        var found = await _account.Catalog.GetLatestAsync([_account.WindowsParameter, linux, "/custom/missing"], CancellationToken.None);

        Assert.Equal([_account.WindowsParameter, linux], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, _account.Cloud.Calls.Calls("ssm:GetParameters"));
        var error = await Assert.ThrowsAsync<AmiParameterNotFoundException>(() => _account.Catalog.GetLatestAsync("/custom/missing", CancellationToken.None));
        Assert.Equal("/custom/missing", error.ParameterName);
    }

    [Fact]
    public async Task The_inventory_lists_every_instance_of_the_groups_in_one_call_with_its_original_launch_time()
    {
        var records = await _account.Inventory.ListAsync([SimulatedAccount.GroupA, SimulatedAccount.GroupB], CancellationToken.None);

        var planned = _account.Instances.Where(i => i.GroupName is SimulatedAccount.GroupA or SimulatedAccount.GroupB).ToList();
        Assert.Equal(12, records.Count);
        Assert.Equal(planned.Select(i => i.InstanceId).Order(StringComparer.Ordinal), records.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
        foreach (var record in records)
        {
            var plan = planned.Single(i => i.InstanceId == record.InstanceId);
            Assert.Equal((plan.GroupName, plan.ImageId, plan.LaunchTime, plan.LaunchTime), (record.GroupName, record.ImageId, record.LaunchTime, record.OriginalLaunchTime));
            Assert.Equal(("running", plan.NodeName, plan.InstanceType), (record.State, record.PrivateDnsName, record.InstanceType));
        }

        Assert.Equal(1, _account.Cloud.Calls.Calls("ec2:DescribeInstances"));
    }

    [Fact]
    public async Task A_stopped_and_started_instance_keeps_its_original_launch_time()
    {
        var oldest = _account.Instances.Where(i => i.GroupName == SimulatedAccount.GroupA).MinBy(i => i.LaunchTime)!;
        _account.Cloud.Ec2.StopInstances(oldest.InstanceId);
        _account.Advance(TimeSpan.FromMinutes(5));
        _account.Cloud.Ec2.StartInstances(oldest.InstanceId);
        _account.Advance(TimeSpan.FromMinutes(5));

        var record = (await _account.Inventory.ListAsync([SimulatedAccount.GroupA], CancellationToken.None)).Single(r => r.InstanceId == oldest.InstanceId);

        Assert.Equal(_account.Time.GetUtcNow() - TimeSpan.FromMinutes(5), record.LaunchTime);
        Assert.Equal(oldest.LaunchTime, record.OriginalLaunchTime);
    }

    [Fact]
    public async Task A_new_version_with_the_image_is_explicit_and_created_once()
    {
        var group = Assert.Single(await _account.AutoScaling.DescribeGroupsAsync([SimulatedAccount.GroupA], CancellationToken.None));
        var current = await _account.Templates.GetImageIdAsync(group.LaunchTemplate! with { Version = LaunchTemplateRef.Latest }, CancellationToken.None);
        var image = _account.Cloud.Ec2.AddImage("Windows_Server-2022-English-Core-EKS_Optimized-1.31-2026.11.23", "windows").ImageId;

        var created = await _account.Templates.CreateVersionWithImageAsync(group.LaunchTemplate! with { Version = LaunchTemplateRef.Latest }, image, "November AMI", CancellationToken.None);
        // The same request again (after a lost answer, or a restart) is the same source version pinned: the same token.
        var again = await _account.Templates.CreateVersionWithImageAsync(group.LaunchTemplate! with { Version = "3" }, image, "November AMI", CancellationToken.None);

        Assert.Equal("3", current.Template.Version);
        Assert.Equal("ami-0b1d2c3e4f5a61101", current.ImageId);
        Assert.Equal("4", created.Version);
        Assert.True(created.IsExplicit);
        Assert.Equal(created, again);
        Assert.Equal(4, _account.Cloud.Ec2.DescribeLaunchTemplateVersions(new(created.Id, null)).Count);
        Assert.Equal(image, (await _account.Templates.GetImageIdAsync(created, CancellationToken.None)).ImageId);
    }

    public void Dispose() => _account.Dispose();
}
