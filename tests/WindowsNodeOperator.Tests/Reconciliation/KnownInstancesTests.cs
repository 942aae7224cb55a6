using Microsoft.Extensions.Time.Testing;
using Moq;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class KnownInstancesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, InstanceRecord> _live = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyCollection<string>> _asked = [];
    private readonly Mock<IInstanceInventory> _inventory = new(MockBehavior.Strict);
    private readonly KnownInstances _known;

    public KnownInstancesTests()
    {
        _inventory.Setup(i => i.DescribeAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) =>
            {
                _asked.Add([.. ids.Order(StringComparer.Ordinal)]);
                return _live.Values.Where(r => ids.Contains(r.InstanceId)).ToList();
            });
        _known = new KnownInstances(_inventory.Object, _time);
    }

    [Fact]
    public async Task Instances_in_service_are_described_once_and_a_new_one_alone_later()
    {
        var group = Group("g", ("i-1", "InService"), ("i-2", "InService"));
        Live("i-1", "i-2");

        var first = await _known.ReadAsync([group], CancellationToken.None);
        var second = await _known.ReadAsync([group], CancellationToken.None);
        Live("i-3");
        var third = await _known.ReadAsync([Group("g", ("i-1", "InService"), ("i-2", "InService"), ("i-3", "InService"))], CancellationToken.None);

        Assert.Equal(["i-1", "i-2"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(first, second);
        Assert.Equal(["i-1", "i-2", "i-3"], third.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([["i-1", "i-2"], ["i-3"]], _asked);
    }

    [Fact]
    public async Task An_instance_not_in_service_is_described_every_look_and_drops_out_once_EC2_no_longer_lists_it()
    {
        Live("i-1", "i-2");
        await _known.ReadAsync([Group("g", ("i-1", "InService"), ("i-2", "InService"))], CancellationToken.None);

        var terminating = Group("g", ("i-1", "InService"), ("i-2", "Terminating:Wait"));
        var still = await _known.ReadAsync([terminating], CancellationToken.None);
        _live.Remove("i-2");
        var gone = await _known.ReadAsync([terminating], CancellationToken.None);

        Assert.True(still.ContainsKey("i-2"));
        Assert.Equal(["i-1"], gone.Keys);
        Assert.Equal([["i-1", "i-2"], ["i-2"], ["i-2"]], _asked);
    }

    [Fact]
    public async Task An_unknown_or_terminated_instance_is_left_out_and_asked_about_again()
    {
        Live("i-1");
        var group = Group("g", ("i-1", "InService"), ("i-9", "InService"));

        var first = await _known.ReadAsync([group], CancellationToken.None);
        var second = await _known.ReadAsync([group], CancellationToken.None);

        Assert.Equal(["i-1"], first.Keys);
        Assert.Equal(["i-1"], second.Keys);
        Assert.Equal([["i-1", "i-9"], ["i-9"]], _asked);
    }

    [Fact]
    public async Task Instances_no_group_lists_for_an_hour_are_forgotten()
    {
        Live("i-1", "i-2");
        await _known.ReadAsync([Group("g", ("i-1", "InService"), ("i-2", "InService"))], CancellationToken.None);

        _time.Advance(KnownInstances.ForgetAfter);
        await _known.ReadAsync([Group("g", ("i-1", "InService"))], CancellationToken.None);
        Assert.Equal(2, _known.Count);

        _time.Advance(TimeSpan.FromMinutes(1));
        await _known.ReadAsync([Group("g", ("i-1", "InService"))], CancellationToken.None);
        Assert.Equal(1, _known.Count);
        Assert.Single(_asked);
    }

    private void Live(params string[] ids)
    {
        foreach (var id in ids)
        {
            _live[id] = new InstanceRecord(id, "g", "ami-1", "m5.large", "us-east-1a", "running", _time.GetUtcNow(), _time.GetUtcNow(), null);
        }
    }

    private static AutoScalingGroup Group(string name, params (string Id, string State)[] instances) =>
        new(name, 0, 10, instances.Length, null, new Dictionary<string, string>(),
            [.. instances.Select(i => new AutoScalingInstance(i.Id, "us-east-1a", i.State, "Healthy", "1", false))]);
}
