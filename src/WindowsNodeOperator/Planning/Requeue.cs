namespace WindowsNodeOperator.Planning;

/// <summary>When the planner must look again, because something changes by the clock alone.</summary>
internal static class Requeue
{
    /// <summary>How often to look while a refresh or a replacement is under way.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(15);

    public static DateTimeOffset? At(
        FleetSnapshot snapshot,
        PolicySettings settings,
        IReadOnlyList<NodeVerdict> nodes,
        bool underWay,
        DateTimeOffset? nextWindow)
    {
        var now = snapshot.Now;
        var times = new List<DateTimeOffset>();

        // 1. A node must be acted on the moment it crosses maxNodeAge: exactly at launch + maxNodeAge.
        times.AddRange(nodes.Where(n => n.LaunchTime is not null && !n.Expired).Select(n => n.LaunchTime!.Value + settings.MaxNodeAge));

        // 1a. A NotReady node must be replaced the moment it has been NotReady for notReadyReplaceAfter: nothing else
        //     changes then (its kubelet has stopped writing).
        if (settings.NotReadyReplaceAfter is { } bound)
        {
            times.AddRange(nodes.Where(n => !n.Unmanaged && !n.NotReadyTooLong && n.NotReadySince is not null).Select(n => n.NotReadySince!.Value + bound));
        }

        // 2. Work held back by the windows may start when the next opens.
        if (nextWindow is { } window)
        {
            times.Add(window);
        }

        // 3. The catalog will know of a newer AMI only after its cache expires; an expired cache means look now.
        if (snapshot.AmiCacheExpiresAt is { } cache)
        {
            times.Add(cache < now ? now : cache);
        }

        // 4. A soaking AMI becomes the target when its soak ends.
        foreach (var latest in (snapshot.FamilyAmis?.Values ?? []).Append(snapshot.LatestAmi))
        {
            if (latest is AmiFound { SoakStart: { } created } && created + settings.SoakTime > now)
            {
                times.Add(created + settings.SoakTime);
            }
        }

        // 5. Refreshes and replacements move without telling us: poll them.
        if (underWay)
        {
            times.Add(now + Poll);
        }

        return times.Count == 0 ? null : times.Min();
    }
}
