using Amazon.EC2;
using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Ec2;

namespace WindowsNodeOperator.Tests.Aws.Moto;

/// <summary>
/// DescribeInstances with the Auto Scaling group tag filter against moto. Real EC2 forbids setting <c>aws:</c> tags
/// by hand; moto allows it, which stands in for instances Auto Scaling launched.
/// </summary>
[Collection(MotoCollectionDefinition.Name)]
public sealed class InstanceInventoryContractTests(MotoServer moto) : IAsyncLifetime, IDisposable
{
    private readonly MotoAws _aws = new(moto);

    public Task InitializeAsync() => moto.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _aws.Dispose();

    [Fact]
    public async Task Lists_the_live_instances_of_the_asked_groups()
    {
        var first = await LaunchAsync("windows-a", 3);
        var second = await LaunchAsync("windows-b", 2);
        await LaunchAsync("linux", 2);
        await _aws.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [second[1]] });
        await _aws.Ec2.StopInstancesAsync(new StopInstancesRequest { InstanceIds = [first[2]] });

        var records = await new Ec2InstanceInventory(_aws.Ec2, _aws.Pipeline).ListAsync(["windows-a", "windows-b"], CancellationToken.None);

        Assert.Equal(first.Concat([second[0]]).Order(StringComparer.Ordinal), records.Select(r => r.InstanceId).Order(StringComparer.Ordinal));
        var stopped = records.Single(r => r.InstanceId == first[2]);
        Assert.Equal("stopped", stopped.State);
        Assert.All(records, r =>
        {
            Assert.Equal("t3.medium", r.InstanceType);
            Assert.StartsWith(MotoServer.Region, r.AvailabilityZone, StringComparison.Ordinal);
            Assert.StartsWith("ami-", r.ImageId, StringComparison.Ordinal);
            Assert.NotNull(r.PrivateDnsName);
            Assert.True(r.OriginalLaunchTime <= r.LaunchTime);
            Assert.Equal(TimeSpan.Zero, r.LaunchTime.Offset);
        });
    }

    [Fact]
    public async Task Existing_names_every_instance_EC2_has_in_any_state_in_a_group_or_not_and_leaves_out_an_unknown_id()
    {
        var grouped = await LaunchAsync("windows-a", 2);
        var standalone = await LaunchAsync(null, 1);
        await _aws.Ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = [grouped[1]] });

        var existing = await new Ec2InstanceInventory(_aws.Ec2, _aws.Pipeline)
            .ExistingAsync([grouped[0], grouped[1], standalone[0], "i-0000000000000dead"], CancellationToken.None);

        Assert.Equal(grouped.Concat(standalone).Order(StringComparer.Ordinal), existing);
    }

    private async Task<List<string>> LaunchAsync(string? group, int count)
    {
        var response = await _aws.Ec2.RunInstancesAsync(new RunInstancesRequest
        {
            ImageId = (await _aws.Ec2.DescribeImagesAsync(new DescribeImagesRequest { Owners = ["amazon"], MaxResults = 5 })).Images[0].ImageId,
            InstanceType = InstanceType.T3Medium,
            MinCount = count,
            MaxCount = count,
            TagSpecifications = group is null ? null : [new TagSpecification { ResourceType = ResourceType.Instance, Tags = [new Tag(Ec2InstanceInventory.GroupTag, group)] }],
        });
        return [.. response.Reservation.Instances.Select(i => i.InstanceId)];
    }
}
