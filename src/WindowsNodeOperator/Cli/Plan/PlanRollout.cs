using WindowsNodeOperator.Api;
using WindowsNodeOperator.Planning;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>
/// Plays the planner's own group steps forward from a snapshot, as if each step completed: the launch template first,
/// then the instance refresh of the drifted nodes, then single replacements, oldest node first, and lays the batches
/// into the maintenance windows. Nothing is decided here that <see cref="GroupSteps"/> does not decide.
/// </summary>
internal static class PlanRollout
{
    /// <summary>A Windows node's time from a terminated instance to a Ready replacement, beside drain and warmup: launch, boot, domain-less join.</summary>
    public static readonly TimeSpan BootEstimate = TimeSpan.FromMinutes(10);

    private const int MaxSteps = 10_000;

    public static (IReadOnlyList<PlanGroup> Groups, IReadOnlyList<PlanBatch> Batches) Play(
        FleetSnapshot snapshot, Planning.Plan plan, PolicySettings settings)
    {
        var spec = snapshot.Policy.Spec;
        var instances = snapshot.Instances.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var targets = plan.Groups.ToList();
        var verdicts = plan.Nodes.ToList();
        var maxUnavailable = plan.Budget?.MaxUnavailable ?? 1;
        var steps = targets.ToDictionary(t => t.Name, _ => new List<string>(), StringComparer.Ordinal);
        var order = new List<string>();
        var batches = new List<(string Group, string Kind, List<NodeVerdict> Nodes, bool NewRefresh)>();
        Dictionary<string, Blocked> blocked = new(StringComparer.Ordinal);

        for (var i = 0; i < MaxSteps; i++)
        {
            // 1. Every group's next step, in the planner's order; the first is taken as if it completed.
            var next = targets.Select(t => GroupSteps.Next(t, verdicts, instances, spec, settings)).ToList();
            blocked = next.Select(n => n.Blocked).OfType<Blocked>().ToDictionary(b => b.Group, StringComparer.Ordinal);
            var first = Ordered(next.Select(n => n.Step)).FirstOrDefault();
            if (first is null)
            {
                break;
            }

            if (!order.Contains(first.Group))
            {
                order.Add(first.Group);
            }

            var index = targets.FindIndex(t => t.Name == first.Group);
            switch (first.Action)
            {
                case UpdateLaunchTemplate update:
                    steps[first.Group].Add("update launch template");
                    targets[index] = targets[index] with { Group = targets[index].Group with { LaunchTemplateImageId = update.ImageId } };
                    break;
                case StartRefresh refresh:
                    // 2. A refresh replaces every drifted node of the group, as many at once as its MinHealthyPercentage lets it.
                    var size = targets[index].Group.DesiredCapacity;
                    var min = plan.Action is StartRefresh now && now.Group == refresh.Group
                        ? now.Preferences.MinHealthyPercentage
                        : RefreshBudget.MinHealthyPercentage(size, maxUnavailable, spec.Refresh.MinHealthyPercentage);
                    var atOnce = Math.Max(1, RefreshBudget.Reservation(size, min));
                    steps[first.Group].Add($"instance refresh (min healthy {min}%)");
                    var drifted = verdicts.Where(v => v.Group == refresh.Group && v.Drifted).OrderBy(v => v.LaunchTime).ToList();
                    foreach (var (chunk, n) in drifted.Chunk(atOnce).Select((c, n) => (c, n)))
                    {
                        batches.Add((refresh.Group, "refresh", [.. chunk], n == 0));
                    }

                    Renew(verdicts, drifted, refresh.TargetImageId);
                    break;
                case ReplaceInstance:
                    // 3. Single replacements run side by side up to maxUnavailable, oldest first: each one taken is cordoned,
                    //    so the planner's next pick is the next node.
                    var batch = new List<NodeVerdict>();
                    while (batch.Count < maxUnavailable
                        && First(targets, verdicts, instances, spec, settings) is { Action: ReplaceInstance replace })
                    {
                        var at = verdicts.FindIndex(v => v.Name == replace.Node);
                        batch.Add(verdicts[at]);
                        verdicts[at] = verdicts[at] with { CordonedByOperator = true };
                        if (!order.Contains(replace.Group))
                        {
                            order.Add(replace.Group);
                        }
                    }

                    batches.Add((string.Join(",", batch.Select(b => b.Group).Distinct(StringComparer.Ordinal)), "replace", batch, true));
                    Renew(verdicts, batch, null);
                    break;
                default:
                    i = MaxSteps;
                    break;
            }
        }

        var due = plan.Nodes.Where(n => n.Group is not null && (n.Expired || n.Drifted)).ToList();
        foreach (var (group, _, _, _) in batches.Where(b => b.Kind == "replace"))
        {
            foreach (var name in group.Split(','))
            {
                var label = "replace nodes one by one";
                if (!steps[name].Contains(label))
                {
                    steps[name].Add(label);
                }
            }
        }

        var groups = plan.Groups.Select(g => new PlanGroup(
                order.IndexOf(g.Name) is var at and >= 0 ? at + 1 : null,
                g.Name,
                g.Group.DesiredCapacity,
                g.TargetImageId,
                g.Group.LaunchTemplateImageId,
                steps[g.Name],
                due.Count(n => n.Group == g.Name),
                blocked.TryGetValue(g.Name, out var b) ? b.Why.Message : null))
            .OrderBy(g => g.Order ?? int.MaxValue).ThenBy(g => g.Group, StringComparer.Ordinal)
            .ToList();
        return (groups, Schedule(batches, snapshot.Now, settings, spec));
    }

