using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Moq;
using WindowsNodeOperator.Aws.Ec2;

namespace WindowsNodeOperator.Tests.Aws.Ec2;

/// <summary>A mocked <see cref="IAmazonEC2"/> answering DescribeInstances from a list, honouring filters, MaxResults and NextToken.</summary>
internal sealed class FakeFleet
{
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public FakeFleet()
    {
        Ec2.Setup(e => e.DescribeInstancesAsync(It.IsAny<DescribeInstancesRequest>(), It.IsAny<CancellationToken>()))
            .Returns<DescribeInstancesRequest, CancellationToken>((request, _) => Task.FromResult(Respond(request)));
    }

    public Mock<IAmazonEC2> Ec2 { get; } = new(MockBehavior.Strict);

    public List<Instance> Instances { get; } = [];

    public List<DescribeInstancesRequest> Requests { get; } = [];

    public static Instance Instance(string id, string group, string state = "running", DateTime? launch = null, DateTime? attach = null) => new()
    {
        InstanceId = id,
        ImageId = "ami-0123456789abcdef0",
        InstanceType = InstanceType.M5Large,
        Placement = new Placement { AvailabilityZone = "us-east-1a" },
        State = new InstanceState { Name = new InstanceStateName(state) },
        LaunchTime = launch ?? Epoch,
        PrivateDnsName = $"ip-{id}.ec2.internal",
        Tags = [new Tag(Ec2InstanceInventory.GroupTag, group), new Tag("Name", id)],
        NetworkInterfaces =
        [
            new InstanceNetworkInterface
            {
                Attachment = new InstanceNetworkInterfaceAttachment { DeviceIndex = 0, AttachTime = attach ?? launch ?? Epoch },
            },
        ],
    };

    public void AddGroups(int groups, int instancesPerGroup)
    {
        for (var g = 0; g < groups; g++)
        {
            for (var i = 0; i < instancesPerGroup; i++)
            {
                Instances.Add(Instance($"i-{g:D3}{i:D5}", $"group-{g:D3}"));
            }
        }
    }

    private DescribeInstancesResponse Respond(DescribeInstancesRequest request)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        var groups = request.Filters.Single(f => f.Name == "tag:" + Ec2InstanceInventory.GroupTag).Values.ToHashSet();
        var states = request.Filters.Single(f => f.Name == "instance-state-name").Values.ToHashSet();
        var matching = Instances
            .Where(i => groups.Contains(i.Tags.Single(t => t.Key == Ec2InstanceInventory.GroupTag).Value))
            .Where(i => states.Contains(i.State.Name.Value))
            .ToList();
        var offset = request.NextToken is null ? 0 : int.Parse(request.NextToken, CultureInfo.InvariantCulture);
        var size = request.MaxResults ?? 1000;
        var page = matching.Skip(offset).Take(size).ToList();
        var next = offset + page.Count;
        return new DescribeInstancesResponse
        {
            // Several instances per reservation, as Auto Scaling launches do.
            Reservations = [.. page.Chunk(7).Select(c => new Reservation { Instances = [.. c] })],
            NextToken = next < matching.Count ? next.ToString(CultureInfo.InvariantCulture) : null,
        };
    }
}
