using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WindowsNodeOperator.Cli.Plan;

/// <summary>Writes a <see cref="PlanResult"/> as an 80-column report or as JSON.</summary>
internal static class PlanWriter
{
    private const string PublicWindowsParameters = "/aws/service/ami-windows-latest/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(TextWriter output, PlanResult plan, OutputFormat format, Terminal terminal)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        if (format == OutputFormat.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(plan, Json));
            return;
        }

        foreach (var line in Lines(plan, terminal).SelectMany(l => l.Length == 0 ? [l] : Wrap.Lines(l)))
        {
            output.WriteLine(line);
        }
    }

    private static IEnumerable<string> Lines(PlanResult plan, Terminal terminal)
    {
        var c = plan.Counts;
        yield return $"Policy {plan.Policy} at {Time(plan.At)}: {c.Total} nodes, {c.Expired} expired, {c.Drifted} drifted, {c.Compliant} compliant, {c.Unmanaged} unmanaged";
        if (plan.LatestAmi is { } ami)
        {
            yield return $"Latest AMI {ami.ImageId}" + (plan.AmiParameter is { } p ? $" from {Parameter(p)}" : string.Empty);
            yield return $"  image created {Time(ami.CreatedAt)}, released {Time(ami.PublishedAt)} (SSM LastModifiedDate), soak ends {Time(ami.SoakEndsAt)}";
            if (ami.Hold is { } hold)
            {
                yield return "  held: " + hold;
            }
        }
        else
        {
            yield return "Latest AMI unknown" + (plan.AmiParameter is { } p ? $" ({Parameter(p)})" : string.Empty);
        }

        yield return "Now: " + terminal.Paint(plan.Now, plan.WaitReason is null && plan.ReplacementsDue ? ConsoleColor.Yellow : ConsoleColor.Gray);
        if (plan.DryRunWouldDo is { } would)
        {
            yield return "  dry run: would " + would;
        }

        yield return plan.WindowOpen
            ? plan.NextWindow is null ? "Window: no maintenance windows, work may start any time" : "Window: open now"
            : $"Window: closed, the next opens {Time(plan.NextWindow)}";
        if (plan.Budget is { } budget)
        {
            yield return $"Budget: maxUnavailable {budget.MaxUnavailable}; {budget.Unavailable} out now, {budget.Left} left";
        }

        foreach (var missing in plan.MissingGroups)
        {
            yield return $"Missing group: {missing} does not exist";
        }

        yield return string.Empty;
        var groups = new TextTable(["ORDER", "GROUP", "SIZE", "DUE", "STEPS"]);
        foreach (var g in plan.Groups)
        {
            groups.Add(
                g.Order?.ToString(CultureInfo.InvariantCulture) ?? "-",
                g.Group,
                g.DesiredCapacity.ToString(CultureInfo.InvariantCulture),
                g.NodesDue.ToString(CultureInfo.InvariantCulture),
                g.Blocked is not null ? "blocked" : g.Steps.Count == 0 ? "nothing due" : string.Join(", ", g.Steps));
        }

        foreach (var line in groups.Aligned())
        {
            yield return line;
        }

        foreach (var g in plan.Groups.Where(g => g.TargetImageId != plan.LatestAmi?.ImageId))
        {
            yield return $"  {g.Group} targets {g.TargetImageId ?? "no AMI (no launch template)"}, not the latest";
        }

        foreach (var g in plan.Groups.Where(g => g.Blocked is not null))
        {
            yield return $"  {g.Group} blocked: {g.Blocked}";
        }

        if (plan.Batches.Count > 0)
        {
            yield return string.Empty;
            var batches = new TextTable(["BATCH", "GROUP", "NODE", "WHY", "STARTS", "WINDOW"]);
            foreach (var b in plan.Batches)
            {
                foreach (var n in b.Nodes)
                {
                    batches.Add(
                        b.Number.ToString(CultureInfo.InvariantCulture),
                        b.Group,
                        n.Node.Split('.')[0],
                        n.Why,
                        Short(b.StartsAt),
                        b.WindowStart is { } ws ? $"{ws.UtcDateTime:HH:mm}-{b.WindowEnd?.UtcDateTime:HH:mm}" : "any time");
                }
            }

            foreach (var line in batches.Aligned((i, cell) => i == 3
                ? terminal.Paint(cell, cell.StartsWith("expired", StringComparison.Ordinal) ? ConsoleColor.Red : ConsoleColor.Yellow)
                : cell))
            {
                yield return line;
            }
        }

        yield return string.Empty;
        yield return "Batches of an instance refresh run back to back; replacements start only in a window (UTC times).";
        yield return plan.DrainBlockers.Count == 0
            ? "PodDisruptionBudgets: none would block a drain"
            : "PodDisruptionBudgets that would block a drain:";
        foreach (var blocker in plan.DrainBlockers)
        {
            yield return "  " + terminal.Paint(blocker, ConsoleColor.Red);
        }

        yield return plan.Batches.Count == 0
            ? "Nothing due: every managed node is compliant."
            : plan.CompliantBy is { } by
                ? $"Compliant by about {Time(by)}: {plan.Batches.Count} batches of about {plan.BatchMinutes}m (drain.timeout + refresh.instanceWarmup + {(int)PlanRollout.BootEstimate.TotalMinutes}m boot), in the maintenance windows."
                : "Compliant: never, no maintenance window opens again.";
    }

    /// <summary>The public parameters' long prefix is left out so the name fits a line; json carries the whole name.</summary>
    private static string Parameter(string name) =>
        name.StartsWith(PublicWindowsParameters, StringComparison.Ordinal) ? ".../" + name[PublicWindowsParameters.Length..] : name;

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "unknown";

    private static string Short(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : "never";
}
