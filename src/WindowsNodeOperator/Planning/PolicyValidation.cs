using System.Globalization;
using Cronos;
using WindowsNodeOperator.Api;

namespace WindowsNodeOperator.Planning;

/// <summary>Checks what the CRD schema cannot say about a policy, and parses its strings once for the planner.</summary>
internal static class PolicyValidation
{
    /// <summary>Whether a cron fires is asked from a fixed instant, so the answer never depends on the clock.</summary>
    private static readonly DateTimeOffset CronReference = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The longest duration any field may hold: the schema's pattern admits any count of digits, and a date plus a
    /// duration near <see cref="TimeSpan.MaxValue"/> is past year 9999.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(3650);

    public static IReadOnlyList<PolicyProblem> Validate(WindowsNodePolicy policy) => Read(policy).Problems;

    public static PolicyReading Read(WindowsNodePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var spec = policy.Spec;
        var problems = new List<PolicyProblem>();

        var maxNodeAge = Duration(spec.MaxNodeAge, "spec.maxNodeAge", problems);
        if (maxNodeAge is { } age && (age < WindowsNodePolicySpec.MinMaxNodeAge || age > WindowsNodePolicySpec.MaxMaxNodeAge))
        {
            problems.Add(new("spec.maxNodeAge", $"'{spec.MaxNodeAge}' is outside 1d..365d"));
        }

        var soak = Duration(spec.Ami.SoakTime, "spec.ami.soakTime", problems);
        var warmup = Duration(spec.Refresh.InstanceWarmup, "spec.refresh.instanceWarmup", problems);
        Duration(spec.Refresh.LaunchTimeout, "spec.refresh.launchTimeout", problems);
        if (Duration(spec.Refresh.PodReadyTimeout, "spec.refresh.podReadyTimeout", problems) is { } podReady
            && podReady != TimeSpan.Zero && (podReady < RefreshSpec.MinPodReadyTimeout || podReady > RefreshSpec.MaxPodReadyTimeout))
        {
            problems.Add(new("spec.refresh.podReadyTimeout", $"'{spec.Refresh.PodReadyTimeout}' is outside 1m..6h (0s turns the check off)"));
        }

        Duration(spec.Drain.Timeout, "spec.drain.timeout", problems);
        if (spec.Drain.PodGracePeriod is not null)
        {
            Duration(spec.Drain.PodGracePeriod, "spec.drain.podGracePeriod", problems);
        }

        CheckGroups(spec.AutoScalingGroups, problems);
        CheckRefresh(spec.Refresh, problems);
        var maxUnavailable = ReadMaxUnavailable(spec.Disruption.MaxUnavailable.ToString(), problems);
        var windows = ReadWindows(spec.Disruption.MaintenanceWindows ?? [], problems);
        var notReady = ReadNotReadyReplaceAfter(spec.Disruption.NotReadyReplaceAfter, problems);

        if (problems.Count > 0 || maxNodeAge is null || soak is null || warmup is null || maxUnavailable is null)
        {
            return new PolicyReading(null, problems);
        }

        return new PolicyReading(
            new PolicySettings(maxNodeAge.Value, soak.Value, warmup.Value, maxUnavailable.Value, new MaintenanceCalendar(windows), notReady),
            problems);
    }

    private static TimeSpan? Duration(string? text, string field, List<PolicyProblem> problems)
    {
        if (PolicyDuration.TryParse(text, out var duration, out var reason))
        {
            if (duration.Value <= MaxDuration)
            {
                return duration.Value;
            }

            reason = $"'{text}' is longer than {new PolicyDuration(MaxDuration)}";
        }

        problems.Add(new(field, reason));
        return null;
    }

    /// <summary>
    /// <c>off</c>, or 5m..7d: under the 5 minutes pods tolerate an unreachable node by default, a kubelet restart or a
    /// reboot would already cost a node (https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#taint-based-evictions).
    /// </summary>
    private static TimeSpan? ReadNotReadyReplaceAfter(string? text, List<PolicyProblem> problems)
    {
        const string field = "spec.disruption.notReadyReplaceAfter";
        if (text == DisruptionSpec.Off)
        {
            return null;
        }

        if (Duration(text, field, problems) is not { } bound)
        {
            return null;
        }

        if (bound < DisruptionSpec.MinNotReadyReplaceAfter || bound > DisruptionSpec.MaxNotReadyReplaceAfter)
        {
            problems.Add(new(field, $"'{text}' is outside 5m..7d (or off)"));
            return null;
        }

        return bound;
    }

