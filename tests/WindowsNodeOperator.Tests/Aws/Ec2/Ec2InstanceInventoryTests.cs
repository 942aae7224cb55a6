using Amazon.EC2.Model;
using WindowsNodeOperator.Aws.Ec2;

namespace WindowsNodeOperator.Tests.Aws.Ec2;

public sealed class Ec2InstanceInventoryTests
{
    private static readonly DateTime Start = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly FakeFleet _fleet = new();
    private readonly RecordingPipeline _pipeline = new();

    [Fact]
    public async Task Original_launch_time_is_the_primary_interface_attach_time_when_the_instance_was_restarted()
    {
        _fleet.Instances.Add(FakeFleet.Instance("i-restarted", "g", launch: Start.AddDays(30), attach: Start));
        _fleet.Instances.Add(FakeFleet.Instance("i-fresh", "g", launch: Start, attach: Start.AddSeconds(5)));
        var secondary = FakeFleet.Instance("i-secondary", "g", launch: Start.AddDays(10), attach: Start.AddDays(10));
        secondary.NetworkInterfaces.Add(new InstanceNetworkInterface
        {
            Attachment = new InstanceNetworkInterfaceAttachment { DeviceIndex = 1, AttachTime = Start },
        });
        _fleet.Instances.Add(secondary);

        var records = (await Inventory().ListAsync(["g"], CancellationToken.None)).ToDictionary(r => r.InstanceId);

        Assert.Equal(new DateTimeOffset(Start.AddDays(30)), records["i-restarted"].LaunchTime);
        Assert.Equal(new DateTimeOffset(Start), records["i-restarted"].OriginalLaunchTime);
        Assert.Equal(new DateTimeOffset(Start), records["i-fresh"].OriginalLaunchTime);
        Assert.Equal(new DateTimeOffset(Start.AddDays(10)), records["i-secondary"].OriginalLaunchTime);
    }

    [Fact]
    public async Task Maps_every_field_and_leaves_out_terminated_instances_and_other_groups()
    {
        _fleet.Instances.Add(FakeFleet.Instance("i-1", "a"));
        _fleet.Instances.Add(FakeFleet.Instance("i-2", "a", state: "stopped"));
        _fleet.Instances.Add(FakeFleet.Instance("i-3", "a", state: "terminated"));
        _fleet.Instances.Add(FakeFleet.Instance("i-4", "b"));

        var records = await Inventory().ListAsync(["a"], CancellationToken.None);

        Assert.Equal(["i-1", "i-2"], records.Select(r => r.InstanceId));
        var first = records[0];
        Assert.Equal(("a", "ami-0123456789abcdef0", "m5.large", "us-east-1a", "running", "ip-i-1.ec2.internal"),
            (first.GroupName, first.ImageId, first.InstanceType, first.AvailabilityZone, first.State, first.PrivateDnsName));
        Assert.Equal("stopped", records[1].State);
        Assert.DoesNotContain("terminated", _fleet.Requests.Single().Filters.Single(f => f.Name == "instance-state-name").Values);
    }

    [Fact]
    public async Task Splits_group_names_into_chunks_of_the_filter_limit()
    {
        _fleet.AddGroups(groups: 450, instancesPerGroup: 1);

        var records = await Inventory().ListAsync([.. Enumerable.Range(0, 450).Select(g => $"group-{g:D3}")], CancellationToken.None);

        Assert.Equal(450, records.Count);
        Assert.Equal([200, 200, 50], _fleet.Requests.Select(r => r.Filters.Single(f => f.Name.StartsWith("tag:", StringComparison.Ordinal)).Values.Count));
    }

    [Fact]
    public async Task Asks_for_nothing_when_there_are_no_groups()
    {
        Assert.Empty(await Inventory().ListAsync([], CancellationToken.None));
        Assert.Empty(_fleet.Requests);
    }

    private Ec2InstanceInventory Inventory() => new(_fleet.Ec2.Object, _pipeline);
}
