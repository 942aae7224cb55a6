using Microsoft.Extensions.Time.Testing;
using Moq;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>Whether EC2 has an instance is asked once an hour per id, not once a look.</summary>
public sealed class InstanceExistenceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly HashSet<string> _existing = new(StringComparer.Ordinal) { "i-other-group", "i-terminated" };
    private readonly List<IReadOnlyCollection<string>> _asked = [];
    private readonly InstanceExistence _existence;

    public InstanceExistenceTests()
    {
        var inventory = new Mock<IInstanceInventory>(MockBehavior.Strict);
        inventory.Setup(i => i.ExistingAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<string> ids, CancellationToken _) =>
            {
                _asked.Add([.. ids.Order(StringComparer.Ordinal)]);
                return [.. ids.Where(_existing.Contains)];
            });
        _existence = new InstanceExistence(inventory.Object, _time);
    }

    [Fact]
    public async Task Only_the_ids_EC2_does_not_have_are_missing_and_each_is_asked_once_an_hour()
    {
        string[] ids = ["i-other-group", "i-terminated", "i-0000000000000dead"];

        var first = await _existence.MissingAsync(ids, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(59));
        var cached = await _existence.MissingAsync(ids, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));
        _existing.Add("i-0000000000000dead");
        var again = await _existence.MissingAsync(ids, CancellationToken.None);

        Assert.Equal(["i-0000000000000dead"], first);
        Assert.Equal(first, cached);
        Assert.Empty(again);
        Assert.Equal(2, _asked.Count);
        Assert.All(_asked, a => Assert.Equal(ids.Order(StringComparer.Ordinal), a));
    }

    [Fact]
    public async Task A_new_id_is_asked_alone()
    {
        await _existence.MissingAsync(["i-other-group"], CancellationToken.None);

        var missing = await _existence.MissingAsync(["i-other-group", "i-new"], CancellationToken.None);

        Assert.Equal(["i-new"], missing);
        Assert.Equal([["i-other-group"], ["i-new"]], _asked);
    }
}