    private static void CheckGroups(AutoScalingGroupSelector groups, List<PolicyProblem> problems)
    {
        var byName = groups.Names is { Count: > 0 };
        var byTags = groups.Tags is { Count: > 0 };
        if (byName == byTags)
        {
            problems.Add(new("spec.autoScalingGroups", "exactly one of names or tags must be given, and not empty"));
        }
    }

    private static void CheckRefresh(RefreshSpec refresh, List<PolicyProblem> problems)
    {
        var checkpoints = refresh.CheckpointPercentages ?? [];
        for (var i = 0; i < checkpoints.Count; i++)
        {
            if (checkpoints[i] is < 1 or > 100)
            {
                problems.Add(new($"spec.refresh.checkpointPercentages[{i}]", $"{checkpoints[i]} is outside 1..100"));
            }
            else if (i > 0 && checkpoints[i] <= checkpoints[i - 1])
            {
                problems.Add(new(
                    $"spec.refresh.checkpointPercentages[{i}]",
                    $"{checkpoints[i]} does not follow {checkpoints[i - 1]}: checkpoints must be strictly ascending"));
            }
        }

        if (refresh.MinHealthyPercentage is { } min && min is < 0 or > 100)
        {
            problems.Add(new("spec.refresh.minHealthyPercentage", $"{min} is outside 0..100"));
        }

        if (refresh.MaxHealthyPercentage is < 100 or > 200)
        {
            problems.Add(new("spec.refresh.maxHealthyPercentage", $"{refresh.MaxHealthyPercentage} is outside 100..200"));
        }

        if (refresh.MaxFailedLaunches is < RefreshSpec.MinMaxFailedLaunches or > RefreshSpec.MaxMaxFailedLaunches)
        {
            problems.Add(new(
                "spec.refresh.maxFailedLaunches",
                $"{refresh.MaxFailedLaunches} is outside {RefreshSpec.MinMaxFailedLaunches}..{RefreshSpec.MaxMaxFailedLaunches}"));
        }

        if (refresh.ConcurrentGroups < 1)
        {
            problems.Add(new("spec.refresh.concurrentGroups", "must be at least 1"));
        }
    }

    private static MaxUnavailable? ReadMaxUnavailable(string? text, List<PolicyProblem> problems)
    {
        const string field = "spec.disruption.maxUnavailable";
        var isPercent = text is not null && text.EndsWith('%');
        var digits = isPercent ? text![..^1] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            problems.Add(new(field, $"'{text}' is neither a count nor a percentage such as 25%"));
            return null;
        }

        if (value < 1 || (isPercent && value > 100))
        {
            problems.Add(new(field, isPercent ? $"'{text}' is outside 1%..100%" : $"{value} must be at least 1"));
            return null;
        }

        return new MaxUnavailable(value, isPercent);
    }

    private static List<MaintenanceWindowSchedule> ReadWindows(List<MaintenanceWindow> windows, List<PolicyProblem> problems)
    {
        var schedules = new List<MaintenanceWindowSchedule>();
        for (var i = 0; i < windows.Count; i++)
        {
            var field = $"spec.disruption.maintenanceWindows[{i}]";
            var window = windows[i];
            var zone = TimeZone(window.TimeZone, $"{field}.timeZone", problems);
            var duration = Duration(window.Duration, $"{field}.duration", problems);
            if (duration is { } d && d <= TimeSpan.Zero)
            {
                problems.Add(new($"{field}.duration", "a window must stay open for more than 0s"));
            }

            if (!CronExpression.TryParse(window.Schedule ?? string.Empty, CronFormat.Standard, out var cron))
            {
                problems.Add(new($"{field}.schedule", $"'{window.Schedule}' is not a valid five-field cron schedule (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-7 or SUN-SAT)"));
                continue;
            }

            if (cron.GetNextOccurrence(CronReference, zone ?? TimeZoneInfo.Utc) is null)
            {
                problems.Add(new($"{field}.schedule", $"'{window.Schedule}' never fires"));
                continue;
            }

            if (zone is not null && duration is { } open && open > TimeSpan.Zero)
            {
                schedules.Add(new MaintenanceWindowSchedule(cron, open, zone));
            }
        }

        return schedules;
    }

    private static TimeZoneInfo? TimeZone(string? name, string field, List<PolicyProblem> problems)
    {
        if (!string.IsNullOrEmpty(name) && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone))
        {
            return zone;
        }

        problems.Add(new(field, $"'{name}' is not a known IANA time zone"));
        return null;
    }
}
