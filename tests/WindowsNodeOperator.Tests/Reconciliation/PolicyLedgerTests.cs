using WindowsNodeOperator.Reconciliation;

namespace WindowsNodeOperator.Tests.Reconciliation;

public sealed class PolicyLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private static PolicyLedger RoundTrip(PolicyLedger ledger) =>
        PolicyLedger.Read(new Dictionary<string, string> { [PolicyLedger.AnnotationKey] = ledger.Write() });

    [Fact]
    public void A_failed_AMI_outlives_the_refreshes_the_ledger_forgets()
    {
        var ledger = PolicyLedger.Empty
            .WithRefresh("r-bad", new LedgerRefresh("win-a", "ami-bad", T0, "RollbackSuccessful", null, T0.AddHours(1), "Ami", "2 new instance(s) never became Ready nodes"))
            .WithFailedAmi(new LedgerFailedAmi("ami-bad", "win-a", "r-bad", "2 new instance(s) never became Ready nodes", T0.AddHours(1)));
        for (var i = 0; i < PolicyLedger.MaxRefreshes + 5; i++)
        {
            ledger = RoundTrip(ledger.WithRefresh($"r-{i}", new LedgerRefresh("win-a", "ami-old", T0.AddDays(i + 1), "Successful", null, T0.AddDays(i + 1))));
        }

        Assert.False(ledger.Started("r-bad"));
        var held = ledger.FailedAmi("ami-bad");
        Assert.NotNull(held);
        Assert.Equal(("win-a", "r-bad", "2 new instance(s) never became Ready nodes", T0.AddHours(1)), (held.Group, held.RefreshId, held.Reason, held.FailedAt));
    }

    [Fact]
    public void The_failed_list_keeps_the_newest_and_the_first_record_of_an_AMI_stands()
    {
        var ledger = PolicyLedger.Empty;
        for (var i = 0; i < PolicyLedger.MaxFailedAmis + 3; i++)
        {
            ledger = ledger.WithFailedAmi(new LedgerFailedAmi($"ami-{i}", "win-a", null, "why", T0.AddDays(i)));
        }

        ledger = RoundTrip(ledger.WithFailedAmi(new LedgerFailedAmi("ami-22", "win-b", null, "again", T0.AddDays(40))));

        Assert.Equal(PolicyLedger.MaxFailedAmis, ledger.FailedAmis!.Count);
        Assert.Null(ledger.FailedAmi("ami-0"));
        Assert.Equal(("win-a", "why"), (ledger.FailedAmi("ami-22")!.Group, ledger.FailedAmi("ami-22")!.Reason));
        Assert.Equal(PolicyLedger.MaxReasonLength, RoundTrip(ledger.WithFailedAmi(new LedgerFailedAmi("ami-long", "win-a", null, new string('x', 2000), T0.AddDays(50))))
            .FailedAmi("ami-long")!.Reason.Length);
    }

    [Fact]
    public void A_failure_recorded_before_causes_were_told_apart_still_holds_its_AMI_and_one_with_another_cause_does_not()
    {
        const string old = """{"refreshes":{"r-1":{"group":"win-a","imageId":"ami-bad","startedAt":"2026-03-01T00:00:00+00:00","status":"RollbackSuccessful","statusReason":"launch abandoned","finishedAt":"2026-03-01T01:00:00+00:00"},"r-2":{"group":"win-a","imageId":"ami-next","startedAt":"2026-03-02T00:00:00+00:00","status":"Failed","finishedAt":"2026-03-02T01:00:00+00:00","cause":"ScaleInProtectedInstances","causeMessage":"waited"}},"drainHooks":[],"launchHooks":[]}""";

        var ledger = PolicyLedger.Read(new Dictionary<string, string> { [PolicyLedger.AnnotationKey] = old });

        var held = Assert.Single(ledger.FailedAmis!);
        Assert.Equal(("ami-bad", "r-1", "instance refresh r-1 ended RollbackSuccessful: launch abandoned"), (held.ImageId, held.RefreshId, held.Reason));
    }
}