    private static IEnumerable<Candidate> Ordered(IEnumerable<Candidate?> steps) =>
        steps.OfType<Candidate>().OrderBy(c => c.Kind).ThenBy(c => c.Since).ThenBy(c => c.Group, StringComparer.Ordinal);

    private static Candidate? First(
        List<GroupTarget> targets, List<NodeVerdict> verdicts, Dictionary<string, InstanceFacts> instances, WindowsNodePolicySpec spec, PolicySettings settings) =>
        Ordered(targets.Select(t => GroupSteps.Next(t, verdicts, instances, spec, settings).Step)).FirstOrDefault();

    /// <summary>Per batch: drain (at most drain.timeout) + refresh.instanceWarmup + <see cref="BootEstimate"/>.</summary>
    public static TimeSpan BatchDuration(WindowsNodePolicySpec spec, PolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        return PolicyDuration.Parse(spec.Drain.Timeout).Value + settings.InstanceWarmup + BootEstimate;
    }

    private static void Renew(List<NodeVerdict> verdicts, IEnumerable<NodeVerdict> renewed, string? imageId)
    {
        foreach (var node in renewed.ToList())
        {
            var at = verdicts.FindIndex(v => v.Name == node.Name);
            verdicts[at] = node with { Expired = false, Drifted = false, CordonedByOperator = false, Age = TimeSpan.Zero, ImageId = imageId ?? node.TargetImageId ?? node.ImageId };
        }
    }

    /// <summary>
    /// A refresh starts in a window and runs its batches back to back (AWS does not stop at the window's end); a batch of
    /// single replacements starts only while a window is open. Null times when no window ever opens again.
    /// </summary>
    private static List<PlanBatch> Schedule(
        List<(string Group, string Kind, List<NodeVerdict> Nodes, bool NewRefresh)> batches,
        DateTimeOffset now,
        PolicySettings settings,
        WindowsNodePolicySpec spec)
    {
        var duration = BatchDuration(spec, settings);
        var windows = settings.Windows;
        DateTimeOffset? clock = now;
        (DateTimeOffset Start, DateTimeOffset End)? window = null;
        var result = new List<PlanBatch>();
        foreach (var (batch, number) in batches.Select((b, n) => (b, n + 1)))
        {
            if (clock is { } t && (batch.NewRefresh || batch.Kind == "replace"))
            {
                clock = windows.IsOpen(t) ? t : windows.NextStart(t);
                window = clock is { } start ? Containing(windows, start) : null;
            }

            var starts = clock;
            clock = clock + duration;
            result.Add(new PlanBatch(
                number,
                batch.Group,
                batch.Kind,
                batch.Nodes.Select(n => new PlanNode(n.Name, n.InstanceId, n.ImageId, n.Age, n.Expired, n.Drifted)).ToList(),
                starts,
                clock,
                window?.Start,
                window?.End));
        }

        return result;
    }

    private static (DateTimeOffset Start, DateTimeOffset End)? Containing(MaintenanceCalendar windows, DateTimeOffset at) =>
        windows.Windows
            .Where(w => w.IsOpen(at))
            .Select(w => w.Cron.GetPreviousOccurrence(at, w.Zone, inclusive: true) is { } start ? (start, start + w.Duration) : ((DateTimeOffset, DateTimeOffset)?)null)
            .OfType<(DateTimeOffset Start, DateTimeOffset End)>()
            .OrderByDescending(w => w.End)
            .Select(w => ((DateTimeOffset, DateTimeOffset)?)w)
            .FirstOrDefault();
}
