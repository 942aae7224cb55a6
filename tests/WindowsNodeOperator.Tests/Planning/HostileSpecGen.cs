using CsCheck;
using k8s.Models;
using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Tests.Planning;

/// <summary>
/// <see cref="FleetGen"/>'s policies and fleets with some spec fields replaced by what a client could send without a schema
/// (or past it): junk and overflowing durations, impossible crons, unknown zones, out-of-range numbers, long lists,
/// arbitrary unicode. The names of the groups and the node selector are left as FleetGen made them, or made invalid outright.
/// </summary>
internal static class HostileSpecGen
{
    private static readonly Gen<string> AnyText = Gen.String[0, 40];

    /// <summary>Strings near the duration format, valid ones (some huge) often: digits, units and a few strangers.</summary>
    private static readonly Gen<string> DurationLike = Gen.Frequency(
        (4, Gen.OneOf("0s", "1s", "90s", "45d", "1h30m", "24h", "365d", "8760h", "10675199d", "9999999h", "1d23h59m59s")),
        (1, Gen.OneOf("30m1h", "-1h", "1.5h", "99999999999999999999d", "10675200d", "d", "10", "1d1d")),
        (1, Gen.String[Gen.Char["0123456789dhms"], 0, 12]),
        (1, Gen.String[Gen.Char["0123456789dhms.-+ ٣"], 0, 24]),
        (1, AnyText));

    private static readonly Gen<string> Schedule = Gen.Frequency(
        (4, Gen.OneOf("0 0 29 2 *", "0 22 * * 1-5", "0 0 31 4 *", "0 2 L * *", "0 2 * * 5#3", "59 23 31 12 *", "* * * * *", "0 0 1 1 *", "0 2 LW * *")),
        (2, Gen.OneOf("61 25 * * *", "0 2 30 2 *", "*/0 * * * *", "0 2 * * Funday", "* * * * * *", "@daily", "")),
        (1, Gen.String[Gen.Char["0123456789*/,-LW#? "], 0, 20]),
        (1, AnyText));

    private static readonly Gen<string> Zone = Gen.Frequency(
        (4, Gen.OneOf("UTC", "Europe/Berlin", "Etc/GMT+12", "Etc/GMT-14", "Pacific/Kiritimati", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu")),
        (1, Gen.OneOf("Mars/Base", "", "Etc/GMT-15", "../../etc/passwd", "Europe/Zürich", "Europe/New York")),
        (1, AnyText));

    private static readonly Gen<MaintenanceWindow> Window =
        Gen.Select(Schedule, DurationLike, Zone, (schedule, duration, zone) => new MaintenanceWindow { Schedule = schedule, Duration = duration, TimeZone = zone });

    private static readonly Gen<IntOrString> MaxUnavailable = Gen.Frequency(
        (2, Gen.Int[1, 1000].Select(i => (IntOrString)i)),
        (2, Gen.Int[1, 100].Select(i => (IntOrString)$"{i}%")),
        (1, Gen.Int.Select(i => (IntOrString)i)),
        (1, Gen.OneOf("0%", "101%", "%", "", "1e3", "25 %", "-1", "99999999999", "٣%", "2147483648%", "50%%").Select(s => (IntOrString)s)),
        (1, AnyText.Select(s => (IntOrString)s)));

    private static readonly Gen<int> AnyInt = Gen.Frequency((1, Gen.Int), (3, Gen.Int[-2, 210]));

    /// <summary>One change to a spec; each hostile spec gets one to three.</summary>
    private static readonly Gen<Action<WindowsNodePolicySpec>> Change = Gen.OneOf(
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.MaxNodeAge = d)),
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.Ami.SoakTime = d)),
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.Refresh.InstanceWarmup = d)),
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.Refresh.LaunchTimeout = d)),
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.Drain.Timeout = d)),
        DurationLike.Select(d => (Action<WindowsNodePolicySpec>)(s => s.Drain.PodGracePeriod = d)),
        MaxUnavailable.Select(m => (Action<WindowsNodePolicySpec>)(s => s.Disruption.MaxUnavailable = m)),
        Window.List[0, 25].Select(w => (Action<WindowsNodePolicySpec>)(s => s.Disruption.MaintenanceWindows = w)),
        AnyInt.List[0, 12].Select(c => (Action<WindowsNodePolicySpec>)(s => s.Refresh.CheckpointPercentages = c)),
        Gen.Select(AnyInt, AnyInt, (min, max) => (Action<WindowsNodePolicySpec>)(s => (s.Refresh.MinHealthyPercentage, s.Refresh.MaxHealthyPercentage) = (min, max))),
        Gen.Select(AnyInt, AnyInt, (failed, concurrent) => (Action<WindowsNodePolicySpec>)(s => (s.Refresh.MaxFailedLaunches, s.Refresh.ConcurrentGroups) = (failed, concurrent))),
        // Each sets both halves of the selector, so that whatever came before the selector ends invalid.
        Gen.OneOf(
            Gen.Const<Action<WindowsNodePolicySpec>>(s => (s.AutoScalingGroups.Names, s.AutoScalingGroups.Tags) = ([], null)),
            Gen.Const<Action<WindowsNodePolicySpec>>(s => (s.AutoScalingGroups.Names, s.AutoScalingGroups.Tags) = (
                s.AutoScalingGroups.Names is { Count: > 0 } names ? names : ["g0"], new() { ["team"] = "x" })),
            Gen.Const<Action<WindowsNodePolicySpec>>(s => (s.AutoScalingGroups.Names, s.AutoScalingGroups.Tags) = (null, null)),
            Gen.Const<Action<WindowsNodePolicySpec>>(s => (s.AutoScalingGroups.Names, s.AutoScalingGroups.Tags) = (null, []))));

    public static readonly Gen<WindowsNodePolicy> Policy =
        Gen.Select(FleetGen.Policy, Change.Array[1, 3], (policy, changes) =>
        {
            foreach (var change in changes)
            {
                change(policy.Spec);
            }

            return policy;
        });

    public static readonly Gen<FleetSnapshot> Snapshot =
        Gen.Select(FleetGen.Snapshot, Policy, (snapshot, policy) => snapshot with { Policy = policy });
}
