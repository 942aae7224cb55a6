using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Cloud;
using WindowsNodeOperator.Reconciliation;
using WindowsNodeOperator.Reconciliation.Status;
using WindowsNodeOperator.Runtime.Events;

namespace WindowsNodeOperator.Tests.Reconciliation;

/// <summary>
/// An item of an AWS answer the adapters skipped is reported once per policy, however many looks see it: the event
/// recorder's own series would start again after six minutes.
/// </summary>
public sealed class SkippedItemReportsTests
{
    private static readonly SkippedItem Quiescing = new(
        "autoscaling:DescribeAutoScalingGroups", "instance i-0abc of group g", "LifecycleState", "Quiescing", "the instance counts as unavailable");

    private static readonly SkippedItem NoLaunchTime = new(
        "ec2:DescribeInstances", "instance i-0def of group g", "launchTime", null, "the instance is not judged");

    private readonly Mock<IEventRecorder> _recorder = new();
    private readonly List<(string Policy, string Type, string Reason, string? Note)> _events = [];

    public SkippedItemReportsTests() =>
        _recorder.Setup(r => r.RecordAsync(It.IsAny<IKubernetesObject<V1ObjectMeta>>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((IKubernetesObject<V1ObjectMeta> o, string type, string reason, string _, string? note, CancellationToken _) => _events.Add((o.Metadata.Name, type, reason, note)))
            .Returns(Task.CompletedTask);

    [Fact]
    public async Task Each_item_is_reported_once_across_many_looks_naming_the_item_the_field_and_the_value()
    {
        var reports = new SkippedItemReports(new PolicyEvents(_recorder.Object), NullLogger<SkippedItemReports>.Instance);
        var policy = Policy("fleet");

        for (var look = 0; look < 50; look++)
        {
            await reports.ReportAsync(policy, look < 10 ? [Quiescing] : [Quiescing, NoLaunchTime], CancellationToken.None);
        }

        Assert.Equal(
            [
                ("fleet", EventTypes.Warning, SkippedItemReports.Reason, "autoscaling:DescribeAutoScalingGroups answered instance i-0abc of group g with LifecycleState 'Quiescing', a value the operator does not know: the instance counts as unavailable"),
                ("fleet", EventTypes.Warning, SkippedItemReports.Reason, "ec2:DescribeInstances answered instance i-0def of group g without launchTime: the instance is not judged"),
            ],
            _events);
    }

    [Fact]
    public async Task Another_value_or_another_policy_is_another_report_and_a_forgotten_policy_is_told_again()
    {
        var reports = new SkippedItemReports(new PolicyEvents(_recorder.Object), NullLogger<SkippedItemReports>.Instance);

        await reports.ReportAsync(Policy("a"), [Quiescing], CancellationToken.None);
        await reports.ReportAsync(Policy("b"), [Quiescing], CancellationToken.None);
        await reports.ReportAsync(Policy("a"), [Quiescing with { Value = "Dormant" }], CancellationToken.None);
        reports.Forget("a");
        await reports.ReportAsync(Policy("a"), [Quiescing], CancellationToken.None);
        await reports.ReportAsync(Policy("b"), [], CancellationToken.None);

        Assert.Equal(["a", "b", "a", "a"], _events.Select(e => e.Policy));
        Assert.Contains("'Dormant'", _events[2].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_its_capacity_the_oldest_report_is_forgotten_and_made_again_if_still_seen()
    {
        var reports = new SkippedItemReports(new PolicyEvents(_recorder.Object), NullLogger<SkippedItemReports>.Instance);
        var policy = Policy("fleet");
        var many = Enumerable.Range(0, SkippedItemReports.Capacity + 1).Select(i => Quiescing with { Item = $"instance i-{i} of group g" }).ToList();

        await reports.ReportAsync(policy, many, CancellationToken.None);
        await reports.ReportAsync(policy, [many[^1]], CancellationToken.None);
        await reports.ReportAsync(policy, [many[0]], CancellationToken.None);

        Assert.Equal(SkippedItemReports.Capacity + 2, _events.Count);
        Assert.Contains("i-0 ", _events[^1].Note, StringComparison.Ordinal);
    }

    private static WindowsNodePolicy Policy(string name) => new()
    {
        ApiVersion = "windowsnode.io/v1alpha1",
        Kind = "WindowsNodePolicy",
        Metadata = new V1ObjectMeta { Name = name, Uid = Guid.NewGuid().ToString() },
    };
}
